//! The virtual store tour (split module `tour`): the tour page with its 360° viewer
//! ([`panorama`]), floor plan, product cards and shopping-guide booking, its pure rules
//! ([`logic`]) and its strings ([`i18n`]).
#![allow(improper_ctypes_definitions)]

pub mod guide_booking;
pub mod i18n;
pub mod logic;
pub mod motion;
mod page;
pub mod panorama;
mod product_card;
mod side;
mod spots;
mod stage;
pub mod use_tour_view;

pub use page::TourPage;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// A store's virtual tour (WebGL viewer, floor plan, product cards, guide booking).
    tour fn tour_page() => view! { <TourPage /> }
}
