//! The wishlist: product ids saved on this device (`localStorage`), newest first.
//!
//! Read once at start, written on every change, and kept in step with other tabs through
//! the `storage` event. When the browser keeps nothing (storage disabled, sandboxed
//! iframe, quota), the wishlist still works for the session and `kept()` turns false so
//! the pages can say so.

use leptos::prelude::*;

use crate::logic::lists::{sanitize, toggle, WISHLIST_MAX};
use crate::storage::{self, keys};

/// The wishlist context.
#[derive(Debug, Clone, Copy)]
pub struct Wishlist {
    ids: RwSignal<Vec<String>>,
    kept: RwSignal<bool>,
}

impl Wishlist {
    /// Reads the stored wishlist and follows changes made in other tabs.
    pub fn load() -> Self {
        let available = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .is_some();
        let stored = storage::read_json::<Vec<String>>(keys::WISHLIST).unwrap_or_default();
        let wishlist = Wishlist {
            ids: RwSignal::new(sanitize(stored, WISHLIST_MAX)),
            kept: RwSignal::new(available),
        };
        let ids = wishlist.ids;
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            // `key` is null when another tab cleared the whole storage
            let ours = ev.key().is_none_or(|k| k == keys::WISHLIST);
            if ours {
                let list = storage::read_json::<Vec<String>>(keys::WISHLIST).unwrap_or_default();
                ids.try_set(sanitize(list, WISHLIST_MAX));
            }
        });
        on_cleanup(move || handle.remove());
        wishlist
    }

    /// A wishlist that starts empty and is not read from storage (tests).
    pub fn in_memory(ids: Vec<String>) -> Self {
        Wishlist {
            ids: RwSignal::new(ids),
            kept: RwSignal::new(true),
        }
    }

    /// The saved ids, newest first (tracked).
    pub fn ids(&self) -> Vec<String> {
        self.ids.get()
    }

    /// How many products are saved (tracked).
    pub fn count(&self) -> usize {
        self.ids.with(Vec::len)
    }

    /// Whether `id` is saved (tracked).
    pub fn contains(&self, id: &str) -> bool {
        self.ids.with(|ids| ids.iter().any(|x| x == id))
    }

    /// Whether the wishlist survives a reload (tracked): false when storage failed.
    pub fn kept(&self) -> bool {
        self.kept.get()
    }

    /// Saves `id`, or removes it when saved. Returns whether it is saved afterwards.
    pub fn toggle(&self, id: &str) -> bool {
        let mut now = false;
        self.ids.update(|ids| now = toggle(ids, id, WISHLIST_MAX));
        self.persist();
        if now {
            super::events::track_item(storefront_api_types::EventName::AddToWishlist, id, None);
        }
        now
    }

    /// Removes every id in `gone`.
    pub fn remove_all(&self, gone: &[String]) {
        if gone.is_empty() {
            return;
        }
        self.ids.update(|ids| ids.retain(|id| !gone.contains(id)));
        self.persist();
    }

    fn persist(&self) {
        let result = self
            .ids
            .with_untracked(|ids| storage::write_json(keys::WISHLIST, ids));
        self.kept.set(result.is_ok());
    }
}

/// The wishlist context, or a fresh one read from storage when the app did not provide it
/// (components mounted alone).
pub fn use_wishlist() -> Wishlist {
    use_context::<Wishlist>().unwrap_or_else(|| {
        let wishlist = Wishlist::load();
        provide_context(wishlist);
        wishlist
    })
}
