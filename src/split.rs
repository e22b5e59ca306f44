//! The parts of the app that load on demand, each a split point of the wasm bundle: the
//! build (`scripts/split-wasm.sh`) moves the code reachable only from these functions into
//! modules of their own, fetched the first time one is called. The catalogue (home,
//! listing, search, product) stays in the main module; stores, pickup reservations and the
//! product page's live stock block come with the "stores" module.
//!
//! Each function returns the built view of its piece; a module that cannot be fetched
//! answers `Err` (shown by [`crate::components::deferred::Deferred`] with a Retry button)
//! instead of panicking.
#![allow(improper_ctypes_definitions)]

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use crate::components::stock::{ReserveItem, StockBlock};
use crate::pages::{ReservationPage, ReservationsPage, StoresPage, WishlistPage};

/// The store locator.
#[wasm_split(stores, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn stores_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <StoresPage /> }.into_any())
}

/// "My reservations".
#[wasm_split(stores, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn reservations_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ReservationsPage /> }.into_any())
}

/// One pickup pass.
#[wasm_split(stores, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn reservation_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ReservationPage /> }.into_any())
}

/// The product page's live stock block (my store, nearby stores, reserve for pickup).
#[wasm_split(stores, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn stock_block(item: Memo<Option<ReserveItem>>) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <StockBlock item=item /> }.into_any())
}

/// The wishlist page.
#[wasm_split(wishlist, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn wishlist_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <WishlistPage /> }.into_any())
}
