//! Recommendations (split module `recommend`): the product page's shelves ("Shoppers also
//! viewed", "You may also like", "Recently viewed") and "For you" on the home page, each
//! saying why it shows what it shows. They load below the fold, apart from the main module.
#![allow(improper_ctypes_definitions)]

mod for_you;
pub mod i18n;
mod shelves;

pub use for_you::ForYou;
pub use shelves::Shelves;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// The product page's shelves of product `id` (`recent`: the other recently viewed).
    recommend fn shelves(id: String, recent: Vec<String>) => view! { <Shelves id=id recent=recent /> }
}

split_view! {
    /// "For you" on the home page.
    recommend fn for_you() => view! { <ForYou /> }
}
