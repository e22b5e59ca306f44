//! The coupon wallet: `GET /api/v1/coupons`, `GET /api/v1/coupons/{code}`,
//! `POST|GET /api/v1/me/wallet/coupons` (`GET ?status=`), `GET /api/v1/me/wallet/coupons/{id}/token`,
//! `GET /api/v1/me/wallet/coupons/applicable?product=` and the till's
//! `POST /api/v1/pos/coupons/redeem`.
//!
//! Claims and redemptions run in one `BEGIN IMMEDIATE` transaction behind the process's
//! write mutex: stock is `UPDATE offers SET remaining = remaining - 1 WHERE … AND
//! remaining > 0` (the column's `CHECK (remaining >= 0)` as the last guard), a redemption
//! is `UPDATE wallet_coupons SET status = 'used' WHERE id = ? AND status = 'available'`
//! plus the token's nonce, so concurrent requests get exactly the coupons there are.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::Utc;
use storefront_api_types::{
    member_codes, ApplicableCoupons, Channel, ClaimRequest, CouponStatus, Discount, Money, Offer,
    OfferList, Problem, ProductId, RedeemRequest, RedeemResult, StoreId, Timestamp, TokenBatch,
    Wallet, WalletCoupon,
};

use super::members::{check_receipt, private_json, signed, till_store, token_problem, token_used};
use crate::error::{ApiError, ApiResult};
use crate::extract::{parse_pairs, BodyJson};
use crate::members::{self as members_core, Session};
use crate::reservations::retry_busy;
use crate::tokens::{Kind, Rejection};
use crate::AppState;

/// The coupon token field of [`RedeemRequest`].
const COUPON_TOKEN: &str = "/coupon_token";

/// An offer as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferRow {
    pub code: String,
    pub title_zh: String,
    pub title_en: String,
    pub terms_zh: String,
    pub terms_en: String,
    pub discount_type: String,
    pub discount_value: i64,
    pub min_spend: Option<i64>,
    pub channel: String,
    pub store_ids: String,
    pub category_id: Option<String>,
    pub valid_from: i64,
    pub valid_until: i64,
    pub total: i64,
    pub remaining: i64,
    pub per_member_limit: i64,
}

const OFFER_COLUMNS: &str = "SELECT code, title_zh, title_en, terms_zh, terms_en, discount_type, discount_value, min_spend, \
     channel, store_ids, category_id, valid_from, valid_until, total, remaining, per_member_limit FROM offers";

fn u32_of(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

impl OfferRow {
    pub fn channel(&self) -> Channel {
        match self.channel.as_str() {
            "online" => Channel::Online,
            "in_store" => Channel::InStore,
            _ => Channel::Both,
        }
    }

    pub fn stores(&self) -> Vec<&str> {
        self.store_ids
            .split(',')
            .filter(|s| !s.is_empty())
            .collect()
    }

    pub fn to_api(&self) -> Offer {
        Offer {
            code: self.code.clone(),
            title: storefront_api_types::LocalizedText::new(&self.title_zh, &self.title_en),
            terms: storefront_api_types::LocalizedText::new(&self.terms_zh, &self.terms_en),
            discount: if self.discount_type == "percent" {
                Discount::Percent {
                    percent: u32_of(self.discount_value),
                }
            } else {
                Discount::Amount {
                    off: Money::cny(self.discount_value),
                }
            },
            min_spend: self.min_spend.map(Money::cny),
            channel: self.channel(),
            store_ids: self
                .stores()
                .into_iter()
                .map(|s| StoreId(s.to_owned()))
                .collect(),
            category_id: self.category_id.clone(),
            valid_from: Timestamp::from_unix(self.valid_from),
            valid_until: Timestamp::from_unix(self.valid_until),
            remaining: u32_of(self.remaining),
            total: u32_of(self.total),
            per_member_limit: u32_of(self.per_member_limit),
        }
    }
}

/// A wallet coupon as stored, with its offer's code.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CouponRow {
    pub id: i64,
    pub member_id: i64,
    pub offer_code: String,
    pub claimed_at: i64,
    pub expires_at: i64,
    pub status: String,
    pub used_at: Option<i64>,
    pub used_store_id: Option<String>,
    pub used_receipt: Option<String>,
}

const COUPON_COLUMNS: &str = "SELECT id, member_id, offer_code, claimed_at, expires_at, status, used_at, used_store_id, used_receipt FROM wallet_coupons";

impl CouponRow {
    pub fn status(&self, now: i64) -> CouponStatus {
        if self.status == "used" {
            CouponStatus::Used
        } else if now >= self.expires_at {
            CouponStatus::Expired
        } else {
            CouponStatus::Available
        }
    }

    pub fn to_api(&self, offer: &OfferRow, now: i64) -> WalletCoupon {
        WalletCoupon {
            id: format!("wc_{}", self.id),
            code: format!("{}-{:06}", self.offer_code, self.id),
            status: self.status(now),
            offer: offer.to_api(),
            claimed_at: Timestamp::from_unix(self.claimed_at),
            expires_at: Timestamp::from_unix(self.expires_at),
            used_at: self.used_at.map(Timestamp::from_unix),
            used_store_id: self.used_store_id.clone().map(StoreId),
            used_receipt: self.used_receipt.clone(),
        }
    }
}

async fn offer(
    db: impl sqlx::SqliteExecutor<'_>,
    code: &str,
) -> Result<Option<OfferRow>, sqlx::Error> {
    sqlx::query_as(&format!("{OFFER_COLUMNS} WHERE code = ?"))
        .bind(code)
        .fetch_optional(db)
        .await
}

/// Every coupon of a member, with its offer.
pub async fn wallet_of(state: &AppState, member_id: i64, now: i64) -> ApiResult<Vec<WalletCoupon>> {
    let rows: Vec<CouponRow> = sqlx::query_as(&format!(
        "{COUPON_COLUMNS} WHERE member_id = ? ORDER BY id DESC"
    ))
    .bind(member_id)
    .fetch_all(&state.db)
    .await?;
    let offers: Vec<OfferRow> = sqlx::query_as(OFFER_COLUMNS).fetch_all(&state.db).await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            offers
                .iter()
                .find(|o| o.code == r.offer_code)
                .map(|o| r.to_api(o, now))
        })
        .collect())
}

/// Offer codes: 1 to 32 letters, digits and `-`, any case.
fn offer_code(raw: &str, pointer: &str) -> ApiResult<String> {
    let up = raw.trim().to_ascii_uppercase();
    if up.is_empty() || up.len() > 32 || !up.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        let msg = "expected an offer code of 1 to 32 letters, digits and -";
        return Err(if pointer.starts_with('#') {
            ApiError::InvalidPath(vec![storefront_api_types::FieldError {
                pointer: pointer.to_owned(),
                message: msg.to_owned(),
            }])
        } else {
            ApiError::body_field(pointer, msg)
        });
    }
    Ok(up)
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
    super::live_json(
        &headers,
        &OfferList {
            data: rows.iter().map(OfferRow::to_api).collect(),
        },
    )
}

/// One offer (the deep link `/c/{code}`), any case.
#[utoipa::path(
    get, path = "/api/v1/coupons/{code}", operation_id = "getOffer", tag = "coupons",
    params(("code" = String, Path, description = "Offer code (any case)")),
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
    super::live_json(&headers, &row.to_api())
}

/// Claims a coupon of an offer into the wallet: signed in, within the offer's window, up
/// to its per-member limit, while stock lasts (decremented atomically). With an
/// `Idempotency-Key`, a retry returns the coupon claimed first (200).
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
        (status = 400, description = "Bad `/offer`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`csrf`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer (`/offer`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_claimed`, `sold_out`, `offer_inactive`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn claim(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    BodyJson(body): BodyJson<ClaimRequest>,
) -> ApiResult<Response> {
    let code = offer_code(&body.offer, "/offer")?;
    let key = if headers.contains_key("idempotency-key") {
        Some(super::reservations::idempotency_key(&headers)?)
    } else {
        None
    };
    let now = Utc::now().timestamp();
    let member_id = session.member_id;
    let conflict = |code: &'static str, detail: &str| ApiError::Coded {
        status: StatusCode::CONFLICT,
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
        if let Some(key) = &key {
            let earlier: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM wallet_coupons WHERE member_id = ? AND idempotency_key = ?",
            )
            .bind(member_id)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((id,)) = earlier {
                return Ok((id, false));
            }
        }
        let o = offer(&mut *tx, &code).await?.ok_or_else(|| ApiError::NotFoundField {
            detail: format!("no offer {code}"),
            pointer: "/offer".to_owned(),
        })?;
        if now < o.valid_from || now >= o.valid_until {
            return Err(conflict(member_codes::OFFER_INACTIVE, "this offer cannot be claimed now"));
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
                member_codes::ALREADY_CLAIMED,
                &format!("you hold {held} of this coupon; the limit is {}", o.per_member_limit),
            ));
        }
        let took = sqlx::query("UPDATE offers SET remaining = remaining - 1 WHERE code = ? AND remaining > 0")
            .bind(&code)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if took == 0 {
            return Err(conflict(member_codes::SOLD_OUT, "no coupons of this offer are left"));
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
        tx.commit().await?;
        Ok((id, true))
    })
    .await?;
    drop(_writer);
    let coupon = coupon_of(&state, member_id, id, now).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(private_json(status, &coupon))
}

async fn coupon_of(state: &AppState, member_id: i64, id: i64, now: i64) -> ApiResult<WalletCoupon> {
    let row: CouponRow =
        sqlx::query_as(&format!("{COUPON_COLUMNS} WHERE id = ? AND member_id = ?"))
            .bind(id)
            .bind(member_id)
            .fetch_optional(&state.db)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no coupon wc_{id}")))?;
    let o = offer(&state.db, &row.offer_code)
        .await?
        .ok_or_else(|| ApiError::Internal("coupon of an unknown offer".to_owned()))?;
    Ok(row.to_api(&o, now))
}

/// `?status=available|used|expired` of the wallet; `None` without it.
fn wallet_status(query: &str) -> ApiResult<Option<CouponStatus>> {
    let mut status = None;
    for (k, v) in parse_pairs(query) {
        if k == "status" {
            status = Some(match v.as_str() {
                "available" => CouponStatus::Available,
                "used" => CouponStatus::Used,
                "expired" => CouponStatus::Expired,
                _ => {
                    return Err(ApiError::query(
                        "status",
                        "expected available, used or expired",
                    ))
                }
            });
        }
    }
    Ok(status)
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
    uri: Uri,
) -> ApiResult<Response> {
    let only = wallet_status(uri.query().unwrap_or(""))?;
    let now = Utc::now().timestamp();
    let all = wallet_of(&state, session.member_id, now).await?;
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

fn coupon_id(raw: &str) -> ApiResult<i64> {
    raw.strip_prefix("wc_")
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n > 0)
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
    params(("id" = String, Path, description = "Wallet coupon id (`wc_12`)")),
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
    let coupon = coupon_of(&state, session.member_id, id, now).await?;
    match coupon.status {
        CouponStatus::Used => {
            return Err(ApiError::coded(
                StatusCode::CONFLICT,
                member_codes::COUPON_USED,
                "this coupon was used",
            ))
        }
        CouponStatus::Expired => {
            return Err(ApiError::coded(
                StatusCode::CONFLICT,
                member_codes::COUPON_EXPIRED,
                "this coupon has expired",
            ))
        }
        CouponStatus::Available => {}
    }
    let member = members_core::load(&state.db, session.member_id)
        .await?
        .ok_or_else(members_core::unauthenticated)?;
    let claims = state
        .members
        .tokens
        .batch(Kind::Coupon, id as u64, now)
        .map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
    Ok(private_json(
        StatusCode::OK,
        &TokenBatch {
            member_no: member.member_no,
            step_seconds: state.members.tokens.step,
            tokens: signed(&state, &claims),
            issued_at: Timestamp::from_unix(now),
        },
    ))
}

/// The member's available coupons that apply to a product (its category or a parent, or
/// coupons for everything): "2 coupons apply".
#[utoipa::path(
    get, path = "/api/v1/me/wallet/coupons/applicable", operation_id = "getApplicableCoupons", tag = "coupons",
    params(("product" = String, Query, description = "Product id")),
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
    uri: Uri,
) -> ApiResult<Response> {
    let pairs = parse_pairs(uri.query().unwrap_or(""));
    let product = pairs
        .iter()
        .find(|(k, _)| k == "product")
        .map(|(_, v)| v.trim().to_owned())
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
    let data = wallet_of(&state, session.member_id, now)
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
        (status = 422, description = "`token_expired`, `token_invalid`", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn redeem(
    State(state): State<AppState>,
    headers: HeaderMap,
    BodyJson(body): BodyJson<RedeemRequest>,
) -> ApiResult<Response> {
    let receipt = check_receipt(&body.receipt_no)?;
    let store_id = body.store_id.0.clone();
    till_store(&state, &headers, &store_id).await?;
    let now = Utc::now().timestamp();
    let tokens = &state.members.tokens;
    let claims = tokens
        .verify(&body.coupon_token, Kind::Coupon, now)
        .map_err(|r| token_problem(r, COUPON_TOKEN))?;
    let accepted_until = tokens.accepted_until(&claims);
    let id = claims.subject as i64;
    let refuse = |code: &'static str, detail: &str| ApiError::Coded {
        status: StatusCode::CONFLICT,
        code,
        detail: detail.to_owned(),
        errors: vec![storefront_api_types::FieldError {
            pointer: if code == member_codes::COUPON_NOT_VALID_HERE {
                "/store_id"
            } else {
                COUPON_TOKEN
            }
            .to_owned(),
            message: detail.to_owned(),
        }],
    };
    let _writer = state.writes.lock().await;
    let member_id = retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        let row: CouponRow = sqlx::query_as(&format!("{COUPON_COLUMNS} WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| token_problem(Rejection::Invalid, COUPON_TOKEN))?;
        let o = offer(&mut *tx, &row.offer_code)
            .await?
            .ok_or_else(|| ApiError::Internal("coupon of an unknown offer".to_owned()))?;
        match row.status(now) {
            CouponStatus::Used => {
                return Err(refuse(member_codes::COUPON_USED, "this coupon was redeemed already"))
            }
            CouponStatus::Expired => {
                return Err(refuse(member_codes::COUPON_EXPIRED, "this coupon has expired"))
            }
            CouponStatus::Available => {}
        }
        if o.channel() == Channel::Online {
            return Err(refuse(member_codes::COUPON_NOT_VALID_HERE, "this coupon is for online orders only"));
        }
        let stores = o.stores();
        if !stores.is_empty() && !stores.contains(&store_id.as_str()) {
            return Err(refuse(member_codes::COUPON_NOT_VALID_HERE, "this coupon is not valid at this store"));
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
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(refuse(member_codes::COUPON_USED, "this coupon was redeemed already"));
        }
        tx.commit().await?;
        Ok(row.member_id)
    })
    .await?;
    drop(_writer);
    let coupon = coupon_of(&state, member_id, id, now).await?;
    let member = members_core::load(&state.db, member_id)
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
