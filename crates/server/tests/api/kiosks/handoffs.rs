//! Hand-offs to a phone: single use, expiry, unknown and tampered tokens, no personal
//! fields, the kiosk's poll of its own hand-off only.

use super::{paired, JINGAN};
use crate::helpers::{assert_problem, spawn_with, TestApp};
use storefront_api_types::{HandoffOpened, KioskHandoff, KioskHandoffState, KioskHandoffStatus};

const BODY: &str = r#"{"route":"/p/some-shoe?from=kiosk","variant_id":"v_1","wishlist":["p_000001","p_000002"],
    "tour_scene":"entrance","tour_view":{"yaw":-30.5,"pitch":10,"fov":75}}"#;

async fn hand_off(app: &TestApp, cookie: &str) -> KioskHandoff {
    let r = app
        .kiosk_handoff(BODY)
        .cookie(cookie)
        .header("host", "shop.example:8080")
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

async fn state(app: &TestApp, cookie: &str, token: &str) -> KioskHandoffStatus {
    let s: KioskHandoffState = app.kiosk_handoff_state(token).cookie(cookie).json().await;
    s.state
}

#[tokio::test]
async fn a_handoff_opens_once_on_the_phone() {
    let app = spawn_with(24, None).await;
    let (_, cookie) = paired(&app, "Entrance").await;
    let h = hand_off(&app, &cookie).await;
    assert_eq!(h.token.len(), 10);
    assert_eq!(h.url, format!("http://shop.example:8080/h/{}", h.token));
    assert_eq!(h.short_url, h.url);
    let now = chrono::Utc::now().timestamp();
    assert!((h.expires_at.unix() - now - 300).abs() <= 5);
    assert_eq!(
        state(&app, &cookie, &h.token).await,
        KioskHandoffStatus::Pending
    );

    // opened in any case (a typed short link)
    let r = app.open_handoff(&h.token.to_lowercase()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let o: HandoffOpened = r.json();
    assert_eq!(o.route, "/p/some-shoe?from=kiosk");
    assert_eq!(o.variant_id.unwrap().0, "v_1");
    assert_eq!(o.wishlist.len(), 2);
    assert_eq!(o.tour_scene.as_deref(), Some("entrance"));
    assert_eq!(o.tour_view.unwrap().yaw, -30.5);
    assert_eq!(o.store_id.0, JINGAN);
    assert_eq!(
        state(&app, &cookie, &h.token).await,
        KioskHandoffStatus::Opened
    );

    let again = app.open_handoff(&h.token).await;
    assert_problem(&again, 410, "handoff_used", None);
}

#[tokio::test]
async fn the_app_served_elsewhere_gets_links_to_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = storefront_server::Config::new(
        format!("sqlite://{}/h.db", dir.path().display()),
        dir.path().join("no-dist"),
    );
    config.products = 24;
    config.demo = true;
    config.cors_allowed_origins =
        storefront_server::cors::parse_allowed_origins("https://shop.brand.test").unwrap();
    let app = TestApp::new(storefront_server::app(&config).await.unwrap(), dir);
    let (_, cookie) = paired(&app, "Entrance").await;
    let handoff = |origin: &'static str| {
        app.kiosk_handoff(BODY).cookie(&cookie).headers(&[
            ("host", "api.brand.test"),
            ("origin", origin),
            crate::helpers::XRW,
        ])
    };
    let r = handoff("https://shop.brand.test").await;
    assert_eq!(r.status, 201, "{}", r.text());
    let h: KioskHandoff = r.json();
    assert_eq!(h.url, format!("https://shop.brand.test/h/{}", h.token));
    // an origin not on the list names nothing: the link is on this host, as ever
    let r = handoff("https://evil.test").await;
    assert_eq!(r.status, 201, "{}", r.text());
    let h: KioskHandoff = r.json();
    assert_eq!(h.url, format!("http://api.brand.test/h/{}", h.token));
}

#[tokio::test]
async fn expired_unknown_and_tampered_tokens_are_refused() {
    let app = spawn_with(24, None).await;
    let (_, cookie) = paired(&app, "Entrance").await;
    let h = hand_off(&app, &cookie).await;
    // one character changed
    let mut chars: Vec<char> = h.token.chars().collect();
    chars[4] = if chars[4] == 'A' { 'B' } else { 'A' };
    let tampered: String = chars.into_iter().collect();
    assert_problem(&app.open_handoff(&tampered).await, 404, "not_found", None);
    assert_problem(&app.open_handoff("nonsense").await, 404, "not_found", None);
    assert_problem(
        &app.open_handoff("2222222222").await,
        404,
        "not_found",
        None,
    );

    let pool = app.pool().await;
    sqlx::query("UPDATE kiosk_handoffs SET expires_at = ?")
        .bind(chrono::Utc::now().timestamp() - 1)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        state(&app, &cookie, &h.token).await,
        KioskHandoffStatus::Expired
    );
    assert_problem(
        &app.open_handoff(&h.token).await,
        410,
        "handoff_expired",
        None,
    );
}

#[tokio::test]
async fn unknown_tokens_are_rate_limited_per_client() {
    let app = spawn_with(24, None).await;
    for _ in 0..30 {
        assert_problem(
            &app.open_handoff("2222222222").await,
            404,
            "not_found",
            None,
        );
    }
    let r = app.open_handoff("2222222222").await;
    assert_problem(&r, 429, "rate_limited", None);
}

#[tokio::test]
async fn personal_fields_and_foreign_routes_are_refused() {
    let app = spawn_with(24, None).await;
    let (_, cookie) = paired(&app, "Entrance").await;
    for field in ["phone", "name", "login"] {
        let body = BODY.replace(
            "\"route\"",
            &format!("\"{field}\":\"13800000001\",\"route\""),
        );
        let r = app.kiosk_handoff(&body).cookie(&cookie).await;
        assert_problem(&r, 422, "invalid_body", Some(&format!("/{field}")));
    }
    for route in [
        "//evil.example/p",
        "https://evil.example/",
        "/\\\\evil.example",
        "p/x",
    ] {
        let body = serde_json::json!({ "route": route }).to_string();
        let r = app.kiosk_handoff(&body).cookie(&cookie).await;
        assert_problem(&r, 400, "invalid_body", Some("/route"));
    }
    let body = r#"{"route":"/tour/s","tour_view":{"yaw":0,"pitch":95,"fov":75}}"#;
    let r = app.kiosk_handoff(body).cookie(&cookie).await;
    assert_problem(&r, 400, "invalid_body", Some("/tour_view/pitch"));
    let many: Vec<String> = (0..51).map(|i| format!("p_{i}")).collect();
    let body = serde_json::json!({ "route": "/wishlist", "wishlist": many }).to_string();
    let r = app.kiosk_handoff(&body).cookie(&cookie).await;
    assert_problem(&r, 400, "invalid_body", Some("/wishlist"));
    // not without a paired device
    let r = app.kiosk_handoff(BODY).await;
    assert_problem(&r, 401, "kiosk_unpaired", None);
}

#[tokio::test]
async fn another_kiosk_cannot_read_the_state() {
    let app = spawn_with(24, None).await;
    let (_, mine) = paired(&app, "Entrance").await;
    let (_, theirs) = paired(&app, "Back wall").await;
    let h = hand_off(&app, &mine).await;
    let r = app.kiosk_handoff_state(&h.token).cookie(&theirs).await;
    assert_problem(&r, 404, "not_found", None);
    let r = app.kiosk_handoff_state(&h.token).await;
    assert_problem(&r, 401, "kiosk_unpaired", None);
    assert_eq!(
        state(&app, &mine, &h.token).await,
        KioskHandoffStatus::Pending
    );
}

#[tokio::test]
async fn the_phone_document_names_the_page_while_unused_and_looking_uses_nothing() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><html><head><meta charset=\"utf-8\"></head><body></body></html>",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("split-manifest.json"),
        r#"{"handoff":["/split_handoff-0123456789abcdef.wasm","/chunk_1-0123456789abcdef.wasm"],"kiosk":["/split_kiosk-0123456789abcdef.wasm"]}"#,
    )
    .unwrap();
    let app = spawn_with(24, Some(dist.path())).await;
    let (_, cookie) = paired(&app, "Entrance").await;
    let h = hand_off(&app, &cookie).await;
    let page = |token: String| {
        let app = &app;
        async move { app.get(&format!("/h/{token}")).await }
    };
    // looked at twice (a link preview, then the phone): the page is named, nothing is used
    for _ in 0..2 {
        let doc = page(h.token.to_lowercase()).await;
        assert_eq!(doc.status, 200);
        assert_eq!(doc.header("cache-control"), "no-store");
        let html = doc.text();
        let meta = format!(
            r#"<meta name="sf-handoff-route" content="/p/some-shoe?from=kiosk" data-token="{}">"#,
            h.token
        );
        assert!(html.contains(&meta), "{html}");
        assert!(html.find("sf-handoff-route").unwrap() < html.find("</head>").unwrap());
        // the page comes first: the hand-off module loads when the app asks for it
        assert!(!html.contains("rel=\"preload\" as=\"fetch\""));
    }
    assert_eq!(
        state(&app, &cookie, &h.token).await,
        KioskHandoffStatus::Pending
    );
    // once used, unknown or malformed: the document names nothing (the app says why)
    assert_eq!(app.open_handoff(&h.token).await.status, 200);
    for token in [
        h.token.clone(),
        "ZZZZZZZZZZ".to_owned(),
        "%3Cscript%3E".to_owned(),
    ] {
        let doc = page(token).await;
        assert_eq!(doc.status, 200);
        let html = doc.text();
        assert!(!html.contains("sf-handoff-route"));
        // the app's hand-off page says why: its module and its chunk come with the document
        assert!(html.contains(r#"<link rel="preload" as="fetch" crossorigin href="/split_handoff-0123456789abcdef.wasm">"#));
        assert!(html.contains(r#"href="/chunk_1-0123456789abcdef.wasm""#));
        assert!(!html.contains("split_kiosk"));
    }
}
