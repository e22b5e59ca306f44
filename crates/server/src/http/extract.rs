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
use std::collections::HashMap;
use storefront_api_types::{percent_decode_bytes, BodyFault, FieldError, ProblemCode};

/// A whole number as the schema's `integer` allows it in a query: ASCII digits only (no
/// sign, spaces or fraction), at most 18 of them.
pub fn whole_number(s: &str) -> Option<u64> {
    (!s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A calendar date as the schema's `format: date` has it: `YYYY-MM-DD`, nothing else.
pub fn iso_date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    chrono::NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?)
}

/// A query string parsed and validated field by field, so errors can name the field.
pub trait FromQuery: Sized {
    /// The parameters that may be given more than once (facet values). Every other one
    /// takes one value: given twice, it is refused (400 naming it) before
    /// [`FromQuery::from_pairs`] sees it, so no parameter's first or last silently wins.
    const REPEATABLE: &'static [&'static str] = &[];

    /// Builds the value from the decoded `key=value` pairs, or lists every invalid field.
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>>;
}

/// The one query parser of the API: decodes a raw query string into pairs (`+` is a space,
/// `%XX` escapes must make UTF-8) and refuses a parameter whose name or value is not
/// UTF-8, or that is given more than once unless it is `repeatable`; each refusal names
/// the parameter (`#/query/limit`).
pub fn query_pairs(
    raw: &str,
    repeatable: &[&str],
) -> Result<Vec<(String, String)>, Vec<FieldError>> {
    let (pairs, mut errors) = decode_pairs(raw);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (key, _) in &pairs {
        *counts.entry(key.as_str()).or_default() += 1;
    }
    for (key, _) in &pairs {
        let count = counts.insert(key.as_str(), 0).unwrap_or(0);
        if count > 1 && !repeatable.contains(&key.as_str()) {
            errors.push(FieldError {
                pointer: format!("#/query/{key}"),
                message: format!("given {count} times; this parameter takes one value"),
            });
        }
    }
    if errors.is_empty() {
        Ok(pairs)
    } else {
        Err(errors)
    }
}

/// The pairs of a raw query that decode to UTF-8, and an error naming each that does not.
fn decode_pairs(raw: &str) -> (Vec<(String, String)>, Vec<FieldError>) {
    let mut pairs = Vec::new();
    let mut errors: Vec<FieldError> = Vec::new();
    for kv in raw.split('&').filter(|s| !s.is_empty()) {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let key = String::from_utf8(percent_decode_bytes(k));
        let value = String::from_utf8(percent_decode_bytes(v));
        match (key, value) {
            (Ok(key), Ok(value)) => pairs.push((key, value)),
            (key, _) => {
                let name =
                    key.unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                let pointer = format!("#/query/{name}");
                if !errors.iter().any(|e| e.pointer == pointer) {
                    errors.push(FieldError {
                        pointer,
                        message: "expected UTF-8 text: the percent-encoded bytes are not UTF-8"
                            .to_owned(),
                    });
                }
            }
        }
    }
    (pairs, errors)
}

/// Decodes a query string into pairs, repeated parameters allowed (unit tests of parsers).
#[cfg(test)]
pub fn parse_pairs(raw: &str) -> Vec<(String, String)> {
    decode_pairs(raw).0
}

/// `?…` parsed with [`FromQuery`] after [`query_pairs`]; rejection: 400 `invalid_query`
/// naming each bad field.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T: FromQuery, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let pairs = query_pairs(parts.uri.query().unwrap_or(""), T::REPEATABLE)
            .map_err(ApiError::InvalidQuery)?;
        T::from_pairs(&pairs)
            .map(ApiQuery)
            .map_err(ApiError::InvalidQuery)
    }
}

/// The decoded parameters of a query whose every parameter takes one value, for handlers
/// that read one or two of them themselves.
#[derive(Debug, Clone, Default)]
pub struct SingleParams(pub Vec<(String, String)>);

impl SingleParams {
    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

impl FromQuery for SingleParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        Ok(SingleParams(pairs.to_vec()))
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
                errors: vec![FieldError {
                    pointer: "#/header/Content-Type".to_owned(),
                    message: "expected application/json".to_owned(),
                }],
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

/// Parses a JSON document; syntax errors are 400, shape errors 422, each with the JSON
/// pointer of the field at fault: the field itself when it is missing, given twice or
/// unknown (`/offer`, `/amount/amount_minor`), the innermost field around a syntax error
/// (`/amount` for a body cut off inside it), and the root `""` only when the fault is in
/// no field (a body that is not JSON at all, or broken at its top level).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|err| {
        let mut pointer = json_pointer(err.path());
        let inner = err.into_inner();
        if let Some(field) = named_field(&inner.to_string()) {
            // an unknown field is already the last step of the path
            let token = format!("/{}", escape(field));
            if !pointer.ends_with(&token) {
                pointer.push_str(&token);
            }
        }
        body_error(pointer, inner)
    })?;
    de.end().map_err(|e| body_error(String::new(), e))?;
    Ok(value)
}

/// The field a serde message is about when it names one that is not in the path: a
/// missing, duplicate or unknown field (``missing field `offer` ``).
fn named_field(message: &str) -> Option<&str> {
    ["missing field `", "duplicate field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field)
}

/// A JSON pointer's reference token for `key` (RFC 6901: `~` is `~0`, `/` is `~1`).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
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

/// RFC 6901 pointer of a serde path (`items[0].qty` → `/items/0/qty`; root → ``). A
/// segment serde could not name (a key cut off by a syntax error) ends the pointer at the
/// field around it.
fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", escape(key))),
            Segment::Enum { variant } => out.push_str(&format!("/{}", escape(variant))),
            Segment::Unknown => break,
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
    fn every_body_fault_names_its_field() {
        for (body, status, pointer) in [
            (r#"{}"#, 422, "/lines"),
            (r#"{"lines":[{"sku":"A"}]}"#, 422, "/lines/0/quantity"),
            (r#"{"lines":[],"lines":[]}"#, 422, "/lines"),
            (
                r#"{"lines":[{"sku":"A","sku":"B","quantity":1}]}"#,
                422,
                "/lines/0/sku",
            ),
            (r#"{"lines": }"#, 400, "/lines"),
            (r#"{"lines":[{"sku":"A","#, 400, "/lines/0"),
            (r#"{"lines":[{"sku":"A","quantity":1},"#, 400, "/lines"),
            // No field holds the fault: the root.
            ("not json", 400, ""),
            ("", 400, ""),
            (r#"{"lines" []}"#, 400, ""),
            (r#"{"lines": []} trailing"#, 400, ""),
        ] {
            let p = problem_of(body);
            assert_eq!(p.status, status, "{body}");
            assert_eq!(p.errors.len(), 1, "{body}");
            assert_eq!(p.errors[0].pointer, pointer, "{body}");
        }
    }

    #[test]
    fn repeated_single_parameters_and_bad_utf8_are_refused_by_name() {
        let pointers = |raw: &str, repeatable: &[&str]| -> Vec<String> {
            match query_pairs(raw, repeatable) {
                Ok(_) => Vec::new(),
                Err(e) => e.into_iter().map(|e| e.pointer).collect(),
            }
        };
        assert!(pointers("limit=5&brand=a&brand=b", &["brand"]).is_empty());
        assert_eq!(pointers("limit=5&limit=6&limit=7", &[]), ["#/query/limit"]);
        assert_eq!(
            pointers("q=a&sort=x&q=b&sort=y&brand=a&brand=b", &["brand"]),
            ["#/query/q", "#/query/sort"]
        );
        assert_eq!(pointers("q=%FF", &[]), ["#/query/q"]);
        assert_eq!(pointers("q=%ED%A0%80&limit=5", &[]), ["#/query/q"]);
        assert_eq!(pointers("brand=%C3", &["brand"]), ["#/query/brand"]);
        assert_eq!(pointers("%FF=1", &[]), ["#/query/\u{fffd}"]);
    }

    #[test]
    fn pairs_decode_unicode_and_plus() {
        let pairs = parse_pairs("q=%E8%B7%91%E6%AD%A5+shoes&limit=5&flag");
        assert_eq!(pairs[0], ("q".into(), "跑步 shoes".into()));
        assert_eq!(pairs[1], ("limit".into(), "5".into()));
        assert_eq!(pairs[2], ("flag".into(), String::new()));
    }
}
