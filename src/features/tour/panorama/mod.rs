//! The WebGL2 panorama viewer of the store tour: one full-screen triangle whose fragment
//! shader turns each pixel into a direction (the camera of `storefront-tour-view`) and
//! looks it up in the equirectangular picture; the hotspot buttons laid over the canvas
//! are moved to where their direction lands, every frame that draws.
//!
//! Frames are drawn only when something changed (a drag, inertia, a scene fading in, a
//! picture arriving, a resize): [`Pano::request_frame`] asks for one animation frame, and
//! a frame asks for the next only while something still moves. Each frame's work is
//! wrapped in `performance.mark`/`measure` ("tour-frame"); the first frame with a
//! scene's preview marks "tour-preview-painted", the first with the full picture
//! "tour-full-painted" (the bench reads them).
//!
//! Textures: the preview (512×256) first, so the scene shows at once, then the full
//! picture (4096×2048) replaces it when it has loaded and decoded; mipmapped with
//! `textureGrad` and derivatives taken from whichever of two seams is farther, so there is
//! no line at yaw ±180 and no shimmer when zoomed out; `REPEAT` across the seam,
//! `CLAMP_TO_EDGE` at the poles. Nothing here panics: every browser call that can fail
//! is a value, and a `RefCell` already borrowed skips the work.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use storefront_api_types::View;
use storefront_tour_view::{Camera, Inertia};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlImageElement, WebGlTexture};

mod input;
mod lifecycle;
mod renderer;
mod scenes;
mod viewer;

use renderer::Renderer;

/// How long a scene fades into the next, ms (none when the shopper prefers reduced motion).
pub const FADE_MS: f64 = 400.0;
/// The drawing buffer follows `devicePixelRatio` up to this.
const MAX_DPR: f64 = 2.0;
/// A flick faster than this (px/ms) is capped.
const MAX_FLICK: f64 = 2.5;
/// The full picture's width; smaller GPUs keep the preview.
const FULL_WIDTH: i32 = 4096;

/// What the viewer is doing, for the page's status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The scene's first picture is on its way.
    LoadingScene,
    /// The preview shows; the full picture is on its way.
    LoadingFull,
    /// Nothing to wait for.
    Ready,
    /// The scene's picture could not be loaded.
    Failed,
}

/// A hotspot button and where it was last put.
struct Spot {
    yaw: f64,
    pitch: f64,
    el: HtmlElement,
    shown: Option<(i32, i32)>,
}

/// One pointer on the panorama.
#[derive(Clone, Copy)]
struct Pointer {
    id: i32,
    x: f64,
    y: f64,
}

/// The scene the page asked for.
#[derive(Clone)]
struct Wanted {
    preview: String,
    full: String,
    fade: bool,
}

/// Callbacks to the page (called with no borrow held).
type ViewListener = Rc<dyn Fn(View)>;
type StatusListener = Rc<dyn Fn(Status)>;

/// The viewer's state.
struct Viewer {
    renderer: Option<Renderer>,
    canvas: Option<HtmlCanvasElement>,
    camera: Camera,
    /// While the next scene's picture is on its way: the camera of the picture still on
    /// screen (`camera` already belongs to the next scene, so what the shopper does in the
    /// meantime counts there).
    hold: Option<Camera>,
    buffer: (i32, i32),
    textures: HashMap<String, WebGlTexture>,
    fulls: Vec<String>,
    loading: Vec<String>,
    current: Option<String>,
    prev: Option<(String, Camera)>,
    fade_from: Option<f64>,
    wanted: Option<Wanted>,
    spots_root: Option<HtmlElement>,
    angles: Vec<(f64, f64)>,
    spots: Vec<Spot>,
    spots_dirty: bool,
    inertia: Option<Inertia>,
    last_frame: Option<f64>,
    pointers: Vec<Pointer>,
    pinch: Option<f64>,
    velocity: (f64, f64),
    last_move: f64,
    raf: Option<i32>,
    frame_cb: Option<Closure<dyn FnMut(f64)>>,
    /// The canvas's `webglcontextlost` listener, removed when the viewer is detached.
    on_lost: Option<Closure<dyn FnMut(web_sys::Event)>>,
    reduced_motion: bool,
    marked_preview: bool,
    marked_full: bool,
    frames: u32,
    on_view: Option<ViewListener>,
    on_status: Option<StatusListener>,
    notified: View,
}

/// A handle on the viewer, cheap to clone.
#[derive(Clone)]
pub struct Pano(Rc<RefCell<Viewer>>);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Whether the shopper asked for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Loads and decodes a picture; `None` when it cannot be had.
pub async fn load_image(url: &str) -> Option<HtmlImageElement> {
    let img = HtmlImageElement::new().ok()?;
    img.set_cross_origin(Some("anonymous"));
    img.set_decoding("async");
    img.set_src(url);
    wasm_bindgen_futures::JsFuture::from(img.decode())
        .await
        .ok()?;
    Some(img)
}

fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

fn pinch_distance(pointers: &[Pointer]) -> Option<f64> {
    match pointers {
        [a, b, ..] => Some((a.x - b.x).hypot(a.y - b.y)),
        _ => None,
    }
}
