//! A modal `<dialog>` with a title and a close button: opened with `showModal()` (the
//! page behind turns inert), Tab and Shift+Tab cycle inside it, Escape and the close
//! button close it, and focus returns to the element that had it when it opened.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::icons::IconClose;
use crate::components::text::tr;
use crate::i18n::Key;

/// What can take focus inside a dialog.
const FOCUSABLE: &str =
    "button:not([disabled]),a[href],input:not([disabled]),select:not([disabled]),textarea";

/// The focused element.
pub fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Keeps Tab inside `root` (browsers let it leave a modal dialog for the browser UI).
pub fn trap_tab(root: &web_sys::Element, ev: &web_sys::KeyboardEvent) {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return;
    };
    let stops: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
        return;
    };
    let at = active_element().and_then(|a| stops.iter().position(|s| *s == a));
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
}

/// Shows `dialog` with `showModal()` while `open` (the page behind turns inert) and focuses
/// `first`; when it closes by any means (button, Escape, the browser), focus returns to
/// `opener`, or without one to the element that had focus when it opened.
pub fn modal_effect(
    open: RwSignal<bool>,
    dialog: NodeRef<html::Dialog>,
    first: NodeRef<html::Button>,
    opener: Option<NodeRef<html::Button>>,
) {
    let had_focus = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        let Some(d) = dialog.get() else {
            return false;
        };
        if is_open && !d.open() {
            had_focus.set_value(active_element());
            if d.show_modal().is_err() {
                // not connected or already open elsewhere: show it non-modally
                d.set_open(true);
            }
            if let Some(b) = first.get_untracked() {
                let _ = b.focus();
            }
        } else if !is_open {
            if d.open() {
                d.close();
            }
            if was_open == Some(true) {
                let back = match opener {
                    Some(o) => o.get_untracked().map(Into::into),
                    None => had_focus.get_value(),
                };
                if let Some(el) = back {
                    let _ = el.focus();
                }
            }
        }
        is_open
    });
}

/// A modal dialog titled `title`, shown while `open`.
#[component]
pub fn Modal(
    /// Whether the dialog is open.
    open: RwSignal<bool>,
    /// Id of its title (for `aria-labelledby`).
    title_id: &'static str,
    /// Title text.
    #[prop(into)]
    title: Signal<String>,
    /// Extra class.
    #[prop(optional)]
    class: &'static str,
    /// The content, built while open.
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let close_button = NodeRef::<html::Button>::new();
    modal_effect(open, dialog, close_button, None);
    view! {
        <dialog
            class=format!("modal {class}")
            aria-modal="true"
            aria-labelledby=title_id
            node_ref=dialog
            on:close=move |_| open.set(false)
            on:keydown=move |ev| match ev.key().as_str() {
                "Escape" => {
                    ev.prevent_default();
                    open.set(false);
                }
                "Tab" => {
                    if let Some(d) = dialog.get_untracked() {
                        trap_tab(&d, &ev);
                    }
                }
                _ => {}
            }
        >
            <div class="modal-bar">
                <h2 id=title_id class="modal-title">{move || title.get()}</h2>
                <button
                    type="button"
                    class="icon-button"
                    node_ref=close_button
                    on:click=move |_| open.set(false)
                >
                    <IconClose />
                    <span class="sr-only">{tr(Key::Close)}</span>
                </button>
            </div>
            <div class="modal-body">{move || open.get().then(|| children())}</div>
        </dialog>
    }
}

/// The app's own "are you sure?" (not the browser's `confirm()`, which cannot be styled,
/// translated by the app or reached the same way by every screen reader): `question` with
/// a button that runs `on_yes` and one that keeps things as they are.
#[component]
pub fn ConfirmDialog(
    /// Whether it is open.
    open: RwSignal<bool>,
    /// Id of its title.
    title_id: &'static str,
    /// The question (its title).
    #[prop(into)]
    question: Signal<String>,
    /// The text of the button that does it ("Cancel reservation").
    #[prop(into)]
    yes: Signal<String>,
    /// Runs when the shopper confirms.
    on_yes: Callback<()>,
) -> impl IntoView {
    view! {
        <Modal open=open title_id=title_id title=question class="modal-confirm">
            <div class="confirm-actions">
                <button type="button" class="btn btn-primary" on:click=move |_| {
                    open.set(false);
                    on_yes.run(());
                }>{move || yes.get()}</button>
                <button type="button" class="btn btn-secondary" on:click=move |_| open.set(false)>
                    {tr(Key::KeepIt)}
                </button>
            </div>
        </Modal>
    }
}
