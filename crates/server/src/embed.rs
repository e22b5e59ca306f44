//! `/embed/campaign/{slug}`: the SPA's index.html like any app route, marked with the one
//! origin allowed to frame it ([`crate::spa::FrameAncestor`]) when the campaign is live and
//! lists the embedding page's origin. [`crate::spa::security_headers`] turns the mark into
//! `frame-ancestors <origin>`; without it the answer keeps `frame-ancestors 'none'`.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, Uri};
use axum::response::Response;

use crate::marketing::framing::{frame_ancestor, parent_param, referer_origin};
use crate::spa::{index_response, FrameAncestor};
use crate::state::AppState;

/// The embedding page's origin: the `parent` query parameter (embed.js and the iframe
/// snippet send it), else the origin of `Referer`.
pub fn embedding_origin(uri: &Uri, headers: &HeaderMap) -> Option<String> {
    uri.query()
        .and_then(parent_param)
        .filter(|p| !p.is_empty())
        .or_else(|| {
            headers
                .get(header::REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(referer_origin)
        })
}

/// `GET /embed/campaign/{slug}`.
pub async fn page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut res = index_response(&state.spa);
    let Some(origin) = embedding_origin(&uri, &headers) else {
        return res;
    };
    match frame_ancestor(&state.db, &slug, &origin, chrono::Utc::now().timestamp()).await {
        Ok(Some(allowed)) => {
            res.extensions_mut().insert(FrameAncestor(allowed));
        }
        Ok(None) => {}
        // The page still loads; it only cannot be framed.
        Err(e) => tracing::warn!(error = %e, "reading a campaign's embedding origins failed"),
    }
    res
}
