//! Stock and availability: a variant's stock at each store, and the staff stock update.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{LocalizedText, StoreId, VariantId};
use crate::time::Timestamp;

/// At or below this many units a store shows "low stock" with the quantity.
pub const LOW_STOCK_AT: u32 = 3;

/// Stock of one variant at one store, as the shopper sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StockStatus {
    /// More than [`LOW_STOCK_AT`] units.
    InStock,
    /// 1..=[`LOW_STOCK_AT`] units.
    LowStock,
    /// None.
    OutOfStock,
}

impl StockStatus {
    /// The status of `quantity` units.
    pub fn of(quantity: u32) -> StockStatus {
        match quantity {
            0 => StockStatus::OutOfStock,
            q if q <= LOW_STOCK_AT => StockStatus::LowStock,
            _ => StockStatus::InStock,
        }
    }
}

/// One store's stock of a variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StoreAvailability {
    /// The store.
    pub store_id: StoreId,
    /// Its display name.
    pub store_name: LocalizedText,
    /// Its city.
    pub city: LocalizedText,
    /// Its IANA time zone (`Asia/Shanghai`): its times are shown on its clock.
    #[serde(default)]
    pub time_zone: String,
    /// In stock, low or out.
    pub status: StockStatus,
    /// Units on hand and not held by reservations, when the store reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// Whether the store offers reserve-for-pickup.
    pub pickup: bool,
    /// When a reservation made now would be ready to collect (absent when out of stock
    /// or the store offers no pickup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_ready_at: Option<Timestamp>,
    /// When the store last reported this figure.
    pub updated_at: Timestamp,
    /// Great-circle distance from `near`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
}

/// `GET /v1/variants/{id}/availability`: the variant at every store, nearest first with
/// `near`, otherwise by city then name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct VariantAvailability {
    /// The variant.
    pub variant_id: VariantId,
    /// Stores holding at least one unit.
    pub in_stock_stores: u32,
    /// Every store.
    pub data: Vec<StoreAvailability>,
}

/// `PUT /v1/staff/stores/{store_id}/stock/{variant_id}` body: the units on hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StockUpdate {
    /// Units on hand and free to sell, 0..=100000.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100000))]
    #[serde(deserialize_with = "crate::whole")]
    pub quantity: u32,
}

/// A store's stock figure after a staff update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StockLevel {
    /// The store.
    pub store_id: StoreId,
    /// The variant.
    pub variant_id: VariantId,
    /// Units now.
    pub quantity: u32,
    /// When it was set.
    pub updated_at: Timestamp,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn stock_status_thresholds() {
        assert_eq!(StockStatus::of(0), StockStatus::OutOfStock);
        assert_eq!(StockStatus::of(1), StockStatus::LowStock);
        assert_eq!(StockStatus::of(LOW_STOCK_AT), StockStatus::LowStock);
        assert_eq!(StockStatus::of(LOW_STOCK_AT + 1), StockStatus::InStock);
    }
}
