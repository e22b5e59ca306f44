//! Generated pictures: `GET /media/products/{product_id}/{n}.svg` and
//! `GET /media/categories/{slug}.svg`, drawn on the fly from database rows.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use storefront_api_types::Problem;

use crate::error::{ApiError, ApiResult};
use crate::seed::data::Kind;
use crate::seed::images::{category_svg, product_svg};
use crate::AppState;

/// `Cache-Control` of generated pictures.
pub const MEDIA_CACHE: &str = "public, max-age=86400";

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
    ),
    responses(
        (status = 200, description = "The picture", content_type = "image/svg+xml", body = String),
        (status = 404, description = "No such picture", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn product_image(
    State(state): State<AppState>,
    Path((product_id, file)): Path<(String, String)>,
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
    Ok(svg_response(product_svg(
        kind,
        &row.color_hex,
        &row.brand,
        row.seed as u64,
        position,
        &row.angle,
    )))
}

/// A category tile (600×400 SVG).
#[utoipa::path(
    get,
    path = "/media/categories/{file}",
    operation_id = "getCategoryImage",
    tag = "media",
    params(("file" = String, Path, description = "`{slug}.svg`")),
    responses(
        (status = 200, description = "The picture", content_type = "image/svg+xml", body = String),
        (status = 404, description = "No such category", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn category_image(
    State(state): State<AppState>,
    Path(file): Path<String>,
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
    Ok(svg_response(category_svg(
        kind,
        u32::try_from(hue).unwrap_or(0),
    )))
}
