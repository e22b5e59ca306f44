//! Infinite scroll: the next page is fetched while the shopper is still 1.5 screens from
//! the end of the grid.

use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::virtual_grid::GridCtl;
use super::way_back::Items;
use crate::api::ApiError;

/// Runs `load_more` (without moving focus) whenever `sentinel`, under the grid, comes
/// within 1.5 screens while a `next` page exists, no `more` error is shown, nothing is
/// `loading_more` and the grid (`ctl`) is not restoring a position.
pub(super) fn infinite_scroll(
    sentinel: NodeRef<Div>,
    items: RwSignal<Items>,
    next: RwSignal<Option<String>>,
    more: RwSignal<Option<ApiError>>,
    loading_more: RwSignal<bool>,
    ctl: GridCtl,
    load_more: Callback<bool>,
) {
    // Infinite scroll: an IntersectionObserver watches a sentinel under the grid, 1.5
    // screens ahead; after each page, a check once laid out decides whether to go on.
    let near_end = RwSignal::new(false);
    let check_end = move || {
        let near = sentinel
            .try_get_untracked()
            .flatten()
            .zip(crate::dom::window())
            .is_some_and(|(s, w)| {
                let vh = w
                    .inner_height()
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(800.0);
                s.get_bounding_client_rect().top() < vh * 2.5
            });
        if near
            && more.try_with_untracked(Option::is_none) == Some(true)
            && ctl.restore.try_with_value(Option::is_none) == Some(true)
        {
            load_more.run(false);
        }
    };
    Effect::new(move |_| {
        items.track();
        if near_end.get() && !loading_more.get() {
            request_animation_frame(check_end);
        }
    });
    let observer = StoredValue::new_local(
        None::<(
            web_sys::IntersectionObserver,
            Closure<dyn FnMut(js_sys::Array)>,
        )>,
    );
    Effect::new(move |_| {
        let Some(el) = sentinel.get() else {
            return;
        };
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            near_end.set(entries.iter().any(|e| {
                e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting()
            }));
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("0px 0px 150% 0px");
        if let Ok(io) = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        ) {
            io.observe(&el);
            observer.set_value(Some((io, callback)));
        }
    });
    // The observer reports only changes: a page that arrives while the sentinel stays in
    // range (fast scrolling, a fling to the end) would leave the list waiting. Scrolling
    // checks again, at most once a frame.
    let check_queued = StoredValue::new(false);
    let on_scroll = window_event_listener(ev::scroll, move |_| {
        if check_queued.try_get_value() != Some(false)
            || loading_more.try_get_untracked() != Some(false)
            || next.try_with_untracked(Option::is_some) != Some(true)
        {
            return;
        }
        check_queued.set_value(true);
        request_animation_frame(move || {
            check_queued.try_set_value(false);
            check_end();
        });
    });
    on_cleanup(move || {
        on_scroll.remove();
        observer.try_with_value(|o| o.as_ref().map(|(io, _)| io.disconnect()));
    });
}
