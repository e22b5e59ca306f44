//! The note above the page while offline.

use leptos::prelude::*;
use storefront_api_types::{Lang, Timestamp};

use super::i18n::{ot, OKey};
use crate::api::offline;
use crate::components::text::tr;
use crate::i18n::Key;
use crate::routes::AppRoute;

/// `at` (RFC 3339) as the shopper's own clock, `14:05`, with the date when it is not today.
pub fn local_clock(at: &str, lang: Lang) -> String {
    let Some(t) = Timestamp::parse_rfc3339(at) else {
        return String::new();
    };
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.unix() as f64 * 1000.0));
    let now = js_sys::Date::new_0();
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    if date.to_date_string() == now.to_date_string() {
        return time;
    }
    match lang {
        Lang::ZhCn => format!("{}月{}日 {time}", date.get_month() + 1, date.get_date()),
        Lang::En => format!("{}/{} {time}", date.get_date(), date.get_month() + 1),
    }
}

/// What the page is showing while offline, and the way on.
#[component]
pub fn OfflineNote() -> impl IntoView {
    let Some(state) = offline::state() else {
        return ().into_any();
    };
    let locale = crate::state::use_locale();
    let online = RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line()));
    let up = window_event_listener(leptos::ev::online, move |_| {
        online.set(true);
        // back online: the page is asked again, once
        state.down.set(false);
        if state.note.get_untracked().is_some() {
            state.note.set(None);
            state.refresh.update(|n| *n += 1);
        }
    });
    let gone = window_event_listener(leptos::ev::offline, move |_| {
        online.set(false);
        state.down.set(true);
    });
    on_cleanup(move || {
        up.remove();
        gone.remove();
    });
    let shown = move || !online.get() || state.note.with(Option::is_some);
    let as_of = move || {
        state.note.get().map(|at| {
            let lang = locale.lang();
            let end = if lang == Lang::En { "." } else { "。" };
            format!("{} {}{end}", OKey::AsOf.get(lang), local_clock(&at, lang))
        })
    };
    view! {
        <section class="offline-note" aria-labelledby="offline-title" hidden=move || !shown()>
            <p id="offline-title" class="offline-title" role="status">
                {move || if online.get() { ot(OKey::BackOnline) } else { ot(OKey::Offline) }}
            </p>
            // what the page shows is from the device; what it could not get, it says
            {move || as_of().map(|t| view! { <p class="offline-text">{t}</p> })}
            {move || (state.down.get() || state.note.with(Option::is_none)).then(|| view! {
                <p class="offline-text">{ot(OKey::NotSaved)}</p>
            })}
            <p class="offline-links">
                {ot(OKey::StillWorks)}" "
                <a href=AppRoute::Wishlist.to_href()>{tr(Key::Wishlist)}</a>" · "
                <a href=AppRoute::MemberCode.to_href()>{ot(OKey::MemberCode)}</a>" · "
                <a href=AppRoute::Wallet.to_href()>{ot(OKey::Wallet)}</a>" · "
                <a href=AppRoute::Reservations.to_href()>{tr(Key::MyReservations)}</a>
            </p>
        </section>
    }
    .into_any()
}
