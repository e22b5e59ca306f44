//! The wishlist page (split module `wishlist`). The heart on every product card and the
//! saved list itself are shared (`crate::components::wishlist_button`,
//! `crate::state::Wishlist`): the catalogue shows them in the main module.
#![allow(improper_ctypes_definitions)]

pub mod i18n;
mod page;

pub use page::WishlistPage;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// The wishlist page.
    wishlist fn wishlist_page() => view! { <WishlistPage /> }
}
