//! Generated pictures: `GET /media/products/{product_id}/{n}.jpg` and
//! `GET /media/categories/{slug}.jpg`, drawn on the fly from database rows, at their
//! intrinsic size or at one of the `srcset` widths (`?w=400`); and the campaign heroes,
//! `GET /media/campaigns/{theme}-{width}.jpg`, one drawing per theme at three widths.
//!
//! The pictures are drawn by the demo crate ([`storefront_demo::picture`]); this module
//! reads what they are drawn from, checks `?w=` and answers with the JPEG.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use storefront_api_types::{FieldError, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::campaigns::hero::{hero_jpeg_cached, parse_hero_file};
use crate::error::{ApiError, ApiResult};
use crate::http::extract::{whole_number, ApiQuery, FromQuery};
use crate::pictures::MEDIA_WIDTHS;
use crate::state::AppState;
use storefront_demo::picture::{category_jpeg, product_jpeg, ProductPicture};

/// `Cache-Control` of generated pictures.
pub const MEDIA_CACHE: &str = "public, max-age=86400";

/// `?w=`: the width to draw the picture at (height follows the aspect ratio).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MediaParams {
    /// Width to draw at.
    pub w: Option<u32>,
}

impl FromQuery for MediaParams {
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        match pairs.iter().find(|(k, _)| k == "w") {
            None => Ok(MediaParams { w: None }),
            Some((_, v)) => match whole_number(v).and_then(|w| u32::try_from(w).ok()) {
                Some(w) if MEDIA_WIDTHS.contains(&w) => Ok(MediaParams { w: Some(w) }),
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

/// Draws off the async workers (rasterising takes milliseconds) and answers with the JPEG.
async fn jpeg_response(
    draw: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
) -> ApiResult<Response> {
    let jpeg = tokio::task::spawn_blocking(draw)
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
        ("product_id" = String, Path, min_length = 1, max_length = 100, description = "Product id, e.g. `p_000042`"),
        ("file" = String, Path, pattern = r"^[0-9]{1,3}\.jpg$", description = "`{n}.jpg`, n = image position from 0"),
        ("w" = Option<u32>, Query, minimum = 400, maximum = 1200, multiple_of = 400, description = "Width to draw at: 400, 800 or 1200 (height keeps the 4:5 aspect); intrinsic 800×1000 when absent"),
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
    let position = u32::try_from(position).unwrap_or(0);
    jpeg_response(move || {
        product_jpeg(
            &ProductPicture {
                kind: &row.kind,
                brand: &row.brand,
                seed: row.seed as u64,
                position,
                color_hex: &row.color_hex,
                angle: &row.angle,
            },
            params.w,
        )
    })
    .await
}

/// A category tile (600×400 JPEG).
#[utoipa::path(
    get,
    path = "/media/categories/{file}",
    operation_id = "getCategoryImage",
    tag = "media",
    params(
        ("file" = String, Path, pattern = r"^[\s\S]{1,100}\.jpg$", description = "`{slug}.jpg`"),
        ("w" = Option<u32>, Query, minimum = 400, maximum = 1200, multiple_of = 400, description = "Width to draw at: 400, 800 or 1200 (height keeps the 3:2 aspect); intrinsic 600×400 when absent"),
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
    let hue = u32::try_from(hue).unwrap_or(0);
    jpeg_response(move || category_jpeg(&kind, hue, params.w)).await
}

/// A campaign hero (16:9 JPEG, 1600×900 intrinsic), drawn once per theme and width and
/// then kept.
#[utoipa::path(
    get,
    path = "/media/campaigns/{file}",
    operation_id = "getCampaignHero",
    tag = "media",
    params(
        ("file" = String, Path, pattern = r"^(autumn|spring|city|home)-(480|960|1600)\.jpg$", description = "`{theme}-{width}.jpg`: a hero theme and one of the widths 480, 960 and 1600"),
    ),
    responses(
        (status = 200, description = "The picture", content_type = "image/jpeg", body = Vec<u8>),
        (status = 404, description = "No such theme or width", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn campaign_hero(Path(file): Path<String>) -> ApiResult<Response> {
    let (theme, width) = parse_hero_file(&file)
        .ok_or_else(|| ApiError::NotFound(format!("no campaign picture {file:?}")))?;
    jpeg_response(move || hero_jpeg_cached(theme, width).map(|jpeg| jpeg.to_vec())).await
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(product_image))
        .routes(routes!(category_image))
        .routes(routes!(campaign_hero))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::extract::parse_pairs;

    #[test]
    fn only_offered_widths_pass() {
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
