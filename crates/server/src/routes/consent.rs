//! The member's consent receipt: `GET|PUT /api/v1/me/consent`. The rules (append-only
//! receipts, what a withdrawal deletes) are in [`crate::consent`].

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use storefront_api_types::{ConsentChoice, ConsentReceipt, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::consent;
use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::ApiJson;
use crate::http::private::private_json;
use crate::http::session::{csrf_guard, Session};
use crate::state::AppState;

/// The consent routes with their OpenAPI operations, behind the CSRF guard.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_consent, put_consent))
        .route_layer(axum::middleware::from_fn(csrf_guard))
}

/// The member's current consent receipt (the newest choice, whatever its policy version:
/// an older version than the app's notice means "ask again").
#[utoipa::path(
    get, path = "/api/v1/me/consent", operation_id = "getConsent", tag = "members",
    responses(
        (status = 200, description = "The current receipt (`Cache-Control: private, no-store`)", body = ConsentReceipt),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no choice recorded yet", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_consent(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
    let mut conn = state.db.acquire().await?;
    let receipt = consent::receipt(&mut conn, session.member_id)
        .await?
        .ok_or_else(|| ApiError::NotFound("no consent choice recorded yet".to_owned()))?;
    Ok(private_json(StatusCode::OK, &receipt))
}

/// Records the member's choice per purpose as a new receipt (the history is kept) and
/// answers it. Turning off a purpose the previous receipt granted takes effect at once, in
/// the same transaction: without analytics the member's events are deleted; without
/// personalisation they no longer name the member. `policy_version` must be the current
/// notice's (`422 invalid_body` at `/policy_version`).
#[utoipa::path(
    put, path = "/api/v1/me/consent", operation_id = "putConsent", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = ConsentChoice,
    responses(
        (status = 200, description = "The new receipt (`withdrew` when it turned a purpose off)", body = ConsentReceipt),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_body`: a missing, unknown or mistyped field, or a `policy_version` other than the current notice's", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_consent(
    State(state): State<AppState>,
    session: Session,
    ApiJson(choice): ApiJson<ConsentChoice>,
) -> ApiResult<Response> {
    consent::check_choice(&choice)?;
    let now = Utc::now().timestamp();
    let _writer = state.writes.lock().await;
    let receipt = retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        // Signed out or deleted since the session was read: nothing is recorded.
        session.still_valid(&mut tx).await?;
        let receipt = consent::record(&mut tx, session.member_id, &choice, now).await?;
        tx.commit().await?;
        Ok(receipt)
    })
    .await?;
    Ok(private_json(StatusCode::OK, &receipt))
}
