//! Kiosk mode (split module `kiosk`: loads only on kiosks and on the pairing page) and the
//! phone's side of its hand-off (split module `handoff`). A kiosk is a browser paired with a
//! store's kiosk (its HttpOnly device cookie; the server then marks the document, see
//! `crate::dom::is_kiosk`): over the app it shows the attract loop, the idle warning and the
//! reset that leaves nothing of a shopper, binds "my store" to its store, keeps membership on
//! the shopper's phone, and reports its health.
#![allow(improper_ctypes_definitions)]

mod attract;
mod exit;
mod health;
pub mod i18n;
mod layer;
pub mod logic;
mod pairing;
mod phone;
mod reset;

pub use layer::KioskLayer;
pub use pairing::PairingPage;
pub use phone::HandoffPage;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// The kiosk's layer over the app.
    kiosk fn kiosk_layer() => view! { <KioskLayer /> }
}

split_view! {
    /// `/kiosk`: pairing this screen.
    kiosk fn pairing_page() => view! { <PairingPage /> }
}

split_view! {
    /// `/h/{token}`: a kiosk's hand-off, opened on the phone (or taken alongside the page the
    /// app opened at once, `crate::dom::open_named_handoff`).
    handoff fn handoff_page() => view! { <HandoffPage /> }
}
