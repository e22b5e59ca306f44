//! The shopping-guide appointments kept on this device, listed with the pickup passes:
//! each with its time on the store's clock, its QR code and a cancel action.

use leptos::prelude::*;

use super::i18n::{st, SKey};
use storefront_api_types::{Appointment, AppointmentStatus};

use crate::api::ApiError;
use crate::components::modal::ConfirmDialog;
use crate::components::text::{by_lang, loc};
use crate::components::ErrorPanel;
use crate::i18n::store_time;
use crate::state::use_api;
use crate::storage::keys;

/// The appointments of this device, newest first.
pub async fn kept_appointments(api: &crate::api::ApiClient) -> Result<Vec<Appointment>, ApiError> {
    super::reserve::kept(keys::APPOINTMENTS, |c| {
        let api = api.clone();
        async move { api.appointment(&c).await }
    })
    .await
}

/// One appointment: when and where, its QR and code, and "Cancel appointment" while booked.
#[component]
pub fn AppointmentCard(
    /// The appointment as fetched.
    appointment: Appointment,
) -> impl IntoView {
    let api = use_api();
    let shown = RwSignal::new(appointment);
    let asking = RwSignal::new(false);
    let cancelling = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let note = NodeRef::<leptos::html::P>::new();
    let code = shown.with_untracked(|a| a.code.clone());
    let cancel = Callback::new({
        let code = code.clone();
        move |()| {
            cancelling.set(true);
            let api = api.clone();
            let code = code.clone();
            leptos::task::spawn_local(async move {
                let r = api.cancel_appointment(&code).await;
                cancelling.try_set(false);
                match r {
                    Ok(a) => {
                        error.try_set(None);
                        shown.try_set(a);
                        // the new status, where the button was
                        request_animation_frame(move || {
                            if let Some(p) = note.get_untracked() {
                                let _ = p.focus();
                            }
                        });
                    }
                    Err(e) => {
                        error.try_set(Some(e));
                    }
                }
            });
        }
    });
    let (start, zone, store) = shown.with_untracked(|a| {
        (
            a.start.unix(),
            a.store.time_zone.clone(),
            a.store.name.clone(),
        )
    });
    // like the passes: the weekday, date and time on the store's clock
    let when = by_lang(move |lang| store_time(start, &zone, lang));
    let qr = use_api().appointment_qr_url(&code);
    let booked = move || shown.with(|a| a.status == AppointmentStatus::Booked);
    let locale = crate::state::use_locale();
    let question =
        Signal::derive(move || SKey::ConfirmCancelAppointment.get(locale.lang()).to_owned());
    let yes = Signal::derive(move || SKey::CancelAppointment.get(locale.lang()).to_owned());
    let title_id: &'static str = "cancel-appointment-title";
    view! {
        <li class="pass-row appointment-row" class:is-inactive=move || !booked()>
            <div class="appointment">
                <p><strong>{when}</strong></p>
                <p>{loc(store)}</p>
                <p class="pass-status">
                    {move || if booked() { st(SKey::Booked)() } else { st(SKey::StatusCancelled)() }}
                    " · "{code.clone()}
                </p>
                {move || booked().then(|| view! {
                    <img src=qr.clone() width="160" height="160" alt=st(SKey::QrAlt) class="pass-qr appointment-qr" />
                })}
                {move || if booked() {
                    view! {
                        <button type="button" class="btn btn-secondary" on:click=move |_| asking.set(true) disabled=move || cancelling.get()>
                            {st(SKey::CancelAppointment)}
                        </button>
                    }.into_any()
                } else {
                    view! { <p class="pass-status-note" tabindex="-1" node_ref=note>{st(SKey::StatusCancelled)}</p> }.into_any()
                }}
                {move || error.get().map(|e| view! { <ErrorPanel error=e on_retry=move |()| cancel.run(()) /> })}
            </div>
            // one card's dialog at a time (its title's id is the page's only one)
            {move || asking.get().then(|| view! {
                <ConfirmDialog open=asking title_id=title_id question=question yes=yes on_yes=cancel />
            })}
        </li>
    }
}
