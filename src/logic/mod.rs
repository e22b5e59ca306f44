//! Pure Rust, no DOM: tested natively with `cargo test -p storefront --lib`.

pub mod dates;
pub mod gallery;
pub mod hours;
pub mod listing;
pub mod lists;
pub mod member;
pub mod money;
pub mod search;
pub mod stores;
pub mod tour;
pub mod variants;
