//! Stock of the selected variant on the product page: at my store (status, quantity when
//! low, when a reservation would be ready, how fresh the figure is), "available at N
//! stores near you" opening a dialog with those stores, and reserve-for-pickup. The
//! figures are polled every [`POLL_MS`] so a change at a store shows without a reload.

use leptos::prelude::*;

use super::i18n::{st, SKey};

use super::reserve::ReserveItem;
use storefront_api_types::{
    near_param, EventName, StockStatus, StoreAvailability, VariantAvailability,
    RESERVE_MAX_QUANTITY,
};

use crate::components::modal::Modal;
use crate::components::text::{by_lang, loc, tr};
use crate::dom::{locate, now_unix};
use crate::features::stores::reserve::ReserveForm;
use crate::i18n::{available_at, distance, stock_text, store_time, updated_ago, Key, Nearby};
use crate::routes::AppRoute;
use crate::state::{events, load_polled, use_api, use_locale, use_my_store};

/// How often stock figures are asked again while they are on screen (ms).
pub const POLL_MS: u32 = 3_000;
/// "Near you": stores within this distance (when distances are known).
pub const NEAR_M: u32 = 50_000;

/// The stock block of the product page for `item` (`None` until a variant is chosen).
#[component]
pub fn StockBlock(
    /// The variant chosen, with what the reservation form shows of it.
    item: Memo<Option<ReserveItem>>,
) -> impl IntoView {
    let api = use_api();
    let my = use_my_store();
    let locale = use_locale();
    let urls = StoredValue::new_local(api.clone());
    let stock = load_polled(
        move || {
            let api = api.clone();
            let variant = item.with(|i| i.as_ref().map(|i| i.variant_id.clone()));
            let near = my.centre().map(near_param);
            async move {
                match variant {
                    Some(v) => api.availability(&v, near).await.map(Some),
                    None => Ok(None),
                }
            }
        },
        POLL_MS,
    );
    // `view_store_stock`, once per variant and store shown
    let seen = StoredValue::new(None::<(String, String)>);
    Effect::new(move |_| {
        let (Some(i), Some(store)) = (item.get(), my.id()) else {
            return;
        };
        if !matches!(stock.get(), Some(Ok(Some(_)))) {
            return;
        }
        let key = (i.variant_id.clone(), store);
        if seen.with_value(|s| s.as_ref() == Some(&key)) {
            return;
        }
        events::record(
            EventName::ViewStoreStock,
            vec![(i.product_id, Some(key.0.clone()))],
            None,
            None,
            Some(key.1.clone()),
        );
        seen.set_value(Some(key));
    });
    let panel_open = RwSignal::new(false);
    let reserve_open = RwSignal::new(false);
    let reserve_at = RwSignal::new(None::<StoreAvailability>);
    let reserve = Callback::new(move |s: StoreAvailability| {
        reserve_at.set(Some(s));
        panel_open.set(false);
        reserve_open.set(true);
    });

    // offline, the service worker's copy: when it was kept, so it is never shown as live
    let last_known = move || -> Option<String> {
        matches!(stock.get(), Some(Ok(Some(_)))).then_some(())?;
        let variant = item.with(|i| i.as_ref().map(|i| i.variant_id.to_string()))?;
        let near = my.centre().map(near_param);
        let url = urls.try_with_value(|a| a.availability_url(&variant, near.as_deref()))?;
        crate::api::offline::cached_at(&url)
    };
    let mine = move || {
        let id = my.id()?;
        stock
            .get()?
            .ok()??
            .data
            .into_iter()
            .find(|s| s.store_id.as_str() == id)
    };
    let at_my_store = move || {
        if item.with(Option::is_none) {
            return view! { <p class="muted">{st(SKey::ChooseVariantFirst)}</p> }.into_any();
        }
        let Some(choice) = my.get() else {
            return view! {
                <p class="muted">{st(SKey::ChooseStoreForStock)}</p>
                <a class="btn btn-secondary" href=AppRoute::Stores.to_href()>{tr(Key::ChooseStore)}</a>
            }
            .into_any();
        };
        match (stock.get(), mine()) {
            (Some(Err(_)), _) => {
                view! { <p class="stock-line">{st(SKey::StockUnavailable)}</p> }.into_any()
            }
            (_, Some(s)) => view! {
                <StoreStock s=s.clone() />
                {(s.pickup && s.quantity.unwrap_or(0) > 0 && last_known().is_none()).then(|| view! {
                    <button type="button" class="btn btn-primary" on:click=move |_| reserve.run(s.clone())>
                        {st(SKey::Reserve)}
                    </button>
                })}
            }
            .into_any(),
            _ => view! { <p class="stock-line muted">{loc(choice.name)}" · "{tr(Key::Loading)}</p> }
                .into_any(),
        }
    };
    let nearby = move || -> Vec<StoreAvailability> {
        let mine = my.id();
        stock
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|a: VariantAvailability| {
                a.data
                    .into_iter()
                    .filter(|s| s.distance_m.is_none_or(|d| d <= NEAR_M))
                    .filter(|s| mine.as_deref() != Some(s.store_id.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let in_stock_near = move || {
        nearby()
            .iter()
            .filter(|s| s.status != StockStatus::OutOfStock)
            .count() as u32
    };
    // what "nearby" is measured from: "near you" only with the shopper's position
    let basis = move |lang| {
        if my.position.with(Option::is_some) {
            Nearby::You
        } else {
            my.get().map_or(Nearby::Anywhere, |c| {
                Nearby::Store(c.name.get(lang).to_owned())
            })
        }
    };
    // the figures have arrived (a loading or failed answer asserts nothing)
    let known = move || matches!(stock.get(), Some(Ok(Some(_))));
    let locating = RwSignal::new(false);
    let use_location = move |_| {
        locating.set(true);
        locate(move |r| {
            locating.try_set(false);
            if let Ok(p) = r {
                my.position.try_set(Some(p));
            }
        });
    };
    let panel_title = Signal::derive(move || SKey::NearbyStores.get(locale.lang()).to_owned());
    let reserve_title = Signal::derive(move || SKey::ReserveTitle.get(locale.lang()).to_owned());
    view! {
        <section class="stock" aria-labelledby="stock-title">
            <h2 id="stock-title" class="stock-title">
                {st(SKey::StockAtMyStore)}
                {move || my.get().map(|c| view! { <span class="stock-store">{loc(c.name)}</span> })}
            </h2>
            <div aria-live="polite">{at_my_store}</div>
            {move || last_known().map(|at| view! {
                <p class="stock-stale">
                    {by_lang(move |lang| format!(
                        "{}{}{}",
                        SKey::LastKnownAt.get(lang),
                        crate::features::offline::local_clock(&at, lang),
                        SKey::LastKnownEnd.get(lang)
                    ))}
                </p>
            })}
            {move || match (item.with(Option::is_some), known()) {
                (false, _) => None,
                (true, false) => Some(view! {
                    <p class="stock-line muted">{st(SKey::CheckingStores)}</p>
                }.into_any()),
                (true, true) => Some(view! {
                    <button type="button" class="link-button" on:click=move |_| panel_open.set(true)>
                        {by_lang(move |lang| available_at(lang, in_stock_near(), &basis(lang)))}
                    </button>
                    {move || my.position.with(Option::is_none).then(|| view! {
                        <p class="stock-where">
                            <button type="button" class="link-button" on:click=use_location disabled=locating>
                                {move || st(if locating.get() { SKey::Locating } else { SKey::UseLocation })()}
                            </button>

                        </p>
                    })}
                }.into_any()),
            }}
        </section>
        <Modal open=panel_open title_id="nearby-title" title=panel_title class="modal-side">
            <ul class="stock-list">
                {move || nearby()
                    .into_iter()
                    .map(|s| {
                        let can = s.pickup && s.quantity.unwrap_or(0) > 0;
                        let name = s.store_name.clone();
                        let d = s.distance_m;
                        let row = s.clone();
                        view! {
                            <li class="stock-row">
                                <div>
                                    <p class="stock-row-name">
                                        {loc(name)}
                                        {d.map(|m| view! { <span class="store-distance">{by_lang(move |lang| distance(lang, m))}</span> })}
                                    </p>
                                    <StoreStock s=s />
                                </div>
                                {can.then(|| view! {
                                    <button type="button" class="btn btn-secondary" on:click=move |_| reserve.run(row.clone())>
                                        {st(SKey::ReserveShort)}
                                    </button>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Modal>
        <Modal open=reserve_open title_id="reserve-title" title=reserve_title>
            {move || {
                let at = reserve_at.get()?;
                let it = item.get()?;
                let max = at.quantity.unwrap_or(1).clamp(1, RESERVE_MAX_QUANTITY);
                Some(view! { <ReserveForm item=it store=at max=max /> })
            }}
        </Modal>
    }
}

/// One store's figure: status with quantity when low, ready time, freshness.
#[component]
fn StoreStock(
    /// The store's figure.
    s: StoreAvailability,
) -> impl IntoView {
    let StoreAvailability {
        status,
        quantity,
        pickup,
        pickup_ready_at,
        updated_at,
        time_zone,
        ..
    } = s;
    let class = match status {
        StockStatus::InStock => "stock-line is-in",
        StockStatus::LowStock => "stock-line is-low",
        StockStatus::OutOfStock => "stock-line is-out",
    };
    // on the store's clock, labelled when the shopper's differs
    let ready = pickup_ready_at.filter(|_| pickup).map(|t| {
        by_lang(move |lang| {
            format!(
                "{} {}",
                SKey::ReadyBy.get(lang),
                store_time(t.unix(), &time_zone, lang)
            )
        })
    });
    let no_pickup = (!pickup).then(|| st(SKey::NoPickup));
    let sep = (ready.is_some() || !pickup).then_some(" · ");
    view! {
        <p class=class>
            <span class="stock-dot" aria-hidden="true"></span>
            <strong>{by_lang(move |lang| stock_text(lang, status, quantity))}</strong>
        </p>
        <p class="stock-meta">
            {ready}
            {no_pickup}
            {sep}
            {by_lang(move |lang| updated_ago(lang, now_unix() - updated_at.unix()))}
        </p>
    }
}
