//! Camera math of the virtual-tour viewer.
//!
//! A panorama is an equirectangular image: a direction is `(yaw, pitch)` in degrees, yaw
//! from the image's centre column (positive to the right, -180..180), pitch from the
//! horizon (positive up, -90..=90). The camera looks along its own yaw/pitch with a
//! horizontal field of view; the screen is a rectilinear (pinhole) projection of that, so
//! straight edges in the shop stay straight at any zoom. The same formulas drive the
//! full-screen shader pass (screen → direction → image lookup) and the hotspot buttons
//! (direction → screen), so a hotspot sits exactly on what it labels.

use storefront_api_types::{View, TOUR_FOV_MAX, TOUR_FOV_MIN};

/// A unit vector in the panorama's space: x right (yaw 90), y up, z forward (yaw 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dir {
    /// Right.
    pub x: f64,
    /// Up.
    pub y: f64,
    /// Forward.
    pub z: f64,
}

impl Dir {
    /// The direction of `(yaw, pitch)` in degrees.
    pub fn from_angles(yaw: f64, pitch: f64) -> Dir {
        let (y, p) = (yaw.to_radians(), pitch.to_radians());
        Dir {
            x: p.cos() * y.sin(),
            y: p.sin(),
            z: p.cos() * y.cos(),
        }
    }

    /// `(yaw, pitch)` in degrees of this direction (yaw in -180..=180; at the poles 0).
    pub fn angles(self) -> (f64, f64) {
        let n = (self.x * self.x + self.y * self.y + self.z * self.z).sqrt();
        if n == 0.0 {
            return (0.0, 0.0);
        }
        let pitch = (self.y / n).clamp(-1.0, 1.0).asin().to_degrees();
        let yaw = if self.x.abs() < 1e-12 && self.z.abs() < 1e-12 {
            0.0
        } else {
            self.x.atan2(self.z).to_degrees()
        };
        (yaw, pitch)
    }

    fn dot(self, o: Dir) -> f64 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }
}

/// Yaw wrapped into -180..180.
pub fn wrap_yaw(yaw: f64) -> f64 {
    let y = (yaw + 180.0).rem_euclid(360.0) - 180.0;
    if y.is_finite() {
        y
    } else {
        0.0
    }
}

/// The camera: where it looks and how wide, on a viewport of `width`×`height` CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// Degrees, -180..180.
    pub yaw: f64,
    /// Degrees, -90..=90.
    pub pitch: f64,
    /// Horizontal field of view, degrees, within the limits.
    pub fov: f64,
    /// Viewport width in px.
    pub width: f64,
    /// Viewport height in px.
    pub height: f64,
}

/// Where a direction lands on the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenPoint {
    /// From the viewport's left, px.
    pub x: f64,
    /// From the viewport's top, px.
    pub y: f64,
    /// Whether it is inside the viewport (a hotspot outside is not shown).
    pub on_screen: bool,
}

impl Camera {
    /// A camera for `view` on a `width`×`height` viewport, with the view clamped.
    pub fn new(view: View, width: f64, height: f64) -> Camera {
        let mut c = Camera {
            yaw: view.yaw,
            pitch: view.pitch,
            fov: view.fov,
            width: width.max(1.0),
            height: height.max(1.0),
        };
        c.clamp();
        c
    }

    /// The view this camera shows (for deep links).
    pub fn view(&self) -> View {
        View {
            yaw: self.yaw,
            pitch: self.pitch,
            fov: self.fov,
        }
    }

    /// Keeps yaw wrapped, pitch within ±90 and the field of view within
    /// [`TOUR_FOV_MIN`]..=[`TOUR_FOV_MAX`] (a non-finite value falls back to the middle).
    pub fn clamp(&mut self) {
        self.yaw = wrap_yaw(if self.yaw.is_finite() { self.yaw } else { 0.0 });
        self.pitch = if self.pitch.is_finite() {
            self.pitch.clamp(-90.0, 90.0)
        } else {
            0.0
        };
        self.fov = if self.fov.is_finite() {
            self.fov.clamp(TOUR_FOV_MIN, TOUR_FOV_MAX)
        } else {
            (TOUR_FOV_MIN + TOUR_FOV_MAX) / 2.0
        };
    }

    /// Focal length in px: half the width over tan(half the horizontal field of view).
    fn focal(&self) -> f64 {
        self.width / 2.0 / (self.fov.to_radians() / 2.0).tan()
    }

    /// The camera's axes in panorama space: right, up, forward (the renderer's shader
    /// turns a screen point into `forward + x·right + y·up` with the same axes).
    pub fn basis(&self) -> (Dir, Dir, Dir) {
        let (y, p) = (self.yaw.to_radians(), self.pitch.to_radians());
        let forward = Dir::from_angles(self.yaw, self.pitch);
        let right = Dir {
            x: y.cos(),
            y: 0.0,
            z: -y.sin(),
        };
        let up = Dir {
            x: -p.sin() * y.sin(),
            y: p.cos(),
            z: -p.sin() * y.cos(),
        };
        (right, up, forward)
    }

    /// Where `(yaw, pitch)` appears on the screen; `None` when it is behind the camera
    /// (or on the plane through it), so a hotspot there is hidden.
    pub fn project(&self, yaw: f64, pitch: f64) -> Option<ScreenPoint> {
        let d = Dir::from_angles(yaw, pitch);
        let (right, up, forward) = self.basis();
        let depth = d.dot(forward);
        if depth <= 1e-6 {
            return None;
        }
        let f = self.focal();
        let x = self.width / 2.0 + f * d.dot(right) / depth;
        let y = self.height / 2.0 - f * d.dot(up) / depth;
        let on_screen = (0.0..=self.width).contains(&x) && (0.0..=self.height).contains(&y);
        Some(ScreenPoint { x, y, on_screen })
    }

    /// The direction `(yaw, pitch)` seen at screen point `(x, y)`.
    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        let (right, up, forward) = self.basis();
        let f = self.focal();
        let (sx, sy) = ((x - self.width / 2.0) / f, (self.height / 2.0 - y) / f);
        Dir {
            x: forward.x + sx * right.x + sy * up.x,
            y: forward.y + sx * right.y + sy * up.y,
            z: forward.z + sx * right.z + sy * up.z,
        }
        .angles()
    }

    /// Looks around by a drag of `(dx, dy)` px: the point under the finger stays under
    /// it (at the centre of the screen exactly), whatever the zoom.
    pub fn drag(&mut self, dx: f64, dy: f64) {
        let deg_per_px = self.fov / self.width;
        self.yaw -= dx * deg_per_px;
        self.pitch += dy * deg_per_px;
        self.clamp();
    }

    /// Zooms by `factor` (> 1 zooms in), within the limits.
    pub fn zoom(&mut self, factor: f64) {
        if factor.is_finite() && factor > 0.0 {
            self.fov /= factor;
        }
        self.clamp();
    }
}

/// Drag inertia: a velocity in px per ms that decays after the finger lifts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inertia {
    /// Horizontal px per ms.
    pub vx: f64,
    /// Vertical px per ms.
    pub vy: f64,
}

impl Inertia {
    /// Below this speed (px/ms) the motion stops.
    pub const STOP: f64 = 0.01;
    /// Fraction of speed kept per ms (gentle: about 0.4 s to a stop from a flick).
    pub const KEEP_PER_MS: f64 = 0.992;

    /// Advances `dt_ms`: moves the camera and slows down. Returns whether it still moves.
    pub fn step(&mut self, camera: &mut Camera, dt_ms: f64) -> bool {
        let dt = dt_ms.clamp(0.0, 100.0);
        camera.drag(self.vx * dt, self.vy * dt);
        let keep = Self::KEEP_PER_MS.powf(dt);
        self.vx *= keep;
        self.vy *= keep;
        let moving = self.vx.hypot(self.vy) >= Self::STOP;
        if !moving {
            self.vx = 0.0;
            self.vy = 0.0;
        }
        moving
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cam(yaw: f64, pitch: f64, fov: f64) -> Camera {
        Camera::new(View { yaw, pitch, fov }, 1280.0, 720.0)
    }

    fn close_angles(a: (f64, f64), b: (f64, f64)) -> bool {
        let dy = wrap_yaw(a.0 - b.0).abs();
        // near a pole yaw is meaningless
        (a.1 - b.1).abs() < 1e-6 && (dy < 1e-6 || b.1.abs() > 89.999)
    }

    proptest! {
        #[test]
        fn angles_round_trip(yaw in -179.999f64..179.999, pitch in -89.9f64..89.9) {
            let back = Dir::from_angles(yaw, pitch).angles();
            prop_assert!(close_angles(back, (yaw, pitch)), "{back:?} vs {yaw} {pitch}");
        }

        #[test]
        fn project_then_unproject_is_the_same_direction(
            cy in -180.0f64..180.0, cp in -80.0f64..80.0, fov in 30.0f64..100.0,
            sx in 0.0f64..1.0, sy in 0.0f64..1.0,
        ) {
            // a direction that is on screen: take a screen point, unproject, project back
            let c = cam(cy, cp, fov);
            let (x, y) = (sx * c.width, sy * c.height);
            let (yaw, pitch) = c.unproject(x, y);
            let p = c.project(yaw, pitch);
            prop_assert!(p.is_some());
            let p = p.unwrap_or(ScreenPoint { x: f64::NAN, y: f64::NAN, on_screen: false });
            prop_assert!((p.x - x).abs() < 1e-6 && (p.y - y).abs() < 1e-6, "{p:?} vs {x} {y}");
            prop_assert!(p.on_screen);
            // and from the direction side
            let again = c.unproject(p.x, p.y);
            prop_assert!(close_angles(again, (yaw, pitch)));
        }

        #[test]
        fn directions_behind_the_camera_are_hidden(
            cy in -180.0f64..180.0, cp in -85.0f64..85.0, fov in 30.0f64..100.0,
            off_yaw in 91.0f64..269.0,
        ) {
            // the point opposite the view direction and anything more than 90° off
            // horizontally at the camera's pitch 0 is behind
            let c = cam(cy, 0.0, fov);
            prop_assert!(c.project(cy + off_yaw, 0.0).is_none());
            let c = cam(cy, cp, fov);
            let (ay, ap) = Dir::from_angles(cy, cp).angles();
            prop_assert!(c.project(ay + 180.0, -ap).is_none());
        }

        #[test]
        fn field_of_view_and_pitch_stay_within_limits(
            fov in -1e6f64..1e6, pitch in -1e4f64..1e4, yaw in -1e6f64..1e6, z in 0.01f64..100.0,
        ) {
            let mut c = cam(yaw, pitch, fov);
            prop_assert!((TOUR_FOV_MIN..=TOUR_FOV_MAX).contains(&c.fov));
            prop_assert!((-90.0..=90.0).contains(&c.pitch));
            prop_assert!((-180.0..180.0).contains(&c.yaw));
            c.zoom(z);
            prop_assert!((TOUR_FOV_MIN..=TOUR_FOV_MAX).contains(&c.fov));
        }
    }

    #[test]
    fn the_centre_of_the_screen_is_the_view_direction() {
        let c = cam(30.0, 10.0, 90.0);
        let (yaw, pitch) = c.unproject(640.0, 360.0);
        assert!((yaw - 30.0).abs() < 1e-9 && (pitch - 10.0).abs() < 1e-9);
        let p = c.project(30.0, 10.0).unwrap_or(ScreenPoint {
            x: 0.0,
            y: 0.0,
            on_screen: false,
        });
        assert!((p.x - 640.0).abs() < 1e-9 && (p.y - 360.0).abs() < 1e-9);
        // a 90° field of view: 45° to the right is the right edge
        let edge = cam(0.0, 0.0, 90.0).project(45.0, 0.0);
        assert!(edge.is_some_and(|e| (e.x - 1280.0).abs() < 1e-6));
        // right is right, up is up
        let c = cam(0.0, 0.0, 60.0);
        assert!(c.project(10.0, 0.0).is_some_and(|p| p.x > 640.0));
        assert!(c.project(0.0, 10.0).is_some_and(|p| p.y < 360.0));
    }

    #[test]
    fn poles_and_wrapping() {
        // looking straight up works and the screen centre is the pole
        let c = cam(0.0, 90.0, 90.0);
        let (_, pitch) = c.unproject(640.0, 360.0);
        assert!((pitch - 90.0).abs() < 1e-9);
        assert_eq!(wrap_yaw(190.0), -170.0);
        assert_eq!(wrap_yaw(-190.0), 170.0);
        assert_eq!(wrap_yaw(f64::NAN), 0.0);
        let c = cam(f64::NAN, f64::INFINITY, f64::NAN);
        assert_eq!((c.yaw, c.pitch, c.fov), (0.0, 0.0, 65.0));
    }

    #[test]
    fn drag_keeps_the_point_under_the_finger_and_inertia_stops() {
        let mut c = cam(0.0, 0.0, 60.0);
        let before = c.unproject(640.0, 360.0);
        c.drag(100.0, 0.0);
        // what was 100 px left of the centre is now at the centre
        let moved = cam(0.0, 0.0, 60.0).unproject(540.0, 360.0);
        let now = c.unproject(640.0, 360.0);
        assert!(
            (now.0 - moved.0).abs() < 0.5,
            "{now:?} {moved:?} {before:?}"
        );
        let mut i = Inertia { vx: 2.0, vy: 0.0 };
        let mut steps = 0;
        while i.step(&mut c, 16.0) {
            steps += 1;
            assert!(steps < 200, "inertia never stops");
        }
        assert!(steps > 3, "inertia is gentle, not instant: {steps}");
        assert_eq!((i.vx, i.vy), (0.0, 0.0));
    }
}
