//! A listing's events (only after analytics consent, `crate::state::events`): the search
//! made, the list shown, the product chosen from it.

use leptos::prelude::*;
use storefront_api_types::{EventName, EVENT_ITEMS_MAX, EVENT_TEXT_MAX};

use super::logic::ListingScope;
use super::way_back::Items;
use crate::api::ApiClient;
use crate::routes::ListingFilters;
use crate::state::events;

/// The list a listing is, in events: its category's slug, or `search`.
fn list_id(scope: &ListingScope) -> String {
    match scope {
        ListingScope::Category(slug) => slug.clone(),
        ListingScope::Search(_) => "search".to_owned(),
    }
}

/// Events of a listing's first page shown: the search made (with how many it found) and
/// the list with its first products.
pub(super) fn track_shown(scope: &ListingScope, list: &Items, count: u64) {
    if !events::enabled() {
        return;
    }
    if let ListingScope::Search(term) = scope {
        let term = term.trim();
        if !term.is_empty() {
            let term = term.chars().take(EVENT_TEXT_MAX).collect();
            let found = u32::try_from(count).unwrap_or(u32::MAX);
            events::record(EventName::Search, Vec::new(), Some(term), Some(found), None);
        }
    }
    if !list.is_empty() {
        let items = list
            .iter()
            .take(EVENT_ITEMS_MAX)
            .map(|p| (p.id.to_string(), None))
            .collect();
        events::record(
            EventName::ViewItemList,
            items,
            Some(list_id(scope)),
            None,
            None,
        );
    }
}

/// `select_item`: the product at `index` of the list shown was opened.
pub(super) fn track_select(
    listing: Signal<(ListingScope, ListingFilters)>,
    items: RwSignal<Items>,
    index: usize,
) {
    let Some(id) = items.with_untracked(|v| v.get(index).map(|p| p.id.to_string())) else {
        return;
    };
    let list_id = listing.with_untracked(|(scope, _)| list_id(scope));
    let at = Some(index as u32);
    events::record(
        EventName::SelectItem,
        vec![(id, None)],
        Some(list_id),
        at,
        None,
    );
}

/// A product opened (`href`, a link followed) from search results: the search counts towards
/// the popular ones (a request of its own, not an analytics event).
pub(super) fn count_search_click(
    api: &ApiClient,
    listing: Signal<(ListingScope, ListingFilters)>,
    href: Option<&str>,
) {
    let slug = href
        .and_then(|h| h.strip_prefix("/product/"))
        .and_then(|rest| rest.split(['?', '#']).next())
        .filter(|s| !s.is_empty());
    let q = listing
        .try_with_untracked(|(s, f)| match s {
            ListingScope::Search(_) => s.query(f).q,
            ListingScope::Category(_) => None,
        })
        .flatten();
    if let (Some(product), Some(q)) = (slug, q) {
        let click = storefront_api_types::SearchClick {
            q,
            product: product.to_owned(),
        };
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let _ = api.search_click(&click).await;
        });
    }
}
