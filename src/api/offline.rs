//! Answers the service worker served from its cache (`public/sw.js` marks them with
//! `X-Storefront-Cached-At`, the time it stored them), so the app can say how old what it
//! shows is when the network is gone: the page's note ("Offline: as of 14:05", the
//! `offline` module) and the stock block's "last known at 14:05".
//!
//! The API client notes every GET answer here ([`note`]); a page asks by URL ([`cached_at`]).
//! Here, beside the client, so that the client and the state never import each other.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;

/// How many URLs are remembered (a page asks for a handful).
const KEEP: usize = 24;

/// The app's offline state (copies of signal handles, made by [`provide`]).
#[derive(Clone, Copy)]
pub struct Offline {
    /// The oldest "stored at" of the answers the page shows from the cache while offline.
    pub note: RwSignal<Option<String>>,
    /// A request failed while the browser was offline: the page should say so. (Once the
    /// `offline` module is loaded, it follows the browser's `online` and `offline` events.)
    pub down: RwSignal<bool>,
    /// Bumped to build the page afresh (its answers asked again), e.g. back online.
    pub refresh: RwSignal<u32>,
}

thread_local! {
    /// `(url, stored at)` of the latest answers that came from the cache, newest last.
    static FROM_CACHE: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    static STATE: Cell<Option<Offline>> = const { Cell::new(None) };
}

/// Makes the offline state (the app calls it once, when it is built).
pub fn provide() {
    STATE.with(|s| {
        s.set(Some(Offline {
            note: RwSignal::new(None),
            down: RwSignal::new(false),
            refresh: RwSignal::new(0),
        }))
    });
}

/// The offline state, once the app has made it.
pub fn state() -> Option<Offline> {
    STATE.with(Cell::get)
}

/// Whether the page should say it is offline (tracked): a request failed offline, or the
/// page shows answers from the cache.
pub fn wanted() -> Signal<bool> {
    let s = state();
    Signal::derive(move || s.is_some_and(|s| s.down.get() || s.note.with(Option::is_some)))
}

/// A new page: nothing of it is from the cache yet. Tracks the page's refresh.
pub fn new_page() {
    if let Some(s) = state() {
        s.refresh.track();
        s.note.try_set(None);
    }
}

/// Whether the browser says it is offline.
fn browser_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// A request failed: offline, the page says so.
pub fn failed() {
    if let (true, Some(s)) = (browser_offline(), state()) {
        s.down.try_set(true);
    }
}

/// Notes that the answer for `url` came from the network (`stored_at` none) or from the
/// cache, stored at `stored_at`.
pub fn note(url: &str, stored_at: Option<String>) {
    FROM_CACHE.with_borrow_mut(|list| {
        list.retain(|(u, _)| u != url);
        if let Some(at) = &stored_at {
            if list.len() >= KEEP {
                list.remove(0);
            }
            list.push((url.to_owned(), at.clone()));
        }
    });
    if let (Some(at), true, Some(s)) = (stored_at, browser_offline(), state()) {
        // the oldest answer on the page is what the note tells
        let older = s
            .note
            .with_untracked(|cur| cur.as_ref().is_none_or(|c| at < *c));
        if older {
            s.note.try_set(Some(at));
        }
    }
}

/// When the answer last given for `url` was stored, if it came from the cache.
pub fn cached_at(url: &str) -> Option<String> {
    FROM_CACHE.with_borrow(|list| {
        list.iter()
            .rev()
            .find(|(u, _)| u == url)
            .map(|(_, at)| at.clone())
    })
}
