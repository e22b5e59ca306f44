//! Product and category pictures as JPEG: the SVG drawings of [`crate::images`]
//! rasterised to baseline JPEG at their intrinsic size or a smaller or larger width.
//!
//! Raster rather than SVG, as a real catalogue's photographs are: browsers decode raster
//! pictures off the main thread, whereas every SVG `<img>` builds a document of its own,
//! which made scrolling the 10,000-product listing collect garbage in long main-thread
//! tasks.

use crate::data::Kind;
use crate::images::{
    category_svg_sized, product_svg_sized, CATEGORY_HEIGHT, CATEGORY_WIDTH, PRODUCT_HEIGHT,
    PRODUCT_WIDTH,
};

/// JPEG quality of generated pictures (flat illustrations stay clean at 82).
const JPEG_QUALITY: u8 = 82;

/// The output size for width `w` of a picture of intrinsic size `(width, height)`
/// (the intrinsic size when `w` is `None`).
pub fn scaled(w: Option<u32>, width: u32, height: u32) -> (u32, u32) {
    match w {
        Some(w) if width > 0 => {
            let h = (u64::from(w) * u64::from(height) + u64::from(width) / 2) / u64::from(width);
            (w, u32::try_from(h).unwrap_or(u32::MAX))
        }
        _ => (width, height),
    }
}

/// The stored fields a product picture is drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductPicture<'a> {
    /// The product kind (`Kind::as_str`), e.g. `"shoes"`; unknown kinds draw a bag.
    pub kind: &'a str,
    /// The brand, drawn as a wordmark.
    pub brand: &'a str,
    /// The product's drawing seed.
    pub seed: u64,
    /// Position of the picture in the gallery, from 0.
    pub position: u32,
    /// Colour of the picture, `#rrggbb`.
    pub color_hex: &'a str,
    /// The camera angle (`front`, `side`, …).
    pub angle: &'a str,
}

/// A product picture as JPEG, `w` pixels wide (800×1000 intrinsic, 4:5).
pub fn product_jpeg(p: &ProductPicture<'_>, w: Option<u32>) -> Result<Vec<u8>, String> {
    let kind = Kind::parse(p.kind).unwrap_or(Kind::Bag);
    svg_to_jpeg(&product_svg_sized(
        kind,
        p.color_hex,
        p.brand,
        p.seed,
        p.position,
        p.angle,
        scaled(w, PRODUCT_WIDTH, PRODUCT_HEIGHT),
    ))
}

/// A category tile as JPEG, `w` pixels wide (600×400 intrinsic, 3:2), of the category's
/// kind (`Kind::as_str`; unknown kinds draw a bag) and hue.
pub fn category_jpeg(kind: &str, hue: u32, w: Option<u32>) -> Result<Vec<u8>, String> {
    let kind = Kind::parse(kind).unwrap_or(Kind::Bag);
    svg_to_jpeg(&category_svg_sized(
        kind,
        hue,
        scaled(w, CATEGORY_WIDTH, CATEGORY_HEIGHT),
    ))
}

/// Rasterises an SVG drawing to a baseline JPEG of the SVG's own `width`×`height`.
pub fn svg_to_jpeg(svg: &str) -> Result<Vec<u8>, String> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .map_err(|e| format!("drawing: {e}"))?;
    let size = tree.size().to_int_size();
    let (w, h) = (size.width(), size.height());
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("size {w}x{h}"))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    // Opaque pixmap: premultiplied RGBA equals straight RGBA; drop alpha for JPEG.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let (w, h) = (
        u16::try_from(w).map_err(|_| format!("width {w}"))?,
        u16::try_from(h).map_err(|_| format!("height {h}"))?,
    );
    let mut out = Vec::with_capacity(usize::from(w) * usize::from(h) / 8);
    jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY)
        .encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| format!("encoding: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_keep_the_aspect() {
        assert_eq!(scaled(Some(400), 800, 1000), (400, 500));
        assert_eq!(scaled(Some(1200), 800, 1000), (1200, 1500));
        assert_eq!(scaled(Some(400), 600, 400), (400, 267));
        assert_eq!(scaled(None, 600, 400), (600, 400));
    }
}
