//! The real application on a fresh SQLite file per test, driven with `tower::ServiceExt::oneshot`
//! through a [`Client`] with one method per endpoint (see `endpoints.rs`), so a test reads
//! `app.product("p_000001").json().await` or `app.reserve(&body).key("k1").await`.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod endpoints;
pub mod fakes;
pub mod listener;
pub mod marketing;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use serde::de::DeserializeOwned;
use std::future::{Future, IntoFuture};
use std::ops::Deref;
use std::path::Path;
use std::pin::Pin;
use storefront_server::{app, Config};
use tempfile::TempDir;
use tower::ServiceExt as _;

/// The `X-Requested-With` header the SPA sends with every request that changes data.
pub const XRW: (&str, &str) = ("x-requested-with", "storefront");

/// The app under test and the directory holding its database.
pub struct TestApp {
    /// Requests to the app.
    pub client: Client,
    /// The test's own directory (the database, the SPA's `dist`).
    pub dir: TempDir,
}

/// The app's router as an HTTP client: a method per endpoint, each a [`Call`] to give
/// headers and await. Cheap to clone into concurrent tasks.
#[derive(Clone)]
pub struct Client {
    /// The whole application.
    pub router: Router,
}

/// An answer: status, headers and the whole body.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or("")
    }

    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// `(width, height)` from the body's JPEG frame header, `None` if it is no baseline JPEG.
    pub fn jpeg_size(&self) -> Option<(u16, u16)> {
        let b = &self.body[..];
        if !b.starts_with(&[0xFF, 0xD8]) || !b.ends_with(&[0xFF, 0xD9]) {
            return None;
        }
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xFF {
                return None;
            }
            let marker = b[i + 1];
            let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
            if marker == 0xC0 {
                let h = u16::from_be_bytes([b[i + 5], b[i + 6]]);
                let w = u16::from_be_bytes([b[i + 7], b[i + 8]]);
                return Some((w, h));
            }
            i += 2 + len;
        }
        None
    }
}

/// A seeded app with `products` products; `dist` is the SPA directory (a missing one if `None`).
pub async fn spawn_with(products: u32, dist: Option<&Path>) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nested").join("test.db");
    let dist = dist
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.path().join("no-dist"));
    let mut config = Config::new(format!("sqlite://{}", db.display()), dist);
    config.products = products;
    // Demo mode, like `make run`: the demo staff keys and members the tests use.
    config.demo = true;
    let router = app(&config).await.expect("app starts");
    TestApp::new(router, dir)
}

pub async fn spawn() -> TestApp {
    spawn_with(360, None).await
}

/// Sends one request through a router (for concurrent tasks, which need their own clone).
pub async fn send(router: Router, req: Request<Body>) -> Reply {
    let res = router.oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body,
    }
}

/// A JSON request with extra headers.
pub fn json_request(
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Request<Body> {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.body(Body::from(body.to_owned())).unwrap()
}

impl TestApp {
    /// The app of `router`, its files in `dir`.
    pub fn new(router: Router, dir: TempDir) -> Self {
        TestApp {
            client: Client { router },
            dir,
        }
    }

    /// A second connection pool to the app's database (for SQL the API does not offer).
    pub async fn pool(&self) -> sqlx::SqlitePool {
        let db = self.dir.path().join("nested").join("test.db");
        storefront_server::db::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap()
    }
}

impl Deref for TestApp {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Client {
    /// A request to `uri` without a body; give it headers, then await it.
    pub fn call(&self, method: Method, uri: impl Into<String>) -> Call<'_> {
        Call {
            client: self,
            method,
            uri: uri.into(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// A JSON request through the app.
    pub async fn send_json(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Reply {
        send(
            self.router.clone(),
            json_request(method, uri, headers, body),
        )
        .await
    }

    /// Every product of `/api/v1/products?{query}`, following `next_cursor` page by page,
    /// and the `total` the last page reports.
    pub async fn walk(&self, query: &str) -> (Vec<storefront_api_types::ProductSummary>, u64) {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..500 {
            let query = match &cursor {
                Some(c) => format!("{query}&cursor={}", storefront_api_types::percent_encode(c)),
                None => query.to_owned(),
            };
            let page: storefront_api_types::Page<storefront_api_types::ProductSummary> =
                self.products(&query).json().await;
            all.extend(page.data);
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => return (all, page.total),
            }
        }
        panic!("paging did not end");
    }

    pub async fn request(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: Body,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        send(self.router.clone(), req.body(body).unwrap()).await
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.request(Method::GET, uri, &[], Body::empty()).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Reply {
        self.request(Method::GET, uri, headers, Body::empty()).await
    }

    /// A request without a body (POST/DELETE with only headers).
    pub async fn empty(&self, method: Method, uri: &str, headers: &[(&str, &str)]) -> Reply {
        self.request(method, uri, headers, Body::empty()).await
    }

    /// GET that must be 200 JSON.
    pub async fn json<T: DeserializeOwned>(&self, uri: &str) -> T {
        self.call(Method::GET, uri).json().await
    }
}

/// One request being put together: a method, a URI, headers and maybe a JSON body.
/// Await it for the [`Reply`], or take [`Call::json`] for a 200 JSON body.
#[must_use]
pub struct Call<'a> {
    client: &'a Client,
    method: Method,
    uri: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

impl<'a> Call<'a> {
    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Adds headers, in order.
    pub fn headers(self, headers: &[(&str, &str)]) -> Self {
        headers
            .iter()
            .fold(self, |call, (name, value)| call.header(name, value))
    }

    /// The session cookie (`sf_session=...`).
    pub fn cookie(self, cookie: &str) -> Self {
        self.header("cookie", cookie)
    }

    /// `X-Requested-With: storefront`, which every request that changes data needs.
    pub fn csrf(self) -> Self {
        self.header(XRW.0, XRW.1)
    }

    /// The `Idempotency-Key` header.
    pub fn key(self, key: &str) -> Self {
        self.header("idempotency-key", key)
    }

    /// The demo staff key of `store` (`Authorization: Bearer demo-{store}`).
    pub fn staff(self, store: &str) -> Self {
        self.header("authorization", &format!("Bearer demo-{store}"))
    }

    /// The URI it goes to.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// Sends `body` as `application/json`.
    pub fn json_body(mut self, body: &str) -> Self {
        self.body = Some(body.to_owned());
        self
    }

    /// The request as it will be sent (for a task of its own: `send(router, call.request())`).
    pub fn request(&self) -> Request<Body> {
        match &self.body {
            Some(body) => {
                let headers: Vec<(&str, &str)> = self
                    .headers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                json_request(self.method.clone(), &self.uri, &headers, body)
            }
            None => {
                let mut req = Request::builder()
                    .method(self.method.clone())
                    .uri(&self.uri);
                for (k, v) in &self.headers {
                    req = req.header(k, v);
                }
                req.body(Body::empty()).unwrap()
            }
        }
    }

    /// The body of a 200 JSON answer.
    pub async fn json<T: DeserializeOwned>(self) -> T {
        let uri = self.uri.clone();
        let r = self.await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text());
        assert!(
            r.header("content-type").starts_with("application/json"),
            "{uri}"
        );
        r.json()
    }
}

impl<'a> IntoFuture for Call<'a> {
    type Output = Reply;
    type IntoFuture = Pin<Box<dyn Future<Output = Reply> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        let req = self.request();
        let router = self.client.router.clone();
        Box::pin(send(router, req))
    }
}

/// Asserts a problem+json answer with this status, a code, and (optionally) a field pointer.
pub fn assert_problem(
    r: &Reply,
    status: u16,
    code: &str,
    pointer: Option<&str>,
) -> storefront_api_types::Problem {
    assert_eq!(r.status.as_u16(), status, "{}", r.text());
    assert_eq!(r.header("content-type"), "application/problem+json");
    assert_eq!(r.header("cache-control"), "no-store");
    let p: storefront_api_types::Problem = r.json();
    assert_eq!(p.status, status);
    assert_eq!(p.code, code);
    assert!(!p.title.is_empty());
    if let Some(ptr) = pointer {
        assert!(
            p.errors.iter().any(|e| e.pointer == ptr),
            "expected pointer {ptr}: {}",
            r.text()
        );
    }
    p
}
