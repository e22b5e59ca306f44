//! (issue 16, being built) Events: validation, storage, retention.
