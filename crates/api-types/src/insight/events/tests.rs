//! The batch's check, field by field.

#![allow(clippy::unwrap_used)]

use super::*;

fn batch(events: Vec<Event>) -> EventBatch {
    EventBatch {
        session_id: "AAAAAAAAAAAAAAAAAAAAAA".into(),
        channel: AppChannel::Phone,
        events,
    }
}

fn event(name: EventName, params: EventParams) -> Event {
    Event {
        name,
        at: Timestamp::from_unix(1_000_000),
        params,
    }
}

fn item(id: &str, variant: Option<&str>) -> EventItem {
    EventItem {
        item_id: ProductId(id.into()),
        item_variant: variant.map(|v| VariantId(v.into())),
        index: None,
    }
}

#[test]
fn names_round_trip_and_are_ga4_where_one_exists() {
    for n in EventName::ALL {
        assert_eq!(EventName::parse(n.as_str()), Some(n));
        let json = serde_json::to_string(&n).unwrap();
        assert_eq!(json, format!("\"{}\"", n.as_str()));
    }
    assert_eq!(EventName::ViewItemList.as_str(), "view_item_list");
    assert_eq!(EventName::parse("purchase"), None);
}

#[test]
fn a_good_batch_has_no_fault() {
    let b = batch(vec![
        event(
            EventName::ViewItem,
            EventParams {
                items: vec![item("p1", None)],
                ..Default::default()
            },
        ),
        event(
            EventName::Search,
            EventParams {
                search_term: Some("外套".into()),
                results: Some(0),
                ..Default::default()
            },
        ),
        event(
            EventName::ViewStoreStock,
            EventParams {
                items: vec![item("p1", Some("v1"))],
                store_id: Some(StoreId("s1".into())),
                ..Default::default()
            },
        ),
    ]);
    assert_eq!(check_event_batch(&b, 1_000_000), vec![]);
}

#[test]
fn faults_name_their_field() {
    let mut b = batch(vec![
        event(EventName::Search, EventParams::default()),
        event(
            EventName::ViewStoreStock,
            EventParams {
                items: vec![item("p1", None)],
                coupon: Some("X".into()),
                ..Default::default()
            },
        ),
    ]);
    b.session_id = "short".into();
    b.events[0].at = Timestamp::from_unix(1_000_000 + 3_600);
    let pointers: Vec<String> = check_event_batch(&b, 1_000_000)
        .into_iter()
        .map(|f| f.pointer)
        .collect();
    assert_eq!(
        pointers,
        [
            "/session_id",
            "/events/0/at",
            "/events/0/params/search_term",
            "/events/0/params/results",
            "/events/1/params/items/0/item_variant",
            "/events/1/params/coupon",
            "/events/1/params/store_id",
        ]
    );
}

#[test]
fn ids_positions_and_results_keep_to_the_schema() {
    let mut long = item(&"p".repeat(101), Some(""));
    long.index = Some(EVENT_INDEX_MAX + 1);
    let b = batch(vec![
        event(
            EventName::ViewStoreStock,
            EventParams {
                items: vec![long],
                store_id: Some(StoreId(String::new())),
                ..Default::default()
            },
        ),
        event(
            EventName::Search,
            EventParams {
                search_term: Some("x".into()),
                results: Some(EVENT_RESULTS_MAX + 1),
                ..Default::default()
            },
        ),
    ]);
    let pointers: Vec<String> = check_event_batch(&b, 1_000_000)
        .into_iter()
        .map(|f| f.pointer)
        .collect();
    assert_eq!(
        pointers,
        [
            "/events/0/params/items/0/item_id",
            "/events/0/params/items/0/item_variant",
            "/events/0/params/items/0/index",
            "/events/0/params/store_id",
            "/events/1/params/results",
        ]
    );
    let whole = r#"{"items":[{"item_id":"p","index":3.0}],"results":5.0}"#;
    let p: EventParams = serde_json::from_str(whole).unwrap();
    assert_eq!((p.items[0].index, p.results), (Some(3), Some(5)));
    assert!(serde_json::from_str::<EventParams>(r#"{"results":1.5}"#).is_err());
}

#[test]
fn unknown_fields_and_names_do_not_decode() {
    let unknown_field = r#"{"session_id":"AAAAAAAAAAAAAAAAAAAAAA","channel":"phone","events":[{"name":"view_item","at":"2026-01-01T00:00:00Z","params":{"items":[{"item_id":"p"}],"phone":"13800000000"}}]}"#;
    assert!(serde_json::from_str::<EventBatch>(unknown_field).is_err());
    let unknown_name = r#"{"session_id":"AAAAAAAAAAAAAAAAAAAAAA","channel":"phone","events":[{"name":"purchase","at":"2026-01-01T00:00:00Z"}]}"#;
    assert!(serde_json::from_str::<EventBatch>(unknown_name).is_err());
}
