//! Members: tiers and points, the ledger, sign-in, the member QR and the till.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{LocalizedText, Money, Page, StoreId};
use crate::coupons::WalletCoupon;
use crate::time::Timestamp;

/// Membership tier, from the points a member has earned in total (lifetime).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// From joining.
    Regular,
    /// From 1,000 lifetime points.
    Silver,
    /// From 5,000 lifetime points.
    Gold,
    /// From 20,000 lifetime points.
    Platinum,
}

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: [Tier; 4] = [Tier::Regular, Tier::Silver, Tier::Gold, Tier::Platinum];

    /// Lifetime points from which a member has this tier.
    pub const fn threshold(self) -> i64 {
        match self {
            Tier::Regular => 0,
            Tier::Silver => 1_000,
            Tier::Gold => 5_000,
            Tier::Platinum => 20_000,
        }
    }

    /// The tier of a lifetime points figure.
    pub fn of(lifetime_points: i64) -> Tier {
        Tier::ALL
            .into_iter()
            .rev()
            .find(|t| lifetime_points >= t.threshold())
            .unwrap_or(Tier::Regular)
    }

    /// The next tier up, `None` at the top.
    pub fn next(self) -> Option<Tier> {
        match self {
            Tier::Regular => Some(Tier::Silver),
            Tier::Silver => Some(Tier::Gold),
            Tier::Gold => Some(Tier::Platinum),
            Tier::Platinum => None,
        }
    }

    /// Points per yuan spent, in tenths: 10 (×1), 12 (×1.2), 15 (×1.5), 20 (×2).
    pub const fn earn_tenths(self) -> i64 {
        match self {
            Tier::Regular => 10,
            Tier::Silver => 12,
            Tier::Gold => 15,
            Tier::Platinum => 20,
        }
    }

    /// Points earned for an amount in fen: 1 point per whole yuan, times the tier's rate,
    /// rounded down; never negative.
    pub fn points_for(self, amount_minor: i64) -> i64 {
        (amount_minor.max(0) / 100).saturating_mul(self.earn_tenths()) / 10
    }

    /// The wire name (`"silver"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Regular => "regular",
            Tier::Silver => "silver",
            Tier::Gold => "gold",
            Tier::Platinum => "platinum",
        }
    }
}

/// A tier with its name and benefits, as shown on the member page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TierInfo {
    /// The tier.
    pub tier: Tier,
    /// Display name.
    pub name: LocalizedText,
    /// Benefits (for example "10% off in store").
    pub benefits: LocalizedText,
    /// Lifetime points from which it applies.
    pub threshold: i64,
}

/// The signed-in member (`GET /api/v1/me`, and the same at `GET /api/v1/me/loyalty`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Member {
    /// Member number, 10 digits: the cashier's fallback when the QR cannot be scanned.
    pub member_no: String,
    /// Masked login (`138****5678` or `w***@example.com`).
    pub login_masked: String,
    /// Current tier with its benefits.
    pub tier: TierInfo,
    /// Points balance (spendable).
    pub points: i64,
    /// Points earned in total (decides the tier).
    pub lifetime_points: i64,
    /// The next tier, `None` at platinum.
    #[serde(default)]
    pub next_tier: Option<TierInfo>,
    /// Lifetime points still needed for the next tier (0 at platinum).
    pub points_to_next: i64,
    /// When the member joined.
    pub joined_at: Timestamp,
}

/// One row of the append-only points ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LedgerEntry {
    /// Ledger id (`l_<n>`).
    pub id: String,
    /// Points added (positive) or taken (negative).
    pub points: i64,
    /// Why: `purchase`, `welcome`, `adjustment`.
    pub reason: String,
    /// The store of an in-store purchase.
    #[serde(default)]
    pub store_id: Option<StoreId>,
    /// Its name.
    #[serde(default)]
    pub store_name: Option<LocalizedText>,
    /// The till's receipt number.
    #[serde(default)]
    pub receipt: Option<String>,
    /// The purchase amount.
    #[serde(default)]
    pub amount: Option<Money>,
    /// When.
    pub at: Timestamp,
}

/// A page of the ledger, newest first (`GET /api/v1/me/loyalty/transactions?cursor=&limit=`).
pub type LedgerPage = Page<LedgerEntry>;

/// One short-lived signed token for a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignedToken {
    /// The QR payload: base64url, 56 characters.
    pub token: String,
    /// Shown from this instant...
    pub valid_from: Timestamp,
    /// ...until this one (exclusive).
    pub valid_until: Timestamp,
}

/// A batch of tokens covering at least ten minutes, to keep on the device: the member QR
/// (`POST /api/v1/me/loyalty/scan-tokens`) or a wallet coupon's redeem QR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenBatch {
    /// Member number (the cashier's fallback).
    pub member_no: String,
    /// Seconds each token is shown.
    pub step_seconds: u32,
    /// Tokens in time order, consecutive windows.
    pub tokens: Vec<SignedToken>,
    /// When the batch was issued.
    pub issued_at: Timestamp,
}

/// `POST /api/v1/auth/code`: send a one-time code to a mobile number or an email address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInCodeRequest {
    /// Mainland China mobile (`138 1234 5678`, `+86` optional) or an email address.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 254,
            pattern = r"^([ -]*(\+[ -]*8[ -]*6|0[ -]*0[ -]*8[ -]*6|8[ -]*6)?[ -]*1[ -]*[3-9]([ -]*[0-9]){9}[ -]*|[!#-'*+\-./0-9=?A-Z^-~]{1,64}@[!#-'*+\-/0-9=?A-Z^-~]+(\.[!#-'*+\-/0-9=?A-Z^-~]+)+)$"
        )
    )]
    pub login: String,
}

/// The answer to [`SignInCodeRequest`]: the same for members and non-members (whether the
/// login joins shows only after the code: `422 terms_required` asks for `agree_terms`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInCodeSent {
    /// The login in canonical form (11 digits, or the email in lower case).
    pub login: String,
    /// When the code expires.
    pub expires_at: Timestamp,
    /// Seconds before another code can be sent to this login.
    pub resend_after_seconds: u32,
}

/// `POST /api/v1/auth/verify`: the code; joining needs `agree_terms: true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInVerify {
    /// The login the code was sent to.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 254,
            pattern = r"^([ -]*(\+[ -]*8[ -]*6|0[ -]*0[ -]*8[ -]*6|8[ -]*6)?[ -]*1[ -]*[3-9]([ -]*[0-9]){9}[ -]*|[!#-'*+\-./0-9=?A-Z^-~]{1,64}@[!#-'*+\-/0-9=?A-Z^-~]+(\.[!#-'*+\-/0-9=?A-Z^-~]+)+)$"
        )
    )]
    pub login: String,
    /// The six digits.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{6}$"))]
    pub code: String,
    /// Agreement to the terms and privacy notice (required when joining). We keep only the
    /// login, the points ledger and the wallet, to run the membership.
    #[serde(default)]
    pub agree_terms: bool,
}

/// The answer to [`SignInVerify`] (the session is in the `sf_session` cookie).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignedIn {
    /// Whether this sign-in created the member.
    pub joined: bool,
    /// The member.
    pub member: Member,
}

/// The demo-only last code of a login (`GET /api/v1/demo/last-code?login=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DemoCode {
    /// Canonical login.
    pub login: String,
    /// The code last sent.
    pub code: String,
}

/// Everything stored about the member (`GET /api/v1/me/export`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MemberExport {
    /// The login in full.
    pub login: String,
    /// The member.
    pub member: Member,
    /// When the terms were accepted.
    pub terms_accepted_at: Timestamp,
    /// The whole ledger, newest first.
    pub ledger: Vec<LedgerEntry>,
    /// The whole wallet.
    pub coupons: Vec<WalletCoupon>,
}

/// `POST /api/v1/pos/loyalty/earn` (store key, `Idempotency-Key`): points for a purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EarnRequest {
    /// The scanned member token (from the member QR).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{56}$"))]
    pub scan_token: String,
    /// The till's store.
    pub store_id: StoreId,
    /// The receipt number, 1 to 64 visible ASCII characters; a receipt earns once per store.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[!-~]{1,64}$"))]
    pub receipt_no: String,
    /// The amount paid (CNY), 1 fen to ¥1,000,000.
    #[cfg_attr(feature = "openapi", schema(schema_with = earn_amount_schema))]
    #[serde(deserialize_with = "amount_in")]
    pub amount: Money,
}

/// The answer to [`EarnRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EarnResult {
    /// Member number.
    pub member_no: String,
    /// Tier the points were computed with.
    pub tier: Tier,
    /// Points added.
    pub points: i64,
    /// Balance after.
    pub balance: i64,
    /// The ledger row written.
    pub entry: LedgerEntry,
}

/// [`EarnRequest::amount`] as a till sends it: `amount_minor` may be written `19900.0`.
fn amount_in<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
    #[derive(Deserialize)]
    struct AmountIn {
        #[serde(deserialize_with = "crate::whole")]
        amount_minor: i64,
        currency: crate::Currency,
    }
    let a = AmountIn::deserialize(d)?;
    Ok(Money {
        amount_minor: a.amount_minor,
        currency: a.currency,
    })
}

/// The schema of [`EarnRequest::amount`]: CNY, 1 fen to ¥1,000,000.
#[cfg(feature = "openapi")]
fn earn_amount_schema() -> utoipa::openapi::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .property(
            "amount_minor",
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                    utoipa::openapi::KnownFormat::Int64,
                )))
                .minimum(Some(1))
                .maximum(Some(100_000_000)),
        )
        .required("amount_minor")
        .property(
            "currency",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["CNY"])),
        )
        .required("currency")
        .build()
}

/// `POST /api/v1/pos/loyalty/verify` (store key): checks a member token without using it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenCheck {
    /// The scanned token.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{56}$"))]
    pub token: String,
    /// The till's store.
    pub store_id: StoreId,
}

/// The answer to [`TokenCheck`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenChecked {
    /// Member number.
    pub member_no: String,
    /// Tier.
    pub tier: Tier,
    /// Until when the token is accepted (its window plus the tolerance).
    pub accepted_until: Timestamp,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn tiers_and_points() {
        assert_eq!(Tier::of(0), Tier::Regular);
        assert_eq!(Tier::of(999), Tier::Regular);
        assert_eq!(Tier::of(1_000), Tier::Silver);
        assert_eq!(Tier::of(25_000), Tier::Platinum);
        assert_eq!(Tier::Regular.points_for(19_900), 199);
        assert_eq!(Tier::Silver.points_for(19_900), 238);
        assert_eq!(Tier::Platinum.points_for(19_999), 398);
        assert_eq!(Tier::Gold.points_for(-5), 0);
        assert_eq!(serde_json::to_string(&Tier::Gold).unwrap(), r#""gold""#);
        let d = Discount::Amount {
            off: Money::cny(2_000),
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"type":"amount","off":{"amount_minor":2000,"currency":"CNY"}}"#
        );
        assert_eq!(
            serde_json::to_string(&Channel::InStore).unwrap(),
            r#""in_store""#
        );
    }

    #[test]
    fn till_requests_use_the_contract_field_names() {
        let earn = EarnRequest {
            scan_token: "t".to_owned(),
            store_id: StoreId("s_sh_jingan".to_owned()),
            receipt_no: "R1".to_owned(),
            amount: Money::cny(100),
        };
        assert_eq!(
            serde_json::to_string(&earn).unwrap(),
            r#"{"scan_token":"t","store_id":"s_sh_jingan","receipt_no":"R1","amount":{"amount_minor":100,"currency":"CNY"}}"#
        );
        let old = r#"{"token":"t","store_id":"s_sh_jingan","receipt":"R1","amount":{"amount_minor":100,"currency":"CNY"}}"#;
        let err = serde_json::from_str::<EarnRequest>(old).unwrap_err();
        assert!(err.to_string().contains("scan_token"), "{err}");
        let redeem = RedeemRequest {
            coupon_token: "c".to_owned(),
            store_id: StoreId("s_sh_jingan".to_owned()),
            receipt_no: "R2".to_owned(),
        };
        assert_eq!(
            serde_json::to_string(&redeem).unwrap(),
            r#"{"coupon_token":"c","store_id":"s_sh_jingan","receipt_no":"R2"}"#
        );
        let old = r#"{"token":"c","store_id":"s_sh_jingan","receipt":"R2"}"#;
        let err = serde_json::from_str::<RedeemRequest>(old).unwrap_err();
        assert!(err.to_string().contains("coupon_token"), "{err}");
    }
}
