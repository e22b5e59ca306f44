//! The marketing workspace (split module `marketing`): sign in with a marketing key, list
//! the campaigns with their figures, write one (every fault shown at its field), preview it
//! at phone, kiosk and embedded sizes, copy its embed code, print its in-store posters
//! (PNG or PDF), and read its results from views to in-store redemptions.
#![allow(improper_ctypes_definitions)]

mod editor;
mod fields;
mod form;
pub mod i18n;
mod insight;
mod list;
pub mod logic;
mod pdf;
mod picker;
mod poster;
mod results;
mod session;
mod share;

pub use editor::EditorPage;
pub use insight::InsightPage;
pub use list::MarketingPage;
pub use results::ResultsPage;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// `/marketing`: sign-in, then the campaigns.
    marketing fn marketing_page() => view! { <MarketingPage /> }
}

split_view! {
    /// The campaign editor.
    marketing fn editor_page() => view! { <EditorPage /> }
}

split_view! {
    /// A campaign's results.
    marketing fn results_page() => view! { <ResultsPage /> }
}

split_view! {
    /// `/marketing/insight`: the insight dashboard.
    marketing fn insight_page() => view! { <InsightPage /> }
}
