//! The stores (split module `stores`): the store locator, the product page's live stock
//! block with reserve for pickup, and the pickup passes.
#![allow(improper_ctypes_definitions)]

pub mod appointments;
pub mod hours;
pub mod i18n;
pub mod logic;
pub mod reservations;
pub mod reserve;
pub mod stock;
pub mod stores_page;

pub use reservations::{ReservationPage, ReservationsPage};
pub use reserve::ReserveItem;
pub use stock::StockBlock;
pub use stores_page::StoresPage;

use leptos::prelude::*;

use crate::split::split_view;

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
    /// The product page's share button. Every product page loads this module for its stock
    /// block, so the button comes with it at no extra request, and the main module does
    /// without the share code (the campaign page has its own copy in its module).
    stores fn share_button(title: Signal<String>) => view! {
        <crate::components::share::ShareButton title=title />
    }
}
