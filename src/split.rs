//! The parts of the app that load on demand, each a split point of the wasm bundle: the
//! build (`scripts/split-wasm.sh`) moves the code reachable only from these functions into
//! modules of their own, fetched the first time one is called. The catalogue (home,
//! listing, search, product) stays in the main module; stores, pickup reservations and the
//! product page's live stock block come with the "stores" module; the
//! membership pages (sign-in, member page and code, wallet, coupons, claim links) with the
//! "member" module; the virtual store tour with the "tour" module.
//!
//! Each function returns the built view of its piece; a module that cannot be fetched
//! answers `Err` (shown by [`crate::components::deferred::Deferred`] with a Retry button)
//! instead of panicking.
#![allow(improper_ctypes_definitions)]

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use crate::components::stock::{ReserveItem, StockBlock};
use crate::components::zoom::ZoomDialog;
use leptos::html;
use storefront_api_types::{Image, LocalizedText};
use crate::pages::member::{ClaimPage, CouponHint, CouponPage, MemberCodePage, MemberPage, WalletPage};
use crate::pages::{ReservationPage, ReservationsPage, StoresPage, TourPage, WishlistPage};

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

/// A store's virtual tour (WebGL viewer, floor plan, product cards, guide booking).
#[wasm_split(tour, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn tour_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <TourPage /> }.into_any())
}

/// The wishlist page.
#[wasm_split(wishlist, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn wishlist_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <WishlistPage /> }.into_any())
}

/// The member page (sign-in or join when signed out).
#[wasm_split(member, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn member_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <MemberPage /> }.into_any())
}

/// The rotating member QR.
#[wasm_split(member, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn member_code_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <MemberCodePage /> }.into_any())
}

/// The coupon wallet.
#[wasm_split(member, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn wallet_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <WalletPage /> }.into_any())
}

/// One wallet coupon with its redeem QR.
#[wasm_split(member, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn coupon_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <CouponPage /> }.into_any())
}

/// A `/c/{code}` claim link.
#[wasm_split(member, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn claim_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ClaimPage /> }.into_any())
}

/// "2 of your coupons apply" on a product page.
#[wasm_split(member, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn coupon_hint(product_id: String) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <CouponHint product_id=product_id /> }.into_any())
}

/// A product gallery's zoom view (loaded the first time a shopper enlarges a picture).
#[wasm_split(zoom, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn zoom_dialog(
    open: RwSignal<bool>,
    shown: RwSignal<usize>,
    images: StoredValue<Vec<Image>>,
    title: LocalizedText,
    opener: NodeRef<html::Button>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ZoomDialog open=open shown=shown images=images title=title opener=opener /> }.into_any())
}
