//! `GET /api/v1/categories`.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use std::collections::HashMap;
use storefront_api_types::{Category, CategoryId, CategoryTree, Image, LocalizedText, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiResult;
use crate::http::cache::cached_json;
use crate::state::AppState;
use storefront_demo::images::{CATEGORY_HEIGHT, CATEGORY_WIDTH};

#[derive(Debug, sqlx::FromRow)]
struct CategoryRow {
    id: String,
    slug: String,
    parent_id: Option<String>,
    name_zh: String,
    name_en: String,
}

/// The tile picture of a category.
pub fn category_image(slug: &str, name: &LocalizedText) -> Image {
    let url = format!("/media/categories/{slug}.jpg");
    Image {
        srcset: crate::pictures::srcset(&url, &crate::pictures::CARD_WIDTHS),
        url,
        width: CATEGORY_WIDTH,
        height: CATEGORY_HEIGHT,
        alt: name.clone(),
    }
}

/// Loads the whole tree with product counts (a category counts its children's products).
pub async fn load_tree(db: &sqlx::SqlitePool) -> Result<Vec<Category>, sqlx::Error> {
    let rows: Vec<CategoryRow> = sqlx::query_as(
        "SELECT id, slug, parent_id, name_zh, name_en FROM categories ORDER BY parent_id IS NOT NULL, position, id",
    )
    .fetch_all(db)
    .await?;
    let counts: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "SELECT category_id, COUNT(*) FROM products GROUP BY category_id",
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .collect();
    let make = |r: &CategoryRow| {
        let name = LocalizedText::new(&r.name_zh, &r.name_en);
        Category {
            id: CategoryId(r.id.clone()),
            slug: r.slug.clone(),
            image: Some(category_image(&r.slug, &name)),
            name,
            parent_id: r.parent_id.clone().map(CategoryId),
            product_count: counts.get(&r.id).copied().unwrap_or(0).max(0) as u64,
            children: Vec::new(),
        }
    };
    let mut tops: Vec<Category> = rows
        .iter()
        .filter(|r| r.parent_id.is_none())
        .map(make)
        .collect();
    for top in &mut tops {
        top.children = rows
            .iter()
            .filter(|r| r.parent_id.as_deref() == Some(top.id.as_str()))
            .map(make)
            .collect();
        top.product_count += top.children.iter().map(|c| c.product_count).sum::<u64>();
    }
    Ok(tops)
}

/// The category tree: top-level categories with their children, in display order.
#[utoipa::path(
    get,
    path = "/api/v1/categories",
    operation_id = "listCategories",
    tag = "catalogue",
    params(("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has")),
    responses(
        (status = 200, description = "The tree", body = CategoryTree,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let data = load_tree(&state.db).await?;
    cached_json(&headers, &CategoryTree { data })
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}
