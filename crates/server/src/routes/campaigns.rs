//! The public campaign: `GET /api/v1/campaigns/{slug}` (live campaigns only),
//! `POST /api/v1/campaigns/{slug}/views` (cookieless, aggregated page views),
//! `POST /api/v1/campaigns/{slug}/handoffs` and `GET /api/v1/handoffs/{token}` (claiming
//! from inside an embed without the shop's cookies). The rules are in
//! [`crate::campaigns`].

use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::de::DeserializeOwned;
use storefront_api_types::{Campaign, CampaignView, FieldError, Handoff, HandoffRequest, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::campaigns::{self, attribution, handoffs};
use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::etag_json;
use crate::http::client::ClientIp;
use crate::http::extract::BodyJson;
use crate::state::AppState;

/// `Cache-Control` of a live campaign: shared caches may keep it half a minute.
pub const CAMPAIGN_CACHE: &str = "public, max-age=30";

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get))
        .routes(routes!(view))
        .routes(routes!(create_handoff))
        .routes(routes!(get_handoff))
}

/// An optional JSON body: none (no `Content-Type`) or `null` is `T::default()`; a JSON one
/// is read like [`BodyJson`] (every fault 400 `invalid_body` naming the field, 415 for
/// another content type).
#[derive(Debug, Clone)]
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !req.headers().contains_key(header::CONTENT_TYPE) {
            return Ok(OptionalJson(T::default()));
        }
        BodyJson::<Option<T>>::from_request(req, state)
            .await
            .map(|BodyJson(v)| OptionalJson(v.unwrap_or_default()))
    }
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

/// Counts a view of a live campaign's page or embed, without cookies (none is read or
/// set): per day (China time), campaign, embedding origin, UTM source and medium, poster
/// store and embedded or not. The body is optional; its attribution is cleaned (values
/// trimmed, markup dropped, cut at 100 characters; an origin that is not one, or an
/// unknown store, left out; its `campaign` is the path's). Each client address counts at
/// most 60 views of a campaign an hour; further views get the same 204 and are not counted.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{slug}/views",
    operation_id = "countCampaignView",
    tag = "campaigns",
    params(("slug" = String, Path, pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$", description = "Campaign slug")),
    request_body(content = Option<CampaignView>, description = "Optional: what brought the viewer, and whether the page is embedded"),
    responses(
        (status = 204, description = "Noted (the same answer whether or not it counted)"),
        (status = 400, description = "Malformed slug (`#/path/slug`) or body (`invalid_body` naming the field)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No live campaign of this slug", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "`campaign_ended`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A body that is not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn view(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(slug): Path<String>,
    OptionalJson(body): OptionalJson<CampaignView>,
) -> ApiResult<Response> {
    let now = Utc::now().timestamp();
    let row = campaigns::live(&state.db, &slug, now).await?;
    if state.campaign_views.allow(&ip, row.id, now) {
        let r = {
            let mut conn = state.db.acquire().await?;
            attribution::resolve(&mut conn, &body.attribution).await?
        };
        retry_busy(|| async {
            Ok(campaigns::views::count(&state.db, row.id, &r, body.embedded, now).await?)
        })
        .await?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// JSON with `Cache-Control: no-store`: a hand-off is a credential.
fn no_store_json<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    let mut res = (status, axum::Json(value)).into_response();
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    res
}

/// Starts a claim from inside an embed, where the shop's cookies may be blocked: a
/// single-use token, valid 15 minutes, that the shop's top-level page claims with
/// (`handoff` of `POST /api/v1/me/wallet/coupons`) and the embed polls. The body is
/// optional; its attribution is kept with the claim.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{slug}/handoffs",
    operation_id = "createClaimHandoff",
    tag = "campaigns",
    params(("slug" = String, Path, pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$", description = "Campaign slug")),
    request_body(content = Option<HandoffRequest>, description = "Optional: what brought the shopper"),
    responses(
        (status = 201, description = "The hand-off, pending", body = Handoff,
            headers(("Cache-Control" = String, description = "`no-store`"))),
        (status = 400, description = "Malformed slug (`#/path/slug`) or body (`invalid_body` naming the field)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No live campaign of this slug", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`offer_inactive`: the campaign has no coupon", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "`campaign_ended`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A body that is not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_handoff(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    OptionalJson(body): OptionalJson<HandoffRequest>,
) -> ApiResult<Response> {
    let now = Utc::now().timestamp();
    let row = campaigns::live(&state.db, &slug, now).await?;
    let handoff = retry_busy(|| handoffs::create(&state.db, &row, &body.attribution, now)).await?;
    Ok(no_store_json(StatusCode::CREATED, &handoff))
}

/// Where a claim hand-off stands: `pending`, `claimed` (the coupon is in the wallet of
/// whoever claimed it; nothing else is told) or `expired`.
#[utoipa::path(
    get,
    path = "/api/v1/handoffs/{token}",
    operation_id = "getClaimHandoff",
    tag = "campaigns",
    params(("token" = String, Path, pattern = "^ho_[A-Za-z0-9_-]{43}$", description = "The hand-off token")),
    responses(
        (status = 200, description = "The hand-off", body = Handoff,
            headers(("Cache-Control" = String, description = "`no-store`"))),
        (status = 400, description = "Malformed token (`#/path/token`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such hand-off", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_handoff(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Response> {
    if !handoffs::is_token(&token) {
        return Err(ApiError::InvalidPath(vec![FieldError {
            pointer: "#/path/token".to_owned(),
            message: "expected a hand-off token: ho_ and 43 base64url characters".to_owned(),
        }]));
    }
    let now = Utc::now().timestamp();
    let handoff = handoffs::status(&state.db, &token, now).await?;
    Ok(no_store_json(StatusCode::OK, &handoff))
}
