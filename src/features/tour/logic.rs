//! Pure parts of the virtual store tour: the view in the deep link (tenths of a degree,
//! written and read without float formatting), the shopper's bearing and view cone on the
//! floor plan, the flat (no-WebGL) strip's coordinates, the keyboard map of the viewer,
//! the booking dates on the store's calendar, and the scene and view a route asks for.

use storefront_api_types::{Scene, View, Weekday, TOUR_FOV_MAX, TOUR_FOV_MIN};

use crate::routes::AppRoute;

/// How far an arrow key turns the view, in degrees (Shift: three times as far).
pub const KEY_STEP_DEG: f64 = 5.0;
/// How much `+` zooms in (and `-` out) per press.
pub const KEY_ZOOM: f64 = 1.2;
/// Days a guide can be booked: the store's today and the 13 after it.
pub const BOOKING_DAYS: u32 = 14;

pub use crate::routes::{format_tenths, parse_tenths};

/// Degrees rounded to tenths (non-finite: 0).
pub fn to_tenths(deg: f64) -> i32 {
    if deg.is_finite() {
        (deg * 10.0).round().clamp(-1e8, 1e8) as i32
    } else {
        0
    }
}

/// The view a deep link asks for: its yaw, pitch and field of view (tenths of a degree)
/// where given, the scene's `initial` view for the rest, kept within the limits.
pub fn link_view(initial: View, yaw: Option<i32>, pitch: Option<i32>, fov: Option<i32>) -> View {
    let deg = |t: Option<i32>, or: f64| t.map_or(or, |t| f64::from(t) / 10.0);
    let mut camera = storefront_tour_view::Camera::new(
        View {
            yaw: deg(yaw, initial.yaw),
            pitch: deg(pitch, initial.pitch),
            fov: deg(fov, initial.fov),
        },
        1.0,
        1.0,
    );
    camera.clamp();
    camera.view()
}

/// The view as the deep link writes it: yaw, pitch and field of view in tenths.
pub fn view_tenths(v: View) -> (i32, i32, i32) {
    (to_tenths(v.yaw), to_tenths(v.pitch), to_tenths(v.fov))
}

/// The shopper's bearing on the floor plan (degrees clockwise from the plan's up,
/// 0..360) when looking at `yaw` in a scene whose yaw 0 points at `north_offset`.
pub fn plan_bearing(yaw: f64, north_offset: f64) -> f64 {
    let b = (yaw + north_offset).rem_euclid(360.0);
    if b.is_finite() && b < 360.0 {
        b
    } else {
        0.0
    }
}

/// The compass point of a bearing: 0 north, 1 north-east, … 7 north-west.
pub fn compass_point(bearing: f64) -> usize {
    (((plan_bearing(bearing, 0.0) + 22.5) / 45.0) as usize) % 8
}

/// An SVG path (in the plan's pixel space, whole pixels) of the view cone: from the
/// scene's spot `(x, y)` (fractions of the plan) towards `bearing` (degrees clockwise
/// from up), `fov` degrees wide, `len` pixels long, with a rounded far edge.
pub fn cone_path(x: f64, y: f64, w: u32, h: u32, bearing: f64, fov: f64, len: f64) -> String {
    let (cx, cy) = (x * f64::from(w), y * f64::from(h));
    let half = fov.clamp(1.0, 179.0) / 2.0;
    let point = |deg: f64| {
        let r = deg.to_radians();
        (
            (cx + len * r.sin()).round() as i64,
            (cy - len * r.cos()).round() as i64,
        )
    };
    let (ax, ay) = point(bearing - half);
    let (bx, by) = point(bearing + half);
    let (cx, cy, len) = (cx.round() as i64, cy.round() as i64, len.round() as i64);
    format!("M{cx} {cy}L{ax} {ay}A{len} {len} 0 0 1 {bx} {by}Z")
}

/// A CSS length of `fraction` of the containing box, as an integer percentage of
/// hundredths (no float formatting): 0.5 → `calc(5000% / 100)`.
pub fn percent_css(fraction: f64) -> String {
    let hundredths = if fraction.is_finite() {
        (fraction * 10_000.0).round() as i64
    } else {
        0
    };
    format!("calc({hundredths}% / 100)")
}

/// Where `(yaw, pitch)` is on the flat panorama strip, as fractions of its width (from
/// the left, yaw -180) and height (from the top, pitch 90).
pub fn strip_position(yaw: f64, pitch: f64) -> (f64, f64) {
    let x = (storefront_tour_view::wrap_yaw(yaw) + 180.0) / 360.0;
    let y = (90.0 - pitch.clamp(-90.0, 90.0)) / 180.0;
    (x, y)
}

/// What a key does to the panorama when it has focus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyAction {
    /// Turn by (yaw, pitch) degrees.
    Look(f64, f64),
    /// Zoom by this factor (> 1 zooms in).
    Zoom(f64),
}

/// The action of `key` (a `KeyboardEvent.key`), `None` for keys the viewer leaves alone.
pub fn key_action(key: &str, shift: bool) -> Option<KeyAction> {
    let step = if shift {
        KEY_STEP_DEG * 3.0
    } else {
        KEY_STEP_DEG
    };
    Some(match key {
        "ArrowLeft" | "Left" => KeyAction::Look(-step, 0.0),
        "ArrowRight" | "Right" => KeyAction::Look(step, 0.0),
        "ArrowUp" | "Up" => KeyAction::Look(0.0, step),
        "ArrowDown" | "Down" => KeyAction::Look(0.0, -step),
        "+" | "=" | "Add" => KeyAction::Zoom(KEY_ZOOM),
        "-" | "_" | "Subtract" => KeyAction::Zoom(1.0 / KEY_ZOOM),
        _ => return None,
    })
}

/// The zoom factor of a wheel turn of `delta_y` pixels (down zooms out), kept gentle.
pub fn wheel_zoom(delta_y: f64) -> f64 {
    if !delta_y.is_finite() {
        return 1.0;
    }
    (-delta_y.clamp(-200.0, 200.0) / 400.0).exp()
}

/// A civil date `YYYY-MM-DD` as (year, month, day), checked.
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (the contract's calendar arithmetic).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    storefront_api_types::days_from_civil(y, i64::from(m), i64::from(d))
}

/// `date` plus `n` days, `YYYY-MM-DD`.
pub fn add_days(date: &str, n: i64) -> Option<String> {
    let (y, m, d) = parse_date(date)?;
    let (y, m, d) = storefront_api_types::civil_from_days(days_from_civil(y, m, d) + n);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The weekday of a civil date.
pub fn weekday_of(date: &str) -> Option<Weekday> {
    let (y, m, d) = parse_date(date)?;
    // 1970-01-01 was a Thursday (index 3 from Monday)
    let i = (days_from_civil(y, m, d) + 3).rem_euclid(7) as usize;
    Weekday::ALL.get(i).copied()
}

/// The dates a guide can be booked on: the store's `today` and the days after it.
pub fn booking_dates(today: &str) -> Vec<String> {
    (0..i64::from(BOOKING_DAYS))
        .filter_map(|n| add_days(today, n))
        .collect()
}

/// The month and day of a date for a date button: `11月24日` / `24 Nov`.
pub fn short_date(date: &str, lang: storefront_api_types::Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let Some((_, m, d)) = parse_date(date) else {
        return date.to_owned();
    };
    match lang {
        storefront_api_types::Lang::ZhCn => format!("{m}月{d}日"),
        storefront_api_types::Lang::En => {
            let month = MONTHS.get(m as usize - 1).copied().unwrap_or("");
            format!("{d} {month}")
        }
    }
}

/// Keeps a field of view within the tour's limits.
pub fn clamp_fov(fov: f64) -> f64 {
    if fov.is_finite() {
        fov.clamp(TOUR_FOV_MIN, TOUR_FOV_MAX)
    } else {
        (TOUR_FOV_MIN + TOUR_FOV_MAX) / 2.0
    }
}

/// Smooth 0..1 easing of a transition's progress.
pub fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The scene and view a route asks for (the start scene and its initial view by default).
pub fn wanted_by(route: &AppRoute, scenes: &[Scene], start: usize) -> (usize, View) {
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use storefront_api_types::Lang;
    use storefront_api_types::{Image, LocalizedText, Panorama, PlanPoint};

    #[test]
    fn tenths_are_written_and_read_back() {
        for t in [0, 5, -5, 10, -10, 125, -125, 900, -900, 1799, -1800, 1000] {
            assert_eq!(parse_tenths(&format_tenths(t)), Some(t), "{t}");
        }
        assert_eq!(format_tenths(125), "12.5");
        assert_eq!(format_tenths(-5), "-0.5");
        assert_eq!(format_tenths(900), "90");
        assert_eq!(format_tenths(0), "0");
        assert_eq!(parse_tenths("12.34"), Some(123));
        assert_eq!(parse_tenths("+3"), Some(30));
        assert_eq!(parse_tenths(".5"), Some(5));
        assert_eq!(parse_tenths("7."), Some(70));
        for bad in [
            "", "-", ".", "abc", "1e3", "1.2.3", "--1", "123456", "1,5", " 1", "NaN",
        ] {
            assert_eq!(parse_tenths(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn to_tenths_rounds_and_survives_junk() {
        assert_eq!(to_tenths(12.34), 123);
        assert_eq!(to_tenths(-0.06), -1);
        assert_eq!(to_tenths(f64::NAN), 0);
        assert_eq!(to_tenths(f64::INFINITY), 0);
    }

    #[test]
    fn link_view_fills_in_and_clamps() {
        let initial = View {
            yaw: 10.0,
            pitch: -4.0,
            fov: 90.0,
        };
        assert_eq!(link_view(initial, None, None, None), initial);
        let v = link_view(initial, Some(-1255), Some(200), None);
        assert_eq!((v.yaw, v.pitch, v.fov), (-125.5, 20.0, 90.0));
        // out of range: wrapped and clamped, never an error
        let v = link_view(initial, Some(3700), Some(2000), Some(5));
        assert!((v.yaw - 10.0).abs() < 1e-9, "{v:?}");
        assert_eq!((v.pitch, v.fov), (90.0, TOUR_FOV_MIN));
        let v = link_view(initial, None, None, Some(99_999));
        assert_eq!(v.fov, TOUR_FOV_MAX);
        assert_eq!(view_tenths(v), (100, -40, 1000));
    }

    #[test]
    fn bearing_and_compass() {
        assert_eq!(plan_bearing(0.0, 0.0), 0.0);
        assert_eq!(plan_bearing(-90.0, 0.0), 270.0);
        assert_eq!(plan_bearing(120.0, 180.0), 300.0);
        assert_eq!(plan_bearing(180.0, 180.0), 0.0);
        assert_eq!(plan_bearing(f64::NAN, 0.0), 0.0);
        assert_eq!(compass_point(0.0), 0);
        assert_eq!(compass_point(350.0), 0);
        assert_eq!(compass_point(44.0), 1);
        assert_eq!(compass_point(90.0), 2);
        assert_eq!(compass_point(180.0), 4);
        assert_eq!(compass_point(-90.0), 6);
        assert_eq!(compass_point(337.6), 0);
    }

    #[test]
    fn the_cone_points_the_way_the_shopper_looks() {
        // looking up the plan (north) from the middle of a 100x100 plan, 90° wide
        assert_eq!(
            cone_path(0.5, 0.5, 100, 100, 0.0, 90.0, 20.0),
            "M50 50L36 36A20 20 0 0 1 64 36Z"
        );
        // looking east: both rays to the right of the spot
        let east = cone_path(0.5, 0.5, 100, 100, 90.0, 60.0, 20.0);
        assert_eq!(east, "M50 50L67 40A20 20 0 0 1 67 60Z");
    }

    #[test]
    fn percentages_and_strip() {
        assert_eq!(percent_css(0.5), "calc(5000% / 100)");
        assert_eq!(percent_css(0.837), "calc(8370% / 100)");
        assert_eq!(percent_css(f64::NAN), "calc(0% / 100)");
        assert_eq!(strip_position(0.0, 0.0), (0.5, 0.5));
        assert_eq!(strip_position(-180.0, 90.0), (0.0, 0.0));
        assert_eq!(strip_position(90.0, -90.0), (0.75, 1.0));
    }

    #[test]
    fn keys() {
        assert_eq!(
            key_action("ArrowLeft", false),
            Some(KeyAction::Look(-5.0, 0.0))
        );
        assert_eq!(
            key_action("ArrowUp", true),
            Some(KeyAction::Look(0.0, 15.0))
        );
        assert_eq!(key_action("+", false), Some(KeyAction::Zoom(KEY_ZOOM)));
        assert_eq!(key_action("=", false), Some(KeyAction::Zoom(KEY_ZOOM)));
        assert!(matches!(key_action("-", false), Some(KeyAction::Zoom(z)) if z < 1.0));
        assert_eq!(key_action("Tab", false), None);
        assert_eq!(key_action("Enter", false), None);
        assert!(wheel_zoom(100.0) < 1.0 && wheel_zoom(-100.0) > 1.0);
        assert_eq!(wheel_zoom(f64::NAN), 1.0);
        assert!((wheel_zoom(1e9) - wheel_zoom(200.0)).abs() < 1e-12);
    }

    #[test]
    fn booking_dates_cross_months_and_years() {
        let d = booking_dates("2026-12-25");
        assert_eq!(d.len(), 14);
        assert_eq!(d[0], "2026-12-25");
        assert_eq!(d[7], "2027-01-01");
        assert_eq!(d[13], "2027-01-07");
        assert_eq!(add_days("2028-02-28", 1).as_deref(), Some("2028-02-29"));
        assert_eq!(add_days("2027-02-28", 1).as_deref(), Some("2027-03-01"));
        assert_eq!(add_days("2026-03-01", -1).as_deref(), Some("2026-02-28"));
        assert_eq!(add_days("2026-13-01", 1), None);
        assert_eq!(add_days("2026-02-30", 1), None);
        assert_eq!(add_days("nonsense!!", 1), None);
        assert!(booking_dates("bad").is_empty());
        assert_eq!(weekday_of("1970-01-01"), Some(Weekday::Thu));
        assert_eq!(weekday_of("2026-11-24"), Some(Weekday::Tue));
        assert_eq!(weekday_of("2000-02-29"), Some(Weekday::Tue));
        assert_eq!(short_date("2026-11-04", Lang::ZhCn), "11月4日");
        assert_eq!(short_date("2026-11-04", Lang::En), "4 Nov");
    }

    #[test]
    fn easing_and_fov() {
        assert_eq!(ease(-1.0), 0.0);
        assert_eq!(ease(2.0), 1.0);
        assert!((ease(0.5) - 0.5).abs() < 1e-12);
        assert_eq!(clamp_fov(10.0), TOUR_FOV_MIN);
        assert_eq!(clamp_fov(f64::NAN), 65.0);
    }

    fn scene(id: &str, yaw: f64) -> Scene {
        let image = Image {
            url: format!("/media/{id}.jpg"),
            width: 512,
            height: 256,
            alt: LocalizedText::new(id, id),
            srcset: Vec::new(),
        };
        Scene {
            id: id.to_owned(),
            name: LocalizedText::new(id, id),
            panorama: Panorama {
                preview: image.clone(),
                full: image,
            },
            initial_view: View {
                yaw,
                pitch: 0.0,
                fov: 90.0,
            },
            north_offset: 0.0,
            plan_position: PlanPoint { x: 0.5, y: 0.5 },
            hotspots: Vec::new(),
        }
    }

    fn tour_route(scene: Option<&str>, yaw: Option<i32>) -> AppRoute {
        AppRoute::Tour {
            store: "s_1".to_owned(),
            scene: scene.map(str::to_owned),
            yaw,
            pitch: None,
            fov: None,
        }
    }

    #[test]
    fn a_route_picks_its_scene_and_view_else_the_start() {
        let scenes = [scene("door", 10.0), scene("shoes", 20.0)];
        // the link's scene, with its view
        let (i, v) = wanted_by(&tour_route(Some("shoes"), Some(-455)), &scenes, 0);
        assert_eq!((i, v.yaw), (1, -45.5));
        // no scene: the start scene's initial view, whatever view the link gives
        let (i, v) = wanted_by(&tour_route(None, Some(300)), &scenes, 1);
        assert_eq!((i, v.yaw), (1, 20.0));
        // an unknown scene counts as none
        let (i, v) = wanted_by(&tour_route(Some("gone"), Some(300)), &scenes, 0);
        assert_eq!((i, v.yaw), (0, 10.0));
        // another route: the start
        assert_eq!(wanted_by(&AppRoute::Home, &scenes, 0).0, 0);
    }
}
