//! `GET /api/v1/search/suggest?q=`: what the search box offers while the shopper types;
//! `POST /api/v1/search/clicks`: a product opened from a search's results, what popular
//! searches are counted from.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse as _, Response};
use storefront_api_types::{FieldError, Problem, SearchClick, SearchSuggestions};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::facets::matching_categories;
use super::filters::{parse_q, MAX_VALUE_CHARS, Q_MAX_CHARS};
use crate::error::{ApiError, ApiResult};
use crate::http::cache::cached_json;
use crate::http::client::ClientIp;
use crate::http::extract::{ApiQuery, BodyJson, FromQuery};
use crate::search::text::normalized_query;
use crate::search::SearchPlan;
use crate::state::AppState;

/// Popular queries offered for a query.
pub const MAX_QUERIES: i64 = 5;
/// Popular queries offered for an empty query.
pub const MAX_POPULAR: i64 = 8;
/// Categories offered.
pub const MAX_CATEGORIES: usize = 3;
/// Products offered.
pub const MAX_PRODUCTS: u32 = 5;
/// Popular queries read at a time while looking for ones that may be offered.
const POPULAR_PAGE: i64 = 32;
/// Most popular queries looked at for one answer.
const POPULAR_SCAN: i64 = 256;

/// `?q=` of suggestions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestParams {
    /// Trimmed; `None` when absent or blank.
    pub q: Option<String>,
}

impl FromQuery for SuggestParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let q = parse_q(pairs, &mut errors);
        if errors.is_empty() {
            Ok(SuggestParams { q })
        } else {
            Err(errors)
        }
    }
}

/// Popular queries matching `normalized` (by text, full pinyin or initials): those that
/// start with it first, then those that contain it; more searched first. Only queries that
/// may be offered (in their counted form, finding products) are taken.
async fn popular(state: &AppState, normalized: &str) -> Result<Vec<String>, sqlx::Error> {
    let compact: String = normalized.chars().filter(|c| !c.is_whitespace()).collect();
    let limit = if normalized.is_empty() {
        MAX_POPULAR
    } else {
        MAX_QUERIES
    };
    let mut out: Vec<String> = Vec::new();
    let mut offset = 0;
    while offset < POPULAR_SCAN {
        let page: Vec<String> = if normalized.is_empty() {
            sqlx::query_scalar(
                "SELECT query FROM popular_queries ORDER BY count DESC, query LIMIT ?1 OFFSET ?2",
            )
            .bind(POPULAR_PAGE)
            .bind(offset)
            .fetch_all(&state.db)
            .await?
        } else {
            sqlx::query_scalar(
                "SELECT query FROM popular_queries \
                 WHERE instr(query, ?1) > 0 OR instr(pinyin, ?2) > 0 OR instr(initials, ?2) > 0 \
                 ORDER BY CASE WHEN instr(query, ?1) = 1 OR instr(pinyin, ?2) = 1 OR instr(initials, ?2) = 1 THEN 0 ELSE 1 END, \
                 count DESC, query LIMIT ?3 OFFSET ?4",
            )
            .bind(normalized)
            .bind(&compact)
            .bind(POPULAR_PAGE)
            .bind(offset)
            .fetch_all(&state.db)
            .await?
        };
        let full = page.len() as i64 == POPULAR_PAGE;
        for q in state.search.offerable(&state.db, page).await? {
            if (out.len() as i64) < limit {
                out.push(q);
            }
        }
        if !full || out.len() as i64 >= limit {
            break;
        }
        offset += POPULAR_PAGE;
    }
    Ok(out)
}

/// Categories and products for a normalized, non-empty query (none for an empty one).
async fn matches(
    state: &AppState,
    normalized: &str,
) -> Result<
    (
        Vec<storefront_api_types::CategoryRef>,
        Vec<storefront_api_types::ProductSummary>,
    ),
    sqlx::Error,
> {
    if normalized.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let vocab = state.search.vocab(&state.db).await?;
    let plan = SearchPlan::new(normalized, &vocab);
    let catalog = state.search.catalog(&state.db).await?;
    let compact: String = normalized.chars().filter(|c| !c.is_whitespace()).collect();
    let mut words = plan.all_words();
    if !words.contains(&compact) {
        words.push(compact);
    }
    let categories = matching_categories(&catalog.categories, &words, MAX_CATEGORIES, false);
    let products = crate::products::search(&state.db, &catalog, &plan, MAX_PRODUCTS).await?;
    Ok((categories, products))
}

/// Suggestions for what the shopper has typed so far: up to 5 popular searches (also found
/// by pinyin and initials), 3 categories and 5 products (matched like the search, most
/// relevant first). An empty `q` gives the 8 most popular searches only.
#[utoipa::path(
    get,
    path = "/api/v1/search/suggest",
    operation_id = "suggestSearches",
    tag = "catalogue",
    params(
        ("q" = Option<String>, Query, max_length = 200, description = "What has been typed so far, at most 200 characters"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "Suggestions", body = SearchSuggestions,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "`q` is too long (`#/query/q`)", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn suggest(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<SuggestParams>,
) -> ApiResult<Response> {
    let query = params.q.clone().unwrap_or_default();
    let normalized = normalized_query(&query);
    // the popular queries and the products come from two connections at once
    let (queries, found) = tokio::join!(popular(&state, &normalized), matches(&state, &normalized));
    let (categories, products) = found?;
    let body = SearchSuggestions {
        query,
        queries: queries?,
        categories,
        products,
    };
    cached_json(&headers, &body)
}

/// A body string of 1..=`max` characters, else 400 naming `pointer`.
fn check_length(value: &str, pointer: &str, max: usize) -> Result<(), ApiError> {
    let n = value.chars().count();
    if (1..=max).contains(&n) {
        Ok(())
    } else {
        Err(ApiError::body_field(
            pointer,
            format!("expected 1 to {max} characters, got {n}"),
        ))
    }
}

/// The shopper opened `product` from the results of the search `q`: what popular searches
/// are counted from. `q` counts once its product is one of the results of its counted form
/// (normalised: case, full-width, spaces; misspelt words as the search corrects them, so
/// "jakcet" counts as "jacket"); at most once a day per client address and query, and at
/// most 20 queries a day per client address. The answer is the same whether it counted.
#[utoipa::path(
    post,
    path = "/api/v1/search/clicks",
    operation_id = "recordSearchClick",
    tag = "catalogue",
    request_body = SearchClick,
    responses(
        (status = 204, description = "Noted (the same answer whether or not it counted)"),
        (status = 400, description = "The body is not a click: not JSON, a field missing, unknown or of the wrong type, `/q` not 1..=200 characters or `/product` not 1..=100 (`errors` names it)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such product (`/product`)", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn click(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    BodyJson(body): BodyJson<SearchClick>,
) -> ApiResult<Response> {
    check_length(&body.q, "/q", Q_MAX_CHARS)?;
    check_length(&body.product, "/product", MAX_VALUE_CHARS)?;
    let catalog = state.search.catalog(&state.db).await?;
    let item = catalog
        .index_of_key(&body.product)
        .ok_or_else(|| ApiError::NotFoundField {
            detail: format!("no product {:?}", body.product),
            pointer: "/product".to_owned(),
        })?;
    state.search.click(&state.db, &ip, &body.q, item).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(suggest))
        .routes(routes!(click))
}
