//! `Idempotency-Key`: the header every write that must happen once carries, as an
//! extractor ([`IdempotencyKey`]), and with the JSON body it guards ([`Idempotent`]).

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;
use storefront_api_types::{FieldError, ProblemCode};

use crate::error::{ApiError, ApiResult};
use crate::http::extract::BodyJson;

/// Longest `Idempotency-Key`, in characters.
pub const IDEMPOTENCY_KEY_MAX: usize = 100;

/// The request's `Idempotency-Key`: one, 1 to 100 visible ASCII characters; else 400
/// `invalid_header`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(pub String);

impl IdempotencyKey {
    /// The key of these headers (required).
    pub fn from_headers(headers: &HeaderMap) -> ApiResult<Self> {
        let bad = |message: &str| ApiError::Coded {
            code: ProblemCode::InvalidHeader,
            detail: format!("invalid header Idempotency-Key: {message}"),
            errors: vec![FieldError {
                pointer: "#/header/Idempotency-Key".to_owned(),
                message: message.to_owned(),
            }],
        };
        let mut values = headers.get_all("idempotency-key").iter();
        let value = values.next().ok_or_else(|| {
            bad("required: a unique key per reservation attempt, reused on retries")
        })?;
        if values.next().is_some() {
            return Err(bad("send one Idempotency-Key"));
        }
        let key = value.as_bytes();
        if key.is_empty()
            || key.len() > IDEMPOTENCY_KEY_MAX
            || !key.iter().all(|b| (0x21..=0x7e).contains(b))
        {
            return Err(bad(&format!(
                "expected 1 to {IDEMPOTENCY_KEY_MAX} visible ASCII characters"
            )));
        }
        Ok(IdempotencyKey(String::from_utf8_lossy(key).into_owned()))
    }

    /// The key of these headers when there is one (optional keys); a bad one is refused.
    pub fn optional(headers: &HeaderMap) -> ApiResult<Option<Self>> {
        if headers.contains_key("idempotency-key") {
            Self::from_headers(headers).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Self::from_headers(&parts.headers)
    }
}

/// A JSON body ([`BodyJson`]) with its required `Idempotency-Key`: the body is checked
/// first, then the key, so a bad body is reported before a missing key.
#[derive(Debug, Clone)]
pub struct Idempotent<T> {
    /// The key.
    pub key: IdempotencyKey,
    /// The body.
    pub body: T,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Idempotent<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let headers = parts.headers.clone();
        let BodyJson(body) =
            BodyJson::<T>::from_request(Request::from_parts(parts, body), state).await?;
        let key = IdempotencyKey::from_headers(&headers)?;
        Ok(Idempotent { key, body })
    }
}
