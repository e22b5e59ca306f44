//! Events: `POST /api/v1/events` (a batch of one visit's events, sent after analytics
//! consent) and `DELETE /api/v1/events/sessions/{session_id}` (a visit's events, deleted
//! when the shopper withdraws analytics). The rules are in [`crate::events`].

use axum::extract::{DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use std::net::IpAddr;
use storefront_api_types::{
    check_event_batch, is_event_session, BodyFault, EventBatch, EventsAccepted, FieldError,
    Problem, EVENT_BODY_MAX,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult};
use crate::events::{ingest, limit};
use crate::http::client::ClientIp;
use crate::http::extract::ApiJson;
use crate::http::session::cookie_session;
use crate::sign_in_limits::rate_limited;
use crate::state::AppState;

/// The events routes with their OpenAPI operations; a body is read up to
/// [`EVENT_BODY_MAX`] bytes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(ingest_events))
        .routes(routes!(delete_session))
        .layer(DefaultBodyLimit::max(EVENT_BODY_MAX))
}

/// Counts one request of `client` (429 over the limit, naming `pointer`: what was sent
/// too often).
fn admit(state: &AppState, client: IpAddr, pointer: &str) -> ApiResult<()> {
    let limiter = &state.event_limits;
    limiter
        .admit(client, limiter.now_ms())
        .map_err(|secs| rate_limited(i64::from(secs), pointer))
}

/// Stores a batch of one visit's events (1 to 50), sent only after analytics consent.
/// The batch is checked whole first: unknown fields or names, wrong types and each fault
/// of [`check_event_batch`] (per event: the time within an hour before and five minutes
/// after the server's clock, the items and parameters its name takes) are `422
/// invalid_body` with every field at fault, and nothing is stored. Then each event is
/// stored without personal data; one naming a store, product or variant the server does
/// not know is dropped and counted. With a member session whose receipt grants analytics
/// and personalisation, the events name the member by a random reference. Per client
/// address: at most 60 requests and 1,500 events a minute (`429 rate_limited` with
/// `Retry-After`, nothing stored).
#[utoipa::path(
    post, path = "/api/v1/events", operation_id = "sendEvents", tag = "events",
    request_body = EventBatch,
    responses(
        (status = 202, description = "Stored (`accepted`) but the events `dropped` for naming what the server does not know", body = EventsAccepted),
        (status = 400, description = "`invalid_body`: not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`body_too_large`: over 64 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_body`: an unknown field or name, a wrong type, or a fault of the batch, each at its field (`/events/3/at`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (`Retry-After`): too many batches or events from this client", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn ingest_events(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    req: Request,
) -> ApiResult<Response> {
    let client = limit::client_key(&ip);
    admit(&state, client, "/events")?;
    let session = cookie_session(req.headers()).map(|id| sha256_hex(&id));
    let ApiJson(batch) = ApiJson::<EventBatch>::from_request(req, &state).await?;
    let limiter = &state.event_limits;
    let count = u32::try_from(batch.events.len()).unwrap_or(u32::MAX);
    limiter
        .add_events(client, count, limiter.now_ms())
        .map_err(|secs| rate_limited(i64::from(secs), "/events"))?;
    let now = Utc::now().timestamp();
    let faults = check_event_batch(&batch, now);
    if !faults.is_empty() {
        return Err(ApiError::InvalidBody {
            fault: BodyFault::Shape,
            detail: format!("{} fields of the batch are invalid", faults.len()),
            errors: faults,
        });
    }
    let dir = state.stores.get(&state.db).await?;
    let prepared = ingest::prepare(&state.db, &dir, &batch, now).await?;
    ingest::store(
        &state.db,
        &state.writes,
        &prepared.rows,
        session.as_deref(),
        now,
    )
    .await?;
    let answer = EventsAccepted {
        accepted: u32::try_from(prepared.rows.len()).unwrap_or(u32::MAX),
        dropped: prepared.dropped,
    };
    Ok((StatusCode::ACCEPTED, Json(answer)).into_response())
}

/// Deletes every event of one visit: the app calls it when the shopper withdraws
/// analytics, so that visit's history goes too. No credential: the session id is 128
/// random bits only that visit knows. `204` whether or not there were any; the same rate
/// limit per client as sending events.
#[utoipa::path(
    delete, path = "/api/v1/events/sessions/{session_id}", operation_id = "deleteEventSession", tag = "events",
    params(("session_id" = String, Path, pattern = "^[A-Za-z0-9_-]{22}$", description = "The visit's random session id")),
    responses(
        (status = 204, description = "The visit's events are deleted"),
        (status = 400, description = "`invalid_path`: not a session id (`#/path/session_id`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_session(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(session_id): Path<String>,
) -> ApiResult<Response> {
    admit(&state, limit::client_key(&ip), "#/path/session_id")?;
    if !is_event_session(&session_id) {
        return Err(ApiError::InvalidPath(vec![FieldError {
            pointer: "#/path/session_id".to_owned(),
            message: "expected 22 base64url characters".to_owned(),
        }]));
    }
    let deleted = ingest::delete_session(&state.db, &state.writes, &session_id).await?;
    tracing::debug!(deleted, "deleted a visit's events");
    Ok(StatusCode::NO_CONTENT.into_response())
}
