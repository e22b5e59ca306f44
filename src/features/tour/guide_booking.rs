//! "Book a shopping guide": a date (the store's today and the 13 days after it, on the
//! store's calendar), a half-hour slot (full ones disabled), name and mobile number;
//! sent once per choice with an `Idempotency-Key`, then the confirmation with the
//! appointment's code and QR code. A slot taken meanwhile (409) says so and refreshes
//! the slots; fields the server refuses are marked where they are.

use leptos::html;
use leptos::prelude::*;
use storefront_api_types::{Appointment, AppointmentRequest, GuideSlots, ProblemCode, StoreId};

use crate::api::ApiError;
use crate::components::text::{by_lang, tr};
use crate::features::stores::reserve::{new_key, Contact, ContactFields};
use crate::features::tour::i18n::{tt, when_text, TKey};
use crate::features::tour::logic::{booking_dates, short_date, weekday_of};
use crate::i18n::{error_code, weekday, Key};
use crate::state::{load, use_api, use_locale};

/// Which problem the last attempt ran into.
fn failure_key(e: &ApiError) -> Option<TKey> {
    if matches!(e.field(), Some("/name" | "/phone")) {
        return None;
    }
    Some(match e.problem_code() {
        Some(ProblemCode::SlotFull) => TKey::SlotFull,
        Some(ProblemCode::SlotUnavailable) => TKey::SlotGone,
        Some(ProblemCode::GuideUnavailable) => TKey::GuideUnavailable,
        _ => TKey::BookFailed,
    })
}

/// The booking form of `store_id`; `on_done` closes it after the confirmation.
#[component]
pub fn GuideBooking(
    /// The store of the tour.
    store_id: String,
    /// Closes the dialog (after the confirmation).
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    // None: the store's today (the first answer says which date that is)
    let date = RwSignal::new(None::<String>);
    let slots = load({
        let api = api.clone();
        let store_id = store_id.clone();
        move || {
            let api = api.clone();
            let store_id = store_id.clone();
            let d = date.get();
            async move { api.guide_slots(&store_id, d.as_deref()).await }
        }
    });
    let today = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(s)) = slots.get() {
            if today.get_untracked().is_none() {
                today.set(Some(s.date.clone()));
            }
        }
    });
    let chosen = RwSignal::new(None::<String>);
    let contact = Contact::new();
    let tried = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let booked = RwSignal::new(None::<Appointment>);
    // one key per request body: a retry of the same booking is the same booking
    let key = StoredValue::new((new_key(), None::<AppointmentRequest>));

    let shown_date = move || date.get().or_else(|| today.get());
    let (name_bad, phone_bad) = contact.errors(tried, failure);
    let slot_bad = move || tried.get() && chosen.with(Option::is_none);

    let submit = {
        let store_id = store_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            tried.set(true);
            let (Some(d), Some(t)) = (shown_date(), chosen.get_untracked()) else {
                return;
            };
            if !contact.valid() || sending.get_untracked() {
                return;
            }
            let request = AppointmentRequest {
                store_id: StoreId(store_id.clone()),
                start: format!("{d}T{t}"),
                name: contact.name.get_untracked().trim().to_owned(),
                phone: contact.phone.get_untracked(),
                attribution: crate::state::attribution::current(),
            };
            key.update_value(|(k, sent)| {
                if sent.as_ref() != Some(&request) {
                    *k = new_key();
                    *sent = Some(request.clone());
                }
            });
            let idempotency = key.with_value(|(k, _)| k.clone());
            sending.set(true);
            failure.set(None);
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let r = api.book_appointment(&request, &idempotency).await;
                sending.try_set(false);
                match r {
                    Ok(a) => {
                        crate::state::events::record(
                            storefront_api_types::EventName::BookGuide,
                            Vec::new(),
                            None,
                            None,
                            Some(request.store_id.to_string()),
                        );
                        // kept on the device, listed with the pickup passes
                        crate::features::stores::reserve::keep_appointment(&a.code);
                        booked.try_set(Some(a));
                    }
                    Err(e) => {
                        if matches!(
                            e.problem_code(),
                            Some(ProblemCode::SlotFull | ProblemCode::SlotUnavailable)
                        ) || e.field() == Some("/start")
                        {
                            chosen.try_set(None);
                            tried.try_set(false);
                            slots.refetch();
                        }
                        failure.try_set(Some(e));
                    }
                }
            });
        }
    };

    let dates = move || {
        let Some(first) = today.get() else {
            return ().into_any();
        };
        booking_dates(&first)
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let pressed = {
                    let d = d.clone();
                    move || shown_date().as_deref() == Some(d.as_str())
                };
                let day = weekday_of(&d);
                let label_date = d.clone();
                let pick = d.clone();
                view! {
                    <button
                        type="button"
                        class="chip date-chip"
                        aria-pressed=move || if pressed() { "true" } else { "false" }
                        on:click=move |_| {
                            date.set(Some(pick.clone()));
                            chosen.set(None);
                            failure.set(None);
                        }
                    >
                        <span class="date-chip-day">
                            {by_lang(move |lang| {
                                if i == 0 {
                                    TKey::Today.get(lang).to_owned()
                                } else {
                                    day.map(|w| weekday(lang, w).to_owned()).unwrap_or_default()
                                }
                            })}
                        </span>
                        <span>{by_lang(move |lang| short_date(&label_date, lang))}</span>
                    </button>
                }
            })
            .collect_view()
            .into_any()
    };

    let slot_list = move || {
        match slots.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) => {
            let text = if e.problem_code() == Some(ProblemCode::GuideUnavailable) {
                TKey::GuideUnavailable
            } else {
                TKey::BookFailed
            };
            view! {
                <p class="form-error" role="alert">{tt(text)}</p>
                <button type="button" class="btn btn-secondary" on:click=move |_| slots.refetch()>{tr(Key::Retry)}</button>
            }
            .into_any()
        }
        Some(Ok(GuideSlots { slots: list, .. })) if list.is_empty() => {
            view! { <p class="muted">{tt(TKey::NoSlots)}</p> }.into_any()
        }
        Some(Ok(GuideSlots { slots: list, time_zone, .. })) => view! {
            // the slots are on the store's clock: say so when the shopper's differs
            {crate::dom::zone_differs(&time_zone).then(|| view! {
                <p class="muted">{by_lang(move |lang| crate::i18n::store_clock(&time_zone, lang).trim().to_owned())}</p>
            })}
            <div class="slot-grid">
                {list
                    .into_iter()
                    .map(|s| {
                        let full = s.remaining == 0;
                        let t = s.local_time.clone();
                        let pick = s.local_time.clone();
                        let pressed = {
                            let t = t.clone();
                            move || chosen.with(|c| c.as_deref() == Some(t.as_str()))
                        };
                        view! {
                            <button
                                type="button"
                                class="chip slot-chip"
                                disabled=full
                                aria-pressed=move || if pressed() { "true" } else { "false" }
                                on:click=move |_| {
                                    chosen.set(Some(pick.clone()));
                                    failure.set(None);
                                }
                            >
                                {t}
                                {full.then(|| view! { <span class="slot-full">" · "{tt(TKey::SlotFullMark)}</span> })}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any(),
    }
    };

    let failure_text = move || {
        let e = failure.get()?;
        let k = failure_key(&e)?;
        let code = e.code();
        Some(view! {
            <p class="form-error" role="alert">
                {tt(k)}
                <small>{by_lang(move |lang| format!(" {}", error_code(lang, &code)))}</small>
            </p>
        })
    };

    let confirm_title = NodeRef::<html::H3>::new();
    Effect::new(move |_| {
        if booked.with(Option::is_some) {
            if let Some(h) = confirm_title.get() {
                let _ = h.focus();
            }
        }
    });
    let confirmation = move || {
        let a = booked.get()?;
        let qr = use_api().appointment_qr_url(&a.code);
        let (d, t) = (a.local_date.clone(), a.local_time.clone());
        let day = weekday_of(&d);
        let when = by_lang(move |lang| {
            when_text(lang, &d, day.map(|w| weekday(lang, w)).unwrap_or(""), &t)
        });
        let store = a.store.name.clone();
        Some(view! {
            <div class="booked pass-code">
                <h3 class="booked-title" tabindex="-1" node_ref=confirm_title>{tt(TKey::Booked)}</h3>
                <p class="booked-when"><strong>{when}</strong></p>
                <p>{move || store.get(locale.lang()).to_owned()}</p>
                <img src=qr width="264" height="264" alt=tt(TKey::QrAlt) class="pass-qr" />
                <p>
                    <span class="pass-label">{tt(TKey::AppointmentCode)}</span>
                    <strong class="pass-code-text" data-code=a.code.clone()>{a.code.clone()}</strong>
                </p>
                <p class="muted">{tt(TKey::ShowAtStore)}</p>
                <button type="button" class="btn btn-primary btn-block" on:click=move |_| on_done.run(())>
                    {tt(TKey::Done)}
                </button>
            </div>
        })
    };

    view! {
        {confirmation}
        <form class="reserve-form booking-form" on:submit=submit novalidate hidden=move || booked.with(Option::is_some)>
            <p class="muted">{tt(TKey::BookIntro)}</p>
            <div class="field">
                <span id="booking-date-label">{tt(TKey::Date)}</span>
                <div class="chips date-chips" role="group" aria-labelledby="booking-date-label">{dates}</div>
            </div>
            <div class="field">
                <span id="booking-time-label">{tt(TKey::Time)}</span>
                <div role="group" aria-labelledby="booking-time-label" aria-describedby="booking-tz booking-slot-error">
                    {slot_list}
                </div>
                <span id="booking-tz" class="field-hint">{tt(TKey::TimeZoneNote)}</span>
                <span id="booking-slot-error" class="field-error">{move || slot_bad().then(tt(TKey::ChooseSlot))}</span>
            </div>
            <ContactFields prefix="booking" contact=contact name_bad=name_bad phone_bad=phone_bad />
            {failure_text}
            <button type="submit" class="btn btn-primary btn-block" disabled=move || sending.get()>
                {move || if sending.get() { tt(TKey::Booking)() } else { tt(TKey::BookNow)() }}
            </button>
        </form>
    }
}
