//! The signed-in member: `GET|DELETE /api/v1/me`, `GET /api/v1/me/loyalty` (the same
//! member as `GET /api/v1/me`), `GET /api/v1/me/loyalty/transactions`,
//! `POST /api/v1/me/loyalty/scan-tokens` and `GET /api/v1/me/export`. The logic is in
//! [`crate::members`] and [`crate::tokens`].

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use storefront_api_types::{
    LedgerEntry, Member, MemberExport, Page, Problem, Timestamp, TokenBatch,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::{whole_number, ApiQuery, SingleParams};
use crate::http::private::private_json;
use crate::http::session::{csrf_guard, is_https, session_cookie, Session};
use crate::members::{self as core, LedgerRow, LEDGER_COLUMNS};
use crate::state::AppState;
use crate::tokens::Kind;

/// The member's routes with their OpenAPI operations, behind the CSRF guard.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me, delete_me))
        .routes(routes!(loyalty))
        .routes(routes!(ledger))
        .routes(routes!(tokens))
        .routes(routes!(export))
        .route_layer(axum::middleware::from_fn(csrf_guard))
}

async fn member_of(state: &AppState, session: &Session) -> ApiResult<core::MemberRow> {
    core::load(&state.db, session.member_id)
        .await?
        .ok_or_else(core::unauthenticated)
}

/// The signed-in member: number, tier with benefits, balance, progress to the next tier.
/// Also served at `GET /api/v1/me/loyalty` ([`loyalty`]).
#[utoipa::path(
    get, path = "/api/v1/me", operation_id = "getMe", tag = "members",
    responses(
        (status = 200, description = "The member", body = Member),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
    let m = member_of(&state, &session).await?;
    Ok(private_json(StatusCode::OK, &m.to_api()))
}

/// `GET /api/v1/me/loyalty`: the loyalty account (member number, tier with benefits,
/// balance, progress to the next tier); the same answer as `GET /api/v1/me` ([`me`]).
#[utoipa::path(
    get, path = "/api/v1/me/loyalty", operation_id = "getLoyalty", tag = "members",
    responses(
        (status = 200, description = "The member's loyalty account (the same `Member` as `GET /api/v1/me`)", body = Member),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn loyalty(state: State<AppState>, session: Session) -> ApiResult<Response> {
    me(state, session).await
}

/// Largest ledger page.
pub const LEDGER_LIMIT_MAX: i64 = 100;

/// The points ledger, newest first: `?limit=1..=100` (20), `?cursor=` from `next_cursor`.
#[utoipa::path(
    get, path = "/api/v1/me/loyalty/transactions", operation_id = "getLoyaltyTransactions", tag = "members",
    params(
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "1..=100, default 20"),
        ("cursor" = Option<String>, Query, pattern = "^l_[1-9][0-9]{0,17}$", description = "`next_cursor` of the previous page"),
    ),
    responses(
        (status = 200, description = "A page of the ledger", body = Page<LedgerEntry>),
        (status = 400, description = "Bad `limit` or `cursor`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn ledger(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let mut limit = 20i64;
    let mut before = i64::MAX;
    for (k, v) in params.0 {
        match k.as_str() {
            "limit" => {
                limit = whole_number(&v)
                    .and_then(|n| i64::try_from(n).ok())
                    .filter(|n| (1..=LEDGER_LIMIT_MAX).contains(n))
                    .ok_or_else(|| ApiError::query("limit", "expected an integer from 1 to 100"))?;
            }
            "cursor" => {
                before = v
                    .strip_prefix("l_")
                    .filter(|n| !n.starts_with('0'))
                    .and_then(whole_number)
                    .and_then(|n| i64::try_from(n).ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| ApiError::query("cursor", "expected a next_cursor value"))?;
            }
            _ => {}
        }
    }
    let rows: Vec<LedgerRow> = sqlx::query_as(&format!(
        "{LEDGER_COLUMNS} WHERE member_id = ? AND id < ? ORDER BY id DESC LIMIT ?"
    ))
    .bind(session.member_id)
    .bind(before)
    .bind(limit + 1)
    .fetch_all(&state.db)
    .await?;
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM member_ledger WHERE member_id = ?")
        .bind(session.member_id)
        .fetch_one(&state.db)
        .await?;
    let stores = state.stores.get(&state.db).await?;
    let more = rows.len() as i64 > limit;
    let data: Vec<LedgerEntry> = rows
        .iter()
        .take(limit as usize)
        .map(|r| r.to_api(&stores))
        .collect();
    let next_cursor = if more {
        data.last().map(|e| e.id.clone())
    } else {
        None
    };
    Ok(private_json(
        StatusCode::OK,
        &Page {
            data,
            next_cursor,
            total: total as u64,
        },
    ))
}

/// Issues a new batch of member tokens for the points QR covering at least 10 minutes (one
/// per `--token-seconds` step), to keep on the device and rotate offline. A POST because
/// every call issues a new batch (no body).
#[utoipa::path(
    post, path = "/api/v1/me/loyalty/scan-tokens", operation_id = "issueScanTokens", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    responses(
        (status = 200, description = "The batch", body = TokenBatch),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn tokens(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
    let m = member_of(&state, &session).await?;
    let now = Utc::now().timestamp();
    let batch =
        state
            .members
            .tokens
            .batch_for(Kind::Member, m.token_subject as u64, m.member_no, now)?;
    Ok(private_json(StatusCode::OK, &batch))
}

/// Everything stored about the member, as a JSON download.
#[utoipa::path(
    get, path = "/api/v1/me/export", operation_id = "exportMe", tag = "members",
    responses(
        (status = 200, description = "The member's data (`Content-Disposition: attachment`)", body = MemberExport),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn export(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
    let m = member_of(&state, &session).await?;
    let rows: Vec<LedgerRow> = sqlx::query_as(&format!(
        "{LEDGER_COLUMNS} WHERE member_id = ? ORDER BY id DESC"
    ))
    .bind(m.id)
    .fetch_all(&state.db)
    .await?;
    let stores = state.stores.get(&state.db).await?;
    let coupons = crate::coupons::wallet_of(&state.db, m.id, Utc::now().timestamp()).await?;
    let body = MemberExport {
        login: m.login.clone(),
        member: m.to_api(),
        terms_accepted_at: Timestamp::from_unix(m.terms_accepted_at),
        ledger: rows.iter().map(|r| r.to_api(&stores)).collect(),
        coupons,
    };
    let mut res = private_json(StatusCode::OK, &body);
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"storefront-member.json\""),
    );
    Ok(res)
}

/// Deletes the member with their ledger, wallet and sessions; clears the cookie (204).
#[utoipa::path(
    delete, path = "/api/v1/me", operation_id = "deleteMe", tag = "members",
    params(("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_me(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    {
        let _writer = state.writes.lock().await;
        retry_busy(|| async {
            let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
            crate::identity::delete_member(&mut tx, session.member_id, Utc::now().timestamp())
                .await?;
            tx.commit().await?;
            Ok(())
        })
        .await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(None, is_https(&headers, &uri))?,
    );
    Ok(res)
}
