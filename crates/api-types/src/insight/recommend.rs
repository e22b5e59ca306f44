//! Recommendations: "shoppers also viewed" (item-to-item co-occurrence computed on the
//! server from consented event history and from reservations), popular products, and a
//! signed-in member's "for you" from their own history (only with personalisation
//! consent). A device blends these with what it knows itself (recently viewed, wishlist),
//! which never leaves it.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::catalogue::ProductSummary;
use crate::common::ProductId;

/// At most this many recommendations in one answer (`limit`, default 12).
pub const RECOMMENDATIONS_MAX: u32 = 24;

/// Why a product is recommended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecommendationReason {
    /// Shoppers who viewed or reserved `product_id` also viewed this one.
    AlsoViewed {
        /// The product it goes with.
        product_id: ProductId,
    },
    /// The member viewed or reserved `product_id`, and shoppers who did also viewed this.
    BecauseYouViewed {
        /// The member's product.
        product_id: ProductId,
    },
    /// Among the most viewed and reserved products of the last 30 days.
    Popular,
}

/// A recommended product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Recommendation {
    /// The product, as on a card.
    pub product: ProductSummary,
    /// Why it is shown.
    pub reason: RecommendationReason,
}

/// A list of recommendations, best first: `GET /api/v1/products/{id}/also-viewed`,
/// `GET /api/v1/recommendations/popular` and `GET /api/v1/me/recommendations` (the last
/// answers `403 consent_required` without the member's personalisation consent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Recommendations {
    /// Best first.
    pub data: Vec<Recommendation>,
}
