//! `GET /api/v1/variants/{id}/availability?near=`: a variant's live stock at every store.
//!
//! The SPA polls it every 3 seconds while a product page is open, with `If-None-Match`, so
//! it is one indexed query (the variant and its stock rows, by primary key) and an answer
//! built from the in-memory stores; `Cache-Control: no-cache` makes every use revalidate.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Utc;
use std::collections::HashMap;
use storefront_api_types::{
    FieldError, GeoPoint, Problem, StockStatus, StoreAvailability, StoreId, Timestamp,
    VariantAvailability, VariantId,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::stores::{metres, parse_near_param};
use crate::error::{ApiError, ApiResult};
use crate::http::cache::live_json;
use crate::http::extract::{ApiQuery, FromQuery};
use crate::state::AppState;

/// `updated_at` reported for a store with no stock row for the variant (it never stocked
/// it): the demo data's fixed "now", when every seeded figure was taken.
pub const NEVER_STOCKED_AT: i64 = storefront_demo::EPOCH_END;

/// `?near=`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AvailabilityParams {
    /// Where the shopper is, for distances.
    pub near: Option<GeoPoint>,
}

impl FromQuery for AvailabilityParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let near = parse_near_param(pairs, &mut errors);
        if errors.is_empty() {
            Ok(AvailabilityParams { near })
        } else {
            Err(errors)
        }
    }
}

/// The variant at every store: units free to reserve (`status` in/low/out), whether the
/// store offers pickup and when a reservation made now would be ready; nearest first with
/// `near`, otherwise by city then name.
#[utoipa::path(
    get,
    path = "/api/v1/variants/{id}/availability",
    operation_id = "getVariantAvailability",
    tag = "stock",
    params(
        ("id" = String, Path, min_length = 1, max_length = 100, description = "Variant id (`v_000042_01`)"),
        ("near" = Option<String>, Query, pattern = r"^-?(90(\.0{1,15})?|[1-8]?[0-9](\.[0-9]{1,15})?), ?-?(180(\.0{1,15})?|(1[0-7][0-9]|[1-9]?[0-9])(\.[0-9]{1,15})?)$", description = "The shopper's position `lat,lng` (degrees): nearest store first, with `distance_m`"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has (poll with it: an unchanged answer is a bodiless 304)"),
    ),
    responses(
        (status = 200, description = "Stock at every store", body = VariantAvailability,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String, description = "`no-cache`: revalidate on every use"))),
        (status = 304, description = "Unchanged since the client's copy"),
        (status = 400, description = "`near` is malformed (`#/query/near`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such variant", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiQuery(params): ApiQuery<AvailabilityParams>,
) -> ApiResult<Response> {
    let rows: Vec<(Option<String>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT s.store_id, s.quantity, s.updated_at FROM variants v \
         LEFT JOIN stock s ON s.variant_id = v.id WHERE v.id = ?",
    )
    .bind(&id)
    .fetch_all(&state.db)
    .await?;
    if rows.is_empty() {
        return Err(ApiError::NotFound(format!("no variant {id:?}")));
    }
    let stock: HashMap<String, (i64, i64)> = rows
        .into_iter()
        .filter_map(|(s, q, at)| Some((s?, (q.unwrap_or(0), at.unwrap_or(NEVER_STOCKED_AT)))))
        .collect();
    let directory = state.stores.get(&state.db).await?;
    let now = Utc::now();
    let mut data: Vec<StoreAvailability> = directory
        .stores
        .iter()
        .map(|s| {
            let (q, at) = stock.get(&s.id).copied().unwrap_or((0, NEVER_STOCKED_AT));
            let quantity = u32::try_from(q).unwrap_or(0);
            StoreAvailability {
                store_id: StoreId(s.id.clone()),
                store_name: s.store.name.clone(),
                city: s.store.city.clone(),
                time_zone: s.store.time_zone.clone(),
                status: StockStatus::of(quantity),
                quantity: Some(quantity),
                pickup: s.pickup,
                pickup_ready_at: (quantity > 0 && s.pickup)
                    .then(|| s.schedule.ready_at(now))
                    .flatten()
                    .map(Timestamp::from),
                updated_at: Timestamp::from_unix(at),
                distance_m: params.near.map(|p| metres(p, s.location())),
            }
        })
        .collect();
    if params.near.is_some() {
        data.sort_by_key(|a| a.distance_m);
    }
    let body = VariantAvailability {
        variant_id: VariantId(id),
        in_stock_stores: data.iter().filter(|a| a.quantity.unwrap_or(0) > 0).count() as u32,
        data,
    };
    live_json(&headers, &body)
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}
