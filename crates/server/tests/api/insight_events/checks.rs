//! What a batch may not be (each fault at its field, nothing stored), how often a client may
//! send, and how long events are kept.

use super::*;
use crate::helpers::assert_problem;
use storefront_api_types::EVENT_BODY_MAX;
use storefront_server::events::limit::{EVENT_BATCHES_PER_MINUTE, EVENT_EVENTS_PER_MINUTE};
use storefront_server::events::retention::{delete_before, RETENTION_CHUNK};

/// The pointers of a 422 `invalid_body` answer.
fn pointers(r: &Reply) -> Vec<String> {
    let p = assert_problem(r, 422, "invalid_body", None);
    p.errors.into_iter().map(|e| e.pointer).collect()
}

#[tokio::test]
async fn each_fault_of_a_batch_is_named_and_nothing_is_stored() {
    let app = spawn().await;
    let pool = app.pool().await;
    let product = products(&pool).await.remove(0).0;
    let store = stores(&pool).await.remove(0).0;
    let body = json!({
        "session_id": "not-random",
        "channel": "phone",
        "events": [
            view_item(&product),
            {"name": "view_item", "at": at(2 * 3600), "params": {"items": [{"item_id": product}]}},
            {"name": "view_item", "at": at(-600), "params": {"items": [{"item_id": product}]}},
            {"name": "search", "at": at(1), "params": {"search_term": "", "item_list_id": "home"}},
            {"name": "view_store_stock", "at": at(1), "params": {"items": [{"item_id": product}]}},
            {"name": "view_item", "at": at(1), "params": {}},
            {"name": "select_item", "at": at(1), "params": {
                "item_list_id": "x".repeat(101), "items": [{"item_id": product, "index": 10001}], "store_id": store}},
        ]
    })
    .to_string();
    let r = post_events(&app, &body, &[], None).await;
    assert_eq!(
        pointers(&r),
        [
            "/session_id",
            "/events/1/at",
            "/events/2/at",
            "/events/3/params/search_term",
            "/events/3/params/item_list_id",
            "/events/3/params/results",
            "/events/4/params/items/0/item_variant",
            "/events/4/params/store_id",
            "/events/5/params/items",
            "/events/6/params/items/0/index",
            "/events/6/params/item_list_id",
        ]
    );
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM events").await, 0);

    // the shape: unknown fields and names, wrong types, too many or no events
    let one = |e: Value| json!({"session_id": VISIT, "channel": "phone", "events": [e]});
    let mut extra = one(view_item(&product));
    extra["events"][0]["params"]["phone"] = json!("13800000000");
    let mut typed = one(view_item(&product));
    typed["session_id"] = json!(3);
    let many = json!({"session_id": VISIT, "channel": "phone",
        "events": (0..51).map(|_| view_item(&product)).collect::<Vec<_>>()});
    let none = json!({"session_id": VISIT, "channel": "phone", "events": []});
    for (body, pointer) in [
        (extra, "/events/0/params/phone"),
        (
            one(json!({"name": "purchase", "at": at(1)})),
            "/events/0/name",
        ),
        (typed, "/session_id"),
        (
            one(json!({"name": "view_item", "at": "yesterday"})),
            "/events/0/at",
        ),
        (many, "/events"),
        (none, "/events"),
    ] {
        let r = post_events(&app, &body.to_string(), &[], None).await;
        assert_eq!(pointers(&r), [pointer], "{body}");
    }
    // not JSON, not sent as JSON, too large
    let r = post_events(&app, "{\"session_id\":", &[], None).await;
    assert_problem(&r, 400, "invalid_body", None);
    let r = app
        .request(
            Method::POST,
            "/api/v1/events",
            &[("content-type", "text/plain")],
            Body::from(batch(VISIT, vec![view_item(&product)])),
        )
        .await;
    assert_problem(&r, 415, "invalid_body", Some("#/header/Content-Type"));
    let padded = format!(
        "{}{}",
        batch(VISIT, vec![view_item(&product)]),
        " ".repeat(EVENT_BODY_MAX)
    );
    let r = post_events(&app, &padded, &[], None).await;
    assert_problem(&r, 413, "body_too_large", None);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM events").await, 0);
}

#[tokio::test]
async fn a_client_over_its_limit_gets_429_and_others_are_unaffected() {
    let app = spawn().await;
    let pool = app.pool().await;
    let product = products(&pool).await.remove(0).0;
    let one = batch(VISIT, vec![view_item(&product)]);
    for i in 0..EVENT_BATCHES_PER_MINUTE {
        let r = post_events(&app, &one, &[], Some("203.0.113.5")).await;
        assert_eq!(r.status, 202, "batch {i}: {}", r.text());
    }
    let r = post_events(&app, &one, &[], Some("203.0.113.5")).await;
    assert_problem(&r, 429, "rate_limited", Some("/events"));
    let wait: u32 = r.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // a deletion counts too
    let mut req = Request::builder()
        .method(Method::DELETE)
        .uri(format!("/api/v1/events/sessions/{VISIT}"))
        .body(Body::empty())
        .unwrap();
    req.extensions_mut().insert(ConnectInfo(SocketAddr::new(
        "203.0.113.5".parse().unwrap(),
        1,
    )));
    assert_problem(
        &send(app.router.clone(), req).await,
        429,
        "rate_limited",
        None,
    );
    assert_eq!(
        rows(&pool, VISIT).await.len(),
        EVENT_BATCHES_PER_MINUTE as usize,
        "nothing of the refused batch is stored"
    );
    let r = post_events(&app, &one, &[], Some("203.0.113.6")).await;
    assert_eq!(r.status, 202, "another client: {}", r.text());

    // events: 30 batches of 50 reach the limit; one more event is refused
    let fifty = batch(OTHER_VISIT, (0..50).map(|_| view_item(&product)).collect());
    for _ in 0..EVENT_EVENTS_PER_MINUTE / 50 {
        let r = post_events(&app, &fifty, &[], Some("198.51.100.9")).await;
        assert_eq!(r.status, 202, "{}", r.text());
    }
    let r = post_events(&app, &one, &[], Some("198.51.100.9")).await;
    assert_problem(&r, 429, "rate_limited", Some("/events"));
    assert!(!r.header("retry-after").is_empty());
    assert_eq!(
        rows(&pool, OTHER_VISIT).await.len(),
        EVENT_EVENTS_PER_MINUTE as usize
    );
}

#[tokio::test]
async fn retention_deletes_exactly_the_events_received_before_the_cutoff() {
    let app = spawn().await;
    let pool = app.pool().await;
    let cutoff = now() - 180 * 86_400;
    // more old rows than one chunk, and rows on both sides of the cutoff
    let old = RETENTION_CHUNK * 2 + 7;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         INSERT INTO events (name, at, day, received_at, session_id, channel) \
         SELECT 'view_item', ?2 - i, '2025-01-01', ?2 - i, 'old_AAAAAAAAAAAAAAAAAA', 'phone' FROM n",
    )
    .bind(old)
    .bind(cutoff)
    .execute(&pool)
    .await
    .unwrap();
    for received in [cutoff, cutoff + 1, now()] {
        sqlx::query(
            "INSERT INTO events (name, at, day, received_at, session_id, channel) \
             VALUES ('search', ?1, '2025-01-01', ?1, 'new_AAAAAAAAAAAAAAAAAA', 'kiosk')",
        )
        .bind(received)
        .execute(&pool)
        .await
        .unwrap();
    }
    let writes = tokio::sync::Mutex::new(());
    assert_eq!(
        delete_before(&pool, &writes, cutoff).await.unwrap(),
        old as u64
    );
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM events").await, 3);
    assert_eq!(
        count(&pool, "SELECT MIN(received_at) FROM events").await,
        cutoff
    );
    assert_eq!(delete_before(&pool, &writes, cutoff).await.unwrap(), 0);
}
