//! Coupons: the offers, the wallet, claiming and redeeming at the till.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{LocalizedText, Money, ProductId, StoreId};
use crate::time::Timestamp;

/// How a coupon takes money off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Discount {
    /// Percent off (1..=90).
    Percent {
        /// Percent.
        percent: u32,
    },
    /// A fixed amount off.
    Amount {
        /// The amount.
        off: Money,
    },
}

/// Where a coupon can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Online only.
    Online,
    /// In store only.
    InStore,
    /// Both.
    Both,
}

/// A claimable coupon (`GET /api/v1/coupons`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Offer {
    /// Code, also the deep link `/c/{code}` (upper case letters and digits).
    pub code: String,
    /// Title.
    pub title: LocalizedText,
    /// Terms.
    pub terms: LocalizedText,
    /// The discount.
    pub discount: Discount,
    /// Spend at least this much; `None` without a threshold.
    #[serde(default)]
    pub min_spend: Option<Money>,
    /// Where it can be used.
    pub channel: Channel,
    /// Stores where valid in store; empty means every store.
    #[serde(default)]
    pub store_ids: Vec<StoreId>,
    /// Category the coupon applies to (`None`: everything).
    #[serde(default)]
    pub category_id: Option<String>,
    /// Claimable and usable from...
    pub valid_from: Timestamp,
    /// ...until (exclusive).
    pub valid_until: Timestamp,
    /// Coupons left to claim.
    pub remaining: u32,
    /// Coupons issued in total.
    pub total: u32,
    /// How many one member may hold.
    pub per_member_limit: u32,
}

/// The offers (`GET /api/v1/coupons`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OfferList {
    /// Claimable now, soonest ending first.
    pub data: Vec<Offer>,
}

/// Status of a wallet coupon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CouponStatus {
    /// Can be used.
    Available,
    /// Redeemed.
    Used,
    /// Its validity ended unused.
    Expired,
}

/// A coupon in the member's wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WalletCoupon {
    /// Wallet coupon id (`wc_<n>`).
    pub id: String,
    /// The code as text for the cashier (`<offer code>-<n>`).
    pub code: String,
    /// Status now.
    pub status: CouponStatus,
    /// The offer it was claimed from.
    pub offer: Offer,
    /// When claimed.
    pub claimed_at: Timestamp,
    /// Usable until (exclusive).
    pub expires_at: Timestamp,
    /// When redeemed.
    #[serde(default)]
    pub used_at: Option<Timestamp>,
    /// Where redeemed.
    #[serde(default)]
    pub used_store_id: Option<StoreId>,
    /// The receipt it was redeemed on.
    #[serde(default)]
    pub used_receipt: Option<String>,
}

/// The wallet grouped by status (`GET /api/v1/me/wallet/coupons?status=`; with `status`,
/// only that group is filled and the others are empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Wallet {
    /// Available, soonest expiry first.
    pub available: Vec<WalletCoupon>,
    /// Used, latest first.
    pub used: Vec<WalletCoupon>,
    /// Expired, latest first.
    pub expired: Vec<WalletCoupon>,
}

/// `POST /api/v1/me/wallet/coupons` (optional `Idempotency-Key`): claim a coupon of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ClaimRequest {
    /// The offer code (any case).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9A-Za-z-]{1,32}$"))]
    pub offer: String,
    /// What brought the shopper (never makes the claim fail).
    #[serde(default, skip_serializing_if = "crate::Attribution::is_empty")]
    pub attribution: crate::Attribution,
    /// The claim hand-off of an embed this claim completes
    /// (`POST /api/v1/campaigns/{slug}/handoffs`); its attribution is used.
    #[cfg_attr(feature = "openapi", schema(pattern = "^ho_[A-Za-z0-9_-]{43}$"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<String>,
}

/// `POST /api/v1/pos/coupons/redeem` (store key): redeem a wallet coupon from its scanned
/// token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RedeemRequest {
    /// The scanned coupon token (from the wallet coupon's QR).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{56}$"))]
    pub coupon_token: String,
    /// The till's store.
    pub store_id: StoreId,
    /// The receipt number, 1 to 64 visible ASCII characters.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[!-~]{1,64}$"))]
    pub receipt_no: String,
}

/// The answer to [`RedeemRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RedeemResult {
    /// The coupon, now used.
    pub coupon: WalletCoupon,
    /// The member's number.
    pub member_no: String,
}

/// The member's coupons that apply to a product
/// (`GET /api/v1/me/wallet/coupons/applicable?product=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApplicableCoupons {
    /// The product.
    pub product_id: ProductId,
    /// Available coupons that apply to it.
    pub data: Vec<WalletCoupon>,
}
