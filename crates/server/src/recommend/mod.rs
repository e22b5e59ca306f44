//! Recommendations (issue 16): "shoppers also viewed", popular products, and a signed-in
//! member's "for you", served by `routes/recommendations.rs`.
//!
//! - **Shoppers also viewed** is item-to-item co-occurrence: products looked at in the same
//!   visit (the events' random `session_id`) go together. The events that count are the
//!   product events [`INTEREST_EVENTS`]; a visit counts each product once and each pair of
//!   them once ([`visits`]), and a pair's score is the cosine of the two products' visit
//!   sets, so popular products do not top every list ([`neighbours`]). Each product keeps
//!   its best 24. Reservations carry personal data (name, phone) and never make pairs.
//! - **Popular** is the most `view_item` events and reservations of the last 30 days, over
//!   every store and per store ([`popular`]).
//! - **For you** reads the member's own events (only with their personalisation consent,
//!   and events name a member only while they grant it): the neighbours of what they
//!   viewed, most recent weighing most, then popular products ([`read`]).
//!
//! A periodic job ([`job`], every `--recommend-every-seconds`, 300 by default, and the
//! `recommend` subcommand, [`cli`]) keeps the counts of migration 0014 current from the
//! events stored since its last run. The counts are aggregates without personal data: when
//! events are deleted (retention, a member's withdrawal) what was counted from them stays;
//! a full rebuild (`recommend --full`) counts only the events stored then.

pub mod cli;
mod counts;
pub mod job;
pub mod neighbours;
pub mod popular;
pub mod read;
pub mod visits;

pub use job::{run, run_now, start, Mode, RunReport};

use storefront_api_types::EventName;

/// The events that say a visit looked at a product (their first item's product).
pub const INTEREST_EVENTS: [EventName; 5] = [
    EventName::ViewItem,
    EventName::SelectItem,
    EventName::AddToWishlist,
    EventName::ViewStoreStock,
    EventName::Reserve,
];

/// [`INTEREST_EVENTS`] as SQL (checked against them in the tests).
pub const INTEREST_SQL: &str =
    "name IN ('view_item', 'select_item', 'add_to_wishlist', 'view_store_stock', 'reserve')";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_names_the_interest_events() {
        let names: Vec<String> = INTEREST_EVENTS
            .iter()
            .map(|e| format!("'{}'", e.as_str()))
            .collect();
        assert_eq!(INTEREST_SQL, format!("name IN ({})", names.join(", ")));
    }
}
