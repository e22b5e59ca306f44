//! [`ApiError`]: why a request failed, as a value the page can render.

use std::fmt;

use storefront_api_types::{Problem, ProblemCode};

/// Why a request failed, as a value the page can render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request did not reach the server (offline, DNS, connection refused, CORS).
    Network,
    /// No answer within [`super::TIMEOUT_MS`]; the request was aborted.
    Timeout,
    /// The server answered with an error status, usually with problem details.
    Http {
        /// HTTP status.
        status: u16,
        /// The `application/problem+json` body, when it had one (boxed: errors stay small).
        problem: Option<Box<Problem>>,
    },
    /// The body was not the expected JSON.
    Decode(String),
}

impl ApiError {
    /// The resource does not exist (404 or `not_found`).
    pub fn is_not_found(&self) -> bool {
        match self {
            ApiError::Http { status, problem } => {
                *status == 404
                    || problem
                        .as_ref()
                        .is_some_and(|p| p.code == ProblemCode::NotFound)
            }
            _ => false,
        }
    }

    /// The problem's machine code ([`ProblemCode::OutOfStock`]), when the server answered
    /// with problem details.
    pub fn problem_code(&self) -> Option<ProblemCode> {
        match self {
            ApiError::Http {
                problem: Some(p), ..
            } => Some(p.code),
            _ => None,
        }
    }

    /// The field the problem names first: a JSON pointer into the request body (`/phone`).
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Http {
                problem: Some(p), ..
            } => p.errors.first().map(|f| f.pointer.as_str()),
            _ => None,
        }
    }

    /// No session, or one the server no longer knows (401): sign in again.
    pub fn is_unauthenticated(&self) -> bool {
        matches!(self, ApiError::Http { status: 401, .. })
    }

    /// The machine code to show in small print: the problem's `code`, else the status.
    pub fn code(&self) -> String {
        match self {
            ApiError::Network => "network".to_owned(),
            ApiError::Timeout => "timeout".to_owned(),
            ApiError::Http { status, problem } => problem
                .as_ref()
                .map(|p| p.code.to_string())
                .unwrap_or_else(|| format!("http_{status}")),
            ApiError::Decode(_) => "decode".to_owned(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network => f.write_str("the API could not be reached"),
            ApiError::Timeout => f.write_str("the API did not answer in time"),
            ApiError::Http {
                status,
                problem: Some(p),
            } => {
                write!(f, "HTTP {status}: {} ({})", p.title, p.code)
            }
            ApiError::Http {
                status,
                problem: None,
            } => write!(f, "HTTP {status}"),
            ApiError::Decode(e) => write!(f, "unexpected response body: {e}"),
        }
    }
}

impl std::error::Error for ApiError {}
