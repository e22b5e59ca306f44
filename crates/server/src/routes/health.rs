//! `GET /api/health`.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use storefront_api_types::{Health, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Service health: answers `ok` when the database answers `SELECT 1`.
#[utoipa::path(
    get,
    path = "/api/health",
    operation_id = "getHealth",
    tag = "service",
    responses(
        (status = 200, description = "The service and its database answer", body = Health),
        (status = 503, description = "The database does not answer", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn health(State(state): State<AppState>) -> ApiResult<Response> {
    let one: Result<(i64,), _> = sqlx::query_as("SELECT 1").fetch_one(&state.db).await;
    match one {
        Ok(_) => {
            let mut res = Json(Health {
                status: "ok".to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            })
            .into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(res)
        }
        Err(e) => {
            tracing::error!(error = %e, "health check: database does not answer");
            Err(ApiError::Unavailable(
                "the database does not answer".to_owned(),
            ))
        }
    }
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}
