//! Caching of JSON answers: weak ETags, `304 Not Modified`, and the `Cache-Control` of
//! catalogue and live answers.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::digest::hex;
use crate::error::ApiError;

/// `Cache-Control` of catalogue responses.
pub const CATALOGUE_CACHE: &str = "public, max-age=60";
/// `Cache-Control` of answers that change with time or stock (store status, availability):
/// any cache must revalidate (a cheap `304` when the ETag still matches).
pub const LIVE_CACHE: &str = "no-cache";

/// A weak ETag of a body (weak because compression changes the bytes on the wire).
pub fn etag_of(body: &[u8]) -> String {
    format!("W/\"{}\"", hex(&Sha256::digest(body)[..12]))
}

/// Whether an `If-None-Match` header matches `etag` (weak comparison, RFC 9110 §13.1.2).
pub fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let ours = strip(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || strip(t) == ours)
}

/// JSON with an ETag and public caching; `304 Not Modified` when the client has it.
pub fn cached_json<T: Serialize>(
    request_headers: &HeaderMap,
    value: &T,
) -> Result<Response, ApiError> {
    etag_json(request_headers, value, CATALOGUE_CACHE)
}

/// JSON with an ETag and `Cache-Control: no-cache` (revalidated on every use).
pub fn live_json<T: Serialize>(
    request_headers: &HeaderMap,
    value: &T,
) -> Result<Response, ApiError> {
    etag_json(request_headers, value, LIVE_CACHE)
}

/// JSON with an ETag and the given `Cache-Control`; `304 Not Modified` when the client has it.
pub fn etag_json<T: Serialize>(
    request_headers: &HeaderMap,
    value: &T,
    cache_control: &'static str,
) -> Result<Response, ApiError> {
    let body =
        serde_json::to_vec(value).map_err(|e| ApiError::Internal(format!("serialising: {e}")))?;
    let etag = etag_of(&body);
    let etag_value = HeaderValue::from_str(&etag).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut res = if if_none_match(request_headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut res = body.into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        res
    };
    let h = res.headers_mut();
    h.insert(header::ETAG, etag_value);
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_uses_weak_comparison_and_lists() {
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", W/\"abc\""),
        );
        assert!(if_none_match(&h, "W/\"abc\""));
        assert!(!if_none_match(&h, "W/\"abd\""));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(if_none_match(&h, "W/\"zzz\""));
    }
}
