//! The storefront's REST wire contract (`/api/v1`).
//!
//! Plain serde types, used by both the SPA and the reference backend, so a change of the
//! contract is one edit that both sides see at compile time. No web framework, no
//! database: only `serde` and (behind the `openapi` feature, server only)
//! `utoipa` schema derives.
//!
//! Conventions:
//! - Money is integer minor units plus an ISO 4217 currency ([`Money`]); never floats.
//! - IDs are opaque strings wrapped in newtypes.
//! - Timestamps are RFC 3339 UTC.
//! - Lists are [`Page`]s with an opaque `next_cursor`.
//! - Errors are RFC 9457 problem details ([`Problem`]) with a machine `code` and
//!   per-field `errors`.
//!
//! One module per part of the contract, every item re-exported at the crate root (callers
//! write `storefront_api_types::Product`, never the module path):
//! - `common`: identifiers, languages, money, images, pages, health;
//! - `time`: [`Timestamp`] and civil dates;
//! - `query`: percent-encoding;
//! - `catalogue`: categories and products, and (`catalogue::listing`) the product query,
//!   facets and suggestions;
//! - `stores`, `stock`, `reservations`, `tour`, `appointments`, `members`, `coupons`;
//! - `campaigns`: campaigns, attribution, the marketing workspace's types;
//! - `kiosk`: kiosk pairing, settings, health, staff's list and the phone hand-off;
//! - `insight`: consent per purpose, the events sent after it, the staff's reports and
//!   the recommendations;
//! - `problems`: [`Problem`] and its [`ProblemCode`].
//!
//! The module graph has no cycles: `common`, `time`, `query` and `problems` use no other
//! module; `members` uses `coupons`, `reservations` and `appointments` use `stores`;
//! `campaigns` uses `catalogue` and `coupons`, and `coupons`, `reservations` and
//! `appointments` use `campaigns`' [`Attribution`]; `kiosk` uses `stores`, `tour` and
//! `campaigns`; `insight` uses `catalogue` and `members`.

mod appointments;
mod campaigns;
mod catalogue;
mod common;
mod coupons;
mod insight;
mod kiosk;
mod members;
mod problems;
mod query;
mod reservations;
mod stock;
mod stores;
mod time;
mod tour;

pub use appointments::*;
pub use campaigns::*;
pub use catalogue::*;
pub use common::*;
pub use coupons::*;
pub use insight::*;
pub use kiosk::*;
pub use members::*;
pub use problems::*;
pub use query::*;
pub use reservations::*;
pub use stock::*;
pub use stores::*;
pub use time::*;
pub use tour::*;

mod encode;
pub use encode::*;
mod first_screen;
pub use first_screen::*;
mod whole;
pub use whole::whole;

/// The path prefix of every versioned endpoint, relative to the API base (`/api`).
pub const API_VERSION_PREFIX: &str = "/v1";
/// Smallest accepted `limit` for list endpoints.
pub const LIMIT_MIN: u32 = 1;
/// Largest accepted `limit` for list endpoints.
pub const LIMIT_MAX: u32 = 100;
/// `limit` used when the query does not give one.
pub const LIMIT_DEFAULT: u32 = 24;
