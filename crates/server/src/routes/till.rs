//! The till (POS), with the store's staff key: `POST /api/v1/pos/loyalty/earn` (with
//! `Idempotency-Key`), `POST /api/v1/pos/loyalty/verify` and `POST /api/v1/pos/coupons/redeem`.
//!
//! A redemption runs in one `BEGIN IMMEDIATE` transaction behind the process's write
//! mutex: `UPDATE wallet_coupons SET status = 'used' WHERE id = ? AND status = 'available'`
//! plus the token's nonce, so concurrent requests redeem a coupon once.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use storefront_api_types::{
    Channel, CouponStatus, EarnRequest, EarnResult, Problem, ProblemCode, RedeemRequest,
    RedeemResult, Tier, Timestamp, TokenCheck, TokenChecked,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::staff::StaffKey;
use crate::coupons::{coupon_of, offer, CouponRow, COUPON_COLUMNS};
use crate::db::retry_busy;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::BodyJson;
use crate::http::idempotency::{IdempotencyKey, Idempotent};
use crate::http::private::private_json;
use crate::members::{self as core, sha256_hex, LedgerRow, LEDGER_COLUMNS};
use crate::state::AppState;
use crate::tokens::{Kind, Rejection};

/// The till's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(earn))
        .routes(routes!(verify_token))
        .routes(routes!(redeem))
}

/// The coupon token field of [`RedeemRequest`].
const COUPON_TOKEN: &str = "/coupon_token";

/// A token rejection as a problem naming the token field (`pointer`: `/scan_token`,
/// `/coupon_token` or `/token`).
pub fn token_problem(r: Rejection, pointer: &str) -> ApiError {
    let (code, detail) = match r {
        Rejection::Expired => (
            ProblemCode::TokenExpired,
            "the code has expired; ask the shopper to show the current one",
        ),
        Rejection::NotYetValid => (
            ProblemCode::TokenInvalid,
            "the code is not valid yet (check the till's clock)",
        ),
        Rejection::WrongKind => (
            ProblemCode::TokenInvalid,
            "this is not a code of the expected kind (member or coupon)",
        ),
        Rejection::Invalid => (
            ProblemCode::TokenInvalid,
            "invalid code: malformed or wrong signature",
        ),
    };
    ApiError::refusal_at(code, pointer, detail)
}

/// 409 `token_used`, naming the token field (`pointer`).
pub fn token_used(pointer: &str) -> ApiError {
    ApiError::refusal_at(
        ProblemCode::TokenUsed,
        pointer,
        "this code was used already; ask the shopper to show the current one",
    )
}

/// A receipt number (`/receipt_no`): 1 to 64 visible ASCII characters.
pub fn check_receipt(receipt: &str) -> ApiResult<String> {
    let r = receipt;
    if r.is_empty() || r.len() > 64 || !r.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(ApiError::body_field(
            "/receipt_no",
            "expected 1 to 64 visible ASCII characters",
        ));
    }
    Ok(r.to_owned())
}

/// 404 `unknown_store` naming `/store_id` unless the store exists, then the staff key check
/// (403 for another store's key; the key itself was checked before the body, [`StaffKey`]).
pub async fn till_store(state: &AppState, key: &StaffKey, store_id: &str) -> ApiResult<()> {
    let directory = state.stores.get(&state.db).await?;
    if directory.get(store_id).is_none_or(|s| s.id != store_id) {
        return Err(ApiError::refusal_at(
            ProblemCode::UnknownStore,
            "/store_id",
            "unknown store",
        ));
    }
    key.authorize(state, store_id).await
}

/// The member token field of [`EarnRequest`].
const SCAN_TOKEN: &str = "/scan_token";

/// Largest amount a till may report: ¥1,000,000.
pub const EARN_AMOUNT_MAX: i64 = 100_000_000;

/// Points for a purchase from the scanned member QR: verifies the token (signature, time
/// window with one step of tolerance, never used), computes points from the amount and
/// the member's tier (1 per ¥1 × 1 / 1.2 / 1.5 / 2) and writes one ledger row. A receipt of
/// a store earns once; retries with the same `Idempotency-Key` and body get the same answer.
/// An earn of at least a live campaign's reward amount at one of its stores also drops the
/// campaign's coupon into the member's wallet, once per member and campaign.
#[utoipa::path(
    post, path = "/api/v1/pos/loyalty/earn", operation_id = "posEarn", tag = "pos",
    security(("store_key" = [])),
    params(("Idempotency-Key" = String, Header, description = "Unique per earn attempt; reuse it when retrying")),
    request_body = EarnRequest,
    responses(
        (status = 201, description = "Earned", body = EarnResult),
        (status = 200, description = "A retry with the same key: the earlier result", body = EarnResult),
        (status = 400, description = "Bad field (`/receipt_no`, `/amount/amount_minor`) or header, or a missing field (`scan_token`, `receipt_no`, …)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown store key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key is another store's", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`token_used` or `receipt_used`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`token_expired`, `token_invalid` (also the token of a deleted member), `idempotency_conflict`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn earn(
    State(state): State<AppState>,
    staff: StaffKey,
    Idempotent {
        key: IdempotencyKey(key),
        body,
    }: Idempotent<EarnRequest>,
) -> ApiResult<Response> {
    let receipt = check_receipt(&body.receipt_no)?;
    let amount = body.amount.amount_minor;
    if !(1..=EARN_AMOUNT_MAX).contains(&amount) {
        return Err(ApiError::body_field(
            "/amount/amount_minor",
            "expected 1 to 100000000 fen",
        ));
    }
    let store_id = body.store_id.0.clone();
    till_store(&state, &staff, &store_id).await?;
    let fingerprint = sha256_hex(&format!(
        "{}\n{store_id}\n{receipt}\n{amount}",
        body.scan_token.trim()
    ));
    if let Some(res) = earn_replay(&state, &key, &fingerprint).await? {
        return Ok(res);
    }
    let now = Utc::now().timestamp();
    let tokens = &state.members.tokens;
    let claims = tokens
        .verify(&body.scan_token, Kind::Member, now)
        .map_err(|r| token_problem(r, SCAN_TOKEN))?;
    let accepted_until = tokens.accepted_until(&claims);
    let _writer = state.writes.lock().await;
    let outcome = retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        let replayed: Option<(String,)> =
            sqlx::query_as("SELECT request_sha256 FROM member_ledger WHERE idempotency_key = ?")
                .bind(&key)
                .fetch_optional(&mut *tx)
                .await?;
        if replayed.is_some() {
            return Ok(None);
        }
        let dup: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM member_ledger WHERE store_id = ? AND receipt = ?")
                .bind(&store_id)
                .bind(&receipt)
                .fetch_optional(&mut *tx)
                .await?;
        if dup.is_some() {
            return Err(ApiError::refusal_at(ProblemCode::ReceiptUsed,
                "/receipt_no",
                "this receipt already earned points at this store",
            ));
        }
        let member = crate::identity::member_by_token(&mut *tx, claims.subject)
            .await?
            .ok_or_else(|| token_problem(Rejection::Invalid, SCAN_TOKEN))?;
        if !crate::tokens::use_nonce(&mut tx, &claims, now, accepted_until).await? {
            return Err(token_used(SCAN_TOKEN));
        }
        let tier = member.tier();
        let points = tier.points_for(amount);
        let ledger_id = sqlx::query(
            "INSERT INTO member_ledger (member_id, points, reason, store_id, receipt, amount, idempotency_key, request_sha256, at) \
             VALUES (?, ?, 'purchase', ?, ?, ?, ?, ?, ?)",
        )
        .bind(member.id)
        .bind(points)
        .bind(&store_id)
        .bind(&receipt)
        .bind(amount)
        .bind(&key)
        .bind(&fingerprint)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        crate::facts::points_earned(&mut tx, ledger_id, &store_id, tier, points, now).await?;
        sqlx::query(
            "UPDATE members SET points = points + ?, lifetime_points = lifetime_points + ? WHERE id = ?",
        )
        .bind(points)
        .bind(points)
        .bind(member.id)
        .execute(&mut *tx)
        .await?;
        // A live campaign's in-store reward, once per member, with this earn.
        crate::campaigns::rewards::after_earn(&mut tx, member.id, &store_id, amount, now).await?;
        tx.commit().await?;
        Ok(Some(tier))
    })
    .await?;
    drop(_writer);
    match outcome {
        Some(tier) => earn_result(&state, &key, Some(tier), StatusCode::CREATED).await,
        None => earn_replay(&state, &key, &fingerprint)
            .await?
            .ok_or_else(|| ApiError::Internal("earn replay vanished".to_owned())),
    }
}

async fn earn_replay(
    state: &AppState,
    key: &str,
    fingerprint: &str,
) -> ApiResult<Option<Response>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT request_sha256 FROM member_ledger WHERE idempotency_key = ?")
            .bind(key)
            .fetch_optional(&state.db)
            .await?;
    match row {
        None => Ok(None),
        Some((sha,)) if sha == fingerprint => {
            Ok(Some(earn_result(state, key, None, StatusCode::OK).await?))
        }
        Some(_) => Err(ApiError::idempotency_conflict()),
    }
}

async fn earn_result(
    state: &AppState,
    key: &str,
    tier: Option<Tier>,
    status: StatusCode,
) -> ApiResult<Response> {
    let row: LedgerRow = sqlx::query_as(&format!("{LEDGER_COLUMNS} WHERE idempotency_key = ?"))
        .bind(key)
        .fetch_one(&state.db)
        .await?;
    let (member_id,): (i64,) =
        sqlx::query_as("SELECT member_id FROM member_ledger WHERE idempotency_key = ?")
            .bind(key)
            .fetch_one(&state.db)
            .await?;
    let member = core::load(&state.db, member_id)
        .await?
        .ok_or_else(|| ApiError::NotFound("the member was deleted".to_owned()))?;
    let stores = state.stores.get(&state.db).await?;
    Ok(private_json(
        status,
        &EarnResult {
            member_no: member.member_no.clone(),
            tier: tier.unwrap_or_else(|| member.tier()),
            points: row.points,
            balance: member.points,
            entry: row.to_api(&stores),
        },
    ))
}

/// Checks a scanned member token without using it (signature, window, not used yet):
/// the till shows the member before the sale.
#[utoipa::path(
    post, path = "/api/v1/pos/loyalty/verify", operation_id = "posVerifyToken", tag = "pos",
    security(("store_key" = [])),
    request_body = TokenCheck,
    responses(
        (status = 200, description = "Valid", body = TokenChecked),
        (status = 401, description = "No or an unknown store key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key is another store's", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`token_used`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`token_expired`, `token_invalid` (also the token of a deleted member or coupon)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify_token(
    State(state): State<AppState>,
    key: StaffKey,
    BodyJson(body): BodyJson<TokenCheck>,
) -> ApiResult<Response> {
    till_store(&state, &key, &body.store_id.0).await?;
    let now = Utc::now().timestamp();
    let tokens = &state.members.tokens;
    let claims = tokens
        .verify(&body.token, Kind::Member, now)
        .map_err(|r| token_problem(r, "/token"))?;
    let used: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM used_nonces WHERE nonce = ?")
        .bind(claims.nonce_hex())
        .fetch_optional(&state.db)
        .await?;
    if used.is_some() {
        return Err(token_used("/token"));
    }
    let member = crate::identity::member_by_token(&state.db, claims.subject)
        .await?
        .ok_or_else(|| token_problem(Rejection::Invalid, "/token"))?;
    Ok(private_json(
        StatusCode::OK,
        &TokenChecked {
            member_no: member.member_no.clone(),
            tier: member.tier(),
            accepted_until: Timestamp::from_unix(tokens.accepted_until(&claims)),
        },
    ))
}

/// Redeems a wallet coupon from its scanned token: verifies the token, checks the coupon
/// (available, not expired, valid in store at this store) and marks it used with the store
/// and receipt, in one atomic step. A second redeem of the coupon is 409 `coupon_used`.
#[utoipa::path(
    post, path = "/api/v1/pos/coupons/redeem", operation_id = "posRedeem", tag = "pos",
    security(("store_key" = [])),
    request_body = RedeemRequest,
    responses(
        (status = 200, description = "Redeemed", body = RedeemResult),
        (status = 400, description = "Bad `/receipt_no`, or a missing field (`coupon_token`, `receipt_no`, …)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown store key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key is another store's", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`unknown_store`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`coupon_used`, `coupon_expired`, `coupon_not_valid_here`, `token_used`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`token_expired`, `token_invalid` (also the token of a deleted member or coupon)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn redeem(
    State(state): State<AppState>,
    key: StaffKey,
    BodyJson(body): BodyJson<RedeemRequest>,
) -> ApiResult<Response> {
    let receipt = check_receipt(&body.receipt_no)?;
    let store_id = body.store_id.0.clone();
    till_store(&state, &key, &store_id).await?;
    let now = Utc::now().timestamp();
    let tokens = &state.members.tokens;
    let claims = tokens
        .verify(&body.coupon_token, Kind::Coupon, now)
        .map_err(|r| token_problem(r, COUPON_TOKEN))?;
    let accepted_until = tokens.accepted_until(&claims);
    let subject = i64::try_from(claims.subject)
        .map_err(|_| token_problem(Rejection::Invalid, COUPON_TOKEN))?;
    let refuse = |code: ProblemCode, detail: &str| ApiError::Coded {
        code,
        detail: detail.to_owned(),
        errors: vec![storefront_api_types::FieldError {
            pointer: if code == ProblemCode::CouponNotValidHere {
                "/store_id"
            } else {
                COUPON_TOKEN
            }
            .to_owned(),
            message: detail.to_owned(),
        }],
    };
    let _writer = state.writes.lock().await;
    let (id, member_id) = retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        // The coupon the token names; none once the coupon (or its member) is deleted.
        let row: CouponRow = sqlx::query_as(&format!("{COUPON_COLUMNS} WHERE token_subject = ?"))
            .bind(subject)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| token_problem(Rejection::Invalid, COUPON_TOKEN))?;
        let o = offer(&mut *tx, &row.offer_code)
            .await?
            .ok_or_else(|| ApiError::Internal("coupon of an unknown offer".to_owned()))?;
        match row.status(now) {
            CouponStatus::Used => {
                return Err(refuse(ProblemCode::CouponUsed, "this coupon was redeemed already"))
            }
            CouponStatus::Expired => {
                return Err(refuse(ProblemCode::CouponExpired, "this coupon has expired"))
            }
            CouponStatus::Available => {}
        }
        if o.channel() == Channel::Online {
            return Err(refuse(ProblemCode::CouponNotValidHere, "this coupon is for online orders only"));
        }
        let stores = o.stores();
        if !stores.is_empty() && !stores.contains(&store_id.as_str()) {
            return Err(refuse(ProblemCode::CouponNotValidHere, "this coupon is not valid at this store"));
        }
        if !crate::tokens::use_nonce(&mut tx, &claims, now, accepted_until).await? {
            return Err(token_used(COUPON_TOKEN));
        }
        let changed = sqlx::query(
            "UPDATE wallet_coupons SET status = 'used', used_at = ?, used_store_id = ?, used_receipt = ? \
             WHERE id = ? AND status = 'available'",
        )
        .bind(now)
        .bind(&store_id)
        .bind(&receipt)
        .bind(row.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(refuse(ProblemCode::CouponUsed, "this coupon was redeemed already"));
        }
        // A campaign's coupon: the redemption is attributed as its claim (or reward) was.
        crate::campaigns::attribution::record_redemption(&mut tx, row.id, now).await?;
        crate::facts::coupon_redeemed(&mut tx, row.id, &store_id, now).await?;
        tx.commit().await?;
        Ok((row.id, row.member_id))
    })
    .await?;
    drop(_writer);
    let coupon = coupon_of(&state.db, member_id, id, now).await?;
    let member = core::load(&state.db, member_id)
        .await?
        .ok_or_else(|| ApiError::NotFound("the member was deleted".to_owned()))?;
    Ok(private_json(
        StatusCode::OK,
        &RedeemResult {
            coupon,
            member_no: member.member_no,
        },
    ))
}
