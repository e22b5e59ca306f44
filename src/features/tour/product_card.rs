//! The card of a product on display in the tour.

use leptos::html;
use leptos::prelude::*;

use crate::features::stores::i18n::{st, SKey};
use storefront_api_types::{
    LocalizedText, Product, StockStatus, StoreAvailability, RESERVE_MAX_QUANTITY,
};

use super::i18n::{stock_here, tt, TKey};
use crate::components::text::{by_lang, loc, tr};
use crate::components::{ErrorPanel, Price};
use crate::features::catalogue::variants::variant_label;
use crate::features::stores::reserve::ReserveForm;
use crate::features::stores::stock::POLL_MS;
use crate::features::stores::ReserveItem;
use crate::i18n::Key;
use crate::logic::gallery::image_for_colour;
use crate::routes::AppRoute;
use crate::state::{load, load_polled, use_api};

/// The card of a product on display: picture, price, stock at this store right now,
/// reserve for pickup here, and a link to its page.
#[component]
pub fn TourProductCard(
    /// The store of the tour (its stock is shown).
    store_id: String,
    /// The product's id.
    product: String,
    /// The variant on display, else the product's first.
    variant: Option<String>,
) -> impl IntoView {
    let api = use_api();
    let reserving = RwSignal::new(false);
    let loaded = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            let id = product.clone();
            async move { api.product(&id).await }
        }
    });
    let variant_id = Memo::new(move |_| {
        let p = loaded.get()?.ok()?;
        variant
            .clone()
            .filter(|v| p.variants.iter().any(|x| x.id.as_str() == v))
            .or_else(|| p.variants.first().map(|v| v.id.to_string()))
    });
    let stock = load_polled(
        move || {
            let api = api.clone();
            let v = variant_id.get();
            async move {
                match v {
                    Some(v) => api.availability(&v, None).await.map(Some),
                    None => Ok(None),
                }
            }
        },
        POLL_MS,
    );
    // this store's row: None while loading, Some(None) when it is not listed
    let here = Memo::new(move |_| -> Option<Result<Option<StoreAvailability>, ()>> {
        match stock.get()? {
            Err(_) => Some(Err(())),
            Ok(a) => Some(Ok(a.and_then(|a| {
                a.data.into_iter().find(|s| s.store_id.as_str() == store_id)
            }))),
        }
    });
    let can_reserve =
        move || matches!(here.get(), Some(Ok(Some(s))) if s.pickup && s.quantity.unwrap_or(0) > 0);
    let stock_line = move || match here.get() {
        None => view! { <p class="stock-line muted">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(())) => {
            view! { <p class="stock-line">{st(SKey::StockUnavailable)}</p> }.into_any()
        }
        Some(Ok(row)) => {
            let (class, text): (
                &str,
                Box<dyn Fn(storefront_api_types::Lang) -> String + Send + Sync>,
            ) = match row {
                Some(s) if s.status != StockStatus::OutOfStock => {
                    let low = s.status == StockStatus::LowStock;
                    let q = s.quantity.unwrap_or(0);
                    (
                        if low {
                            "stock-line is-low"
                        } else {
                            "stock-line is-in"
                        },
                        Box::new(move |lang| stock_here(lang, q, low)),
                    )
                }
                _ => (
                    "stock-line is-out",
                    Box::new(|lang| TKey::OutHere.get(lang).to_owned()),
                ),
            };
            view! {
                <p class=class>
                    <span class="stock-dot" aria-hidden="true"></span>
                    <strong>{by_lang(text)}</strong>
                </p>
            }
            .into_any()
        }
    };
    let back = NodeRef::<html::Button>::new();
    let reserve_button = NodeRef::<html::Button>::new();
    // focus follows the switch between the card and the form (once they are built)
    Effect::new(move |was: Option<bool>| {
        let now = reserving.get();
        if was.is_some_and(|w| w != now) {
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(0).await;
                let target: Option<web_sys::HtmlElement> = if now {
                    back.try_get_untracked().flatten().map(Into::into)
                } else {
                    reserve_button.try_get_untracked().flatten().map(Into::into)
                };
                if let Some(t) = target {
                    let _ = t.focus();
                }
            });
        }
        now
    });

    let body = move || {
        let p: Product = match loaded.get() {
            None => {
                return view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any()
            }
            Some(Err(e)) => {
                return view! { <ErrorPanel error=e on_retry=move |()| loaded.refetch() /> }
                    .into_any()
            }
            Some(Ok(p)) => p,
        };
        let vid = variant_id.get();
        let Some(v) = p
            .variants
            .iter()
            .find(|x| Some(x.id.as_str()) == vid.as_deref())
            .cloned()
        else {
            return view! { <p class="muted">{st(SKey::StockUnavailable)}</p> }.into_any();
        };
        let options = LocalizedText::new(
            variant_label(&p.options, &v, storefront_api_types::Lang::ZhCn),
            variant_label(&p.options, &v, storefront_api_types::Lang::En),
        );
        let colour = p
            .options
            .iter()
            .position(|o| o.code == "color")
            .and_then(|i| {
                let code = v.option_values.get(i)?;
                p.options
                    .get(i)?
                    .values
                    .iter()
                    .find(|x| x.code == *code)
                    .map(|x| x.label.clone())
            });
        let img = colour
            .and_then(|c| image_for_colour(&p.images, &c))
            .and_then(|i| p.images.get(i))
            .or_else(|| p.images.first())
            .cloned();
        let item = ReserveItem {
            product_id: p.id.to_string(),
            variant_id: v.id.to_string(),
            name: p.name.clone(),
            options: options.clone(),
            price: v.price,
        };
        let href = AppRoute::Product {
            slug: p.slug.clone(),
            variant: Some(v.id.to_string()),
        }
        .to_href();
        let form = move || {
            if !reserving.get() {
                return None;
            }
            let Some(Ok(Some(row))) = here.get_untracked() else {
                return None;
            };
            let max = row.quantity.unwrap_or(1).clamp(1, RESERVE_MAX_QUANTITY);
            Some(view! {
                <div class="tour-reserve">
                    <button type="button" class="link-button" node_ref=back on:click=move |_| reserving.set(false)>
                        <span aria-hidden="true">"← "</span>{tt(TKey::BackToProduct)}
                    </button>
                    <ReserveForm item=item.clone() store=row max=max />
                </div>
            })
        };
        view! {
            <div class="tour-card" hidden=move || reserving.get()>
                {img.map(|i| view! {
                    <img src=i.url.clone() width=i.width height=i.height alt=loc(i.alt.clone()) class="tour-card-img" />
                })}
                <div class="tour-card-text">
                    <p class="pdp-brand">{p.brand.clone()}</p>
                    <p class="tour-card-name">{loc(p.name.clone())}</p>
                    <p class="muted">{loc(options)}</p>
                    <Price price=v.price compare_at=v.compare_at_price.unwrap_or(v.price) />
                    <section class="tour-card-stock" aria-label=tt(TKey::StockHere) aria-live="polite">
                        {stock_line}
                    </section>
                    <div class="tour-card-actions">
                        <button
                            type="button"
                            class="btn btn-primary"
                            node_ref=reserve_button
                            hidden=move || !can_reserve()
                            on:click=move |_| reserving.set(true)
                        >
                            {tt(TKey::ReserveHere)}
                        </button>
                        <a class="btn btn-secondary" href=href>{tt(TKey::ViewProduct)}</a>
                    </div>
                </div>
            </div>
            {form}
        }
        .into_any()
    };
    view! { <div class="tour-card-box">{body}</div> }
}
