//! The share button: the Web Share API where the browser has it, else the link copied to
//! the clipboard, else the link in a read-only field selected for copying by hand.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::components::text::tr;
use crate::i18n::Key;
use crate::state::use_locale;

/// How a share attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shared {
    /// The share sheet did it.
    Done,
    /// The shopper closed the share sheet (`AbortError`): nothing more to do.
    Cancelled,
    /// No Web Share, or it failed: fall back.
    Failed,
}

/// `target[name](arg)` as a promise, when `target[name]` is a function; never throws.
fn call_promise(target: &JsValue, name: &str, arg: &JsValue) -> Option<js_sys::Promise> {
    let f = js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    f.call1(target, arg)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

fn navigator() -> Option<JsValue> {
    web_sys::window().map(|w| JsValue::from(w.navigator()))
}

async fn web_share(title: &str, url: &str) -> Shared {
    let Some(nav) = navigator() else {
        return Shared::Failed;
    };
    let data = js_sys::Object::new();
    let set = |k: &str, v: &str| {
        js_sys::Reflect::set(&data, &JsValue::from_str(k), &JsValue::from_str(v)).is_ok()
    };
    if !(set("title", title) && set("url", url)) {
        return Shared::Failed;
    }
    let Some(promise) = call_promise(&nav, "share", &data) else {
        return Shared::Failed;
    };
    match JsFuture::from(promise).await {
        Ok(_) => Shared::Done,
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                Shared::Cancelled
            } else {
                Shared::Failed
            }
        }
    }
}

async fn copy_to_clipboard(text: &str) -> bool {
    let Some(clipboard) =
        navigator().and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("clipboard")).ok())
    else {
        return false;
    };
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    match call_promise(&clipboard, "writeText", &JsValue::from_str(text)) {
        Some(p) => JsFuture::from(p).await.is_ok(),
        None => false,
    }
}

/// "Share": shares the current page's address (or `url`) with `title`.
#[component]
pub fn ShareButton(
    /// The title shared with the link.
    #[prop(into)]
    title: Signal<String>,
    /// The address to share, when not the current page's (an embed shares the shop's page).
    #[prop(optional_no_strip)]
    url: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let copied = RwSignal::new(false);
    let manual = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let field = NodeRef::<html::Input>::new();

    let share = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(url) = url
            .clone()
            .or_else(|| web_sys::window().and_then(|w| w.location().href().ok()))
        else {
            return;
        };
        let title = title.get_untracked();
        busy.set(true);
        copied.set(false);
        manual.set(None);
        spawn_local(async move {
            match web_share(&title, &url).await {
                Shared::Done | Shared::Cancelled => {}
                Shared::Failed => {
                    if copy_to_clipboard(&url).await {
                        // stays until the next press (cleared above), so it can be read
                        copied.try_set(true);
                    } else {
                        manual.try_set(Some(url));
                    }
                }
            }
            busy.try_set(false);
        });
    };
    // the manual field is selected as soon as it shows
    Effect::new(move |_| {
        if manual.with(Option::is_some) {
            if let Some(input) = field.get() {
                let _ = input.focus();
                input.select();
            }
        }
    });

    view! {
        <div class="share">
            <button type="button" class="btn btn-secondary share-button" on:click=share>
                <svg class="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                    <path d="M12 15V4M8 8l4-4 4 4M5 12v7a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"></path>
                </svg>
                <span>{tr(Key::Share)}</span>
            </button>
            <p class="share-status" role="status">
                {move || copied.get().then(|| locale.t(Key::LinkCopied))}
            </p>
            {move || {
                manual
                    .get()
                    .map(|url| {
                        view! {
                            <div class="share-manual">
                                <label for="share-url">{tr(Key::CopyLinkManually)}</label>
                                <input
                                    id="share-url"
                                    node_ref=field
                                    class="share-url"
                                    type="text"
                                    readonly=true
                                    value=url
                                    on:focus=move |ev| {
                                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                            t.select();
                                        }
                                    }
                                />
                            </div>
                        }
                    })
            }}
        </div>
    }
}
