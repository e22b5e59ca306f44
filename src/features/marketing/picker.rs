//! Picking the campaign's products: search the catalogue, add, reorder, remove.

use leptos::prelude::*;
use storefront_api_types::{ProductQuery, ProductSummary, MAX_CAMPAIGN_PRODUCTS};

use super::fields::{control_id, Errors};
use super::i18n::{at, AKey};
use super::logic::errors_at;
use crate::api::ApiError;
use crate::components::price::Price;
use crate::components::text::{loc, tr};
use crate::i18n::Key;
use crate::state::use_api;

/// The picked products and the search that adds to them.
#[component]
pub fn ProductPicker(
    /// The picked products, in order.
    picked: RwSignal<Vec<ProductSummary>>,
    /// The form's errors (`/product_ids`, `/product_ids/3`).
    errors: Errors,
) -> impl IntoView {
    let api = use_api();
    let q = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Result<Vec<ProductSummary>, ApiError>>);
    let busy = RwSignal::new(false);
    // inside the editor's form: a search box of its own (forms do not nest), Enter searches
    let search = move || {
        let words = q.get_untracked().trim().to_owned();
        if words.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let answer = api
                .products(&ProductQuery {
                    q: Some(words),
                    limit: Some(8),
                    ..Default::default()
                })
                .await
                .map(|page| page.data);
            busy.try_set(false);
            found.try_set(Some(answer));
        });
    };
    let pointer = "/product_ids";
    let err_id = format!("{}-err", control_id(pointer));
    let described = format!("mk-products-hint {err_id}");
    let full = move || picked.with(Vec::len) >= MAX_CAMPAIGN_PRODUCTS;
    let results = move || {
        match found.get() {
        None => ().into_any(),
        Some(Err(_)) => view! { <p class="form-error" role="alert">{tr(Key::ErrNetworkTitle)}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p class="muted" role="status">{at(AKey::NoneFound)}</p> }.into_any(),
        Some(Ok(list)) => view! {
            <ul class="mk-found" aria-label=at(AKey::SearchProducts)>
                {list.into_iter().map(|p| {
                    let id = p.id.clone();
                    let added = Memo::new(move |_| picked.with(|v| v.iter().any(|x| x.id == id)));
                    let add = {
                        let p = p.clone();
                        move |_| picked.update(|v| {
                            if !v.iter().any(|x| x.id == p.id) && v.len() < MAX_CAMPAIGN_PRODUCTS {
                                v.push(p.clone());
                            }
                        })
                    };
                    view! {
                        <li class="mk-product">
                            <img src=p.image.url.clone() width="48" height="48" alt="" loading="lazy" />
                            <span class="mk-product-name">{loc(p.name.clone())}</span>
                            <Price price=p.price />
                            <button type="button" class="btn btn-secondary btn-small"
                                disabled=move || added.get() || full() on:click=add>
                                {move || if added.get() { at(AKey::Added)() } else { at(AKey::Add)() }}
                                <span class="sr-only">": " {loc(p.name.clone())}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    let moved = move |from: usize, to: usize| {
        picked.update(|v| {
            if from < v.len() && to < v.len() {
                let item = v.remove(from);
                v.insert(to, item);
            }
        });
    };
    view! {
        <fieldset class="mk-fieldset" aria-describedby=described>
            <legend>{at(AKey::Products)}</legend>
            <p id="mk-products-hint" class="field-hint">{at(AKey::ProductsHint)}</p>
            <div class="mk-search" role="search" aria-label=at(AKey::SearchProducts)>
                <label class="field field-grow">
                    <span>{at(AKey::SearchProducts)}</span>
                    <input id="mk-product-q" type="search" prop:value=move || q.get()
                        on:input=move |ev| q.set(event_target_value(&ev))
                        on:keydown={
                            let search = search.clone();
                            move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                search();
                            }
                        }} />
                </label>
                <button type="button" class="btn btn-secondary" aria-busy=move || busy.get().then_some("true")
                    on:click=move |_| search()>{at(AKey::Search)}</button>
            </div>
            {results}
            <ol class="mk-picked" id=control_id(pointer) tabindex="-1">
                {move || {
                    let list = picked.get();
                    let n = list.len();
                    if n == 0 {
                        return view! { <li class="muted">{at(AKey::NoProductsPicked)}</li> }.into_any();
                    }
                    list.into_iter().enumerate().map(|(i, p)| {
                        let item_pointer = format!("/product_ids/{i}");
                        let bad = errors.with_untracked(|e| errors_at(e, &item_pointer));
                        let name = p.name.clone();
                        view! {
                            <li class="mk-product" class:mk-bad=!bad.is_empty()>
                                <img src=p.image.url.clone() width="48" height="48" alt="" loading="lazy" />
                                <span class="mk-product-name">{loc(p.name.clone())}
                                    {(!bad.is_empty()).then(|| view! { <span class="field-error">{bad.join(" ")}</span> })}
                                </span>
                                <span class="mk-order">
                                    <button type="button" class="btn btn-secondary btn-small" disabled=i == 0
                                        on:click=move |_| moved(i, i.saturating_sub(1))>
                                        "↑"<span class="sr-only">{at(AKey::MoveUp)} ": " {loc(name.clone())}</span>
                                    </button>
                                    <button type="button" class="btn btn-secondary btn-small" disabled=i + 1 == n
                                        on:click=move |_| moved(i, i + 1)>
                                        "↓"<span class="sr-only">{at(AKey::MoveDown)} ": " {loc(name.clone())}</span>
                                    </button>
                                    <button type="button" class="btn btn-secondary btn-small"
                                        on:click=move |_| picked.update(|v| { if i < v.len() { v.remove(i); } })>
                                        {at(AKey::Remove)}<span class="sr-only">": " {loc(name.clone())}</span>
                                    </button>
                                </span>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ol>
            <span id=err_id class="field-error">
                {move || errors.with(|e| e.iter().filter(|x| x.pointer == pointer).map(|x| x.message.clone()).collect::<Vec<_>>().join(" "))}
            </span>
        </fieldset>
    }
}
