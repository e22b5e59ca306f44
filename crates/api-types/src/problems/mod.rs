//! Errors: RFC 9457 problem details and their machine codes.

mod code;

pub use code::*;

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldError {
    /// Where the problem is: a JSON pointer into the body (`/quantity`) or, for a query
    /// parameter or path segment, `#/query/limit` / `#/path/id`.
    pub pointer: String,
    /// What is wrong, in English, for developers.
    pub message: String,
}

/// RFC 9457 problem details, the body of every error (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type", default = "about_blank")]
    pub type_: String,
    /// Short summary of the problem type.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// Explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Machine-readable code, stable across versions: `not_found`, `invalid_query`...
    pub code: ProblemCode,
    /// The fields that were invalid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

/// What is wrong with a request body: decides the status of [`ProblemCode::InvalidBody`],
/// the one code answered with more than one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyFault {
    /// Not valid JSON, unreadable, of the wrong shape where the endpoint does not tell
    /// shape from syntax, or a field with an invalid value (400).
    Malformed,
    /// Not sent as JSON: no `application/json` (or `+json`) content type (415).
    NotJson,
    /// Valid JSON of the wrong shape: a missing field, a string for a number (422).
    Shape,
}

impl BodyFault {
    /// The HTTP status of an `invalid_body` problem with this fault.
    pub const fn status(self) -> u16 {
        match self {
            BodyFault::Malformed => 400,
            BodyFault::NotJson => 415,
            BodyFault::Shape => 422,
        }
    }
}

impl Problem {
    /// The problem of `code`: type `about:blank`, the status the code is always answered
    /// with ([`ProblemCode::status`]) and that status's reason phrase as the title.
    /// For `invalid_body` with a 415 or 422, use [`Problem::invalid_body`].
    pub fn new(code: ProblemCode, detail: Option<String>, errors: Vec<FieldError>) -> Self {
        Self::with_status(code, code.status(), detail, errors)
    }

    /// An `invalid_body` problem with the status of its `fault`.
    pub fn invalid_body(fault: BodyFault, detail: Option<String>, errors: Vec<FieldError>) -> Self {
        Self::with_status(ProblemCode::InvalidBody, fault.status(), detail, errors)
    }

    fn with_status(
        code: ProblemCode,
        status: u16,
        detail: Option<String>,
        errors: Vec<FieldError>,
    ) -> Self {
        Self {
            type_: about_blank(),
            title: reason_phrase(status).to_owned(),
            status,
            detail,
            code,
            errors,
        }
    }
}

/// The reason phrase of the statuses problems are answered with (RFC 9110), as the
/// server's HTTP library spells them; `Error` for any other.
pub const fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    }
}
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn problem_omits_empty_fields_and_names_type() {
        let p = Problem {
            type_: "about:blank".into(),
            title: "Not Found".into(),
            status: 404,
            detail: None,
            code: codes::NOT_FOUND.into(),
            errors: vec![],
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"type":"about:blank","title":"Not Found","status":404,"code":"not_found"}"#
        );
    }

    #[test]
    fn a_problem_built_from_its_code_carries_the_code_status() {
        let p = Problem::new(ProblemCode::NotFound, None, vec![]);
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"type":"about:blank","title":"Not Found","status":404,"code":"not_found"}"#
        );
        let p = Problem::new(ProblemCode::SoldOut, Some("none left".to_owned()), vec![]);
        assert_eq!((p.status, p.title.as_str()), (409, "Conflict"));
        for (fault, status, title) in [
            (BodyFault::Malformed, 400, "Bad Request"),
            (BodyFault::NotJson, 415, "Unsupported Media Type"),
            (BodyFault::Shape, 422, "Unprocessable Entity"),
        ] {
            let p = Problem::invalid_body(fault, None, vec![]);
            assert_eq!((p.status, p.title.as_str()), (status, title));
            assert_eq!(p.code, ProblemCode::InvalidBody);
        }
        for code in ProblemCode::ALL {
            assert_ne!(reason_phrase(code.status()), "Error", "{code:?}");
        }
    }

    #[test]
    fn a_problem_with_a_code_this_version_does_not_know_still_decodes() {
        let p: Problem = serde_json::from_str(
            r#"{"type":"about:blank","title":"I'm a teapot","status":418,"code":"teapot"}"#,
        )
        .unwrap();
        assert_eq!((p.status, p.code), (418, ProblemCode::Unknown));
    }
}
