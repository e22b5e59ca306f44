//! The parts of the app that load on demand, each a split point of the wasm bundle: the
//! build (`scripts/split-wasm.mjs`) moves the code reachable only from these functions into
//! modules of their own, fetched the first time one is called. The catalogue (home,
//! listing, search, product) stays in the main module; stores, pickup reservations and the
//! product page's live stock block come with the "stores" module; the membership pages
//! (sign-in, member page and code, wallet, coupons, claim links) with the "member" module;
//! the virtual store tour with the "tour" module; the wishlist and the zoom view with
//! modules of their own.
//!
//! Each function returns the built view of its piece; a module that cannot be fetched
//! answers `Err` (shown by [`crate::components::deferred::Deferred`] with a Retry button)
//! instead of panicking.
//!
//! Without the `split` feature (the in-browser unit tests, whose wasm is not split) the same
//! functions are plain async functions.
#![allow(improper_ctypes_definitions)]

use leptos::html;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use storefront_api_types::{Image, LocalizedText};

use crate::components::stock::{ReserveItem, StockBlock};
use crate::components::zoom::ZoomDialog;
use crate::pages::member::{
    ClaimPage, CouponHint, CouponPage, MemberCodePage, MemberPage, WalletPage,
};
use crate::pages::{ReservationPage, ReservationsPage, StoresPage, TourPage, WishlistPage};

/// `split_view! { /// doc  module fn name(args) => view }`: the split point `name` in
/// `module`, answering the view built by the expression.
macro_rules! split_view {
    ($(#[$doc:meta])* $module:ident fn $name:ident($($arg:ident: $ty:ty),* $(,)?) => $view:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            Ok($view.into_any())
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
            Ok($view.into_any())
        }
    };
}

split_view! {
    /// The store locator.
    stores fn stores_page() => view! { <StoresPage /> }
}

split_view! {
    /// "My reservations".
    stores fn reservations_page() => view! { <ReservationsPage /> }
}

split_view! {
    /// One pickup pass.
    stores fn reservation_page() => view! { <ReservationPage /> }
}

split_view! {
    /// The product page's live stock block (my store, nearby stores, reserve for pickup).
    stores fn stock_block(item: Memo<Option<ReserveItem>>) => view! { <StockBlock item=item /> }
}

split_view! {
    /// A store's virtual tour (WebGL viewer, floor plan, product cards, guide booking).
    tour fn tour_page() => view! { <TourPage /> }
}

split_view! {
    /// The wishlist page.
    wishlist fn wishlist_page() => view! { <WishlistPage /> }
}

split_view! {
    /// A product gallery's zoom view (loaded the first time a shopper enlarges a picture).
    zoom fn zoom_dialog(
        open: RwSignal<bool>,
        shown: RwSignal<usize>,
        images: StoredValue<Vec<Image>>,
        title: LocalizedText,
        opener: NodeRef<html::Button>,
    ) => view! { <ZoomDialog open=open shown=shown images=images title=title opener=opener /> }
}

split_view! {
    /// The member page (sign-in or join when signed out).
    member fn member_page() => view! { <MemberPage /> }
}

split_view! {
    /// The rotating member QR.
    member fn member_code_page() => view! { <MemberCodePage /> }
}

split_view! {
    /// The coupon wallet.
    member fn wallet_page() => view! { <WalletPage /> }
}

split_view! {
    /// One wallet coupon with its redeem QR.
    member fn coupon_page() => view! { <CouponPage /> }
}

split_view! {
    /// A `/c/{code}` claim link.
    member fn claim_page() => view! { <ClaimPage /> }
}

split_view! {
    /// "2 of your coupons apply" on a product page.
    member fn coupon_hint(product_id: String) => view! { <CouponHint product_id=product_id /> }
}
