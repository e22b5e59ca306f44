use leptos::prelude::*;
use leptos_router::components::A;
use storefront_api_types::ProductSummary;

use crate::components::Price;
use crate::i18n::percent_off;
use crate::logic::money::saving;
use crate::routes::AppRoute;
use crate::state::use_locale;

/// How many cards (the first row on wide screens) load their image eagerly.
pub const EAGER_CARDS: usize = 4;

/// A product in a listing: picture, brand, name and price, linking to the product page.
#[component]
pub fn ProductCard(
    /// The product.
    product: ProductSummary,
    /// Load the image at once with high priority (first row).
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let locale = use_locale();
    let href = AppRoute::product(product.slug.clone()).to_href();
    let ProductSummary {
        name,
        brand,
        image,
        price,
        compare_at_price,
        ..
    } = product;
    let percent = saving(price, compare_at_price).map(|(_, p)| p);
    let alt = image.alt.clone();
    view! {
        <A href=href attr:class="card">
            <div class="card-media">
                <img
                    src=image.url
                    width=image.width
                    height=image.height
                    alt=move || alt.get(locale.lang()).to_owned()
                    loading=if eager { "eager" } else { "lazy" }
                    fetchpriority=if eager { "high" } else { "auto" }
                    decoding="async"
                />
                {percent.map(|p| view! { <span class="badge badge-sale">{move || percent_off(locale.lang(), p)}</span> })}
            </div>
            <div class="card-body">
                <p class="card-brand">{brand}</p>
                <p class="card-name">{move || name.get(locale.lang()).to_owned()}</p>
                <Price price=price compare_at=compare_at_price.unwrap_or(price) />
            </div>
        </A>
    }
}

/// A fixed list of products as a grid.
#[component]
pub fn ProductGrid(
    /// The products.
    products: Vec<ProductSummary>,
    /// How many leading cards load eagerly.
    #[prop(default = EAGER_CARDS)]
    eager: usize,
) -> impl IntoView {
    view! {
        <ul class="product-grid">
            {products
                .into_iter()
                .enumerate()
                .map(|(i, p)| view! { <li><ProductCard product=p eager=i < eager /></li> })
                .collect_view()}
        </ul>
    }
}
