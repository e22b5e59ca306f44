//! index.html for a phone opening a kiosk's hand-off (`/h/{token}`): the hand-off module's
//! files are preloaded, and while the hand-off is still unused the page it opens is named in
//! `<meta name="sf-handoff-route">`, so the app shows it at once and takes the hand-off
//! (`POST /api/v1/handoffs/{token}/open`: the wishlist, a pickup pass) alongside. Looking
//! does not use the hand-off up: link previews and scanners that fetch the URL change nothing.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use chrono::Utc;
use storefront_api_types::normalize_handoff_token;
use storefront_demo::images::xml_escape;

use super::index_response;
use crate::kiosks::handoffs;
use crate::state::AppState;

/// `GET /h/{token}`.
pub async fn page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let mut res = index_response(&state.spa);
    let Some(text) = state.spa.index().and_then(|i| std::str::from_utf8(i).ok()) else {
        return res;
    };
    let mut head = state.spa.preload_links("handoff");
    let route = match normalize_handoff_token(&token) {
        Some(t) => handoffs::peek(&state.db, &t, Utc::now().timestamp())
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "hand-off peek failed");
                None
            }),
        None => None,
    };
    if let Some(route) = route {
        head.push_str(&format!(
            "<meta name=\"sf-handoff-route\" content=\"{}\">",
            xml_escape(&route)
        ));
    }
    if let Some(at) = text.find("</head>") {
        let mut html = String::with_capacity(text.len() + head.len());
        html.push_str(&text[..at]);
        html.push_str(&head);
        html.push_str(&text[at..]);
        *res.body_mut() = Body::from(html);
    }
    // it names what a hand-off holds while it lasts: not for caches
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
