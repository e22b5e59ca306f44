use crate::components::text::{first_text, tr};
use leptos::prelude::*;
use storefront_api_types::ProductSort;

use crate::i18n::Key;
use crate::state::use_locale;

/// The label key of a sort order.
pub fn sort_key(sort: ProductSort) -> Key {
    match sort {
        ProductSort::Relevance => Key::SortRelevance,
        ProductSort::Newest => Key::SortNewest,
        ProductSort::PriceAsc => Key::SortPriceAsc,
        ProductSort::PriceDesc => Key::SortPriceDesc,
        ProductSort::BestSelling => Key::SortBestSelling,
        ProductSort::Name => Key::SortName,
    }
}

/// A labelled `<select>` of sort orders.
#[component]
pub fn SortSelect(
    /// The current sort.
    #[prop(into)]
    value: Signal<ProductSort>,
    /// The sorts offered, in order.
    #[prop(into)]
    options: Signal<Vec<ProductSort>>,
    /// Called with the chosen sort.
    #[prop(into)]
    on_change: Callback<ProductSort>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="sort">
            <label for="sort-select" prop:textContent=tr(Key::SortLabel)>{first_text(&tr(Key::SortLabel))}</label>
            <select
                id="sort-select"
                class="select"
                on:change=move |ev| {
                    if let Some(sort) = ProductSort::parse(&event_target_value(&ev)) {
                        on_change.run(sort);
                    }
                }
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|s| {
                            let text = move || locale.t(sort_key(s));
                            view! {
                                <option
                                    value=s.as_str()
                                    prop:selected=move || value.get() == s
                                    prop:textContent=text
                                >{first_text(&text)}</option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
