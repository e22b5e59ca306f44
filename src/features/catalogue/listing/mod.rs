//! The product listing of the category and search pages: facets, selected-filter chips,
//! sort, a windowed grid with infinite scroll and "Load more", the empty and error
//! states, and the way back to the same place.
//!
//! Way back: each history entry showing a listing is tagged with an id in `history.state`.
//! Leaving the listing (opening a product, changing a filter, reloading) keeps a snapshot
//! under that id: the loaded products, cursor, total and facets in memory, and the number
//! loaded plus the scroll position in `sessionStorage`. Coming back to a tagged entry
//! (back/forward, or a reload, which keeps `history.state`) shows the snapshot at once,
//! or re-fetches as many products as were loaded, then scrolls to the same product row
//! and focuses the product that was opened. Fresh visits start at the top.

mod drawn;
pub mod facet_panel;
pub mod facets;
mod infinite;
pub mod logic;
pub mod sort_select;
mod track;
pub mod virtual_grid;
mod way_back;

use crate::components::text::{first_text, tr};
use crate::router::{use_navigate, NavigateOptions};
use leptos::ev;
use leptos::html::{Button, Div, Section, Ul};
use leptos::prelude::*;
use leptos::task::spawn_local;
use storefront_api_types::{FacetCode, ProductQuery, ProductSort};
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::components::{ErrorPanel, SkeletonGrid};
use crate::features::catalogue::listing::logic::{fill, toggle_category, ListingScope, PAGE_SIZE};
use crate::features::catalogue::listing::sort_select::SortSelect;
use crate::features::catalogue::listing::virtual_grid::{GridCtl, VirtualGrid};
use crate::i18n::{item_count, showing, Key};
use crate::routes::ListingFilters;
use crate::state::{use_api, use_catalog, use_locale};
use drawn::{draw_parts, DrawnParts};
use facet_panel::{action_of, facet_panel, Action};
use facets::FACETS_ID;
use infinite::infinite_scroll;
use track::{count_search_click, track_select, track_shown};
use way_back::{
    entry_id, fetch_pages, keep, parse_resume, session, Facets, Items, Phase, Snapshot, CACHE,
    SESSION_PREFIX,
};

/// A whole listing. `listing` is the page's scope and the URL's filters.
#[component]
pub fn Listing(
    /// What is listed and how it is filtered (tracked: from the route).
    #[prop(into)]
    listing: Signal<(ListingScope, ListingFilters)>,
) -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let catalog = use_catalog();
    let navigate = use_navigate();

    let items = RwSignal::new(Items::new());
    let next = RwSignal::new(None::<String>);
    let total = RwSignal::new(None::<u64>);
    let phase = RwSignal::new(Phase::Loading);
    let more = RwSignal::new(None::<ApiError>);
    let loading_more = RwSignal::new(false);
    let facets: RwSignal<Facets> = RwSignal::new(None);
    let expanded = RwSignal::new(Vec::<FacetCode>::new());
    let open = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    let here = StoredValue::new(String::new());
    let entry = StoredValue::new(None::<String>);
    let focus = StoredValue::new(None::<usize>);
    let chip_focus = StoredValue::new(None::<u32>);
    let ctl = GridCtl::new();
    let top = NodeRef::<Div>::new();
    let sentinel = NodeRef::<Div>::new();
    let filters_button = NodeRef::<Button>::new();
    let facets_el = NodeRef::<Div>::new();
    let chips_el = NodeRef::<Ul>::new();
    let note_el = NodeRef::<Div>::new();
    let empty_el = NodeRef::<Section>::new();

    // Keeps the shown listing under its history entry (memory and sessionStorage). Frozen
    // from the click on a link until the listing changes: the router may scroll to the top
    // for the next page while this one is still shown.
    let frozen = StoredValue::new(false);
    let save = move || {
        if frozen.try_get_value() != Some(false) {
            return;
        }
        if !phase
            .try_with_untracked(|p| matches!(p, Phase::Ready))
            .unwrap_or(false)
        {
            return;
        }
        let href = here.get_value();
        if entry.with_value(Option::is_none) {
            entry.set_value(entry_id(&href, true));
        }
        let Some(id) = entry.get_value() else {
            return;
        };
        let snap = Snapshot {
            href,
            items: items.get_untracked(),
            next: next.get_untracked(),
            total: total.get_untracked().unwrap_or(0),
            facets: facets.get_untracked().and_then(Result::ok),
            at: ctl.at.get_value(),
            focus: focus.get_value(),
        };
        keep(id, snap);
    };

    let fetch_facets = {
        let api = api.clone();
        move || {
            let g = generation.get_value();
            let query = listing.with_untracked(|(s, f)| ProductQuery {
                limit: None,
                ..s.query(f)
            });
            let api = api.clone();
            spawn_local(async move {
                let r = api.facets(&query).await;
                if generation.try_get_value() == Some(g) {
                    facets.try_set(Some(r));
                }
            });
        }
    };

    // The first page (or, after a reload, as many as were loaded) and the facets.
    let load = {
        let api = api.clone();
        let fetch_facets = fetch_facets.clone();
        move || {
            generation.update_value(|g| *g += 1);
            let g = generation.get_value();
            phase.set(Phase::Loading);
            fetch_facets();
            let query = listing.with_untracked(|(s, f)| s.query(f));
            let resume = entry
                .get_value()
                .and_then(|id| session()?.get_item(&format!("{SESSION_PREFIX}{id}")).ok()?)
                .and_then(|r| parse_resume(&r, &here.get_value()));
            let replacing = items.with_untracked(|v| !v.is_empty());
            let api = api.clone();
            spawn_local(async move {
                let want = resume.map_or(PAGE_SIZE as usize, |r| r.0);
                let r = fetch_pages(&api, query, want).await;
                if generation.try_get_value() != Some(g) {
                    return;
                }
                match r {
                    Ok((list, cursor, count)) => {
                        listing.with_untracked(|(scope, _)| track_shown(scope, &list, count));
                        items.set(list);
                        next.set(cursor);
                        total.set(Some(count));
                        phase.set(Phase::Ready);
                        if let Some((_, anchor, within, focus)) = resume {
                            ctl.restore.set_value(Some((anchor, within, focus)));
                        } else if replacing {
                            // new results of a changed filter start at their top
                            if let Some(el) = top.get_untracked() {
                                if el.get_bounding_client_rect().top() < 0.0 {
                                    el.scroll_into_view();
                                }
                            }
                        }
                        if entry.with_value(Option::is_none) {
                            entry.set_value(entry_id(&here.get_value(), true));
                        }
                    }
                    Err(e) => phase.set(Phase::Failed(e)),
                }
            });
        }
    };

    // natively (a server's first screen, where effects never run): the first page at once
    #[cfg(not(target_arch = "wasm32"))]
    if let Some((list, cursor, count)) =
        way_back::first_page_now(&api, listing.with_untracked(|(s, f)| s.query(f)))
    {
        items.set(list);
        next.set(cursor);
        total.set(Some(count));
        phase.set(Phase::Ready);
    }

    // A new listing (first visit, filter, sort, back/forward): from memory or the API.
    Effect::new({
        let load = load.clone();
        move |_| {
            let (scope, filters) = listing.get();
            let href = scope.route(filters).to_href();
            untrack(|| {
                if href == here.get_value() {
                    return;
                }
                save();
                frozen.set_value(false);
                here.set_value(href.clone());
                focus.set_value(None);
                more.set(None);
                loading_more.set(false);
                let id = entry_id(&href, false);
                let snap = id.as_ref().and_then(|id| {
                    CACHE.with_borrow(|c| {
                        c.iter()
                            .find(|(k, s)| k == id && s.href == href)
                            .map(|(_, s)| s.clone())
                    })
                });
                entry.set_value(id);
                match snap {
                    Some(s) => {
                        generation.update_value(|g| *g += 1);
                        items.set(s.items);
                        next.set(s.next);
                        total.set(Some(s.total));
                        facets.set(s.facets.map(Ok));
                        phase.set(Phase::Ready);
                        ctl.restore.set_value(Some((s.at.0, s.at.1, s.focus)));
                    }
                    None => load(),
                }
            });
        }
    });

    // The browser must not restore the scroll itself while the listing does.
    let set_restoration = |mode| {
        if let Some(h) = crate::dom::window().and_then(|w| w.history().ok()) {
            let _ = h.set_scroll_restoration(mode);
        }
    };
    set_restoration(web_sys::ScrollRestoration::Manual);
    let on_hide = window_event_listener(ev::pagehide, move |_| save());
    // a link is followed: keep where the shopper was (after the grid noted the card)
    let click_api = api.clone();
    let on_link = window_event_listener(ev::click, move |ev| {
        let plain =
            ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        let href = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]:not([target])").ok().flatten())
            .and_then(|a| a.get_attribute("href"));
        let leaves = href.as_deref().is_some_and(|h| !h.starts_with('#'));
        if plain && leaves {
            save();
            frozen.set_value(true);
        }
        // a product opened from search results: the search counts towards popular ones
        count_search_click(&click_api, listing, href.as_deref());
    });
    on_cleanup(move || {
        save();
        on_hide.remove();
        on_link.remove();
        set_restoration(web_sys::ScrollRestoration::Auto);
    });

    let load_more = Callback::new({
        let api = api.clone();
        move |focus_new: bool| {
            if loading_more.get_untracked() || !phase.with_untracked(|p| matches!(p, Phase::Ready))
            {
                return;
            }
            let Some(cursor) = next.get_untracked() else {
                return;
            };
            let query = ProductQuery {
                cursor: Some(cursor),
                ..listing.with_untracked(|(s, f)| s.query(f))
            };
            let g = generation.get_value();
            loading_more.set(true);
            more.set(None);
            let api = api.clone();
            spawn_local(async move {
                let r = fetch_pages(&api, query, 1).await;
                if generation.try_get_value() != Some(g) {
                    return;
                }
                match r {
                    Ok((list, cursor, count)) => {
                        let first_new = items.with_untracked(Vec::len);
                        items.update(|v| v.extend(list));
                        next.set(cursor);
                        total.set(Some(count));
                        if focus_new {
                            ctl.focus(first_new);
                        }
                    }
                    Err(e) => more.set(Some(e)),
                }
                loading_more.set(false);
            });
        }
    });

    infinite_scroll(sentinel, items, next, more, loading_more, ctl, load_more);

    // Focus returns to "Filters" when the dialog closes.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if was_open == Some(true) && !is_open {
            if let Some(b) = filters_button.get_untracked() {
                let _ = b.focus();
            }
        }
        is_open
    });

    let go = move |filters: ListingFilters| {
        let href = listing.with_untracked(|(s, _)| s.route(filters).to_href());
        navigate(
            &href,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    let on_action = Callback::new({
        let go = go.clone();
        let fetch_facets = fetch_facets.clone();
        move |action: Option<Action>| match action {
            Some(Action::Toggle(code, value)) => {
                go(listing.with_untracked(|(scope, f)| match (code, scope) {
                    (FacetCode::Category, ListingScope::Search(_)) => facets.with_untracked(|x| {
                        let tree = x
                            .as_ref()
                            .and_then(|r| r.as_ref().ok())
                            .and_then(|x| x.facets.iter().find(|c| c.code == code))
                            .map(|c| c.values.as_slice())
                            .unwrap_or_default();
                        toggle_category(f, tree, &value)
                    }),
                    _ => f.toggle(code, &value),
                }))
            }
            Some(Action::Clear) => go(listing.with_untracked(|l| l.1.cleared())),
            Some(Action::More(code)) => expanded.update(|x| {
                if x.contains(&code) {
                    x.retain(|c| *c != code);
                } else {
                    x.push(code);
                }
            }),
            Some(Action::Retry) => fetch_facets(),
            None => {}
        }
    });
    let on_sort = Callback::new(move |s: ProductSort| {
        go(listing.with_untracked(|(scope, f)| scope.with_sort(f, s)));
    });
    let retry = Callback::new(move |()| {
        load();
        if matches!(catalog.0.get_untracked(), Some(Err(_))) {
            catalog.0.refetch();
        }
    });

    let retry_more = Callback::new(move |()| load_more.run(false));
    let failed = Memo::new(move |_| phase.with(|p| matches!(p, Phase::Failed(_))));
    let empty =
        Memo::new(move |_| phase.with(|p| matches!(p, Phase::Ready)) && items.with(Vec::is_empty));
    // nothing to filter or sort: no panel, no tools
    let bare =
        Memo::new(move |_| failed.get() || (empty.get() && listing.with(|l| l.1.count() == 0)));

    // The drawn parts follow the facets, the filters, the language and the state.
    draw_parts(
        locale,
        catalog,
        DrawnParts {
            panel: facets_el,
            chips: chips_el,
            note: note_el,
            empty: empty_el,
        },
        listing,
        facets,
        expanded,
        empty,
        chip_focus,
    );

    // text bindings are `prop:textContent`: far less wasm than a reactive text child
    let count = move || {
        total
            .get()
            .map(|n| item_count(locale.lang(), n))
            .unwrap_or_default()
    };
    let loading = move || phase.with(|p| matches!(p, Phase::Loading));
    let filters_label = move || match listing.with(|l| l.1.count()) {
        0 => locale.t(Key::Filters).to_owned(),
        n => fill(locale.t(Key::FiltersN), n),
    };
    let shown = move || {
        showing(
            locale.lang(),
            items.with(Vec::len),
            total.get().unwrap_or(0),
        )
    };
    let more_label =
        move || locale.t([Key::LoadMore, Key::Loading][usize::from(loading_more.get())]);

    // type-erased: both pages embed the listing, so its view is built by one copy of code
    view! {
        <div class="listing" node_ref=top>
            {facet_panel(
                locale,
                facets_el,
                open,
                bare.into(),
                Signal::derive(move || listing.with(|l| l.1.count() > 0)),
                Signal::derive(move || total.get().unwrap_or(0)),
                on_action,
            )}
            <div class="listing-main">
                <div class="listing-bar">
                    <button
                        type="button"
                        class="btn btn-secondary filters-button"
                        node_ref=filters_button
                        hidden=bare
                        aria-haspopup="dialog"
                        aria-controls=FACETS_ID
                        aria-expanded=move || open.get().to_string()
                        on:click=move |_| open.set(true)
                        prop:textContent=filters_label
                    >{first_text(&filters_label)}</button>
                    <p class="listing-count" role="status" prop:textContent=count>{first_text(&count)}</p>
                    <div class="listing-sort" hidden=bare>
                        <SortSelect
                            value=Signal::derive(move || listing.with(|(s, f)| s.sort(f)))
                            options=Signal::derive(move || listing.with(|l| l.0.sorts()))
                            on_change=on_sort
                        />
                    </div>
                </div>
                <ul
                    class="chips filter-chips"
                    node_ref=chips_el
                    aria-label=tr(Key::SelectedFilters)
                    on:click=move |ev| {
                        let action = action_of(&ev);
                        if matches!(action, Some(Action::Toggle(..))) {
                            chip_focus.set_value(
                                ev.target()
                                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                                    .and_then(|b| b.closest("button").ok().flatten())
                                    .and_then(|b| b.id().strip_prefix("fc-").and_then(|i| i.parse().ok())),
                            );
                        }
                        on_action.run(action);
                    }
                ></ul>
                <div class="listing-note" node_ref=note_el></div>
                <div
                    class="listing-results"
                    class:is-pending=loading
                    aria-busy=move || (loading() || loading_more.get()).to_string()
                >
                    {move || (loading() && items.with(Vec::is_empty)).then(|| view! { <SkeletonGrid /> })}
                    <section
                        class="empty-results"
                        node_ref=empty_el
                        hidden=move || !empty.get()
                        on:click=move |ev| on_action.run(action_of(&ev))
                    ></section>
                    <div hidden=move || failed.get() || empty.get()>
                        <VirtualGrid
                            items=items
                            total=Signal::derive(move || total.get().unwrap_or(0))
                            ctl=ctl
                            on_open=move |i| { focus.set_value(Some(i)); track_select(listing, items, i); }
                        />
                    </div>
                    <div class="listing-sentinel" node_ref=sentinel></div>
                    // one error slot: the first page's (the grid is hidden then) or the next one's
                    {move || {
                        let (error, on_retry) = match phase.get() {
                            Phase::Failed(e) => (e, retry),
                            _ => (more.get()?, retry_more),
                        };
                        Some(view! { <ErrorPanel error=error on_retry=on_retry /> })
                    }}
                    <div class="load-more" hidden=move || loading() || failed.get() || empty.get()>
                        <p
                            class="result-count"
                            prop:textContent=shown
                        >{first_text(&shown)}</p>
                        <button
                            type="button"
                            class="btn btn-secondary btn-wide"
                            hidden=move || next.with(Option::is_none) || more.with(Option::is_some)
                            aria-busy=move || loading_more.get().to_string()
                            on:click=move |_| load_more.run(true)
                            prop:textContent=more_label
                        >{first_text(&more_label)}</button>
                    </div>
                </div>
            </div>
        </div>
    }
    .into_any()
}
