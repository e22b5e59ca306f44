//! Events and consent on a real SQLite file (issue 16): what a batch stores (and what it
//! never stores), events dropped for naming what the server does not know, the stock a
//! shopper saw, faults at their fields, the rate limit per client, retention, consent
//! receipts, withdrawal deleting or unlinking the member's history, a visit's deletion.

mod checks;
mod consent;

use crate::helpers::{send, spawn, Reply, TestApp};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request};
use serde_json::{json, Value};
use std::net::SocketAddr;
use storefront_api_types::{distance_m, EventsAccepted, GeoPoint, Timestamp};
use storefront_server::members::sha256_hex;

/// A visit's session id (22 base64url characters).
const VISIT: &str = "visit_AAAAAAAAAAAAAAAA";
const OTHER_VISIT: &str = "visit_BBBBBBBBBBBBBBBB";

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn at(secs_ago: i64) -> String {
    Timestamp::from_unix(now() - secs_ago).to_string()
}

/// A batch of `events` of the visit `session`.
fn batch(session: &str, events: Vec<Value>) -> String {
    json!({"session_id": session, "channel": "phone", "events": events}).to_string()
}

fn view_item(product: &str) -> Value {
    json!({"name": "view_item", "at": at(5), "params": {"items": [{"item_id": product}]}})
}

/// `POST /api/v1/events` with extra headers, from the client address `ip` (`None`: no
/// connection, as most tests).
async fn post_events(
    app: &TestApp,
    body: &str,
    headers: &[(&str, &str)],
    ip: Option<&str>,
) -> Reply {
    let mut req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/events")
        .header("content-type", "application/json");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut req = req.body(Body::from(body.to_owned())).unwrap();
    if let Some(ip) = ip {
        let addr = SocketAddr::new(ip.parse().unwrap(), 40_000);
        req.extensions_mut().insert(ConnectInfo(addr));
    }
    send(app.router.clone(), req).await
}

async fn accepted(app: &TestApp, body: &str, headers: &[(&str, &str)]) -> EventsAccepted {
    let r = post_events(app, body, headers, None).await;
    assert_eq!(r.status, 202, "{}", r.text());
    r.json()
}

/// Products with their category and first variant, the seeded catalogue's first ones.
async fn products(pool: &sqlx::SqlitePool) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT p.id, p.category_id, (SELECT v.id FROM variants v WHERE v.product_id = p.id ORDER BY position LIMIT 1) \
         FROM products p ORDER BY p.seq LIMIT 5",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn stores(pool: &sqlx::SqlitePool) -> Vec<(String, f64, f64)> {
    sqlx::query_as("SELECT id, lat, lng FROM stores ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}

/// The stored rows of a visit, oldest first, as JSON objects of every column.
async fn rows(pool: &sqlx::SqlitePool, session: &str) -> Vec<Value> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT json_object('name', name, 'at', at, 'day', day, 'received_at', received_at, \
         'session_id', session_id, 'channel', channel, 'member_ref', member_ref, 'store_id', store_id, \
         'product_id', product_id, 'variant_id', variant_id, 'category_id', category_id, 'items', items, \
         'item_list_id', item_list_id, 'search_term', search_term, 'results', results, \
         'promotion_id', promotion_id, 'coupon', coupon, 'hotspot_id', hotspot_id, 'campaign', campaign, \
         'utm_source', utm_source, 'utm_medium', utm_medium, 'utm_campaign', utm_campaign, \
         'out_of_stock', out_of_stock, 'nearest_store_id', nearest_store_id) \
         FROM events WHERE session_id = ? ORDER BY id",
    )
    .bind(session)
    .fetch_all(pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(j,)| serde_json::from_str(&j).unwrap())
        .collect()
}

async fn count(pool: &sqlx::SqlitePool, sql: &str) -> i64 {
    sqlx::query_as::<_, (i64,)>(sql)
        .fetch_one(pool)
        .await
        .unwrap()
        .0
}

/// A member with a session written straight to the database; the session cookie.
async fn member(pool: &sqlx::SqlitePool, n: u32) -> (i64, String) {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO members (member_no, login, terms_accepted_at, created_at) VALUES (?, ?, 0, 0) RETURNING id",
    )
    .bind(format!("66{n:08}"))
    .bind(format!("137{n:08}"))
    .fetch_one(pool)
    .await
    .unwrap();
    let session = format!("insight-session-{n}");
    sqlx::query(
        "INSERT INTO member_sessions (id_sha256, member_id, created_at, expires_at) VALUES (?, ?, 0, 4000000000)",
    )
    .bind(sha256_hex(&session))
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    (id, format!("sf_session={session}"))
}

#[tokio::test]
async fn a_batch_is_stored_one_row_an_event_without_personal_data() {
    let app = spawn().await;
    let pool = app.pool().await;
    let p = products(&pool).await;
    let (product, category, variant) = &p[0];
    let store = &stores(&pool).await[0].0;
    let body = json!({
        "session_id": VISIT,
        "channel": "kiosk",
        "events": [
            {"name": "view_item_list", "at": at(30), "params": {
                "item_list_id": "home",
                "items": [{"item_id": product, "index": 0}, {"item_id": p[1].0, "index": 1}, {"item_id": p[2].0}],
                "store_id": store, "campaign": "autumn-edit",
                "utm_source": "wechat", "utm_medium": "social", "utm_campaign": "autumn"}},
            {"name": "search", "at": at(20), "params": {"search_term": "  Wool JACKET ", "results": 0}},
            {"name": "reserve", "at": at(10), "params": {"items": [{"item_id": product, "item_variant": variant}], "store_id": store}},
            {"name": "claim_coupon", "at": at(5), "params": {"coupon": "WELCOME5"}},
        ]
    })
    .to_string();
    assert_eq!(
        accepted(&app, &body, &[]).await,
        EventsAccepted {
            accepted: 4,
            dropped: 0
        }
    );
    let stored = rows(&pool, VISIT).await;
    assert_eq!(stored.len(), 4);
    let names: Vec<&str> = stored.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["view_item_list", "search", "reserve", "claim_coupon"]
    );
    let list = &stored[0];
    assert_eq!(list["channel"], "kiosk");
    assert_eq!(list["product_id"], json!(product), "the first item's");
    assert_eq!(list["category_id"], json!(category));
    assert_eq!(list["items"], 3);
    assert_eq!(list["item_list_id"], "home");
    assert_eq!(list["store_id"], json!(store));
    assert_eq!(
        (list["campaign"].as_str(), list["utm_source"].as_str()),
        (Some("autumn-edit"), Some("wechat"))
    );
    assert_eq!(list["out_of_stock"], Value::Null, "only stock views say it");
    let day = Timestamp::from_unix(list["at"].as_i64().unwrap()).date_at_offset(8 * 3600);
    assert_eq!(
        list["day"],
        json!(format!("{:04}-{:02}-{:02}", day.0, day.1, day.2))
    );
    assert!((list["received_at"].as_i64().unwrap() - now()).abs() < 60);
    assert_eq!(
        stored[1]["search_term"], "wool jacket",
        "trimmed and lower-cased"
    );
    assert_eq!(stored[1]["results"], 0);
    assert_eq!(stored[2]["variant_id"], json!(variant));
    assert_eq!(stored[3]["coupon"], "WELCOME5");
    // nothing about a person: no member without a consenting member session
    for r in &stored {
        assert_eq!(r["member_ref"], Value::Null);
        assert_eq!(r["session_id"], VISIT);
    }
}

#[tokio::test]
async fn events_naming_what_the_server_does_not_know_are_dropped_and_counted() {
    let app = spawn().await;
    let pool = app.pool().await;
    let p = products(&pool).await;
    let (product, _, variant) = &p[0];
    let other_variant = &p[1].2;
    let store = &stores(&pool).await[0].0;
    let stock = |product: &str, variant: &str, store: &str| {
        json!({"name": "view_store_stock", "at": at(5), "params": {
            "items": [{"item_id": product, "item_variant": variant}], "store_id": store}})
    };
    let body = batch(
        VISIT,
        vec![
            view_item(product),
            view_item("p_nope"),
            stock(product, "v_nope", store),
            stock(product, other_variant, store), // another product's variant
            stock(product, variant, "s_nowhere"),
            stock(product, variant, store),
            view_item(product),
        ],
    );
    assert_eq!(
        accepted(&app, &body, &[]).await,
        EventsAccepted {
            accepted: 3,
            dropped: 4
        }
    );
    assert_eq!(rows(&pool, VISIT).await.len(), 3);
}

#[tokio::test]
async fn a_stock_view_records_whether_the_store_had_it_and_the_nearest_that_did() {
    let app = spawn().await;
    let pool = app.pool().await;
    let (product, _, variant) = products(&pool).await.remove(0);
    let all = stores(&pool).await;
    let here = &all[0];
    let loc = |s: &(String, f64, f64)| GeoPoint { lat: s.1, lng: s.2 };
    let mut others: Vec<&(String, f64, f64)> = all[1..].iter().collect();
    others.sort_by(|a, b| distance_m(loc(here), loc(a)).total_cmp(&distance_m(loc(here), loc(b))));
    let (near, far) = (others[0], others[others.len() - 1]);
    let set = |store: &str, quantity: i64| {
        let pool = pool.clone();
        let (variant, store) = (variant.clone(), store.to_owned());
        async move {
            sqlx::query(
                "INSERT INTO stock (variant_id, store_id, quantity, updated_at) VALUES (?, ?, ?, 0) \
                 ON CONFLICT (variant_id, store_id) DO UPDATE SET quantity = excluded.quantity",
            )
            .bind(variant)
            .bind(store)
            .bind(quantity)
            .execute(&pool)
            .await
            .unwrap();
        }
    };
    sqlx::query("UPDATE stock SET quantity = 0 WHERE variant_id = ?")
        .bind(&variant)
        .execute(&pool)
        .await
        .unwrap();
    let view = || {
        batch(
            VISIT,
            vec![json!({"name": "view_store_stock", "at": at(1), "params": {
                "items": [{"item_id": product, "item_variant": variant}], "store_id": here.0}})],
        )
    };
    // nowhere: out of stock, no nearest store
    accepted(&app, &view(), &[]).await;
    // only far away, then near and far: the nearest that has it
    set(&far.0, 3).await;
    accepted(&app, &view(), &[]).await;
    set(&near.0, 1).await;
    accepted(&app, &view(), &[]).await;
    // here too: in stock
    set(&here.0, 2).await;
    accepted(&app, &view(), &[]).await;
    let seen: Vec<(Value, Value)> = rows(&pool, VISIT)
        .await
        .into_iter()
        .map(|r| (r["out_of_stock"].clone(), r["nearest_store_id"].clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (json!(1), Value::Null),
            (json!(1), json!(far.0)),
            (json!(1), json!(near.0)),
            (json!(0), Value::Null),
        ]
    );
}

#[tokio::test]
async fn a_visits_events_are_deleted_on_request() {
    let app = spawn().await;
    let pool = app.pool().await;
    let product = products(&pool).await.remove(0).0;
    accepted(
        &app,
        &batch(VISIT, vec![view_item(&product), view_item(&product)]),
        &[],
    )
    .await;
    accepted(&app, &batch(OTHER_VISIT, vec![view_item(&product)]), &[]).await;
    let r = app
        .empty(
            Method::DELETE,
            &format!("/api/v1/events/sessions/{VISIT}"),
            &[],
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    assert!(rows(&pool, VISIT).await.is_empty());
    assert_eq!(
        rows(&pool, OTHER_VISIT).await.len(),
        1,
        "another visit's stay"
    );
    // again: nothing left, the same answer
    let r = app
        .empty(
            Method::DELETE,
            &format!("/api/v1/events/sessions/{VISIT}"),
            &[],
        )
        .await;
    assert_eq!(r.status, 204);
    for bad in [
        "short",
        "visit_AAAAAAAAAAAAAAAA~",
        "visit_AAAAAAAAAAAAAAAAA",
    ] {
        let r = app
            .empty(
                Method::DELETE,
                &format!("/api/v1/events/sessions/{bad}"),
                &[],
            )
            .await;
        crate::helpers::assert_problem(&r, 400, "invalid_path", Some("#/path/session_id"));
    }
}
