//! The staff API of the stores, authenticated with the store's API key
//! (`Authorization: Bearer <key>`; only the key's SHA-256 is stored, in `store_api_keys`;
//! keys are made with `storefront-server keys create`; a revoked key is refused at once;
//! in demo mode only, the keys `demo-<store id>` exist too):
//! `PUT /api/v1/staff/stores/{store_id}/stock/{variant_id}` sets a stock figure, and
//! `POST /api/v1/staff/stores/{store_id}/reservations/{code}/collect` hands a reservation over,
//! `POST /api/v1/staff/stores/{store_id}/appointments/{code}/keep` marks a guide appointment
//! kept (the shopper came).

use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use storefront_api_types::{
    Appointment, BodyFault, FieldError, Problem, ProblemCode, Reservation, ReservationStatus,
    StockLevel, StockUpdate, StoreId, Timestamp, VariantId,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::appointments::appointment_response;
use super::reservations::{parse_code, reservation_response};
use crate::db::retry_busy;
use crate::digest::key_digest;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::BodyJson;
use crate::reservations::finish;
use crate::state::AppState;

/// Largest stock figure staff can set.
pub const STOCK_MAX: u32 = 100_000;

fn unauthorized(detail: &str) -> ApiError {
    ApiError::refusal(ProblemCode::Unauthorized, detail)
}

/// The store whose API key the request carries (`Authorization: Bearer <key>`), checked
/// before the body is read: rejection 401 without a key or with an unknown one, so a client
/// without credentials learns nothing about the body it would have to send.
#[derive(Debug, Clone)]
pub struct StaffKey {
    /// The store the key belongs to.
    pub store_id: String,
}

impl FromRequestParts<AppState> for StaffKey {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, rest) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                unauthorized("send the store's API key as `Authorization: Bearer <key>`")
            })?;
        let owner: Option<(String,)> = sqlx::query_as(
            "SELECT store_id FROM store_api_keys WHERE key_sha256 = ? AND revoked_at IS NULL",
        )
        .bind(key_digest(token))
        .fetch_optional(&state.db)
        .await?;
        let (store_id,) = owner.ok_or_else(|| unauthorized("unknown API key"))?;
        Ok(StaffKey { store_id })
    }
}

impl StaffKey {
    /// Checks the key against the store named by the request: 404 for an unknown store,
    /// 403 for another store's key.
    pub async fn authorize(&self, state: &AppState, store_id: &str) -> ApiResult<()> {
        let directory = state.stores.get(&state.db).await?;
        if directory.get(store_id).is_none_or(|s| s.id != store_id) {
            return Err(ApiError::NotFound(format!("no store {store_id:?}")));
        }
        if self.store_id != store_id {
            return Err(ApiError::refusal(
                ProblemCode::Forbidden,
                "this API key belongs to another store",
            ));
        }
        Ok(())
    }
}

fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Sets the units of a variant on hand at the store and free to reserve (a stock count);
/// shoppers see it in availability and the in-stock facet at once.
#[utoipa::path(
    put,
    path = "/api/v1/staff/stores/{store_id}/stock/{variant_id}",
    operation_id = "setStoreStock",
    tag = "staff",
    security(("store_key" = [])),
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id"),
        ("variant_id" = String, Path, min_length = 1, max_length = 100, description = "Variant id"),
    ),
    request_body = StockUpdate,
    responses(
        (status = 200, description = "The figure now", body = StockLevel),
        (status = 400, description = "The body is not `{\"quantity\": 0..=100000}` (`/quantity`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown API key (`WWW-Authenticate: Bearer`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store or variant", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn set_stock(
    State(state): State<AppState>,
    key: StaffKey,
    Path((store_id, variant_id)): Path<(String, String)>,
    request: Request,
) -> ApiResult<Response> {
    // The key and its store first (401, 404, 403), then the body.
    key.authorize(&state, &store_id).await?;
    let BodyJson(update) = BodyJson::<StockUpdate>::from_request(request, &state).await?;
    if update.quantity > STOCK_MAX {
        return Err(ApiError::InvalidBody {
            fault: BodyFault::Malformed,
            detail: format!("quantity must be from 0 to {STOCK_MAX}"),
            errors: vec![FieldError {
                pointer: "/quantity".to_owned(),
                message: format!("expected 0..={STOCK_MAX}, got {}", update.quantity),
            }],
        });
    }
    let known: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM variants WHERE id = ?")
        .bind(&variant_id)
        .fetch_optional(&state.db)
        .await?;
    if known.is_none() {
        return Err(ApiError::NotFound(format!("no variant {variant_id:?}")));
    }
    let now = Utc::now().timestamp();
    let quantity = i64::from(update.quantity);
    {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            let updated = sqlx::query(
                "UPDATE stock SET quantity = ?, updated_at = ? WHERE variant_id = ? AND store_id = ?",
            )
            .bind(quantity)
            .bind(now)
            .bind(&variant_id)
            .bind(&store_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                sqlx::query(
                    "INSERT INTO stock (variant_id, store_id, quantity, updated_at) VALUES (?, ?, ?, ?)",
                )
                .bind(&variant_id)
                .bind(&store_id)
                .bind(quantity)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if quantity > 0 {
                    // A new row with units: the in-stock facet must hear of it (updates are
                    // logged by the stock_crosses_zero trigger).
                    sqlx::query("INSERT INTO stock_changes (variant_id, store_id) VALUES (?, ?)")
                        .bind(&variant_id)
                        .bind(&store_id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            tx.commit().await?;
            Ok(())
        })
        .await?;
    }
    Ok(no_store(
        Json(StockLevel {
            store_id: StoreId(store_id),
            variant_id: VariantId(variant_id),
            quantity: update.quantity,
            updated_at: Timestamp::from_unix(now),
        })
        .into_response(),
    ))
}

/// Marks an active reservation of this store collected (once: a second time is 409
/// `not_active`).
#[utoipa::path(
    post,
    path = "/api/v1/staff/stores/{store_id}/reservations/{code}/collect",
    operation_id = "collectReservation",
    tag = "staff",
    security(("store_key" = [])),
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id"),
        ("code" = String, Path, pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$", description = "Reservation code, 10 characters of 0-9 and A-Z without I, L, O, U (any case)"),
    ),
    responses(
        (status = 200, description = "The reservation, now collected", body = Reservation),
        (status = 400, description = "Malformed code (`#/path/code`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store, or no such reservation at this store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not active: already collected, cancelled or expired (`not_active`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn collect(
    State(state): State<AppState>,
    key: StaffKey,
    headers: HeaderMap,
    Path((store_id, code)): Path<(String, String)>,
) -> ApiResult<Response> {
    key.authorize(&state, &store_id).await?;
    let code = parse_code(&code)?;
    let now = Utc::now();
    let row = finish(
        &state,
        &code,
        ReservationStatus::Collected,
        Some(&store_id),
        now.timestamp(),
    )
    .await?;
    reservation_response(&state, &headers, &row, now, StatusCode::OK).await
}

/// Marks a booked guide appointment of this store kept: the shopper came (the business
/// record counts kept appointments). Marking it again answers it as it is; a cancelled one
/// is 409 `not_active`.
#[utoipa::path(
    post,
    path = "/api/v1/staff/stores/{store_id}/appointments/{code}/keep",
    operation_id = "keepAppointment",
    tag = "staff",
    security(("store_key" = [])),
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id"),
        ("code" = String, Path, pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$", description = "Appointment code, 10 characters of 0-9 and A-Z without I, L, O, U (any case)"),
    ),
    responses(
        (status = 200, description = "The appointment, kept", body = Appointment),
        (status = 400, description = "Malformed code (`#/path/code`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key belongs to another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store, or no such appointment at this store", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_active`: the appointment was cancelled", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn keep(
    State(state): State<AppState>,
    key: StaffKey,
    headers: HeaderMap,
    Path((store_id, code)): Path<(String, String)>,
) -> ApiResult<Response> {
    key.authorize(&state, &store_id).await?;
    let code = parse_code(&code)?;
    let now = Utc::now();
    let row = crate::appointments::keep(&state, &store_id, &code, now.timestamp()).await?;
    appointment_response(&state, &headers, &row, now, StatusCode::OK).await
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(set_stock))
        .routes(routes!(collect))
        .routes(routes!(keep))
}
