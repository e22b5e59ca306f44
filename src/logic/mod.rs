//! Shared pure Rust, no DOM: tested natively with `cargo test -p storefront --lib`. (A
//! feature's own rules live in its folder under `crate::features`.)

pub mod gallery;
pub mod lists;
pub mod money;
