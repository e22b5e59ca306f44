//! The zoom view: a modal `<dialog>` with the large picture. Opened with `showModal()`
//! (the page behind becomes inert); Tab is trapped explicitly (browsers let it leave a
//! modal dialog for the browser UI), Escape and the close button close it, the arrow keys
//! and swipes change the picture, and focus returns to the element that opened it.

use leptos::html;
use leptos::prelude::*;
use storefront_api_types::{Image, LocalizedText};

use crate::components::icons::IconClose;
use crate::components::modal::{modal_effect, trap_tab};
use crate::components::text::{loc, tr};
use crate::features::catalogue::gallery::{StepButtons, SwipeArea};
use crate::i18n::{image_n_of, Key};
use crate::logic::gallery::{cycle, largest_url, Step};
use crate::state::use_locale;

/// Id of the dialog's title.
const TITLE_ID: &str = "zoom-title";

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

    modal_effect(open, dialog, close_button, Some(opener));

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
                "Tab" => {
                    if let Some(d) = dialog.get_untracked() {
                        trap_tab(&d, &ev);
                    }
                }
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
