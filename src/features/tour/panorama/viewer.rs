//! One frame's work: inertia and fades, the draw, the hotspot buttons, the paint marks.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::*;
use crate::features::tour::logic::ease;

/// Least distance between two hotspot buttons' centres, in CSS pixels (a 44 px target and
/// a little room).
const SPOT_GAP_PX: i32 = 52;

impl Viewer {
    /// Moves inertia and the fade on; whether another frame is needed.
    pub(super) fn step(&mut self, now: f64) -> bool {
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
    pub(super) fn draw(&self, now: f64) -> bool {
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
    pub(super) fn place_spots(&mut self) {
        if self.spots_dirty {
            self.collect_spots();
        }
        let ready = self.current.as_ref().is_some_and(|u| {
            self.wanted
                .as_ref()
                .is_some_and(|w| *u == w.preview || *u == w.full)
        });
        let camera = self.camera;
        let mut placed: Vec<(i32, i32)> = Vec::with_capacity(self.spots.len());
        for s in &mut self.spots {
            let at = camera
                .project(s.yaw, s.pitch)
                .filter(|p| p.on_screen && ready)
                .map(|p| {
                    // two spots in nearly the same direction would cover each other: the
                    // later one moves down below the earlier until it is clear
                    let (x, mut y) = (p.x.round() as i32, p.y.round() as i32);
                    while placed.iter().any(|(px, py)| {
                        (px - x).abs() < SPOT_GAP_PX && (py - y).abs() < SPOT_GAP_PX
                    }) {
                        y += SPOT_GAP_PX;
                    }
                    placed.push((x, y));
                    (x, y)
                });
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
    pub(super) fn collect_spots(&mut self) {
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
    pub(super) fn mark_paints(&mut self) {
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
    pub(super) fn forget_old_full(&mut self, loaded: &str) {
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
