//! The typed REST client: one method per endpoint, in one module per resource
//! ([`catalogue`], [`campaigns`], [`stores`], [`reservations`], [`appointments`], [`auth`],
//! [`me`], [`coupons`], [`marketing`], [`kiosk`]). Each takes the contract's request type and answers
//! `Result<ContractType, ApiError>`; no other module spells an API path. Every request goes
//! through one private function ([`ApiClient::fetch_text`]) and every answer through one
//! decode path ([`decode`]).

pub mod appointments;
pub mod auth;
pub mod campaigns;
pub mod catalogue;
pub mod coupons;
mod error;
pub mod events;
pub mod insight;
pub mod kiosk;
pub mod marketing;
pub mod me;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod offline;
pub mod recommend;
pub mod reservations;
pub mod stores;

pub use error::ApiError;

use std::cell::Cell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use storefront_api_types::API_VERSION_PREFIX;

/// The meta tag that carries the API base URL; the server rewrites it per deployment.
pub const API_BASE_META: &str = "storefront-api-base";
/// The API base when the page has no meta tag.
pub const DEFAULT_API_BASE: &str = "/api";
/// Requests are aborted after this long.
pub const TIMEOUT_MS: u32 = 15_000;
/// Search suggestions are given up after this long (the box then says they are unavailable).
pub const SUGGEST_TIMEOUT_MS: u32 = 3_000;

/// A client of the storefront API at `base` (e.g. `/api` or `https://api.example.com`).
///
/// With a URL for a base (the app served from another host, README "Hosting the app
/// yourself") rather than a path on the page's origin, requests carry the shopper's cookies
/// (`credentials: include`) and the answers' relative picture URLs are made absolute on the
/// API's origin ([`absolute_urls`]).
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
    pub(crate) fn url(&self, path_and_query: &str) -> String {
        format!("{}{API_VERSION_PREFIX}{path_and_query}", self.base)
    }

    /// `GET` a versioned path and decode the JSON body as `T`.
    async fn get<T: DeserializeOwned>(&self, path_and_query: &str) -> Result<T, ApiError> {
        // natively, the answers a server rendering the first screen supplied
        #[cfg(not(target_arch = "wasm32"))]
        {
            match native::answer(&self.url(path_and_query)) {
                Some(answer) => answer,
                None => std::future::pending().await,
            }
        }
        #[cfg(target_arch = "wasm32")]
        {
            self.get_abortable(
                path_and_query,
                web_sys::AbortController::new().ok(),
                TIMEOUT_MS,
            )
            .await
        }
    }

    /// [`Self::get`] with the caller's `controller` (aborting it cancels the request, which
    /// then fails with [`ApiError::Network`]) and a timeout of `timeout_ms`.
    async fn get_abortable<T: DeserializeOwned>(
        &self,
        path_and_query: &str,
        controller: Option<web_sys::AbortController>,
        timeout_ms: u32,
    ) -> Result<T, ApiError> {
        let (status, body) = self
            .fetch_text(Method::Get, path_and_query, controller, timeout_ms, None)
            .await?;
        decode(status, &body)
    }

    /// `POST` JSON `body` to a versioned path (with an `Idempotency-Key` when given) and
    /// decode the answer as `T`.
    async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: String,
        idempotency_key: Option<&str>,
    ) -> Result<T, ApiError> {
        let (status, text) = self.send(Method::Post, path, body, idempotency_key).await?;
        decode(status, &text)
    }

    /// A request of `method` (`body` is sent with a `POST` or `PUT`, `idempotency_key` with
    /// a `POST`):
    /// the status and the raw body text.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: String,
        idempotency_key: Option<&str>,
    ) -> Result<(u16, String), ApiError> {
        self.fetch_text(
            method,
            path,
            web_sys::AbortController::new().ok(),
            TIMEOUT_MS,
            Some((body, idempotency_key.unwrap_or(""))),
        )
        .await
    }

    /// A request whose answer is decoded as `T` and also kept as the raw body text it
    /// came as (to store it on the device as the server sent it).
    async fn kept<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
    ) -> Result<Kept<T>, ApiError> {
        let (status, body) = self.send(method, path, String::new(), None).await?;
        let value = decode(status, &body)?;
        Ok(Kept { value, body })
    }

    /// The request itself, shared by every response type (one copy in the wasm, not one
    /// per decoded type): the status and the body text, or why there is none. `post` is
    /// the body and the Idempotency-Key (empty: none) of a `POST` (or the body of a `PUT`). State-changing requests
    /// say `X-Requested-With: storefront` (the server's CSRF guard).
    async fn fetch_text(
        &self,
        method: Method,
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

        let builder = match (method, &post) {
            (Method::Get, _) => gloo_net::http::Request::get(&url),
            (Method::Delete, _) => {
                gloo_net::http::Request::delete(&url).header("X-Requested-With", "storefront")
            }
            (Method::Put, _) => gloo_net::http::Request::put(&url)
                .header("Content-Type", "application/json")
                .header("X-Requested-With", "storefront"),
            (Method::Post, post) => {
                let r = gloo_net::http::Request::post(&url)
                    .header("Content-Type", "application/json")
                    .header("X-Requested-With", "storefront");
                match post {
                    Some((_, key)) if !key.is_empty() => r.header("Idempotency-Key", key),
                    _ => r,
                }
            }
        }
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref());
        // (a URL of the page's own origin is taken as another: cookies go with its requests
        // either way, and its pictures' URLs are the same made absolute)
        let other_origin = origin_of(&self.base);
        let builder = match other_origin {
            Some(_) => builder.credentials(web_sys::RequestCredentials::Include),
            None => builder,
        };
        let request = match (method, post) {
            (Method::Post | Method::Put, Some((body, _))) => builder.body(body),
            _ => builder.build(),
        }
        .map_err(|_| ApiError::Network)?;
        let response = request.send().await.map_err(|e| {
            crate::api::offline::failed();
            failed(e)
        })?;
        if method == Method::Get {
            crate::api::offline::note(&url, response.headers().get("x-storefront-cached-at"));
        }
        let status = response.status();
        let body = response.text().await.map_err(failed)?;
        Ok(match other_origin {
            Some(origin) => (status, absolute_urls(&body, origin)),
            None => (status, body),
        })
    }

    /// Whether the API is named by a URL, on another origin than the page (its requests
    /// then carry the shopper's cookies).
    pub fn is_other_origin(&self) -> bool {
        origin_of(&self.base).is_some()
    }
}

/// The origin (`https://api.example.com`) of an absolute `http(s)` URL; `None` for a path.
pub fn origin_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = url.len() - rest.len() + rest.find('/').unwrap_or(rest.len());
    Some(&url[..end])
}

/// `body` (JSON) with every `"url"` member whose value is a path (`"/media/…"`, not
/// `"//host/…"`) made absolute on `origin`: the contract's pictures are "absolute or
/// relative to the API origin", and on another origin than the page a relative one would
/// be looked for on the page's host. A match is exact in valid JSON: `"url"` followed by
/// `:` can only be a member name (a quote inside a string is escaped).
pub fn absolute_urls(body: &str, origin: &str) -> String {
    // bytes, not `str::find`: this is in the main module, and a byte loop is smaller than
    // the substring searcher
    let b = body.as_bytes();
    let skip_space = |mut j: usize| {
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        j
    };
    let mut out = String::with_capacity(body.len() + 256);
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if !b[i..].starts_with(b"\"url\"") {
            i += 1;
            continue;
        }
        i = skip_space(i + 5);
        if b.get(i) != Some(&b':') {
            continue;
        }
        i = skip_space(i + 1);
        if b.get(i) == Some(&b'"') && b.get(i + 1) == Some(&b'/') && b.get(i + 2) != Some(&b'/') {
            out.push_str(&body[copied..=i]);
            out.push_str(origin);
            copied = i + 1;
        }
    }
    out.push_str(&body[copied..]);
    out
}

/// An answer decoded as `T`, with the body text it came as (kept on the device as the
/// server sent it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept<T> {
    /// The decoded answer.
    pub value: T,
    /// The JSON it was decoded from.
    pub body: String,
}

/// The HTTP method of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read.
    Get,
    /// Create or act (with a JSON body, and an `Idempotency-Key` when it must happen once).
    Post,
    /// Replace (with a JSON body).
    Put,
    /// Remove.
    Delete,
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
    use storefront_api_types::StoreList;

    #[test]
    fn urls() {
        assert_eq!(ApiClient::new("/api/").url("/stores"), "/api/v1/stores");
        assert_eq!(
            ApiClient::new("https://x.test/api").url("/categories"),
            "https://x.test/api/v1/categories"
        );
    }

    #[test]
    fn an_api_on_another_origin_gets_absolute_picture_urls() {
        assert_eq!(
            origin_of("https://api.x.test/api"),
            Some("https://api.x.test")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:9/api"),
            Some("http://127.0.0.1:9")
        );
        assert_eq!(origin_of("https://api.x.test"), Some("https://api.x.test"));
        assert_eq!(origin_of("/api"), None);
        assert!(ApiClient::new("https://api.x.test/api").is_other_origin());
        assert!(!ApiClient::new("/api").is_other_origin());
        let o = "https://api.x.test";
        assert_eq!(
            absolute_urls(
                r#"{"url":"/media/a.jpg","srcset":[{"url": "/media/b.jpg","width":2}]}"#,
                o
            ),
            r#"{"url":"https://api.x.test/media/a.jpg","srcset":[{"url": "https://api.x.test/media/b.jpg","width":2}]}"#
        );
        // absolute and protocol-relative URLs, other members, and text that only looks like it
        for same in [
            r#"{"url":"https://cdn.x.test/a.jpg"}"#,
            r#"{"url":"//cdn.x.test/a.jpg"}"#,
            r#"{"href":"/media/a.jpg","kind":"url","n":"\"url\":\"/x"}"#,
            r#"{"url" : 3}"#,
            r#"["url"]"#,
        ] {
            assert_eq!(absolute_urls(same, o), same);
        }
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
