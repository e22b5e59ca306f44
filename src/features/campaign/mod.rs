//! The campaign page (split module `campaign`): `/campaign/{slug}` and its embedded form
//! `/embed/campaign/{slug}` (framed by partner sites through `public/embed.js`), with the
//! coupon's claim (through a hand-off window when embedded), share, reserving a product for
//! pickup in place, the products' stock at
//! the shopper's store, and the embed's channel to its host page.
#![allow(improper_ctypes_definitions)]

mod claim;
mod embed;
pub mod i18n;
pub mod logic;
mod page;
mod reserve;

pub use page::CampaignPage;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// A campaign page, on the shop or embedded.
    campaign fn campaign_page() => view! { <CampaignPage /> }
}
