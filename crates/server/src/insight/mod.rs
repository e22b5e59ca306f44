//! (issue 16, being built) The staff's insight reports.
