//! The staff's kiosks, with the store's API key (`Authorization: Bearer <key>`, checked
//! before the body: 401, then 404 for an unknown store, 403 for another store's key):
//! register a kiosk and get its pairing code, list the kiosks with their health, read one,
//! change its settings, give a new pairing code (re-pairing) and unpair it.

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use storefront_api_types::{
    check_kiosk_settings, is_kiosk_name, BodyFault, FieldError, KioskPairing, KioskSettingsInput,
    NewKiosk, Problem, StaffKiosk, StaffKioskList,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::staff::StaffKey;
use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::ApiJson;
use crate::http::private::{private_json, PRIVATE};
use crate::kiosks::{self, pairing};
use crate::state::AppState;

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get))
        .routes(routes!(put_settings))
        .routes(routes!(new_pairing_code))
        .routes(routes!(unpair))
}

fn with_location(mut res: Response, store: &str, id: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/staff/stores/{store}/kiosks/{id}")) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// Registers a kiosk for the store: `201` with its id and a pairing code (`ABCD-EFGH`,
/// single use, 10 minutes) to type on the kiosk's screen at `/kiosk`.
#[utoipa::path(
    post, path = "/api/v1/staff/stores/{store_id}/kiosks", operation_id = "createKiosk", tag = "staff",
    security(("store_key" = [])),
    params(("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id")),
    request_body = NewKiosk,
    responses(
        (status = 201, description = "The kiosk's pairing code (`Location` of the kiosk)", body = KioskPairing),
        (status = 400, description = "`invalid_body`: `/name` not 1 to 40 characters without control characters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A body of the wrong shape (`invalid_body`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    key: StaffKey,
    Path(store_id): Path<String>,
    request: Request,
) -> ApiResult<Response> {
    key.authorize(&state, &store_id).await?;
    let ApiJson(body) = ApiJson::<NewKiosk>::from_request(request, &state).await?;
    if !is_kiosk_name(&body.name) {
        return Err(ApiError::InvalidBody {
            fault: BodyFault::Malformed,
            detail: "invalid name: 1 to 40 characters, no control characters".to_owned(),
            errors: vec![FieldError {
                pointer: "/name".to_owned(),
                message: "expected 1 to 40 characters without control characters".to_owned(),
            }],
        });
    }
    let now = Utc::now().timestamp();
    let pairing = retry_busy(|| pairing::create(&state.db, &store_id, &body.name, now)).await?;
    let id = pairing.kiosk_id.clone();
    Ok(with_location(
        private_json(StatusCode::CREATED, &pairing),
        &store_id,
        &id,
    ))
}

/// The store's kiosks, oldest first, each with its status (`online`: a heartbeat within
/// 180 s; `stale`; `never_seen`), last heartbeat and settings.
#[utoipa::path(
    get, path = "/api/v1/staff/stores/{store_id}/kiosks", operation_id = "listKiosks", tag = "staff",
    security(("store_key" = [])),
    params(("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id")),
    responses(
        (status = 200, description = "The kiosks (`Cache-Control: private, no-store`)", body = StaffKioskList),
        (status = 401, description = "No or an unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    key: StaffKey,
    Path(store_id): Path<String>,
) -> ApiResult<Response> {
    key.authorize(&state, &store_id).await?;
    let now = Utc::now().timestamp();
    let data: Vec<StaffKiosk> = kiosks::list(&state.db, &store_id)
        .await?
        .iter()
        .map(|k| k.staff(now))
        .collect();
    Ok(private_json(StatusCode::OK, &StaffKioskList { data }))
}

/// One kiosk of the store.
#[utoipa::path(
    get, path = "/api/v1/staff/stores/{store_id}/kiosks/{kiosk_id}", operation_id = "getKiosk", tag = "staff",
    security(("store_key" = [])),
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id"),
        ("kiosk_id" = String, Path, min_length = 1, max_length = 100, description = "Kiosk id"),
    ),
    responses(
        (status = 200, description = "The kiosk", body = StaffKiosk),
        (status = 401, description = "No or an unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store, or no such kiosk at it", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    key: StaffKey,
    Path((store_id, kiosk_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    key.authorize(&state, &store_id).await?;
    let row = kiosks::get_or_404(&state.db, &store_id, &kiosk_id).await?;
    Ok(private_json(
        StatusCode::OK,
        &row.staff(Utc::now().timestamp()),
    ))
}

/// Replaces a kiosk's settings (fields left out take their defaults; `exit_pin` left out
/// keeps the PIN). The kiosk reads them at its next reset. Every fault of range or form is
/// answered at once (`400 invalid_body`, one error per field); an unknown campaign or
/// product is `404` naming it.
#[utoipa::path(
    put, path = "/api/v1/staff/stores/{store_id}/kiosks/{kiosk_id}/settings", operation_id = "putKioskSettings", tag = "staff",
    security(("store_key" = [])),
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id"),
        ("kiosk_id" = String, Path, min_length = 1, max_length = 100, description = "Kiosk id"),
    ),
    request_body = KioskSettingsInput,
    responses(
        (status = 200, description = "The kiosk with its new settings", body = StaffKiosk),
        (status = 400, description = "`invalid_body` naming each field: `/idle_seconds` (30–300), `/warning_seconds` (20–120), `/maintenance_time` (`HH:MM`), `/exit_pin` (4–8 digits or `\"\"`), `/attract_campaign`, `/attract_product_ids` (at most 12)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store or kiosk; or an unknown campaign or product, naming `/attract_campaign` or `/attract_product_ids/{i}`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A body of the wrong shape (`invalid_body`, e.g. an unknown field)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_settings(
    State(state): State<AppState>,
    key: StaffKey,
    Path((store_id, kiosk_id)): Path<(String, String)>,
    request: Request,
) -> ApiResult<Response> {
    key.authorize(&state, &store_id).await?;
    let row = kiosks::get_or_404(&state.db, &store_id, &kiosk_id).await?;
    let ApiJson(input) = ApiJson::<KioskSettingsInput>::from_request(request, &state).await?;
    let errors = check_kiosk_settings(&input);
    if !errors.is_empty() {
        return Err(ApiError::InvalidBody {
            fault: BodyFault::Malformed,
            detail: format!("{} invalid setting(s)", errors.len()),
            errors,
        });
    }
    let products = kiosks::check_references(&state.db, &input).await?;
    retry_busy(|| kiosks::save_settings(&state.db, &row.id, &input, &products)).await?;
    let row = kiosks::get_or_404(&state.db, &store_id, &kiosk_id).await?;
    Ok(private_json(
        StatusCode::OK,
        &row.staff(Utc::now().timestamp()),
    ))
}

/// A new pairing code for the kiosk (to pair a new or reinstalled screen): replaces the
/// previous code and unpairs the screen paired now.
#[utoipa::path(
    post, path = "/api/v1/staff/stores/{store_id}/kiosks/{kiosk_id}/pairing-code", operation_id = "newKioskPairingCode", tag = "staff",
    security(("store_key" = [])),
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id"),
        ("kiosk_id" = String, Path, min_length = 1, max_length = 100, description = "Kiosk id"),
    ),
    responses(
        (status = 201, description = "The new pairing code", body = KioskPairing),
        (status = 401, description = "No or an unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store or kiosk", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn new_pairing_code(
    State(state): State<AppState>,
    key: StaffKey,
    Path((store_id, kiosk_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    key.authorize(&state, &store_id).await?;
    let row = kiosks::get_or_404(&state.db, &store_id, &kiosk_id).await?;
    let now = Utc::now().timestamp();
    let pairing = retry_busy(|| pairing::new_code(&state.db, &row.id, now)).await?;
    Ok(with_location(
        private_json(StatusCode::CREATED, &pairing),
        &store_id,
        &row.id,
    ))
}

/// Unpairs the kiosk: its device secret is revoked, so its next call is `401
/// kiosk_unpaired` and the app leaves kiosk mode (`204`, also when no screen was paired).
#[utoipa::path(
    delete, path = "/api/v1/staff/stores/{store_id}/kiosks/{kiosk_id}/pairing", operation_id = "unpairKiosk", tag = "staff",
    security(("store_key" = [])),
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id"),
        ("kiosk_id" = String, Path, min_length = 1, max_length = 100, description = "Kiosk id"),
    ),
    responses(
        (status = 204, description = "Unpaired"),
        (status = 401, description = "No or an unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store or kiosk", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn unpair(
    State(state): State<AppState>,
    key: StaffKey,
    Path((store_id, kiosk_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    key.authorize(&state, &store_id).await?;
    let row = kiosks::get_or_404(&state.db, &store_id, &kiosk_id).await?;
    retry_busy(|| kiosks::unpair(&state.db, &row.id)).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    Ok(res)
}
