//! Pickup passes: one reservation (`/reservations/{code}`: code, its QR code, item,
//! store and hours, ready and held-until times, cancel) and the list kept on this device
//! (`/reservations`).

use leptos::prelude::*;

use super::i18n::{st, SKey};
use storefront_api_types::Lang;
use storefront_api_types::{Reservation, ReservationStatus};

use super::appointments::AppointmentCard;
use crate::api::ApiError;
use crate::components::modal::ConfirmDialog;
use crate::components::not_found::NotFoundContent;
use crate::components::text::{by_lang, loc, tr};
use crate::components::ErrorPanel;
use crate::features::stores::logic::tel_href;
use crate::features::stores::reserve::keep_pass;
use crate::features::stores::stores_page::WeekHours;
use crate::i18n::{open_status, set_title, store_clock, store_time, Key};
use crate::logic::money::format_money;
use crate::routes::AppRoute;
use crate::state::{load, route_memo, use_api, use_locale};
use crate::storage::keys;

fn status_key(s: ReservationStatus) -> SKey {
    match s {
        ReservationStatus::Active => SKey::StatusActive,
        ReservationStatus::Collected => SKey::StatusCollected,
        ReservationStatus::Cancelled => SKey::StatusCancelled,
        ReservationStatus::Expired => SKey::StatusExpired,
    }
}

/// "Ready from Tue, Nov 24, 15:30" on the store's clock.
fn when(
    r: &Reservation,
    key: fn(Lang) -> &'static str,
    unix: i64,
) -> impl Fn() -> String + Clone + Send + Sync {
    let zone = r.store.time_zone.clone();
    by_lang(move |lang| {
        let colon = match lang {
            storefront_api_types::Lang::ZhCn => "：",
            storefront_api_types::Lang::En => ": ",
        };
        format!("{}{colon}{}", key(lang), store_time(unix, &zone, lang))
    })
}

/// One pickup pass.
#[component]
pub fn ReservationPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let code = route_memo(|r| match r {
        AppRoute::Reservation { code } => Some(code),
        _ => None,
    });
    let fetched = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            let code = code.get();
            async move { api.reservation(&code).await }
        }
    });
    // the pass shown: the fetched one, then the answer of a cancel
    let shown = RwSignal::new(None::<Result<Reservation, ApiError>>);
    Effect::new(move |_| {
        let r = fetched.get();
        if let Some(Ok(res)) = &r {
            keep_pass(&res.code);
        }
        shown.set(r);
    });
    Effect::new(move |_| set_title(SKey::PickupPass.get(locale.lang()), locale.lang()));
    let cancelling = RwSignal::new(false);
    let cancel_error = RwSignal::new(None::<ApiError>);
    let asking = RwSignal::new(false);
    // the new status, shown (and focused) where the cancel button was
    let cancelled_note = NodeRef::<leptos::html::P>::new();
    let cancel = Callback::new(move |()| {
        cancelling.set(true);
        let api = api.clone();
        let c = code.get_untracked();
        leptos::task::spawn_local(async move {
            let r = api.cancel_reservation(&c).await;
            cancelling.try_set(false);
            match r {
                Ok(res) => {
                    cancel_error.try_set(None);
                    shown.try_set(Some(Ok(res)));
                    request_animation_frame(move || {
                        if let Some(p) = cancelled_note.get_untracked() {
                            let _ = p.focus();
                        }
                    });
                }
                Err(e) => {
                    cancel_error.try_set(Some(e));
                }
            }
        });
    });
    let body = move || match shown.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <NotFoundContent title=Key::ReservationNotFound text=Key::NotFoundText />
        }
        .into_any(),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| fetched.refetch() /> }.into_any()
        }
        Some(Ok(r)) => {
            let active = r.status == ReservationStatus::Active;
            let qr = api_qr(&r.code);
            let ready = when(&r, |l| SKey::ReadyBy.get(l), r.ready_at.unix());
            let held = when(&r, |l| SKey::HeldUntil.get(l), r.hold_until.unix());
            let Reservation {
                code,
                status,
                quantity,
                item,
                store,
                ..
            } = r;
            let img = item.image.clone();
            let alt = loc(img.alt.clone());
            let price = item.price;
            let tel = tel_href(&store.phone);
            let store_status = store.status.clone();
            let today = store_status.as_ref().map(|s| s.today);
            let product_href = AppRoute::Product {
                slug: item.product_slug.clone(),
                variant: Some(item.variant_id.to_string()),
            }
            .to_href();
            view! {
                <article class="pass" class:is-inactive=!active aria-labelledby="pass-title">
                    <header class="pass-head">
                        <h1 id="pass-title" class="page-title">{st(SKey::PickupPass)}</h1>
                        <p class="pass-status" role="status">{st(status_key(status))}</p>
                    </header>
                    <div class="pass-code">
                        <img src=qr width="264" height="264" alt=st(SKey::QrAlt) class="pass-qr" />
                        <p>
                            <span class="pass-label">{st(SKey::ReservationCode)}</span>
                            <strong class="pass-code-text" data-code=code.clone()>{code.clone()}</strong>
                        </p>
                        {active.then(|| view! { <p class="muted">{st(SKey::ShowAtTill)}</p> })}
                    </div>
                    <dl class="pass-facts">
                        <div><dt class="sr-only">{st(SKey::ReadyBy)}</dt><dd>{ready}</dd></div>
                        <div><dt class="sr-only">{st(SKey::HeldUntil)}</dt><dd>{held}</dd></div>
                    </dl>
                    <section class="pass-item" aria-label=st(SKey::Item)>
                        <img src=img.url.clone() width=img.width height=img.height alt=alt class="pass-thumb" />
                        <div>
                            <a href=product_href><strong>{loc(item.name)}</strong></a>
                            <p>{loc(item.options)}</p>
                            <p>{by_lang(move |lang| format!("{} × {quantity}", format_money(price, lang)))}</p>
                        </div>
                    </section>
                    <section class="pass-store" aria-label=st(SKey::PickupStore)>
                        <p><strong>{loc(store.name.clone())}</strong></p>
                        <p>{loc(store.address.clone())}</p>
                        {store_status.map(|s| {
                            let open = s.open;
                            let zone = store.time_zone.clone();
                            view! { <p class="store-status" class:is-open=open>{by_lang(move |lang| format!("{}{}", open_status(lang, &s), store_clock(&zone, lang)))}</p> }
                        })}
                        <p><a href=tel class="tel">{store.phone.clone()}</a></p>
                        <WeekHours hours=store.hours.clone() exceptions=store.exceptions.clone() today=today />
                    </section>
                    {if active {
                        view! {
                            <button type="button" class="btn btn-secondary" on:click=move |_| asking.set(true) disabled=move || cancelling.get()>
                                {st(SKey::CancelReservation)}
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <p class="pass-status-note" tabindex="-1" node_ref=cancelled_note>{st(status_key(status))}</p>
                        }.into_any()
                    }}
                    {move || cancel_error.get().map(|e| view! { <ErrorPanel error=e on_retry=move |()| fetched.refetch() /> })}
                    <p><a href=AppRoute::Reservations.to_href()>{tr(Key::MyReservations)}</a></p>
                </article>
            }
            .into_any()
        }
    };
    let question = Signal::derive(move || SKey::ConfirmCancel.get(locale.lang()).to_owned());
    let yes = Signal::derive(move || SKey::CancelReservation.get(locale.lang()).to_owned());
    view! {
        <div class="page page-narrow">{body}</div>
        <ConfirmDialog open=asking title_id="cancel-title" question=question yes=yes on_yes=cancel />
    }
}

fn api_qr(code: &str) -> String {
    use_api().reservation_qr_url(code)
}

/// The passes kept on this device, newest first.
#[component]
pub fn ReservationsPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    Effect::new(move |_| set_title(locale.t(Key::MyReservations), locale.lang()));
    let passes = load(move || {
        let api = api.clone();
        async move {
            super::reserve::kept(keys::RESERVATIONS, |c| {
                let api = api.clone();
                async move { api.reservation(&c).await }
            })
            .await
        }
    });
    let appointments = load({
        let api = use_api();
        move || {
            let api = api.clone();
            async move { super::appointments::kept_appointments(&api).await }
        }
    });
    let booked = move || {
        match appointments.get() {
        Some(Ok(list)) if !list.is_empty() => Some(view! {
            <section class="appointments" aria-labelledby="appointments-title">
                <h2 id="appointments-title" class="section-title">{st(SKey::GuideAppointments)}</h2>
                <ul class="pass-list">
                    {list.into_iter().map(|a| view! { <AppointmentCard appointment=a /> }).collect_view()}
                </ul>
            </section>
        }.into_any()),
        Some(Err(e)) => Some(view! { <ErrorPanel error=e on_retry=move |()| appointments.refetch() /> }.into_any()),
        _ => None,
    }
    };
    let body = move || {
        match passes.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| passes.refetch() /> }.into_any()
        }
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="empty">{st(SKey::NoReservations)}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="pass-list">
                {list
                    .into_iter()
                    .map(|r| {
                        let href = AppRoute::Reservation { code: r.code.clone() }.to_href();
                        let ready = when(&r, |l| SKey::ReadyBy.get(l), r.ready_at.unix());
                        view! {
                            <li class="pass-row">
                                <a href=href>
                                    <strong>{loc(r.item.name)}</strong>
                                    <span>{loc(r.store.name)}</span>
                                    <span>{ready}</span>
                                    <span class="pass-status">{st(status_key(r.status))}" · "{r.code}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <div class="page page-narrow">
            <div class="page-head">
                <h1 class="page-title">{tr(Key::MyReservations)}</h1>
                <p class="page-intro">{st(SKey::ReservationKeptHere)}</p>
            </div>
            {body}
            {booked}
        </div>
    }
}
