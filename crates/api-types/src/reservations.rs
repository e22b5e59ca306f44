//! Reserve for pickup: the request, the pass, and the mainland mobile number check.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{Image, LocalizedText, Money, ProductId, StoreId, VariantId};
use crate::stores::Store;
use crate::time::Timestamp;

/// Most units one reservation may hold.
pub const RESERVE_MAX_QUANTITY: u32 = 5;
/// Longest name on a reservation, in characters.
pub const RESERVE_NAME_MAX: usize = 40;

/// The schema of a guest's name (what [`guest_name`] accepts), for every body that has one.
#[cfg(feature = "openapi")]
pub(crate) fn guest_name_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .min_length(Some(1))
        .max_length(Some(RESERVE_NAME_MAX))
        .pattern(Some(
            r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
        ))
        .build()
}

/// The schema of a mainland China mobile number (what [`normalize_cn_mobile`] accepts).
#[cfg(feature = "openapi")]
pub(crate) fn cn_mobile_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(CN_MOBILE_PATTERN))
        .build()
}

/// The schema pattern of a mainland China mobile number: an optional `+86`, `0086` or `86`,
/// then 11 digits starting `1[3-9]`, with spaces and dashes anywhere.
pub const CN_MOBILE_PATTERN: &str =
    r"^[ -]*(\+[ -]*8[ -]*6|0[ -]*0[ -]*8[ -]*6|8[ -]*6)?[ -]*1[ -]*[3-9]([ -]*[0-9]){9}[ -]*$";

/// A guest's name as given: 1..=[`RESERVE_NAME_MAX`] characters, not only spaces, no
/// control characters (the schema's pattern); the name trimmed, or what is wrong.
pub fn guest_name(raw: &str) -> Result<&str, String> {
    let n = raw.chars().count();
    let name = raw.trim();
    if n > RESERVE_NAME_MAX || name.is_empty() {
        Err(format!(
            "expected a name of 1 to {RESERVE_NAME_MAX} characters, got {}",
            if name.is_empty() { 0 } else { n }
        ))
    } else if raw.chars().any(char::is_control) {
        Err("the name contains control characters".to_owned())
    } else {
        Ok(name)
    }
}

/// Normalises a mainland China mobile number: optional `+86`/`86`/`0086` prefix, then
/// 11 digits starting `1[3-9]`; spaces and dashes are ignored. `None` for any other shape.
pub fn normalize_cn_mobile(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let rest = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .or_else(|| {
            (digits.len() == 13)
                .then(|| digits.strip_prefix("86"))
                .flatten()
        })
        .unwrap_or(&digits);
    let b = rest.as_bytes();
    (b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1]))
    .then(|| rest.to_owned())
}

/// `POST /v1/reservations` body (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReservationRequest {
    /// The variant to hold.
    pub variant_id: VariantId,
    /// The store to collect from.
    pub store_id: StoreId,
    /// Units, 1..=[`RESERVE_MAX_QUANTITY`].
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    #[serde(deserialize_with = "crate::whole")]
    pub quantity: u32,
    /// The guest's name, 1..=40 characters, not only spaces, no control characters.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::reservations::guest_name_schema))]
    pub name: String,
    /// The guest's mainland China mobile number (see [`normalize_cn_mobile`]).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::reservations::cn_mobile_schema))]
    pub phone: String,
    /// What brought the shopper (never makes the reservation fail).
    #[serde(default, skip_serializing_if = "crate::Attribution::is_empty")]
    pub attribution: crate::Attribution,
}

/// Where a reservation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    /// Held for the shopper.
    Active,
    /// Collected at the store.
    Collected,
    /// Cancelled by the shopper; stock released.
    Cancelled,
    /// Not collected in time; stock released.
    Expired,
}

/// The reserved item, as it was when reserved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReservedItem {
    /// The product.
    pub product_id: ProductId,
    /// Its slug (product page link).
    pub product_slug: String,
    /// The variant.
    pub variant_id: VariantId,
    /// Its SKU.
    pub sku: String,
    /// Product name.
    pub name: LocalizedText,
    /// The variant's option labels in order ("黑色 / M").
    pub options: LocalizedText,
    /// Unit price.
    pub price: Money,
    /// The product's main picture.
    pub image: Image,
}

/// A reservation: the pickup pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Reservation {
    /// Reservation code shown at the till and carried by the pass's QR code
    /// (10 characters of `0-9A-Z` without `I`, `L`, `O`, `U`); it also reads the reservation.
    pub code: String,
    /// Where it stands.
    pub status: ReservationStatus,
    /// Units held.
    pub quantity: u32,
    /// The item.
    pub item: ReservedItem,
    /// The store, with hours and status.
    pub store: Store,
    /// The guest's name.
    pub name: String,
    /// The phone number with its middle digits hidden (`138****5678`).
    pub phone_masked: String,
    /// When it was made.
    pub created_at: Timestamp,
    /// When the item will be ready to collect.
    pub ready_at: Timestamp,
    /// Until when it is held; then it expires and the stock is released.
    pub hold_until: Timestamp,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn mainland_mobile_numbers() {
        for ok in [
            "13812345678",
            "+86 138 1234 5678",
            "0086-138-1234-5678",
            "8619912345678",
        ] {
            assert!(normalize_cn_mobile(ok).is_some(), "{ok}");
        }
        assert_eq!(
            normalize_cn_mobile("+86 138-1234-5678").as_deref(),
            Some("13812345678")
        );
        for bad in [
            "",
            "1381234567",
            "138123456789",
            "12812345678",
            "23812345678",
            "1381234567a",
            "+1 138 1234 5678",
            "021-12345678",
        ] {
            assert_eq!(normalize_cn_mobile(bad), None, "{bad}");
        }
    }
}
