//! Offline (split module `offline`, loaded only when the browser is offline or a page shows
//! answers the service worker kept): a note above the page that says so, how old what it
//! shows is, and what works without a signal (the wishlist, the member code, the wallet,
//! pickup passes, all kept on the device). Back online, it asks the page again once.
//!
//! What came from the cache is noted by the API client (`crate::api::offline`).
#![allow(improper_ctypes_definitions)]

pub mod i18n;
mod note;

pub use note::{local_clock, OfflineNote};

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// The offline note above the page.
    offline fn offline_note() => view! { <OfflineNote /> }
}
