//! The typed REST client: every request goes through [`ApiClient::get`], which decodes
//! either the expected type or an [`ApiError`] value.

mod error;

pub use error::ApiError;

use std::cell::Cell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use storefront_api_types::{
    encode_query, percent_encode, CategoryTree, Page, Product, ProductQuery, ProductSummary,
    Reservation, SearchSuggestions, Store, StoreList, StoreQuery, VariantAvailability,
    API_VERSION_PREFIX, LIMIT_MAX,
};

/// The meta tag that carries the API base URL; the server rewrites it per deployment.
pub const API_BASE_META: &str = "storefront-api-base";
/// The API base when the page has no meta tag.
pub const DEFAULT_API_BASE: &str = "/api";
/// Requests are aborted after this long.
pub const TIMEOUT_MS: u32 = 15_000;
/// Search suggestions are given up after this long (the box then says they are unavailable).
pub const SUGGEST_TIMEOUT_MS: u32 = 3_000;

/// A client of the storefront API at `base` (e.g. `/api` or `https://api.example.com`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    /// A client of the API at `base`.
    pub fn new(base: impl Into<String>) -> Self {
        let base: String = base.into();
        let base = base.trim().trim_end_matches('/').to_owned();
        Self { base }
    }

    /// A client of the API named by `<meta name="storefront-api-base">`, else `/api`.
    pub fn from_document() -> Self {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("meta[name=\"{API_BASE_META}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|m| m.get_attribute("content"))
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_API_BASE.to_owned());
        Self::new(base)
    }

    /// The base URL, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The full URL of a versioned path such as `/products?limit=5`.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{API_VERSION_PREFIX}{path_and_query}", self.base)
    }

    /// `GET` a versioned path and decode the JSON body as `T`.
    pub async fn get<T: DeserializeOwned>(&self, path_and_query: &str) -> Result<T, ApiError> {
        self.get_abortable(
            path_and_query,
            web_sys::AbortController::new().ok(),
            TIMEOUT_MS,
        )
        .await
    }

    /// [`Self::get`] with the caller's `controller` (aborting it cancels the request, which
    /// then fails with [`ApiError::Network`]) and a timeout of `timeout_ms`.
    pub async fn get_abortable<T: DeserializeOwned>(
        &self,
        path_and_query: &str,
        controller: Option<web_sys::AbortController>,
        timeout_ms: u32,
    ) -> Result<T, ApiError> {
        let (status, body) = self
            .fetch_text(path_and_query, controller, timeout_ms, None)
            .await?;
        decode(status, &body)
    }

    /// `POST` JSON `body` to a versioned path (with an `Idempotency-Key` when given) and
    /// decode the answer as `T`.
    pub async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: String,
        idempotency_key: Option<&str>,
    ) -> Result<T, ApiError> {
        let (status, text) = self
            .fetch_text(
                path,
                web_sys::AbortController::new().ok(),
                TIMEOUT_MS,
                Some((body, idempotency_key.unwrap_or(""))),
            )
            .await?;
        decode(status, &text)
    }

    /// `POST` JSON `body` to a versioned path and return the status and the raw body
    /// text, for answers that are kept on the device as they came (or have no body).
    pub async fn post_text(&self, path: &str, body: String) -> Result<(u16, String), ApiError> {
        self.fetch_text(
            path,
            web_sys::AbortController::new().ok(),
            TIMEOUT_MS,
            Some((body, "")),
        )
        .await
    }

    /// `GET` a versioned path: the status and the raw body text.
    pub async fn get_text(&self, path_and_query: &str) -> Result<(u16, String), ApiError> {
        self.fetch_text(
            path_and_query,
            web_sys::AbortController::new().ok(),
            TIMEOUT_MS,
            None,
        )
        .await
    }

    /// `DELETE` a versioned path; `Ok` on any 2xx.
    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        let (status, text) = self
            .fetch_text(
                path,
                web_sys::AbortController::new().ok(),
                TIMEOUT_MS,
                Some((String::new(), DELETE)),
            )
            .await?;
        no_content(status, &text)
    }

    /// The request itself, shared by every response type (one copy in the wasm, not one
    /// per decoded type): the status and the body text, or why there is none. `post` is
    /// the body and the Idempotency-Key (or [`DELETE`] for a DELETE). State-changing
    /// requests say `X-Requested-With: storefront` (the server's CSRF guard).
    async fn fetch_text(
        &self,
        path_and_query: &str,
        controller: Option<web_sys::AbortController>,
        timeout_ms: u32,
        post: Option<(String, &str)>,
    ) -> Result<(u16, String), ApiError> {
        let url = self.url(path_and_query);
        let signal = controller.as_ref().map(|c| c.signal());
        let timed_out = Rc::new(Cell::new(false));
        // Dropping the timeout cancels it, so it lives exactly as long as this request.
        let _timeout = {
            let timed_out = Rc::clone(&timed_out);
            gloo_timers::callback::Timeout::new(timeout_ms, move || {
                timed_out.set(true);
                if let Some(c) = &controller {
                    c.abort();
                }
            })
        };
        let failed = |_| {
            if timed_out.get() {
                ApiError::Timeout
            } else {
                ApiError::Network
            }
        };

        let builder = match &post {
            None => gloo_net::http::Request::get(&url),
            Some((_, key)) if *key == DELETE => {
                gloo_net::http::Request::delete(&url).header("X-Requested-With", "storefront")
            }
            Some((_, key)) => {
                let r = gloo_net::http::Request::post(&url)
                    .header("Content-Type", "application/json")
                    .header("X-Requested-With", "storefront");
                if key.is_empty() {
                    r
                } else {
                    r.header("Idempotency-Key", key)
                }
            }
        }
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref());
        let request = match post {
            None => builder.build(),
            Some((_, key)) if key == DELETE => builder.build(),
            Some((body, _)) => builder.body(body),
        }
        .map_err(|_| ApiError::Network)?;
        let response = request.send().await.map_err(failed)?;
        let status = response.status();
        let body = response.text().await.map_err(failed)?;
        Ok((status, body))
    }

    /// `GET /v1/categories`.
    pub async fn categories(&self) -> Result<CategoryTree, ApiError> {
        self.get("/categories").await
    }

    /// `GET /v1/products?...`.
    pub async fn products(&self, query: &ProductQuery) -> Result<Page<ProductSummary>, ApiError> {
        let qs = query.to_query_string();
        if qs.is_empty() {
            self.get("/products").await
        } else {
            self.get(&format!("/products?{qs}")).await
        }
    }

    /// `GET /v1/products/facets?...`: live facet counts for the query of [`Self::products`]
    /// (send it without `limit` and `cursor`).
    pub async fn facets(
        &self,
        query: &ProductQuery,
    ) -> Result<storefront_api_types::ProductFacets, ApiError> {
        self.get(&format!("/products/facets?{}", query.to_query_string()))
            .await
    }

    /// `GET /v1/products/{id_or_slug}`.
    pub async fn product(&self, id_or_slug: &str) -> Result<Product, ApiError> {
        self.get(&format!("/products/{}", percent_encode(id_or_slug)))
            .await
    }

    /// `GET /v1/products?ids=...`: the products among `ids` (ids or slugs, at most
    /// [`storefront_api_types::LIMIT_MAX`] are asked for), in the server's order.
    pub async fn products_by_ids(&self, ids: &[String]) -> Result<Page<ProductSummary>, ApiError> {
        let ids: Vec<String> = ids.iter().take(LIMIT_MAX as usize).cloned().collect();
        let limit = u32::try_from(ids.len())
            .unwrap_or(LIMIT_MAX)
            .clamp(1, LIMIT_MAX);
        self.products(&ProductQuery {
            ids,
            limit: Some(limit),
            ..Default::default()
        })
        .await
    }

    /// `GET /v1/products/{id_or_slug}/related?limit=`: products to suggest next to it.
    pub async fn related(
        &self,
        id_or_slug: &str,
        limit: u32,
    ) -> Result<Page<ProductSummary>, ApiError> {
        self.get(&format!(
            "/products/{}/related?limit={}",
            percent_encode(id_or_slug),
            limit.clamp(1, LIMIT_MAX)
        ))
        .await
    }

    /// `GET /v1/search/suggest?q=`: what the search box offers for `q` (popular searches
    /// only for an empty `q`). `controller` cancels it; it times out after
    /// [`SUGGEST_TIMEOUT_MS`].
    pub async fn suggest(
        &self,
        q: &str,
        controller: Option<web_sys::AbortController>,
    ) -> Result<SearchSuggestions, ApiError> {
        self.get_abortable(
            &format!("/search/suggest?q={}", percent_encode(q)),
            controller,
            SUGGEST_TIMEOUT_MS,
        )
        .await
    }

    /// `GET /v1/stores?near=&q=`.
    pub async fn stores(&self, query: &StoreQuery) -> Result<StoreList, ApiError> {
        let mut pairs = Vec::new();
        if let Some(n) = &query.near {
            pairs.push(("near", n.clone()));
        }
        if let Some(q) = query.q.as_ref().filter(|q| !q.trim().is_empty()) {
            pairs.push(("q", q.clone()));
        }
        self.get(&format!("/stores?{}", encode_query(&pairs))).await
    }

    /// `GET /v1/stores/{id}`.
    pub async fn store(&self, id: &str) -> Result<Store, ApiError> {
        self.get(&format!("/stores/{}", percent_encode(id))).await
    }

    /// `GET /v1/variants/{id}/availability?near=`.
    pub async fn availability(
        &self,
        variant: &str,
        near: Option<String>,
    ) -> Result<VariantAvailability, ApiError> {
        let near = near.map(|n| format!("?near={n}")).unwrap_or_default();
        self.get(&format!(
            "/variants/{}/availability{near}",
            percent_encode(variant)
        ))
        .await
    }

    /// `GET /v1/reservations/{code}`.
    pub async fn reservation(&self, code: &str) -> Result<Reservation, ApiError> {
        self.get(&format!("/reservations/{}", percent_encode(code)))
            .await
    }

    /// `POST /v1/reservations/{code}/cancel`.
    pub async fn cancel_reservation(&self, code: &str) -> Result<Reservation, ApiError> {
        self.post(
            &format!("/reservations/{}/cancel", percent_encode(code)),
            String::new(),
            None,
        )
        .await
    }

    /// `GET /v1/stores/{id}/tour`: the store's virtual tour (404 when it has none).
    pub async fn tour(&self, store: &str) -> Result<storefront_api_types::Tour, ApiError> {
        self.get(&format!("/stores/{}/tour", percent_encode(store)))
            .await
    }

    /// `GET /v1/stores/{id}/guide-slots?date=`: shopping-guide slots of the store's local
    /// `date` (its today when `None`).
    pub async fn guide_slots(
        &self,
        store: &str,
        date: Option<&str>,
    ) -> Result<storefront_api_types::GuideSlots, ApiError> {
        let date = date
            .map(|d| format!("?date={}", percent_encode(d)))
            .unwrap_or_default();
        self.get(&format!(
            "/stores/{}/guide-slots{date}",
            percent_encode(store)
        ))
        .await
    }

    /// The QR picture of appointment `code`.
    pub fn appointment_qr_url(&self, code: &str) -> String {
        self.url(&format!("/appointments/{}/qr.svg", percent_encode(code)))
    }

    /// The pass's QR picture of reservation `code`.
    pub fn reservation_qr_url(&self, code: &str) -> String {
        self.url(&format!("/reservations/{}/qr.svg", percent_encode(code)))
    }
}

/// The one decode path: a 2xx body as `T`, anything else as [`ApiError::Http`] with the
/// problem details when the body has them.
pub fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        serde_json::from_str(body).map_err(decode_error)
    } else {
        Err(http_error(status, body))
    }
}

/// Marks a DELETE in [`ApiClient::fetch_text`] (no Idempotency-Key is ever this).
const DELETE: &str = "\u{0}DELETE";

/// A 2xx answer whose body does not matter (204), else the error.
pub fn no_content(status: u16, body: &str) -> Result<(), ApiError> {
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(http_error(status, body))
    }
}

/// Not generic, so it is compiled once.
#[inline(never)]
fn decode_error(e: serde_json::Error) -> ApiError {
    ApiError::Decode(e.to_string())
}

/// Not generic, so it is compiled once.
#[inline(never)]
fn http_error(status: u16, body: &str) -> ApiError {
    ApiError::Http {
        status,
        problem: serde_json::from_str(body).ok().map(Box::new),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(ApiClient::new("/api/").url("/stores"), "/api/v1/stores");
        assert_eq!(
            ApiClient::new("https://x.test/api").url("/categories"),
            "https://x.test/api/v1/categories"
        );
    }

    #[test]
    fn decodes_success_problem_and_garbage() {
        let ok: Result<StoreList, _> = decode(200, r#"{"data":[]}"#);
        assert_eq!(ok.unwrap().data.len(), 0); // ok: test only

        let body = r#"{"type":"about:blank","title":"Not Found","status":404,"code":"not_found"}"#;
        let err = decode::<StoreList>(404, body).unwrap_err();
        assert!(err.is_not_found());
        match err {
            ApiError::Http {
                status: 404,
                problem: Some(p),
            } => assert_eq!(p.code, "not_found"),
            other => panic!("{other:?}"),
        }

        let err = decode::<StoreList>(502, "<html>bad gateway</html>").unwrap_err();
        assert_eq!(
            err,
            ApiError::Http {
                status: 502,
                problem: None
            }
        );

        let err = decode::<StoreList>(200, r#"{"data": 5}"#).unwrap_err();
        assert!(matches!(err, ApiError::Decode(_)));
    }
}
