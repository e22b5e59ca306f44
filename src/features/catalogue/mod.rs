//! The catalogue: the home page and the search box in the main module; the category and
//! search listings with their facets in the split module `listing`; the product page with
//! its gallery and variants in the split module `product`; the gallery's zoom view
//! ([`zoom`]) in the split module `zoom`. Home needs neither page's code to show, so its
//! first load does without them; the reference server preloads a page's module with its
//! document (and renders its first screen with the same components, natively).
#![allow(improper_ctypes_definitions)]

pub mod category;
pub mod dates;
pub mod gallery;
pub mod home;
pub mod listing;
pub mod product;
pub mod search;
pub mod search_box;
pub mod variants;
pub mod zoom;

pub use category::CategoryPage;
pub use home::HomePage;
pub use product::ProductPage;
pub use search::SearchPage;
pub use search_box::{remember_search, SearchBox};

use leptos::html;
use leptos::prelude::*;
use storefront_api_types::{Image, LocalizedText};

use crate::split::split_view;
use zoom::ZoomDialog;

split_view! {
    /// A category's listing.
    listing fn category_page() => view! { <CategoryPage /> }
}

split_view! {
    /// The search results.
    listing fn search_page() => view! { <SearchPage /> }
}

split_view! {
    /// A product's page.
    product fn product_page() => view! { <ProductPage /> }
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
