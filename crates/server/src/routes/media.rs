//! Generated pictures: `GET /media/products/{product_id}/{n}.jpg` and
//! `GET /media/categories/{slug}.jpg`, drawn on the fly from database rows, at their
//! intrinsic size or at one of the `srcset` widths (`?w=400`).
//!
//! The drawings are SVG documents ([`crate::seed::images`]) rasterised to baseline JPEG,
//! as a real catalogue's photographs are: browsers decode raster pictures off the main
//! thread, whereas every SVG `<img>` builds a document of its own, which made scrolling
//! the 10,000-product listing collect garbage in long main-thread tasks.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use storefront_api_types::{FieldError, Problem};

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiQuery, FromQuery};
use crate::seed::data::Kind;
use crate::seed::images::{
    category_svg_sized, product_svg_sized, CATEGORY_HEIGHT, CATEGORY_WIDTH, PRODUCT_HEIGHT,
    PRODUCT_WIDTH,
};
use crate::AppState;

/// `Cache-Control` of generated pictures.
pub const MEDIA_CACHE: &str = "public, max-age=86400";

/// Every width `?w=` accepts.
pub const MEDIA_WIDTHS: [u32; 3] = [400, 800, 1200];
/// `srcset` widths of product cards and category tiles.
pub const CARD_WIDTHS: [u32; 2] = [400, 800];
/// `srcset` widths of product gallery pictures.
pub const GALLERY_WIDTHS: [u32; 3] = [400, 800, 1200];

/// `?w=`: the width to draw the picture at (height follows the aspect ratio).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MediaParams {
    pub w: Option<u32>,
}

impl FromQuery for MediaParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        match pairs.iter().find(|(k, _)| k == "w") {
            None => Ok(MediaParams { w: None }),
            Some((_, v)) => match v.trim().parse::<u32>() {
                Ok(w) if MEDIA_WIDTHS.contains(&w) => Ok(MediaParams { w: Some(w) }),
                _ => Err(vec![FieldError {
                    pointer: "#/query/w".to_owned(),
                    message: format!(
                        "expected one of {}, got {v:?}",
                        MEDIA_WIDTHS.map(|w| w.to_string()).join(", ")
                    ),
                }]),
            },
        }
    }
}

/// The output size for `w` of a picture of intrinsic size `(width, height)`.
pub fn scaled(w: Option<u32>, width: u32, height: u32) -> (u32, u32) {
    match w {
        Some(w) if width > 0 => {
            let h = (u64::from(w) * u64::from(height) + u64::from(width) / 2) / u64::from(width);
            (w, u32::try_from(h).unwrap_or(u32::MAX))
        }
        _ => (width, height),
    }
}

/// JPEG quality of generated pictures (flat illustrations stay clean at 82).
const JPEG_QUALITY: u8 = 82;

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

/// Draws off the async workers (rasterising takes milliseconds) and answers with the JPEG.
async fn jpeg_response(svg: String) -> ApiResult<Response> {
    let jpeg = tokio::task::spawn_blocking(move || svg_to_jpeg(&svg))
        .await
        .map_err(|e| ApiError::Internal(format!("drawing task: {e}")))?
        .map_err(ApiError::Internal)?;
    let mut res = jpeg.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(MEDIA_CACHE));
    Ok(res)
}

#[derive(Debug, sqlx::FromRow)]
struct PictureRow {
    kind: String,
    brand: String,
    seed: i64,
    color_hex: String,
    angle: String,
}

/// A product picture (800×1000 JPEG).
#[utoipa::path(
    get,
    path = "/media/products/{product_id}/{file}",
    operation_id = "getProductImage",
    tag = "media",
    params(
        ("product_id" = String, Path, description = "Product id, e.g. `p_000042`"),
        ("file" = String, Path, description = "`{n}.jpg`, n = image position from 0"),
        ("w" = Option<u32>, Query, description = "Width to draw at: 400, 800 or 1200 (height keeps the 4:5 aspect); intrinsic 800×1000 when absent"),
    ),
    responses(
        (status = 200, description = "The picture", content_type = "image/jpeg", body = Vec<u8>),
        (status = 400, description = "`w` is not an offered width", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such picture", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn product_image(
    State(state): State<AppState>,
    Path((product_id, file)): Path<(String, String)>,
    ApiQuery(params): ApiQuery<MediaParams>,
) -> ApiResult<Response> {
    let not_found = || ApiError::NotFound(format!("no picture {file:?} of product {product_id:?}"));
    let position: i64 = file
        .strip_suffix(".jpg")
        .and_then(|n| n.parse().ok())
        .ok_or_else(not_found)?;
    let row: Option<PictureRow> = sqlx::query_as(
        "SELECT p.kind, p.brand, p.seed, i.color_hex, i.angle FROM product_images i \
         JOIN products p ON p.id = i.product_id WHERE i.product_id = ? AND i.position = ?",
    )
    .bind(&product_id)
    .bind(position)
    .fetch_optional(&state.db)
    .await?;
    let row = row.ok_or_else(not_found)?;
    let kind = Kind::parse(&row.kind).unwrap_or(Kind::Bag);
    let position = u32::try_from(position).unwrap_or(0);
    jpeg_response(product_svg_sized(
        kind,
        &row.color_hex,
        &row.brand,
        row.seed as u64,
        position,
        &row.angle,
        scaled(params.w, PRODUCT_WIDTH, PRODUCT_HEIGHT),
    ))
    .await
}

/// A category tile (600×400 JPEG).
#[utoipa::path(
    get,
    path = "/media/categories/{file}",
    operation_id = "getCategoryImage",
    tag = "media",
    params(
        ("file" = String, Path, description = "`{slug}.jpg`"),
        ("w" = Option<u32>, Query, description = "Width to draw at: 400, 800 or 1200 (height keeps the 3:2 aspect); intrinsic 600×400 when absent"),
    ),
    responses(
        (status = 200, description = "The picture", content_type = "image/jpeg", body = Vec<u8>),
        (status = 400, description = "`w` is not an offered width", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such category", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn category_image(
    State(state): State<AppState>,
    Path(file): Path<String>,
    ApiQuery(params): ApiQuery<MediaParams>,
) -> ApiResult<Response> {
    let not_found = || ApiError::NotFound(format!("no category picture {file:?}"));
    let slug = file.strip_suffix(".jpg").ok_or_else(not_found)?;
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT kind, hue FROM categories WHERE slug = ?")
            .bind(slug)
            .fetch_optional(&state.db)
            .await?;
    let (kind, hue) = row.ok_or_else(not_found)?;
    let kind = Kind::parse(&kind).unwrap_or(Kind::Bag);
    jpeg_response(category_svg_sized(
        kind,
        u32::try_from(hue).unwrap_or(0),
        scaled(params.w, CATEGORY_WIDTH, CATEGORY_HEIGHT),
    ))
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::parse_pairs;

    #[test]
    fn widths_keep_the_aspect_and_only_offered_ones_pass() {
        assert_eq!(scaled(Some(400), 800, 1000), (400, 500));
        assert_eq!(scaled(Some(1200), 800, 1000), (1200, 1500));
        assert_eq!(scaled(Some(400), 600, 400), (400, 267));
        assert_eq!(scaled(None, 600, 400), (600, 400));
        assert_eq!(
            MediaParams::from_pairs(&parse_pairs("w=800")),
            Ok(MediaParams { w: Some(800) })
        );
        for bad in ["w=", "w=500", "w=abc", "w=-400"] {
            let e = MediaParams::from_pairs(&parse_pairs(bad))
                .err()
                .unwrap_or_default();
            assert_eq!(e[0].pointer, "#/query/w", "{bad}");
        }
    }
}
