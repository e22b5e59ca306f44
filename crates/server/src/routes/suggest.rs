//! `GET /api/v1/search/suggest?q=`: what the search box offers while the shopper types.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use storefront_api_types::{FieldError, Problem, SearchSuggestions};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::facets::matching_categories;
use super::filters::parse_q;
use crate::error::ApiResult;
use crate::http::cache::cached_json;
use crate::http::extract::{ApiQuery, FromQuery};
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
/// start with it first, then those that contain it; more searched first.
async fn popular(state: &AppState, normalized: &str) -> Result<Vec<String>, sqlx::Error> {
    if normalized.is_empty() {
        return sqlx::query_scalar(
            "SELECT query FROM popular_queries ORDER BY count DESC, query LIMIT ?",
        )
        .bind(MAX_POPULAR)
        .fetch_all(&state.db)
        .await;
    }
    let compact: String = normalized.chars().filter(|c| !c.is_whitespace()).collect();
    sqlx::query_scalar(
        "SELECT query FROM popular_queries \
         WHERE instr(query, ?1) > 0 OR instr(pinyin, ?2) > 0 OR instr(initials, ?2) > 0 \
         ORDER BY CASE WHEN instr(query, ?1) = 1 OR instr(pinyin, ?2) = 1 OR instr(initials, ?2) = 1 THEN 0 ELSE 1 END, \
         count DESC, query LIMIT ?3",
    )
    .bind(normalized)
    .bind(compact)
    .bind(MAX_QUERIES)
    .fetch_all(&state.db)
    .await
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

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(suggest))
}
