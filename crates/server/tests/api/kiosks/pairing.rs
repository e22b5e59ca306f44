//! Registering and pairing: the code is single use, expires, says which fault, is rate
//! limited per client; the device cookie is HttpOnly and never in the body; staff of
//! another store are refused; re-pairing and unpairing revoke the device.

use super::{paired, register, set_cookie, JINGAN, OTHER};
use crate::helpers::{assert_problem, spawn_with};
use storefront_api_types::{KioskConfig, KioskSettings, StaffKioskList};

#[tokio::test]
async fn a_code_pairs_the_screen_once_with_an_httponly_cookie() {
    let app = spawn_with(24, None).await;
    let r = app
        .create_kiosk(JINGAN, r#"{"name":"Entrance"}"#)
        .staff(JINGAN)
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let pairing: storefront_api_types::KioskPairing = r.json();
    assert_eq!(
        r.header("location"),
        format!("/api/v1/staff/stores/{JINGAN}/kiosks/{}", pairing.kiosk_id)
    );
    assert!(pairing.kiosk_id.starts_with("k_") && pairing.kiosk_id.len() == 18);
    let code = &pairing.pairing_code;
    assert_eq!((code.len(), &code[4..5]), (9, "-"), "{code}");
    let now = chrono::Utc::now().timestamp();
    assert!((pairing.expires_at.unix() - now - 600).abs() <= 5);

    // typed in lower case without the dash
    let typed = code.replace('-', "").to_lowercase();
    let r = app.pair_kiosk(&format!(r#"{{"code":"{typed}"}}"#)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let cookie = set_cookie(&r, "sf_kiosk").expect("cookie");
    for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=34560000"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let secret = cookie.split(';').next().unwrap()["sf_kiosk=".len()..].to_owned();
    assert_eq!(secret.len(), 43);
    assert!(!r.text().contains(&secret), "the secret is not in the body");
    assert_eq!(r.header("cache-control"), "private, no-store");
    let config: KioskConfig = r.json();
    assert_eq!(config.kiosk_id, pairing.kiosk_id);
    assert_eq!(config.name, "Entrance");
    assert_eq!(config.store.id.0, JINGAN);
    assert_eq!(config.store.time_zone, "Asia/Shanghai");
    assert_eq!(config.settings, KioskSettings::default());
    assert_eq!(config.app_version, "dev");

    let read: KioskConfig = app
        .kiosk_config()
        .cookie(&format!("sf_kiosk={secret}"))
        .json()
        .await;
    assert_eq!(read.kiosk_id, pairing.kiosk_id);

    // single use
    let again = app.pair_kiosk(&format!(r#"{{"code":"{code}"}}"#)).await;
    assert_problem(&again, 422, "pairing_code_used", Some("/code"));
    assert!(set_cookie(&again, "sf_kiosk").is_none());
}

#[tokio::test]
async fn wrong_and_expired_codes_say_so() {
    let app = spawn_with(24, None).await;
    for wrong in ["ABCD-EFGH", "hello", "0000-0000"] {
        let r = app.pair_kiosk(&format!(r#"{{"code":"{wrong}"}}"#)).await;
        assert_problem(&r, 422, "pairing_code_invalid", Some("/code"));
    }
    let pairing = register(&app, "Till side").await;
    let pool = app.pool().await;
    sqlx::query("UPDATE kiosks SET pairing_expires_at = ? WHERE id = ?")
        .bind(chrono::Utc::now().timestamp() - 1)
        .bind(&pairing.kiosk_id)
        .execute(&pool)
        .await
        .unwrap();
    let r = app
        .pair_kiosk(&format!(r#"{{"code":"{}"}}"#, pairing.pairing_code))
        .await;
    assert_problem(&r, 422, "pairing_code_expired", Some("/code"));
    // a body of the wrong shape
    let r = app
        .pair_kiosk(r#"{"code":"ABCD-EFGH","kiosk":"k_1"}"#)
        .await;
    assert_problem(&r, 422, "invalid_body", Some("/kiosk"));
    // without the app's header: the CSRF guard
    let r = app
        .send_json(
            axum::http::Method::POST,
            "/api/v1/kiosk/pair",
            &[],
            r#"{"code":"ABCD-EFGH"}"#,
        )
        .await;
    assert_problem(&r, 403, "csrf", None);
}

#[tokio::test]
async fn failed_codes_are_rate_limited_per_client() {
    let app = spawn_with(24, None).await;
    let pairing = register(&app, "Window").await;
    for _ in 0..10 {
        let r = app.pair_kiosk(r#"{"code":"ZZZZ-ZZZZ"}"#).await;
        assert_problem(&r, 422, "pairing_code_invalid", Some("/code"));
    }
    let r = app.pair_kiosk(r#"{"code":"ZZZZ-ZZZZ"}"#).await;
    assert_problem(&r, 429, "rate_limited", Some("/code"));
    let wait: u32 = r.header("retry-after").parse().unwrap();
    assert!((1..=600).contains(&wait), "{wait}");
    // even the right code waits: guessing cannot go on
    let r = app
        .pair_kiosk(&format!(r#"{{"code":"{}"}}"#, pairing.pairing_code))
        .await;
    assert_problem(&r, 429, "rate_limited", Some("/code"));
}

#[tokio::test]
async fn forged_foreign_and_missing_cookies_are_unpaired() {
    let app = spawn_with(24, None).await;
    let (_, cookie) = paired(&app, "Entrance").await;
    let forged = format!("{}x", &cookie[..cookie.len() - 1]);
    for c in [
        None,
        Some("sf_kiosk=forged"),
        Some(forged.as_str()),
        Some("sf_session=abc"),
    ] {
        let call = app.kiosk_config();
        let r = match c {
            Some(c) => call.cookie(c).await,
            None => call.await,
        };
        assert_problem(&r, 401, "kiosk_unpaired", None);
        let cleared = set_cookie(&r, "sf_kiosk").expect("cleared");
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
    }
    let ok = app.kiosk_config().cookie(&cookie).await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn staff_of_another_store_are_refused() {
    let app = spawn_with(24, None).await;
    let pairing = register(&app, "Entrance").await;
    let id = &pairing.kiosk_id;
    let r = app.create_kiosk(JINGAN, r#"{"name":"x"}"#).await;
    assert_problem(&r, 401, "unauthorized", None);
    let r = app
        .create_kiosk(JINGAN, r#"{"name":"x"}"#)
        .staff(OTHER)
        .await;
    assert_problem(&r, 403, "forbidden", None);
    let r = app.kiosks(JINGAN).staff(OTHER).await;
    assert_problem(&r, 403, "forbidden", None);
    let r = app.kiosks("s_nowhere").staff(JINGAN).await;
    assert_problem(&r, 404, "not_found", None);
    // the kiosk is not another store's to see, even with that store's own key
    let r = app.staff_kiosk(OTHER, id).staff(OTHER).await;
    assert_problem(&r, 404, "not_found", None);
    let r = app.unpair_kiosk(OTHER, id).staff(OTHER).await;
    assert_problem(&r, 404, "not_found", None);
    let r = app.staff_kiosk(JINGAN, "k_unknown").staff(JINGAN).await;
    assert_problem(&r, 404, "not_found", None);
    for name in ["", "a\u{1}b", &"x".repeat(41)] {
        let body = serde_json::json!({ "name": name }).to_string();
        let r = app.create_kiosk(JINGAN, &body).staff(JINGAN).await;
        assert_problem(&r, 400, "invalid_body", Some("/name"));
    }
}

#[tokio::test]
async fn a_new_code_or_unpairing_revokes_the_device() {
    let app = spawn_with(24, None).await;
    let (id, cookie) = paired(&app, "Entrance").await;
    let list: StaffKioskList = app.kiosks(JINGAN).staff(JINGAN).json().await;
    assert!(list.data[0].paired);

    let r = app.kiosk_pairing_code(JINGAN, &id).staff(JINGAN).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let fresh: storefront_api_types::KioskPairing = r.json();
    let r = app.kiosk_config().cookie(&cookie).await;
    assert_problem(&r, 401, "kiosk_unpaired", None);
    let r = app
        .pair_kiosk(&format!(r#"{{"code":"{}"}}"#, fresh.pairing_code))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let cookie = set_cookie(&r, "sf_kiosk")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(app.kiosk_config().cookie(&cookie).await.status, 200);

    let r = app.unpair_kiosk(JINGAN, &id).staff(JINGAN).await;
    assert_eq!(r.status, 204);
    let r = app.kiosk_config().cookie(&cookie).await;
    assert_problem(&r, 401, "kiosk_unpaired", None);
    let list: StaffKioskList = app.kiosks(JINGAN).staff(JINGAN).json().await;
    assert!(!list.data[0].paired);
}
