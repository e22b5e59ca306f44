//! The public campaign: `GET /api/v1/campaigns/{slug}` (live campaigns only),
//! `POST /api/v1/campaigns/{slug}/views` (cookieless, aggregated page views),
//! `POST /api/v1/campaigns/{slug}/handoffs` and `GET /api/v1/handoffs/{token}` (claiming
//! from inside an embed without the shop's cookies). The rules are in
//! [`crate::campaigns`].

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Utc;
use storefront_api_types::{Campaign, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::campaigns;
use crate::error::ApiResult;
use crate::http::cache::etag_json;
use crate::state::AppState;

/// `Cache-Control` of a live campaign: shared caches may keep it half a minute.
pub const CAMPAIGN_CACHE: &str = "public, max-age=30";

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}

/// A live campaign: copy in both languages, hero, the picked products (product cards, in
/// the marketer's order), its coupon offer and in-store reward. Drafts, scheduled and
/// unknown campaigns are 404; an ended one is 410 `campaign_ended`.
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{slug}",
    operation_id = "getCampaign",
    tag = "campaigns",
    params(
        ("slug" = String, Path, pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$", description = "Campaign slug"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "The live campaign", body = Campaign,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String, description = "`public, max-age=30`"))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "Malformed slug (`#/path/slug`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No live campaign of this slug (unknown, a draft or not started)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "`campaign_ended`: the campaign is over", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> ApiResult<Response> {
    let now = Utc::now().timestamp();
    let row = campaigns::live(&state.db, &slug, now).await?;
    let campaign = campaigns::public_campaign(&state.db, &row).await?;
    etag_json(&headers, &campaign, CAMPAIGN_CACHE)
}
