//! Offers and the coupon wallet over SQLite: the stored rows, their API form, and the
//! reads the wallet endpoints and the till share.

use sqlx::SqlitePool;
use storefront_api_types::{
    Channel, CouponStatus, Discount, Money, Offer, StoreId, Timestamp, WalletCoupon,
};

use crate::error::{ApiError, ApiResult};

/// An offer as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferRow {
    /// Its code.
    pub code: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Terms in Chinese.
    pub terms_zh: String,
    /// Terms in English.
    pub terms_en: String,
    /// `amount` or `percent`.
    pub discount_type: String,
    /// Fen off, or percent off.
    pub discount_value: i64,
    /// Least spend, fen.
    pub min_spend: Option<i64>,
    /// `online`, `in_store` or `both`.
    pub channel: String,
    /// Comma-separated stores (empty: all).
    pub store_ids: String,
    /// Its category.
    pub category_id: Option<String>,
    /// Start of validity (Unix seconds).
    pub valid_from: i64,
    /// End of validity (Unix seconds).
    pub valid_until: i64,
    /// How many.
    pub total: i64,
    /// How many are left.
    pub remaining: i64,
    /// Most per member.
    pub per_member_limit: i64,
}

/// The columns of an [`OfferRow`].
pub const OFFER_COLUMNS: &str = "SELECT code, title_zh, title_en, terms_zh, terms_en, discount_type, discount_value, min_spend, \
     channel, store_ids, category_id, valid_from, valid_until, total, remaining, per_member_limit FROM offers";

fn u32_of(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

impl OfferRow {
    /// Where the offer can be used.
    pub fn channel(&self) -> Channel {
        match self.channel.as_str() {
            "online" => Channel::Online,
            "in_store" => Channel::InStore,
            _ => Channel::Both,
        }
    }

    /// The stores the offer is limited to (none: every store).
    pub fn stores(&self) -> Vec<&str> {
        self.store_ids
            .split(',')
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The offer as the API shows it.
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
    /// Its id.
    pub id: i64,
    /// The member.
    pub member_id: i64,
    /// The offer.
    pub offer_code: String,
    /// When it was claimed.
    pub claimed_at: i64,
    /// When it expires.
    pub expires_at: i64,
    /// Stored status.
    pub status: String,
    /// When it was used.
    pub used_at: Option<i64>,
    /// Store where it was used.
    pub used_store_id: Option<String>,
    /// Receipt it was used on.
    pub used_receipt: Option<String>,
}

/// The columns of a [`CouponRow`].
pub const COUPON_COLUMNS: &str = "SELECT id, member_id, offer_code, claimed_at, expires_at, status, used_at, used_store_id, used_receipt FROM wallet_coupons";

impl CouponRow {
    /// The status at `now` (an unused coupon past its end is expired).
    pub fn status(&self, now: i64) -> CouponStatus {
        if self.status == "used" {
            CouponStatus::Used
        } else if now >= self.expires_at {
            CouponStatus::Expired
        } else {
            CouponStatus::Available
        }
    }

    /// The coupon as the API shows it, with its offer.
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

/// The offer of a code.
pub async fn offer(
    db: impl sqlx::SqliteExecutor<'_>,
    code: &str,
) -> Result<Option<OfferRow>, sqlx::Error> {
    sqlx::query_as(&format!("{OFFER_COLUMNS} WHERE code = ?"))
        .bind(code)
        .fetch_optional(db)
        .await
}

/// Every coupon of a member, with its offer.
pub async fn wallet_of(db: &SqlitePool, member_id: i64, now: i64) -> ApiResult<Vec<WalletCoupon>> {
    let rows: Vec<CouponRow> = sqlx::query_as(&format!(
        "{COUPON_COLUMNS} WHERE member_id = ? ORDER BY id DESC"
    ))
    .bind(member_id)
    .fetch_all(db)
    .await?;
    let offers: Vec<OfferRow> = sqlx::query_as(OFFER_COLUMNS).fetch_all(db).await?;
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
pub fn offer_code(raw: &str, pointer: &str) -> ApiResult<String> {
    let up = raw.to_ascii_uppercase();
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

/// A coupon of a member's wallet, with its offer.
pub async fn coupon_of(
    db: &SqlitePool,
    member_id: i64,
    id: i64,
    now: i64,
) -> ApiResult<WalletCoupon> {
    let row: CouponRow =
        sqlx::query_as(&format!("{COUPON_COLUMNS} WHERE id = ? AND member_id = ?"))
            .bind(id)
            .bind(member_id)
            .fetch_optional(db)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no coupon wc_{id}")))?;
    let o = offer(db, &row.offer_code)
        .await?
        .ok_or_else(|| ApiError::Internal("coupon of an unknown offer".to_owned()))?;
    Ok(row.to_api(&o, now))
}
