use crate::components::text::{by_lang, loc, tr};
use leptos::prelude::*;
use storefront_api_types::{Store, Weekday};

use crate::components::icons::IconPin;
use crate::components::ErrorPanel;
use crate::dom::now_in_zone;
use crate::i18n::{open_until, opens_at, service, set_title, today_hours, weekday, Key};
use crate::logic::hours::{hours_on, open_state, OpenState};
use crate::state::{load, use_api, use_locale};

/// The store list: name, city, address, phone, today's hours and services.
#[component]
pub fn StoresPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let stores = load(move || {
        let api = api.clone();
        async move { api.stores().await }
    });
    Effect::new(move |_| set_title(locale.t(Key::StoresTitle), locale.lang()));
    let body = move || match stores.get() {
        None => view! { <StoreSkeletons /> }.into_any(),
        Some(Ok(list)) if list.data.is_empty() => {
            view! { <p class="empty">{tr(Key::NoStores)}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="store-list">
                {list.data.into_iter().map(|s| view! { <StoreCard store=s /> }).collect_view()}
            </ul>
        }
        .into_any(),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| stores.refetch() /> }.into_any()
        }
    };
    view! {
        <div class="page">
            <div class="page-head">
                <h1 class="page-title">{tr(Key::StoresTitle)}</h1>
                <p class="page-intro">{tr(Key::StoresIntro)}</p>
            </div>
            {body}
        </div>
    }
}

#[component]
fn StoreSkeletons() -> impl IntoView {
    view! {
        <p class="sr-only" role="status">{tr(Key::Loading)}</p>
        <ul class="store-list" aria-hidden="true">
            {(0..4).map(|_| view! { <li class="store-card store-skeleton skeleton"></li> }).collect_view()}
        </ul>
    }
}

/// Only digits and `+` (a `tel:` URL).
fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

#[component]
fn StoreCard(store: Store) -> impl IntoView {
    let locale = use_locale();
    let Store {
        name,
        city,
        address,
        phone,
        time_zone,
        hours,
        services,
        ..
    } = store;
    let now = now_in_zone(&time_zone);
    let today = now.as_ref().map(|(d, _)| *d);
    let state = now.as_ref().map(|(d, t)| open_state(&hours, *d, t));
    let is_open = matches!(state, Some(OpenState::Open { .. }));
    let status = {
        let state = state.clone();
        move || {
            let lang = locale.lang();
            match &state {
                Some(OpenState::Open { closes }) => open_until(lang, closes),
                Some(OpenState::OpensLater { opens }) => opens_at(lang, opens),
                Some(OpenState::Closed) => locale.t(Key::ClosedNow).to_owned(),
                None => String::new(),
            }
        }
    };
    let today_text = {
        let hours = hours.clone();
        move || {
            let lang = locale.lang();
            match today.map(|d| hours_on(&hours, d)) {
                Some(Some((open, close))) => today_hours(lang, open, close),
                Some(None) => locale.t(Key::ClosedToday).to_owned(),
                None => String::new(),
            }
        }
    };
    let week = Weekday::ALL
        .into_iter()
        .map(|day| {
            let times = hours_on(&hours, day).map(|(o, c)| format!("{o}–{c}"));
            let is_today = today == Some(day);
            view! {
                <div class="week-row" class:is-today=is_today>
                    <dt>{by_lang(move |lang| weekday(lang, day).to_owned())}</dt>
                    <dd>
                        {by_lang(move |lang| times.clone().unwrap_or_else(|| Key::ClosedDay.get(lang).to_owned()))}
                    </dd>
                </div>
            }
        })
        .collect_view();
    let tel = tel_href(&phone);
    view! {
        <li class="store-card">
            <div class="store-head">
                <h2 class="store-name">{loc(name)}</h2>
                <p class="store-city">
                    <IconPin />
                    <span>{loc(city)}</span>
                </p>
            </div>
            <p class="store-status" class:is-open=is_open>{status}</p>
            <dl class="store-facts">
                <div>
                    <dt>{tr(Key::Address)}</dt>
                    <dd>{loc(address)}</dd>
                </div>
                <div>
                    <dt>{tr(Key::Phone)}</dt>
                    <dd><a href=tel class="tel">{phone}</a></dd>
                </div>
                <div>
                    <dt>{tr(Key::Today)}</dt>
                    <dd>{today_text}</dd>
                </div>
            </dl>
            <details class="store-week">
                <summary>{tr(Key::WeeklyHours)}</summary>
                <dl class="week">{week}</dl>
            </details>
            <p class="store-sub">{tr(Key::Services)}</p>
            <ul class="chips chips-static">
                {services
                    .into_iter()
                    .map(|s| view! { <li class="chip">{by_lang(move |lang| service(lang, s).to_owned())}</li> })
                    .collect_view()}
            </ul>
        </li>
    }
}
