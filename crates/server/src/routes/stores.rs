//! `GET /api/v1/stores` and `GET /api/v1/stores/{id_or_slug}`: the stores with their
//! weekly hours, coming exceptions and whether they are open now (or at `at`), computed in
//! each store's own time zone; with `near`, nearest first with their distance.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, Utc};
use storefront_api_types::{
    distance_m, parse_near, FieldError, GeoPoint, Problem, Store, StoreList, StoreQuery, Timestamp,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::http::cache::live_json;
use crate::http::extract::{ApiQuery, FromQuery};
use crate::state::AppState;

/// Longest `q` of the store search, in characters.
pub const STORE_Q_MAX_CHARS: usize = 100;

/// The validated query of the store endpoints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoreParams {
    /// Where the shopper is, for distances.
    pub near: Option<GeoPoint>,
    /// Lowercased words of `q`.
    pub words: Vec<String>,
    /// The time to tell open status at.
    pub at: Option<DateTime<Utc>>,
}

fn last<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `near=lat,lng` → a point, or an error naming `#/query/near`.
pub fn parse_near_param(
    pairs: &[(String, String)],
    errors: &mut Vec<FieldError>,
) -> Option<GeoPoint> {
    let raw = last(pairs, "near")?;
    match parse_near(raw) {
        Ok(p) => Some(p),
        Err(message) => {
            errors.push(FieldError {
                pointer: "#/query/near".to_owned(),
                message: message.to_owned(),
            });
            None
        }
    }
}

impl FromQuery for StoreParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let near = parse_near_param(pairs, &mut errors);
        let mut words = Vec::new();
        if let Some(q) = last(pairs, "q") {
            let n = q.chars().count();
            if n > STORE_Q_MAX_CHARS {
                errors.push(FieldError {
                    pointer: "#/query/q".to_owned(),
                    message: format!("expected at most {STORE_Q_MAX_CHARS} characters, got {n}"),
                });
            } else {
                words = q.split_whitespace().map(str::to_lowercase).collect();
            }
        }
        let mut at = None;
        if let Some(raw) = last(pairs, "at") {
            match Timestamp::parse_rfc3339(raw)
                .map(DateTime::<Utc>::from)
            {
                Some(t) => at = Some(t),
                None => errors.push(FieldError {
                    pointer: "#/query/at".to_owned(),
                    message: format!(
                        "expected an RFC 3339 instant such as 2026-11-24T09:30:00+08:00, got {raw:?}"
                    ),
                }),
            }
        }
        if errors.is_empty() {
            Ok(StoreParams { near, words, at })
        } else {
            Err(errors)
        }
    }
}

/// Metres, rounded, as the API reports them.
pub fn metres(a: GeoPoint, b: GeoPoint) -> u32 {
    let d = distance_m(a, b).round();
    if d.is_finite() && d >= 0.0 {
        d.min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// Stores (nearest first with `near`, otherwise by city then name) matching `q`, with their
/// status at `at` or now.
#[utoipa::path(
    get,
    path = "/api/v1/stores",
    operation_id = "listStores",
    tag = "stores",
    params(StoreQuery, ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has")),
    responses(
        (status = 200, description = "The stores, each with its open status in its own time zone and its exceptions of the coming 60 days", body = StoreList,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String, description = "`no-cache`: the status changes with time; revalidate"))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "`near`, `q` or `at` is malformed; `errors` names it (`#/query/near`)", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<StoreParams>,
) -> ApiResult<Response> {
    let directory = state.stores.get(&state.db).await?;
    let now = params.at.unwrap_or_else(Utc::now);
    let mut data: Vec<Store> = directory
        .stores
        .iter()
        .filter(|s| s.matches(&params.words))
        .map(|s| {
            let mut store = s.at(now);
            store.distance_m = params.near.map(|p| metres(p, s.location()));
            store
        })
        .collect();
    if params.near.is_some() {
        // Stable: equal distances keep the city-then-name order.
        data.sort_by_key(|s| s.distance_m);
    }
    live_json(&headers, &StoreList { data })
}

/// One store with its weekly hours, exceptions and status (at `at` or now); with `near`,
/// its distance.
#[utoipa::path(
    get,
    path = "/api/v1/stores/{id_or_slug}",
    operation_id = "getStore",
    tag = "stores",
    params(
        ("id_or_slug" = String, Path, min_length = 1, max_length = 100, description = "Store id (`s_sh_jingan`) or slug (`shanghai-jingan`)"),
        ("near" = Option<String>, Query, pattern = r"^-?(90(\.0{1,15})?|[1-8]?[0-9](\.[0-9]{1,15})?), ?-?(180(\.0{1,15})?|(1[0-7][0-9]|[1-9]?[0-9])(\.[0-9]{1,15})?)$", description = "The shopper's position `lat,lng`: fills `distance_m`"),
        ("at" = Option<String>, Query, format = DateTime, description = "The instant of `status` (RFC 3339); now when absent"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "The store", body = Store,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String, description = "`no-cache`"))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "`near` or `at` is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id_or_slug): Path<String>,
    ApiQuery(params): ApiQuery<StoreParams>,
) -> ApiResult<Response> {
    let directory = state.stores.get(&state.db).await?;
    let info = directory
        .get(&id_or_slug)
        .ok_or_else(|| ApiError::NotFound(format!("no store {id_or_slug:?}")))?;
    let mut store = info.at(params.at.unwrap_or_else(Utc::now));
    store.distance_m = params.near.map(|p| metres(p, info.location()));
    live_json(&headers, &store)
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::extract::parse_pairs;

    fn parse(q: &str) -> Result<StoreParams, Vec<FieldError>> {
        StoreParams::from_pairs(&parse_pairs(q))
    }

    #[test]
    fn store_query_validation_names_the_field() {
        let p = parse("near=31.2,121.4&q=Jing%27an+Shanghai&at=2026-11-23T17:30:00-08:00")
            .unwrap_or_default();
        assert!(p.near.is_some());
        assert_eq!(p.words, ["jing'an", "shanghai"]);
        assert_eq!(
            p.at.map(|t| t.timestamp()),
            Timestamp::parse_rfc3339("2026-11-24T01:30:00Z").map(|t| t.unix())
        );
        let long = "x".repeat(101);
        for (q, field) in [
            ("near=91,0", "near"),
            ("near=abc", "near"),
            ("near=31,200", "near"),
            (&format!("q={long}") as &str, "q"),
            ("at=yesterday", "at"),
            ("at=2026-02-30T10:00:00Z", "at"),
        ] {
            let e = parse(q).err().unwrap_or_default();
            assert_eq!(e.len(), 1, "{q}");
            assert_eq!(e[0].pointer, format!("#/query/{field}"), "{q}");
        }
    }
}
