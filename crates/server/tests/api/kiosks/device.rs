//! The paired kiosk: heartbeat and the status staff see, reset (Clear-Site-Data, the
//! member session ended), and leaving kiosk mode with the PIN or a staff key.

use super::{paired, set_cookie, JINGAN, OTHER};
use crate::helpers::{assert_problem, spawn_with, TestApp};
use storefront_api_types::{KioskConfig, KioskStatus, StaffKioskList};
use storefront_server::members::sha256_hex;

const BEAT: &str = r#"{"app_version":"abc123","last_frame_at":"2026-12-06T10:00:00Z",
    "js_heap_bytes":12345678,"webgl":true,"route":"/p/some-shoe"}"#;

async fn list(app: &TestApp) -> StaffKioskList {
    app.kiosks(JINGAN).staff(JINGAN).json().await
}

#[tokio::test]
async fn heartbeats_make_the_status() {
    let app = spawn_with(24, None).await;
    let (id, cookie) = paired(&app, "Entrance").await;
    let (_never, _) = paired(&app, "Back wall").await;
    let l = list(&app).await;
    assert!(l.data.iter().all(|k| k.status == KioskStatus::NeverSeen));
    assert!(l.data.iter().all(|k| k.last_report.is_none()));

    let r = app.kiosk_heartbeat(BEAT).cookie(&cookie).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let l = list(&app).await;
    let k = l.data.iter().find(|k| k.kiosk_id == id).unwrap();
    assert_eq!(k.status, KioskStatus::Online);
    let report = k.last_report.as_ref().unwrap();
    assert_eq!(report.app_version, "abc123");
    assert_eq!(report.js_heap_bytes, Some(12_345_678));
    assert!(report.webgl);
    assert_eq!(report.route, "/p/some-shoe");
    let at = k.last_heartbeat_at.unwrap().unix();
    assert!((chrono::Utc::now().timestamp() - at).abs() <= 5);
    let other = l.data.iter().find(|k| k.kiosk_id != id).unwrap();
    assert_eq!(other.status, KioskStatus::NeverSeen);

    // 181 s without a heartbeat: stale
    let pool = app.pool().await;
    sqlx::query("UPDATE kiosks SET last_heartbeat_at = ? WHERE id = ?")
        .bind(chrono::Utc::now().timestamp() - 181)
        .bind(&id)
        .execute(&pool)
        .await
        .unwrap();
    let l = list(&app).await;
    let k = l.data.iter().find(|k| k.kiosk_id == id).unwrap();
    assert_eq!(k.status, KioskStatus::Stale);
    assert!(k.last_report.is_some());
}

#[tokio::test]
async fn a_heartbeat_carries_no_query_and_needs_the_device() {
    let app = spawn_with(24, None).await;
    let (_, cookie) = paired(&app, "Entrance").await;
    for route in ["/search?q=13800000001", "/p/x#frag", "p/x"] {
        let body = BEAT.replace("/p/some-shoe", route);
        let r = app.kiosk_heartbeat(&body).cookie(&cookie).await;
        assert_problem(&r, 400, "invalid_body", Some("/route"));
    }
    let body = BEAT.replace("\"webgl\":true", "\"webgl\":true,\"phone\":\"13800000001\"");
    let r = app.kiosk_heartbeat(&body).cookie(&cookie).await;
    assert_problem(&r, 422, "invalid_body", Some("/phone"));
    let r = app.kiosk_heartbeat(BEAT).await;
    assert_problem(&r, 401, "kiosk_unpaired", None);
}

#[tokio::test]
async fn reset_clears_the_site_and_ends_the_member_session() {
    let app = spawn_with(24, None).await;
    let (_, cookie) = paired(&app, "Entrance").await;
    // a member signed in on the kiosk
    let pool = app.pool().await;
    sqlx::query(
        "INSERT INTO members (member_no, login, terms_accepted_at, created_at) VALUES ('6600000077', '13700000077', 0, 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO member_sessions (id_sha256, member_id, created_at, expires_at) \
         SELECT ?, id, 0, 4000000000 FROM members WHERE login = '13700000077'",
    )
    .bind(sha256_hex("kiosk-shopper"))
    .execute(&pool)
    .await
    .unwrap();
    let session = "sf_session=kiosk-shopper";
    assert_eq!(app.me().cookie(session).await.status, 200);

    let r = app
        .kiosk_reset()
        .cookie(&format!("{cookie}; {session}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("clear-site-data"), "\"cache\"");
    assert_eq!(r.header("cache-control"), "private, no-store");
    let cleared = set_cookie(&r, "sf_session").expect("session cookie cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let cleared = set_cookie(&r, "sf_marketing").expect("marketing cookie cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert!(
        set_cookie(&r, "sf_kiosk").is_none(),
        "the kiosk stays paired"
    );
    let config: KioskConfig = r.json();
    assert_eq!(config.store.id.0, JINGAN);

    // the session is over on the server too
    assert_problem(
        &app.me().cookie(session).await,
        401,
        "unauthenticated",
        None,
    );
    assert_eq!(app.kiosk_config().cookie(&cookie).await.status, 200);
    // without a device: no reset
    let r = app.kiosk_reset().cookie(session).await;
    assert_problem(&r, 401, "kiosk_unpaired", None);
}

#[tokio::test]
async fn leaving_kiosk_mode_needs_the_pin_or_a_staff_key_of_the_store() {
    let app = spawn_with(24, None).await;
    let (id, cookie) = paired(&app, "Entrance").await;
    let r = app
        .put_kiosk_settings(JINGAN, &id, r#"{"exit_pin":"2468"}"#)
        .staff(JINGAN)
        .await;
    assert_eq!(r.status, 200);
    let refused = [
        (r#"{"pin":"1357"}"#, "/pin"),
        (r#"{}"#, "/key"),
        (r#"{"key":"sk_nonsense"}"#, "/key"),
    ];
    for (body, pointer) in refused {
        let r = app.kiosk_exit(body).cookie(&cookie).await;
        assert_problem(&r, 403, "exit_refused", Some(pointer));
    }
    let other_key = format!(r#"{{"key":"demo-{OTHER}"}}"#);
    let r = app.kiosk_exit(&other_key).cookie(&cookie).await;
    assert_problem(&r, 403, "exit_refused", Some("/key"));
    assert_eq!(app.kiosk_config().cookie(&cookie).await.status, 200);

    let r = app
        .kiosk_exit(&format!(r#"{{"key":"demo-{JINGAN}"}}"#))
        .cookie(&cookie)
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let cleared = set_cookie(&r, "sf_kiosk").expect("cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let r = app.kiosk_config().cookie(&cookie).await;
    assert_problem(&r, 401, "kiosk_unpaired", None);

    // the PIN works too, on a screen paired again
    let (_, cookie) = paired(&app, "Second").await;
    let second = list(&app)
        .await
        .data
        .into_iter()
        .find(|k| k.name == "Second")
        .unwrap();
    app.put_kiosk_settings(JINGAN, &second.kiosk_id, r#"{"exit_pin":"13579"}"#)
        .staff(JINGAN)
        .await;
    let r = app.kiosk_exit(r#"{"pin":"13579"}"#).cookie(&cookie).await;
    assert_eq!(r.status, 204, "{}", r.text());
    assert_problem(
        &app.kiosk_config().cookie(&cookie).await,
        401,
        "kiosk_unpaired",
        None,
    );
}

#[tokio::test]
async fn wrong_exits_are_rate_limited() {
    let app = spawn_with(24, None).await;
    let (_, cookie) = paired(&app, "Entrance").await;
    for _ in 0..10 {
        let r = app.kiosk_exit(r#"{"pin":"0000"}"#).cookie(&cookie).await;
        assert_problem(&r, 403, "exit_refused", Some("/pin"));
    }
    let r = app
        .kiosk_exit(&format!(r#"{{"key":"demo-{JINGAN}"}}"#))
        .cookie(&cookie)
        .await;
    assert_problem(&r, 429, "rate_limited", Some("/key"));
    assert!(!r.header("retry-after").is_empty());
}
