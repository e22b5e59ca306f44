//! The marketing workspace's campaigns: `GET|POST /api/v1/marketing/campaigns`,
//! `GET|PUT /api/v1/marketing/campaigns/{slug}`,
//! `GET /api/v1/marketing/campaigns/{slug}/preview` and
//! `GET /api/v1/marketing/campaigns/{slug}/results`. Each needs a marketing key's session (a
//! store's staff session is `403 forbidden`).

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use storefront_api_types::{
    is_campaign_slug, Campaign, CampaignInput, CampaignResults, FieldError, MarketingCampaign,
    MarketingCampaignList, Problem,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::{iso_date, ApiQuery, BodyJson, SingleParams};
use crate::http::marketing::MarketingUser;
use crate::http::private::{private_json, PRIVATE};
use crate::marketing::campaigns::{self as core, StoredCampaign};
use crate::marketing::results;
use crate::marketing::validate::validate;
use crate::state::AppState;

/// The campaign routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(campaign_results))
        .routes(routes!(preview))
}

const SLUG_PATTERN: &str = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$";

fn parse_slug(slug: &str) -> ApiResult<&str> {
    if is_campaign_slug(slug) {
        Ok(slug)
    } else {
        Err(ApiError::InvalidPath(vec![FieldError {
            pointer: "#/path/slug".to_owned(),
            message: format!("expected a campaign slug ({SLUG_PATTERN})"),
        }]))
    }
}

fn no_campaign(slug: &str) -> ApiError {
    ApiError::NotFound(format!("no campaign {slug}"))
}

async fn load(state: &AppState, slug: &str) -> ApiResult<StoredCampaign> {
    let mut conn = state.db.acquire().await?;
    core::by_slug(&mut conn, slug)
        .await?
        .ok_or_else(|| no_campaign(slug))
}

async fn view(state: &AppState, slug: &str) -> ApiResult<MarketingCampaign> {
    let c = load(state, slug).await?;
    let mut conn = state.db.acquire().await?;
    c.to_api(&mut conn, Utc::now().timestamp()).await
}

/// Every campaign, newest first, with its state now and its figures since it began.
#[utoipa::path(
    get, path = "/api/v1/marketing/campaigns", operation_id = "listMarketingCampaigns", tag = "marketing",
    responses(
        (status = 200, description = "The campaigns", body = MarketingCampaignList),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: a store's staff session (it sees its store's insight reports only)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(State(state): State<AppState>, _user: MarketingUser) -> ApiResult<Response> {
    let now = Utc::now().timestamp();
    let mut conn = state.db.acquire().await?;
    let mut data = Vec::new();
    for c in core::all(&mut conn).await? {
        data.push(c.to_api(&mut conn, now).await?);
    }
    Ok(private_json(
        StatusCode::OK,
        &MarketingCampaignList { data },
    ))
}

/// Creates a campaign. Every fault is answered at once: 400 `invalid_body` with one error
/// per field (`/slug`, `/title/en`, `/copy/zh-CN`, `/hero_theme`, `/product_ids/3`,
/// `/offer_code`, `/ends_at`, `/store_ids/1`, `/allowed_origins/2`, `/reward/min_spend`...).
#[utoipa::path(
    post, path = "/api/v1/marketing/campaigns", operation_id = "createCampaign", tag = "marketing",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    request_body = CampaignInput,
    responses(
        (status = 201, description = "Created", body = MarketingCampaign,
            headers(("Location" = String, description = "`/api/v1/marketing/campaigns/{slug}`"))),
        (status = 400, description = "`invalid_body`: every invalid field, each with its pointer", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`; `forbidden`: a store's staff session (it sees its store's insight reports only)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`slug_taken` (`/slug`): another campaign has the slug", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    _user: MarketingUser,
    BodyJson(input): BodyJson<CampaignInput>,
) -> ApiResult<Response> {
    let now = Utc::now().timestamp();
    let slug = {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            let valid = validate(&mut tx, &input).await?;
            core::create(&mut tx, &valid, now).await?;
            tx.commit().await?;
            Ok(valid.input.slug)
        })
        .await?
    };
    let body = view(&state, &slug).await?;
    let mut res = private_json(StatusCode::CREATED, &body);
    let location = HeaderValue::from_str(&format!("/api/v1/marketing/campaigns/{slug}"))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    res.headers_mut().insert(header::LOCATION, location);
    Ok(res)
}

/// One campaign, in any state (draft, scheduled, live, ended).
#[utoipa::path(
    get, path = "/api/v1/marketing/campaigns/{slug}", operation_id = "getMarketingCampaign", tag = "marketing",
    params(("slug" = String, Path, pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$", description = "The campaign's slug")),
    responses(
        (status = 200, description = "The campaign", body = MarketingCampaign),
        (status = 400, description = "Malformed slug (`#/path/slug`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: a store's staff session (it sees its store's insight reports only)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    _user: MarketingUser,
) -> ApiResult<Response> {
    let slug = parse_slug(&slug)?;
    Ok(private_json(StatusCode::OK, &view(&state, slug).await?))
}

/// Replaces a campaign with the body (checked like `POST`); a new `slug` renames it.
#[utoipa::path(
    put, path = "/api/v1/marketing/campaigns/{slug}", operation_id = "updateCampaign", tag = "marketing",
    params(
        ("slug" = String, Path, pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$", description = "The campaign's slug"),
        ("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)"),
    ),
    request_body = CampaignInput,
    responses(
        (status = 200, description = "The campaign as it is now", body = MarketingCampaign),
        (status = 400, description = "Malformed slug (`#/path/slug`) or `invalid_body`: every invalid field, each with its pointer", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`; `forbidden`: a store's staff session (it sees its store's insight reports only)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`slug_taken` (`/slug`): another campaign has the new slug", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    _user: MarketingUser,
    BodyJson(input): BodyJson<CampaignInput>,
) -> ApiResult<Response> {
    let slug = parse_slug(&slug)?;
    let now = Utc::now().timestamp();
    let new_slug = {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            let valid = validate(&mut tx, &input).await?;
            core::update(&mut tx, slug, &valid, now).await?;
            tx.commit().await?;
            Ok(valid.input.slug)
        })
        .await?
    };
    Ok(private_json(
        StatusCode::OK,
        &view(&state, &new_slug).await?,
    ))
}

/// A campaign's results over a period of days (China Standard Time): views, claims
/// (in-store rewards included), reservations, guide bookings and till redemptions, in
/// total and by day, embedding origin, UTM source and store. `from` defaults to the
/// campaign's first day, `to` to today; at most 366 days. `format=csv` answers the same as
/// CSV (`section,key,views,claims,reservations,appointments,redemptions`; a value starting
/// with `=`, `+`, `-` or `@` is prefixed with `'`).
#[utoipa::path(
    get, path = "/api/v1/marketing/campaigns/{slug}/results", operation_id = "getCampaignResults", tag = "marketing",
    params(
        ("slug" = String, Path, pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$", description = "The campaign's slug"),
        ("from" = Option<String>, Query, format = Date, description = "First day, `YYYY-MM-DD` (default: the campaign's first day)"),
        ("to" = Option<String>, Query, format = Date, description = "Last day, `YYYY-MM-DD`, not before `from`, at most 365 days after it (default: today)"),
        ("format" = Option<String>, Query, pattern = "^(json|csv)$", description = "`csv` for a CSV download; `json` (the default)"),
    ),
    responses(
        (status = 200, description = "The results", content(
            (CampaignResults = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "Malformed slug (`#/path/slug`) or a bad `#/query/from`, `#/query/to` or `#/query/format` (`invalid_query`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: a store's staff session (it sees its store's insight reports only)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn campaign_results(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    _user: MarketingUser,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let slug = parse_slug(&slug)?;
    let mut errors = Vec::new();
    let mut date = |name: &str| match params.get(name) {
        None => None,
        Some(v) => {
            let d = iso_date(v);
            if d.is_none() {
                errors.push(FieldError {
                    pointer: format!("#/query/{name}"),
                    message: "expected a date YYYY-MM-DD".to_owned(),
                });
            }
            d
        }
    };
    let (from, to) = (date("from"), date("to"));
    let csv = match params.get("format") {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => {
            errors.push(FieldError {
                pointer: "#/query/format".to_owned(),
                message: "expected json or csv".to_owned(),
            });
            false
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::InvalidQuery(errors));
    }
    let c = load(&state, slug).await?;
    let now = Utc::now().timestamp();
    let (from, to) = results::period(from, to, c.input.starts_at.unix(), now)
        .map_err(|(name, message)| ApiError::query(name, message))?;
    let mut conn = state.db.acquire().await?;
    let r: CampaignResults = results::results(&mut conn, c.id, &c.input.slug, from, to).await?;
    if !csv {
        return Ok(private_json(StatusCode::OK, &r));
    }
    let mut res = (StatusCode::OK, results::to_csv(&r)).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    let name = format!(
        "attachment; filename=\"campaign-{}-{}-{}.csv\"",
        r.slug, r.from, r.to
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&name).map_err(|e| ApiError::Internal(e.to_string()))?,
    );
    Ok(res)
}

/// The campaign as shoppers will see it (`Campaign`, the public answer's shape), in any
/// state, with its state now: the editor's previews show drafts and scheduled campaigns.
#[utoipa::path(
    get, path = "/api/v1/marketing/campaigns/{slug}/preview", operation_id = "previewCampaign", tag = "marketing",
    params(("slug" = String, Path, pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$", description = "The campaign's slug")),
    responses(
        (status = 200, description = "The campaign as the public page shows it", body = Campaign),
        (status = 400, description = "Malformed slug (`#/path/slug`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden`: a store's staff session (it sees its store's insight reports only)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such campaign", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn preview(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    _user: MarketingUser,
) -> ApiResult<Response> {
    let slug = parse_slug(&slug)?;
    let row = crate::campaigns::by_slug(&state.db, slug)
        .await?
        .ok_or_else(|| no_campaign(slug))?;
    let mut campaign: Campaign = crate::campaigns::public_campaign(&state.db, &row).await?;
    campaign.state = row.state(Utc::now().timestamp());
    Ok(private_json(StatusCode::OK, &campaign))
}
