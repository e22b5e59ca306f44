//! The staff's insight reports (`GET /api/v1/marketing/insight/{report}?from=&to=&store_id=`,
//! `format=csv` for the same as `text/csv`): exact counts of recorded events and of the
//! server's own facts (reservations, collections, expiries, claims, redemptions, points,
//! guide bookings), never samples. A marketing session sees every store; a store's staff
//! session sees its own store only (another `store_id` is `403 forbidden`).
//!
//! Days are China Standard Time, `YYYY-MM-DD`, `from` and `to` inclusive; `to` before
//! `from` or a period over [`INSIGHT_DAYS_MAX`] days is `400 invalid_query` naming the
//! field.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{CategoryId, LocalizedText, ProductId, StoreId};
use crate::insight::AppChannel;
use crate::members::Tier;

/// The longest period of a report, in days.
pub const INSIGHT_DAYS_MAX: u32 = 366;
/// At most this many rows in a ranked list (stock-outs, queries).
pub const INSIGHT_TOP_MAX: usize = 100;

/// The period and scope of a report, as answered back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InsightScope {
    /// First day, inclusive.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// The one store, or every store the viewer may see (`null`).
    pub store_id: Option<StoreId>,
}

/// The online-to-store funnel's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FunnelFigures {
    /// `view_item` events.
    pub product_views: u64,
    /// `view_store_stock` events.
    pub stock_views: u64,
    /// Reservations made (server facts).
    pub reservations: u64,
    /// Reservations collected (server facts).
    pub collected: u64,
    /// Reservations expired uncollected (server facts).
    pub expired: u64,
}

/// One row of the funnel by store and category. Product views without a store in context
/// have `store_id` `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FunnelBreakdown {
    /// The store.
    pub store_id: Option<StoreId>,
    /// The product's category.
    pub category_id: CategoryId,
    /// Its figures.
    pub figures: FunnelFigures,
}

/// `GET /api/v1/marketing/insight/funnel`: product views → stock at a store viewed →
/// reservation → collected (and expired).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FunnelReport {
    /// Period and scope.
    pub scope: InsightScope,
    /// Over the whole period and scope.
    pub totals: FunnelFigures,
    /// By store and category, most product views first.
    pub rows: Vec<FunnelBreakdown>,
}

/// A variant seen out of stock at the shopper's store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StockoutRow {
    /// The store where it was out of stock.
    pub store_id: StoreId,
    /// The product.
    pub product_id: ProductId,
    /// Its name.
    pub product_name: LocalizedText,
    /// Views of its stock there while it had none (`view_store_stock`).
    pub views: u64,
    /// Distinct visits among them.
    pub sessions: u64,
    /// The nearest store that had the variant at the last such view, when any.
    pub nearest_store_id: Option<StoreId>,
}

/// `GET /api/v1/marketing/insight/stockouts`: stock-outs seen by shoppers, most views first
/// (at most 100 rows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StockoutReport {
    /// Period and scope.
    pub scope: InsightScope,
    /// Every out-of-stock view in the period and scope.
    pub total_views: u64,
    /// Rows by store and product.
    pub rows: Vec<StockoutRow>,
}

/// An offer's coupons through one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CouponRow {
    /// The offer's code.
    pub offer_code: String,
    /// Its title.
    pub title: LocalizedText,
    /// The channel of the claim (`null`: not known, e.g. an in-store reward).
    pub channel: Option<AppChannel>,
    /// Coupons claimed in the period.
    pub claimed: u64,
    /// Of all coupons of the offer and channel, those redeemed at a till in the period
    /// (at the store in scope).
    pub redeemed: u64,
}

/// Points earned at the tills of a store by members of a tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PointsRow {
    /// The store.
    pub store_id: StoreId,
    /// The member's tier when earning.
    pub tier: Tier,
    /// Receipts that earned.
    pub earns: u64,
    /// Points earned.
    pub points: u64,
}

/// `GET /api/v1/marketing/insight/coupons`: claimed → redeemed in store, by offer and
/// channel; points earned by store and tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CouponReport {
    /// Period and scope.
    pub scope: InsightScope,
    /// By offer and channel, most claims first.
    pub coupons: Vec<CouponRow>,
    /// By store and tier.
    pub points: Vec<PointsRow>,
}

/// The tour of one store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TourRow {
    /// The store whose shop the tour shows.
    pub store_id: StoreId,
    /// Visits (`tour_visit` events, distinct sessions).
    pub visits: u64,
    /// Hotspots opened (`tour_view_hotspot` events).
    pub hotspots_opened: u64,
    /// Reservations at that store made in the same visit after the tour (`reserve` events).
    pub reservations_after: u64,
    /// Guide appointments at that store booked in the same visit after the tour
    /// (`book_guide` events).
    pub guide_bookings_after: u64,
}

/// `GET /api/v1/marketing/insight/tour`: the virtual tour's visits and what followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TourReport {
    /// Period and scope.
    pub scope: InsightScope,
    /// By store, most visits first.
    pub rows: Vec<TourRow>,
    /// Guide appointments booked in the period (server facts), every channel.
    pub guide_bookings: u64,
}

/// A search query and how often it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QueryRow {
    /// The query, trimmed and lower-cased.
    pub query: String,
    /// Searches for it.
    pub searches: u64,
}

/// `GET /api/v1/marketing/insight/search`: what shoppers look for, and what the catalogue
/// lacks (queries with no results), most searched first (at most 100 each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SearchReport {
    /// Period and scope.
    pub scope: InsightScope,
    /// Every search in the period and scope.
    pub searches: u64,
    /// Most made.
    pub top: Vec<QueryRow>,
    /// Most made among those that found nothing.
    pub no_results: Vec<QueryRow>,
}
