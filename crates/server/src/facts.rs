//! (issue 16, being built) Business facts recorded by the server's own writes.
