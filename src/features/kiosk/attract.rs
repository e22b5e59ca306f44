//! The attract loop: while nobody uses the kiosk, a full-screen invitation cycles through
//! the configured campaign's hero, featured products in stock here and the store's tour;
//! a touch or a key anywhere starts. It stands still with reduced motion.

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::CustomAttribute;
use storefront_api_types::{KioskConfig, ProductQuery, ProductSummary};

use super::i18n::{kt, KKey};
use crate::components::text::loc;
use crate::state::{load, use_api};

/// The attract screen.
#[component]
pub fn Attract(
    /// The kiosk's configuration (its store and content), when known.
    config: RwSignal<Option<KioskConfig>>,
    /// Touched: the session starts.
    on_start: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let api = use_api();
    let products = load(move || {
        let api = api.clone();
        let c = config.get();
        async move {
            let Some(c) = c else {
                return Ok(Vec::<ProductSummary>::new());
            };
            let ids: Vec<String> = c
                .settings
                .attract_product_ids
                .iter()
                .map(|p| p.0.clone())
                .collect();
            let page = api
                .products(&ProductQuery {
                    ids,
                    store: Some(c.store.id.to_string()),
                    in_stock: true,
                    limit: Some(6),
                    ..Default::default()
                })
                .await?;
            Ok(page.data)
        }
    });
    let slide = RwSignal::new(0usize);
    let reduced = web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches());
    let timer = (!reduced).then(|| {
        gloo_timers::callback::Interval::new(6_000, move || {
            slide.try_update(|s| *s = s.wrapping_add(1));
        })
    });
    let timer = StoredValue::new_local(timer);
    on_cleanup(move || {
        timer.try_update_value(Option::take);
    });
    let cards = move || {
        let list = products.get().and_then(Result::ok).unwrap_or_default();
        if list.is_empty() {
            return None;
        }
        let at = slide.get() % list.len();
        let shown: Vec<_> = list
            .iter()
            .cycle()
            .skip(at)
            .take(3.min(list.len()))
            .cloned()
            .collect();
        Some(view! {
            <ul class="kiosk-attract-products" aria-hidden="true">
                {shown.into_iter().map(|p| view! {
                    <li>
                        <img src=p.image.url.clone() width=p.image.width height=p.image.height alt="" loading="eager" decoding="async" />
                        <span>{loc(p.name.clone())}</span>
                        <span class="kiosk-attract-stock">{kt(KKey::InStockHere)}</span>
                    </li>
                }).collect_view()}
            </ul>
        })
    };
    let store = move || config.with(|c| c.as_ref().map(|c| c.store.name.clone()));
    let teaser = move || {
        config
            .with(|c| c.as_ref().is_some_and(|c| c.settings.show_tour_teaser))
            .then(|| view! { <p class="kiosk-attract-tour">{kt(KKey::TourTeaser)}</p> })
    };
    // `elementtiming`: the soak bench times the reset to this line painted
    let welcome = view! { <p class="kiosk-attract-welcome">{kt(KKey::Welcome)}" "{move || store().map(loc)}</p> }
        .attr("elementtiming", "kiosk-attract");
    view! {
        <div class="kiosk-attract" role="dialog" aria-modal="true" aria-labelledby="kiosk-attract-title"
            on:pointerdown=move |_| on_start() on:keydown=move |_| on_start()>
            {welcome}
            {cards}
            {teaser}
            <button type="button" class="btn btn-primary kiosk-attract-start" id="kiosk-attract-title" autofocus
                on:click=move |_| on_start()>{kt(KKey::Touch)}</button>
        </div>
    }
}
