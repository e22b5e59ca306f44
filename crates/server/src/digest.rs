//! Hex and SHA-256 digests: of stored secrets (session ids, codes, staff keys), of request
//! fingerprints, and of ETags.

use sha2::{Digest, Sha256};

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lowercase hex SHA-256 of text.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// The stored form of a store's staff API key: lowercase hex SHA-256.
pub fn key_digest(key: &str) -> String {
    sha256_hex(key)
}
