//! The member's session on the wire: the `sf_session` cookie, the [`Session`] extractor,
//! and the CSRF guard of the session routes.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use storefront_api_types::{FieldError, ProblemCode};

use crate::digest::sha256_hex;
use crate::error::ApiError;
use crate::members::{unauthenticated, SESSION_COOKIE, SESSION_SECONDS};
use crate::state::AppState;

pub use crate::spa::is_https;

/// The `Set-Cookie` of a session (or of its removal with `None`).
pub fn session_cookie(id: Option<&str>, secure: bool) -> Result<HeaderValue, ApiError> {
    let secure = if secure { "; Secure" } else { "" };
    let v = match id {
        Some(id) => format!(
            "{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{secure}"
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&v).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The session id of the request's cookie, if any.
pub fn cookie_session(headers: &HeaderMap) -> Option<String> {
    session_id_cookie(headers, SESSION_COOKIE)
}

/// The value of the cookie `name` (a member's or a marketer's session, a kiosk's device, the
/// shopper's language), if the request has one of a session id's length (1 to 100
/// characters).
pub fn session_id_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 100)
}

/// The signed-in member of a request (from the session cookie); rejection 401.
#[derive(Debug, Clone)]
pub struct Session {
    /// The member.
    pub member_id: i64,
    /// SHA-256 of the session id.
    pub id_sha256: String,
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let id = cookie_session(&parts.headers).ok_or_else(unauthenticated)?;
        let digest = sha256_hex(&id);
        let now = chrono::Utc::now().timestamp();
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT s.member_id FROM member_sessions s JOIN members m ON m.id = s.member_id \
             WHERE s.id_sha256 = ? AND s.expires_at > ?",
        )
        .bind(&digest)
        .bind(now)
        .fetch_optional(&state.db)
        .await?;
        let (member_id,) = row.ok_or_else(unauthenticated)?;
        Ok(Session {
            member_id,
            id_sha256: digest,
        })
    }
}

impl Session {
    /// 401 `unauthenticated` unless the session (and so its member) still exists, read in
    /// the caller's write transaction: a write never lands for a member who signed out or
    /// was deleted after the request's session was read.
    pub async fn still_valid(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    ) -> Result<(), ApiError> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM member_sessions WHERE id_sha256 = ? AND member_id = ?")
                .bind(&self.id_sha256)
                .bind(self.member_id)
                .fetch_optional(&mut **tx)
                .await?;
        row.map(|_| ()).ok_or_else(unauthenticated)
    }
}

/// Refuses cross-site state changes on `/api/v1/me` and `/api/v1/auth`: a POST, PUT, PATCH
/// or DELETE must carry `X-Requested-With: storefront` or an `Origin` of this host;
/// else 403 `csrf`.
pub async fn csrf_guard(req: axum::extract::Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || same_site_request(req.headers()) {
        return next.run(req).await;
    }
    ApiError::Coded {
        code: ProblemCode::Csrf,
        detail: "send `X-Requested-With: storefront` with requests that change data".to_owned(),
        errors: vec![FieldError {
            pointer: "#/header/X-Requested-With".to_owned(),
            message: "expected `storefront`".to_owned(),
        }],
    }
    .into_response()
}

/// Whether a request proves it comes from the app (custom header) or this origin.
pub fn same_site_request(headers: &HeaderMap) -> bool {
    if headers
        .get("x-requested-with")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("storefront"))
    {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    match (host, origin) {
        (Some(host), Some(origin)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.trim_end_matches('/').eq_ignore_ascii_case(host)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csrf_needs_header_or_same_origin() {
        let mut h = HeaderMap::new();
        assert!(!same_site_request(&h));
        h.insert(header::HOST, HeaderValue::from_static("shop.example:8080"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_site_request(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://shop.example:8080"),
        );
        assert!(same_site_request(&h));
        let mut h = HeaderMap::new();
        h.insert("x-requested-with", HeaderValue::from_static("storefront"));
        assert!(same_site_request(&h));
    }
}
