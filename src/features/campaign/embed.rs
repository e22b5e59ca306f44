//! The embed's channel to its host page (`public/embed.js`): events and the content's
//! height go out with `postMessage` to the host's origin only (never `*`); incoming
//! messages are acted on only when [`host_message_ok`] says so.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::logic::{event_message, host_message_ok, size_message};

/// The host page's window, when this page is framed.
fn host_window() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    // a top-level page is its own parent
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `json` (an object) to the host page at `origin`. Failures (not framed, another
/// origin there, a malformed origin) are dropped: the embed keeps working.
pub fn post(origin: &str, json: &str) {
    let (Some(host), Ok(message)) = (host_window(), js_sys::JSON::parse(json)) else {
        return;
    };
    let _ = host.post_message(&message, origin);
}

/// Posts the event `name` with `params_json` to the host page at `origin`, if any.
pub fn post_event(origin: Option<&str>, name: &str, params_json: &str) {
    if let Some(o) = origin.filter(|o| !o.is_empty()) {
        post(o, &event_message(name, params_json));
    }
}

/// The height of the page's content, in whole CSS pixels.
fn content_height() -> i64 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map(|e| e.get_bounding_client_rect().height().ceil() as i64)
        .unwrap_or(0)
}

/// While the page is shown: tells the host page (at `parent`, when known) the content's height whenever it changes
/// (a `ResizeObserver` on the document element), and again when the host asks (`ping`).
/// Marks the document as embedded (`html.embedded`: no minimum height, so the content
/// decides the height) and asks for the browser's native content sizing where it exists.
pub fn keep_host_sized(parent: Option<String>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.document_element() else {
        return;
    };
    let _ = root.class_list().add_1("embedded");
    if let (Ok(meta), Some(head)) = (document.create_element("meta"), document.head()) {
        let _ = meta.set_attribute("name", "responsive-embedded-sizing");
        let _ = head.append_child(&meta);
    }
    // no host origin (a plain iframe without `parent`): nobody to tell
    let Some(parent) = parent.filter(|p| !p.is_empty()) else {
        return;
    };
    let last = StoredValue::new(0i64);
    let send = {
        let parent = parent.clone();
        move |force: bool| {
            let h = content_height();
            if h > 0 && (force || last.try_get_value() != Some(h)) {
                last.try_set_value(h);
                post(&parent, &size_message(h));
            }
        }
    };
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new({
        let send = send.clone();
        move |_: js_sys::Array| send(false)
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        o.observe(&root);
    }
    let kept = StoredValue::new_local(Some((observer, on_resize)));
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let data = ev.data();
        let field = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).ok();
        let source = field("source").and_then(|v| v.as_string());
        let version = field("v").and_then(|v| v.as_f64());
        if !host_message_ok(&ev.origin(), Some(&parent), source.as_deref(), version) {
            return;
        }
        if field("type").and_then(|v| v.as_string()).as_deref() == Some("ping") {
            send(true);
        }
    });
    on_cleanup(move || {
        listener.remove();
        if let Some(Some((Some(o), _))) = kept.try_update_value(Option::take) {
            o.disconnect();
        }
    });
}
