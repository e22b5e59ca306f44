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
use std::rc::{Rc, Weak};

use storefront_api_types::View;
use storefront_tour_view::{Camera, Inertia};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    HtmlCanvasElement, HtmlElement, HtmlImageElement, WebGl2RenderingContext as GL, WebGlProgram,
    WebGlTexture, WebGlUniformLocation,
};

use crate::logic::tour::ease;

/// How long a scene fades into the next, ms (none when the shopper prefers reduced motion).
pub const FADE_MS: f64 = 400.0;
/// The drawing buffer follows `devicePixelRatio` up to this.
const MAX_DPR: f64 = 2.0;
/// A flick faster than this (px/ms) is capped.
const MAX_FLICK: f64 = 2.5;
/// The full picture's width; smaller GPUs keep the preview.
const FULL_WIDTH: i32 = 4096;

const VERTEX_SHADER: &str = r"#version 300 es
out vec2 v_ndc;
void main() {
    vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)) * 2.0 - 1.0;
    v_ndc = p;
    gl_Position = vec4(p, 0.0, 1.0);
}
";

const FRAGMENT_SHADER: &str = r"#version 300 es
precision highp float;
uniform sampler2D u_tex;
uniform sampler2D u_prev;
uniform float u_mix;
uniform mat3 u_cam;
uniform mat3 u_pcam;
in vec2 v_ndc;
out vec4 o_color;
const float TAU = 6.283185307179586;
const float PI = 3.141592653589793;
vec4 look(sampler2D t, mat3 cam) {
    vec3 d = normalize(cam * vec3(v_ndc, 1.0));
    float a = atan(d.x, d.z) / TAU;
    float u = fract(a + 0.5);
    float u2 = fract(a);
    float v = clamp(0.5 - asin(clamp(d.y, -1.0, 1.0)) / PI, 0.0, 1.0);
    vec2 gx = vec2(dFdx(u), dFdx(v));
    vec2 gy = vec2(dFdy(u), dFdy(v));
    float gx2 = dFdx(u2);
    float gy2 = dFdy(u2);
    if (abs(gx2) < abs(gx.x)) { gx.x = gx2; }
    if (abs(gy2) < abs(gy.x)) { gy.x = gy2; }
    return textureGrad(t, vec2(u, v), gx, gy);
}
void main() {
    vec4 c = look(u_tex, u_cam);
    if (u_mix < 1.0) {
        c = mix(look(u_prev, u_pcam), c, u_mix);
    }
    o_color = vec4(c.rgb, 1.0);
}
";

/// The GL objects: the program and its uniforms (no vertex data: the triangle comes from
/// `gl_VertexID`, drawn with WebGL2's default vertex array).
struct Renderer {
    gl: GL,
    program: WebGlProgram,
    u_tex: Option<WebGlUniformLocation>,
    u_prev: Option<WebGlUniformLocation>,
    u_mix: Option<WebGlUniformLocation>,
    u_cam: Option<WebGlUniformLocation>,
    u_pcam: Option<WebGlUniformLocation>,
    max_texture: i32,
}

fn compile(gl: &GL, kind: u32, source: &str) -> Option<web_sys::WebGlShader> {
    // a shader that does not compile fails the program's link, checked there
    let shader = gl.create_shader(kind)?;
    gl.shader_source(&shader, source);
    gl.compile_shader(&shader);
    Some(shader)
}

impl Renderer {
    /// A WebGL2 context on `canvas`; `None` when the browser has none (or it is blocked).
    fn new(canvas: &HtmlCanvasElement) -> Option<Renderer> {
        let options = js_sys::Object::new();
        for (k, v) in [
            ("alpha", false),
            ("antialias", false),
            ("depth", false),
            ("stencil", false),
            ("failIfMajorPerformanceCaveat", false),
        ] {
            js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_bool(v)).ok()?;
        }
        let gl = canvas
            .get_context_with_context_options("webgl2", &options)
            .ok()??
            .dyn_into::<GL>()
            .ok()?;
        let vs = compile(&gl, GL::VERTEX_SHADER, VERTEX_SHADER)?;
        let fs = compile(&gl, GL::FRAGMENT_SHADER, FRAGMENT_SHADER)?;
        let program = gl.create_program()?;
        gl.attach_shader(&program, &vs);
        gl.attach_shader(&program, &fs);
        gl.link_program(&program);
        let linked = gl
            .get_program_parameter(&program, GL::LINK_STATUS)
            .as_bool()
            .unwrap_or(false);
        if !linked {
            return None;
        }
        let u = |name| gl.get_uniform_location(&program, name);
        let max_texture = gl
            .get_parameter(GL::MAX_TEXTURE_SIZE)
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as i32;
        Some(Renderer {
            u_tex: u("u_tex"),
            u_prev: u("u_prev"),
            u_mix: u("u_mix"),
            u_cam: u("u_cam"),
            u_pcam: u("u_pcam"),
            max_texture,
            program,
            gl,
        })
    }

    /// A mipmapped texture of `img`, wrapping around in yaw.
    fn upload(&self, img: &HtmlImageElement) -> Option<WebGlTexture> {
        let gl = &self.gl;
        let tex = gl.create_texture()?;
        gl.bind_texture(GL::TEXTURE_2D, Some(&tex));
        gl.tex_image_2d_with_u32_and_u32_and_html_image_element(
            GL::TEXTURE_2D,
            0,
            GL::RGB8 as i32,
            GL::RGB,
            GL::UNSIGNED_BYTE,
            img,
        )
        .ok()?;
        gl.generate_mipmap(GL::TEXTURE_2D);
        gl.tex_parameteri(
            GL::TEXTURE_2D,
            GL::TEXTURE_MIN_FILTER,
            GL::LINEAR_MIPMAP_LINEAR as i32,
        );
        gl.tex_parameteri(GL::TEXTURE_2D, GL::TEXTURE_MAG_FILTER, GL::LINEAR as i32);
        gl.tex_parameteri(GL::TEXTURE_2D, GL::TEXTURE_WRAP_S, GL::REPEAT as i32);
        gl.tex_parameteri(GL::TEXTURE_2D, GL::TEXTURE_WRAP_T, GL::CLAMP_TO_EDGE as i32);
        Some(tex)
    }

    /// Draws `tex` seen by `camera`, over `prev` seen by its camera faded by `mix` (1:
    /// only `tex`), on a `w`×`h` drawing buffer.
    fn draw(
        &self,
        w: i32,
        h: i32,
        tex: &WebGlTexture,
        camera: &Camera,
        prev: Option<(&WebGlTexture, &Camera)>,
        mix: f64,
    ) {
        let gl = &self.gl;
        gl.viewport(0, 0, w, h);
        gl.use_program(Some(&self.program));
        gl.active_texture(GL::TEXTURE0);
        gl.bind_texture(GL::TEXTURE_2D, Some(tex));
        gl.uniform1i(self.u_tex.as_ref(), 0);
        let (ptex, pcam) = prev.unwrap_or((tex, camera));
        gl.active_texture(GL::TEXTURE1);
        gl.bind_texture(GL::TEXTURE_2D, Some(ptex));
        gl.uniform1i(self.u_prev.as_ref(), 1);
        gl.uniform1f(
            self.u_mix.as_ref(),
            if prev.is_some() { mix as f32 } else { 1.0 },
        );
        gl.uniform_matrix3fv_with_f32_array(self.u_cam.as_ref(), false, &camera_matrix(camera));
        gl.uniform_matrix3fv_with_f32_array(self.u_pcam.as_ref(), false, &camera_matrix(pcam));
        gl.draw_arrays(GL::TRIANGLES, 0, 3);
    }
}

/// The shader's camera: columns right·tan(fov/2), up·tan(fov/2)·h/w and forward, so
/// `cam * (x, y, 1)` is the direction at normalised screen point `(x, y)`.
fn camera_matrix(c: &Camera) -> [f32; 9] {
    let (r, u, f) = c.basis();
    let t = (c.fov.to_radians() / 2.0).tan();
    let ty = t * c.height / c.width;
    [
        (r.x * t) as f32,
        (r.y * t) as f32,
        (r.z * t) as f32,
        (u.x * ty) as f32,
        (u.y * ty) as f32,
        (u.z * ty) as f32,
        f.x as f32,
        f.y as f32,
        f.z as f32,
    ]
}

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

impl Pano {
    /// A viewer looking at `view`, not yet drawing anywhere.
    pub fn new(view: View) -> Pano {
        Pano(Rc::new(RefCell::new(Viewer {
            renderer: None,
            canvas: None,
            camera: Camera::new(view, 1.0, 1.0),
            hold: None,
            buffer: (1, 1),
            textures: HashMap::new(),
            fulls: Vec::new(),
            loading: Vec::new(),
            current: None,
            prev: None,
            fade_from: None,
            wanted: None,
            spots_root: None,
            angles: Vec::new(),
            spots: Vec::new(),
            spots_dirty: true,
            inertia: None,
            last_frame: None,
            pointers: Vec::new(),
            pinch: None,
            velocity: (0.0, 0.0),
            last_move: 0.0,
            raf: None,
            frame_cb: None,
            reduced_motion: prefers_reduced_motion(),
            marked_preview: false,
            marked_full: false,
            frames: 0,
            on_view: None,
            on_status: None,
            notified: view,
        })))
    }

    /// Starts drawing on `canvas`, with the hotspot buttons in `spots_root`; `false`
    /// when there is no WebGL2 (the page then shows the flat panorama). `lost` is called
    /// if the browser takes the context away later.
    pub fn attach(
        &self,
        canvas: HtmlCanvasElement,
        spots_root: HtmlElement,
        on_view: impl Fn(View) + 'static,
        on_status: impl Fn(Status) + 'static,
        lost: impl Fn() + 'static,
    ) -> bool {
        let Some(renderer) = Renderer::new(&canvas) else {
            return false;
        };
        let weak: Weak<RefCell<Viewer>> = Rc::downgrade(&self.0);
        let frame = Closure::<dyn FnMut(f64)>::new(move |t: f64| {
            if let Some(rc) = weak.upgrade() {
                Pano(rc).frame(t);
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_lost = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            if let Some(rc) = weak.upgrade() {
                if let Ok(mut v) = rc.try_borrow_mut() {
                    v.renderer = None;
                    v.textures.clear();
                }
            }
            lost();
        });
        let _ = canvas
            .add_event_listener_with_callback("webglcontextlost", on_lost.as_ref().unchecked_ref());
        // the listener lives as long as the canvas
        on_lost.forget();
        let Ok(mut v) = self.0.try_borrow_mut() else {
            return false;
        };
        v.renderer = Some(renderer);
        v.canvas = Some(canvas);
        v.spots_root = Some(spots_root);
        v.frame_cb = Some(frame);
        v.on_view = Some(Rc::new(on_view));
        v.on_status = Some(Rc::new(on_status));
        true
    }

    /// Stops drawing and lets go of the GL objects (the page is left).
    pub fn detach(&self) {
        if let Ok(mut v) = self.0.try_borrow_mut() {
            if let (Some(id), Some(w)) = (v.raf.take(), web_sys::window()) {
                let _ = w.cancel_animation_frame(id);
            }
            if let Some(r) = &v.renderer {
                for t in v.textures.values() {
                    r.gl.delete_texture(Some(t));
                }
            }
            v.textures.clear();
            v.renderer = None;
            v.frame_cb = None;
            v.on_view = None;
            v.on_status = None;
            v.spots.clear();
        }
    }

    /// The current view.
    pub fn view(&self) -> Option<View> {
        self.0.try_borrow().ok().map(|v| v.camera.view())
    }

    /// The canvas box changed size (CSS px).
    pub fn resize(&self, width: f64, height: f64) {
        {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            let dpr = web_sys::window()
                .map_or(1.0, |w| w.device_pixel_ratio())
                .clamp(1.0, MAX_DPR);
            v.camera.width = width.max(1.0);
            v.camera.height = height.max(1.0);
            if let Some(h) = v.hold.as_mut() {
                h.width = width.max(1.0);
                h.height = height.max(1.0);
            }
            let (bw, bh) = (
                (width * dpr).round().max(1.0) as i32,
                (height * dpr).round().max(1.0) as i32,
            );
            if v.buffer != (bw, bh) {
                v.buffer = (bw, bh);
                if let Some(c) = &v.canvas {
                    c.set_width(bw as u32);
                    c.set_height(bh as u32);
                }
            }
            for s in &mut v.spots {
                s.shown = None;
            }
        }
        self.request_frame();
    }

    /// Asks for one animation frame (several asks before it runs make one frame).
    pub fn request_frame(&self) {
        let Ok(mut v) = self.0.try_borrow_mut() else {
            return;
        };
        if v.raf.is_some() || v.renderer.is_none() {
            return;
        }
        let Some(cb) = v.frame_cb.as_ref() else {
            return;
        };
        v.raf = web_sys::window()
            .and_then(|w| w.request_animation_frame(cb.as_ref().unchecked_ref()).ok());
    }

    /// The hotspots of the scene shown, as `(yaw, pitch)` in the order of their buttons'
    /// `data-i`.
    pub fn set_spots(&self, angles: Vec<(f64, f64)>) {
        if let Ok(mut v) = self.0.try_borrow_mut() {
            v.angles = angles;
            v.spots_dirty = true;
        }
        self.request_frame();
    }

    /// Shows a scene: its preview at once (when it is not loaded yet, the current scene
    /// stays as it is until it is), then its full picture; looking at `view` (from now on:
    /// turning and zooming while the picture loads counts), fading from the current scene
    /// when `fade`.
    pub fn show(&self, preview: String, full: String, view: View, fade: bool) {
        let wanted = {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            let on_screen = v.current.as_deref() == Some(preview.as_str())
                || v.current.as_deref() == Some(full.as_str());
            if v.current.is_some() && !on_screen {
                // the picture on screen keeps its camera until the next one is ready
                if v.hold.is_none() {
                    v.hold = Some(v.camera);
                }
            } else {
                v.hold = None;
            }
            let (w, h) = (v.camera.width, v.camera.height);
            v.camera = Camera::new(view, w, h);
            v.inertia = None;
            v.spots_dirty = true;
            let w = Wanted {
                preview,
                full,
                fade,
            };
            v.wanted = Some(w.clone());
            w
        };
        self.advance(&wanted);
    }

    /// Puts the best picture of `wanted` on screen and fetches what is missing.
    fn advance(&self, wanted: &Wanted) {
        let (has_full, has_preview, full_ok, listener) = {
            let Ok(v) = self.0.try_borrow() else {
                return;
            };
            let full_ok = v
                .renderer
                .as_ref()
                .is_some_and(|r| r.max_texture >= FULL_WIDTH);
            (
                v.textures.contains_key(&wanted.full),
                v.textures.contains_key(&wanted.preview),
                full_ok,
                v.on_status.clone(),
            )
        };
        let status = if has_full {
            self.switch_to(&wanted.full, wanted);
            Status::Ready
        } else if has_preview {
            self.switch_to(&wanted.preview, wanted);
            if full_ok {
                self.fetch(wanted.full.clone(), true);
                Status::LoadingFull
            } else {
                Status::Ready
            }
        } else {
            self.fetch(wanted.preview.clone(), false);
            Status::LoadingScene
        };
        if let Some(l) = listener {
            l(status);
        }
    }

    /// Shows texture `url` for `wanted` (a later picture of the same scene replaces the
    /// earlier one without a fade and without moving the camera).
    fn switch_to(&self, url: &str, wanted: &Wanted) {
        {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            let same_scene = v.current.as_deref() == Some(wanted.preview.as_str())
                || v.current.as_deref() == Some(wanted.full.as_str());
            if !same_scene {
                let old = v.current.clone();
                let fade = wanted.fade && !v.reduced_motion;
                let held = v.hold.take().unwrap_or(v.camera);
                v.prev = match (old, fade) {
                    (Some(o), true) => Some((o, held)),
                    _ => None,
                };
                v.fade_from = None;
                v.spots_dirty = true;
            }
            v.hold = None;
            v.current = Some(url.to_owned());
        }
        self.request_frame();
    }

    /// Loads picture `url` into a texture (once, however often asked); when it belongs to
    /// the scene wanted by then, shows it (a preview fetched ahead for a scene the shopper
    /// then moves to counts). `full`: a full-resolution picture (few are kept).
    fn fetch(&self, url: String, full: bool) {
        {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            if v.loading.contains(&url) {
                return;
            }
            v.loading.push(url.clone());
        }
        let weak = Rc::downgrade(&self.0);
        leptos::task::spawn_local(async move {
            let img = load_image(&url).await;
            let Some(rc) = weak.upgrade() else {
                return;
            };
            let pano = Pano(rc);
            let (loaded, wanted, listener) = {
                let Ok(mut v) = pano.0.try_borrow_mut() else {
                    return;
                };
                v.loading.retain(|u| *u != url);
                let tex = img.as_ref().and_then(|i| v.renderer.as_ref()?.upload(i));
                let loaded = tex.is_some();
                if let Some(tex) = tex {
                    v.textures.insert(url.clone(), tex);
                    if full {
                        v.forget_old_full(&url);
                    }
                }
                let wanted = v
                    .wanted
                    .clone()
                    .filter(|w| w.preview == url || w.full == url);
                (loaded, wanted, v.on_status.clone())
            };
            match (wanted, loaded) {
                (Some(w), true) => pano.advance(&w),
                // the scene's picture cannot be had (the full one: the preview stays)
                (Some(_), false) => {
                    if let Some(l) = listener {
                        l(if full { Status::Ready } else { Status::Failed });
                    }
                }
                (None, _) => {}
            }
        });
    }

    /// Fetches pictures ahead (the previews of the scenes a hotspot leads to).
    pub fn preload(&self, urls: Vec<String>) {
        for url in urls {
            let cached = self.0.try_borrow().map_or(true, |v| {
                v.textures.contains_key(&url) || v.renderer.is_none()
            });
            if !cached {
                self.fetch(url, false);
            }
        }
    }

    /// Turns the view by `(dyaw, dpitch)` degrees.
    pub fn look(&self, dyaw: f64, dpitch: f64) {
        if let Ok(mut v) = self.0.try_borrow_mut() {
            v.inertia = None;
            v.camera.yaw += dyaw;
            v.camera.pitch += dpitch;
            v.camera.clamp();
        }
        self.request_frame();
    }

    /// Looks at `yaw`/`pitch` (device orientation).
    pub fn look_at(&self, yaw: f64, pitch: f64) {
        if let Ok(mut v) = self.0.try_borrow_mut() {
            v.inertia = None;
            v.camera.yaw = yaw;
            v.camera.pitch = pitch;
            v.camera.clamp();
        }
        self.request_frame();
    }

    /// Looks at `view` (a link to another view of the same scene).
    pub fn set_view(&self, view: View) {
        if let Ok(mut v) = self.0.try_borrow_mut() {
            v.inertia = None;
            let (w, h) = (v.camera.width, v.camera.height);
            v.camera = Camera::new(view, w, h);
        }
        self.request_frame();
    }

    /// Zooms by `factor` (> 1 in).
    pub fn zoom(&self, factor: f64) {
        if let Ok(mut v) = self.0.try_borrow_mut() {
            v.camera.zoom(factor);
        }
        self.request_frame();
    }

    /// A pointer went down on the panorama.
    pub fn pointer_down(&self, id: i32, x: f64, y: f64) {
        let Ok(mut v) = self.0.try_borrow_mut() else {
            return;
        };
        v.inertia = None;
        v.pointers.retain(|p| p.id != id);
        v.pointers.push(Pointer { id, x, y });
        v.velocity = (0.0, 0.0);
        v.last_move = now_ms();
        v.pinch = pinch_distance(&v.pointers);
    }

    /// A pointer moved: one drags the view, two pinch-zoom it.
    pub fn pointer_move(&self, id: i32, x: f64, y: f64) {
        {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            let Some(p) = v.pointers.iter_mut().find(|p| p.id == id) else {
                return;
            };
            let old = *p;
            *p = Pointer { id, x, y };
            if v.pointers.len() == 1 {
                let (dx, dy) = (x - old.x, y - old.y);
                v.camera.drag(dx, dy);
                let now = now_ms();
                let dt = (now - v.last_move).max(1.0);
                let (vx, vy) = v.velocity;
                v.velocity = (0.8 * dx / dt + 0.2 * vx, 0.8 * dy / dt + 0.2 * vy);
                v.last_move = now;
            } else if let (Some(before), Some(after)) = (v.pinch, pinch_distance(&v.pointers)) {
                if before > 0.0 {
                    v.camera.zoom(after / before);
                }
                v.pinch = Some(after);
            }
        }
        self.request_frame();
    }

    /// A pointer went up or was cancelled: a flick keeps turning for a moment (not with
    /// reduced motion).
    pub fn pointer_up(&self, id: i32) {
        {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            let was = v.pointers.len();
            v.pointers.retain(|p| p.id != id);
            v.pinch = pinch_distance(&v.pointers);
            let recent = now_ms() - v.last_move < 80.0;
            if was == 1 && v.pointers.is_empty() && recent && !v.reduced_motion {
                let (vx, vy) = v.velocity;
                let speed = vx.hypot(vy);
                if speed > Inertia::STOP * 4.0 {
                    let k = speed.min(MAX_FLICK) / speed;
                    v.inertia = Some(Inertia {
                        vx: vx * k,
                        vy: vy * k,
                    });
                    v.last_frame = None;
                }
            }
        }
        self.request_frame();
    }

    /// Whether a pointer is down (a drag is going on).
    pub fn dragging(&self) -> bool {
        self.0.try_borrow().is_ok_and(|v| !v.pointers.is_empty())
    }

    /// One animation frame: inertia, the fade, the picture, the hotspots.
    fn frame(&self, now: f64) {
        let (listener, view) = {
            let Ok(mut v) = self.0.try_borrow_mut() else {
                return;
            };
            v.raf = None;
            mark("tour-frame-start");
            let more = v.step(now);
            let drawn = v.draw(now);
            v.place_spots();
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.measure_with_start_mark("tour-frame", "tour-frame-start");
                v.frames = v.frames.wrapping_add(1);
                // user timing entries are kept until cleared: a long visit stays small
                if v.frames % 2000 == 0 {
                    p.clear_marks_with_mark_name("tour-frame-start");
                    p.clear_measures_with_measure_name("tour-frame");
                }
            }
            if drawn {
                v.mark_paints();
            }
            let view = v.camera.view();
            let changed = view != v.notified;
            if changed {
                v.notified = view;
            }
            let listener = if changed { v.on_view.clone() } else { None };
            drop(v);
            if more {
                self.request_frame();
            }
            (listener, view)
        };
        if let Some(l) = listener {
            l(view);
        }
    }
}

impl Viewer {
    /// Moves inertia and the fade on; whether another frame is needed.
    fn step(&mut self, now: f64) -> bool {
        let dt = self.last_frame.map_or(16.0, |t| now - t);
        let mut more = false;
        if let Some(mut i) = self.inertia {
            if i.step(&mut self.camera, dt) {
                self.inertia = Some(i);
                more = true;
            } else {
                self.inertia = None;
            }
        }
        if self.prev.is_some() {
            let from = *self.fade_from.get_or_insert(now);
            if now - from >= FADE_MS {
                self.prev = None;
                self.fade_from = None;
            } else {
                more = true;
            }
        }
        self.last_frame = more.then_some(now);
        more
    }

    /// Draws the scene; whether anything was drawn.
    fn draw(&self, now: f64) -> bool {
        let (Some(r), Some(url)) = (&self.renderer, &self.current) else {
            return false;
        };
        let Some(tex) = self.textures.get(url) else {
            return false;
        };
        let prev = self.prev.as_ref().and_then(|(u, cam)| {
            let mut cam = *cam;
            cam.width = self.camera.width;
            cam.height = self.camera.height;
            Some((self.textures.get(u)?, cam))
        });
        if let Some(held) = &self.hold {
            // the next scene is on its way: the one on screen stays as it was
            r.draw(self.buffer.0, self.buffer.1, tex, held, None, 1.0);
            return true;
        }
        let t = self
            .fade_from
            .map_or(0.0, |from| ease((now - from) / FADE_MS));
        match prev {
            Some((ptex, mut pcam)) => {
                // the old scene walks forward a little as it fades
                pcam.fov = (pcam.fov * (1.0 - 0.25 * t)).max(1.0);
                r.draw(
                    self.buffer.0,
                    self.buffer.1,
                    tex,
                    &self.camera,
                    Some((ptex, &pcam)),
                    t,
                );
            }
            None => r.draw(self.buffer.0, self.buffer.1, tex, &self.camera, None, 1.0),
        }
        true
    }

    /// Puts every hotspot button where its direction is on screen; hides (and takes out
    /// of the tab order) those behind the camera or outside the view, and all of them
    /// while the scene's picture is not up yet.
    fn place_spots(&mut self) {
        if self.spots_dirty {
            self.collect_spots();
        }
        let ready = self.current.as_ref().is_some_and(|u| {
            self.wanted
                .as_ref()
                .is_some_and(|w| *u == w.preview || *u == w.full)
        });
        let camera = self.camera;
        for s in &mut self.spots {
            let at = camera
                .project(s.yaw, s.pitch)
                .filter(|p| p.on_screen && ready)
                .map(|p| (p.x.round() as i32, p.y.round() as i32));
            if at == s.shown {
                continue;
            }
            match at {
                Some((x, y)) => {
                    if s.shown.is_none() {
                        s.el.set_hidden(false);
                    }
                    let _ =
                        s.el.style()
                            .set_property("transform", &format!("translate({x}px,{y}px)"));
                }
                None => s.el.set_hidden(true),
            }
            s.shown = at;
        }
    }

    /// Pairs the buttons in the hotspot layer with their directions (`data-i`).
    fn collect_spots(&mut self) {
        let Some(root) = &self.spots_root else {
            return;
        };
        let children = root.children();
        let mut spots = Vec::with_capacity(children.length() as usize);
        for i in 0..children.length() {
            let Some(el) = children
                .item(i)
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            else {
                continue;
            };
            let angle = el
                .get_attribute("data-i")
                .and_then(|s| s.parse::<usize>().ok())
                .and_then(|i| self.angles.get(i).copied());
            match angle {
                Some((yaw, pitch)) => spots.push(Spot {
                    yaw,
                    pitch,
                    el,
                    shown: None,
                }),
                None => el.set_hidden(true),
            }
        }
        for s in &spots {
            s.el.set_hidden(true);
        }
        self.spots = spots;
        self.spots_dirty = false;
    }

    /// Marks the first paint of a preview and of a full picture.
    fn mark_paints(&mut self) {
        let Some(w) = &self.wanted else {
            return;
        };
        let cur = self.current.as_deref();
        if !self.marked_preview && (cur == Some(w.preview.as_str()) || cur == Some(w.full.as_str()))
        {
            self.marked_preview = true;
            mark("tour-preview-painted");
        }
        if !self.marked_full && cur == Some(w.full.as_str()) {
            self.marked_full = true;
            mark("tour-full-painted");
        }
    }

    /// Keeps at most two full pictures on the GPU (each is tens of MB): the one just
    /// loaded and the one on screen.
    fn forget_old_full(&mut self, loaded: &str) {
        self.fulls.retain(|u| u != loaded);
        let mut old = Vec::new();
        for u in std::mem::take(&mut self.fulls) {
            let in_use = self.current.as_deref() == Some(u.as_str())
                || self.prev.as_ref().is_some_and(|(p, _)| *p == u);
            if in_use {
                self.fulls.push(u);
            } else {
                old.push(u);
            }
        }
        self.fulls.push(loaded.to_owned());
        for k in old {
            if let (Some(t), Some(r)) = (self.textures.remove(&k), &self.renderer) {
                r.gl.delete_texture(Some(&t));
            }
        }
    }
}

fn pinch_distance(pointers: &[Pointer]) -> Option<f64> {
    match pointers {
        [a, b, ..] => Some((a.x - b.x).hypot(a.y - b.y)),
        _ => None,
    }
}
