//! Privacy: the consent sheet of a first visit (split module `consent`: every first visit
//! loads it, so it comes without the rest), the `/privacy` page where a choice is changed or
//! withdrawn, and the sending of events after analytics consent (split module `privacy`). The main module keeps only the choice (`crate::state::consent`) and the event
//! queue (`crate::state::events`).
#![allow(improper_ctypes_definitions)]

mod decide;
pub mod i18n;
mod notice;
mod page;
mod send;
mod sheet;

pub use page::PrivacyPage;
pub use sheet::ConsentSheet;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// `/privacy`: the shopper's privacy choices.
    privacy fn privacy_page() => view! { <PrivacyPage /> }
}

split_view! {
    /// The consent sheet of an undecided visit.
    consent fn consent_sheet() => view! { <ConsentSheet /> }
}

split_view! {
    /// Sends queued events (nothing to show).
    privacy fn send_events(events: Vec<crate::state::events::Raw>) => send::send(events)
}
