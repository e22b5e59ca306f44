//! Product and category pictures, drawn as small SVG documents from catalogue data.
//!
//! Deterministic (the same product always gets the same picture), script-free and
//! well under 4 KB each: a soft gradient in the colour's family, a stylised silhouette
//! of the product kind built from a few paths, and the brand's wordmark.

use crate::data::Kind;
use crate::Rng;
use std::fmt::Write as _;

/// Intrinsic size of product pictures (portrait 4:5).
pub const PRODUCT_WIDTH: u32 = 800;
/// Intrinsic height of product pictures.
pub const PRODUCT_HEIGHT: u32 = 1000;
/// Intrinsic size of category tiles (3:2).
pub const CATEGORY_WIDTH: u32 = 600;
/// Intrinsic height of category tiles.
pub const CATEGORY_HEIGHT: u32 = 400;

/// SVG elements of each silhouette on the 800×1000 canvas, centred near (400, 490).
/// They inherit `fill`/`stroke` from the enclosing group.
fn silhouette(kind: Kind) -> &'static str {
    match kind {
        Kind::Top => concat!(
            r#"<path d="M300 260L362 232Q400 262 438 232L500 260L592 332L550 402L505 372V700H295V372L250 402L208 332Z"/>"#,
            r#"<path d="M362 232Q400 300 438 232" fill="none"/>"#
        ),
        Kind::Shirt => concat!(
            // Long sleeves with cuffs, a pointed collar, a buttoned placket, a chest pocket.
            r#"<path d="M300 252L362 228L400 262L438 228L500 252L558 300L604 630L550 640L512 388V712H288V388L250 640L196 630L242 300Z"/>"#,
            r#"<path d="M362 228L400 262L376 304L346 246ZM438 228L400 262L424 304L454 246Z"/>"#,
            r#"<path d="M400 266V712M430 352H480V404H430ZM200 600L253 610M600 600L547 610" fill="none"/>"#,
            r#"<path d="M414 330V331M414 410V411M414 490V491M414 570V571M414 650V651" fill="none" stroke-width="14"/>"#
        ),
        Kind::Dress => concat!(
            r#"<path d="M352 240H448L468 335L440 385L585 745Q400 780 215 745L360 385L332 335Z"/>"#,
            r#"<path d="M352 240L360 190M448 240L440 190" fill="none" stroke-width="8"/>"#
        ),
        Kind::Trousers => {
            r#"<path d="M300 240H500L522 745H422L400 392L378 745H278Z"/><path d="M300 285H500" fill="none"/>"#
        }
        Kind::Jacket => concat!(
            r#"<path d="M290 250L365 225L400 300L435 225L510 250L600 420V640H552L540 430L522 432V725H278V432L260 430L248 640H200V420Z"/>"#,
            r#"<path d="M400 300V725M365 225L385 330M435 225L415 330" fill="none"/>"#
        ),
        Kind::Shoe => concat!(
            // A trainer: heel tab, the opening, the tongue, laces down the vamp, a white sole.
            r#"<path d="M204 650V560Q206 510 238 504L262 502Q304 532 352 518L370 470Q392 458 408 474Q444 528 502 540L580 556Q646 572 652 620V650Z"/>"#,
            r##"<path d="M195 650H657V672Q652 692 632 692H215Q195 692 195 672Z" fill="#f5f5f4"/>"##,
            r#"<path d="M378 500L410 490M398 522L430 510M420 540L452 528" fill="none" stroke-width="8"/>"#,
            r#"<path d="M262 612Q400 566 548 614M568 556Q606 590 608 650" fill="none" stroke-width="8"/>"#
        ),
        Kind::Sandal => concat!(
            // An open footbed on a sole, a heel and ankle strap with a buckle, a strap down
            // the instep and a wide strap over the toes.
            r##"<path d="M196 650Q196 624 226 622L602 610Q652 608 658 636V664Q656 690 628 690H224Q196 690 196 668Z" fill="#57534e"/>"##,
            r##"<path d="M206 638Q208 612 234 610L598 598Q644 596 648 622L646 636L212 650Z" fill="#e7d8bf"/>"##,
            r#"<path d="M230 614Q218 500 300 478L398 470L402 504L306 510Q258 524 264 612Z"/>"#,
            r#"<path d="M368 486L402 480L470 604L432 606Z"/>"#,
            r#"<path d="M480 604Q532 500 612 596L572 598Q532 548 516 604Z"/>"#,
            r##"<path d="M318 470H352V518H318Z" fill="none" stroke-width="8"/>"##
        ),
        Kind::Boot => concat!(
            r#"<path d="M300 300H432L442 540Q562 556 602 620V662H290Z"/>"#,
            r##"<path d="M286 662H606V690Q602 706 584 706H300Q286 706 286 690Z" fill="#44403c"/>"##
        ),
        Kind::Bag => concat!(
            r#"<path d="M320 430Q320 300 400 300Q480 300 480 430" fill="none" stroke-width="16"/>"#,
            r#"<path d="M240 420H560L592 722Q400 752 208 722Z"/><path d="M240 480H560" fill="none"/>"#
        ),
        Kind::Backpack => concat!(
            r#"<path d="M270 330Q270 258 400 258Q530 258 530 330L542 722Q542 744 520 744H280Q258 744 258 722Z"/>"#,
            r#"<path d="M310 560H490V690H310Z"/><path d="M360 258Q360 220 400 220Q440 220 440 258" fill="none" stroke-width="12"/>"#
        ),
        Kind::Scarf => concat!(
            // Two fringed, striped ends hanging from a knot, under the loop round the neck
            // (its back band thin, its front band thick).
            r#"<path d="M340 372Q334 560 302 748L392 760Q404 570 424 380Z"/>"#,
            r#"<path d="M302 748L296 784M324 751L320 787M347 754L344 790M370 757L368 793M392 760L391 796M470 716L476 752M491 711L499 747M512 705L521 741M533 700L543 736M553 694L565 730" fill="none"/>"#,
            r#"<path d="M396 388Q442 540 470 716L553 694Q516 530 466 382Z"/>"#,
            r#"<path d="M306 712L395 724M311 682L398 694M464 676L544 655M457 648L536 627" fill="none" stroke-width="12"/>"#,
            r#"<path fill-rule="evenodd" d="M240 320A160 82 0 1 0 560 320A160 82 0 1 0 240 320ZM296 300A104 40 0 1 0 504 300A104 40 0 1 0 296 300Z"/>"#,
            r#"<path d="M258 346Q400 410 542 346M300 372Q400 408 500 372" fill="none"/>"#,
            r#"<path d="M362 372Q400 352 446 372L456 420Q404 438 356 420Z"/>"#
        ),
        Kind::Hat => concat!(
            r#"<path d="M290 530Q290 360 400 360Q510 360 510 530Z"/>"#,
            r#"<ellipse cx="400" cy="530" rx="205" ry="40"/><path d="M294 490H506" fill="none" stroke-width="10"/>"#
        ),
        Kind::Mug => concat!(
            r#"<path d="M500 470Q592 470 592 560Q592 642 496 642" fill="none" stroke-width="22"/>"#,
            r#"<path d="M300 420H500L490 702Q490 722 470 722H330Q310 722 310 702Z"/>"#
        ),
        Kind::Lamp => concat!(
            r#"<path d="M392 460H408V705H392Z"/><ellipse cx="400" cy="712" rx="112" ry="22"/>"#,
            r#"<path d="M322 296H478L542 462H258Z"/>"#
        ),
        Kind::Pillow => concat!(
            r#"<path d="M228 420Q400 378 572 420Q604 562 572 704Q400 746 228 704Q196 562 228 420Z"/>"#,
            r#"<path d="M262 452Q400 420 538 452M262 672Q400 704 538 672" fill="none"/>"#
        ),
        Kind::Candle => concat!(
            r#"<path d="M320 480H480V722Q480 742 460 742H340Q320 742 320 722Z"/>"#,
            r##"<path d="M400 392Q426 436 400 470Q374 436 400 392Z" fill="#f59e0b" stroke="none"/>"##,
            r#"<path d="M320 540H480" fill="none"/>"#
        ),
    }
}

/// `#rrggbb` to components; grey on malformed input.
fn parse_hex(hex: &str) -> (f64, f64, f64) {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .map_or(128.0, f64::from)
    };
    if h.len() == 6 {
        (c(0), c(2), c(4))
    } else {
        (128.0, 128.0, 128.0)
    }
}

fn to_hex((r, g, b): (f64, f64, f64)) -> String {
    let q = |v: f64| v.round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", q(r), q(g), q(b))
}

/// Mixes `a` towards `b` by `t` (0 = a, 1 = b).
fn mix(a: (f64, f64, f64), b: (f64, f64, f64), t: f64) -> (f64, f64, f64) {
    (
        a.0 + (b.0 - a.0) * t,
        a.1 + (b.1 - a.1) * t,
        a.2 + (b.2 - a.2) * t,
    )
}

fn luma((r, g, b): (f64, f64, f64)) -> f64 {
    (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0
}

const WHITE: (f64, f64, f64) = (255.0, 255.0, 255.0);
const BLACK: (f64, f64, f64) = (0.0, 0.0, 0.0);
const STONE: (f64, f64, f64) = (168.0, 162.0, 158.0);

/// Escapes text for an XML text node or attribute.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A product picture: `position` picks the angle and background variation.
pub fn product_svg(
    kind: Kind,
    colour_hex: &str,
    brand: &str,
    seed: u64,
    position: u32,
    angle: &str,
) -> String {
    product_svg_sized(
        kind,
        colour_hex,
        brand,
        seed,
        position,
        angle,
        (PRODUCT_WIDTH, PRODUCT_HEIGHT),
    )
}

/// [`product_svg`] drawn at `(width, height)` (the drawing keeps its 800×1000 view box).
pub fn product_svg_sized(
    kind: Kind,
    colour_hex: &str,
    brand: &str,
    seed: u64,
    position: u32,
    angle: &str,
    (out_w, out_h): (u32, u32),
) -> String {
    let colour = parse_hex(colour_hex);
    let mut rng = Rng::new(seed ^ (u64::from(position) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    // Very light products would vanish on a light ground: use a stone-grey family instead.
    let family = if luma(colour) > 0.78 { STONE } else { colour };
    let top = to_hex(mix(family, WHITE, 0.90 - 0.04 * f64::from(position % 3)));
    let bottom = to_hex(mix(family, WHITE, 0.70));
    let stroke = to_hex(mix(colour, BLACK, 0.35));
    let ink = to_hex(mix(family, BLACK, 0.55));
    let (x2, y2) = match position % 3 {
        0 => (0, 1),
        1 => (1, 1),
        _ => (1, 0),
    };
    let transform = match angle {
        "side" => "translate(800 0) scale(-1 1) rotate(-6 400 500)",
        "back" => "translate(40 70) scale(0.9)",
        "detail" => "translate(-320 -382) scale(1.8)",
        _ => "",
    };
    let sun_x = 150 + rng.below(500);
    let sun_y = 140 + rng.below(200);
    let sun_r = 90 + rng.below(120);
    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{ow}" height="{oh}" viewBox="0 0 {w} {h}">"#,
            r#"<defs><linearGradient id="bg" x1="0" y1="0" x2="{x2}" y2="{y2}">"#,
            r#"<stop offset="0" stop-color="{top}"/><stop offset="1" stop-color="{bottom}"/></linearGradient></defs>"#,
            r#"<rect width="{w}" height="{h}" fill="url(#bg)"/>"#,
            r##"<circle cx="{sx}" cy="{sy}" r="{sr}" fill="#ffffff" fill-opacity="0.35"/>"##,
            r##"<ellipse cx="400" cy="800" rx="230" ry="26" fill="#000000" fill-opacity="0.08"/>"##,
            r#"<g fill="{fill}" stroke="{stroke}" stroke-width="4" stroke-linejoin="round" stroke-linecap="round" transform="{t}">{shape}</g>"#,
            r#"<text x="400" y="935" text-anchor="middle" font-family="Georgia,'Times New Roman',serif" font-size="26" letter-spacing="6" fill="{ink}">{brand}</text>"#,
            "</svg>"
        ),
        ow = out_w,
        oh = out_h,
        w = PRODUCT_WIDTH,
        h = PRODUCT_HEIGHT,
        x2 = x2,
        y2 = y2,
        top = top,
        bottom = bottom,
        sx = sun_x,
        sy = sun_y,
        sr = sun_r,
        fill = to_hex(colour),
        stroke = stroke,
        t = transform,
        shape = silhouette(kind),
        ink = ink,
        brand = xml_escape(&brand.to_uppercase()),
    );
    svg
}

/// A category tile: the kind's silhouette on a gradient of the category's hue.
pub fn category_svg(kind: Kind, hue: u32) -> String {
    category_svg_sized(kind, hue, (CATEGORY_WIDTH, CATEGORY_HEIGHT))
}

/// [`category_svg`] drawn at `(width, height)` (the drawing keeps its 600×400 view box).
pub fn category_svg_sized(kind: Kind, hue: u32, (out_w, out_h): (u32, u32)) -> String {
    let hue = hue % 360;
    let mut svg = String::with_capacity(1536);
    let _ = write!(
        svg,
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{ow}" height="{oh}" viewBox="0 0 {w} {h}">"#,
            r#"<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">"#,
            r#"<stop offset="0" stop-color="hsl({hue},45%,90%)"/><stop offset="1" stop-color="hsl({hue},40%,76%)"/></linearGradient></defs>"#,
            r#"<rect width="{w}" height="{h}" fill="url(#bg)"/>"#,
            r##"<circle cx="470" cy="90" r="150" fill="#ffffff" fill-opacity="0.3"/>"##,
            r##"<circle cx="90" cy="360" r="110" fill="#ffffff" fill-opacity="0.2"/>"##,
            r#"<g fill="hsl({hue},35%,45%)" stroke="hsl({hue},35%,30%)" stroke-width="6" stroke-linejoin="round" transform="translate(120 -20) scale(0.45)">{shape}</g>"#,
            "</svg>"
        ),
        ow = out_w,
        oh = out_h,
        w = CATEGORY_WIDTH,
        h = CATEGORY_HEIGHT,
        hue = hue,
        shape = silhouette(kind),
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_picture_is_small_script_free_and_deterministic() {
        for kind in Kind::ALL {
            for (pos, angle) in ["front", "side", "back", "detail"].into_iter().enumerate() {
                let svg = product_svg(kind, "#1f2937", "Kestrel & Co.", 42, pos as u32, angle);
                assert!(svg.len() < 4096, "{kind:?} {angle}: {} bytes", svg.len());
                assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
                assert!(!svg.to_lowercase().contains("script"));
                assert!(svg.contains("KESTREL &amp; CO."));
                assert_eq!(
                    svg,
                    product_svg(kind, "#1f2937", "Kestrel & Co.", 42, pos as u32, angle)
                );
            }
            let tile = category_svg(kind, 200);
            assert!(tile.len() < 4096);
            assert!(tile.contains("width=\"600\" height=\"400\""));
        }
    }

    #[test]
    fn every_category_draws_its_own_kind_of_thing() {
        // Sandals are not trainers and shirts are not tees; every kind has its own drawing.
        let kind_of = |slug: &str| {
            crate::categories()
                .into_iter()
                .find(|c| c.slug == slug)
                .map(|c| c.kind)
        };
        assert_eq!(kind_of("sandals"), Some(Kind::Sandal));
        assert_eq!(kind_of("sneakers"), Some(Kind::Shoe));
        assert_eq!(kind_of("men-shirts"), Some(Kind::Shirt));
        assert_eq!(kind_of("men-t-shirts"), Some(Kind::Top));
        assert_eq!(kind_of("scarves"), Some(Kind::Scarf));
        let drawings: std::collections::HashSet<&str> =
            Kind::ALL.iter().map(|k| silhouette(*k)).collect();
        assert_eq!(drawings.len(), Kind::ALL.len());
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        // The scarf is a loop round the neck with fringed ends, not two legs under a band.
        assert!(silhouette(Kind::Scarf).contains("fill-rule=\"evenodd\""));
    }

    #[test]
    fn light_colours_get_a_visible_ground() {
        let svg = product_svg(Kind::Top, "#f8fafc", "Halden", 1, 0, "front");
        // Background is a stone tint, not (near) white on white.
        assert!(!svg.contains("stop-color=\"#ffffff\""));
    }
}
