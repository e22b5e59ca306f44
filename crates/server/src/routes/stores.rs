//! `GET /api/v1/stores` and `GET /api/v1/stores/{id_or_slug}`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use sqlx::SqlitePool;
use storefront_api_types::{
    DayHours, GeoPoint, LocalizedText, Problem, Store, StoreId, StoreList, StoreService, Weekday,
};

use super::cached_json;
use crate::error::{ApiError, ApiResult};
use crate::AppState;

#[derive(Debug, sqlx::FromRow)]
struct StoreRow {
    id: String,
    slug: String,
    name_zh: String,
    name_en: String,
    city_zh: String,
    city_en: String,
    address_zh: String,
    address_en: String,
    phone: String,
    lat: f64,
    lng: f64,
    time_zone: String,
    services: String,
}

#[derive(Debug, sqlx::FromRow)]
struct HoursRow {
    store_id: String,
    weekday: i64,
    open: Option<String>,
    close: Option<String>,
}

fn service(s: &str) -> Option<StoreService> {
    match s.trim() {
        "pickup" => Some(StoreService::Pickup),
        "fitting_rooms" => Some(StoreService::FittingRooms),
        "shopping_guide" => Some(StoreService::ShoppingGuide),
        "returns" => Some(StoreService::Returns),
        _ => None,
    }
}

/// Loads stores (all, or the one with this id or slug), ordered by city then name.
async fn load(db: &SqlitePool, key: Option<&str>) -> Result<Vec<Store>, sqlx::Error> {
    let rows: Vec<StoreRow> = sqlx::query_as(
        "SELECT id, slug, name_zh, name_en, city_zh, city_en, address_zh, address_en, phone, lat, lng, time_zone, services \
         FROM stores WHERE ?1 IS NULL OR id = ?1 OR slug = ?1 ORDER BY city_en, name_en",
    )
    .bind(key)
    .fetch_all(db)
    .await?;
    let hours: Vec<HoursRow> = sqlx::query_as(
        "SELECT store_id, weekday, open, close FROM store_hours ORDER BY store_id, weekday",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let hours = Weekday::ALL
                .iter()
                .enumerate()
                .map(|(i, &weekday)| {
                    let h = hours
                        .iter()
                        .find(|h| h.store_id == r.id && h.weekday == i as i64 + 1);
                    DayHours {
                        weekday,
                        open: h.and_then(|h| h.open.clone()),
                        close: h.and_then(|h| h.close.clone()),
                    }
                })
                .collect();
            Store {
                id: StoreId(r.id),
                slug: r.slug,
                name: LocalizedText::new(r.name_zh, r.name_en),
                city: LocalizedText::new(r.city_zh, r.city_en),
                address: LocalizedText::new(r.address_zh, r.address_en),
                phone: r.phone,
                location: GeoPoint {
                    lat: r.lat,
                    lng: r.lng,
                },
                time_zone: r.time_zone,
                hours,
                services: r.services.split(',').filter_map(service).collect(),
            }
        })
        .collect())
}

/// Every store, ordered by city then name.
#[utoipa::path(
    get,
    path = "/api/v1/stores",
    operation_id = "listStores",
    tag = "stores",
    params(("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has")),
    responses(
        (status = 200, description = "The stores", body = StoreList,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let data = load(&state.db, None).await?;
    cached_json(&headers, &StoreList { data })
}

/// One store with its weekly hours.
#[utoipa::path(
    get,
    path = "/api/v1/stores/{id_or_slug}",
    operation_id = "getStore",
    tag = "stores",
    params(
        ("id_or_slug" = String, Path, description = "Store id (`s_sh_jingan`) or slug (`shanghai-jingan`)"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "The store", body = Store,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 404, description = "No such store", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id_or_slug): Path<String>,
) -> ApiResult<Response> {
    let store = load(&state.db, Some(&id_or_slug))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound(format!("no store {id_or_slug:?}")))?;
    cached_json(&headers, &store)
}
