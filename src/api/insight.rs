//! (issue 16, being built) The insight endpoints.
