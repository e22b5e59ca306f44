//! Recommendations: `GET /api/v1/products/{id_or_slug}/also-viewed`,
//! `GET /api/v1/recommendations/popular` and `GET /api/v1/me/recommendations`. The lists
//! come from the recommendations job ([`crate::recommend`]); these handlers read them.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::collections::HashSet;
use storefront_api_types::{
    FieldError, Problem, ProblemCode, RecommendationReason, Recommendations, RECOMMENDATIONS_MAX,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::http::cache::cached_json;
use crate::http::extract::{whole_number, ApiQuery, FromQuery};
use crate::http::private::private_json;
use crate::http::session::Session;
use crate::recommend::read;
use crate::state::AppState;

/// `limit` when none is given.
pub const LIMIT_DEFAULT: u32 = 12;
/// Longest `store_id`.
pub const STORE_ID_MAX_CHARS: usize = 100;

/// `?limit=` (and, for popular products, `?store_id=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    /// How many, 1..=[`RECOMMENDATIONS_MAX`].
    pub limit: u32,
    /// Popular at this store (id or slug).
    pub store_id: Option<String>,
}

impl FromQuery for ListParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v);
        let mut errors = Vec::new();
        let mut limit = LIMIT_DEFAULT;
        if let Some(l) = get("limit") {
            match whole_number(l) {
                Some(n) if (1..=u64::from(RECOMMENDATIONS_MAX)).contains(&n) => limit = n as u32,
                _ => errors.push(FieldError {
                    pointer: "#/query/limit".to_owned(),
                    message: format!(
                        "expected an integer from 1 to {RECOMMENDATIONS_MAX}, got {l:?}"
                    ),
                }),
            }
        }
        let store_id = get("store_id").cloned();
        if let Some(s) = &store_id {
            let n = s.chars().count();
            if n == 0 || n > STORE_ID_MAX_CHARS {
                errors.push(FieldError {
                    pointer: "#/query/store_id".to_owned(),
                    message: format!("expected a store id of 1 to {STORE_ID_MAX_CHARS} characters"),
                });
            }
        }
        if errors.is_empty() {
            Ok(ListParams { limit, store_id })
        } else {
            Err(errors)
        }
    }
}

/// "Shoppers also viewed": the products seen in the same visits as this one, best first
/// (the cosine of their visit sets; a pair counts once two visits saw both). Never the
/// product itself nor one the catalogue no longer has. Updated by the recommendations job
/// (every 5 minutes by default); empty until visits have been counted.
#[utoipa::path(
    get,
    path = "/api/v1/products/{id_or_slug}/also-viewed",
    operation_id = "listAlsoViewed",
    tag = "catalogue",
    params(
        ("id_or_slug" = String, Path, min_length = 1, max_length = 100, description = "Product id or slug"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 24, description = "How many, 1..=24, default 12"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "Products, best first, each with reason `also_viewed` naming this product", body = Recommendations,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "`limit` is malformed or out of range (`#/query/limit`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such product", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn also_viewed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id_or_slug): Path<String>,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Response> {
    let id = read::product_id(&state.db, &id_or_slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no product {id_or_slug:?}")))?;
    let reason = read::also_viewed_reason(&id);
    let wanted = read::also_viewed(&state.db, &id, params.limit)
        .await?
        .into_iter()
        .map(|p| (p, reason.clone()))
        .collect();
    let data = read::cards(&state.db, wanted).await?;
    cached_json(&headers, &Recommendations { data })
}

/// Popular products: the most `view_item` events and reservations of the last 30 days
/// (China Standard Time days), over every store or, with `store_id`, at that store (the
/// store in context of a view, the store of a reservation). Reason `popular`. Updated by
/// the recommendations job.
#[utoipa::path(
    get,
    path = "/api/v1/recommendations/popular",
    operation_id = "listPopularProducts",
    tag = "catalogue",
    params(
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 24, description = "How many, 1..=24, default 12"),
        ("store_id" = Option<String>, Query, min_length = 1, max_length = 100, description = "Only views and reservations at this store (id or slug)"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "Products, best first", body = Recommendations,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "`limit` or `store_id` is malformed or out of range (`#/query/limit`, `#/query/store_id`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such store (`#/query/store_id`)", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn popular(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Response> {
    let scope = match &params.store_id {
        None => String::new(),
        Some(key) => {
            let directory = state.stores.get(&state.db).await?;
            let store = directory.get(key).ok_or_else(|| ApiError::NotFoundField {
                detail: format!("no store {key:?}"),
                pointer: "#/query/store_id".to_owned(),
            })?;
            store.id.clone()
        }
    };
    let wanted = read::popular(&state.db, &scope, params.limit as usize, &HashSet::new())
        .await?
        .into_iter()
        .map(|p| (p, RecommendationReason::Popular))
        .collect();
    let data = read::cards(&state.db, wanted).await?;
    cached_json(&headers, &Recommendations { data })
}

/// "For you": from the member's own history on the server (their product events, most
/// recent first): the products shoppers also viewed with those, the most recent weighing
/// most, each "because you viewed" the one that gave it most; never one they viewed; then
/// popular products to fill the list. Only with the member's personalisation consent under
/// the current policy version, else `403 consent_required` (the app then uses what the
/// device knows and popular products).
#[utoipa::path(
    get,
    path = "/api/v1/me/recommendations",
    operation_id = "getMyRecommendations",
    tag = "members",
    params(
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 24, description = "How many, 1..=24, default 12"),
    ),
    responses(
        (status = 200, description = "Products, best first, with reason `because_you_viewed` or `popular`", body = Recommendations),
        (status = 400, description = "`limit` is malformed or out of range (`#/query/limit`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`consent_required`: the member's current receipt does not grant personalisation (or is of an older policy version)", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn for_me(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Response> {
    let consent = {
        let mut conn = state.db.acquire().await?;
        crate::consent::current(&mut conn, session.member_id).await?
    };
    if !consent.is_some_and(|c| c.personalisation) {
        return Err(ApiError::refusal(
            ProblemCode::ConsentRequired,
            "recommendations from your history need your consent to personalisation; \
             popular products (GET /api/v1/recommendations/popular) need none",
        ));
    }
    let limit = params.limit as usize;
    let history = read::history(&state.db, session.member_id).await?;
    let recent: Vec<String> = history.iter().take(read::HISTORY_SCORED).cloned().collect();
    let neighbours = read::neighbours_of(&state.db, &recent).await?;
    let mut wanted: Vec<(String, RecommendationReason)> = read::blend(&history, &neighbours, limit)
        .into_iter()
        .map(|(p, because)| (p, read::because_reason(&because)))
        .collect();
    let mut leave_out: HashSet<String> = history.into_iter().collect();
    leave_out.extend(wanted.iter().map(|w| w.0.clone()));
    let fill = read::popular(&state.db, "", limit, &leave_out).await?;
    wanted.extend(fill.into_iter().map(|p| (p, RecommendationReason::Popular)));
    let mut data = read::cards(&state.db, wanted).await?;
    data.truncate(limit);
    Ok(private_json(StatusCode::OK, &Recommendations { data }))
}

/// The routes of this module, with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(also_viewed))
        .routes(routes!(popular))
        .routes(routes!(for_me))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::extract::parse_pairs;

    fn parse(q: &str) -> Result<ListParams, Vec<FieldError>> {
        ListParams::from_pairs(&parse_pairs(q))
    }

    #[test]
    fn limit_and_store_bounds() {
        assert_eq!(parse("").map(|p| p.limit), Ok(12));
        assert_eq!(parse("limit=24").map(|p| p.limit), Ok(24));
        assert_eq!(
            parse("store_id=s_sh_jingan").map(|p| p.store_id),
            Ok(Some("s_sh_jingan".to_owned()))
        );
        for (bad, field) in [
            ("limit=0", "limit"),
            ("limit=25", "limit"),
            ("limit=x", "limit"),
            ("limit=", "limit"),
            ("store_id=", "store_id"),
        ] {
            let e = parse(bad).err().unwrap_or_default();
            assert_eq!(e.len(), 1, "{bad}");
            assert_eq!(e[0].pointer, format!("#/query/{field}"), "{bad}");
        }
        let long = format!("store_id={}", "s".repeat(101));
        assert!(parse(&long).is_err());
    }
}
