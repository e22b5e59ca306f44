//! The marketing workspace: `POST|GET|DELETE /api/v1/marketing/session` here, the
//! campaigns and their results in [`campaigns`]. Every route is behind the CSRF guard and
//! answers `Cache-Control: private, no-store`; all but signing in need the `sf_marketing`
//! session ([`crate::http::marketing::MarketingUser`]; a store's staff key signs in too, to
//! its session and its store's insight reports, [`crate::routes::insight`], only). The logic
//! is in [`crate::marketing`].

pub mod campaigns;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use storefront_api_types::{MarketingSession, MarketingSignIn, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::client::ClientIp;
use crate::http::extract::BodyJson;
use crate::http::marketing::{cookie_marketing_session, marketing_cookie, WorkspaceUser};
use crate::http::private::{private_json, PRIVATE};
use crate::http::session::{csrf_guard, is_https};
use crate::marketing::session as core;
use crate::members::new_session_id;
use crate::state::AppState;

/// The marketing routes with their OpenAPI operations, behind the CSRF guard.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in, session, sign_out))
        .merge(campaigns::router())
        .route_layer(axum::middleware::from_fn(csrf_guard))
}

/// Signs in to the marketing workspace with a marketing key (`mk_…`, made with
/// `storefront-server marketing-keys create`; `demo-marketing` in demo mode) and sets the
/// session cookie `sf_marketing` (HttpOnly, SameSite=Strict, `Path=/api/v1/marketing`,
/// Secure over HTTPS) for 12 hours. A store's staff key (`sk_…`; `demo-<store id>` in demo
/// mode) signs in to a session of that store (`store_id`), which sees the store's insight
/// reports and nothing else (403 `forbidden`). Wrong keys count per client address: after
/// 10 in 15 minutes every sign-in from it is 429 `rate_limited` with `Retry-After` until
/// the window slides.
#[utoipa::path(
    post, path = "/api/v1/marketing/session", operation_id = "marketingSignIn", tag = "marketing",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = MarketingSignIn,
    responses(
        (status = 201, description = "Signed in (`Set-Cookie: sf_marketing`); `store_id` for a staff key", body = MarketingSession),
        (status = 400, description = "Bad `/key` (`invalid_body`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthorized` (`/key`): a wrong or revoked key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (`Retry-After`): 10 failed sign-ins of the client address in 15 minutes", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    uri: Uri,
    BodyJson(body): BodyJson<MarketingSignIn>,
) -> ApiResult<Response> {
    let n = body.key.chars().count();
    if n == 0 || n > 100 {
        return Err(ApiError::body_field("/key", "1 to 100 characters"));
    }
    let now = Utc::now().timestamp();
    let session_id = new_session_id()?;
    let outcome = {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            let outcome = core::sign_in(&mut tx, &body.key, &ip, &session_id, now).await?;
            tx.commit().await?;
            Ok(outcome)
        })
        .await?
    };
    let session = match outcome {
        Ok(session) => session,
        Err(refused) => {
            // A marketing key is no bearer token: no staff `WWW-Authenticate` challenge.
            let mut res = refused.into_response();
            res.headers_mut().remove(header::WWW_AUTHENTICATE);
            return Ok(res);
        }
    };
    let mut res = private_json(StatusCode::CREATED, &session.to_api());
    res.headers_mut().insert(
        header::SET_COOKIE,
        marketing_cookie(Some(&session_id), is_https(&headers, &uri))?,
    );
    Ok(res)
}

/// The marketing session: the key's label, when the session ends and, for a store's staff,
/// the store.
#[utoipa::path(
    get, path = "/api/v1/marketing/session", operation_id = "getMarketingSession", tag = "marketing",
    responses(
        (status = 200, description = "Signed in", body = MarketingSession),
        (status = 401, description = "`unauthenticated`: no session, or it ended (signed out, expired, key revoked)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn session(WorkspaceUser(user): WorkspaceUser) -> ApiResult<Response> {
    Ok(private_json(StatusCode::OK, &user.to_api()))
}

/// Signs out: ends the session on the server and clears the cookie (204, also without a
/// session).
#[utoipa::path(
    delete, path = "/api/v1/marketing/session", operation_id = "marketingSignOut", tag = "marketing",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    responses(
        (status = 204, description = "Signed out (`Set-Cookie` clears `sf_marketing`)"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    if let Some(id) = cookie_marketing_session(&headers) {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut conn = state.db.acquire().await?;
            core::end(&mut conn, &id).await
        })
        .await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    let h = res.headers_mut();
    h.insert(
        header::SET_COOKIE,
        marketing_cookie(None, is_https(&headers, &uri))?,
    );
    h.insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static(PRIVATE),
    );
    Ok(res)
}
