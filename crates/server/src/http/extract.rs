//! Extractors whose rejections are problem documents: [`ApiQuery`] for query strings and
//! [`ApiJson`] for JSON bodies.

use super::limits;
use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use storefront_api_types::{percent_decode, BodyFault, FieldError, ProblemCode};

/// A query string parsed and validated field by field, so errors can name the field.
pub trait FromQuery: Sized {
    /// Builds the value from the decoded `key=value` pairs, or lists every invalid field.
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>>;
}

/// Decodes a raw query string into pairs (`+` is a space, `%XX` escapes are UTF-8).
pub fn parse_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(kv), String::new()),
        })
        .collect()
}

/// `?…` parsed with [`FromQuery`]; rejection: 400 `invalid_query` naming each bad field.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T: FromQuery, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let pairs = parse_pairs(parts.uri.query().unwrap_or(""));
        T::from_pairs(&pairs)
            .map(ApiQuery)
            .map_err(ApiError::InvalidQuery)
    }
}

/// A JSON body; rejection: 415/400/422 `invalid_body` with a JSON pointer to the bad field.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|ct| {
                let mime = ct
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json"
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::InvalidBody {
                fault: BodyFault::NotJson,
                detail: "expected a body with Content-Type: application/json".to_owned(),
                errors: Vec::new(),
            });
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(unreadable_body)?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// A body that could not be read: too large (413, the limit of `DefaultBodyLimit`), not
/// in time (408, [`limits::DeadlineBody`]) or broken off (400).
fn unreadable_body(e: BytesRejection) -> ApiError {
    use axum::extract::rejection::FailedToBufferBody;
    match &e {
        BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
            ApiError::Coded {
                code: ProblemCode::BodyTooLarge,
                detail: "the body is larger than the server accepts".to_owned(),
                errors: Vec::new(),
            }
        }
        _ if limits::is_body_timeout(&e) => ApiError::Coded {
            code: ProblemCode::RequestTimeout,
            detail: "the body did not arrive in time".to_owned(),
            errors: Vec::new(),
        },
        _ => ApiError::InvalidBody {
            fault: BodyFault::Malformed,
            detail: format!("could not read the body: {e}"),
            errors: Vec::new(),
        },
    }
}

/// A JSON body whose every fault is 400 `invalid_body` (syntax or shape, with a JSON
/// pointer to the field), 415 without a JSON content type: the write endpoints of stock and
/// reservations, where the client cannot tell the two apart anyway.
#[derive(Debug, Clone)]
pub struct BodyJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for BodyJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match ApiJson::<T>::from_request(req, state).await {
            Ok(ApiJson(v)) => Ok(BodyJson(v)),
            Err(ApiError::InvalidBody {
                fault: BodyFault::Shape,
                detail,
                errors,
            }) => Err(ApiError::InvalidBody {
                fault: BodyFault::Malformed,
                detail,
                errors,
            }),
            Err(e) => Err(e),
        }
    }
}

/// Parses a JSON document; syntax errors are 400, shape errors 422 with a JSON pointer.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|err| {
        let pointer = json_pointer(err.path());
        body_error(pointer, err.into_inner())
    })?;
    de.end().map_err(|e| body_error(String::new(), e))?;
    Ok(value)
}

fn body_error(pointer: String, inner: serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    let syntax = matches!(
        inner.classify(),
        Category::Syntax | Category::Eof | Category::Io
    );
    let (fault, detail) = if syntax {
        (BodyFault::Malformed, "the body is not valid JSON")
    } else {
        (
            BodyFault::Shape,
            "the body does not have the expected shape",
        )
    };
    ApiError::InvalidBody {
        fault,
        detail: detail.to_owned(),
        errors: vec![FieldError {
            pointer,
            message: inner.to_string(),
        }],
    }
}

/// RFC 6901 pointer of a serde path (`items[0].qty` → `/items/0/qty`; root → ``).
fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        out.push('/');
        match seg {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => out.push_str(variant),
            Segment::Unknown => out.push('?'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Line {
        sku: String,
        quantity: u32,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Cart {
        lines: Vec<Line>,
    }

    fn problem_of(body: &str) -> storefront_api_types::Problem {
        match parse_json::<Cart>(body.as_bytes()) {
            Ok(_) => panic!("{body} should be rejected"),
            Err(e) => e.to_problem(),
        }
    }

    #[test]
    fn wrong_shape_is_422_with_pointer() {
        let p = problem_of(r#"{"lines":[{"sku":"A","quantity":1},{"sku":"B","quantity":"two"}]}"#);
        assert_eq!(p.status, 422);
        assert_eq!(p.code, "invalid_body");
        assert_eq!(p.errors[0].pointer, "/lines/1/quantity");
    }

    #[test]
    fn broken_json_is_400() {
        let p = problem_of(r#"{"lines": ["#);
        assert_eq!(p.status, 400);
        assert_eq!(p.code, "invalid_body");
        let p = problem_of(r#"{"lines": []} trailing"#);
        assert_eq!(p.status, 400);
    }

    #[test]
    fn pairs_decode_unicode_and_plus() {
        let pairs = parse_pairs("q=%E8%B7%91%E6%AD%A5+shoes&limit=5&flag");
        assert_eq!(pairs[0], ("q".into(), "跑步 shoes".into()));
        assert_eq!(pairs[1], ("limit".into(), "5".into()));
        assert_eq!(pairs[2], ("flag".into(), String::new()));
    }
}
