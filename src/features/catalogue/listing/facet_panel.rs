//! The facet panel's frame (a sidebar from 1024 px, a full-screen dialog below) and the
//! actions of the controls drawn in it by [`super::facets`].

use crate::components::text::{first_text, tr};
use leptos::ev;
use leptos::html::{Button, Div};
use leptos::prelude::*;
use storefront_api_types::FacetCode;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use super::facets::FACETS_ID;
use super::logic::{facet_code, fill};
use crate::components::icons::IconClose;
use crate::i18n::Key;
use crate::state::Locale;

/// What a click or change inside a drawn part asks for.
pub enum Action {
    /// Select or unselect a value.
    Toggle(FacetCode, String),
    /// Unselect every value.
    Clear,
    /// Show all (or fewer) values of a facet.
    More(FacetCode),
    /// Fetch the facets again.
    Retry,
}

/// The action of an event on a drawn control: `click` events of buttons with `data-*`,
/// `change` events of checkboxes.
pub fn action_of(ev: &ev::Event) -> Option<Action> {
    let control = if ev.type_() == "change" {
        "input"
    } else {
        "button"
    };
    let el = ev
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(control)
        .ok()??;
    let data = |k: &str| el.get_attribute(k);
    if data("data-clear").is_some() {
        return Some(Action::Clear);
    }
    if data("data-retry").is_some() {
        return Some(Action::Retry);
    }
    if let Some(code) = data("data-more").as_deref().and_then(facet_code) {
        return Some(Action::More(code));
    }
    let code = data("data-p").as_deref().and_then(facet_code)?;
    let value = data("data-v").or_else(|| data("value"))?;
    Some(Action::Toggle(code, value))
}

/// The panel frame: title and close (phone), the drawn facets in `body`, "Clear all" and
/// "Show results" (phone). As a dialog it traps focus, closes on Escape, and takes focus
/// when it opens. Events of the drawn controls go to `on_action`.
#[allow(clippy::too_many_arguments)]
pub fn facet_panel(
    locale: Locale,
    body: NodeRef<Div>,
    open: RwSignal<bool>,
    hidden: Signal<bool>,
    has_filters: Signal<bool>,
    total: Signal<u64>,
    on_action: Callback<Option<Action>>,
) -> impl IntoView {
    let first = NodeRef::<Button>::new();
    let last = NodeRef::<Button>::new();
    let show_results = move || fill(locale.t(Key::ShowResults), total.get());
    Effect::new(move |_| {
        if open.get() {
            request_animation_frame(move || {
                if let Some(b) = first.try_get_untracked().flatten() {
                    let _ = b.focus();
                }
            });
        }
    });
    let on_keydown = move |ev: ev::KeyboardEvent| {
        if !open.get_untracked() {
            return;
        }
        if ev.key() == "Escape" {
            ev.prevent_default();
            open.set(false);
        } else if ev.key() == "Tab" {
            // focus stays inside the dialog: from the last control to the first and back
            let active: JsValue = document().active_element().into();
            let (from, to) = if ev.shift_key() {
                (first, last)
            } else {
                (last, first)
            };
            if from
                .get_untracked()
                .is_some_and(|b| JsValue::from(b) == active)
            {
                ev.prevent_default();
                if let Some(b) = to.get_untracked() {
                    let _ = b.focus();
                }
            }
        }
    };
    let on_change = move |ev: ev::Event| on_action.run(action_of(&ev));
    let on_click = move |ev: ev::MouseEvent| on_action.run(action_of(&ev));
    view! {
        <div
            id=FACETS_ID
            class="facets"
            class:is-open=open
            hidden=hidden
            role=move || if open.get() { "dialog" } else { "complementary" }
            aria-modal=move || open.get().then_some("true")
            aria-labelledby="facets-title"
            on:keydown=on_keydown
        >
            <div class="facets-head">
                <h2 id="facets-title" class="facets-title" prop:textContent=tr(Key::FiltersTitle)>{first_text(&tr(Key::FiltersTitle))}</h2>
                <button
                    type="button"
                    class="icon-button facets-close"
                    node_ref=first
                    aria-label=tr(Key::CloseFilters)
                    on:click=move |_| open.set(false)
                >
                    <IconClose />
                </button>
            </div>
            <div class="facets-body">
                // Slot: facets the API does not count (the stores issue's "in stock at my
                // store") are rendered here, above the drawn ones.
                <div node_ref=body on:change=on_change on:click=on_click></div>
            </div>
            <div class="facets-foot">
                <button
                    type="button"
                    class="btn btn-secondary"
                    disabled=move || !has_filters.get()
                    on:click=move |_| on_action.run(Some(Action::Clear))
                    prop:textContent=tr(Key::ClearAll)
                >{first_text(&tr(Key::ClearAll))}</button>
                <button
                    type="button"
                    class="btn btn-primary"
                    node_ref=last
                    on:click=move |_| open.set(false)
                    prop:textContent=show_results
                >{first_text(&show_results)}</button>
            </div>
        </div>
    }
}
