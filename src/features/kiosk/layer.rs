//! The kiosk's layer over the app: its configuration (read at start and at every reset),
//! the store it is bound to, the attract loop while nobody uses it, the "Still there?"
//! warning with its countdown (WCAG 2.2.1), the reset, the heartbeat, and the kiosk's bar
//! (Back, Home, low reach, continue on your phone, start over).

use std::cell::RefCell;

use leptos::prelude::*;
use storefront_api_types::{KioskConfig, KioskHeartbeat, ProblemCode, Timestamp};

use super::attract::Attract;
use super::i18n::{kt, KKey};
use super::logic::{announce, maintenance_due, minute_of_day, phase, Phase};
use super::phone::{ContinueOnPhone, MembersOnPhone};
use super::reset::{clear_browser, go_home};
use crate::api::ApiError;
use crate::dom::now_unix;
use crate::router::{use_location, use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::{use_api, use_app_route, use_locale, use_my_store};

thread_local! {
    /// The configuration last read: a reset paints the attract screen with it at once.
    static LAST: RefCell<Option<KioskConfig>> = const { RefCell::new(None) };
    /// The app version and the time (Unix seconds) of this page load's first configuration.
    static BOOT: RefCell<Option<(String, i64)>> = const { RefCell::new(None) };
    /// The routes of this session, for the bar's Back (a kiosk keeps no history entries).
    static TRAIL: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The minute of the day at `unix` in time zone `zone` (`Intl`), if the browser tells it.
fn minute_in_zone(unix: i64, zone: &str) -> Option<u32> {
    let options = js_sys::Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en-GB".into()), &options);
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    let text: String = format.format().call1(&format, &date).ok()?.as_string()?;
    minute_of_day(text.trim())
}

/// Whether this page should be loaded afresh at the reset: a new version of the app is
/// deployed, or the daily maintenance time has passed since it loaded.
fn reload_due(config: &KioskConfig) -> bool {
    let Some((version, loaded)) = BOOT.with_borrow(Clone::clone) else {
        return false;
    };
    if version != config.app_version {
        return true;
    }
    let now = now_unix();
    let zone = &config.store.time_zone;
    let (Some(at), Some(m0), Some(m1)) = (
        minute_of_day(&config.settings.maintenance_time),
        minute_in_zone(loaded, zone),
        minute_in_zone(now, zone),
    ) else {
        return false;
    };
    maintenance_due(m0, m1, (now - loaded) / 86_400, at)
}

/// Ends the session: the attract screen shows at once, every trace of the shopper goes, the
/// server forgets their session, and the app is built afresh (or the page reloads, when a
/// new version or the maintenance time is due).
pub fn reset_now(attract: RwSignal<bool>) {
    attract.set(true);
    let api = use_api();
    leptos::task::spawn_local(async move {
        clear_browser().await;
        let config = api.kiosk_reset().await;
        go_home();
        match config {
            Ok(c) => {
                let reload = reload_due(&c);
                LAST.with_borrow_mut(|l| *l = Some(c));
                if reload {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                    return;
                }
            }
            Err(e) if e.problem_code() == Some(ProblemCode::KioskUnpaired) => {
                leave();
                return;
            }
            Err(_) => {}
        }
        TRAIL.with_borrow_mut(Vec::clear);
        // a new version of the app waiting: taken now, between two shoppers (the page
        // reloads as it)
        if super::reset::apply_waiting_update() {
            return;
        }
        // outside this task's owner, which the remount disposes of
        set_timeout(crate::app::remount, std::time::Duration::ZERO);
    });
}

/// No longer a kiosk (unpaired by staff): the page loads afresh as an ordinary shop.
fn leave() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace("/");
    }
}

/// The kiosk's layer, mounted over the app when the document was served to a kiosk.
#[component]
pub fn KioskLayer() -> impl IntoView {
    crate::dom::ensure_stylesheet("kiosk-css", "/kiosk.css");
    let api = use_api();
    let locale = use_locale();
    let my_store = use_my_store();
    let config = RwSignal::new(LAST.with_borrow(Clone::clone));
    let offline = RwSignal::new(false);
    let attract = RwSignal::new(true);
    let low_reach = RwSignal::new(false);
    // a fresh session speaks the kiosk's language
    if let Some(c) = config.get_untracked() {
        locale.0.set(c.settings.default_lang);
    }
    // the configuration: now, and again whenever the store's opening status changes
    let load_config = {
        let api = api.clone();
        move || {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                match api.kiosk_config().await {
                    Ok(c) => {
                        BOOT.with_borrow_mut(|b| {
                            b.get_or_insert_with(|| (c.app_version.clone(), now_unix()));
                        });
                        if LAST.with_borrow(Option::is_none) {
                            locale.0.try_set(c.settings.default_lang);
                        }
                        LAST.with_borrow_mut(|l| *l = Some(c.clone()));
                        config.try_set(Some(c));
                        offline.try_set(false);
                    }
                    Err(e)
                        if e.is_unauthenticated()
                            || e.problem_code() == Some(ProblemCode::KioskUnpaired) =>
                    {
                        leave()
                    }
                    Err(_) => {
                        offline.try_set(true);
                    }
                }
            });
        }
    };
    load_config();
    // bound to its store: whatever the shopper picks, "my store" is the kiosk's
    Effect::new(move |_| {
        let Some(c) = config.get() else { return };
        if my_store.id().as_deref() != Some(c.store.id.as_str()) {
            my_store.choose(&c.store);
        }
    });
    // the low-reach layout, until the session ends
    Effect::new(move |_| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root
                .class_list()
                .toggle_with_force("low-reach", low_reach.get());
            let _ = root.class_list().add_1("kiosk");
        }
    });
    on_cleanup(|| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.class_list().remove_1("low-reach");
        }
    });
    // the trail of this session, for Back
    let location = use_location();
    Effect::new(move |_| {
        let here = format!("{}{}", location.pathname(), location.search());
        TRAIL.with_borrow_mut(|t| {
            if t.last() != Some(&here) {
                t.push(here);
            }
        });
    });

    // idle: any touch, key, pointer move or wheel is activity
    let last_active = StoredValue::new(now_unix());
    let touched = move |_: web_sys::Event| last_active.set_value(now_unix());
    let handles = [
        "pointerdown",
        "pointermove",
        "keydown",
        "wheel",
        "touchstart",
        "input",
    ]
    .map(|name| window_event_listener_untyped(name, touched));
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
    });
    let now = RwSignal::new(now_unix());
    let tick = gloo_timers::callback::Interval::new(1_000, move || {
        now.try_set(now_unix());
    });
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || {
        tick.try_update_value(Option::take);
    });
    // the bar's "open now, closes 22:00" changes at its next change: read the store again then
    let status_due = Memo::new(move |_| {
        let t = now.get();
        config.with(|c| {
            c.as_ref()
                .and_then(|c| c.store.status.as_ref()?.next_change.as_ref())
                .is_some_and(|n| n.at.unix() <= t)
        })
    });
    Effect::new(move |_| {
        if status_due.get() {
            load_config();
        }
    });
    let current = Memo::new(move |_| {
        let t = now.get();
        if attract.get() {
            return Phase::Active;
        }
        let (idle, warning) = config.with(|c| {
            c.as_ref().map_or((60, 30), |c| {
                (c.settings.idle_seconds, c.settings.warning_seconds)
            })
        });
        let idle_for = u32::try_from(t - last_active.get_value()).unwrap_or(0);
        phase(idle_for, idle, warning)
    });
    Effect::new(move |_| {
        if current.get() == Phase::Reset {
            reset_now(attract);
        }
    });
    // the heartbeat, every 60 s
    let beat = {
        let api = api.clone();
        move || {
            let api = api.clone();
            let route = use_location_path();
            leptos::task::spawn_local(async move {
                let beat = KioskHeartbeat {
                    app_version: BOOT
                        .with_borrow(|b| b.as_ref().map(|b| b.0.clone()))
                        .unwrap_or_default(),
                    last_frame_at: super::health::last_frame().map(Timestamp::from_unix),
                    js_heap_bytes: super::health::js_heap(),
                    webgl: super::health::webgl(),
                    route,
                };
                let ok = api.kiosk_heartbeat(&beat).await;
                match ok {
                    Err(e) if e.problem_code() == Some(ProblemCode::KioskUnpaired) => leave(),
                    Err(ApiError::Network | ApiError::Timeout) => {
                        offline.try_set(true);
                    }
                    _ => {
                        offline.try_set(false);
                    }
                }
            });
        }
    };
    super::health::watch_frames();
    let beat_timer = gloo_timers::callback::Interval::new(60_000, beat);
    let beat_timer = StoredValue::new_local(Some(beat_timer));
    on_cleanup(move || {
        beat_timer.try_update_value(Option::take);
    });

    let route = use_app_route();
    let members_only = move || {
        matches!(
            route.get(),
            AppRoute::Member
                | AppRoute::MemberCode
                | AppRoute::Wallet
                | AppRoute::Coupon { .. }
                | AppRoute::Claim { .. }
                | AppRoute::Marketing
                | AppRoute::MarketingEditor { .. }
                | AppRoute::MarketingResults { .. }
        )
    };
    let navigate = use_navigate();
    let back = move |_| {
        let to = TRAIL.with_borrow_mut(|t| {
            t.pop();
            t.last().cloned()
        });
        if let Some(to) = to {
            TRAIL.with_borrow_mut(|t| {
                t.pop();
            });
            navigate(&to, NavigateOptions::default());
        }
    };
    // the warning is built once per warning (its countdown is a signal): focus and the
    // screen reader's announcements are not disturbed every second
    let left = Memo::new(move |_| match current.get() {
        Phase::Warning { left } => Some(left),
        _ => None,
    });
    let warned = Memo::new(move |_| left.get().is_some());
    let warning = move || {
        warned.get().then(|| {
            let total =
                config.with_untracked(|c| c.as_ref().map_or(30, |c| c.settings.warning_seconds));
            view! {
                <StillThere left=Signal::derive(move || left.get().unwrap_or(0)) total=total
                    on_continue=move || last_active.set_value(now_unix()) />
            }
        })
    };
    // the hidden staff gesture: five taps on the store's name within four seconds
    let taps = StoredValue::new(Vec::<i64>::new());
    let exit_open = RwSignal::new(false);
    let tap_store = move |_| {
        let t = now_unix();
        taps.update_value(|v| {
            v.retain(|x| t - x < 4);
            v.push(t);
        });
        if taps.with_value(Vec::len) >= 5 {
            taps.update_value(Vec::clear);
            exit_open.set(true);
        }
    };
    let start_over = Callback::new(move |()| reset_now(attract));
    let store_name = move || config.with(|c| c.as_ref().map(|c| c.store.name.clone()));
    let status = move || config.with(|c| c.as_ref().and_then(|c| c.store.status.clone()));
    let status_line = move || {
        status().map(|s| {
            let open = s.open;
            let text =
                crate::components::text::by_lang(move |lang| crate::i18n::open_status(lang, &s));
            view! { <span class="kiosk-status" class:is-open=open>{text}</span> }
        })
    };
    view! {
        <section class="kiosk-layer" aria-label=kt(KKey::KioskLabel)>
        <nav class="kiosk-bar" aria-label=kt(KKey::KioskBar)>
            <span class="kiosk-store" on:click=tap_store>{move || store_name().map(crate::components::text::loc)}{status_line}</span>
            <button type="button" class="kiosk-button" on:click=back>{kt(KKey::Back)}</button>
            <a class="kiosk-button" href="/">{kt(KKey::Home)}</a>
            <button type="button" class="kiosk-button" aria-pressed=move || low_reach.get().to_string()
                on:click=move |_| low_reach.update(|v| *v = !*v)>{kt(KKey::LowReach)}</button>
            <ContinueOnPhone on_reset=start_over offer_pass=true />
            <button type="button" class="kiosk-button" on:click=move |_| reset_now(attract)>{kt(KKey::StartOver)}</button>
            {move || offline.get().then(|| view! { <p class="kiosk-offline" role="status">{kt(KKey::Offline)}</p> })}
        </nav>
        {move || exit_open.get().then(|| view! { <super::exit::ExitPrompt on_close=move || exit_open.set(false) /> })}
        {move || members_only().then(|| view! { <MembersOnPhone on_reset=start_over /> })}
        {warning}
        {move || attract.get().then(|| view! { <Attract config=config on_start=move || { last_active.set_value(now_unix()); attract.set(false); } /> })}
        </section>
    }
}

/// The current path, without query or fragment (the heartbeat's route).
fn use_location_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into())
}

/// "Still there?": the countdown, read out sparingly, and a large Continue.
#[component]
fn StillThere(
    /// Seconds left.
    left: Signal<u32>,
    /// The warning's length.
    total: u32,
    /// Continue pressed.
    on_continue: impl Fn() + 'static,
) -> impl IntoView {
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = button.get() {
            let _ = b.focus();
        }
    });
    // what the screen reader hears: the marks of the countdown only
    let spoken = Memo::new(move |prev: Option<&u32>| {
        let l = left.get();
        if announce(l, total) {
            l
        } else {
            prev.copied().unwrap_or(l)
        }
    });
    view! {
        <div class="kiosk-modal" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-still" aria-describedby="kiosk-still-text">
            <div class="kiosk-dialog">
                <h2 id="kiosk-still">{kt(KKey::StillThere)}</h2>
                <p id="kiosk-still-text">{kt(KKey::ResetSoon)}" "<strong class="kiosk-count" aria-hidden="true">{left}</strong>{kt(KKey::ResetIn)}</p>
                <p class="sr-only" aria-live="assertive">{move || spoken.get().to_string()}</p>
                <button type="button" class="btn btn-primary kiosk-continue" node_ref=button on:click=move |_| on_continue()>{kt(KKey::Continue)}</button>
            </div>
        </div>
    }
}
