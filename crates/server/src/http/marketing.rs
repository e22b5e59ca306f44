//! The marketing session on the wire: the `sf_marketing` cookie (HttpOnly,
//! SameSite=Strict, only sent to `/api/v1/marketing`, Secure over HTTPS), the
//! [`MarketingUser`] extractor of the marketing routes (marketing keys' sessions only) and
//! the [`WorkspaceUser`] extractor of the routes store staff may use too (their session, the
//! insight reports).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};

use storefront_api_types::ProblemCode;

use crate::error::ApiError;
use crate::marketing::session::{
    self, unauthenticated, MarketingSessionRow, MARKETING_COOKIE, MARKETING_COOKIE_PATH,
    MARKETING_SESSION_SECONDS,
};
use crate::state::AppState;

/// The `Set-Cookie` of a marketing session (or of its removal with `None`).
pub fn marketing_cookie(id: Option<&str>, secure: bool) -> Result<HeaderValue, ApiError> {
    let secure = if secure { "; Secure" } else { "" };
    let (value, age) = match id {
        Some(id) => (id, MARKETING_SESSION_SECONDS),
        None => ("", 0),
    };
    let v = format!(
        "{MARKETING_COOKIE}={value}; Path={MARKETING_COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age={age}{secure}"
    );
    HeaderValue::from_str(&v).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The marketing session id of the request's cookie, if any.
pub fn cookie_marketing_session(headers: &HeaderMap) -> Option<String> {
    crate::http::session::session_id_cookie(headers, MARKETING_COOKIE)
}

/// Anyone signed in to the workspace (from the `sf_marketing` cookie): a marketer, or a
/// store's staff (`store_id` set); rejection 401 `unauthenticated`. Read on every request,
/// so a revoked key's sessions stop at once.
#[derive(Debug, Clone)]
pub struct WorkspaceUser(pub MarketingSessionRow);

impl FromRequestParts<AppState> for WorkspaceUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let id = cookie_marketing_session(&parts.headers).ok_or_else(unauthenticated)?;
        let mut conn = state.db.acquire().await?;
        session::lookup(&mut conn, &id, chrono::Utc::now().timestamp())
            .await?
            .map(WorkspaceUser)
            .ok_or_else(unauthenticated)
    }
}

/// A signed-in marketer (a marketing key's session); rejection 401 `unauthenticated`
/// without a session, 403 `forbidden` for a store's staff (who see their store's insight
/// reports only).
#[derive(Debug, Clone)]
pub struct MarketingUser(pub MarketingSessionRow);

impl FromRequestParts<AppState> for MarketingUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let WorkspaceUser(user) = WorkspaceUser::from_request_parts(parts, state).await?;
        if user.store_id.is_some() {
            return Err(ApiError::refusal(
                ProblemCode::Forbidden,
                "a store's staff key opens the insight reports of its store only; sign in with a marketing key",
            ));
        }
        Ok(MarketingUser(user))
    }
}
