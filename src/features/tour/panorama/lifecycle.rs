//! The viewer's life: created, attached to its canvas, resized, asked for frames, and
//! each frame.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use storefront_api_types::View;
use storefront_tour_view::Camera;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};

use super::*;

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
            on_lost: None,
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
        let Ok(mut v) = self.0.try_borrow_mut() else {
            return false;
        };
        v.on_lost = Some(on_lost);
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
            // the page is gone: its "context lost" is no news to anyone
            let lost = v.on_lost.take();
            if let (Some(c), Some(l)) = (&v.canvas, lost) {
                let _ = c.remove_event_listener_with_callback(
                    "webglcontextlost",
                    l.as_ref().unchecked_ref(),
                );
            }
            if let Some(r) = &v.renderer {
                for t in v.textures.values() {
                    r.gl.delete_texture(Some(t));
                }
                // give the context back now, not when the canvas is collected: browsers
                // allow few at once, and a kiosk opens the tour all day
                if let Ok(Some(ext)) = r.gl.get_extension("WEBGL_lose_context") {
                    if let Ok(f) = js_sys::Reflect::get(&ext, &"loseContext".into()) {
                        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                            let _ = f.call0(&ext);
                        }
                    }
                }
            }
            v.textures.clear();
            v.renderer = None;
            v.canvas = None;
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

    /// One animation frame: inertia, the fade, the picture, the hotspots.
    pub(super) fn frame(&self, now: f64) {
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
