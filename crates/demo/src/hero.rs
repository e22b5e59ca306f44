//! Campaign hero pictures: one drawing per theme of
//! [`storefront_api_types::HERO_THEMES`], shapes and colours only (no text, so one picture
//! serves both languages), 16:9, rasterised to JPEG at the `srcset` widths.
//!
//! - `autumn`: an amber sky over layered russet hills, a low sun, falling leaves.
//! - `spring`: a pale sky over soft green hills and branches of blossom.
//! - `city`: a dusk sky over a skyline of lit windows, and a moon.
//! - `home`: a warm room: an arched window, a sofa with cushions, a lamp and a plant.

use crate::picture::svg_to_jpeg;
use crate::Rng;
use std::fmt::Write as _;

/// Intrinsic width of a hero picture.
pub const HERO_WIDTH: u32 = 1600;
/// Intrinsic height of a hero picture (16:9).
pub const HERO_HEIGHT: u32 = 900;
/// The widths a hero is drawn at (`srcset`), narrowest first; the last is intrinsic.
pub const HERO_WIDTHS: [u32; 3] = [480, 960, 1600];

/// The height of a hero drawn `width` pixels wide (16:9, rounded).
pub fn hero_height(width: u32) -> u32 {
    let h = (u64::from(width) * u64::from(HERO_HEIGHT) + u64::from(HERO_WIDTH) / 2)
        / u64::from(HERO_WIDTH);
    u32::try_from(h).unwrap_or(HERO_HEIGHT)
}

/// The hero of `theme` as SVG, `width` pixels wide (the drawing keeps its 1600×900 view
/// box); `None` for a theme the project does not draw.
pub fn hero_svg(theme: &str, width: u32) -> Option<String> {
    let body = match theme {
        "autumn" => autumn(),
        "spring" => spring(),
        "city" => city(),
        "home" => home(),
        _ => return None,
    };
    Some(format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" viewBox="0 0 {HERO_WIDTH} {HERO_HEIGHT}">{body}</svg>"#,
        h = hero_height(width),
    ))
}

/// The hero of `theme` as JPEG, `width` pixels wide (one of [`HERO_WIDTHS`]); `None` for
/// an unknown theme or width.
pub fn hero_jpeg(theme: &str, width: u32) -> Option<Result<Vec<u8>, String>> {
    if !HERO_WIDTHS.contains(&width) {
        return None;
    }
    hero_svg(theme, width).map(|svg| svg_to_jpeg(&svg))
}

/// A vertical gradient `id` through `stops` (offset, colour).
fn gradient(id: &str, stops: &[(f64, &str)]) -> String {
    let mut s = format!(r#"<linearGradient id="{id}" x1="0" y1="0" x2="0" y2="1">"#);
    for (offset, colour) in stops {
        let _ = write!(s, r#"<stop offset="{offset}" stop-color="{colour}"/>"#);
    }
    s.push_str("</linearGradient>");
    s
}

/// A hill: a smooth band from the left edge to the right, its crest at `y` with a wave of
/// amplitude `amp` and phase `phase`, filled down to the bottom.
fn hill(y: f64, amp: f64, phase: f64, fill: &str) -> String {
    let mut d = format!("M0 {HERO_HEIGHT}L0 {:.0}", y + amp * phase.sin());
    for i in 1..=8 {
        let x = f64::from(i) * 200.0;
        let cx = x - 100.0;
        let cy = y + amp * (phase + f64::from(i) * 0.9 - 0.45).sin() * 1.4;
        let ey = y + amp * (phase + f64::from(i) * 0.9).sin();
        let _ = write!(d, "Q{cx:.0} {cy:.0} {x:.0} {ey:.0}");
    }
    let _ = write!(d, "L{HERO_WIDTH} {HERO_HEIGHT}Z");
    format!(r#"<path d="{d}" fill="{fill}"/>"#)
}

fn autumn() -> String {
    let mut s = String::with_capacity(4096);
    s.push_str("<defs>");
    s.push_str(&gradient(
        "sky",
        &[(0.0, "#fde7c4"), (0.55, "#f7b267"), (1.0, "#e07a3f")],
    ));
    s.push_str("</defs>");
    s.push_str(r#"<rect width="1600" height="900" fill="url(#sky)"/>"#);
    s.push_str(r##"<circle cx="1180" cy="380" r="150" fill="#fff4d6" fill-opacity="0.85"/>"##);
    s.push_str(r##"<circle cx="1180" cy="380" r="230" fill="#fff4d6" fill-opacity="0.18"/>"##);
    s.push_str(&hill(520.0, 40.0, 0.3, "#d9843b"));
    s.push_str(&hill(610.0, 50.0, 1.7, "#b8562b"));
    s.push_str(&hill(700.0, 45.0, 3.1, "#8c3b22"));
    s.push_str(&hill(800.0, 30.0, 4.4, "#5e2a1c"));
    let mut rng = Rng::new(0xA07);
    let colours = ["#c2410c", "#ea580c", "#b45309", "#991b1b", "#d97706"];
    for _ in 0..26 {
        let x = rng.below(1600);
        let y = 40 + rng.below(720);
        let r = 14 + rng.below(16);
        let a = rng.below(360);
        let c = rng.pick(&colours);
        let _ = write!(
            s,
            r#"<g transform="translate({x} {y}) rotate({a})"><path d="M0 {n}Q{r} 0 0 {r}Q-{r} 0 0 {n}Z" fill="{c}" fill-opacity="0.9"/><path d="M0 {n}V{r}" stroke="{c}" stroke-width="2" stroke-opacity="0.6"/></g>"#,
            n = -(r as i64),
        );
    }
    s
}

fn spring() -> String {
    let mut s = String::with_capacity(4096);
    s.push_str("<defs>");
    s.push_str(&gradient(
        "sky",
        &[(0.0, "#e0f2fe"), (0.6, "#f0fdf4"), (1.0, "#fdf2f8")],
    ));
    s.push_str("</defs>");
    s.push_str(r#"<rect width="1600" height="900" fill="url(#sky)"/>"#);
    s.push_str(r##"<circle cx="360" cy="230" r="120" fill="#fef9c3" fill-opacity="0.9"/>"##);
    s.push_str(&hill(600.0, 35.0, 2.0, "#bbf7d0"));
    s.push_str(&hill(680.0, 45.0, 0.6, "#86efac"));
    s.push_str(&hill(780.0, 30.0, 2.8, "#4ade80"));
    // Two branches reaching in from the corners.
    s.push_str(r##"<path d="M1600 120Q1380 170 1220 300Q1130 370 1020 390M1330 230Q1300 140 1230 110M1180 330Q1200 420 1150 480" fill="none" stroke="#7c5a44" stroke-width="14" stroke-linecap="round"/>"##);
    s.push_str(r##"<path d="M0 760Q160 700 300 620Q380 570 470 560M180 690Q200 610 170 560" fill="none" stroke="#7c5a44" stroke-width="12" stroke-linecap="round"/>"##);
    let mut rng = Rng::new(0x5_9219);
    let spots: [(u64, u64, u64, u64); 2] = [(1020, 80, 560, 360), (60, 520, 420, 220)];
    let colours = ["#f9a8d4", "#fbcfe8", "#ffffff", "#f472b6"];
    for (x0, y0, w, h) in spots {
        for _ in 0..14 {
            let x = x0 + rng.below(w);
            let y = y0 + rng.below(h);
            let r = 10 + rng.below(12);
            let c = rng.pick(&colours);
            let a = rng.below(72);
            let _ = write!(
                s,
                r#"<g transform="translate({x} {y}) rotate({a})" fill="{c}">"#
            );
            for k in 0..5 {
                let _ = write!(
                    s,
                    r#"<ellipse cx="0" cy="-{r}" rx="{rx}" ry="{r}" transform="rotate({deg})"/>"#,
                    rx = r * 2 / 3,
                    deg = k * 72,
                );
            }
            s.push_str(r##"<circle r="5" fill="#facc15"/></g>"##);
        }
    }
    s
}

fn city() -> String {
    let mut s = String::with_capacity(8192);
    s.push_str("<defs>");
    s.push_str(&gradient(
        "sky",
        &[
            (0.0, "#1e1b4b"),
            (0.5, "#6d28d9"),
            (0.85, "#f472b6"),
            (1.0, "#fdba74"),
        ],
    ));
    s.push_str("</defs>");
    s.push_str(r#"<rect width="1600" height="900" fill="url(#sky)"/>"#);
    s.push_str(
        r##"<path d="M1318 102A70 70 0 1 0 1350 219A58 58 0 0 1 1318 102Z" fill="#fef3c7"/>"##,
    );
    let mut rng = Rng::new(0xC177);
    for _ in 0..40 {
        let _ = write!(
            s,
            r##"<circle cx="{}" cy="{}" r="{}" fill="#ffffff" fill-opacity="0.7"/>"##,
            rng.below(1600),
            rng.below(320),
            1 + rng.below(3)
        );
    }
    // Two rows of towers, the nearer darker, with lit windows.
    for (base, tall, colour, lit) in [
        (900u64, 380u64, "#3b0764", 0.25),
        (900, 260, "#1e1b4b", 0.4),
    ] {
        let mut x = 0u64;
        while x < 1600 {
            let w = 90 + rng.below(110);
            let h = tall / 2 + rng.below(tall);
            let top = base - h - 120;
            let _ = write!(
                s,
                r#"<rect x="{x}" y="{top}" width="{w}" height="{}" fill="{colour}"/>"#,
                base - top
            );
            let mut wy = top + 24;
            while wy + 24 < base {
                let mut wx = x + 16;
                while wx + 18 < x + w {
                    if rng.chance(lit) {
                        let _ = write!(
                            s,
                            r##"<rect x="{wx}" y="{wy}" width="14" height="18" fill="#fde68a" fill-opacity="0.85"/>"##
                        );
                    }
                    wx += 30;
                }
                wy += 38;
            }
            x += w + 6 + rng.below(20);
        }
    }
    s.push_str(r##"<rect y="860" width="1600" height="40" fill="#0f0a2e"/>"##);
    s
}

fn home() -> String {
    let mut s = String::with_capacity(4096);
    s.push_str("<defs>");
    s.push_str(&gradient("wall", &[(0.0, "#f5ebe0"), (1.0, "#e3d5ca")]));
    s.push_str(&gradient("view", &[(0.0, "#bae6fd"), (1.0, "#fef3c7")]));
    s.push_str("</defs>");
    s.push_str(r#"<rect width="1600" height="900" fill="url(#wall)"/>"#);
    // The floor and its shadow line.
    s.push_str(r##"<rect y="720" width="1600" height="180" fill="#c8a27c"/><rect y="720" width="1600" height="10" fill="#a47551" fill-opacity="0.5"/>"##);
    // An arched window with a view of a hill and the sun.
    s.push_str(r##"<path d="M980 640V300A180 180 0 0 1 1340 300V640Z" fill="#ffffff"/>"##);
    s.push_str(r##"<path d="M1000 620V300A160 160 0 0 1 1320 300V620Z" fill="url(#view)"/>"##);
    s.push_str(r##"<circle cx="1230" cy="300" r="46" fill="#fde68a"/>"##);
    s.push_str(r##"<path d="M1000 560Q1120 480 1320 540V620H1000Z" fill="#86efac"/>"##);
    s.push_str(r##"<path d="M1160 150V620M1000 400H1320" stroke="#ffffff" stroke-width="12"/>"##);
    // The patch of light it casts on the floor.
    s.push_str(r##"<path d="M990 730H1330L1420 900H900Z" fill="#fff7ed" fill-opacity="0.35"/>"##);
    // A sofa with two cushions.
    s.push_str(r##"<rect x="180" y="480" width="620" height="190" rx="40" fill="#0f766e"/>"##);
    s.push_str(r##"<rect x="140" y="560" width="700" height="150" rx="40" fill="#115e59"/>"##);
    s.push_str(r##"<rect x="200" y="700" width="24" height="40" fill="#5b3a29"/><rect x="756" y="700" width="24" height="40" fill="#5b3a29"/>"##);
    s.push_str(r##"<rect x="240" y="500" width="150" height="110" rx="26" fill="#f59e0b" transform="rotate(-8 315 555)"/>"##);
    s.push_str(r##"<rect x="600" y="500" width="150" height="110" rx="26" fill="#fda4af" transform="rotate(7 675 555)"/>"##);
    // A floor lamp.
    s.push_str(r##"<path d="M900 300H980L1010 400H870Z" fill="#fbbf24"/><rect x="936" y="400" width="8" height="320" fill="#44403c"/><ellipse cx="940" cy="722" rx="50" ry="10" fill="#44403c"/>"##);
    s.push_str(
        r##"<path d="M870 400L780 720H1100L1010 400Z" fill="#fef3c7" fill-opacity="0.25"/>"##,
    );
    // A plant in a pot.
    s.push_str(r##"<path d="M1420 720L1400 600H1520L1500 720Z" fill="#b45309"/>"##);
    for (dx, dy, a) in [
        (-40i32, -120i32, -30i32),
        (0, -160, 0),
        (40, -120, 30),
        (-70, -60, -55),
        (70, -60, 55),
    ] {
        let _ = write!(
            s,
            r##"<ellipse cx="{}" cy="{}" rx="26" ry="70" fill="#15803d" transform="rotate({a} {} {})"/>"##,
            1460 + dx,
            600 + dy / 2,
            1460 + dx,
            600 + dy / 2,
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use storefront_api_types::HERO_THEMES;

    #[test]
    fn every_theme_is_drawn_distinct_and_script_free() {
        let mut seen = std::collections::HashSet::new();
        for theme in HERO_THEMES {
            let svg = hero_svg(theme, HERO_WIDTH).unwrap_or_default();
            assert!(svg.contains(r#"width="1600" height="900""#), "{theme}");
            assert!(!svg.to_lowercase().contains("script"));
            assert!(!svg.contains("<text"), "{theme}: no text");
            assert_eq!(Some(svg.clone()), hero_svg(theme, HERO_WIDTH));
            assert!(seen.insert(svg));
        }
        assert_eq!(hero_svg("nope", 480), None);
    }

    #[test]
    fn widths_keep_sixteen_by_nine() {
        assert_eq!(hero_height(480), 270);
        assert_eq!(hero_height(960), 540);
        assert_eq!(hero_height(1600), 900);
        assert!(hero_jpeg("autumn", 500).is_none());
        let jpeg = hero_jpeg("city", 480)
            .and_then(Result::ok)
            .unwrap_or_default();
        assert!(jpeg.starts_with(&[0xFF, 0xD8]));
    }
}
