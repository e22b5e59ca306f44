//! Generated pictures: `GET /media/products/{product_id}/{n}.svg` and
//! `GET /media/categories/{slug}.svg`, drawn on the fly from database rows, at their
//! intrinsic size or at one of the `srcset` widths (`?w=400`).

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

fn svg_response(svg: String) -> Response {
    let mut res = svg.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(MEDIA_CACHE));
    res
}

#[derive(Debug, sqlx::FromRow)]
struct PictureRow {
    kind: String,
    brand: String,
    seed: i64,
    color_hex: String,
    angle: String,
}

/// A product picture (800×1000 SVG).
#[utoipa::path(
    get,
    path = "/media/products/{product_id}/{file}",
    operation_id = "getProductImage",
    tag = "media",
    params(
        ("product_id" = String, Path, description = "Product id, e.g. `p_000042`"),
        ("file" = String, Path, description = "`{n}.svg`, n = image position from 0"),
        ("w" = Option<u32>, Query, description = "Width to draw at: 400, 800 or 1200 (height keeps the 4:5 aspect); intrinsic 800×1000 when absent"),
    ),
    responses(
        (status = 200, description = "The picture", content_type = "image/svg+xml", body = String),
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
        .strip_suffix(".svg")
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
    Ok(svg_response(product_svg_sized(
        kind,
        &row.color_hex,
        &row.brand,
        row.seed as u64,
        position,
        &row.angle,
        scaled(params.w, PRODUCT_WIDTH, PRODUCT_HEIGHT),
    )))
}

/// A category tile (600×400 SVG).
#[utoipa::path(
    get,
    path = "/media/categories/{file}",
    operation_id = "getCategoryImage",
    tag = "media",
    params(
        ("file" = String, Path, description = "`{slug}.svg`"),
        ("w" = Option<u32>, Query, description = "Width to draw at: 400, 800 or 1200 (height keeps the 3:2 aspect); intrinsic 600×400 when absent"),
    ),
    responses(
        (status = 200, description = "The picture", content_type = "image/svg+xml", body = String),
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
    let slug = file.strip_suffix(".svg").ok_or_else(not_found)?;
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT kind, hue FROM categories WHERE slug = ?")
            .bind(slug)
            .fetch_optional(&state.db)
            .await?;
    let (kind, hue) = row.ok_or_else(not_found)?;
    let kind = Kind::parse(&kind).unwrap_or(Kind::Bag);
    Ok(svg_response(category_svg_sized(
        kind,
        u32::try_from(hue).unwrap_or(0),
        scaled(params.w, CATEGORY_WIDTH, CATEGORY_HEIGHT),
    )))
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
