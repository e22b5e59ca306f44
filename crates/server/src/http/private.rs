//! Answers about one person (the member, their wallet, a till's result): never cached.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// `Cache-Control` of anything personal.
pub const PRIVATE: &str = "private, no-store";

/// JSON with `Cache-Control: private, no-store`.
pub fn private_json<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    let mut res = (status, Json(value)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    res
}
