//! The app served elsewhere calling this API (`--cors-allowed-origins`), and the runtime
//! configuration a static host serves beside the app (`/config.json`).

use crate::helpers::{TestApp, XRW};
use axum::http::Method;
use storefront_server::Config;

const SHOP: &str = "http://shop.brand.test:8081";
const SUB: &str = "https://m.brand.test";

async fn spawn(origins: &str) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(
        format!("sqlite://{}/cors.db", dir.path().display()),
        dir.path().join("no-dist"),
    );
    config.products = 5;
    config.demo = true;
    config.cors_allowed_origins = storefront_server::cors::parse_allowed_origins(origins).unwrap();
    TestApp::new(storefront_server::app(&config).await.unwrap(), dir)
}

fn cors_headers(r: &crate::helpers::Reply) -> Vec<String> {
    r.headers
        .keys()
        .map(|k| k.as_str().to_owned())
        .filter(|k| k.starts_with("access-control-"))
        .collect()
}

fn varies_by_origin(r: &crate::helpers::Reply) -> bool {
    r.headers
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("origin"))
}

#[tokio::test]
async fn a_listed_origin_gets_its_preflight_answered_and_reads_answers() {
    let app = spawn(&format!("{SHOP}, https://*.brand.test")).await;
    for origin in [SHOP, SUB] {
        let pre = app
            .call(Method::OPTIONS, "/api/v1/reservations")
            .headers(&[
                ("origin", origin),
                ("access-control-request-method", "POST"),
                (
                    "access-control-request-headers",
                    "content-type,idempotency-key,x-requested-with",
                ),
            ])
            .await;
        assert_eq!(pre.status, 204, "{origin}");
        assert_eq!(pre.header("access-control-allow-origin"), origin);
        assert_eq!(pre.header("access-control-allow-credentials"), "true");
        for m in ["GET", "POST", "PUT", "DELETE"] {
            assert!(pre.header("access-control-allow-methods").contains(m));
        }
        for h in [
            "Content-Type",
            "Idempotency-Key",
            "If-None-Match",
            "X-Requested-With",
        ] {
            assert!(
                pre.header("access-control-allow-headers").contains(h),
                "{h}"
            );
        }
        assert_eq!(pre.header("access-control-max-age"), "7200");
        assert!(varies_by_origin(&pre));

        let list = app
            .call(Method::GET, "/api/v1/products?limit=2")
            .header("origin", origin)
            .await;
        assert_eq!(list.status, 200);
        assert_eq!(list.header("access-control-allow-origin"), origin);
        assert_eq!(list.header("access-control-allow-credentials"), "true");
        for h in ["ETag", "Location", "Link", "Retry-After"] {
            assert!(
                list.header("access-control-expose-headers").contains(h),
                "{h}"
            );
        }
        assert!(varies_by_origin(&list));
        // its problems too: the app reads what went wrong
        let missing = app
            .call(Method::GET, "/api/v1/products/p_nope")
            .header("origin", origin)
            .await;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.header("access-control-allow-origin"), origin);
        // and the pictures (the tour draws them with WebGL)
        let p: serde_json::Value = list.json();
        let url = p["data"][0]["image"]["url"].as_str().unwrap().to_owned();
        assert!(url.starts_with("/media/"), "{url}");
        let pic = app.call(Method::GET, url).header("origin", origin).await;
        assert_eq!(pic.status, 200);
        assert_eq!(pic.header("access-control-allow-origin"), origin);
    }
}

#[tokio::test]
async fn any_other_origin_sees_nothing_of_the_policy() {
    let app = spawn(&format!("{SHOP}, https://*.brand.test")).await;
    for origin in [
        "http://shop.brand.test:8082",
        "https://shop.brand.test:8081",
        "https://brand.test",
        "https://a.m.brand.test",
        "https://evil.test",
        "https://m.brand.test.evil.test",
        "null",
    ] {
        let pre = app
            .call(Method::OPTIONS, "/api/v1/reservations")
            .headers(&[
                ("origin", origin),
                ("access-control-request-method", "POST"),
            ])
            .await;
        assert_eq!(pre.status, 405, "{origin}");
        assert_eq!(cors_headers(&pre), Vec::<String>::new(), "{origin}");
        let get = app
            .call(Method::GET, "/api/v1/products?limit=1")
            .header("origin", origin)
            .await;
        assert_eq!(get.status, 200);
        assert_eq!(cors_headers(&get), Vec::<String>::new(), "{origin}");
        // a shared cache keeps the answers apart
        assert!(varies_by_origin(&get));
        // a state change without the app's header is refused, as ever
        let code = app
            .call(Method::POST, "/api/v1/auth/code")
            .header("origin", origin)
            .json_body(r#"{"login":"13800000000"}"#)
            .await;
        assert_eq!(code.status, 403, "{origin}: {}", code.text());
        assert!(code.text().contains("X-Requested-With"), "{}", code.text());
    }
    // the page's own origin needs no CORS
    let own = app
        .call(Method::GET, "/api/v1/products?limit=1")
        .headers(&[("origin", "http://localhost"), ("host", "localhost")])
        .await;
    assert_eq!(cors_headers(&own), Vec::<String>::new());
}

#[tokio::test]
async fn a_listed_origin_signs_in_with_the_apps_header() {
    let app = spawn(SHOP).await;
    let code = app
        .call(Method::POST, "/api/v1/auth/code")
        .headers(&[("origin", SHOP), XRW])
        .json_body(r#"{"login":"13800000000"}"#)
        .await;
    assert!(code.status.is_success(), "{}", code.text());
    assert_eq!(code.header("access-control-allow-origin"), SHOP);
}

#[tokio::test]
async fn without_a_list_there_is_no_cross_origin_caller() {
    let app = spawn("").await;
    let pre = app
        .call(Method::OPTIONS, "/api/v1/products")
        .headers(&[("origin", SHOP), ("access-control-request-method", "GET")])
        .await;
    assert_eq!(pre.status, 405);
    assert_eq!(cors_headers(&pre), Vec::<String>::new());
    let get = app
        .call(Method::GET, "/api/v1/products?limit=1")
        .header("origin", SHOP)
        .await;
    assert_eq!(cors_headers(&get), Vec::<String>::new());
    assert!(!varies_by_origin(&get));
}

#[test]
fn a_malformed_origin_stops_the_start_naming_it() {
    for (bad, why) in [
        ("ftp://shop.brand.test", "https://"),
        ("https://shop.brand.test/app", "no path"),
        ("*", "list the origins"),
        ("https://*.test", "wildcard"),
    ] {
        let err = <Config as clap::Parser>::try_parse_from([
            "storefront-server",
            "--cors-allowed-origins",
            &format!("{SHOP},{bad}"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains(bad), "{bad}: {err}");
        assert!(err.contains(why), "{bad}: {err}");
    }
    let ok = <Config as clap::Parser>::try_parse_from([
        "storefront-server",
        "--cors-allowed-origins",
        "https://shop.brand.test, https://*.brand.test",
    ])
    .unwrap();
    assert!(ok.cors_allowed_origins.allows("https://x.brand.test"));
}

#[tokio::test]
async fn config_json_says_what_the_page_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(
        format!("sqlite://{}/c.db", dir.path().display()),
        dir.path().join("no-dist"),
    );
    config.products = 5;
    config.public_api_base = "https://api.brand.test/api".to_owned();
    let app = TestApp::new(storefront_server::app(&config).await.unwrap(), dir);
    let r = app.get("/config.json").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "no-cache");
    assert!(r.header("content-type").starts_with("application/json"));
    let v: serde_json::Value = r.json();
    assert_eq!(
        v,
        serde_json::json!({"api_base": "https://api.brand.test/api"})
    );
    // the page's policy lets it call that API and show its pictures
    let page = app.get("/").await;
    let csp = page.header("content-security-policy");
    assert!(
        csp.contains("connect-src 'self' https://api.brand.test;"),
        "{csp}"
    );
    assert!(
        csp.contains("img-src 'self' data: https://api.brand.test;"),
        "{csp}"
    );
}
