//! The kiosk's device on the wire: the `sf_kiosk` cookie (HttpOnly, SameSite=Lax, Path=/,
//! 400 days, Secure over HTTPS, like the member's session cookie) and the [`KioskDevice`]
//! extractor of the kiosk routes, whose rejection is `401 kiosk_unpaired` with the cookie
//! cleared.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use storefront_api_types::ProblemCode;

use crate::error::ApiError;
use crate::http::session::{is_https, session_id_cookie};
use crate::kiosks::{self, KioskRow, KIOSK_COOKIE, KIOSK_COOKIE_SECONDS};
use crate::state::AppState;

/// The `Set-Cookie` of a device secret (or of its removal with `None`).
pub fn kiosk_cookie(secret: Option<&str>, secure: bool) -> Result<HeaderValue, ApiError> {
    let secure = if secure { "; Secure" } else { "" };
    let (value, age) = match secret {
        Some(s) => (s, KIOSK_COOKIE_SECONDS),
        None => ("", 0),
    };
    let v =
        format!("{KIOSK_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={age}{secure}");
    HeaderValue::from_str(&v).map_err(|e| ApiError::Internal(e.to_string()))
}

/// The paired kiosk of the request's device cookie; rejection `401 kiosk_unpaired` (no,
/// unknown or revoked cookie), which clears the cookie.
#[derive(Debug, Clone)]
pub struct KioskDevice(pub KioskRow);

impl FromRequestParts<AppState> for KioskDevice {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let secure = is_https(&parts.headers, &parts.uri);
        let found = match session_id_cookie(&parts.headers, KIOSK_COOKIE) {
            Some(secret) => {
                let lookup = async {
                    let mut conn = state.db.acquire().await?;
                    Ok::<_, ApiError>(kiosks::by_device(&mut conn, &secret).await?)
                };
                lookup.await.map_err(IntoResponse::into_response)?
            }
            None => None,
        };
        match found {
            Some(row) => Ok(KioskDevice(row)),
            None => {
                let mut res = ApiError::refusal(
                    ProblemCode::KioskUnpaired,
                    "this device is not paired with a kiosk (or was unpaired)",
                )
                .into_response();
                if let Ok(v) = kiosk_cookie(None, secure) {
                    res.headers_mut().insert(header::SET_COOKIE, v);
                }
                Err(res)
            }
        }
    }
}
