use leptos::prelude::*;
use leptos::task::spawn_local;
use storefront_api_types::{Page, ProductQuery, ProductSummary};

use crate::api::ApiError;
use crate::components::product_card::EAGER_CARDS;
use crate::components::{ErrorPanel, ProductCard};
use crate::i18n::{showing, Key};
use crate::state::{use_api, use_locale};

/// A product grid that starts with `first` and appends the next pages of `query`
/// (cursor pagination) when the shopper presses "Load more".
#[component]
pub fn Listing(
    /// The first page.
    first: Page<ProductSummary>,
    /// The query of the first page (its cursor is ignored).
    query: ProductQuery,
) -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let total = first.total;
    let items = RwSignal::new(first.data);
    let next = RwSignal::new(first.next_cursor);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let load_more = Callback::new(move |()| {
        if loading.get_untracked() {
            return;
        }
        let Some(cursor) = next.get_untracked() else {
            return;
        };
        loading.set(true);
        error.set(None);
        let query = ProductQuery {
            cursor: Some(cursor),
            ..query.clone()
        };
        let api = api.clone();
        spawn_local(async move {
            match api.products(&query).await {
                Ok(page) => {
                    items.try_update(|v| v.extend(page.data));
                    next.try_set(page.next_cursor);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            loading.try_set(false);
        });
    });

    view! {
        <ul class="product-grid">
            <For
                each=move || items.get().into_iter().enumerate()
                key=|(_, p)| p.id.clone()
                children=move |(i, p)| view! { <li><ProductCard product=p eager=i < EAGER_CARDS /></li> }
            />
        </ul>
        <div class="load-more">
            <p class="result-count" aria-live="polite">
                {move || showing(locale.lang(), items.with(Vec::len), total)}
            </p>
            {move || error.get().map(|e| view! { <ErrorPanel error=e on_retry=load_more /> })}
            <Show when=move || next.with(Option::is_some) && error.with(Option::is_none)>
                <button
                    type="button"
                    class="btn btn-secondary btn-wide"
                    aria-busy=move || loading.get().to_string()
                    on:click=move |_| load_more.run(())
                >
                    {move || if loading.get() { locale.t(Key::Loading) } else { locale.t(Key::LoadMore) }}
                </button>
            </Show>
        </div>
    }
}
