//! Reserving a campaign's product for pickup without leaving the campaign: the variant, a
//! store of the campaign that has it (the shopper's own first), then the shared reserve
//! form. In an embed the pass is shown in place and the host page is told `reserve` (the
//! shop's cookies are not needed: a reservation is a guest's); on the shop's own page the
//! form opens the pickup pass as it does everywhere else.

use leptos::html;
use leptos::prelude::*;

use crate::features::stores::i18n::{st, SKey};
use storefront_api_types::{
    LocalizedText, Product, Reservation, StoreAvailability, StoreId, RESERVE_MAX_QUANTITY,
};

use super::embed::post_event;
use super::i18n::{ct, pickup_choice, CKey};
use super::logic::{reserve_params, Reserved};
use crate::components::text::{by_lang, loc, tr};
use crate::components::ErrorPanel;
use crate::dom::format_in_zone;
use crate::features::catalogue::variants::variant_label;
use crate::features::stores::reserve::{ReserveContext, ReserveForm};
use crate::features::stores::ReserveItem;
use crate::i18n::Key;
use crate::routes::AppRoute;
use crate::state::{load, use_api, use_my_store};

/// The reserve panel of one campaign product, shown inside its card.
#[component]
pub fn CampaignReserve(
    /// The campaign's slug (named by the `reserve` event).
    slug: String,
    /// The product's id.
    product_id: String,
    /// The stores the campaign applies to; empty: every store.
    stores: Vec<StoreId>,
    /// Whether the page is the embed (the pass is then shown here, and the host told).
    embedded: bool,
    /// The host page's origin, when embedded.
    parent: Option<String>,
    /// Closes the panel (the card gives the focus back to its button).
    on_close: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let my_store = use_my_store();
    let heading = NodeRef::<html::H3>::new();
    let confirmation = NodeRef::<html::P>::new();
    let reserved = RwSignal::new(None::<Reservation>);
    let variant = RwSignal::new(None::<String>);
    let store = RwSignal::new(None::<String>);
    let product = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            let id = product_id.clone();
            async move { api.product(&id).await }
        }
    });
    // the variant chosen, else the product's first
    let chosen = Memo::new(move |_| {
        let Some(Ok(p)) = product.get() else {
            return None;
        };
        variant
            .get()
            .filter(|v| p.variants.iter().any(|x| x.id.as_str() == v))
            .or_else(|| p.variants.first().map(|v| v.id.to_string()))
    });
    let stock = load(move || {
        let api = api.clone();
        let v = chosen.get();
        async move {
            match v {
                Some(v) => api.availability(&v, None).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // the campaign's stores that can hand it over now, the shopper's own first
    let candidates = Memo::new(move |_| -> Vec<StoreAvailability> {
        let Some(Ok(Some(a))) = stock.get() else {
            return Vec::new();
        };
        let mine = my_store.id();
        let mut rows: Vec<_> = a
            .data
            .into_iter()
            .filter(|s| s.pickup && s.quantity.unwrap_or(0) > 0)
            .filter(|s| stores.is_empty() || stores.contains(&s.store_id))
            .collect();
        rows.sort_by_key(|s| mine.as_deref() != Some(s.store_id.as_str()));
        rows
    });
    let at = Memo::new(move |_| {
        candidates.with(|rows| {
            store
                .get()
                .and_then(|id| rows.iter().find(|s| s.store_id.as_str() == id))
                .or_else(|| rows.first())
                .cloned()
        })
    });

    // the reservation is the campaign's; in an embed its pass is shown here and the host told
    let done = embedded.then(|| {
        let slug = slug.clone();
        Callback::new(move |r: Reservation| {
            let params = reserve_params(&Reserved {
                slug: &slug,
                store_id: r.store.id.as_str(),
                product_id: r.item.product_id.as_str(),
                name_en: &r.item.name.en,
                variant_id: r.item.variant_id.as_str(),
                price: r.item.price,
                quantity: r.quantity,
            });
            post_event(parent.as_deref(), "reserve", &params);
            reserved.set(Some(r));
        })
    });
    provide_context(ReserveContext {
        campaign: Some(slug),
        done,
    });
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    Effect::new(move |_| {
        if let (Some(_), Some(p)) = (reserved.get(), confirmation.get()) {
            let _ = p.focus();
        }
    });

    let variant_picker = move |p: &Product| {
        (p.variants.len() > 1).then(|| {
            let options = p.options.clone();
            let rows = p
                .variants
                .iter()
                .map(|v| {
                    let id = v.id.to_string();
                    let label = LocalizedText::new(
                        variant_label(&options, v, storefront_api_types::Lang::ZhCn),
                        variant_label(&options, v, storefront_api_types::Lang::En),
                    );
                    let selected = id.clone();
                    view! {
                        <option value=id.clone() selected=move || chosen.get().as_deref() == Some(selected.as_str())>{loc(label)}</option>
                    }
                })
                .collect_view();
            view! {
                <label class="field">
                    {ct(CKey::Variant)}
                    <select on:change=move |ev| variant.set(Some(event_target_value(&ev)))>{rows}</select>
                </label>
            }
        })
    };
    let store_picker = move || {
        let rows = candidates.get();
        if rows.is_empty() {
            return match stock.get() {
                None | Some(Ok(None)) => {
                    view! { <p class="muted" role="status">{st(SKey::CheckingStores)}</p> }
                        .into_any()
                }
                Some(Err(e)) => {
                    view! { <ErrorPanel error=e on_retry=move |()| stock.refetch() /> }.into_any()
                }
                Some(Ok(Some(_))) => {
                    view! { <p class="campaign-no-pickup">{ct(CKey::NoPickup)}</p> }.into_any()
                }
            };
        }
        let options = rows
            .into_iter()
            .map(|s| {
                let id = s.store_id.to_string();
                let n = s.quantity.unwrap_or(0);
                let name = s.store_name.clone();
                let selected = id.clone();
                view! {
                    <option value=id selected=move || at.with(|a| a.as_ref().is_some_and(|a| a.store_id.as_str() == selected))>
                        {by_lang(move |lang| pickup_choice(lang, name.get(lang), n))}
                    </option>
                }
            })
            .collect_view();
        view! {
            <label class="field">
                {ct(CKey::CollectFrom)}
                <select on:change=move |ev| store.set(Some(event_target_value(&ev)))>{options}</select>
            </label>
        }
        .into_any()
    };
    // the form, rebuilt only when the variant or the store changes
    let form_key = Memo::new(move |_| {
        (
            chosen.get(),
            at.with(|a| a.as_ref().map(|a| a.store_id.to_string())),
        )
    });
    let form = move || {
        // read, not only tracked: a memo never read never runs, so it would never change
        let _ = form_key.get();
        let row = at.get_untracked()?;
        let vid = chosen.get_untracked()?;
        let Some(Ok(p)) = product.get_untracked() else {
            return None;
        };
        let v = p.variants.iter().find(|v| v.id.as_str() == vid)?;
        let label = |lang| variant_label(&p.options, v, lang);
        let item = ReserveItem {
            product_id: p.id.to_string(),
            variant_id: vid.clone(),
            name: p.name.clone(),
            options: LocalizedText::new(
                label(storefront_api_types::Lang::ZhCn),
                label(storefront_api_types::Lang::En),
            ),
            price: v.price,
        };
        let max = row.quantity.unwrap_or(1).clamp(1, RESERVE_MAX_QUANTITY);
        Some(view! { <ReserveForm item=item store=row max=max /> })
    };
    let body = move || {
        if let Some(r) = reserved.get() {
            let href = AppRoute::Reservation {
                code: r.code.clone(),
            }
            .to_href();
            let (ready, zone) = (r.ready_at.unix(), r.store.time_zone.clone());
            let store_name = r.store.name.clone();
            return view! {
                <div class="campaign-reserved">
                    <p class="campaign-reserved-title" tabindex="-1" node_ref=confirmation>{ct(CKey::Reserved)}</p>
                    <p>{ct(CKey::PickupCode)}" "<strong class="campaign-pickup-code">{r.code.clone()}</strong></p>
                    <p>{loc(store_name)}" · "{st(SKey::ReadyBy)}" "{by_lang(move |lang| format_in_zone(ready, &zone, lang).unwrap_or_default())}</p>
                    <a class="btn btn-secondary btn-small" href=href target=embedded.then_some("_blank") rel=embedded.then_some("noopener")>
                        {ct(CKey::OpenPass)}
                        {embedded.then(|| view! { <span class="sr-only">{ct(CKey::NewTab)}</span> })}
                    </a>
                </div>
            }
            .into_any();
        }
        match product.get() {
            None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
            Some(Err(e)) => {
                view! { <ErrorPanel error=e on_retry=move |()| product.refetch() /> }.into_any()
            }
            Some(Ok(p)) => view! {
                {variant_picker(&p)}
                {store_picker}
                {form}
            }
            .into_any(),
        }
    };
    view! {
        <div class="campaign-reserve">
            <div class="campaign-reserve-head">
                <h3 tabindex="-1" node_ref=heading>{st(SKey::Reserve)}</h3>
                <button type="button" class="link-button" on:click=move |_| on_close.run(())>
                    {move || if reserved.with(Option::is_some) { tr(Key::Close)() } else { ct(CKey::Cancel)() }}
                </button>
            </div>
            {body}
        </div>
    }
}
