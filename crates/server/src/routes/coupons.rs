//! The coupon wallet: `GET /api/v1/coupons`, `GET /api/v1/coupons/{code}`,
//! `POST|GET /api/v1/me/wallet/coupons` (`GET ?status=`), `GET /api/v1/me/wallet/coupons/{id}/token`,
//! `GET /api/v1/me/wallet/coupons/applicable?product=` (the till's redemption is
//! [`super::till`]).
//!
//! Claims and redemptions run in one `BEGIN IMMEDIATE` transaction behind the process's
//! write mutex: stock is `UPDATE offers SET remaining = remaining - 1 WHERE … AND
//! remaining > 0` (the column's `CHECK (remaining >= 0)` as the last guard), a redemption
//! is `UPDATE wallet_coupons SET status = 'used' WHERE id = ? AND status = 'available'`
//! plus the token's nonce, so concurrent requests get exactly the coupons there are.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use storefront_api_types::{
    ApplicableCoupons, ClaimRequest, CouponStatus, Offer, OfferList, Problem, ProblemCode,
    ProductId, TokenBatch, Wallet, WalletCoupon,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::campaigns::{attribution, handoffs};
use crate::coupons::{coupon_of, offer, offer_code, wallet_of, OfferRow, OFFER_COLUMNS};
use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::live_json;
use crate::http::extract::{ApiQuery, BodyJson, SingleParams};
use crate::http::idempotency::IdempotencyKey;
use crate::http::private::private_json;
use crate::http::session::{csrf_guard, session_id_cookie, Session};
use crate::kiosks::KIOSK_COOKIE;
use crate::members as members_core;
use crate::state::AppState;
use crate::tokens::Kind;

/// The coupon routes with their OpenAPI operations: the offers, and the wallet behind
/// the CSRF guard.
pub fn router() -> OpenApiRouter<AppState> {
    let wallet_routes = OpenApiRouter::new()
        .routes(routes!(wallet, claim))
        .routes(routes!(applicable))
        .routes(routes!(token))
        .route_layer(axum::middleware::from_fn(csrf_guard));
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
        .merge(wallet_routes)
}

/// The claimable offers (their window not over), soonest ending first, with what is left.
#[utoipa::path(
    get, path = "/api/v1/coupons", operation_id = "listOffers", tag = "coupons",
    responses((status = 200, description = "The offers", body = OfferList))
)]
pub async fn list(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let now = Utc::now().timestamp();
    let rows: Vec<OfferRow> = sqlx::query_as(&format!(
        "{OFFER_COLUMNS} WHERE valid_until > ? AND valid_from <= ? ORDER BY valid_until, code"
    ))
    .bind(now)
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    live_json(
        &headers,
        &OfferList {
            data: rows.iter().map(OfferRow::to_api).collect(),
        },
    )
}

/// One offer (the deep link `/c/{code}`), any case.
#[utoipa::path(
    get, path = "/api/v1/coupons/{code}", operation_id = "getOffer", tag = "coupons",
    params(("code" = String, Path, pattern = "^[0-9A-Za-z-]{1,32}$", description = "Offer code, 1 to 32 letters, digits and `-` (any case)")),
    responses(
        (status = 200, description = "The offer", body = Offer),
        (status = 400, description = "Malformed code", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> ApiResult<Response> {
    let code = offer_code(&code, "#/path/code")?;
    let row = offer(&state.db, &code)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no offer {code}")))?;
    live_json(&headers, &row.to_api())
}

/// Claims a coupon of an offer into the wallet: signed in, within the offer's window, up
/// to its per-member limit, while stock lasts (decremented atomically). With an
/// `Idempotency-Key`, a retry returns the coupon claimed first (200); the key used for
/// another offer is 422 `idempotency_conflict`. `attribution` (cleaned, never failing the
/// claim) is kept with it; `handoff` completes an embed's claim hand-off: pending and of
/// this offer's campaign, it is marked claimed with the coupon and its attribution is kept.
#[utoipa::path(
    post, path = "/api/v1/me/wallet/coupons", operation_id = "claimCoupon", tag = "coupons",
    params(
        ("X-Requested-With" = String, Header, description = "`storefront` (or a same-origin `Origin`)"),
        ("Idempotency-Key" = Option<String>, Header, description = "Optional; a retry with the same key returns the same coupon"),
    ),
    request_body = ClaimRequest,
    responses(
        (status = 201, description = "Claimed", body = WalletCoupon),
        (status = 200, description = "A retry with the same key", body = WalletCoupon),
        (status = 400, description = "Bad `/offer` or `/handoff`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer (`/offer`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_claimed`, `sold_out`, `offer_inactive`; `token_used`: the hand-off (`/handoff`) was claimed already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`idempotency_conflict`: the key was used to claim another offer; `token_expired`: the hand-off expired; `token_invalid`: an unknown hand-off or one of another offer's campaign (both `/handoff`)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn claim(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    BodyJson(body): BodyJson<ClaimRequest>,
) -> ApiResult<Response> {
    let code = offer_code(&body.offer, "/offer")?;
    if let Some(token) = &body.handoff {
        handoffs::check_form(token)?;
    }
    let key = IdempotencyKey::optional(&headers)?.map(|k| k.0);
    let kiosk = session_id_cookie(&headers, KIOSK_COOKIE);
    let now = Utc::now().timestamp();
    let member_id = session.member_id;
    let conflict = |code: ProblemCode, detail: &str| ApiError::Coded {
        code,
        detail: detail.to_owned(),
        errors: vec![storefront_api_types::FieldError {
            pointer: "/offer".to_owned(),
            message: detail.to_owned(),
        }],
    };
    let _writer = state.writes.lock().await;
    let (id, created) = retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        // Signed out or deleted since the session was read: nothing is claimed.
        session.still_valid(&mut tx).await?;
        if let Some(key) = &key {
            let earlier: Option<(i64, String)> = sqlx::query_as(
                "SELECT id, offer_code FROM wallet_coupons WHERE member_id = ? AND idempotency_key = ?",
            )
            .bind(member_id)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
            match earlier {
                Some((id, offer)) if offer == code => return Ok((id, false)),
                Some(_) => return Err(ApiError::idempotency_conflict()),
                None => {}
            }
        }
        let handed = match &body.handoff {
            Some(token) => Some(handoffs::take(&mut tx, token, &code, now).await?),
            None => None,
        };
        let o = offer(&mut *tx, &code).await?.ok_or_else(|| ApiError::NotFoundField {
            detail: format!("no offer {code}"),
            pointer: "/offer".to_owned(),
        })?;
        if now < o.valid_from || now >= o.valid_until {
            return Err(conflict(ProblemCode::OfferInactive, "this offer cannot be claimed now"));
        }
        let (held,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM wallet_coupons WHERE member_id = ? AND offer_code = ?",
        )
        .bind(member_id)
        .bind(&code)
        .fetch_one(&mut *tx)
        .await?;
        if held >= o.per_member_limit {
            return Err(conflict(
                ProblemCode::AlreadyClaimed,
                &format!("you hold {held} of this coupon; the limit is {}", o.per_member_limit),
            ));
        }
        let took = sqlx::query("UPDATE offers SET remaining = remaining - 1 WHERE code = ? AND remaining > 0")
            .bind(&code)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if took == 0 {
            return Err(conflict(ProblemCode::SoldOut, "no coupons of this offer are left"));
        }
        let id = sqlx::query(
            "INSERT INTO wallet_coupons (member_id, offer_code, idempotency_key, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(member_id)
        .bind(&code)
        .bind(&key)
        .bind(now)
        .bind(o.valid_until)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        let reference = id.to_string();
        let source = match (&body.handoff, handed) {
            // Through an embed's hand-off: claimed once, attributed as the embed asked.
            (Some(token), Some(handed)) => {
                handoffs::mark_claimed(&mut tx, token, id, now).await?;
                handed
            }
            _ => attribution::resolve(&mut tx, &body.attribution).await?,
        };
        attribution::record(&mut tx, attribution::Kind::Claim, &reference, &source, now).await?;
        // The business record of the claim (issue 16): its channel and store.
        let (channel, kiosk_store) = crate::facts::channel(&mut tx, kiosk.as_deref(), Some(&source.embed_origin)).await?;
        let store = kiosk_store.unwrap_or(source.store_id);
        crate::facts::coupon_claimed(&mut tx, id, Some(channel), Some(&store), now).await?;
        tx.commit().await?;
        Ok((id, true))
    })
    .await?;
    drop(_writer);
    let coupon = coupon_of(&state.db, member_id, id, now).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(private_json(status, &coupon))
}

/// `?status=available|used|expired` of the wallet; `None` without it.
fn wallet_status(params: &SingleParams) -> ApiResult<Option<CouponStatus>> {
    params
        .get("status")
        .map(|v| match v {
            "available" => Ok(CouponStatus::Available),
            "used" => Ok(CouponStatus::Used),
            "expired" => Ok(CouponStatus::Expired),
            _ => Err(ApiError::query(
                "status",
                "expected available, used or expired",
            )),
        })
        .transpose()
}

/// The wallet grouped by status: available (soonest expiry first), used and expired
/// (latest first). With `?status=`, only that group is filled (the others are empty).
#[utoipa::path(
    get, path = "/api/v1/me/wallet/coupons", operation_id = "getWallet", tag = "coupons",
    params(("status" = Option<CouponStatus>, Query, description = "Only this group: `available`, `used` or `expired` (the others come back empty)")),
    responses(
        (status = 200, description = "The wallet", body = Wallet),
        (status = 400, description = "Bad `status`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn wallet(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let only = wallet_status(&params)?;
    let now = Utc::now().timestamp();
    let all = wallet_of(&state.db, session.member_id, now).await?;
    let mut w = Wallet {
        available: Vec::new(),
        used: Vec::new(),
        expired: Vec::new(),
    };
    for c in all
        .into_iter()
        .filter(|c| only.is_none_or(|s| s == c.status))
    {
        match c.status {
            CouponStatus::Available => w.available.push(c),
            CouponStatus::Used => w.used.push(c),
            CouponStatus::Expired => w.expired.push(c),
        }
    }
    w.available.sort_by_key(|c| (c.expires_at, c.id.clone()));
    w.used.sort_by_key(|c| std::cmp::Reverse(c.used_at));
    w.expired.sort_by_key(|c| std::cmp::Reverse(c.expires_at));
    Ok(private_json(StatusCode::OK, &w))
}

/// `wc_` and the row id, without a sign or leading zeros (the schema's pattern).
fn coupon_id(raw: &str) -> ApiResult<i64> {
    raw.strip_prefix("wc_")
        .filter(|n| {
            (1..=18).contains(&n.len())
                && !n.starts_with('0')
                && n.bytes().all(|b| b.is_ascii_digit())
        })
        .and_then(|n| n.parse::<i64>().ok())
        .ok_or_else(|| {
            ApiError::InvalidPath(vec![storefront_api_types::FieldError {
                pointer: "#/path/id".to_owned(),
                message: "expected a wallet coupon id such as wc_12".to_owned(),
            }])
        })
}

/// Single-use signed redeem tokens of an available coupon, a batch covering 10 minutes
/// (like the member QR).
#[utoipa::path(
    get, path = "/api/v1/me/wallet/coupons/{id}/token", operation_id = "getCouponTokens", tag = "coupons",
    params(("id" = String, Path, pattern = "^wc_[1-9][0-9]{0,17}$", description = "Wallet coupon id (`wc_12`)")),
    responses(
        (status = 200, description = "The batch", body = TokenBatch),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not in this wallet", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`coupon_used` or `coupon_expired`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn token(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = coupon_id(&id)?;
    let now = Utc::now().timestamp();
    let coupon = coupon_of(&state.db, session.member_id, id, now).await?;
    match coupon.status {
        CouponStatus::Used => {
            return Err(ApiError::refusal(
                ProblemCode::CouponUsed,
                "this coupon was used",
            ))
        }
        CouponStatus::Expired => {
            return Err(ApiError::refusal(
                ProblemCode::CouponExpired,
                "this coupon has expired",
            ))
        }
        CouponStatus::Available => {}
    }
    let member = members_core::load(&state.db, session.member_id)
        .await?
        .ok_or_else(members_core::unauthenticated)?;
    let (subject,): (i64,) =
        sqlx::query_as("SELECT token_subject FROM wallet_coupons WHERE id = ? AND member_id = ?")
            .bind(id)
            .bind(session.member_id)
            .fetch_optional(&state.db)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no coupon wc_{id}")))?;
    let batch =
        state
            .members
            .tokens
            .batch_for(Kind::Coupon, subject as u64, member.member_no, now)?;
    Ok(private_json(StatusCode::OK, &batch))
}

/// The member's available coupons that apply to a product (its category or a parent, or
/// coupons for everything): "2 coupons apply".
#[utoipa::path(
    get, path = "/api/v1/me/wallet/coupons/applicable", operation_id = "getApplicableCoupons", tag = "coupons",
    params(("product" = String, Query, min_length = 1, max_length = 100, description = "Product id")),
    responses(
        (status = 200, description = "The coupons", body = ApplicableCoupons),
        (status = 400, description = "Missing `product`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such product", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn applicable(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(params): ApiQuery<SingleParams>,
) -> ApiResult<Response> {
    let product = params
        .get("product")
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 100)
        .ok_or_else(|| ApiError::query("product", "expected a product id"))?;
    let cats: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT c.id, c.parent_id FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = ?",
    )
    .bind(&product)
    .fetch_optional(&state.db)
    .await?;
    let (cat, parent) = cats.ok_or_else(|| ApiError::NotFoundField {
        detail: format!("no product {product:?}"),
        pointer: "#/query/product".to_owned(),
    })?;
    let now = Utc::now().timestamp();
    let data = wallet_of(&state.db, session.member_id, now)
        .await?
        .into_iter()
        .filter(|c| c.status == CouponStatus::Available)
        .filter(|c| match &c.offer.category_id {
            None => true,
            Some(id) => *id == cat || Some(id) == parent.as_ref(),
        })
        .collect();
    Ok(private_json(
        StatusCode::OK,
        &ApplicableCoupons {
            product_id: ProductId(product),
            data,
        },
    ))
}
