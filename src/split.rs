//! The split points of the wasm bundle: the parts of the app that load on demand. The
//! build (`scripts/split-wasm.mjs`) moves the code reachable only from these functions into
//! modules of their own, fetched the first time one is called. Each feature declares its
//! own split points with [`split_view!`] in its `mod.rs` (`crate::features::stores`,
//! `crate::features::tour`, `crate::features::member`, `crate::features::wishlist`, and
//! `crate::features::catalogue` for its pages and the gallery's zoom view). The home page
//! and the search box stay in the main module; the category and search listings are the
//! "listing" module, the product page the "product" module (a server preloads the modules a
//! route's page loads with its document: `AppRoute::modules`); stores, pickup reservations
//! and the product page's live stock block come with the "stores" module; the membership pages
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
/// `split_view! { /// doc  module fn name(args) => view }`: the split point `name` in
/// `module`, answering the view built by the expression.
macro_rules! split_view {
    ($(#[$doc:meta])* $module:ident fn $name:ident($($arg:ident: $ty:ty),* $(,)?) => $view:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[allow(improper_ctypes_definitions)]
        #[::leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
            Ok(::leptos::prelude::IntoAny::into_any($view))
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
            Ok(::leptos::prelude::IntoAny::into_any($view))
        }
    };
}

pub(crate) use split_view;
