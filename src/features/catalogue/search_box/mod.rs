//! The header search box: a WAI-ARIA 1.2 combobox (`input role=combobox`) with a grouped
//! listbox popup of recent and popular searches, categories and products, fetched from
//! `GET /v1/search/suggest` while the shopper types.
//!
//! Typing waits [`DEBOUNCE_MS`] before asking; a new request aborts the one in flight and a
//! sequence number drops any answer that is not the latest. Nothing is asked while an IME
//! composes (Chinese pinyin input): the text is taken at `compositionend`. The rules
//! (recent list, highlight, option model, keys) live in [`logic`].
//!
//! Size: the wasm budget is tight, so the popup's rows are built with plain DOM calls in one
//! render function and every click is handled by one delegated listener; generic `view!`
//! code per row type and per reactive attribute cost several times more.

mod ctl;
mod events;
pub mod logic;
mod render;

use std::cell::RefCell;
use std::rc::Rc;

use crate::router::{use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use ctl::{Answer, Ctl, Inner, Model};
use leptos::prelude::*;

use crate::components::icons::IconSearch;
use crate::features::catalogue::search_box::logic::{push_recent, sanitize_recent, ListState};
use crate::i18n::Key;
use crate::state::{use_api, use_app_route, use_locale, Locale};
use crate::storage;

/// Wait after a keystroke before asking for suggestions.
pub const DEBOUNCE_MS: u32 = 60;
/// Wait before the live region reads the number of suggestions (so it does not chatter).
pub const STATUS_DELAY_MS: u32 = 700;

thread_local! {
    /// Recent searches kept for the session when the device refuses to store them.
    static SESSION_RECENT: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// The recent searches on this device, newest first.
pub fn recent_searches() -> Vec<String> {
    SESSION_RECENT.with_borrow(Clone::clone).unwrap_or_else(|| {
        sanitize_recent(storage::read_json(storage::keys::RECENT_SEARCHES).unwrap_or_default())
    })
}

/// Keeps `list` on the device, or in memory for the session when storage fails.
pub(super) fn keep_recent(list: &[String]) {
    let saved = if list.is_empty() {
        storage::remove(storage::keys::RECENT_SEARCHES)
    } else {
        storage::write_json(storage::keys::RECENT_SEARCHES, list)
    };
    SESSION_RECENT.with_borrow_mut(|s| *s = saved.is_err().then(|| list.to_vec()));
}

/// Adds a submitted search to the recent searches (trimmed; empty text is ignored).
pub fn remember_search(q: &str) {
    let mut list = recent_searches();
    if push_recent(&mut list, q) {
        keep_recent(&list);
    }
}

/// Text of `key` in the current language (the closure type every fixed label shares).
fn tr(locale: Locale, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    crate::components::text::tr_in(locale, key)
}

/// The site search as a combobox: type to see suggestions, Enter or the button to search.
///
/// Element ids derive from `id` (the input's): `{id}-list` (the listbox), `{id}-list-{n}`
/// (the options), `{id}-popup`, `{id}-hint`, `{id}-status`.
#[component]
pub fn SearchBox(
    /// Id of the input (unique per page).
    id: &'static str,
    /// Extra class of the form.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let route = use_app_route();
    let navigate = use_navigate();
    let ctl = Ctl(Rc::new(Inner {
        id,
        locale,
        api: use_api(),
        go: Box::new(move |href: &str| navigate(href, NavigateOptions::default())),
        m: RefCell::new(Model {
            nav: ListState::default(),
            recent: recent_searches(),
            answer: Answer::Nothing,
            choices: Vec::new(),
            generation: 0,
            drawn: None,
            asked: None,
            seq: 0,
            debounce: None,
            controller: None,
            status_timer: None,
            status: String::new(),
            focus_timer: None,
            composing: false,
            popular: None,
        }),
    }));

    let c = ctl.clone();
    Effect::new(move |prev: Option<bool>| c.on_route(route.get(), prev));
    let c = ctl.clone();
    Effect::new(move |_| {
        locale.0.track();
        c.refresh();
    });

    let list_id = ctl.list_id();
    let (c1, c2, c3, c4, c5, c6, c7) = (
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
        ctl.clone(),
    );
    view! {
        <form
            id=format!("{id}-form")
            role="search"
            // (a server's copy of the page, before the app takes over: Enter goes to the
            // search page the server renders; the app handles the submit itself)
            action=crate::routes::SEARCH_PATH
            class=format!("search-form search-box {class}")
            on:submit=move |ev| {
                ev.prevent_default();
                c1.search(&c1.value());
            }
            on:focusout=move |ev| c2.on_focusout(&ev)
            on:click=move |ev| c3.on_click(&ev)
        >
            <label for=id class="sr-only">{tr(locale, Key::SearchLabel)}</label>
            <input
                id=id
                type="search"
                name="q"
                class="search-input"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded="false"
                aria-describedby=format!("{id}-hint")
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder=tr(locale, Key::SearchPlaceholder)
                value=first_words(route)
                on:input=move |_| {
                    if c4.with(|m| m.composing) == Some(false) {
                        c4.typed();
                    }
                }
                on:compositionstart=move |_| {
                    c5.with(|m| m.composing = true);
                }
                on:compositionend=move |_| {
                    c6.with(|m| m.composing = false);
                    c6.typed();
                }
                on:keydown=move |ev| c7.on_key(&ev)
                on:focus=move |_| ctl.show()
            />
            <button type="submit" class="search-button">
                <IconSearch />
                <span class="sr-only">{tr(locale, Key::SearchButton)}</span>
            </button>
            // mousedown would move focus out of the box and close the list before the click
            <div id=format!("{id}-popup") class="sb-popup" hidden on:mousedown=|ev| ev.prevent_default()>
                // options are drawn by `Ctl::draw`
                <div
                    id=list_id
                    role="listbox"
                    class="sb-list"
                    aria-label=tr(locale, Key::SuggestListLabel)
                    data-query=""
                    hidden
                ></div>
                <p id=format!("{id}-note") class="sb-note" hidden>{tr(locale, Key::SuggestUnavailable)}</p>
                <button
                    id=format!("{id}-clear")
                    type="button"
                    class="sb-clear"
                    aria-label=tr(locale, Key::ClearRecentLabel)
                    hidden
                >
                    {tr(locale, Key::ClearRecent)}
                </button>
            </div>
            <span id=format!("{id}-hint") hidden>{tr(locale, Key::SuggestHint)}</span>
            <div id=format!("{id}-status") role="status" class="sr-only"></div>
        </form>
    }
}

/// The words of a search page's address, as the box's `value` where a server renders the page
/// (natively, `crate::first_screen`: the route's effect, which fills the box in the browser,
/// never runs there).
#[cfg(not(target_arch = "wasm32"))]
fn first_words(route: Memo<AppRoute>) -> Option<String> {
    match route.get_untracked() {
        AppRoute::Search { q, .. } => Some(q),
        _ => None,
    }
}

/// Nothing in the browser: the route's effect fills the box.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn first_words(_route: Memo<AppRoute>) {}
