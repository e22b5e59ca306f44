//! (issue 16, being built) The `recommendations` routes.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// The routes of this module, with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
