use crate::components::text::{by_lang, loc, tr};
use leptos::prelude::*;
use storefront_api_types::{ProductQuery, ProductSort};

use crate::components::deferred::Deferred;
use crate::components::{ErrorPanel, ProductGrid, SkeletonGrid, SkeletonTiles};
use crate::i18n::{item_count, set_title, Key};
use crate::routes::AppRoute;
use crate::state::{load, use_api, use_catalog, use_locale};

/// How many products the "new arrivals" shelf shows (shared with the server's preload).
const SHELF_SIZE: u32 = storefront_api_types::HOME_SHELF_SIZE;

/// Home: campaign hero, category tiles and the new-arrivals shelf.
#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let catalog = use_catalog();
    let arrivals = load(move || {
        let api = api.clone();
        async move {
            api.products(&ProductQuery {
                sort: Some(ProductSort::Newest),
                limit: Some(SHELF_SIZE),
                ..Default::default()
            })
            .await
        }
    });
    Effect::new(move |_| set_title(locale.t(Key::BrandTagline), locale.lang()));
    let new_href = AppRoute::search_sorted("", ProductSort::Newest).to_href();

    let tiles = move || {
        match catalog.0.get() {
                None => view! { <SkeletonTiles /> }.into_any(),
                Some(Ok(tree)) => view! {
                    <ul class="tile-grid">
                        {tree
                            .data
                            .into_iter()
                            .enumerate()
                            .map(|(i, c)| {
                                let name = c.name;
                                let count = c.product_count;
                                let picture = c.image.map(|img| {
                                    view! {
                                        <img
                                            src=img.url
                                            width=img.width
                                            height=img.height
                                            alt=""
                                            loading=if i < 2 { "eager" } else { "lazy" }
                                            decoding="async"
                                        />
                                    }
                                });
                                view! {
                                    <li>
                                        <a href=AppRoute::category(c.slug).to_href() class=format!("tile tile-{}", i % 6)>
                                            {picture}
                                            <span class="tile-text">
                                                <span class="tile-name">{loc(name)}</span>
                                                <span class="tile-count">{by_lang(move |lang| item_count(lang, count))}</span>
                                            </span>
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
                Some(Err(e)) => view! { <ErrorPanel error=e on_retry=move |()| catalog.0.refetch() /> }.into_any(),
        }
    };

    let shelf = move || match arrivals.get() {
        None => view! { <SkeletonGrid count=SHELF_SIZE as usize /> }.into_any(),
        Some(Ok(page)) => view! { <ProductGrid products=page.data /> }.into_any(),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| arrivals.refetch() /> }.into_any()
        }
    };

    // "For you" is below the fold: its module loads once the shopper scrolls, so the
    // first screen loads nothing more than before
    let scrolled = RwSignal::new(false);
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
        if !scrolled.get_untracked() {
            scrolled.set(true);
        }
    });
    on_cleanup(move || on_scroll.remove());
    view! {
        <section class="hero" aria-labelledby="hero-title">
            <div class="hero-inner">
                <p class="hero-eyebrow">{tr(Key::HeroEyebrow)}</p>
                <h1 id="hero-title" class="hero-title">{tr(Key::HeroTitle)}</h1>
                <p class="hero-text">{tr(Key::HeroText)}</p>
                <div class="hero-actions">
                    <a href=new_href.clone() class="btn btn-primary">{tr(Key::HeroShop)}</a>
                    <a href=AppRoute::Stores.to_href() class="btn btn-ghost">{tr(Key::HeroStores)}</a>
                </div>
            </div>
            <div class="hero-art" aria-hidden="true">
                <span class="hero-shape hero-shape-a"></span>
                <span class="hero-shape hero-shape-b"></span>
                <span class="hero-shape hero-shape-c"></span>
                <span class="hero-stamp">{tr(Key::HeroStampTop)}<br />{tr(Key::HeroStampBottom)}</span>
            </div>
        </section>

        <section class="section" aria-labelledby="categories-title">
            <div class="section-head">
                <h2 id="categories-title">{tr(Key::FeaturedCategories)}</h2>
            </div>
            {tiles}
        </section>

        <section class="section arrivals" aria-labelledby="arrivals-title">
            <div class="section-head">
                <h2 id="arrivals-title">{tr(Key::NewArrivals)}</h2>
                <a href=new_href class="section-link">{tr(Key::SeeAll)}</a>
            </div>
            {shelf}
        </section>
        {move || scrolled.get().then(|| view! { <Deferred load=crate::features::recommend::for_you class="shelves-busy" /> })}
    }
}
