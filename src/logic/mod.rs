//! Pure Rust, no DOM: tested natively with `cargo test -p storefront --lib`.

pub mod dates;
pub mod hours;
pub mod money;
pub mod variants;
