use crate::components::text::{by_lang, tr};
use leptos::prelude::*;
use storefront_api_types::Money;

use crate::i18n::Key;
use crate::logic::money::{format_money, saving};

/// A price, with the compare-at price struck through when it is on sale.
#[component]
pub fn Price(
    /// Selling price.
    price: Money,
    /// Previous price, shown only when above `price`.
    #[prop(optional)]
    compare_at: Option<Money>,
    /// Larger type (product page).
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let was = compare_at.filter(|_| saving(price, compare_at).is_some());
    let on_sale = was.is_some();
    view! {
        <p class="price" class:price-lg=large>
            {on_sale.then(|| view! { <span class="sr-only">{tr(Key::CurrentPrice)}</span> })}
            <span class="price-now" class:price-sale=on_sale>
                {by_lang(move |lang| format_money(price, lang))}
            </span>
            {was.map(|was| {
                view! {
                    <del class="price-was">
                        <span class="sr-only">{tr(Key::OriginalPrice)}</span>
                        {by_lang(move |lang| format_money(was, lang))}
                    </del>
                }
            })}
        </p>
    }
}
