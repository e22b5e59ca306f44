//! The one error type of the HTTP layer, rendered as RFC 9457 problem details
//! (`application/problem+json`, body [`storefront_api_types::Problem`]).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use storefront_api_types::{BodyFault, FieldError, Problem, ProblemCode, PROBLEM_JSON};

/// Every way a request can fail.
#[derive(Debug)]
pub enum ApiError {
    /// A query parameter is malformed or out of range (400).
    InvalidQuery(Vec<FieldError>),
    /// A path segment is malformed (400).
    InvalidPath(Vec<FieldError>),
    /// The body is unreadable or has an invalid field (400), is not sent as JSON (415) or
    /// has the wrong shape (422); the fault says which.
    InvalidBody {
        /// What is wrong with the body.
        fault: BodyFault,
        /// What went wrong.
        detail: String,
        /// The invalid fields.
        errors: Vec<FieldError>,
    },
    /// The resource does not exist (404); the detail names it.
    NotFound(String),
    /// A resource named by a request field does not exist (404), e.g. `?category=nope`.
    NotFoundField {
        /// What was not found.
        detail: String,
        /// The field that named it.
        pointer: String,
    },
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
    /// The status is the code's ([`ProblemCode::status`]).
    Coded {
        /// Its code.
        code: ProblemCode,
        /// What went wrong.
        detail: String,
        /// The invalid fields.
        errors: Vec<FieldError>,
    },
}

impl ApiError {
    /// A single-field query error.
    pub fn query(field: &str, message: impl Into<String>) -> Self {
        ApiError::InvalidQuery(vec![FieldError {
            pointer: format!("#/query/{field}"),
            message: message.into(),
        }])
    }

    /// A refusal with its code and a detail (no field); the status follows from the code.
    pub fn refusal(code: ProblemCode, detail: impl Into<String>) -> Self {
        ApiError::Coded {
            code,
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// A refusal naming the field at `pointer`, whose message is the detail.
    pub fn refusal_at(code: ProblemCode, pointer: &str, detail: &str) -> Self {
        ApiError::Coded {
            code,
            detail: detail.to_owned(),
            errors: vec![FieldError {
                pointer: pointer.to_owned(),
                message: detail.to_owned(),
            }],
        }
    }

    /// 422 `idempotency_conflict`: the `Idempotency-Key` was used before with another body.
    pub fn idempotency_conflict() -> Self {
        ApiError::Coded {
            code: ProblemCode::IdempotencyConflict,
            detail: "this Idempotency-Key was used for a different request; use a new key"
                .to_owned(),
            errors: vec![FieldError {
                pointer: "#/header/Idempotency-Key".to_owned(),
                message: "already used with another body".to_owned(),
            }],
        }
    }

    /// A body field that is invalid (400 `invalid_body`, pointer `/field`).
    pub fn body_field(pointer: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::InvalidBody {
            fault: BodyFault::Malformed,
            detail: format!("invalid {}: {message}", field_name(pointer)),
            errors: vec![FieldError {
                pointer: pointer.to_owned(),
                message,
            }],
        }
    }

    /// The HTTP status of the error: its problem's.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.to_problem().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The machine code of the error.
    pub fn code(&self) -> ProblemCode {
        match self {
            ApiError::InvalidQuery(_) => ProblemCode::InvalidQuery,
            ApiError::InvalidPath(_) => ProblemCode::InvalidPath,
            ApiError::InvalidBody { .. } => ProblemCode::InvalidBody,
            ApiError::NotFound(_) | ApiError::NotFoundField { .. } => ProblemCode::NotFound,
            ApiError::MethodNotAllowed => ProblemCode::MethodNotAllowed,
            ApiError::Database(_) | ApiError::Internal(_) => ProblemCode::Internal,
            ApiError::Unavailable(_) => ProblemCode::Unavailable,
            ApiError::Coded { code, .. } => *code,
        }
    }

    /// The problem document a client sees: built from the error's code, which decides its
    /// status (an `invalid_body`'s from its fault).
    pub fn to_problem(&self) -> Problem {
        let (detail, errors) = match self {
            ApiError::InvalidQuery(errors) => {
                (Some(summary("query parameter", errors)), errors.clone())
            }
            ApiError::InvalidPath(errors) => {
                (Some(summary("path segment", errors)), errors.clone())
            }
            ApiError::InvalidBody {
                fault,
                detail,
                errors,
            } => return Problem::invalid_body(*fault, Some(detail.clone()), errors.clone()),
            ApiError::NotFound(what) => (Some(what.clone()), Vec::new()),
            ApiError::NotFoundField { detail, pointer } => (
                Some(detail.clone()),
                vec![FieldError {
                    pointer: pointer.clone(),
                    message: detail.clone(),
                }],
            ),
            ApiError::MethodNotAllowed => (
                Some("this method is not allowed on this path".to_owned()),
                Vec::new(),
            ),
            ApiError::Database(_) | ApiError::Internal(_) => (None, Vec::new()),
            ApiError::Unavailable(detail) => (Some(detail.clone()), Vec::new()),
            ApiError::Coded { detail, errors, .. } => (Some(detail.clone()), errors.clone()),
        };
        Problem::new(self.code(), detail, errors)
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
            if *code == ProblemCode::RateLimited {
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
            if matches!(
                code,
                ProblemCode::RequestTimeout | ProblemCode::BodyTooLarge
            ) {
                // The rest of the body is not read: the connection cannot carry another request.
                res.headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            if *code == ProblemCode::Unauthorized {
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
        assert_eq!(p.code, ProblemCode::Internal);
        assert!(p.detail.is_none());
    }

    #[test]
    fn query_errors_name_the_field() {
        let p = ApiError::query("limit", "expected an integer from 1 to 100").to_problem();
        assert_eq!(p.status, 400);
        assert_eq!(p.code, ProblemCode::InvalidQuery);
        assert_eq!(p.errors[0].pointer, "#/query/limit");
        assert!(p.detail.unwrap_or_default().contains("limit"));
    }
}
