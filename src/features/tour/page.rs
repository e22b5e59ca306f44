//! A store's virtual tour (`/stores/{id}/tour?scene=&yaw=&pitch=&fov=`): the 360° view
//! of a scene (WebGL2, see [`crate::components::panorama`]; without WebGL a flat strip
//! that scrolls sideways), its hotspots as buttons laid over the view and as a list, the
//! list of every scene, the floor plan with a dot per scene and the shopper's view cone,
//! a product card with this store's stock and reserve-for-pickup, and "Book a shopping
//! guide". The URL follows the scene and the view (replaced, throttled), so a shared link
//! or a kiosk QR code opens the same view.

use std::cell::Cell;
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use storefront_api_types::{
    Hotspot, HotspotTarget, LocalizedText, Product, Scene, StockStatus, StoreAvailability, Tour,
    View, RESERVE_MAX_QUANTITY,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::guide_booking::GuideBooking;
use crate::components::modal::Modal;
use crate::components::panorama::{load_image, Pano, Status};
use crate::components::reserve::ReserveForm;
use crate::components::stock::{ReserveItem, POLL_MS};
use crate::components::text::{by_lang, loc, tr};
use crate::components::{ErrorPanel, Price};
use crate::i18n::tour::{stock_here, tt, TKey, COMPASS};
use crate::i18n::{set_title, Key};
use crate::logic::gallery::image_for_colour;
use crate::logic::tour::{
    compass_point, cone_path, key_action, link_view, percent_css, plan_bearing, strip_position,
    view_tenths, wheel_zoom, KeyAction,
};
use crate::logic::variants::variant_label;
use crate::router::{use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::{load, load_polled, route_memo, use_api, use_app_route, use_locale};

/// The URL follows the view at most this often (ms).
const URL_WRITE_MS: u32 = 400;
/// Length of the view cone on the floor plan, as a fraction of the plan's width.
const CONE_LEN: f64 = 0.12;

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

/// How the panorama is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// WebGL2, the 360° view.
    Gl,
    /// No WebGL: the flat strip.
    Flat,
}

/// What the card dialog shows.
#[derive(Debug, Clone, PartialEq)]
enum Card {
    Product {
        product: String,
        variant: Option<String>,
    },
    Info(LocalizedText),
}

/// The scene and view a route asks for (the start scene and its initial view by default).
fn wanted_by(route: &AppRoute, scenes: &[Scene], start: usize) -> (usize, View) {
    let (scene, yaw, pitch, fov) = match route {
        AppRoute::Tour {
            scene,
            yaw,
            pitch,
            fov,
            ..
        } => (scene.as_deref(), *yaw, *pitch, *fov),
        _ => (None, None, None, None),
    };
    let found = scene.and_then(|id| scenes.iter().position(|s| s.id == id));
    let i = found.unwrap_or(start);
    let initial = scenes.get(i).map_or(
        View {
            yaw: 0.0,
            pitch: 0.0,
            fov: 90.0,
        },
        |s| s.initial_view,
    );
    // a view only counts with the scene it was taken in
    if found.is_some() {
        (i, link_view(initial, yaw, pitch, fov))
    } else {
        (i, initial)
    }
}

/// The accessible name of a hotspot: "Product: …", "Go to …", "Info: …".
fn spot_name(h: &Hotspot, scenes: &[Scene], lang: storefront_api_types::Lang) -> String {
    match &h.target {
        HotspotTarget::Scene { scene_id } => {
            // the label as shown, else the scene's name
            let label = h.label.get(lang);
            let name = if label.is_empty() {
                scenes
                    .iter()
                    .find(|s| s.id == *scene_id)
                    .map_or("", |s| s.name.get(lang))
            } else {
                label
            };
            format!("{}{name}", TKey::GoTo.get(lang))
        }
        HotspotTarget::Product { .. } => {
            format!("{}{}", TKey::ProductPrefix.get(lang), h.label.get(lang))
        }
        HotspotTarget::Info { .. } => {
            format!("{}{}", TKey::InfoPrefix.get(lang), h.label.get(lang))
        }
    }
}

/// The kind of a hotspot (for classes) and the path of its icon.
fn spot_kind(h: &Hotspot) -> (&'static str, &'static str) {
    match h.target {
        HotspotTarget::Scene { .. } => ("scene", "M12 19V5M6 11l6-6 6 6"),
        HotspotTarget::Product { .. } => ("product", "M12 5v14M5 12h14"),
        HotspotTarget::Info { .. } => ("info", "M12 11v7M12 6.5v.5"),
    }
}

/// A hotspot's icon (a picture, not text: the button's name is its label).
fn spot_icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="spot-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d=path></path>
        </svg>
    }
}

/// Whether the browser can tell the phone's orientation (a touch device with the API).
fn motion_supported() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let api =
        js_sys::Reflect::has(&w, &JsValue::from_str("DeviceOrientationEvent")).unwrap_or(false);
    // phones and tablets, not touch-screen kiosks
    let coarse = w
        .match_media("(pointer: coarse) and (max-width: 1279px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    api && coarse
}

/// The tour of one store.
#[component]
fn TourView(tour: Tour) -> impl IntoView {
    let locale = use_locale();
    let route = use_app_route();
    let navigate = use_navigate();
    let store_id = tour.store_id.to_string();
    let start = tour
        .scenes
        .iter()
        .position(|s| s.id == tour.start_scene)
        .unwrap_or(0);
    let (scene0, view0) = untrack(|| wanted_by(&route.get(), &tour.scenes, start));
    let plan = tour.floor_plan.clone();
    let scenes = StoredValue::new(tour.scenes);
    let scene = RwSignal::new(scene0);
    let view = RwSignal::new(view0);
    let mode = RwSignal::new(Mode::Gl);
    let status = RwSignal::new(Status::LoadingScene);
    let flat_src = RwSignal::new(String::new());
    let pano = StoredValue::new_local(Pano::new(view0));
    let region = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let spots = NodeRef::<html::Div>::new();
    let flat = NodeRef::<html::Div>::new();
    let card = RwSignal::new(None::<(LocalizedText, Card)>);
    let card_open = RwSignal::new(false);
    let booking_open = RwSignal::new(false);
    let last_written = StoredValue::new(String::new());

    let scene_at = move |i: usize| scenes.with_value(|s| s.get(i).cloned());
    let current = Memo::new(move |_| scene_at(scene.get()));

    // Puts scene `i` on screen looking at `v`.
    let present = move |i: usize, v: View, fade: bool| {
        let Some(s) = scene_at(i) else {
            return;
        };
        let linked: Vec<String> = s
            .hotspots
            .iter()
            .filter_map(|h| match &h.target {
                HotspotTarget::Scene { scene_id } => scenes.with_value(|all| {
                    all.iter()
                        .find(|x| x.id == *scene_id)
                        .map(|x| x.panorama.preview.url.clone())
                }),
                _ => None,
            })
            .collect();
        let (preview, full) = (s.panorama.preview.url.clone(), s.panorama.full.url.clone());
        match mode.get_untracked() {
            Mode::Gl => {
                let Some(p) = pano.try_get_value() else {
                    return;
                };
                p.set_spots(s.hotspots.iter().map(|h| (h.yaw, h.pitch)).collect());
                p.show(preview, full, v, fade);
                p.preload(linked);
            }
            Mode::Flat => {
                flat_src.set(preview);
                status.set(Status::LoadingFull);
                leptos::task::spawn_local(async move {
                    let ok = load_image(&full).await.is_some();
                    if scene.try_get_untracked() == Some(i) {
                        if ok {
                            flat_src.try_set(full);
                        }
                        status.try_set(Status::Ready);
                    }
                    for url in linked {
                        let _ = load_image(&url).await;
                    }
                });
                // centre the strip on the view once it is laid out
                leptos::task::spawn_local(async move {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    if let Some(el) = flat.try_get_untracked().flatten() {
                        let (x, _) = strip_position(v.yaw, v.pitch);
                        let left =
                            x * f64::from(el.scroll_width()) - f64::from(el.client_width()) / 2.0;
                        el.set_scroll_left(left.max(0.0) as i32);
                    }
                });
            }
        }
    };
    // Moves to scene `i` (its initial view unless `v`).
    let go = move |i: usize, v: Option<View>, fade: bool| {
        let Some(s) = scene_at(i) else {
            return;
        };
        let v = v.unwrap_or(s.initial_view);
        scene.set(i);
        view.set(v);
        present(i, v, fade);
    };
    // Focus to the panorama (after a hotspot that led to another scene disappeared).
    let focus_stage = move || {
        let el: Option<web_sys::HtmlElement> = match mode.get_untracked() {
            Mode::Gl => region.get_untracked().map(Into::into),
            Mode::Flat => flat.get_untracked().map(Into::into),
        };
        if let Some(el) = el {
            let _ = el.focus();
        }
    };
    let activate = move |h: Hotspot| match h.target {
        HotspotTarget::Scene { scene_id } => {
            if let Some(i) = scenes.with_value(|s| s.iter().position(|x| x.id == scene_id)) {
                go(i, None, true);
                focus_stage();
            }
        }
        HotspotTarget::Product {
            product_id,
            variant_id,
        } => {
            card.set(Some((
                h.label,
                Card::Product {
                    product: product_id.to_string(),
                    variant: variant_id.map(|v| v.to_string()),
                },
            )));
            card_open.set(true);
        }
        HotspotTarget::Info { text } => {
            card.set(Some((h.label, Card::Info(text))));
            card_open.set(true);
        }
    };
    let to_flat = move || {
        if mode.get_untracked() == Mode::Flat {
            return;
        }
        mode.set(Mode::Flat);
        present(scene.get_untracked(), view.get_untracked(), false);
    };

    // WebGL once the canvas is there; the flat strip when there is none.
    let observer = StoredValue::new_local(
        None::<(web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>,
    );
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let (Some(c), Some(sp), Some(r)) = (canvas.get(), spots.get(), region.get()) else {
            return false;
        };
        let Some(p) = pano.try_get_value() else {
            return true;
        };
        let attached = p.attach(
            c,
            sp.into(),
            move |v| {
                view.try_set(v);
            },
            move |st| {
                status.try_set(st);
            },
            move || {
                // the browser took WebGL away: the flat strip from now on
                leptos::task::spawn_local(async move { to_flat() });
            },
        );
        if !attached {
            to_flat();
            return true;
        }
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            if let (Some(r), Some(p)) = (region.try_get_untracked().flatten(), pano.try_get_value())
            {
                p.resize(f64::from(r.client_width()), f64::from(r.client_height()));
            }
        });
        if let Ok(ro) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            ro.observe(&r);
            observer.set_value(Some((ro, on_resize)));
        }
        p.resize(f64::from(r.client_width()), f64::from(r.client_height()));
        present(scene.get_untracked(), view.get_untracked(), false);
        true
    });

    // The URL follows the scene and the view: replaced, at most every URL_WRITE_MS.
    let pending = StoredValue::new(false);
    let write_url = {
        let store_id = store_id.clone();
        move || {
            let (Some(i), Some(v)) = (scene.try_get_untracked(), view.try_get_untracked()) else {
                return;
            };
            let Some(id) = scene_at(i).map(|s| s.id) else {
                return;
            };
            let here = route.try_get_untracked();
            let still_here =
                matches!(&here, Some(AppRoute::Tour { store, .. }) if *store == store_id);
            let (yaw, pitch, fov) = view_tenths(v);
            let href = AppRoute::Tour {
                store: store_id.clone(),
                scene: Some(id),
                yaw: Some(yaw),
                pitch: Some(pitch),
                fov: Some(fov),
            }
            .to_href();
            if !still_here || here.map(|r| r.to_href()).as_deref() == Some(href.as_str()) {
                return;
            }
            last_written.set_value(href.clone());
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                },
            );
        }
    };
    Effect::new(move |_| {
        scene.track();
        view.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        let write_url = write_url.clone();
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(URL_WRITE_MS).await;
            if pending.try_set_value(false).is_none() {
                write_url();
            }
        });
    });
    // A link to another view of this tour (Back, Forward, a link): go there.
    {
        let store_id = store_id.clone();
        Effect::new(move |first: Option<()>| {
            let r = route.get();
            if first.is_none() {
                return;
            }
            let AppRoute::Tour { store, .. } = &r else {
                return;
            };
            if *store != store_id || r.to_href() == last_written.get_value() {
                return;
            }
            let (i, v) = scenes.with_value(|s| wanted_by(&r, s, start));
            if i != scene.get_untracked() {
                go(i, Some(v), true);
            } else if view_tenths(v) != view_tenths(view.get_untracked()) {
                if let Some(p) = pano.try_get_value() {
                    p.set_view(v);
                }
            }
        });
    }

    // Look around by moving the phone.
    let motion_on = RwSignal::new(false);
    let motion_denied = RwSignal::new(false);
    let motion_cb = StoredValue::new_local(None::<Closure<dyn FnMut(web_sys::Event)>>);
    let stop_motion = move || {
        let cb = motion_cb.try_update_value(Option::take).flatten();
        if let (Some(cb), Some(w)) = (cb, web_sys::window()) {
            let _ = w.remove_event_listener_with_callback(
                "deviceorientation",
                cb.as_ref().unchecked_ref(),
            );
        }
        motion_on.try_set(false);
    };
    let start_motion = move || {
        let base = Rc::new(Cell::new(None::<(f64, f64)>));
        let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let get = |k: &str| {
                js_sys::Reflect::get(&ev, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            let (Some(alpha), Some(beta), Some(p)) =
                (get("alpha"), get("beta"), pano.try_get_value())
            else {
                return;
            };
            let (a0, y0) = base.get().unwrap_or_else(|| {
                let y = p.view().map_or(0.0, |v| v.yaw);
                base.set(Some((alpha, y)));
                (alpha, y)
            });
            p.look_at(y0 - (alpha - a0), (beta - 90.0).clamp(-85.0, 85.0));
        });
        if let Some(w) = web_sys::window() {
            if w.add_event_listener_with_callback("deviceorientation", cb.as_ref().unchecked_ref())
                .is_ok()
            {
                motion_cb.set_value(Some(cb));
                motion_on.set(true);
            }
        }
    };
    let toggle_motion = move |_| {
        if motion_on.get_untracked() {
            stop_motion();
            return;
        }
        motion_denied.set(false);
        let Some(w) = web_sys::window() else {
            return;
        };
        let ctor = js_sys::Reflect::get(&w, &JsValue::from_str("DeviceOrientationEvent"))
            .unwrap_or(JsValue::UNDEFINED);
        let ask = js_sys::Reflect::get(&ctor, &JsValue::from_str("requestPermission"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match ask {
            // iOS: only after the shopper asked, and only if they allow it
            Some(f) => leptos::task::spawn_local(async move {
                let promise = f
                    .call0(&ctor)
                    .ok()
                    .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
                let granted = match promise {
                    Some(p) => wasm_bindgen_futures::JsFuture::from(p)
                        .await
                        .ok()
                        .and_then(|v| v.as_string())
                        .is_some_and(|v| v == "granted"),
                    None => false,
                };
                if granted {
                    start_motion();
                } else {
                    motion_denied.try_set(true);
                }
            }),
            None => start_motion(),
        }
    };
    let can_move_phone = motion_supported();

    on_cleanup(move || {
        if let Some(p) = pano.try_get_value() {
            p.detach();
        }
        if let Some(Some((ro, _))) = observer.try_update_value(Option::take) {
            ro.disconnect();
        }
        stop_motion();
    });

    // --- the view ---
    let with_pano = move |f: &dyn Fn(&Pano)| {
        if let Some(p) = pano.try_get_value() {
            f(&p);
        }
    };
    let scene_name = move || {
        current
            .get()
            .map(|s| s.name.get(locale.lang()).to_owned())
            .unwrap_or_default()
    };
    let viewer_label = move || format!("{}{}", TKey::ViewerLabel.get(locale.lang()), scene_name());
    let spot_buttons = move |flat_layout: bool| {
        let Some(s) = current.get() else {
            return Vec::new();
        };
        s.hotspots
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                let (kind, glyph) = spot_kind(&h);
                let label = h.label.clone();
                let name = {
                    let h = h.clone();
                    move || scenes.with_value(|all| spot_name(&h, all, locale.lang()))
                };
                let (x, y) = strip_position(h.yaw, h.pitch);
                let (left, top) = if flat_layout {
                    (percent_css(x), percent_css(y))
                } else {
                    (String::new(), String::new())
                };
                view! {
                    <button
                        type="button"
                        class=format!("hotspot hotspot-{kind}")
                        data-i=i
                        hidden=!flat_layout
                        aria-label=name
                        style:left=left
                        style:top=top
                        on:click=move |_| activate(h.clone())
                    >
                        <span class="hotspot-dot" aria-hidden="true">{spot_icon(glyph)}</span>
                        <span class="hotspot-label" aria-hidden="true">{loc(label)}</span>
                    </button>
                }
            })
            .collect::<Vec<_>>()
    };
    let stage = move || {
        match mode.get() {
        Mode::Gl => view! {
            <div
                class="tour-view"
                role="application"
                tabindex="0"
                aria-roledescription=tt(TKey::VirtualTour)
                aria-label=viewer_label
                aria-describedby="tour-keys"
                node_ref=region
                on:pointerdown=move |ev: web_sys::PointerEvent| {
                    if ev.pointer_type() == "mouse" && ev.button() != 0 {
                        return;
                    }
                    if let Some(r) = region.get_untracked() {
                        let _ = r.set_pointer_capture(ev.pointer_id());
                    }
                    with_pano(&|p| p.pointer_down(ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y())));
                }
                on:pointermove=move |ev: web_sys::PointerEvent| {
                    with_pano(&|p| p.pointer_move(ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y())));
                }
                on:pointerup=move |ev: web_sys::PointerEvent| with_pano(&|p| p.pointer_up(ev.pointer_id()))
                on:pointercancel=move |ev: web_sys::PointerEvent| with_pano(&|p| p.pointer_up(ev.pointer_id()))
                on:wheel=move |ev: web_sys::WheelEvent| {
                    ev.prevent_default();
                    let unit = match ev.delta_mode() {
                        1 => 16.0,
                        2 => 400.0,
                        _ => 1.0,
                    };
                    with_pano(&|p| p.zoom(wheel_zoom(ev.delta_y() * unit)));
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
                        return;
                    }
                    if let Some(action) = key_action(&ev.key(), ev.shift_key()) {
                        ev.prevent_default();
                        with_pano(&|p| match action {
                            KeyAction::Look(dy, dp) => p.look(dy, dp),
                            KeyAction::Zoom(f) => p.zoom(f),
                        });
                    }
                }
            >
                <canvas class="tour-canvas" node_ref=canvas aria-hidden="true"></canvas>
            </div>
            <div class="tour-spots" node_ref=spots>{move || spot_buttons(false)}</div>
            {can_move_phone.then(|| view! {
                <button
                    type="button"
                    class="btn btn-ghost tour-motion"
                    aria-pressed=move || if motion_on.get() { "true" } else { "false" }
                    on:click=toggle_motion
                >
                    {move || if motion_on.get() { tt(TKey::MotionOff)() } else { tt(TKey::MotionOn)() }}
                </button>
            })}
            <div class="tour-tools">
                <button type="button" class="icon-button tour-tool" on:click=move |_| with_pano(&|p| p.zoom(1.0 / 1.25))>
                    <span aria-hidden="true">"−"</span><span class="sr-only">{tt(TKey::ZoomOut)}</span>
                </button>
                <button type="button" class="icon-button tour-tool" on:click=move |_| with_pano(&|p| p.zoom(1.25))>
                    <span aria-hidden="true">"+"</span><span class="sr-only">{tt(TKey::ZoomIn)}</span>
                </button>
            </div>
        }
        .into_any(),
        Mode::Flat => {
            let alt = move || current.get().map(|s| s.panorama.full.alt.get(locale.lang()).to_owned()).unwrap_or_default();
            view! {
                <div
                    class="tour-flat"
                    tabindex="0"
                    role="region"
                    aria-label=move || format!("{}{}", TKey::FlatLabel.get(locale.lang()), scene_name())
                    aria-describedby="tour-no-gl"
                    node_ref=flat
                    on:scroll=move |_| {
                        // the plan's cone and the link follow the strip
                        let Some(el) = flat.get_untracked() else {
                            return;
                        };
                        let (width, shown) = (f64::from(el.scroll_width()), f64::from(el.client_width()));
                        let left = f64::from(el.scroll_left());
                        // where the current view puts the strip (the page's own scroll)
                        let (x, _) = strip_position(view.get_untracked().yaw, 0.0);
                        let expected = (x * width - shown / 2.0).clamp(0.0, (width - shown).max(0.0));
                        if width > 0.0 && (left - expected).abs() > 2.0 {
                            let yaw = ((left + shown / 2.0) / width * 360.0 - 180.0).round();
                            view.update(|v| v.yaw = yaw);
                        }
                    }
                >
                    <div class="tour-strip">
                        <img
                            class="tour-strip-img"
                            src=move || flat_src.get()
                            width="4096"
                            height="2048"
                            alt=alt
                            draggable="false"
                        />
                        {move || spot_buttons(true)}
                    </div>
                </div>
            }
            .into_any()
        }
    }
    };
    let status_text = move || match status.get() {
        Status::LoadingScene => Some(tt(TKey::LoadingScene)()),
        Status::LoadingFull => Some(tt(TKey::LoadingFull)()),
        Status::Failed => Some(tt(TKey::LoadFailed)()),
        Status::Ready => None,
    };

    // floor plan
    let (plan_w, plan_h) = (plan.width, plan.height);
    let cone = move || {
        let s = current.get()?;
        let v = view.get();
        let bearing = plan_bearing(v.yaw, s.north_offset);
        Some(cone_path(
            s.plan_position.x,
            s.plan_position.y,
            plan_w,
            plan_h,
            bearing,
            v.fov,
            CONE_LEN * f64::from(plan_w),
        ))
    };
    let facing = move || {
        let s = current.get()?;
        let point = compass_point(plan_bearing(view.get().yaw, s.north_offset));
        let lang = locale.lang();
        let name = COMPASS.get(point).map_or("", |k| k.get(lang));
        let sep = match lang {
            storefront_api_types::Lang::ZhCn => "：",
            storefront_api_types::Lang::En => ": ",
        };
        Some(format!("{}{sep}{name}", TKey::Facing.get(lang)))
    };
    let all_scenes = scenes.get_value();
    let dots = all_scenes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let here = move || scene.get() == i;
            let name = s.name.clone();
            // the number shown on the dot, then the scene (as in the list of scenes)
            let label = move || {
                let lang = locale.lang();
                let here = if here() { TKey::HereNow.get(lang) } else { "" };
                format!("{} {}{here}", i + 1, name.get(lang))
            };
            view! {
                <button
                    type="button"
                    class="plan-dot"
                    class:is-here=here
                    aria-label=label
                    aria-current=move || here().then_some("location")
                    style:left=percent_css(s.plan_position.x)
                    style:top=percent_css(s.plan_position.y)
                    on:click=move |_| {
                        // (the current scene again after its picture failed: try again)
                        if !here() || status.get_untracked() == Status::Failed {
                            go(i, None, true);
                        }
                    }
                >
                    <span aria-hidden="true">{i + 1}</span>
                </button>
            }
        })
        .collect_view();
    let scene_items = all_scenes
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let here = move || scene.get() == i;
            view! {
                <li>
                    <button
                        type="button"
                        class="tour-list-btn"
                        aria-current=move || here().then_some("location")
                        on:click=move |_| {
                            if !here() || status.get_untracked() == Status::Failed {
                                go(i, None, true);
                            }
                        }
                    >
                        <span class="tour-list-n" aria-hidden="true">{i + 1}</span>
                        <span>{loc(s.name)}{move || here().then(tt(TKey::HereNow))}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let spot_items = move || {
        let s = current.get()?;
        Some(
            s.hotspots
                .into_iter()
                .map(|h| {
                    let (kind, glyph) = spot_kind(&h);
                    let name = {
                        let h = h.clone();
                        move || scenes.with_value(|all| spot_name(&h, all, locale.lang()))
                    };
                    view! {
                        <li>
                            <button
                                type="button"
                                class=format!("tour-list-btn spot-{kind}")
                                on:click=move |_| activate(h.clone())
                            >
                                <span class="tour-list-n" aria-hidden="true">{spot_icon(glyph)}</span>
                                <span>{name}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view(),
        )
    };

    let card_title = Signal::derive(move || {
        card.with(|c| c.as_ref().map(|(t, _)| t.get(locale.lang()).to_owned()))
            .unwrap_or_default()
    });
    let booking_title = Signal::derive(move || TKey::BookGuide.get(locale.lang()).to_owned());
    let card_store = store_id.clone();
    let booking_store = store_id.clone();
    let plan_img = plan.url.clone();
    let plan_alt = plan.alt.clone();

    view! {
        <div class="tour-layout">
            <div class="tour-main">
                {move || (mode.get() == Mode::Flat).then(|| view! {
                    <p id="tour-no-gl" class="tour-notice">{tt(TKey::NoWebGl)}</p>
                })}
                <div class="tour-stage" class:is-flat=move || mode.get() == Mode::Flat>
                    {stage}
                    <div class="tour-status" role="status">
                        {move || status_text().map(|t| view! {
                            <span class="tour-status-text">{t}</span>
                            {(status.get() != Status::Failed).then(|| view! { <span class="tour-bar" aria-hidden="true"></span> })}
                        })}
                    </div>
                </div>
                <p id="tour-keys" class="tour-hint">{tt(TKey::KeysHelp)}</p>
                {move || motion_denied.get().then(|| view! { <p class="form-error" role="alert">{tt(TKey::MotionDenied)}</p> })}
                <h2 class="tour-scene-name" aria-live="polite">{scene_name}</h2>
                <button type="button" class="btn btn-primary tour-book" on:click=move |_| booking_open.set(true)>
                    {tt(TKey::BookGuide)}
                </button>
            </div>
            <aside class="tour-side">
                <section class="tour-plan-box" aria-labelledby="tour-plan-title">
                    <h2 id="tour-plan-title" class="tour-side-title">{tt(TKey::FloorPlan)}</h2>
                    <div class="tour-plan">
                        <img src=plan_img width=plan_w height=plan_h alt=loc(plan_alt) class="tour-plan-img" />
                        <svg
                            class="tour-cone"
                            viewBox=format!("0 0 {plan_w} {plan_h}")
                            preserveAspectRatio="none"
                            aria-hidden="true"
                            focusable="false"
                        >
                            <path d=move || cone().unwrap_or_default()></path>
                        </svg>
                        {dots}
                    </div>
                    <p class="tour-facing">{facing}</p>
                </section>
                <nav class="tour-scenes" aria-labelledby="tour-scenes-title">
                    <h2 id="tour-scenes-title" class="tour-side-title">{tt(TKey::Scenes)}</h2>
                    <ul class="tour-list">{scene_items}</ul>
                </nav>
                <section aria-labelledby="tour-spots-title">
                    <h2 id="tour-spots-title" class="tour-side-title">{tt(TKey::InThisSpot)}</h2>
                    <ul class="tour-list">{spot_items}</ul>
                </section>
            </aside>
        </div>
        <Modal open=card_open title_id="tour-card-title" title=card_title class="modal-side">
            {
                let store_id = card_store.clone();
                move || card.get().map(|(_, c)| match c {
                    Card::Product { product, variant } => view! {
                        <ProductCard store_id=store_id.clone() product=product variant=variant />
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

/// The card of a product on display: picture, price, stock at this store right now,
/// reserve for pickup here, and a link to its page.
#[component]
fn ProductCard(store_id: String, product: String, variant: Option<String>) -> impl IntoView {
    let api = use_api();
    let reserving = RwSignal::new(false);
    let loaded = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            let id = product.clone();
            async move { api.product(&id).await }
        }
    });
    let variant_id = Memo::new(move |_| {
        let p = loaded.get()?.ok()?;
        variant
            .clone()
            .filter(|v| p.variants.iter().any(|x| x.id.as_str() == v))
            .or_else(|| p.variants.first().map(|v| v.id.to_string()))
    });
    let stock = load_polled(
        move || {
            let api = api.clone();
            let v = variant_id.get();
            async move {
                match v {
                    Some(v) => api.availability(&v, None).await.map(Some),
                    None => Ok(None),
                }
            }
        },
        POLL_MS,
    );
    // this store's row: None while loading, Some(None) when it is not listed
    let here = Memo::new(move |_| -> Option<Result<Option<StoreAvailability>, ()>> {
        match stock.get()? {
            Err(_) => Some(Err(())),
            Ok(a) => Some(Ok(a.and_then(|a| {
                a.data.into_iter().find(|s| s.store_id.as_str() == store_id)
            }))),
        }
    });
    let can_reserve =
        move || matches!(here.get(), Some(Ok(Some(s))) if s.pickup && s.quantity.unwrap_or(0) > 0);
    let stock_line = move || match here.get() {
        None => view! { <p class="stock-line muted">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(())) => view! { <p class="stock-line">{tr(Key::StockUnavailable)}</p> }.into_any(),
        Some(Ok(row)) => {
            let (class, text): (
                &str,
                Box<dyn Fn(storefront_api_types::Lang) -> String + Send + Sync>,
            ) = match row {
                Some(s) if s.status != StockStatus::OutOfStock => {
                    let low = s.status == StockStatus::LowStock;
                    let q = s.quantity.unwrap_or(0);
                    (
                        if low {
                            "stock-line is-low"
                        } else {
                            "stock-line is-in"
                        },
                        Box::new(move |lang| stock_here(lang, q, low)),
                    )
                }
                _ => (
                    "stock-line is-out",
                    Box::new(|lang| TKey::OutHere.get(lang).to_owned()),
                ),
            };
            view! {
                <p class=class>
                    <span class="stock-dot" aria-hidden="true"></span>
                    <strong>{by_lang(text)}</strong>
                </p>
            }
            .into_any()
        }
    };
    let back = NodeRef::<html::Button>::new();
    let reserve_button = NodeRef::<html::Button>::new();
    // focus follows the switch between the card and the form (once they are built)
    Effect::new(move |was: Option<bool>| {
        let now = reserving.get();
        if was.is_some_and(|w| w != now) {
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(0).await;
                let target: Option<web_sys::HtmlElement> = if now {
                    back.try_get_untracked().flatten().map(Into::into)
                } else {
                    reserve_button.try_get_untracked().flatten().map(Into::into)
                };
                if let Some(t) = target {
                    let _ = t.focus();
                }
            });
        }
        now
    });

    let body = move || {
        let p: Product = match loaded.get() {
            None => {
                return view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any()
            }
            Some(Err(e)) => {
                return view! { <ErrorPanel error=e on_retry=move |()| loaded.refetch() /> }
                    .into_any()
            }
            Some(Ok(p)) => p,
        };
        let vid = variant_id.get();
        let Some(v) = p
            .variants
            .iter()
            .find(|x| Some(x.id.as_str()) == vid.as_deref())
            .cloned()
        else {
            return view! { <p class="muted">{tr(Key::StockUnavailable)}</p> }.into_any();
        };
        let options = LocalizedText::new(
            variant_label(&p.options, &v, storefront_api_types::Lang::ZhCn),
            variant_label(&p.options, &v, storefront_api_types::Lang::En),
        );
        let colour = p
            .options
            .iter()
            .position(|o| o.code == "color")
            .and_then(|i| {
                let code = v.option_values.get(i)?;
                p.options
                    .get(i)?
                    .values
                    .iter()
                    .find(|x| x.code == *code)
                    .map(|x| x.label.clone())
            });
        let img = colour
            .and_then(|c| image_for_colour(&p.images, &c))
            .and_then(|i| p.images.get(i))
            .or_else(|| p.images.first())
            .cloned();
        let item = ReserveItem {
            variant_id: v.id.to_string(),
            name: p.name.clone(),
            options: options.clone(),
            price: v.price,
        };
        let href = AppRoute::Product {
            slug: p.slug.clone(),
            variant: Some(v.id.to_string()),
        }
        .to_href();
        let form = move || {
            if !reserving.get() {
                return None;
            }
            let Some(Ok(Some(row))) = here.get_untracked() else {
                return None;
            };
            let max = row.quantity.unwrap_or(1).clamp(1, RESERVE_MAX_QUANTITY);
            Some(view! {
                <div class="tour-reserve">
                    <button type="button" class="link-button" node_ref=back on:click=move |_| reserving.set(false)>
                        <span aria-hidden="true">"← "</span>{tt(TKey::BackToProduct)}
                    </button>
                    <ReserveForm item=item.clone() store=row max=max />
                </div>
            })
        };
        view! {
            <div class="tour-card" hidden=move || reserving.get()>
                {img.map(|i| view! {
                    <img src=i.url.clone() width=i.width height=i.height alt=loc(i.alt.clone()) class="tour-card-img" />
                })}
                <div class="tour-card-text">
                    <p class="pdp-brand">{p.brand.clone()}</p>
                    <p class="tour-card-name">{loc(p.name.clone())}</p>
                    <p class="muted">{loc(options)}</p>
                    <Price price=v.price compare_at=v.compare_at_price.unwrap_or(v.price) />
                    <section class="tour-card-stock" aria-label=tt(TKey::StockHere) aria-live="polite">
                        {stock_line}
                    </section>
                    <div class="tour-card-actions">
                        <button
                            type="button"
                            class="btn btn-primary"
                            node_ref=reserve_button
                            hidden=move || !can_reserve()
                            on:click=move |_| reserving.set(true)
                        >
                            {tt(TKey::ReserveHere)}
                        </button>
                        <a class="btn btn-secondary" href=href>{tt(TKey::ViewProduct)}</a>
                    </div>
                </div>
            </div>
            {form}
        }
        .into_any()
    };
    view! { <div class="tour-card-box">{body}</div> }
}
