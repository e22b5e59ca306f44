//! The zoom view: a modal `<dialog>` with the large picture. Opened with `showModal()`
//! (the page behind becomes inert); Tab is trapped explicitly (browsers let it leave a
//! modal dialog for the browser UI), Escape and the close button close it, the arrow keys
//! and swipes change the picture, and focus returns to the element that opened it.

use leptos::html;
use leptos::prelude::*;
use storefront_api_types::{Image, LocalizedText};
use wasm_bindgen::JsCast;

use crate::components::gallery::{StepButtons, SwipeArea};
use crate::components::icons::IconClose;
use crate::components::text::{loc, tr};
use crate::i18n::{image_n_of, Key};
use crate::logic::gallery::{cycle, largest_url, Step};
use crate::state::use_locale;

/// Id of the dialog's title.
const TITLE_ID: &str = "zoom-title";

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// The zoom dialog of a gallery.
#[component]
pub fn ZoomDialog(
    /// Whether the dialog is open.
    open: RwSignal<bool>,
    /// Index of the picture shown (shared with the gallery).
    shown: RwSignal<usize>,
    /// The pictures.
    images: StoredValue<Vec<Image>>,
    /// The product name (the dialog's title).
    title: LocalizedText,
    /// The button that opens the dialog: focus returns there on closing.
    opener: NodeRef<html::Button>,
) -> impl IntoView {
    let locale = use_locale();
    let count = images.with_value(Vec::len);
    let dialog = NodeRef::<html::Dialog>::new();
    let close_button = NodeRef::<html::Button>::new();
    let step = Callback::new(move |s: Step| shown.update(|i| *i = cycle(*i, count, s)));

    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        let Some(d) = dialog.get() else {
            return false;
        };
        if is_open && !d.open() {
            if d.show_modal().is_err() {
                // not connected or already open elsewhere: show it non-modally
                d.set_open(true);
            }
            if let Some(b) = close_button.get_untracked() {
                let _ = b.focus();
            }
        } else if !is_open {
            if d.open() {
                d.close();
            }
            // closed by any means (button, Escape, the browser): back to the opener
            if was_open == Some(true) {
                if let Some(el) = opener.get_untracked() {
                    let _ = el.focus();
                }
            }
        }
        is_open
    });

    // Tab and Shift+Tab cycle through the dialog's buttons.
    let trap = move |ev: &web_sys::KeyboardEvent| {
        let Some(d) = dialog.get_untracked() else {
            return;
        };
        let Ok(list) = d.query_selector_all("button") else {
            return;
        };
        let stops: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
            return;
        };
        let active = active_element();
        let at = active
            .as_ref()
            .and_then(|a| stops.iter().position(|s| s == a));
        let target = match (ev.shift_key(), at) {
            (true, Some(0) | None) => Some(last),
            (false, None) => Some(first),
            (false, Some(i)) if i + 1 == stops.len() => Some(first),
            _ => None,
        };
        if let Some(t) = target {
            ev.prevent_default();
            let _ = t.focus();
        }
    };

    let image = move || {
        if !open.get() {
            return None;
        }
        let i = shown.get();
        let lang = locale.lang();
        images.with_value(|imgs| imgs.get(i).cloned()).map(|img| {
            view! {
                <img
                    src=largest_url(&img).to_owned()
                    width=img.width
                    height=img.height
                    alt=img.alt.get(lang).to_owned()
                    decoding="async"
                    draggable="false"
                />
            }
        })
    };
    let nav = (count > 1)
        .then(|| view! { <div class="zoom-nav"><StepButtons on_step=step zoom=true /></div> });
    view! {
        <dialog
            class="zoom"
            role="dialog"
            aria-modal="true"
            aria-labelledby=TITLE_ID
            node_ref=dialog
            on:close=move |_| open.set(false)
            on:keydown=move |ev| match ev.key().as_str() {
                "Escape" => {
                    ev.prevent_default();
                    open.set(false);
                }
                "ArrowLeft" if count > 1 => {
                    ev.prevent_default();
                    step.run(Step::Prev);
                }
                "ArrowRight" if count > 1 => {
                    ev.prevent_default();
                    step.run(Step::Next);
                }
                "Tab" => trap(&ev),
                _ => {}
            }
        >
            <div class="zoom-bar">
                <h2 id=TITLE_ID class="zoom-title">
                    <span class="sr-only">{tr(Key::ZoomView)}": "</span>
                    {loc(title)}
                </h2>
                <p class="zoom-count" aria-live="polite">
                    {move || (count > 1).then(|| image_n_of(locale.lang(), shown.get() + 1, count))}
                </p>
                <button
                    type="button"
                    class="icon-button zoom-close"
                    node_ref=close_button
                    on:click=move |_| open.set(false)
                >
                    <IconClose />
                    <span class="sr-only">{tr(Key::CloseZoom)}</span>
                </button>
            </div>
            <SwipeArea class="zoom-stage" on_step=step>{image}</SwipeArea>
            {nav}
        </dialog>
    }
}
