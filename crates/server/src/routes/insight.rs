//! The insight reports of the workspace: `GET /api/v1/marketing/insight/{funnel,
//! stockouts,coupons,tour,search}?from=&to=&store_id=&format=`. A marketing session sees
//! every store (all of them without `store_id`); a store's staff session (signed in with
//! the store's staff key) sees its own store only: without `store_id` it gets its store,
//! another store is `403 forbidden`. `format=csv` answers the same as `text/csv` (a
//! download). Every answer is `Cache-Control: private, no-store`. The reports themselves
//! are in [`crate::insight`].

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Serialize;
use storefront_api_types::{
    CouponReport, FieldError, FunnelReport, Problem, ProblemCode, SearchReport, StockoutReport,
    TourReport,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::http::extract::{ApiQuery, SingleParams};
use crate::http::marketing::WorkspaceUser;
use crate::http::private::{private_json, PRIVATE};
use crate::insight::{self, Scope};
use crate::marketing::results::{china_date, day_text};
use crate::state::AppState;

/// The routes of this module, with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(funnel))
        .routes(routes!(stockouts))
        .routes(routes!(coupons))
        .routes(routes!(tour))
        .routes(routes!(search))
}

/// The query every report takes, as the OpenAPI document states it once for all five
/// (read by [`asked`] from the raw parameters, so that every fault is named at once).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ReportQuery {
    /// First day, `YYYY-MM-DD` on China Standard Time (default: 29 days before `to`)
    #[param(format = Date)]
    from: Option<String>,
    /// Last day, `YYYY-MM-DD`, not before `from`, at most 366 days in all (default: today)
    #[param(format = Date)]
    to: Option<String>,
    /// One store (a store's staff: their own, the default); every store without it
    #[param(min_length = 1, max_length = 100)]
    store_id: Option<String>,
    /// `csv` for a CSV download; `json` (the default)
    #[param(pattern = "^(json|csv)$")]
    format: Option<String>,
}

/// What a report request asks: its scope, and whether as CSV.
struct Asked {
    scope: Scope,
    csv: bool,
}

/// Checks the query of a report for `user`: every malformed parameter at once (400
/// `invalid_query`), then the store (404 `unknown_store`), then whether the user may see it
/// (403 `forbidden`), each naming its parameter.
async fn asked(state: &AppState, user: &WorkspaceUser, params: &SingleParams) -> ApiResult<Asked> {
    let today = china_date(Utc::now().timestamp());
    let mut errors = Vec::new();
    let period = insight::period(params.get("from"), params.get("to"), today)
        .map_err(|e| errors.extend(e))
        .ok();
    let store = params.get("store_id");
    if store.is_some_and(|s| s.is_empty() || s.chars().count() > 100) {
        errors.push(FieldError {
            pointer: "#/query/store_id".to_owned(),
            message: "1 to 100 characters".to_owned(),
        });
    }
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
    let Some((from, to)) = period.filter(|_| errors.is_empty()) else {
        return Err(ApiError::InvalidQuery(errors));
    };
    if let Some(store) = store {
        let directory = state.stores.get(&state.db).await?;
        if directory.get(store).is_none_or(|s| s.id != store) {
            return Err(ApiError::refusal_at(
                ProblemCode::UnknownStore,
                "#/query/store_id",
                "unknown store",
            ));
        }
    }
    let own = user.0.store_id.as_deref();
    if let (Some(own), Some(asked)) = (own, store) {
        if own != asked {
            return Err(ApiError::refusal_at(
                ProblemCode::Forbidden,
                "#/query/store_id",
                "a store's staff see their own store's reports only",
            ));
        }
    }
    Ok(Asked {
        scope: Scope {
            from: day_text(from),
            to: day_text(to),
            store_id: store.or(own).map(str::to_owned),
        },
        csv,
    })
}

/// The report as JSON, or as a CSV download named after it.
fn answer<R: Serialize>(
    name: &str,
    asked: &Asked,
    report: &R,
    to_csv: fn(&R) -> String,
) -> ApiResult<Response> {
    if !asked.csv {
        return Ok(private_json(StatusCode::OK, report));
    }
    let mut res = (StatusCode::OK, to_csv(report)).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
    let s = &asked.scope;
    let store = s
        .store_id
        .as_deref()
        .map_or(String::new(), |id| format!("-{id}"));
    let file = format!(
        "attachment; filename=\"insight-{name}{store}-{}-{}.csv\"",
        s.from, s.to
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&file).map_err(|e| ApiError::Internal(e.to_string()))?,
    );
    Ok(res)
}

/// The online-to-store funnel: product views (`view_item`), stock at a store viewed
/// (`view_store_stock`), reservations made, collected and expired (the server's facts),
/// in total and by store and category (most product views first).
#[utoipa::path(
    get, path = "/api/v1/marketing/insight/funnel", operation_id = "insightFunnel", tag = "marketing",
    params(ReportQuery),
    responses(
        (status = 200, description = "The funnel", content(
            (FunnelReport = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "`invalid_query`: a malformed `#/query/from`, `#/query/to`, `#/query/store_id` or `#/query/format`; `to` before `from` or over 366 days (`#/query/to`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (`#/query/store_id`): a store's staff asking for another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store` (`#/query/store_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn funnel(
    State(state): State<AppState>,
    user: WorkspaceUser,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let asked = asked(&state, &user, &params).await?;
    let mut conn = state.db.acquire().await?;
    let r = insight::funnel::report(&mut conn, &asked.scope).await?;
    answer("funnel", &asked, &r, insight::funnel::to_csv)
}

/// Stock-outs seen by shoppers: views of a variant's stock at a store while it had none,
/// by store and product (most views first, at most 100), with distinct visits and the
/// nearest store that had it at the last such view.
#[utoipa::path(
    get, path = "/api/v1/marketing/insight/stockouts", operation_id = "insightStockouts", tag = "marketing",
    params(ReportQuery),
    responses(
        (status = 200, description = "The stock-outs", content(
            (StockoutReport = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "`invalid_query`: a malformed `#/query/from`, `#/query/to`, `#/query/store_id` or `#/query/format`; `to` before `from` or over 366 days (`#/query/to`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (`#/query/store_id`): a store's staff asking for another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store` (`#/query/store_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn stockouts(
    State(state): State<AppState>,
    user: WorkspaceUser,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let asked = asked(&state, &user, &params).await?;
    let mut conn = state.db.acquire().await?;
    let r = insight::stockouts::report(&mut conn, &asked.scope).await?;
    answer("stockouts", &asked, &r, insight::stockouts::to_csv)
}

/// Coupons claimed and redeemed at a till, by offer and channel (most claims first); points
/// earned at the tills, by store and the member's tier then.
#[utoipa::path(
    get, path = "/api/v1/marketing/insight/coupons", operation_id = "insightCoupons", tag = "marketing",
    params(ReportQuery),
    responses(
        (status = 200, description = "Coupons and points", content(
            (CouponReport = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "`invalid_query`: a malformed `#/query/from`, `#/query/to`, `#/query/store_id` or `#/query/format`; `to` before `from` or over 366 days (`#/query/to`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (`#/query/store_id`): a store's staff asking for another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store` (`#/query/store_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn coupons(
    State(state): State<AppState>,
    user: WorkspaceUser,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let asked = asked(&state, &user, &params).await?;
    let mut conn = state.db.acquire().await?;
    let r = insight::coupons::report(&mut conn, &asked.scope).await?;
    answer("coupons", &asked, &r, insight::coupons::to_csv)
}

/// The virtual tour by store: visits, hotspots opened, and the reservations and guide
/// bookings that followed a visit in the same session; and the guide appointments booked.
#[utoipa::path(
    get, path = "/api/v1/marketing/insight/tour", operation_id = "insightTour", tag = "marketing",
    params(ReportQuery),
    responses(
        (status = 200, description = "The tour's figures", content(
            (TourReport = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "`invalid_query`: a malformed `#/query/from`, `#/query/to`, `#/query/store_id` or `#/query/format`; `to` before `from` or over 366 days (`#/query/to`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (`#/query/store_id`): a store's staff asking for another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store` (`#/query/store_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn tour(
    State(state): State<AppState>,
    user: WorkspaceUser,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let asked = asked(&state, &user, &params).await?;
    let mut conn = state.db.acquire().await?;
    let r = insight::tour::report(&mut conn, &asked.scope).await?;
    answer("tour", &asked, &r, insight::tour::to_csv)
}

/// Search: every search, the top queries and the queries that found nothing (most made
/// first, at most 100 each).
#[utoipa::path(
    get, path = "/api/v1/marketing/insight/search", operation_id = "insightSearch", tag = "marketing",
    params(ReportQuery),
    responses(
        (status = 200, description = "The searches", content(
            (SearchReport = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "`invalid_query`: a malformed `#/query/from`, `#/query/to`, `#/query/store_id` or `#/query/format`; `to` before `from` or over 366 days (`#/query/to`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`forbidden` (`#/query/store_id`): a store's staff asking for another store", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store` (`#/query/store_id`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    user: WorkspaceUser,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let asked = asked(&state, &user, &params).await?;
    let mut conn = state.db.acquire().await?;
    let r = insight::search::report(&mut conn, &asked.scope).await?;
    answer("search", &asked, &r, insight::search::to_csv)
}
