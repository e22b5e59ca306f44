//! # storefront-demo
//!
//! The storefront's demo: deterministic data (categories, products with variants,
//! pictures and specifications, stores with weekly hours, per-store stock, members and
//! offers, two shops' virtual tours) and the renderers of its media (product and
//! category pictures, tour panoramas and floor plans).
//!
//! No downloads, no `rand`: a small SplitMix64 PRNG ([`Rng`]) seeded per product, so
//! product *n* is the same whatever the catalogue size, and two seedings give identical
//! databases. The server (`storefront-server`) writes this data into its database when it
//! starts on an empty one and serves the pictures; nothing here knows about HTTP.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod campaigns;
pub mod catalogue;
pub mod data;
pub mod hero;
pub mod icons;
pub mod images;
pub mod members;
pub mod names;
pub mod panorama;
pub mod picture;
mod rng;
pub mod specs;
pub mod tour;
pub mod write;

pub use catalogue::{
    categories, product, sales_count, slugify, stock_level, GenCategory, GenImage, GenOption,
    GenProduct, GenValue, GenVariant,
};
pub use rng::Rng;

/// The fixed "now" of the demo data (2026-03-31T00:00:00Z): products were created during the
/// ~18 months before it. Fixed so the data is reproducible.
pub const EPOCH_END: i64 = 1_774_915_200;

/// The demo staff API key of a store (`demo-s_sh_jingan`).
pub fn demo_key(store_id: &str) -> String {
    format!("demo-{store_id}")
}
