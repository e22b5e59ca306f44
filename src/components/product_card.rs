use crate::components::text::{by_lang, loc};
use leptos::prelude::*;
use storefront_api_types::ProductSummary;

use crate::components::{Price, WishlistButton};
use crate::i18n::percent_off;
use crate::logic::gallery::srcset;
use crate::logic::money::saving;
use crate::routes::AppRoute;

/// How many cards (the first row on wide screens) load their image eagerly.
pub const EAGER_CARDS: usize = 4;

/// `sizes` of a card image in the product grid (2, 3, 4, 5 then 6 columns).
pub const GRID_SIZES: &str =
    "(min-width: 1800px) 290px, (min-width: 1280px) 18vw, (min-width: 1024px) 23vw, (min-width: 768px) 31vw, 50vw";
/// `sizes` of a card image in a horizontal row (see `.product-row`).
pub const ROW_SIZES: &str = "(min-width: 1800px) 260px, (min-width: 768px) 220px, 44vw";

/// A product in a listing: picture, brand, name and price, linking to the product page,
/// and a wishlist heart. The link and the heart are siblings (a button is never inside
/// a link), the heart is laid over the picture's top-right corner.
#[component]
pub fn ProductCard(
    /// The product.
    product: ProductSummary,
    /// Load the image at once with high priority (first row).
    #[prop(optional)]
    eager: bool,
    /// The image's `sizes` (defaults to the grid's).
    #[prop(default = GRID_SIZES)]
    sizes: &'static str,
    /// Show the wishlist heart.
    #[prop(default = true)]
    heart: bool,
) -> impl IntoView {
    let href = AppRoute::product(product.slug.clone()).to_href();
    let ProductSummary {
        id,
        name,
        brand,
        image,
        price,
        compare_at_price,
        ..
    } = product;
    let percent = saving(price, compare_at_price).map(|(_, p)| p);
    let set = srcset(&image);
    let heart_name = name.clone();
    view! {
        <div class="card">
            <a href=href class="card-link">
                <div class="card-media">
                    <img
                        src=image.url
                        srcset=set.clone()
                        sizes=set.map(|_| sizes)
                        width=image.width
                        height=image.height
                        alt=loc(image.alt)
                        loading=if eager { "eager" } else { "lazy" }
                        fetchpriority=if eager { "high" } else { "auto" }
                        decoding="async"
                    />
                    {percent.map(|p| view! { <span class="badge badge-sale">{by_lang(move |lang| percent_off(lang, p))}</span> })}
                </div>
                <div class="card-body">
                    <p class="card-brand">{brand}</p>
                    <p class="card-name">{loc(name)}</p>
                    <Price price=price compare_at=compare_at_price.unwrap_or(price) />
                </div>
            </a>
            {heart.then(|| view! { <WishlistButton id=id.to_string() name=heart_name class="card-heart" /> })}
        </div>
    }
}

/// A fixed list of products: a grid, or one horizontally scrolling row (related,
/// recently viewed; images lazy).
#[component]
pub fn ProductGrid(
    /// The products.
    products: Vec<ProductSummary>,
    /// How many leading cards load eagerly.
    #[prop(default = EAGER_CARDS)]
    eager: usize,
    /// One scrolling row instead of a grid.
    #[prop(optional)]
    row: bool,
) -> impl IntoView {
    let (class, sizes) = if row {
        ("product-row", ROW_SIZES)
    } else {
        ("product-grid", GRID_SIZES)
    };
    view! {
        <ul class=class>
            {products
                .into_iter()
                .enumerate()
                .map(|(i, p)| view! { <li><ProductCard product=p eager=i < eager sizes=sizes /></li> })
                .collect_view()}
        </ul>
    }
}
