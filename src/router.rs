//! The client-side router: the location (read-only outside this module), [`use_navigate`] (push or replace,
//! scroll to the top or not), same-origin link clicks turned into navigations, and
//! Back/Forward. The pages are chosen from the typed [`crate::routes::AppRoute`] by the
//! app; this module only moves the URL. (It replaces `leptos_router`, whose generic route
//! matching cost the wasm far more bytes than these few functions.)

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::routes::AppRoute;

/// The current URL, split as the browser does. Read-only to the rest of the app: the URL
/// changes only through the router ([`use_navigate`], a followed link, Back/Forward).
#[derive(Debug, Clone, Copy)]
pub struct Location {
    /// `/search`
    pathname: RwSignal<String>,
    /// `?q=…` or empty.
    search: RwSignal<String>,
}

impl Location {
    fn new() -> Self {
        let (pathname, search) = read_location();
        Self {
            pathname: RwSignal::new(pathname),
            search: RwSignal::new(search),
        }
    }

    /// The path, such as `/search` (tracked).
    pub fn pathname(&self) -> String {
        self.pathname.get()
    }

    /// The query with its `?` (`?q=…`), or empty (tracked).
    pub fn search(&self) -> String {
        self.search.get()
    }

    /// Takes the browser's URL (after `pushState`, `replaceState` or Back/Forward).
    fn sync(&self) {
        let (pathname, search) = read_location();
        if self
            .pathname
            .try_get_untracked()
            .is_some_and(|p| p != pathname)
        {
            self.pathname.try_set(pathname);
        }
        if self.search.try_get_untracked().is_some_and(|s| s != search) {
            self.search.try_set(search);
        }
    }
}

/// How [`use_navigate`]'s function moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
    /// Scroll to the top of the page afterwards.
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        Self {
            replace: false,
            scroll: true,
        }
    }
}

fn read_location() -> (String, String) {
    web_sys::window()
        .map(|w| w.location())
        .map(|l| {
            (
                l.pathname().unwrap_or_else(|_| "/".to_owned()),
                l.search().unwrap_or_default(),
            )
        })
        .unwrap_or_else(|| ("/".to_owned(), String::new()))
}

fn current_href() -> String {
    let (pathname, search) = read_location();
    pathname + &search
}

/// Starts the router (once, in the app's root): provides the [`Location`], follows
/// Back/Forward and takes over clicks on same-origin links.
pub fn provide_router() -> Location {
    let location = Location::new();
    provide_context(location);
    // the listeners live as long as the app (a kiosk's reset builds the app afresh: the old
    // app's listeners must go with it, or they would move a disposed location)
    let popstate = window_event_listener(ev::popstate, move |_| location.sync());
    let click = window_event_listener(ev::click, move |ev| {
        if let Some(href) = followed_link(&ev) {
            ev.prevent_default();
            // after the other click listeners of this event (the listing notes where the
            // shopper was before the page changes)
            gloo_timers::callback::Timeout::new(0, move || {
                go(location, &href, NavigateOptions::default())
            })
            .forget();
        }
    });
    // a link about to be followed (pressed, hovered, focused): its page's modules start
    // downloading now, not after the click
    let pressed = window_event_listener(ev::pointerdown, |ev| prefetch_modules(ev.target()));
    let hovered = window_event_listener(ev::mouseover, |ev| prefetch_modules(ev.target()));
    let focused = window_event_listener(ev::focusin, |ev| prefetch_modules(ev.target()));
    on_cleanup(move || {
        popstate.remove();
        click.remove();
        pressed.remove();
        hovered.remove();
        focused.remove();
    });
    location
}

/// Asks the split loader (`window.storefrontPrefetch`, written by `scripts/split-wasm.mjs`)
/// for the modules of the page a same-origin link under `target` opens
/// ([`AppRoute::modules`]): the loader starts each once and keeps it for the page. Nothing
/// without a loader (an unsplit build).
fn prefetch_modules(target: Option<web_sys::EventTarget>) {
    let anchor = target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let Some((anchor, window)) = anchor.zip(web_sys::window()) else {
        return;
    };
    if Some(anchor.origin()) != window.location().origin().ok() {
        return;
    }
    let Some(prefetch) = js_sys::Reflect::get(&window, &"storefrontPrefetch".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    // (which modules a page loads depends on its path alone)
    for module in AppRoute::parse(&anchor.pathname(), "").modules() {
        let _ = prefetch.call1(&JsValue::NULL, &JsValue::from_str(module));
    }
}

/// The current location (a detached one when no router was started, as in component tests).
pub fn use_location() -> Location {
    use_context::<Location>().unwrap_or_else(|| {
        let location = Location::new();
        provide_context(location);
        location
    })
}

/// Provides a location at `pathname` and `search` (`?…` or empty): natively, for a server
/// rendering the first screen of that URL (`crate::first_screen`).
#[cfg(not(target_arch = "wasm32"))]
pub fn provide_location_at(pathname: &str, search: &str) {
    provide_context(Location {
        pathname: RwSignal::new(pathname.to_owned()),
        search: RwSignal::new(search.to_owned()),
    });
}

/// A function that navigates to a path such as `/search?q=x` (same origin).
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + 'static {
    let location = use_location();
    move |href: &str, options: NavigateOptions| go(location, href, options)
}

fn go(location: Location, href: &str, options: NavigateOptions) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        // a link to the page already shown replaces it, as browsers do; a kiosk never adds
        // an entry (Back must not reach an earlier shopper's pages: it has its own Back)
        let result = if options.replace || href == current_href() || crate::dom::is_kiosk() {
            // keep the entry's state (the listing tags its entries)
            let state = history.state().unwrap_or(JsValue::NULL);
            history.replace_state_with_url(&state, "", Some(href))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(href))
        };
        if result.is_err() {
            // not a URL this document may show: let the browser go there
            let _ = window.location().set_href(href);
            return;
        }
    }
    location.sync();
    if options.scroll {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The path, query and fragment of the same-origin link a plain click follows, if any.
fn followed_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let anchor = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let target = anchor.target();
    if !(target.is_empty() || target == "_self")
        || anchor.has_attribute("download")
        || anchor
            .get_attribute("rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w == "external"))
    {
        return None;
    }
    let location = web_sys::window()?.location();
    if anchor.origin() != location.origin().ok()? {
        return None;
    }
    let (pathname, search, hash) = (anchor.pathname(), anchor.search(), anchor.hash());
    // a jump within the page is the browser's
    if !hash.is_empty()
        && pathname == location.pathname().ok()?
        && search == location.search().ok()?
    {
        return None;
    }
    Some(format!("{pathname}{search}{hash}"))
}

/// `aria-current="page"` for a link to `href` while it is the current page (`exact`: the
/// path must be equal, else the link's path is a prefix of it).
pub fn aria_current(href: impl Into<String>, exact: bool) -> impl Fn() -> Option<&'static str> {
    let location = use_location();
    let href: String = href.into();
    move || {
        location.pathname.with(|p| {
            let here = if exact {
                *p == href
            } else {
                p.strip_prefix(href.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            };
            here.then_some("page")
        })
    }
}
