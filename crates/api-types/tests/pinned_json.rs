//! The contract decodes pinned JSON documents exactly and encodes them back to the same JSON,
//! so any change of the wire format shows up here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde::{de::DeserializeOwned, Serialize};
use storefront_api_types::{codes, Lang, Money, Problem, Product};

fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> T {
    let value: T = serde_json::from_str(json).expect("pinned JSON decodes");
    let pinned: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut again = serde_json::to_value(&value).unwrap();
    // `swatch: null` and an absent swatch are the same value; compare without nulls.
    strip_nulls(&mut again);
    let mut pinned = pinned;
    strip_nulls(&mut pinned);
    assert_eq!(again, pinned, "re-encoding changes the document");
    value
}

fn strip_nulls(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

#[test]
fn product_document_round_trips() {
    let p: Product = round_trip(include_str!("fixtures/product.json"));
    assert_eq!(p.name.get(Lang::ZhCn), "轻盈透气跑步鞋");
    assert_eq!(p.variants[0].price, Money::cny(59_900));
    assert_eq!(p.variants[0].compare_at_price, Some(Money::cny(79_900)));
    assert_eq!(p.images[0].width, 800);
    assert_eq!(p.images[0].srcset[0].width, 400);
    assert_eq!(p.specs[0].value.get(Lang::En), "Mesh");
    assert_eq!(p.variants[0].option_values, vec!["black", "42"]);
}

#[test]
fn problem_document_round_trips() {
    let p: Problem = round_trip(include_str!("fixtures/problem.json"));
    assert_eq!(p.code, codes::INVALID_QUERY);
    assert_eq!(p.errors[0].pointer, "#/query/limit");
}

#[test]
fn money_with_a_float_amount_is_rejected() {
    let r: Result<Money, _> = serde_json::from_str(r#"{"amount_minor": 12.5, "currency": "CNY"}"#);
    assert!(r.is_err());
}

#[test]
fn unknown_currency_is_rejected() {
    let r: Result<Money, _> = serde_json::from_str(r#"{"amount_minor": 100, "currency": "USD"}"#);
    assert!(r.is_err());
}

#[test]
fn kiosk_documents_round_trip() {
    use storefront_api_types::{
        HandoffOpened, KioskHandoffRequest, KioskHandoffState, KioskHandoffStatus, KioskStatus,
        StaffKiosk,
    };
    let k: StaffKiosk = round_trip(
        r#"{"kiosk_id":"k_abcdefghjkmnpqrs","name":"Entrance","store_id":"s_sh_jingan","paired":true,
        "status":"never_seen","last_heartbeat_at":"2026-12-06T10:00:00Z",
        "last_report":{"app_version":"abc","last_frame_at":"2026-12-06T09:59:59Z","js_heap_bytes":1000,"webgl":true,"route":"/"},
        "settings":{"idle_seconds":60,"warning_seconds":30,"default_lang":"zh-CN","attract_campaign":"autumn-edit",
        "attract_product_ids":["p_000001"],"show_tour_teaser":true,"maintenance_time":"04:00","exit_pin_set":false},
        "created_at":"2026-12-06T09:00:00Z"}"#,
    );
    assert_eq!(k.status, KioskStatus::NeverSeen);
    let r: KioskHandoffRequest = round_trip(
        r#"{"route":"/p/x","variant_id":"v_1","wishlist":["p_1"],"tour_scene":"entrance",
        "tour_view":{"yaw":10.0,"pitch":0.0,"fov":75.0},"reservation_code":"ABCDEFGH23"}"#,
    );
    assert_eq!(r.wishlist.len(), 1);
    let s: KioskHandoffState =
        round_trip(r#"{"state":"opened","expires_at":"2026-12-06T10:05:00Z"}"#);
    assert_eq!(s.state, KioskHandoffStatus::Opened);
    let o: HandoffOpened = round_trip(
        r#"{"route":"/","variant_id":null,"wishlist":[],"tour_scene":null,"tour_view":null,
        "reservation_code":null,"store_id":"s_sh_jingan"}"#,
    );
    assert_eq!(o.store_id.0, "s_sh_jingan");
    // a personal field is not part of a hand-off
    let bad: Result<KioskHandoffRequest, _> =
        serde_json::from_str(r#"{"route":"/","phone":"13800000001"}"#);
    assert!(bad.is_err());
}
