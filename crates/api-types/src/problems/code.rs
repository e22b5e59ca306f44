//! [`ProblemCode`]: every machine code the server answers with, and the HTTP status that
//! goes with each.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The machine code of a problem ([`Problem::code`](crate::Problem::code)), stable across
/// versions: snake_case on the wire (`"sold_out"`).
///
/// Each code is always answered with one HTTP status, [`ProblemCode::status`], except
/// [`ProblemCode::InvalidBody`], whose status says what is wrong with the body
/// ([`BodyFault`](crate::BodyFault)). A code a newer server sends and this version does
/// not know decodes to [`ProblemCode::Unknown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// A query parameter is malformed or out of range (400).
    InvalidQuery,
    /// A path segment is malformed (400).
    InvalidPath,
    /// The body is not JSON (415 without a JSON content type), not valid JSON (400), has
    /// the wrong shape (422, or 400 on the endpoints that do not tell the two apart) or a
    /// field is invalid (400).
    InvalidBody,
    /// A required header is missing or malformed (400), e.g. `Idempotency-Key`.
    InvalidHeader,
    /// The resource does not exist (404).
    NotFound,
    /// The method is not allowed on this path (405).
    MethodNotAllowed,
    /// Something failed on the server; details are in its log, never in the answer (500).
    Internal,
    /// The service cannot answer now (503).
    Unavailable,
    /// No sender of sign-in codes is configured for this login (503): production mode
    /// without `--smtp-url` / `--code-webhook-url`.
    SenderUnavailable,
    /// The body did not arrive within the server's body timeout (408); the connection is
    /// closed.
    RequestTimeout,
    /// The body is larger than the server accepts (413).
    BodyTooLarge,
    /// The URL (path and query) is longer than the server accepts (414).
    UriTooLong,
    /// The request's headers are larger than the server accepts (431).
    HeadersTooLarge,
    /// Not enough units at the store for the reservation (409).
    OutOfStock,
    /// The reservation or appointment is no longer active: collected, cancelled or
    /// expired (409).
    NotActive,
    /// The store does not offer reserve-for-pickup (409).
    PickupUnavailable,
    /// The `Idempotency-Key` was used before with a different body (422).
    IdempotencyConflict,
    /// No or an unknown store API key (401).
    Unauthorized,
    /// The store API key belongs to another store (403).
    Forbidden,
    /// Every shopping guide of the slot is booked (409).
    SlotFull,
    /// The requested start is not an offered slot: outside the store's hours that day, in
    /// the past, off the half-hour grid or too far ahead (422, pointer `/start`); or the
    /// slots of a date outside the booking window were asked for (pointer `#/query/date`).
    SlotUnavailable,
    /// The store offers no shopping-guide appointments (409).
    GuideUnavailable,
    /// No session: sign in first (401).
    Unauthenticated,
    /// A state-changing request without `X-Requested-With: storefront` or a same-origin
    /// `Origin` (403).
    Csrf,
    /// Too many codes sent or tried for this login or client; `Retry-After` says when (429).
    RateLimited,
    /// The one-time code is wrong, expired or already used (422, pointer `/code`).
    CodeInvalid,
    /// Joining needs agreement to the terms and privacy notice (422, pointer `/agree_terms`).
    TermsRequired,
    /// The token's time window has passed (422, pointer to the token field: `/scan_token`
    /// at earn, `/coupon_token` at redeem, `/token` at verify).
    TokenExpired,
    /// The token was used before (409, pointer to the token field).
    TokenUsed,
    /// The token is malformed, its signature is wrong, it is of the other kind or not yet
    /// valid (422, pointer to the token field).
    TokenInvalid,
    /// The store id is unknown (404, pointer `/store_id`).
    UnknownStore,
    /// This receipt of this store already earned points (409, pointer `/receipt_no`).
    ReceiptUsed,
    /// The member holds as many coupons of this offer as allowed (409).
    AlreadyClaimed,
    /// No coupons of this offer are left (409).
    SoldOut,
    /// The offer is not claimable now: before or after its window (409).
    OfferInactive,
    /// The wallet coupon was redeemed before (409; at the till, pointer `/coupon_token`).
    CouponUsed,
    /// The wallet coupon's validity has ended (409; at the till, pointer `/coupon_token`).
    CouponExpired,
    /// The coupon is not valid at this store or in store at all (409, pointer `/store_id`).
    CouponNotValidHere,
    /// The campaign has ended (410): its page says so, with a way into the shop.
    CampaignEnded,
    /// Another campaign has this slug (409, pointer `/slug`).
    SlugTaken,
    /// No kiosk is paired to this device: no, an unknown or a revoked `sf_kiosk` cookie
    /// (401); the app leaves kiosk mode.
    KioskUnpaired,
    /// The pairing code is wrong (422, pointer `/code`).
    PairingCodeInvalid,
    /// The pairing code's 10 minutes have passed (422, pointer `/code`).
    PairingCodeExpired,
    /// The pairing code paired a screen before; codes are single use (422, pointer `/code`).
    PairingCodeUsed,
    /// The hand-off was opened before; hand-offs are single use (410).
    HandoffUsed,
    /// The hand-off's 5 minutes have passed (410).
    HandoffExpired,
    /// Leaving kiosk mode needs the store's staff key or the kiosk's exit PIN (403, pointer
    /// `/key` or `/pin`).
    ExitRefused,
    /// The member has not given the consent this needs (403): personalisation for
    /// `GET /api/v1/me/recommendations`.
    ConsentRequired,
    /// A code this version does not know (sent by a newer server). Never sent by this
    /// server; it reads as `"unknown"`.
    #[serde(other)]
    Unknown,
}

impl ProblemCode {
    /// Every code the server sends, in the order of the declaration ([`ProblemCode::Unknown`]
    /// is not one of them).
    pub const ALL: [ProblemCode; 48] = [
        ProblemCode::InvalidQuery,
        ProblemCode::InvalidPath,
        ProblemCode::InvalidBody,
        ProblemCode::InvalidHeader,
        ProblemCode::NotFound,
        ProblemCode::MethodNotAllowed,
        ProblemCode::Internal,
        ProblemCode::Unavailable,
        ProblemCode::SenderUnavailable,
        ProblemCode::RequestTimeout,
        ProblemCode::BodyTooLarge,
        ProblemCode::UriTooLong,
        ProblemCode::HeadersTooLarge,
        ProblemCode::OutOfStock,
        ProblemCode::NotActive,
        ProblemCode::PickupUnavailable,
        ProblemCode::IdempotencyConflict,
        ProblemCode::Unauthorized,
        ProblemCode::Forbidden,
        ProblemCode::SlotFull,
        ProblemCode::SlotUnavailable,
        ProblemCode::GuideUnavailable,
        ProblemCode::Unauthenticated,
        ProblemCode::Csrf,
        ProblemCode::RateLimited,
        ProblemCode::CodeInvalid,
        ProblemCode::TermsRequired,
        ProblemCode::TokenExpired,
        ProblemCode::TokenUsed,
        ProblemCode::TokenInvalid,
        ProblemCode::UnknownStore,
        ProblemCode::ReceiptUsed,
        ProblemCode::AlreadyClaimed,
        ProblemCode::SoldOut,
        ProblemCode::OfferInactive,
        ProblemCode::CouponUsed,
        ProblemCode::CouponExpired,
        ProblemCode::CouponNotValidHere,
        ProblemCode::CampaignEnded,
        ProblemCode::SlugTaken,
        ProblemCode::KioskUnpaired,
        ProblemCode::PairingCodeInvalid,
        ProblemCode::PairingCodeExpired,
        ProblemCode::PairingCodeUsed,
        ProblemCode::HandoffUsed,
        ProblemCode::HandoffExpired,
        ProblemCode::ExitRefused,
        ProblemCode::ConsentRequired,
    ];

    /// The wire form, `"sold_out"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ProblemCode::InvalidQuery => "invalid_query",
            ProblemCode::InvalidPath => "invalid_path",
            ProblemCode::InvalidBody => "invalid_body",
            ProblemCode::InvalidHeader => "invalid_header",
            ProblemCode::NotFound => "not_found",
            ProblemCode::MethodNotAllowed => "method_not_allowed",
            ProblemCode::Internal => "internal",
            ProblemCode::Unavailable => "unavailable",
            ProblemCode::SenderUnavailable => "sender_unavailable",
            ProblemCode::RequestTimeout => "request_timeout",
            ProblemCode::BodyTooLarge => "body_too_large",
            ProblemCode::UriTooLong => "uri_too_long",
            ProblemCode::HeadersTooLarge => "headers_too_large",
            ProblemCode::OutOfStock => "out_of_stock",
            ProblemCode::NotActive => "not_active",
            ProblemCode::PickupUnavailable => "pickup_unavailable",
            ProblemCode::IdempotencyConflict => "idempotency_conflict",
            ProblemCode::Unauthorized => "unauthorized",
            ProblemCode::Forbidden => "forbidden",
            ProblemCode::SlotFull => "slot_full",
            ProblemCode::SlotUnavailable => "slot_unavailable",
            ProblemCode::GuideUnavailable => "guide_unavailable",
            ProblemCode::Unauthenticated => "unauthenticated",
            ProblemCode::Csrf => "csrf",
            ProblemCode::RateLimited => "rate_limited",
            ProblemCode::CodeInvalid => "code_invalid",
            ProblemCode::TermsRequired => "terms_required",
            ProblemCode::TokenExpired => "token_expired",
            ProblemCode::TokenUsed => "token_used",
            ProblemCode::TokenInvalid => "token_invalid",
            ProblemCode::UnknownStore => "unknown_store",
            ProblemCode::ReceiptUsed => "receipt_used",
            ProblemCode::AlreadyClaimed => "already_claimed",
            ProblemCode::SoldOut => "sold_out",
            ProblemCode::OfferInactive => "offer_inactive",
            ProblemCode::CouponUsed => "coupon_used",
            ProblemCode::CouponExpired => "coupon_expired",
            ProblemCode::CouponNotValidHere => "coupon_not_valid_here",
            ProblemCode::CampaignEnded => "campaign_ended",
            ProblemCode::SlugTaken => "slug_taken",
            ProblemCode::KioskUnpaired => "kiosk_unpaired",
            ProblemCode::PairingCodeInvalid => "pairing_code_invalid",
            ProblemCode::PairingCodeExpired => "pairing_code_expired",
            ProblemCode::PairingCodeUsed => "pairing_code_used",
            ProblemCode::HandoffUsed => "handoff_used",
            ProblemCode::HandoffExpired => "handoff_expired",
            ProblemCode::ExitRefused => "exit_refused",
            ProblemCode::ConsentRequired => "consent_required",
            ProblemCode::Unknown => "unknown",
        }
    }

    /// The code of a wire string; [`ProblemCode::Unknown`] for any other string.
    pub fn parse(s: &str) -> ProblemCode {
        ProblemCode::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .unwrap_or(ProblemCode::Unknown)
    }

    /// The HTTP status this code is answered with. [`ProblemCode::InvalidBody`] gives 400
    /// here, its status for a body that is not valid JSON or has an invalid field; its 415
    /// and 422 come from [`BodyFault::status`](crate::BodyFault::status).
    /// [`ProblemCode::Unknown`], which the server never sends, gives 500.
    pub const fn status(self) -> u16 {
        match self {
            ProblemCode::InvalidQuery
            | ProblemCode::InvalidPath
            | ProblemCode::InvalidBody
            | ProblemCode::InvalidHeader => 400,
            ProblemCode::Unauthorized
            | ProblemCode::Unauthenticated
            | ProblemCode::KioskUnpaired => 401,
            ProblemCode::Forbidden
            | ProblemCode::Csrf
            | ProblemCode::ExitRefused
            | ProblemCode::ConsentRequired => 403,
            ProblemCode::NotFound | ProblemCode::UnknownStore => 404,
            ProblemCode::MethodNotAllowed => 405,
            ProblemCode::OutOfStock
            | ProblemCode::NotActive
            | ProblemCode::PickupUnavailable
            | ProblemCode::SlotFull
            | ProblemCode::GuideUnavailable
            | ProblemCode::TokenUsed
            | ProblemCode::ReceiptUsed
            | ProblemCode::AlreadyClaimed
            | ProblemCode::SoldOut
            | ProblemCode::OfferInactive
            | ProblemCode::CouponUsed
            | ProblemCode::CouponExpired
            | ProblemCode::CouponNotValidHere
            | ProblemCode::SlugTaken => 409,
            ProblemCode::CampaignEnded | ProblemCode::HandoffUsed | ProblemCode::HandoffExpired => {
                410
            }
            ProblemCode::IdempotencyConflict
            | ProblemCode::SlotUnavailable
            | ProblemCode::CodeInvalid
            | ProblemCode::TermsRequired
            | ProblemCode::TokenExpired
            | ProblemCode::TokenInvalid
            | ProblemCode::PairingCodeInvalid
            | ProblemCode::PairingCodeExpired
            | ProblemCode::PairingCodeUsed => 422,
            ProblemCode::RequestTimeout => 408,
            ProblemCode::BodyTooLarge => 413,
            ProblemCode::UriTooLong => 414,
            ProblemCode::RateLimited => 429,
            ProblemCode::HeadersTooLarge => 431,
            ProblemCode::Internal | ProblemCode::Unknown => 500,
            ProblemCode::Unavailable | ProblemCode::SenderUnavailable => 503,
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for ProblemCode {
    fn from(s: &str) -> Self {
        ProblemCode::parse(s)
    }
}

impl PartialEq<str> for ProblemCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ProblemCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ProblemCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(ProblemCode::ALL.map(ProblemCode::as_str)))
            .description(Some(
                "Machine-readable code, stable across versions; clients treat codes they \
                 do not know as `unknown`",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ProblemCode {}

/// Machine codes the server uses in [`Problem::code`](crate::Problem::code), as strings
/// (the same as [`ProblemCode::as_str`]).
pub mod codes {
    use super::ProblemCode as C;

    /// A query parameter is malformed or out of range (400).
    pub const INVALID_QUERY: &str = C::InvalidQuery.as_str();
    /// A path segment is malformed (400).
    pub const INVALID_PATH: &str = C::InvalidPath.as_str();
    /// The body is not valid JSON or has the wrong shape (400/422).
    pub const INVALID_BODY: &str = C::InvalidBody.as_str();
    /// The resource does not exist (404).
    pub const NOT_FOUND: &str = C::NotFound.as_str();
    /// The method is not allowed on this path (405).
    pub const METHOD_NOT_ALLOWED: &str = C::MethodNotAllowed.as_str();
    /// Something failed on the server; details are in its log, never in the answer (500).
    pub const INTERNAL: &str = C::Internal.as_str();
    /// The service cannot answer now (503).
    pub const UNAVAILABLE: &str = C::Unavailable.as_str();
    /// No sender of sign-in codes is configured for this login (503).
    pub const SENDER_UNAVAILABLE: &str = C::SenderUnavailable.as_str();
    /// A required header is missing or malformed (400), e.g. `Idempotency-Key`.
    pub const INVALID_HEADER: &str = C::InvalidHeader.as_str();
    /// Not enough units at the store for the reservation (409).
    pub const OUT_OF_STOCK: &str = C::OutOfStock.as_str();
    /// The reservation is no longer active: collected, cancelled or expired (409).
    pub const NOT_ACTIVE: &str = C::NotActive.as_str();
    /// The store does not offer reserve-for-pickup (409).
    pub const PICKUP_UNAVAILABLE: &str = C::PickupUnavailable.as_str();
    /// The `Idempotency-Key` was used before with a different body (422).
    pub const IDEMPOTENCY_CONFLICT: &str = C::IdempotencyConflict.as_str();
    /// No or an unknown store API key (401).
    pub const UNAUTHORIZED: &str = C::Unauthorized.as_str();
    /// The store API key belongs to another store (403).
    pub const FORBIDDEN: &str = C::Forbidden.as_str();
    /// Every shopping guide of the slot is booked (409).
    pub const SLOT_FULL: &str = C::SlotFull.as_str();
    /// The requested start is not an offered slot: outside the store's hours that day, in
    /// the past, off the half-hour grid or too far ahead (422, pointer `/start`).
    pub const SLOT_UNAVAILABLE: &str = C::SlotUnavailable.as_str();
    /// The store offers no shopping-guide appointments (409).
    pub const GUIDE_UNAVAILABLE: &str = C::GuideUnavailable.as_str();
}

/// Machine codes of the member, sign-in, till and coupon problems
/// ([`Problem::code`](crate::Problem::code)), as strings.
pub mod member_codes {
    use super::ProblemCode as C;

    /// No session: sign in first (401).
    pub const UNAUTHENTICATED: &str = C::Unauthenticated.as_str();
    /// A state-changing request without `X-Requested-With: storefront` or a same-origin
    /// `Origin` (403).
    pub const CSRF: &str = C::Csrf.as_str();
    /// Too many codes sent or tried for this login or client; `Retry-After` says when (429).
    pub const RATE_LIMITED: &str = C::RateLimited.as_str();
    /// The one-time code is wrong, expired or already used (422, pointer `/code`).
    pub const CODE_INVALID: &str = C::CodeInvalid.as_str();
    /// Joining needs agreement to the terms and privacy notice (422, pointer `/agree_terms`).
    pub const TERMS_REQUIRED: &str = C::TermsRequired.as_str();
    /// The token's time window has passed (422, pointer to the token field: `/scan_token` at
    /// earn, `/coupon_token` at redeem, `/token` at verify).
    pub const TOKEN_EXPIRED: &str = C::TokenExpired.as_str();
    /// The token was used before (409, pointer to the token field, as for [`TOKEN_EXPIRED`]).
    pub const TOKEN_USED: &str = C::TokenUsed.as_str();
    /// The token is malformed, its signature is wrong, it is of the other kind or not yet
    /// valid (422, pointer to the token field, as for [`TOKEN_EXPIRED`]).
    pub const TOKEN_INVALID: &str = C::TokenInvalid.as_str();
    /// The store id is unknown (404, pointer `/store_id`).
    pub const UNKNOWN_STORE: &str = C::UnknownStore.as_str();
    /// This receipt of this store already earned points (409, pointer `/receipt_no`).
    pub const RECEIPT_USED: &str = C::ReceiptUsed.as_str();
    /// The member holds as many coupons of this offer as allowed (409).
    pub const ALREADY_CLAIMED: &str = C::AlreadyClaimed.as_str();
    /// No coupons of this offer are left (409).
    pub const SOLD_OUT: &str = C::SoldOut.as_str();
    /// The offer is not claimable now: before or after its window (409).
    pub const OFFER_INACTIVE: &str = C::OfferInactive.as_str();
    /// The wallet coupon was redeemed before (409; at the till, pointer `/coupon_token`).
    pub const COUPON_USED: &str = C::CouponUsed.as_str();
    /// The wallet coupon's validity has ended (409; at the till, pointer `/coupon_token`).
    pub const COUPON_EXPIRED: &str = C::CouponExpired.as_str();
    /// The coupon is not valid at this store or in store at all (409, pointer `/store_id`).
    pub const COUPON_NOT_VALID_HERE: &str = C::CouponNotValidHere.as_str();
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_as_its_snake_case_string() {
        for code in ProblemCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: ProblemCode = serde_json::from_str(&json).unwrap();
            assert_eq!(back, code);
            assert_eq!(ProblemCode::parse(code.as_str()), code);
            assert_eq!(code.to_string(), code.as_str());
        }
        let mut all: Vec<&str> = ProblemCode::ALL.iter().map(|c| c.as_str()).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), ProblemCode::ALL.len());
    }

    #[test]
    fn an_unknown_code_decodes_to_unknown() {
        let c: ProblemCode = serde_json::from_str(r#""teapot_empty""#).unwrap();
        assert_eq!(c, ProblemCode::Unknown);
        assert_eq!(ProblemCode::parse("teapot_empty"), ProblemCode::Unknown);
        assert_eq!(ProblemCode::from("NOT_FOUND"), ProblemCode::Unknown);
        assert_eq!(serde_json::to_string(&c).unwrap(), r#""unknown""#);
        assert!(!ProblemCode::ALL.contains(&ProblemCode::Unknown));
    }

    #[test]
    fn the_string_constants_are_the_wire_forms() {
        assert_eq!(codes::NOT_FOUND, "not_found");
        assert_eq!(codes::IDEMPOTENCY_CONFLICT, "idempotency_conflict");
        assert_eq!(member_codes::COUPON_NOT_VALID_HERE, "coupon_not_valid_here");
        assert_eq!(ProblemCode::SoldOut, member_codes::SOLD_OUT);
    }

    #[test]
    fn each_code_has_its_status() {
        let status = |c: ProblemCode| c.status();
        assert_eq!(status(ProblemCode::InvalidQuery), 400);
        assert_eq!(status(ProblemCode::InvalidBody), 400);
        assert_eq!(status(ProblemCode::Unauthorized), 401);
        assert_eq!(status(ProblemCode::Unauthenticated), 401);
        assert_eq!(status(ProblemCode::Csrf), 403);
        assert_eq!(status(ProblemCode::UnknownStore), 404);
        assert_eq!(status(ProblemCode::MethodNotAllowed), 405);
        assert_eq!(status(ProblemCode::SoldOut), 409);
        assert_eq!(status(ProblemCode::TokenUsed), 409);
        assert_eq!(status(ProblemCode::TokenExpired), 422);
        assert_eq!(status(ProblemCode::IdempotencyConflict), 422);
        assert_eq!(status(ProblemCode::RateLimited), 429);
        assert_eq!(status(ProblemCode::KioskUnpaired), 401);
        assert_eq!(status(ProblemCode::ExitRefused), 403);
        assert_eq!(status(ProblemCode::PairingCodeExpired), 422);
        assert_eq!(status(ProblemCode::HandoffUsed), 410);
        assert_eq!(status(ProblemCode::Internal), 500);
        assert_eq!(status(ProblemCode::Unavailable), 503);
    }
}
