//! (issue 16, being built) The events endpoints.
