//! Errors, headers, OpenAPI, the SPA and compression, as a client observes them.

use crate::helpers::*;
use axum::body::Body;
use axum::http::Method;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use storefront_api_types::{Page, ProductSummary};

#[tokio::test]
async fn every_bad_query_is_a_400_problem_naming_the_field() {
    let app = spawn_with(40, None).await;
    for (uri, pointer) in [
        ("/api/v1/products?limit=abc", "#/query/limit"),
        ("/api/v1/products?limit=1000", "#/query/limit"),
        ("/api/v1/products?limit=0", "#/query/limit"),
        ("/api/v1/products?limit=-5", "#/query/limit"),
        ("/api/v1/products?sort=bogus", "#/query/sort"),
        ("/api/v1/products?cursor=not-a-cursor", "#/query/cursor"),
        ("/api/v1/products?cursor=", "#/query/cursor"),
    ] {
        let r = app.get(uri).await;
        assert_problem(&r, 400, "invalid_query", Some(pointer));
    }
    let long_q = "鞋".repeat(201);
    let r = app
        .products(&format!(
            "q={}",
            storefront_api_types::percent_encode(&long_q)
        ))
        .await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/q"));
    let ok = app
        .products(&format!(
            "q={}",
            storefront_api_types::percent_encode(&"鞋".repeat(200))
        ))
        .await;
    assert_eq!(ok.status, 200);

    // Several bad fields at once are all named.
    let p = assert_problem(
        &app.products("limit=abc&sort=bogus").await,
        400,
        "invalid_query",
        None,
    );
    assert_eq!(p.errors.len(), 2);
}

#[tokio::test]
async fn a_cursor_from_another_query_is_rejected() {
    let app = spawn_with(40, None).await;
    let page: Page<ProductSummary> = app.products("limit=5&sort=price_asc").json().await;
    let cursor = storefront_api_types::percent_encode(&page.next_cursor.unwrap());
    let same = app
        .products(&format!("limit=5&sort=price_asc&cursor={cursor}"))
        .await;
    assert_eq!(same.status, 200);
    let other = app
        .products(&format!("limit=5&sort=name&cursor={cursor}"))
        .await;
    assert_problem(&other, 400, "invalid_query", Some("#/query/cursor"));
    let other = app
        .products(&format!(
            "limit=5&sort=price_asc&category=shoes&cursor={cursor}"
        ))
        .await;
    assert_problem(&other, 400, "invalid_query", Some("#/query/cursor"));
}

#[tokio::test]
async fn unknown_things_are_404_problems() {
    let app = spawn_with(20, None).await;
    assert_problem(
        &app.products("category=nope").await,
        404,
        "not_found",
        Some("#/query/category"),
    );
    assert_problem(&app.product("nope").await, 404, "not_found", None);
    assert_problem(&app.product("p_999999").await, 404, "not_found", None);
    assert_problem(&app.store("nope", "").await, 404, "not_found", None);
    assert_problem(
        &app.get("/api/v1/nothing-here").await,
        404,
        "not_found",
        None,
    );
    assert_problem(&app.get("/api/v2/products").await, 404, "not_found", None);
    assert_problem(&app.get("/api").await, 404, "not_found", None);
    assert_problem(&app.get("/api/v1/products/").await, 404, "not_found", None);
    assert_problem(
        &app.get("/media/products/p_000001/9.jpg").await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &app.get("/media/products/p_000001/x.png").await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &app.get("/media/categories/nope.jpg").await,
        404,
        "not_found",
        None,
    );
    assert_problem(&app.get("/media/elsewhere").await, 404, "not_found", None);
}

#[tokio::test]
async fn wrong_methods_are_405_problems() {
    let app = spawn_with(5, None).await;
    for (method, uri) in [
        (Method::POST, "/api/v1/products"),
        (Method::DELETE, "/api/v1/products/p_000001"),
        (Method::PUT, "/api/v1/categories"),
        (Method::POST, "/api/health"),
        (Method::POST, "/product/x"),
    ] {
        let r = app.request(method.clone(), uri, &[], Body::empty()).await;
        assert_problem(&r, 405, "method_not_allowed", None);
        assert!(r.header("allow").contains("GET"), "{method} {uri}");
    }
}

#[tokio::test]
async fn security_headers_on_api_errors_media_and_spa() {
    let dist = spa_dist();
    let app = spawn_with(5, Some(dist.path())).await;
    for uri in [
        "/api/health",
        "/api/v1/products?limit=1",
        "/api/v1/products?limit=abc",
        "/api/v1/products/nope",
        "/media/products/p_000001/0.jpg",
        "/",
        "/product/x",
        "/storefront-3f2a9c_bg.wasm",
        "/missing.js",
    ] {
        let r = app.get(uri).await;
        let csp = r.header("content-security-policy");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{uri}: {csp}"
        );
        assert!(
            csp.contains("'wasm-unsafe-eval'") && csp.contains("object-src 'none'"),
            "{uri}: {csp}"
        );
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
            "{uri}: {csp}"
        );
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(
            r.header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{uri}"
        );
    }
    // The docs route has its own policy, still without inline scripts.
    let docs = app.get("/api/docs/").await;
    assert_eq!(docs.status, 200);
    assert!(docs.text().to_lowercase().contains("swagger"));
    let csp = docs.header("content-security-policy");
    let script_src = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(!script_src.contains("unsafe-inline"), "{csp}");
    assert_eq!(docs.header("x-content-type-options"), "nosniff");
}

#[tokio::test]
async fn openapi_document_is_3_1_and_covers_every_endpoint() {
    let app = spawn_with(5, None).await;
    let doc: serde_json::Value = app.openapi().json().await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/health",
        "/api/v1/categories",
        "/api/v1/products",
        "/api/v1/products/{id_or_slug}",
        "/api/v1/products/facets",
        "/api/v1/products/{id_or_slug}/related",
        "/api/v1/search/suggest",
        "/api/v1/stores",
        "/api/v1/stores/{id_or_slug}",
        "/api/v1/variants/{id}/availability",
        "/api/v1/reservations",
        "/api/v1/reservations/{code}",
        "/api/v1/reservations/{code}/cancel",
        "/api/v1/reservations/{code}/qr.svg",
        "/api/v1/staff/stores/{store_id}/stock/{variant_id}",
        "/api/v1/staff/stores/{store_id}/reservations/{code}/collect",
        "/media/products/{product_id}/{file}",
        "/media/categories/{file}",
        "/api/v1/stores/{id_or_slug}/tour",
        "/media/tours/{store_id}/{scene_id}/{file}",
        "/media/tours/{store_id}/{file}",
        "/api/v1/stores/{id_or_slug}/guide-slots",
        "/api/v1/appointments",
        "/api/v1/appointments/{code}",
        "/api/v1/appointments/{code}/cancel",
        "/api/v1/appointments/{code}/qr.svg",
        "/api/openapi.json",
        "/api/docs/",
    ] {
        assert!(paths.contains_key(p), "missing {p}");
    }
    let params: Vec<&str> = doc["paths"]["/api/v1/products"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "category", "q", "brand", "color", "size", "price", "on_sale", "store", "in_stock", "ids",
        "sort", "limit", "cursor",
    ] {
        assert!(params.contains(&name), "{params:?}");
    }
    let ids: Vec<&str> = paths
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|op| op["operationId"].as_str().unwrap())
        .collect();
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate operationIds: {ids:?}");
    for schema in [
        "ProductFacets",
        "FacetValue",
        "SearchSuggestions",
        "Spec",
        "ImageSource",
        "PriceRange",
        "Store",
        "OpenStatus",
        "HoursException",
        "VariantAvailability",
        "StockUpdate",
        "ReservationRequest",
        "Reservation",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    let media: Vec<&str> = doc["paths"]["/media/products/{product_id}/{file}"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(media.contains(&"w"), "{media:?}");
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    assert!(
        doc["paths"]["/api/v1/products"]["get"]["responses"]["400"]["content"]
            ["application/problem+json"]
            .is_object()
    );
    let redirect = app.get("/api/docs").await;
    assert!(redirect.status.is_redirection());
}

/// A dist dir like Trunk's: index.html with an inline module script and inline CSS, hashed assets.
fn spa_dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let html = r#"<!doctype html><html><head><meta charset="utf-8"><meta name="storefront-api-base" content="/api">
<style>body{margin:0}</style>
<link rel="modulepreload" href="/storefront-3f2a9c.js">
<script type="module">import init from '/storefront-3f2a9c.js';await init({module_or_path:'/storefront-3f2a9c_bg.wasm'});</script>
</head><body></body></html>"#;
    std::fs::write(dir.path().join("index.html"), html).unwrap();
    std::fs::write(
        dir.path().join("storefront-3f2a9c.js"),
        "export default async function init(){}\n".repeat(50),
    )
    .unwrap();
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(b"storefront wasm section ".as_slice(), 200).flatten());
    std::fs::write(dir.path().join("storefront-3f2a9c_bg.wasm"), wasm).unwrap();
    std::fs::write(
        dir.path().join("style-8d1e0a44b2c9f713.css"),
        "body{color:#111}\n".repeat(40),
    )
    .unwrap();
    dir
}

fn sha(s: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
    )
}

#[tokio::test]
async fn spa_routes_assets_and_csp_hashes() {
    let dist = spa_dist();
    let dir = tempfile::tempdir().unwrap();
    let mut config = storefront_server::Config::new(
        format!("sqlite://{}/spa.db", dir.path().display()),
        dist.path(),
    );
    config.products = 5;
    config.public_api_base = "https://api.example.com/a?x=\"1\"".to_owned();
    let app = TestApp::new(storefront_server::app(&config).await.unwrap(), dir);

    for uri in [
        "/",
        "/index.html",
        "/product/foo",
        "/category/shoes?x=1",
        "/stores/a/b/c",
    ] {
        let r = app.get(uri).await;
        assert_eq!(r.status, 200, "{uri}");
        assert_eq!(r.header("cache-control"), "no-cache", "{uri}");
        assert!(r.header("content-type").starts_with("text/html"));
        let html = r.text();
        assert!(html.contains(r#"<meta name="storefront-api-base" content="https://api.example.com/a?x=&quot;1&quot;">"#), "{html}");
        let csp = r.header("content-security-policy");
        assert!(csp.contains(&sha("import init from '/storefront-3f2a9c.js';await init({module_or_path:'/storefront-3f2a9c_bg.wasm'});")), "{csp}");
        assert!(csp.contains(&sha("body{margin:0}")), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
    }

    for asset in [
        "/storefront-3f2a9c.js",
        "/storefront-3f2a9c_bg.wasm",
        "/style-8d1e0a44b2c9f713.css",
    ] {
        let r = app.get(asset).await;
        assert_eq!(r.status, 200, "{asset}");
        assert_eq!(
            r.header("cache-control"),
            "public, max-age=31536000, immutable",
            "{asset}"
        );
    }
    assert_eq!(
        app.get("/storefront-3f2a9c_bg.wasm")
            .await
            .header("content-type"),
        "application/wasm"
    );

    for missing in ["/missing.js", "/assets/nope.css", "/favicon.ico"] {
        let r = app.get(missing).await;
        assert_eq!(r.status, 404, "{missing}");
        assert!(!r.text().contains("storefront-api-base"));
    }
}

#[tokio::test]
async fn brotli_and_gzip_when_asked() {
    let dist = spa_dist();
    let app = spawn_with(30, Some(dist.path())).await;
    for uri in [
        "/storefront-3f2a9c_bg.wasm",
        "/storefront-3f2a9c.js",
        "/style-8d1e0a44b2c9f713.css",
        "/api/v1/products?limit=20",
        "/api/openapi.json",
        "/",
    ] {
        let plain = app.get(uri).await;
        let br = app.get_with(uri, &[("accept-encoding", "br")]).await;
        assert_eq!(br.status, 200, "{uri}");
        assert_eq!(br.header("content-encoding"), "br", "{uri}");
        assert!(br.body.len() < plain.body.len(), "{uri}");
        let gz = app.get_with(uri, &[("accept-encoding", "gzip")]).await;
        assert_eq!(gz.header("content-encoding"), "gzip", "{uri}");
        assert!(plain.header("content-encoding").is_empty());
    }
    // JPEG is compressed already: sent as is, whatever the client accepts.
    let jpeg = app
        .get_with(
            "/media/products/p_000001/0.jpg",
            &[("accept-encoding", "br, gzip")],
        )
        .await;
    assert_eq!(jpeg.status, 200);
    assert!(jpeg.header("content-encoding").is_empty());
}

#[tokio::test]
async fn the_service_worker_is_revalidated_on_every_check() {
    // it names the build's files: a new build must reach browsers at their next check
    let dist = spa_dist();
    std::fs::write(
        dist.path().join("sw.js"),
        "self.addEventListener('fetch', () => {});\n",
    )
    .unwrap();
    let app = spawn_with(5, Some(dist.path())).await;
    let r = app.get("/sw.js").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "no-cache");
    assert!(r.header("content-type").contains("javascript"));
}

#[tokio::test]
async fn without_a_built_spa_pages_say_so_with_503() {
    let app = spawn_with(5, None).await;
    let r = app.get("/product/x").await;
    assert_eq!(r.status, 503);
    assert!(r.header("content-type").starts_with("text/html"));
    assert!(r.text().contains("not built"));
    // The API still works.
    assert_eq!(app.health().await.status, 200);
}

#[tokio::test]
async fn empty_database_with_no_seed_serves_empty_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = storefront_server::Config::new(
        format!("sqlite://{}/empty.db", dir.path().display()),
        dir.path(),
    );
    config.no_seed = true;
    let app = TestApp::new(storefront_server::app(&config).await.unwrap(), dir);
    let page: Page<ProductSummary> = app.products("").json().await;
    assert_eq!(
        (page.total, page.data.len(), page.next_cursor),
        (0, 0, None)
    );
}

#[tokio::test]
async fn database_failure_is_503_on_health_and_500_without_detail_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = storefront_server::db::connect(&format!("sqlite://{}/down.db", dir.path().display()))
        .await
        .unwrap();
    let spa = Arc::new(storefront_server::Spa::load(dir.path(), "/api"));
    let router = storefront_server::router(storefront_server::AppState::new(db.clone(), spa));
    db.close().await;
    let app = TestApp::new(router, dir);
    assert_problem(&app.health().await, 503, "unavailable", None);
    let p = assert_problem(&app.products("").await, 500, "internal", None);
    assert!(p.detail.is_none() && p.errors.is_empty());
}

#[tokio::test]
async fn panics_become_500_problems_and_json_bodies_are_validated() {
    use axum::routing::{get, post};
    use storefront_server::extract::ApiJson;

    #[derive(serde::Deserialize)]
    struct Line {
        #[allow(dead_code)]
        sku: String,
        quantity: u32,
    }
    async fn boom() -> &'static str {
        panic!("boom")
    }
    async fn add(ApiJson(line): ApiJson<Line>) -> String {
        line.quantity.to_string()
    }
    let dir = tempfile::tempdir().unwrap();
    let spa = Arc::new(storefront_server::Spa::load(dir.path(), "/api"));
    let router = storefront_server::with_layers(
        axum::Router::new()
            .route("/api/boom", get(boom))
            .route("/api/lines", post(add)),
        spa,
    );
    let app = TestApp::new(router, dir);

    let r = app.get("/api/boom").await;
    let p = assert_problem(&r, 500, "internal", None);
    assert!(p.detail.is_none());
    assert!(r
        .header("content-security-policy")
        .contains("frame-ancestors 'none'"));

    let post = |body: &'static str, ct: &'static str| {
        let app = &app;
        async move {
            app.request(
                Method::POST,
                "/api/lines",
                &[("content-type", ct)],
                Body::from(body),
            )
            .await
        }
    };
    let ok = post(r#"{"sku":"A","quantity":3}"#, "application/json").await;
    assert_eq!((ok.status.as_u16(), ok.text().as_str()), (200, "3"));
    assert_problem(
        &post(r#"{"sku":"A","quantity":"three"}"#, "application/json").await,
        422,
        "invalid_body",
        Some("/quantity"),
    );
    assert_problem(
        &post(r#"{"sku":"A""#, "application/json").await,
        400,
        "invalid_body",
        None,
    );
    assert_problem(
        &post(r#"{"sku":"A","quantity":1}"#, "text/plain").await,
        415,
        "invalid_body",
        None,
    );
}
