//! The app's events, only after analytics consent (`crate::state::consent`): nothing is
//! queued, kept or sent before it, and turning analytics off drops what is queued.
//!
//! Pages call [`track`]; the queue is sent a few seconds after its first event, when it
//! reaches a batch's size, and when the page is hidden (`fetch` with `keepalive`). The
//! sending itself (session id, channel, attribution, encoding) is in the `privacy` module,
//! so the main module holds only this queue.

use std::cell::{Cell, RefCell};

use storefront_api_types::{EventName, EVENT_BATCH_MAX};

/// An event as the app records it, kept compact (the main module builds these); the
/// `privacy` module turns it into the contract's `Event` when it sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    /// What happened.
    pub name: EventName,
    /// When (Unix seconds, the device's clock).
    pub at: i64,
    /// The products, each with its variant when chosen, in list order.
    pub items: Vec<(String, Option<String>)>,
    /// The event's text: its list, search term, coupon, campaign or hotspot.
    pub text: Option<String>,
    /// Its number: a search's results, or a chosen item's place in its list.
    pub n: Option<u32>,
    /// The store in context.
    pub store: Option<String>,
}

thread_local! {
    /// `None` while analytics is off: then nothing is queued.
    static QUEUE: RefCell<Option<Vec<Raw>>> = const { RefCell::new(None) };
    /// The store in context (the shopper's store, the kiosk's), set by the app.
    static STORE: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether a send is scheduled.
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// What sends a batch: the `privacy` module's, set by the app (shared state never
    /// names a feature).
    static SENDER: Cell<Option<Sender>> = const { Cell::new(None) };
}

/// What sends a batch of recorded events.
pub type Sender = fn(Vec<Raw>);

/// Sets what sends a batch (the app, at its start, before the consent is read).
pub fn set_sender(send: Sender) {
    SENDER.set(Some(send));
}

fn send(events: Vec<Raw>) {
    if let Some(send) = SENDER.get() {
        send(events);
    }
}

/// How long after its first event a queue is sent, in milliseconds.
const SEND_AFTER_MS: u32 = 3_000;

/// Turns analytics on (an empty queue) or off (what is queued is dropped).
pub fn set_enabled(on: bool) {
    let started = QUEUE.with_borrow_mut(|q| match (on, q.is_some()) {
        (true, false) => {
            *q = Some(Vec::new());
            true
        }
        (false, _) => {
            *q = None;
            false
        }
        _ => false,
    });
    if started {
        // the sending module now, so that a page being left can send at once (a module
        // fetched while the page unloads would come too late)
        send(Vec::new());
    }
}

/// Whether events are being recorded.
pub fn enabled() -> bool {
    QUEUE.with_borrow(Option::is_some)
}

/// Sets the store in context of the events that follow.
pub fn set_store(id: Option<String>) {
    STORE.with_borrow_mut(|s| *s = id);
}

/// Records `name` (see [`Raw`] for the rest; the store defaults to the one in context),
/// if analytics is on.
pub fn record(
    name: EventName,
    items: Vec<(String, Option<String>)>,
    text: Option<String>,
    n: Option<u32>,
    store: Option<String>,
) {
    if !enabled() {
        return;
    }
    let store = store.or_else(|| STORE.with_borrow(Clone::clone));
    let at = (js_sys::Date::now() / 1000.0) as i64;
    let full = QUEUE.with_borrow_mut(|q| {
        q.as_mut().is_some_and(|q| {
            q.push(Raw {
                name,
                at,
                items,
                text,
                n,
                store,
            });
            q.len() >= EVENT_BATCH_MAX
        })
    });
    if full {
        flush();
    } else if !SCHEDULED.replace(true) {
        schedule();
    }
}

/// `name` about one product (and its variant when chosen).
pub fn track_item(name: EventName, product: &str, variant: Option<&str>) {
    record(
        name,
        vec![(product.to_owned(), variant.map(str::to_owned))],
        None,
        None,
        None,
    );
}

/// `name` with only its text (a coupon's code, a campaign's slug).
pub fn track_text(name: EventName, text: &str) {
    record(name, Vec::new(), Some(text.to_owned()), None, None);
}

/// Calls [`flush`] in [`SEND_AFTER_MS`], through one callback made once for the page's
/// life (a kiosk runs for days: a callback per send would pile up).
fn schedule() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    thread_local! {
        static SEND: Closure<dyn Fn()> = Closure::new(flush);
    }
    let Some(w) = web_sys::window() else {
        return;
    };
    SEND.with(|f| {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            f.as_ref().unchecked_ref(),
            SEND_AFTER_MS as i32,
        );
    });
}

/// Sends what is queued when the page is hidden or left (`fetch` with `keepalive` still
/// goes then). One listener for the page's life, added once: a kiosk's rebuilt app adds
/// none more (the soak benchmark counts listeners).
pub fn flush_when_hidden() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    thread_local! {
        static ON_HIDE: Closure<dyn Fn(web_sys::Event)> = Closure::new(|e: web_sys::Event| {
            let hidden = e.type_() == "pagehide"
                || web_sys::window()
                    .and_then(|w| w.document())
                    .is_none_or(|d| d.hidden());
            if hidden {
                flush();
            }
        });
        static ADDED: Cell<bool> = const { Cell::new(false) };
    }
    if ADDED.replace(true) {
        return;
    }
    let Some(w) = web_sys::window() else {
        return;
    };
    ON_HIDE.with(|f| {
        let f = f.as_ref().unchecked_ref();
        let _ = w.add_event_listener_with_callback("pagehide", f);
        if let Some(d) = w.document() {
            let _ = d.add_event_listener_with_callback("visibilitychange", f);
        }
    });
}

/// Sends what is queued now (the page is being hidden, or the time has come).
pub fn flush() {
    SCHEDULED.set(false);
    let events = QUEUE.with_borrow_mut(|q| q.as_mut().map(std::mem::take).unwrap_or_default());
    if !events.is_empty() {
        send(events);
    }
}
