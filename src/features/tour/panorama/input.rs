//! Looking around: keys, buttons, drags, pinches and flicks.

use storefront_api_types::View;
use storefront_tour_view::{Camera, Inertia};

use super::*;

impl Pano {
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
}
