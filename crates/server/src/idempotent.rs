//! Writes that must happen once (`Idempotency-Key`): what such a write did, and the one rule
//! for a key that was used before.

use crate::error::ApiError;

/// What a write under an `Idempotency-Key` did.
#[derive(Debug)]
pub enum Written<T> {
    /// It created `T`.
    Created(T),
    /// The same key and request as an earlier write: that write's `T`.
    Replayed(T),
}

/// An earlier write under the same key: the same answer again when the request is the same
/// (equal SHA-256 of the request), else 422 `idempotency_conflict`.
pub fn replay<T>(
    earlier: T,
    earlier_sha256: &str,
    request_sha256: &str,
) -> Result<Written<T>, ApiError> {
    if earlier_sha256 == request_sha256 {
        Ok(Written::Replayed(earlier))
    } else {
        Err(ApiError::idempotency_conflict())
    }
}
