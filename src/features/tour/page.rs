//! A store's virtual tour (`/stores/{id}/tour?scene=&yaw=&pitch=&fov=`): the 360° view
//! of a scene (WebGL2, see [`super::panorama`]; without WebGL a flat strip
//! that scrolls sideways), its hotspots as buttons laid over the view and as a list, the
//! list of every scene, the floor plan with a dot per scene and the shopper's view cone,
//! a product card with this store's stock and reserve-for-pickup, and "Book a shopping
//! guide". The URL follows the scene and the view (replaced, throttled), so a shared link
//! or a kiosk QR code opens the same view.

use leptos::prelude::*;
use storefront_api_types::Tour;

use super::guide_booking::GuideBooking;
use super::i18n::{tt, TKey};
use super::product_card::TourProductCard;
use super::side::TourSide;
use super::stage::TourStage;
use super::use_tour_view::{use_tour_view, Card, Mode};
use crate::components::modal::Modal;
use crate::components::text::{loc, tr};
use crate::components::ErrorPanel;
use crate::i18n::{set_title, Key};
use crate::routes::AppRoute;
use crate::state::{load, route_memo, use_api, use_locale};

/// The tour page: loads the tour and the store, then shows [`TourView`].
#[component]
pub fn TourPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let store_id = route_memo(|r| match r {
        AppRoute::Tour { store, .. } => Some(store),
        _ => None,
    });
    let tour = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            let id = store_id.get();
            async move { api.tour(&id).await }
        }
    });
    let store = load(move || {
        let api = api.clone();
        let id = store_id.get();
        async move { api.store(&id).await }
    });
    // `tour_visit`, once per store's tour opened
    let visited = StoredValue::new(String::new());
    Effect::new(move |_| {
        if matches!(tour.get(), Some(Ok(_))) {
            let id = store_id.get_untracked();
            if visited.with_value(|v| *v != id) {
                crate::state::events::record(
                    storefront_api_types::EventName::TourVisit,
                    Vec::new(),
                    None,
                    None,
                    Some(id.clone()),
                );
                visited.set_value(id);
            }
        }
    });
    let store_name = Memo::new(move |_| store.get().and_then(Result::ok).map(|s| s.name));
    Effect::new(move |_| {
        let lang = locale.lang();
        let title = match store_name.get() {
            Some(n) => format!("{} · {}", TKey::VirtualTour.get(lang), n.get(lang)),
            None => TKey::VirtualTour.get(lang).to_owned(),
        };
        set_title(&title, lang);
    });
    let body = move || {
        match tour.get() {
        None => view! {
            <div class="tour-stage tour-stage-busy" aria-busy="true">
                <p class="sr-only" role="status">{tr(Key::Loading)}</p>
            </div>
        }
        .into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <section class="tour-none" aria-labelledby="tour-none-title">
                <h2 id="tour-none-title">{tt(TKey::NoTourTitle)}</h2>
                <p class="muted">{tt(TKey::NoTourText)}</p>
                <a class="btn btn-primary" href=AppRoute::Stores.to_href()>{tt(TKey::BackToStores)}</a>
            </section>
        }
        .into_any(),
        Some(Err(e)) => view! { <ErrorPanel error=e on_retry=move |()| tour.refetch() /> }.into_any(),
        Some(Ok(t)) => view! { <TourView tour=t /> }.into_any(),
    }
    };
    view! {
        <div class="page tour-page">
            <div class="tour-head">
                <a class="tour-back" href=AppRoute::Stores.to_href()>
                    <span aria-hidden="true">"← "</span>{tt(TKey::BackToStores)}
                </a>
                <h1 class="page-title">
                    {tt(TKey::VirtualTour)}
                    {move || store_name.get().map(|n| view! { <span class="tour-store">" · "{loc(n)}</span> })}
                </h1>
            </div>
            {body}
        </div>
    }
}

/// The tour of one store.
#[component]
fn TourView(
    /// The tour.
    tour: Tour,
) -> impl IntoView {
    let locale = use_locale();
    let plan = tour.floor_plan.clone();
    let tv = use_tour_view(tour);
    let store_id = tv.store_id.get_value();
    let (mode, card, card_open, booking_open) = (tv.mode, tv.card, tv.card_open, tv.booking_open);
    let scene_name = move || {
        tv.current
            .get()
            .map(|s| s.name.get(locale.lang()).to_owned())
            .unwrap_or_default()
    };
    let card_title = Signal::derive(move || {
        card.with(|c| c.as_ref().map(|(t, _)| t.get(locale.lang()).to_owned()))
            .unwrap_or_default()
    });
    let booking_title = Signal::derive(move || TKey::BookGuide.get(locale.lang()).to_owned());
    let card_store = store_id.clone();
    let booking_store = store_id;

    view! {
        <div class="tour-layout">
            <div class="tour-main">
                {move || (mode.get() == Mode::Flat).then(|| view! {
                    <p id="tour-no-gl" class="tour-notice">{tt(TKey::NoWebGl)}</p>
                })}
                <div class="tour-stage" class:is-flat=move || mode.get() == Mode::Flat>
                    <TourStage tv=tv />
                </div>
                <p id="tour-keys" class="tour-hint">{tt(TKey::KeysHelp)}</p>
                {move || tv.motion.denied.get().then(|| view! { <p class="form-error" role="alert">{tt(TKey::MotionDenied)}</p> })}
                <h2 class="tour-scene-name" aria-live="polite">{scene_name}</h2>
                <button type="button" class="btn btn-primary tour-book" on:click=move |_| booking_open.set(true)>
                    {tt(TKey::BookGuide)}
                </button>
            </div>
            <TourSide tv=tv plan=plan />
        </div>
        <Modal open=card_open title_id="tour-card-title" title=card_title class="modal-side">
            {
                let store_id = card_store.clone();
                move || card.get().map(|(_, c)| match c {
                    Card::Product { product, variant } => view! {
                        <TourProductCard store_id=store_id.clone() product=product variant=variant />
                    }
                    .into_any(),
                    Card::Info(text) => view! { <p class="tour-note">{loc(text)}</p> }.into_any(),
                })
            }
        </Modal>
        <Modal open=booking_open title_id="tour-book-title" title=booking_title>
            <GuideBooking store_id=booking_store.clone() on_done=move |()| booking_open.set(false) />
        </Modal>
    }
}
