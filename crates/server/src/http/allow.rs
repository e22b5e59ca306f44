//! 405 answers: a problem document, with the `Allow` list axum derives from the methods
//! routed at the path (the SPA's fallback answers `GET, HEAD` itself).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The body of every 405 on a routed path; axum adds `Allow` after it.
pub async fn method_not_allowed() -> Response {
    ApiError::MethodNotAllowed.into_response()
}

/// Writes axum's `Allow` list (`GET,HEAD,POST`) with a space after each comma, as this
/// API always has (`GET, HEAD, POST`).
pub async fn spaced_allow(mut res: Response) -> Response {
    if res.status() != StatusCode::METHOD_NOT_ALLOWED {
        return res;
    }
    let spaced = res
        .headers()
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .map(spaced_list)
        .and_then(|v| HeaderValue::from_str(&v).ok());
    if let Some(v) = spaced {
        res.headers_mut().insert(header::ALLOW, v);
    }
    res
}

/// `GET,HEAD` → `GET, HEAD` (idempotent).
fn spaced_list(list: &str) -> String {
    list.split(',')
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_get_a_space_after_each_comma() {
        assert_eq!(spaced_list("GET,HEAD,POST"), "GET, HEAD, POST");
        assert_eq!(spaced_list("GET, HEAD"), "GET, HEAD");
        assert_eq!(spaced_list("POST"), "POST");
    }
}
