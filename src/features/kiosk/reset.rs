//! The end of a shopper's session on a kiosk: every trace of them goes (the browser's
//! storage, caches (but the service worker's copy of the app), databases and the app's
//! readable cookies here; their member session, and the HTTP cache through the server's
//! `Clear-Site-Data`), the URL goes
//! home without a history entry, and the app is built afresh in memory
//! ([`crate::app::remount`]) so nothing of theirs is left in signals either. Only the kiosk's
//! own HttpOnly device cookie stays.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Calls `target[name](...args)`, answering its result (`undefined` when missing).
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    let Ok(f) = Reflect::get(target, &JsValue::from_str(name)) else {
        return JsValue::UNDEFINED;
    };
    let Some(f) = f.dyn_ref::<Function>() else {
        return JsValue::UNDEFINED;
    };
    f.apply(target, &args.iter().collect::<Array>())
        .unwrap_or(JsValue::UNDEFINED)
}

/// Awaits `value` when it is a promise (failures count as done).
async fn settle(value: JsValue) -> JsValue {
    match value.dyn_into::<Promise>() {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
            .await
            .unwrap_or(JsValue::UNDEFINED),
        Err(v) => v,
    }
}

/// The name prefix of the service worker's cache of the build's own files
/// (`scripts/sw-template.js`), kept across resets: it holds only the app.
const APP_FILES_CACHE: &str = "storefront-precache-";

/// When a new version of the app is waiting (`window.storefrontUpdate`, set by index.html's
/// service worker script), applies it: the page reloads as that version. Answers whether it
/// did. A kiosk applies a new version at a reset, between two shoppers.
pub fn apply_waiting_update() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(up) = Reflect::get(&window, &"storefrontUpdate".into()) else {
        return false;
    };
    call(&up, "apply", &[]).as_bool().unwrap_or(false)
}

/// Removes everything the browser keeps for the site that script can reach: local and
/// session storage, every IndexedDB database, every Cache Storage cache and every cookie
/// that is not HttpOnly (the device cookie is, so it stays).
pub async fn clear_browser() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(Some(s)) = window.local_storage() {
        let _ = s.clear();
    }
    if let Ok(Some(s)) = window.session_storage() {
        let _ = s.clear();
    }
    let w: JsValue = window.clone().into();
    // Cache Storage, but for the service worker's copy of the app's own files (no shopper's
    // trace in them: the catalogue answers and pictures they looked at do go)
    if let Ok(caches) = Reflect::get(&w, &"caches".into()) {
        if !caches.is_undefined() {
            let keys = settle(call(&caches, "keys", &[])).await;
            for k in Array::from(&keys).iter() {
                if k.as_string()
                    .is_some_and(|k| k.starts_with(APP_FILES_CACHE))
                {
                    continue;
                }
                settle(call(&caches, "delete", &[k])).await;
            }
        }
    }
    // IndexedDB (where the browser can list its databases)
    if let Ok(idb) = Reflect::get(&w, &"indexedDB".into()) {
        if !idb.is_undefined() {
            let dbs = settle(call(&idb, "databases", &[])).await;
            for db in Array::from(&dbs).iter() {
                if let Ok(name) = Reflect::get(&db, &"name".into()) {
                    call(&idb, "deleteDatabase", &[name]);
                }
            }
        }
    }
    // readable cookies, at the site's root path
    if let Some(doc) = window
        .document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let all = doc.cookie().unwrap_or_default();
        for pair in all.split(';') {
            let name = pair.split('=').next().unwrap_or("").trim();
            if !name.is_empty() {
                let _ = doc.set_cookie(&format!("{name}=; Max-Age=0; Path=/; SameSite=Lax"));
            }
        }
    }
}

/// Home, replacing the entry (Back never reaches the last shopper's pages: a kiosk adds no
/// entries), at the top, nothing focused.
pub fn go_home() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(h) = window.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some("/"));
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(el) = window
        .document()
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.blur();
    }
}
