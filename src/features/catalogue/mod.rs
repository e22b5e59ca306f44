//! The catalogue, in the main module: the home page, the category and search listings
//! with their facets, the search box, and the product page with its gallery, variants and
//! share button. The gallery's zoom view ([`zoom`]) is the split module `zoom`.
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
    /// A product gallery's zoom view (loaded the first time a shopper enlarges a picture).
    zoom fn zoom_dialog(
        open: RwSignal<bool>,
        shown: RwSignal<usize>,
        images: StoredValue<Vec<Image>>,
        title: LocalizedText,
        opener: NodeRef<html::Button>,
    ) => view! { <ZoomDialog open=open shown=shown images=images title=title opener=opener /> }
}
