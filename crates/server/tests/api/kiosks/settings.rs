//! Settings: each fault of range or form names its field, unknown campaigns and products
//! are refused, the PIN is kept, replaced or removed, and the kiosk reads what staff set.

use super::{paired, register, JINGAN};
use crate::helpers::{assert_problem, spawn_with};
use storefront_api_types::{KioskConfig, Lang, StaffKiosk};

#[tokio::test]
async fn each_fault_names_its_field() {
    let app = spawn_with(24, None).await;
    let id = register(&app, "Entrance").await.kiosk_id;
    let cases = [
        (r#"{"idle_seconds":29}"#, "/idle_seconds"),
        (r#"{"idle_seconds":301}"#, "/idle_seconds"),
        (r#"{"warning_seconds":19}"#, "/warning_seconds"),
        (r#"{"warning_seconds":121}"#, "/warning_seconds"),
        (r#"{"maintenance_time":"25:00"}"#, "/maintenance_time"),
        (r#"{"maintenance_time":"4:00"}"#, "/maintenance_time"),
        (r#"{"maintenance_time":"ab"}"#, "/maintenance_time"),
        (r#"{"exit_pin":"12a"}"#, "/exit_pin"),
        (r#"{"exit_pin":"123"}"#, "/exit_pin"),
        (r#"{"attract_campaign":"Not A Slug"}"#, "/attract_campaign"),
    ];
    for (body, pointer) in cases {
        let r = app
            .put_kiosk_settings(JINGAN, &id, body)
            .staff(JINGAN)
            .await;
        assert_problem(&r, 400, "invalid_body", Some(pointer));
    }
    // every fault at once
    let r = app
        .put_kiosk_settings(
            JINGAN,
            &id,
            r#"{"idle_seconds":10,"warning_seconds":5,"maintenance_time":"x"}"#,
        )
        .staff(JINGAN)
        .await;
    let p = assert_problem(&r, 400, "invalid_body", None);
    assert_eq!(p.errors.len(), 3, "{}", r.text());
    // unknown things it names
    let r = app
        .put_kiosk_settings(JINGAN, &id, r#"{"attract_campaign":"no-such-campaign"}"#)
        .staff(JINGAN)
        .await;
    assert_problem(&r, 404, "not_found", Some("/attract_campaign"));
    let r = app
        .put_kiosk_settings(
            JINGAN,
            &id,
            r#"{"attract_product_ids":["p_000001","p_nope"]}"#,
        )
        .staff(JINGAN)
        .await;
    assert_problem(&r, 404, "not_found", Some("/attract_product_ids/1"));
    let r = app
        .put_kiosk_settings(JINGAN, &id, r#"{"screen":"on"}"#)
        .staff(JINGAN)
        .await;
    assert_problem(&r, 422, "invalid_body", Some("/screen"));
    // nothing was stored
    let k: StaffKiosk = app.staff_kiosk(JINGAN, &id).staff(JINGAN).json().await;
    assert_eq!(k.settings, Default::default());
}

#[tokio::test]
async fn the_kiosk_reads_what_staff_set() {
    let app = spawn_with(24, None).await;
    let (id, cookie) = paired(&app, "Entrance").await;
    let body = r#"{"idle_seconds":30,"warning_seconds":20,"default_lang":"en",
        "attract_campaign":"autumn-edit","attract_product_ids":["p_000002","p_000001","p_000002"],
        "show_tour_teaser":false,"maintenance_time":"23:59","exit_pin":"2468"}"#;
    let r = app
        .put_kiosk_settings(JINGAN, &id, body)
        .staff(JINGAN)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let k: StaffKiosk = r.json();
    let s = &k.settings;
    assert_eq!((s.idle_seconds, s.warning_seconds), (30, 20));
    assert_eq!(s.default_lang, Lang::En);
    assert_eq!(s.attract_campaign.as_deref(), Some("autumn-edit"));
    let ids: Vec<&str> = s.attract_product_ids.iter().map(|p| p.as_str()).collect();
    assert_eq!(ids, ["p_000002", "p_000001"], "repeats dropped, order kept");
    assert!(!s.show_tour_teaser);
    assert_eq!(s.maintenance_time, "23:59");
    assert!(s.exit_pin_set);
    assert!(!r.text().contains("2468"), "the PIN is never read back");

    let config: KioskConfig = app.kiosk_config().cookie(&cookie).json().await;
    assert_eq!(&config.settings, s);
    let after_reset: KioskConfig = app.kiosk_reset().cookie(&cookie).json().await;
    assert_eq!(&after_reset.settings, s);

    // left out: the PIN stays; "": removed
    let r = app
        .put_kiosk_settings(JINGAN, &id, "{}")
        .staff(JINGAN)
        .await;
    let k: StaffKiosk = r.json();
    assert!(k.settings.exit_pin_set);
    assert_eq!(
        k.settings.idle_seconds, 60,
        "fields left out take their defaults"
    );
    let r = app
        .put_kiosk_settings(JINGAN, &id, r#"{"exit_pin":""}"#)
        .staff(JINGAN)
        .await;
    let k: StaffKiosk = r.json();
    assert!(!k.settings.exit_pin_set);
}
