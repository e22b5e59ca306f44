//! The one error type of the HTTP layer, rendered as RFC 9457 problem details
//! (`application/problem+json`, body [`storefront_api_types::Problem`]).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use storefront_api_types::{codes, FieldError, Problem, PROBLEM_JSON};

/// Every way a request can fail.
#[derive(Debug)]
pub enum ApiError {
    /// A query parameter is malformed or out of range (400).
    InvalidQuery(Vec<FieldError>),
    /// A path segment is malformed (400).
    InvalidPath(Vec<FieldError>),
    /// The body is not JSON (400) or has the wrong shape (422); the status says which.
    InvalidBody {
        status: StatusCode,
        detail: String,
        errors: Vec<FieldError>,
    },
    /// The resource does not exist (404); the detail names it.
    NotFound(String),
    /// A resource named by a request field does not exist (404), e.g. `?category=nope`.
    NotFoundField { detail: String, pointer: String },
    /// The method is not allowed on this path (405).
    MethodNotAllowed,
    /// The database failed. Logged; the client learns nothing more than "internal".
    Database(sqlx::Error),
    /// Anything else that went wrong on our side. Logged, never shown.
    Internal(String),
    /// The service cannot answer now (503), e.g. the database is down.
    Unavailable(String),
    /// Any other refusal, with its machine code: 401 `unauthorized`, 403 `forbidden`,
    /// 409 `out_of_stock` / `not_active`, 422 `idempotency_conflict`, 400 `invalid_header`...
    /// The status follows from the code ([`refusal_status`]).
    Coded {
        code: &'static str,
        detail: String,
        errors: Vec<FieldError>,
    },
}

/// The store does not offer reserve-for-pickup (409).
pub use storefront_api_types::codes::PICKUP_UNAVAILABLE;

impl ApiError {
    /// A single-field query error.
    pub fn query(field: &str, message: impl Into<String>) -> Self {
        ApiError::InvalidQuery(vec![FieldError {
            pointer: format!("#/query/{field}"),
            message: message.into(),
        }])
    }

    /// A refusal with its code and a detail (no field); the status follows from the code.
    pub fn refusal(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Coded {
            code,
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// A refusal naming the field at `pointer`, whose message is the detail.
    pub fn refusal_at(code: &'static str, pointer: &str, detail: &str) -> Self {
        ApiError::Coded {
            code,
            detail: detail.to_owned(),
            errors: vec![FieldError {
                pointer: pointer.to_owned(),
                message: detail.to_owned(),
            }],
        }
    }

    /// A body field that is invalid (400 `invalid_body`, pointer `/field`).
    pub fn body_field(pointer: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::InvalidBody {
            status: StatusCode::BAD_REQUEST,
            detail: format!("invalid {}: {message}", field_name(pointer)),
            errors: vec![FieldError {
                pointer: pointer.to_owned(),
                message,
            }],
        }
    }

    /// The HTTP status of the error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidQuery(_) | ApiError::InvalidPath(_) => StatusCode::BAD_REQUEST,
            ApiError::InvalidBody { status, .. } => *status,
            ApiError::NotFound(_) | ApiError::NotFoundField { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Coded { code, .. } => refusal_status(code),
        }
    }

    /// The problem document a client sees.
    pub fn to_problem(&self) -> Problem {
        let status = self.status();
        let (code, detail, errors) = match self {
            ApiError::InvalidQuery(errors) => (
                codes::INVALID_QUERY,
                Some(summary("query parameter", errors)),
                errors.clone(),
            ),
            ApiError::InvalidPath(errors) => (
                codes::INVALID_PATH,
                Some(summary("path segment", errors)),
                errors.clone(),
            ),
            ApiError::InvalidBody { detail, errors, .. } => {
                (codes::INVALID_BODY, Some(detail.clone()), errors.clone())
            }
            ApiError::NotFound(what) => (codes::NOT_FOUND, Some(what.clone()), Vec::new()),
            ApiError::NotFoundField { detail, pointer } => (
                codes::NOT_FOUND,
                Some(detail.clone()),
                vec![FieldError {
                    pointer: pointer.clone(),
                    message: detail.clone(),
                }],
            ),
            ApiError::MethodNotAllowed => (
                codes::METHOD_NOT_ALLOWED,
                Some("this method is not allowed on this path".to_owned()),
                Vec::new(),
            ),
            ApiError::Database(_) | ApiError::Internal(_) => (codes::INTERNAL, None, Vec::new()),
            ApiError::Unavailable(detail) => (codes::UNAVAILABLE, Some(detail.clone()), Vec::new()),
            ApiError::Coded {
                code,
                detail,
                errors,
                ..
            } => (*code, Some(detail.clone()), errors.clone()),
        };
        Problem {
            type_: "about:blank".to_owned(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            code: code.into(),
            errors,
        }
    }
}

/// The status of each refusal code: the one place a code meets its status.
pub fn refusal_status(code: &str) -> StatusCode {
    use storefront_api_types::member_codes as m;
    match code {
        codes::INVALID_HEADER => StatusCode::BAD_REQUEST,
        codes::UNAUTHORIZED | m::UNAUTHENTICATED => StatusCode::UNAUTHORIZED,
        codes::FORBIDDEN | m::CSRF => StatusCode::FORBIDDEN,
        m::UNKNOWN_STORE => StatusCode::NOT_FOUND,
        codes::OUT_OF_STOCK
        | codes::NOT_ACTIVE
        | codes::PICKUP_UNAVAILABLE
        | codes::SLOT_FULL
        | codes::GUIDE_UNAVAILABLE
        | m::TOKEN_USED
        | m::RECEIPT_USED
        | m::ALREADY_CLAIMED
        | m::SOLD_OUT
        | m::OFFER_INACTIVE
        | m::COUPON_USED
        | m::COUPON_EXPIRED
        | m::COUPON_NOT_VALID_HERE => StatusCode::CONFLICT,
        codes::IDEMPOTENCY_CONFLICT
        | codes::SLOT_UNAVAILABLE
        | m::CODE_INVALID
        | m::TERMS_REQUIRED
        | m::TOKEN_EXPIRED
        | m::TOKEN_INVALID => StatusCode::UNPROCESSABLE_ENTITY,
        m::RATE_LIMITED => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::BAD_REQUEST,
    }
}

fn summary(what: &str, errors: &[FieldError]) -> String {
    match errors {
        [one] => format!(
            "invalid {what} {}: {}",
            field_name(&one.pointer),
            one.message
        ),
        many => format!("{} invalid {what}s", many.len()),
    }
}

fn field_name(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::Database(e)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Database(e) => write!(f, "database error: {e}"),
            ApiError::Internal(e) => write!(f, "internal error: {e}"),
            other => write!(f, "{}", other.to_problem().detail.unwrap_or_default()),
        }
    }
}

impl std::error::Error for ApiError {}

/// Renders a problem document with the right media type and `Cache-Control: no-store`.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_else(|_| b"{}".to_vec());
    let mut res = (status, body).into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Database(e) => tracing::error!(error = %e, "database error"),
            ApiError::Internal(e) => tracing::error!(error = %e, "internal error"),
            ApiError::Unavailable(e) => tracing::warn!(error = %e, "service unavailable"),
            _ => {}
        }
        // A 405's `Allow` is axum's (the methods routed at the path), or the SPA's.
        let mut res = problem_response(&self.to_problem());
        if let ApiError::Coded { code, errors, .. } = &self {
            if *code == storefront_api_types::member_codes::RATE_LIMITED {
                // The limiter writes "retry after N s" into the field's message.
                let secs = errors
                    .iter()
                    .filter_map(|e| e.message.strip_prefix("retry after "))
                    .filter_map(|m| m.trim_end_matches(" s").parse::<u32>().ok())
                    .next()
                    .unwrap_or(60);
                res.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            if *code == codes::UNAUTHORIZED {
                res.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"storefront-staff\""),
                );
            }
        }
        res
    }
}

/// Handler result.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_details() {
        let p = ApiError::Internal("secret path /etc".into()).to_problem();
        assert_eq!(p.status, 500);
        assert_eq!(p.code, codes::INTERNAL);
        assert!(p.detail.is_none());
    }

    #[test]
    fn query_errors_name_the_field() {
        let p = ApiError::query("limit", "expected an integer from 1 to 100").to_problem();
        assert_eq!(p.status, 400);
        assert_eq!(p.code, codes::INVALID_QUERY);
        assert_eq!(p.errors[0].pointer, "#/query/limit");
        assert!(p.detail.unwrap_or_default().contains("limit"));
    }
}
