//! [`use_tour_view`]: the state of a tour's viewer and what moves it, pulled out of the
//! view (leptos-use style). The view reads the fields and calls the methods; the hook's
//! effects attach the WebGL viewer (or fall back to the flat strip), keep the URL in step
//! with the scene and the view, and follow links to other views of the same tour.

use leptos::html;
use leptos::prelude::*;
use storefront_api_types::{Hotspot, HotspotTarget, LocalizedText, Scene, Tour, View};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::logic::{strip_position, view_tenths, wanted_by};
use super::motion::{use_phone_motion, UsePhoneMotion};
use super::panorama::{load_image, Pano, Status};
use crate::router::{use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::use_app_route;

/// The URL follows the view at most this often (ms).
const URL_WRITE_MS: u32 = 400;

/// How the panorama is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// WebGL2, the 360° view.
    Gl,
    /// No WebGL: the flat strip.
    Flat,
}

/// What the card dialog shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Card {
    /// A product on display (its card with this store's stock).
    Product {
        /// The product's id.
        product: String,
        /// The variant on display, if the hotspot names one.
        variant: Option<String>,
    },
    /// A note about the spot.
    Info(LocalizedText),
}

/// The viewer of one tour: what it shows and the elements it draws in. `Copy`: every
/// handler of the view holds one.
#[derive(Clone, Copy)]
pub struct UseTourView {
    /// The store whose tour this is.
    pub store_id: StoredValue<String>,
    /// Every scene of the tour, in the tour's order.
    pub scenes: StoredValue<Vec<Scene>>,
    /// Index of the scene shown.
    pub scene: RwSignal<usize>,
    /// The scene shown.
    pub current: Memo<Option<Scene>>,
    /// Where the camera looks (the WebGL viewer reports it; the flat strip sets its yaw).
    pub view: RwSignal<View>,
    /// WebGL or, when there is none or the browser took it away, the flat strip.
    pub mode: RwSignal<Mode>,
    /// What the viewer is doing, for the status line.
    pub status: RwSignal<Status>,
    /// The flat strip's picture (the preview, then the full picture).
    pub flat_src: RwSignal<String>,
    /// The WebGL viewer.
    pub pano: StoredValue<Pano, LocalStorage>,
    /// The focusable element around the canvas (pointer and key input).
    pub region: NodeRef<html::Div>,
    /// The canvas the viewer draws on.
    pub canvas: NodeRef<html::Canvas>,
    /// The layer of hotspot buttons the viewer moves over the canvas.
    pub spots: NodeRef<html::Div>,
    /// The flat strip's scroller.
    pub flat: NodeRef<html::Div>,
    /// The card shown in the dialog: its title and what it shows.
    pub card: RwSignal<Option<(LocalizedText, Card)>>,
    /// Whether the card dialog is open.
    pub card_open: RwSignal<bool>,
    /// Whether the guide-booking dialog is open.
    pub booking_open: RwSignal<bool>,
    /// Looking around by moving the phone.
    pub motion: UsePhoneMotion,
}

/// The viewer of `tour`, starting at the scene and view of the current route.
pub fn use_tour_view(tour: Tour) -> UseTourView {
    let route = use_app_route();
    let start = tour
        .scenes
        .iter()
        .position(|s| s.id == tour.start_scene)
        .unwrap_or(0);
    let (scene0, view0) = untrack(|| wanted_by(&route.get(), &tour.scenes, start));
    let scenes = StoredValue::new(tour.scenes);
    let scene = RwSignal::new(scene0);
    let pano = StoredValue::new_local(Pano::new(view0));
    let tv = UseTourView {
        store_id: StoredValue::new(tour.store_id.to_string()),
        scenes,
        scene,
        current: Memo::new(move |_| scenes.with_value(|s| s.get(scene.get()).cloned())),
        view: RwSignal::new(view0),
        mode: RwSignal::new(Mode::Gl),
        status: RwSignal::new(Status::LoadingScene),
        flat_src: RwSignal::new(String::new()),
        pano,
        region: NodeRef::new(),
        canvas: NodeRef::new(),
        spots: NodeRef::new(),
        flat: NodeRef::new(),
        card: RwSignal::new(None),
        card_open: RwSignal::new(false),
        booking_open: RwSignal::new(false),
        motion: use_phone_motion(pano),
    };
    attach_viewer(tv);
    let last_written = url_follows_view(tv, route);
    view_follows_url(tv, route, start, last_written);
    tv
}

impl UseTourView {
    /// Scene `i`, if there is one.
    pub fn scene_at(self, i: usize) -> Option<Scene> {
        self.scenes.with_value(|s| s.get(i).cloned())
    }

    /// Runs `f` with the WebGL viewer (nothing once the view is gone).
    pub fn with_pano(self, f: &dyn Fn(&Pano)) {
        if let Some(p) = self.pano.try_get_value() {
            f(&p);
        }
    }

    /// Puts scene `i` on screen looking at `v`.
    pub fn present(self, i: usize, v: View, fade: bool) {
        let Some(s) = self.scene_at(i) else {
            return;
        };
        let linked: Vec<String> = s
            .hotspots
            .iter()
            .filter_map(|h| match &h.target {
                HotspotTarget::Scene { scene_id } => self.scenes.with_value(|all| {
                    all.iter()
                        .find(|x| x.id == *scene_id)
                        .map(|x| x.panorama.preview.url.clone())
                }),
                _ => None,
            })
            .collect();
        let (preview, full) = (s.panorama.preview.url.clone(), s.panorama.full.url.clone());
        match self.mode.get_untracked() {
            Mode::Gl => {
                let Some(p) = self.pano.try_get_value() else {
                    return;
                };
                p.set_spots(s.hotspots.iter().map(|h| (h.yaw, h.pitch)).collect());
                p.show(preview, full, v, fade);
                p.preload(linked);
            }
            Mode::Flat => {
                let UseTourView {
                    scene,
                    status,
                    flat_src,
                    flat,
                    ..
                } = self;
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
    }

    /// Moves to scene `i` (its initial view unless `v`).
    pub fn go(self, i: usize, v: Option<View>, fade: bool) {
        let Some(s) = self.scene_at(i) else {
            return;
        };
        let v = v.unwrap_or(s.initial_view);
        self.scene.set(i);
        self.view.set(v);
        self.present(i, v, fade);
    }

    /// Focus to the panorama (after a hotspot that led to another scene disappeared).
    fn focus_stage(self) {
        let el: Option<web_sys::HtmlElement> = match self.mode.get_untracked() {
            Mode::Gl => self.region.get_untracked().map(Into::into),
            Mode::Flat => self.flat.get_untracked().map(Into::into),
        };
        if let Some(el) = el {
            let _ = el.focus();
        }
    }

    /// What a hotspot does: go to its scene, or open its product or note.
    pub fn activate(self, h: Hotspot) {
        crate::state::events::record(
            storefront_api_types::EventName::TourViewHotspot,
            match &h.target {
                HotspotTarget::Product {
                    product_id,
                    variant_id,
                } => vec![(
                    product_id.to_string(),
                    variant_id.as_ref().map(ToString::to_string),
                )],
                _ => Vec::new(),
            },
            Some(h.id.clone()),
            None,
            self.store_id.try_get_value(),
        );
        match h.target {
            HotspotTarget::Scene { scene_id } => {
                if let Some(i) = self
                    .scenes
                    .with_value(|s| s.iter().position(|x| x.id == scene_id))
                {
                    self.go(i, None, true);
                    self.focus_stage();
                }
            }
            HotspotTarget::Product {
                product_id,
                variant_id,
            } => {
                self.card.set(Some((
                    h.label,
                    Card::Product {
                        product: product_id.to_string(),
                        variant: variant_id.map(|v| v.to_string()),
                    },
                )));
                self.card_open.set(true);
            }
            HotspotTarget::Info { text } => {
                self.card.set(Some((h.label, Card::Info(text))));
                self.card_open.set(true);
            }
        }
    }

    /// The flat strip from now on.
    fn to_flat(self) {
        // (also called when the browser takes a context away, maybe after the view is gone)
        if self
            .mode
            .try_get_untracked()
            .is_none_or(|m| m == Mode::Flat)
        {
            return;
        }
        let (Some(scene), Some(view)) = (
            self.scene.try_get_untracked(),
            self.view.try_get_untracked(),
        ) else {
            return;
        };
        self.mode.set(Mode::Flat);
        self.present(scene, view, false);
    }
}

/// WebGL once the canvas is there; the flat strip when there is none. The viewer is
/// detached when the view goes.
fn attach_viewer(tv: UseTourView) {
    let UseTourView {
        pano,
        canvas,
        spots,
        region,
        view,
        status,
        scene,
        ..
    } = tv;
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
                leptos::task::spawn_local(async move { tv.to_flat() });
            },
        );
        if !attached {
            tv.to_flat();
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
        tv.present(scene.get_untracked(), view.get_untracked(), false);
        true
    });
    on_cleanup(move || {
        if let Some(p) = pano.try_get_value() {
            p.detach();
        }
        if let Some(Some((ro, _))) = observer.try_update_value(Option::take) {
            ro.disconnect();
        }
        tv.motion.stop();
    });
}

/// The URL follows the scene and the view: replaced, at most every [`URL_WRITE_MS`].
/// Answers the href last written (a route change to it is the tour's own).
fn url_follows_view(tv: UseTourView, route: Memo<AppRoute>) -> StoredValue<String> {
    let navigate = use_navigate();
    let last_written = StoredValue::new(String::new());
    let UseTourView {
        scene,
        view,
        store_id,
        ..
    } = tv;
    let pending = StoredValue::new(false);
    let write_url = move || {
        let (Some(i), Some(v)) = (scene.try_get_untracked(), view.try_get_untracked()) else {
            return;
        };
        let Some(id) = tv.scene_at(i).map(|s| s.id) else {
            return;
        };
        let Some(store_id) = store_id.try_get_value() else {
            return;
        };
        let here = route.try_get_untracked();
        let still_here = matches!(&here, Some(AppRoute::Tour { store, .. }) if *store == store_id);
        let (yaw, pitch, fov) = view_tenths(v);
        let href = AppRoute::Tour {
            store: store_id,
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
    last_written
}

/// A link to another view of this tour (Back, Forward, a link): go there.
fn view_follows_url(
    tv: UseTourView,
    route: Memo<AppRoute>,
    start: usize,
    last_written: StoredValue<String>,
) {
    Effect::new(move |first: Option<()>| {
        let r = route.get();
        if first.is_none() {
            return;
        }
        let AppRoute::Tour { store, .. } = &r else {
            return;
        };
        let ours = tv.store_id.with_value(|id| id == store);
        if !ours || r.to_href() == last_written.get_value() {
            return;
        }
        let (i, v) = tv.scenes.with_value(|s| wanted_by(&r, s, start));
        if i != tv.scene.get_untracked() {
            tv.go(i, Some(v), true);
        } else if view_tenths(v) != view_tenths(tv.view.get_untracked()) {
            tv.with_pano(&|p| p.set_view(v));
        }
    });
}
