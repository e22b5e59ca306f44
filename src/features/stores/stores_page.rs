//! The store locator: where the shopper is (shared position, a city, or address words),
//! a map-like picture of the stores around them, and the list nearest first, each with
//! its hours, status in its own time zone, services, call and directions links, and
//! "make this my store".

use crate::components::text::{by_lang, loc, tr};
use leptos::prelude::*;

use super::i18n::{st, SKey};
use storefront_api_types::{near_param, GeoPoint, Store, StoreList, StoreQuery, Weekday};

use crate::components::icons::IconPin;
use crate::components::ErrorPanel;
use crate::dom::locate;
use crate::features::stores::hours::hours_on;
use crate::features::stores::logic::{cities, directions_url, project, tel_href, City};
use crate::i18n::{distance, open_status, service, set_title, store_clock, weekday, Key};
use crate::routes::AppRoute;
use crate::state::{load, use_api, use_locale, use_my_store, MyStore};

/// A map position of `v` percent as CSS (integer hundredths: no float formatting). Set
/// through the CSSOM (`style:`), which the page's CSP allows, unlike `style` attributes.
fn pct(v: f64) -> String {
    format!("calc({}% / 100)", (v * 100.0).round() as i64)
}

/// Where asking the browser for the position stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Geo {
    Idle,
    Asking,
    Refused,
    Unavailable,
}

/// The store locator page.
#[component]
pub fn StoresPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let my = use_my_store();
    let geo = RwSignal::new(Geo::Idle);
    let city = RwSignal::new(String::new());
    let words = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let selected = RwSignal::new(None::<String>);
    Effect::new(move |_| set_title(locale.t(Key::StoresTitle), locale.lang()));

    // every store, for the city list
    let all = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.stores(&StoreQuery::default()).await }
        }
    });
    let city_list = Memo::new(move |_| {
        all.get()
            .and_then(Result::ok)
            .map(|l| cities(&l.data))
            .unwrap_or_default()
    });
    // the centre distances are measured from: position, else the city, else my store
    let centre = Memo::new(move |_| {
        my.position.get().or_else(|| {
            let c = city.get();
            city_list
                .with(|l| l.iter().find(|x| x.name.en == c).map(|x| x.centre))
                .or_else(|| my.get().map(|s| s.at))
        })
    });
    // with no centre and no words the list is every store's, already asked for by `all`
    let plain = move || centre.with(Option::is_none) && words.with(|w| w.trim().is_empty());
    let found = load(move || {
        let api = api.clone();
        let query = StoreQuery {
            near: centre.get().map(near_param),
            q: Some(words.get()).filter(|w| !w.trim().is_empty()),
            at: None,
        };
        let plain = plain();
        async move {
            if plain {
                Ok(StoreList { data: Vec::new() })
            } else {
                api.stores(&query).await
            }
        }
    });
    let shown = Memo::new(move |_| {
        let c = city.get();
        let answer = if plain() { all.get() } else { found.get() };
        answer.map(|r| {
            r.map(|l| {
                l.data
                    .into_iter()
                    .filter(|s| c.is_empty() || s.city.en == c)
                    .collect::<Vec<_>>()
            })
        })
    });

    let ask = move |_| {
        geo.set(Geo::Asking);
        locate(move |r| match r {
            Ok(p) => {
                geo.try_set(Geo::Idle);
                city.try_set(String::new());
                my.position.try_set(Some(p));
            }
            Err(1) => {
                geo.try_set(Geo::Refused);
            }
            Err(_) => {
                geo.try_set(Geo::Unavailable);
            }
        });
    };
    let geo_note = move || {
        let key = match geo.get() {
            Geo::Idle => return None,
            Geo::Asking => SKey::Locating,
            Geo::Refused => SKey::LocationRefused,
            Geo::Unavailable => SKey::LocationUnavailable,
        };
        Some(view! { <p class="geo-note">{st(key)}</p> })
    };
    let city_options = move || {
        city_list
            .get()
            .into_iter()
            .map(|c: City| {
                let value = c.name.en.clone();
                let is = value.clone();
                view! { <option value=value selected=move || city.get() == is>{loc(c.name)}</option> }
            })
            .collect_view()
    };

    let body = move || {
        match shown.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| if plain() { all.refetch() } else { found.refetch() } /> }.into_any()
        }
        Some(Ok(list)) if list.is_empty() => view! {
            <div class="empty">
                <p>{st(SKey::NoStoresMatch)}</p>
                <button
                    type="button"
                    class="btn btn-secondary"
                    on:click=move |_| {
                        city.set(String::new());
                        words.set(String::new());
                        typed.set(String::new());
                    }
                >
                    {st(SKey::ShowAllStores)}
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(list)) => {
            let here = my.position.get_untracked();
            let points: Vec<GeoPoint> = list.iter().map(|s| s.location).collect();
            let (pins, me) = project(&points, here);
            let markers = list
                .iter()
                .zip(pins)
                .enumerate()
                .map(|(i, (s, (x, y)))| {
                    let id = s.id.to_string();
                    let is = id.clone();
                    let name = s.name.clone();
                    let d = s.distance_m;
                    view! {
                        <button
                            type="button"
                            class="map-pin"
                            class:is-selected=move || selected.get().as_deref() == Some(is.as_str())
                            style:left=pct(x)
                            style:top=pct(y)
                            aria-pressed=move || if selected.get().as_deref() == Some(id.as_str()) { "true" } else { "false" }
                            aria-label=by_lang(move |lang| {
                                let d = d.map(|m| format!(", {}", distance(lang, m))).unwrap_or_default();
                                format!("{}. {}{d}", i + 1, name.get(lang))
                            })
                            on:click={
                                let id = s.id.to_string();
                                move |_| {
                                    selected.set(Some(id.clone()));
                                    if let Some(el) = web_sys::window()
                                        .and_then(|w| w.document())
                                        .and_then(|d| d.get_element_by_id(&format!("store-{id}")))
                                    {
                                        el.scroll_into_view();
                                    }
                                }
                            }
                        >
                            {i + 1}
                        </button>
                    }
                })
                .collect_view();
            let me = me.map(|(x, y)| {
                view! {
                    <span class="map-me" style:left=pct(x)
                            style:top=pct(y) role="img" aria-label=st(SKey::YouAreHere)></span>
                }
            });
            let count = list.len();
            view! {
                <div class="store-map" role="group" aria-label=st(SKey::StoresMap)>
                    {me}
                    {markers}
                </div>
                <p class="result-count" role="status">
                    {by_lang(move |lang| match lang {
                        storefront_api_types::Lang::ZhCn => format!("共 {count} 家门店"),
                        storefront_api_types::Lang::En if count == 1 => "1 store".to_owned(),
                        storefront_api_types::Lang::En => format!("{count} stores"),
                    })}
                </p>
                <ol class="store-list">
                    {list
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| view! { <StoreCard store=s n=i + 1 my=my selected=selected /> })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }
    }
    };

    view! {
        <div class="page">
            <div class="page-head">
                <h1 class="page-title">{tr(Key::StoresTitle)}</h1>
                <p class="page-intro">{st(SKey::StoresIntro)}</p>
            </div>
            <section class="locator" aria-labelledby="locator-title">
                <h2 id="locator-title" class="locator-title">{st(SKey::NearYou)}</h2>
                <p class="muted">{st(SKey::LocationWhy)}</p>
                <button type="button" class="btn btn-secondary" on:click=ask disabled=move || geo.get() == Geo::Asking>
                    <IconPin />
                    <span>{st(SKey::UseLocation)}</span>
                </button>
                <p aria-live="polite">{geo_note}</p>
                <form
                    class="locator-form"
                    role="search"
                    aria-labelledby="locator-title"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        words.set(typed.get_untracked());
                    }
                >
                    <div class="field">
                        <label for="store-city">{st(SKey::City)}</label>
                        <select
                            id="store-city"
                            on:change=move |ev| {
                                city.set(event_target_value(&ev));
                                my.position.set(None);
                            }
                        >
                            <option value="" selected=move || city.get().is_empty()>{st(SKey::AllCities)}</option>
                            {city_options}
                        </select>
                    </div>
                    <div class="field field-grow">
                        <label for="store-words">{st(SKey::AreaWords)}</label>
                        <input
                            id="store-words"
                            type="search"
                            maxlength="100"
                            prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="submit" class="btn btn-primary">{st(SKey::FindStores)}</button>
                </form>
            </section>
            {body}
        </div>
    }
}

/// One store of the list: hours, status, services, call and directions, "my store".
#[component]
fn StoreCard(
    /// The store.
    store: Store,
    /// Its number on the map.
    n: usize,
    /// The shopper's store.
    my: MyStore,
    /// The store picked on the map (its card is highlighted).
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = StoredValue::new(store);
    let (id, name, city, address, phone, hours, services, exceptions, status, d, zone_at) = store
        .with_value(|s| {
            (
                s.id.to_string(),
                s.name.clone(),
                s.city.clone(),
                s.address.clone(),
                s.phone.clone(),
                s.hours.clone(),
                s.services.clone(),
                s.exceptions.clone(),
                s.status.clone(),
                s.distance_m,
                (s.location, s.name.clone()),
            )
        });
    let zone = store.with_value(|s| s.time_zone.clone());
    let today = status.as_ref().map(|s| s.today);
    let is_open = status.as_ref().is_some_and(|s| s.open);
    let tel = tel_href(&phone);
    let (at, to) = zone_at;
    let directions = by_lang(move |lang| directions_url(at, to.get(lang)));
    let mine = {
        let id = id.clone();
        Memo::new(move |_| my.id().as_deref() == Some(id.as_str()))
    };
    let sel = id.clone();
    let tour_href = AppRoute::Tour {
        store: id.clone(),
        scene: None,
        yaw: None,
        pitch: None,
        fov: None,
    }
    .to_href();
    view! {
        <li class="store-card" id=format!("store-{id}") class:is-selected=move || selected.get().as_deref() == Some(sel.as_str())>
            <div class="store-head">
                <span class="store-n" aria-hidden="true">{n}</span>
                <h2 class="store-name">{loc(name)}</h2>
                // measured from my store when no position is shared: no "0 m" to itself
                {move || d.filter(|_| !(mine.get() && my.position.with(Option::is_none))).map(|m| view! { <span class="store-distance">{by_lang(move |lang| distance(lang, m))}</span> })}
            </div>
            <p class="store-city"><IconPin /><span>{loc(city)}</span></p>
            {status.map(|s| view! { <p class="store-status" class:is-open=is_open>{by_lang(move |lang| format!("{}{}", open_status(lang, &s), store_clock(&zone, lang)))}</p> })}
            <dl class="store-facts">
                <div>
                    <dt>{st(SKey::Address)}</dt>
                    <dd>{loc(address)}</dd>
                </div>
                <div>
                    <dt>{st(SKey::Phone)}</dt>
                    <dd><a href=tel class="tel">{phone}</a></dd>
                </div>
            </dl>
            <ul class="chips chips-static" aria-label=st(SKey::Services)>
                {services
                    .into_iter()
                    .map(|s| view! { <li class="chip">{by_lang(move |lang| service(lang, s).to_owned())}</li> })
                    .collect_view()}
            </ul>
            <WeekHours hours=hours exceptions=exceptions today=today />
            <div class="store-actions">
                <button
                    type="button"
                    class="btn"
                    class:btn-primary=move || !mine.get()
                    class:btn-secondary=mine
                    aria-pressed=move || if mine.get() { "true" } else { "false" }
                    on:click=move |_| store.with_value(|s| my.choose(s))
                >
                    {move || if mine.get() { st(SKey::IsMyStore)() } else { st(SKey::SetMyStore)() }}
                </button>
                <a class="btn btn-secondary" href=directions target="_blank" rel="noopener noreferrer">{st(SKey::Directions)}</a>
                <a class="btn btn-secondary" href=tour_href>{st(SKey::VirtualTour)}</a>
            </div>
        </li>
    }
}

/// A store's weekly hours (today in bold) and its coming exceptions, folded.
#[component]
pub fn WeekHours(
    /// The regular hours, per weekday.
    hours: Vec<storefront_api_types::DayHours>,
    /// The coming days with other hours.
    exceptions: Vec<storefront_api_types::HoursException>,
    /// Today in the store's time zone (shown in bold).
    today: Option<Weekday>,
) -> impl IntoView {
    let week = Weekday::ALL
        .into_iter()
        .map(|day| {
            let times = hours_on(&hours, day).map(|(o, c)| format!("{o}–{c}"));
            view! {
                <div class="week-row" class:is-today=today == Some(day)>
                    <dt>{by_lang(move |lang| weekday(lang, day).to_owned())}</dt>
                    <dd>{by_lang(move |lang| times.clone().unwrap_or_else(|| SKey::ClosedDay.get(lang).to_owned()))}</dd>
                </div>
            }
        })
        .collect_view();
    let changes = (!exceptions.is_empty()).then(|| {
        let rows = exceptions
            .into_iter()
            .map(|e| {
                let times = e.open.zip(e.close).map(|(o, c)| format!("{o}–{c}"));
                let (date, note) = (e.date, e.note);
                view! {
                    <div class="week-row">
                        <dt>{date}</dt>
                        <dd>{by_lang(move |lang| format!("{} · {}", note.get(lang), times.clone().unwrap_or_else(|| SKey::ClosedDay.get(lang).to_owned())))}</dd>
                    </div>
                }
            })
            .collect_view();
        view! {
            <p class="store-sub">{st(SKey::HoursChanges)}</p>
            <dl class="week">{rows}</dl>
        }
    });
    view! {
        <details class="store-week">
            <summary>{st(SKey::WeeklyHours)}</summary>
            <dl class="week">{week}</dl>
            {changes}
        </details>
    }
}
