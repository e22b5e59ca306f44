//! Errors: RFC 9457 problem details and their machine codes.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldError {
    /// Where the problem is: a JSON pointer into the body (`/quantity`) or, for a query
    /// parameter or path segment, `#/query/limit` / `#/path/id`.
    pub pointer: String,
    /// What is wrong, in English, for developers.
    pub message: String,
}

/// RFC 9457 problem details, the body of every error (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type", default = "about_blank")]
    pub type_: String,
    /// Short summary of the problem type.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// Explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Machine-readable code, stable across versions: `not_found`, `invalid_query`...
    pub code: String,
    /// The fields that were invalid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

/// Machine codes the server uses in [`Problem::code`].
pub mod codes {
    /// A query parameter is malformed or out of range (400).
    pub const INVALID_QUERY: &str = "invalid_query";
    /// A path segment is malformed (400).
    pub const INVALID_PATH: &str = "invalid_path";
    /// The body is not valid JSON or has the wrong shape (400/422).
    pub const INVALID_BODY: &str = "invalid_body";
    /// The resource does not exist (404).
    pub const NOT_FOUND: &str = "not_found";
    /// The method is not allowed on this path (405).
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// Something failed on the server; details are in its log, never in the answer (500).
    pub const INTERNAL: &str = "internal";
    /// The service cannot answer now (503).
    pub const UNAVAILABLE: &str = "unavailable";
    /// A required header is missing or malformed (400), e.g. `Idempotency-Key`.
    pub const INVALID_HEADER: &str = "invalid_header";
    /// Not enough units at the store for the reservation (409).
    pub const OUT_OF_STOCK: &str = "out_of_stock";
    /// The reservation is no longer active: collected, cancelled or expired (409).
    pub const NOT_ACTIVE: &str = "not_active";
    /// The store does not offer reserve-for-pickup (409).
    pub const PICKUP_UNAVAILABLE: &str = "pickup_unavailable";
    /// The `Idempotency-Key` was used before with a different body (422).
    pub const IDEMPOTENCY_CONFLICT: &str = "idempotency_conflict";
    /// No or an unknown store API key (401).
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// The store API key belongs to another store (403).
    pub const FORBIDDEN: &str = "forbidden";
    /// Every shopping guide of the slot is booked (409).
    pub const SLOT_FULL: &str = "slot_full";
    /// The requested start is not an offered slot: outside the store's hours that day, in
    /// the past, off the half-hour grid or too far ahead (422, pointer `/start`).
    pub const SLOT_UNAVAILABLE: &str = "slot_unavailable";
    /// The store offers no shopping-guide appointments (409).
    pub const GUIDE_UNAVAILABLE: &str = "guide_unavailable";
}

/// Machine codes of the member, sign-in, till and coupon problems (`Problem::code`).
pub mod member_codes {
    /// No session: sign in first (401).
    pub const UNAUTHENTICATED: &str = "unauthenticated";
    /// A state-changing request without `X-Requested-With: storefront` or a same-origin
    /// `Origin` (403).
    pub const CSRF: &str = "csrf";
    /// Too many codes sent or tried for this login or client; `Retry-After` says when (429).
    pub const RATE_LIMITED: &str = "rate_limited";
    /// The one-time code is wrong, expired or already used (422, pointer `/code`).
    pub const CODE_INVALID: &str = "code_invalid";
    /// Joining needs agreement to the terms and privacy notice (422, pointer `/agree_terms`).
    pub const TERMS_REQUIRED: &str = "terms_required";
    /// The token's time window has passed (422, pointer to the token field: `/scan_token` at
    /// earn, `/coupon_token` at redeem, `/token` at verify).
    pub const TOKEN_EXPIRED: &str = "token_expired";
    /// The token was used before (409, pointer to the token field, as for [`TOKEN_EXPIRED`]).
    pub const TOKEN_USED: &str = "token_used";
    /// The token is malformed, its signature is wrong, it is of the other kind or not yet
    /// valid (422, pointer to the token field, as for [`TOKEN_EXPIRED`]).
    pub const TOKEN_INVALID: &str = "token_invalid";
    /// The store id is unknown (404, pointer `/store_id`).
    pub const UNKNOWN_STORE: &str = "unknown_store";
    /// This receipt of this store already earned points (409, pointer `/receipt_no`).
    pub const RECEIPT_USED: &str = "receipt_used";
    /// The member holds as many coupons of this offer as allowed (409).
    pub const ALREADY_CLAIMED: &str = "already_claimed";
    /// No coupons of this offer are left (409).
    pub const SOLD_OUT: &str = "sold_out";
    /// The offer is not claimable now: before or after its window (409).
    pub const OFFER_INACTIVE: &str = "offer_inactive";
    /// The wallet coupon was redeemed before (409; at the till, pointer `/coupon_token`).
    pub const COUPON_USED: &str = "coupon_used";
    /// The wallet coupon's validity has ended (409; at the till, pointer `/coupon_token`).
    pub const COUPON_EXPIRED: &str = "coupon_expired";
    /// The coupon is not valid at this store or in store at all (409, pointer `/store_id`).
    pub const COUPON_NOT_VALID_HERE: &str = "coupon_not_valid_here";
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn problem_omits_empty_fields_and_names_type() {
        let p = Problem {
            type_: "about:blank".into(),
            title: "Not Found".into(),
            status: 404,
            detail: None,
            code: codes::NOT_FOUND.into(),
            errors: vec![],
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"type":"about:blank","title":"Not Found","status":404,"code":"not_found"}"#
        );
    }
}
