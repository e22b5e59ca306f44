//! The app's icons for the home screen (the web app manifest, `apple-touch-icon`), drawn from
//! the same mark as `public/favicon.svg` and the header's logo: a rounded square in the
//! brand's accent with a white basket.
//!
//! Written to `public/icons/` by `cargo run -p storefront-demo --example icons` and kept in
//! the repository (a build needs no rasteriser); a test fails when the files there are not
//! what this code draws.

/// The brand's accent colour (`--accent` in the app's CSS).
pub const ACCENT: &str = "#b4461f";

/// The basket, in the favicon's 40×40 view box.
const MARK: &str = r##"<path d="M11 15h18M14 15l-3 12M20 15v12M26 15l3 12M16 27h8" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>"##;

/// How an icon is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconKind {
    /// `purpose: any`: the rounded square on a transparent ground, as the favicon.
    Rounded,
    /// `purpose: maskable`, and iOS's `apple-touch-icon`: the accent fills the whole square
    /// (the platform cuts its own shape) and the mark sits well inside the safe zone, the
    /// central circle of 80% of the width.
    FullBleed,
}

/// The icon as SVG at `size` pixels square.
pub fn icon_svg(kind: IconKind, size: u32) -> String {
    let body = match kind {
        IconKind::Rounded => {
            format!(r#"<rect width="40" height="40" rx="11" fill="{ACCENT}"/>{MARK}"#)
        }
        // the mark a little larger about its centre: its farthest point is 35% of the width
        // from the centre, inside the safe circle (40%)
        IconKind::FullBleed => format!(
            r#"<rect width="40" height="40" fill="{ACCENT}"/><g transform="translate(20 21) scale(1.15) translate(-20 -21)">{MARK}</g>"#
        ),
    };
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 40 40">{body}</svg>"#
    )
}

/// The icon as PNG at `size` pixels square (RGBA; transparent outside a rounded icon).
pub fn icon_png(kind: IconKind, size: u32) -> Result<Vec<u8>, String> {
    let svg = icon_svg(kind, size);
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .map_err(|e| e.to_string())?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size, size).ok_or_else(|| format!("size {size}"))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// Every icon file of `public/icons/`: name, kind and size.
pub const ICON_FILES: [(&str, IconKind, u32); 5] = [
    ("icon-192.png", IconKind::Rounded, 192),
    ("icon-512.png", IconKind::Rounded, 512),
    ("maskable-192.png", IconKind::FullBleed, 192),
    ("maskable-512.png", IconKind::FullBleed, 512),
    ("apple-touch-icon.png", IconKind::FullBleed, 180),
];

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_icons_in_public_are_what_this_code_draws() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/icons");
        for (name, kind, size) in ICON_FILES {
            let drawn = icon_png(kind, size).expect("drawn");
            let kept = std::fs::read(dir.join(name)).unwrap_or_default();
            assert!(
                kept == drawn,
                "public/icons/{name} is not current: run `cargo run -p storefront-demo --example icons`"
            );
            // a PNG of the declared size (the manifest states it)
            assert_eq!(&drawn[..8], b"\x89PNG\r\n\x1a\n");
            let w = u32::from_be_bytes([drawn[16], drawn[17], drawn[18], drawn[19]]);
            let h = u32::from_be_bytes([drawn[20], drawn[21], drawn[22], drawn[23]]);
            assert_eq!((w, h), (size, size), "{name}");
        }
    }

    #[test]
    fn a_maskable_icon_fills_its_square_and_a_rounded_one_has_clear_corners() {
        let full = resvg::tiny_skia::Pixmap::decode_png(
            &icon_png(IconKind::FullBleed, 192).expect("drawn"),
        )
        .expect("png");
        let round =
            resvg::tiny_skia::Pixmap::decode_png(&icon_png(IconKind::Rounded, 192).expect("drawn"))
                .expect("png");
        assert_eq!(full.pixel(0, 0).map(|p| p.alpha()), Some(255));
        assert_eq!(round.pixel(0, 0).map(|p| p.alpha()), Some(0));
        // the mark (white) stays inside the safe zone: nothing white beyond 40% of the width
        // from the centre
        let c = 96.0_f32;
        for y in 0..192 {
            for x in 0..192 {
                let Some(p) = full.pixel(x, y) else { continue };
                let white = p.red() > 200 && p.green() > 200 && p.blue() > 200;
                let d = ((x as f32 - c).powi(2) + (y as f32 - c).powi(2)).sqrt();
                assert!(
                    !white || d <= 0.4 * 192.0,
                    "white at ({x},{y}), {d:.0} px from the centre"
                );
            }
        }
    }
}
