//! One folder per capability, matching the wasm module it loads with (see
//! [`crate::split`]).

pub mod campaign;
pub mod catalogue;
pub mod install;
pub mod kiosk;
pub mod marketing;
pub mod member;
pub mod offline;
pub mod privacy;
pub mod recommend;
pub mod stores;
pub mod tour;
pub mod wishlist;
