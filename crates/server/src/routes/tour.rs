//! Virtual tours: `GET /api/v1/stores/{id_or_slug}/tour`, and the pictures
//! `GET /media/tours/{store_id}/{scene_id}/{preview|full}.jpg` (equirectangular panoramas,
//! rendered on demand and kept in a small in-memory LRU) and
//! `GET /media/tours/{store_id}/plan.jpg` (the floor plan).

use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use storefront_api_types::{Problem, Tour};

use super::media::MEDIA_CACHE;
use crate::error::{ApiError, ApiResult};
use crate::http::cache::cached_json;
use crate::state::AppState;
use crate::tour::{render, Picture};

/// A store's virtual tour: scenes with their panoramas, hotspots (other scenes, products
/// on display, notes) and the floor plan.
#[utoipa::path(
    get,
    path = "/api/v1/stores/{id_or_slug}/tour",
    operation_id = "getStoreTour",
    tag = "stores",
    params(
        ("id_or_slug" = String, Path, min_length = 1, max_length = 100, description = "Store id (`s_sh_jingan`) or slug (`shanghai-jingan`)"),
        ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has"),
    ),
    responses(
        (status = 200, description = "The tour", body = Tour,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String, description = "`public, max-age=60`"))),
        (status = 304, description = "The client's copy is current"),
        (status = 404, description = "No such store, or the store has no tour (`not_found`)", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id_or_slug): Path<String>,
) -> ApiResult<Response> {
    let directory = state.stores.get(&state.db).await?;
    let info = directory
        .get(&id_or_slug)
        .ok_or_else(|| ApiError::NotFound(format!("no store {id_or_slug:?}")))?;
    let tour = crate::tour::load(&state.db, &info.id, &info.store.name)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("store {} has no virtual tour", info.id)))?;
    cached_json(&headers, &tour)
}

fn jpeg(bytes: Arc<Vec<u8>>) -> Response {
    let mut res = bytes.as_ref().clone().into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(MEDIA_CACHE));
    res
}

async fn picture(
    state: &AppState,
    store_id: &str,
    scene_id: &str,
    picture: Picture,
) -> ApiResult<Response> {
    let key = format!("{store_id}/{scene_id}/{picture:?}");
    if let Some(hit) = state.tours.cached(picture, &key) {
        return Ok(jpeg(hit));
    }
    let not_found = || ApiError::NotFound(format!("no tour picture {key}"));
    // Only what the published tour lists.
    let listed: Option<(i64,)> = if picture == Picture::Plan {
        sqlx::query_as("SELECT 1 FROM tours WHERE store_id = ?")
            .bind(store_id)
            .fetch_optional(&state.db)
            .await?
    } else {
        sqlx::query_as("SELECT 1 FROM tour_scenes WHERE store_id = ? AND id = ?")
            .bind(store_id)
            .bind(scene_id)
            .fetch_optional(&state.db)
            .await?
    };
    listed.ok_or_else(not_found)?;
    let design = state
        .tours
        .design(&state.db, store_id)
        .await?
        .ok_or_else(not_found)?;
    if picture != Picture::Plan && design.scene(scene_id).is_none() {
        return Err(not_found());
    }
    let _one_at_a_time = state.tours.rendering.lock().await;
    if let Some(hit) = state.tours.cached(picture, &key) {
        return Ok(jpeg(hit));
    }
    let scene = scene_id.to_owned();
    let started = std::time::Instant::now();
    let bytes = tokio::task::spawn_blocking(move || render(&design, &scene, picture))
        .await
        .map_err(|e| ApiError::Internal(format!("rendering task: {e}")))?
        .map_err(ApiError::Internal)?;
    tracing::debug!(
        picture = %key,
        elapsed_ms = started.elapsed().as_millis() as u64,
        bytes = bytes.len(),
        "rendered a tour picture"
    );
    let bytes = Arc::new(bytes);
    state.tours.remember(picture, key, bytes.clone());
    Ok(jpeg(bytes))
}

/// A scene's panorama: `preview.jpg` (512×256) or `full.jpg` (4096×2048), equirectangular.
#[utoipa::path(
    get,
    path = "/media/tours/{store_id}/{scene_id}/{file}",
    operation_id = "getTourPanorama",
    tag = "media",
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id, e.g. `s_sh_jingan`"),
        ("scene_id" = String, Path, min_length = 1, max_length = 100, description = "Scene id of the store's tour, e.g. `entrance`"),
        ("file" = String, Path, pattern = r"^(preview|full)\.jpg$", description = "`preview.jpg` (512×256) or `full.jpg` (4096×2048)"),
    ),
    responses(
        (status = 200, description = "The panorama (equirectangular, yaw 0 in the centre column)", content_type = "image/jpeg", body = Vec<u8>),
        (status = 404, description = "No such tour, scene or file", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn panorama(
    State(state): State<AppState>,
    Path((store_id, scene_id, file)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    let which = match file.as_str() {
        "preview.jpg" => Picture::Preview,
        "full.jpg" => Picture::Full,
        _ => {
            return Err(ApiError::NotFound(format!(
                "no tour picture {file:?}: expected preview.jpg or full.jpg"
            )))
        }
    };
    picture(&state, &store_id, &scene_id, which).await
}

/// A tour's floor plan (800 px wide, north up, scenes marked).
#[utoipa::path(
    get,
    path = "/media/tours/{store_id}/{file}",
    operation_id = "getTourPlan",
    tag = "media",
    params(
        ("store_id" = String, Path, min_length = 1, max_length = 100, description = "Store id, e.g. `s_sh_jingan`"),
        ("file" = String, Path, pattern = r"^plan\.jpg$", description = "`plan.jpg`"),
    ),
    responses(
        (status = 200, description = "The floor plan", content_type = "image/jpeg", body = Vec<u8>),
        (status = 404, description = "No such tour or file", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn plan(
    State(state): State<AppState>,
    Path((store_id, file)): Path<(String, String)>,
) -> ApiResult<Response> {
    if file != "plan.jpg" {
        return Err(ApiError::NotFound(format!(
            "no tour picture {file:?}: expected plan.jpg"
        )));
    }
    picture(&state, &store_id, "", Picture::Plan).await
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get))
        .routes(routes!(panorama))
        .routes(routes!(plan))
}
