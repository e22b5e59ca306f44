//! Live stock and reserve-for-pickup on a real SQLite file: availability, the staff API,
//! the in-stock facet, atomic holds under concurrency, idempotent retries, cancel, collect,
//! expiry, the QR pass, and every bad input as a 4xx problem naming the field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::Method;
use common::{assert_problem, json_request, send, spawn_with, Reply, TestApp};
use storefront_api_types::{
    FacetCode, Page, ProductFacets, ProductSummary, Reservation, ReservationStatus, StockLevel,
    StockStatus, VariantAvailability,
};

const JINGAN: &str = "s_sh_jingan";
const VARIANT: &str = "v_000003_01";

fn key(store: &str) -> String {
    format!("Bearer demo-{store}")
}

async fn set_stock(app: &TestApp, store: &str, variant: &str, quantity: u32) -> Reply {
    app.send_json(
        Method::PUT,
        &format!("/api/v1/staff/stores/{store}/stock/{variant}"),
        &[("authorization", &key(store))],
        &format!(r#"{{"quantity":{quantity}}}"#),
    )
    .await
}

async fn availability(app: &TestApp, variant: &str) -> VariantAvailability {
    app.json(&format!("/api/v1/variants/{variant}/availability"))
        .await
}

async fn units(app: &TestApp, store: &str, variant: &str) -> u32 {
    availability(app, variant)
        .await
        .data
        .iter()
        .find(|a| a.store_id.as_str() == store)
        .and_then(|a| a.quantity)
        .unwrap()
}

fn body(variant: &str, store: &str, quantity: u32) -> String {
    format!(
        r#"{{"variant_id":"{variant}","store_id":"{store}","quantity":{quantity},"name":"  王小明 ","phone":"+86 138-1234-5678"}}"#
    )
}

async fn reserve(app: &TestApp, idempotency_key: &str, body: &str) -> Reply {
    app.send_json(
        Method::POST,
        "/api/v1/reservations",
        &[("idempotency-key", idempotency_key)],
        body,
    )
    .await
}

#[tokio::test]
async fn availability_lists_every_store_with_status_pickup_and_distance() {
    let app = spawn_with(10, None).await;
    let r = app
        .get(&format!("/api/v1/variants/{VARIANT}/availability"))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "no-cache");
    let a: VariantAvailability = r.json();
    assert_eq!(a.variant_id.as_str(), VARIANT);
    assert!(a.data.len() >= 14);
    let order: Vec<(String, String)> = a
        .data
        .iter()
        .map(|s| (s.city.en.clone(), s.store_name.en.clone()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "city then name without near");
    for s in &a.data {
        let q = s.quantity.unwrap();
        assert_eq!(s.status, StockStatus::of(q));
        assert_eq!(s.pickup_ready_at.is_some(), q > 0 && s.pickup, "{s:?}");
        assert!(s.distance_m.is_none());
    }
    assert_eq!(
        a.in_stock_stores as usize,
        a.data.iter().filter(|s| s.quantity.unwrap() > 0).count()
    );
    let no_pickup = a
        .data
        .iter()
        .find(|s| s.store_id.as_str() == "s_gz_beijinglu")
        .unwrap();
    assert!(!no_pickup.pickup && no_pickup.pickup_ready_at.is_none());

    // A poll with the ETag is a bodiless 304.
    let again = app
        .get_with(
            &format!("/api/v1/variants/{VARIANT}/availability"),
            &[("if-none-match", r.header("etag"))],
        )
        .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    let near: VariantAvailability = app
        .json(&format!(
            "/api/v1/variants/{VARIANT}/availability?near=39.91,116.40"
        ))
        .await;
    let d: Vec<u32> = near.data.iter().map(|s| s.distance_m.unwrap()).collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "{d:?}");
    assert_eq!(near.data[0].city.en, "Beijing");

    assert_problem(
        &app.get("/api/v1/variants/v_nope/availability").await,
        404,
        "not_found",
        None,
    );
    for near in ["0,181", "-91,0", "x,y", "31"] {
        assert_problem(
            &app.get(&format!(
                "/api/v1/variants/{VARIANT}/availability?near={near}"
            ))
            .await,
            400,
            "invalid_query",
            Some("#/query/near"),
        );
    }
}

#[tokio::test]
async fn staff_keys_are_checked_and_updates_show_at_once() {
    let app = spawn_with(10, None).await;
    let uri = format!("/api/v1/staff/stores/{JINGAN}/stock/{VARIANT}");
    let none = app
        .send_json(Method::PUT, &uri, &[], r#"{"quantity":3}"#)
        .await;
    assert_problem(&none, 401, "unauthorized", None);
    assert!(none.header("www-authenticate").starts_with("Bearer"));
    let wrong = app
        .send_json(
            Method::PUT,
            &uri,
            &[("authorization", "Bearer nope")],
            r#"{"quantity":3}"#,
        )
        .await;
    assert_problem(&wrong, 401, "unauthorized", None);
    let other = app
        .send_json(
            Method::PUT,
            &uri,
            &[("authorization", &key("s_bj_xidan"))],
            r#"{"quantity":3}"#,
        )
        .await;
    assert_problem(&other, 403, "forbidden", None);
    assert_problem(
        &app.send_json(
            Method::PUT,
            &format!("/api/v1/staff/stores/s_nope/stock/{VARIANT}"),
            &[("authorization", &key(JINGAN))],
            r#"{"quantity":3}"#,
        )
        .await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &set_stock(&app, JINGAN, "v_nope", 3).await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &set_stock(&app, JINGAN, VARIANT, 100_001).await,
        400,
        "invalid_body",
        Some("/quantity"),
    );
    for bad in [
        r#"{"quantity":-1}"#,
        r#"{"quantity":"3"}"#,
        r#"{"quantity":1.5}"#,
    ] {
        let r = app
            .send_json(Method::PUT, &uri, &[("authorization", &key(JINGAN))], bad)
            .await;
        assert_problem(&r, 400, "invalid_body", Some("/quantity"));
    }
    let r = app
        .send_json(
            Method::PUT,
            &uri,
            &[("authorization", &key(JINGAN))],
            "{\"quantity\":",
        )
        .await;
    assert_problem(&r, 400, "invalid_body", None);

    let r = set_stock(&app, JINGAN, VARIANT, 2).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let level: StockLevel = r.json();
    assert_eq!((level.store_id.as_str(), level.quantity), (JINGAN, 2));
    let a = availability(&app, VARIANT).await;
    let s = a
        .data
        .iter()
        .find(|s| s.store_id.as_str() == JINGAN)
        .unwrap();
    assert_eq!((s.quantity, s.status), (Some(2), StockStatus::LowStock));
    assert_eq!(s.updated_at, level.updated_at);
}

async fn in_stock_count(app: &TestApp, store: &str) -> (u64, ProductFacets) {
    let f: ProductFacets = app
        .json(&format!("/api/v1/products/facets?store={store}"))
        .await;
    assert_eq!(f.facets[0].code, FacetCode::InStock);
    (f.facets[0].values[0].count, f)
}

#[tokio::test]
async fn the_in_stock_facet_follows_stock_changes() {
    let app = spawn_with(10, None).await;
    let plain: ProductFacets = app.json("/api/v1/products/facets").await;
    assert!(plain.facets.iter().all(|f| f.code != FacetCode::InStock));
    assert_eq!(plain.facets[0].code, FacetCode::Category);

    let (before, f) = in_stock_count(&app, JINGAN).await;
    let v = &f.facets[0].values[0];
    assert_eq!(v.value, "true");
    assert_eq!(v.label.en, "In stock at Shanghai Jing'an");
    assert_eq!(v.label.zh_cn, "有货：上海静安店");
    assert!(!v.selected);
    assert_eq!(f.total, 10, "store alone does not filter");

    let listed: Page<ProductSummary> = app
        .json(&format!(
            "/api/v1/products?store={JINGAN}&in_stock=true&limit=100"
        ))
        .await;
    assert_eq!(listed.total, before);
    let sel: ProductFacets = app
        .json(&format!(
            "/api/v1/products/facets?store={JINGAN}&in_stock=true"
        ))
        .await;
    assert!(sel.facets[0].values[0].selected);
    assert_eq!(sel.total, before);

    // Empty every variant of product 3 at Jing'an: it leaves the facet and the listing.
    let product: storefront_api_types::Product = app.json("/api/v1/products/p_000003").await;
    for v in &product.variants {
        assert_eq!(set_stock(&app, JINGAN, v.id.as_str(), 0).await.status, 200);
    }
    let (after, _) = in_stock_count(&app, JINGAN).await;
    let was_in = listed.data.iter().any(|p| p.id.as_str() == "p_000003");
    assert_eq!(after, before - u64::from(was_in));
    let listed: Page<ProductSummary> = app
        .json(&format!(
            "/api/v1/products?store={JINGAN}&in_stock=true&limit=100"
        ))
        .await;
    assert!(listed.data.iter().all(|p| p.id.as_str() != "p_000003"));
    // Another store is unaffected; one unit brings it back.
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 1).await.status, 200);
    assert_eq!(
        in_stock_count(&app, JINGAN).await.0,
        before - u64::from(was_in) + 1
    );
    // Reserving that last unit takes it out again.
    let r = reserve(&app, "facet-1", &body(VARIANT, JINGAN, 1)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        in_stock_count(&app, JINGAN).await.0,
        before - u64::from(was_in)
    );
    // Cancelling puts it back.
    let code = r.json::<Reservation>().code;
    let c = app
        .send_json(
            Method::POST,
            &format!("/api/v1/reservations/{code}/cancel"),
            &[],
            "",
        )
        .await;
    assert_eq!(c.status, 200, "{}", c.text());
    assert_eq!(
        in_stock_count(&app, JINGAN).await.0,
        before - u64::from(was_in) + 1
    );

    assert_problem(
        &app.get("/api/v1/products?in_stock=true").await,
        400,
        "invalid_query",
        Some("#/query/in_stock"),
    );
    assert_problem(
        &app.get("/api/v1/products/facets?store=s_nope").await,
        400,
        "invalid_query",
        Some("#/query/store"),
    );
    assert_problem(
        &app.get(&format!("/api/v1/products?store={JINGAN}&in_stock=perhaps"))
            .await,
        400,
        "invalid_query",
        Some("#/query/in_stock"),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_shoppers_race_for_five_units() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 5).await.status, 200);
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let router = app.router.clone();
            let req = json_request(
                Method::POST,
                "/api/v1/reservations",
                &[("idempotency-key", &format!("race-{i}"))],
                &body(VARIANT, JINGAN, 1),
            );
            tokio::spawn(send(router, req))
        })
        .collect();
    let mut created = 0;
    let mut sold_out = 0;
    for t in tasks {
        let r = t.await.unwrap();
        match r.status.as_u16() {
            201 => created += 1,
            409 => {
                assert_problem(&r, 409, "out_of_stock", None);
                sold_out += 1;
            }
            other => panic!("unexpected {other}: {}", r.text()),
        }
    }
    assert_eq!((created, sold_out), (5, 195));
    assert_eq!(units(&app, JINGAN, VARIANT).await, 0);
    let p = assert_problem(
        &reserve(&app, "race-late", &body(VARIANT, JINGAN, 1)).await,
        409,
        "out_of_stock",
        Some("/quantity"),
    );
    assert!(p.detail.unwrap().contains("only 0 left"));
}

#[tokio::test]
async fn retries_with_the_same_key_return_the_same_reservation() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 3).await.status, 200);
    let first = reserve(&app, "retry-1", &body(VARIANT, JINGAN, 2)).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let made: Reservation = first.json();
    assert_eq!(
        first.header("location"),
        format!("/api/v1/reservations/{}", made.code)
    );
    assert_eq!(units(&app, JINGAN, VARIANT).await, 1);
    let again = reserve(&app, "retry-1", &body(VARIANT, JINGAN, 2)).await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json::<Reservation>().code, made.code);
    assert_eq!(units(&app, JINGAN, VARIANT).await, 1, "held once");
    // Even when the stock is gone now.
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 0).await.status, 200);
    let again = reserve(&app, "retry-1", &body(VARIANT, JINGAN, 2)).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json::<Reservation>().code, made.code);
    // The same key with another body.
    assert_problem(
        &reserve(&app, "retry-1", &body(VARIANT, JINGAN, 1)).await,
        422,
        "idempotency_conflict",
        Some("#/header/Idempotency-Key"),
    );
}

#[tokio::test]
async fn a_reservation_reads_back_with_its_snapshot_store_and_pass() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 4).await.status, 200);
    let made: Reservation = reserve(&app, "read-1", &body(VARIANT, JINGAN, 1))
        .await
        .json();
    assert_eq!(made.code.len(), 10);
    assert!(made
        .code
        .bytes()
        .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)));
    assert_eq!(made.status, ReservationStatus::Active);
    assert_eq!(
        (made.name.as_str(), made.phone_masked.as_str()),
        ("王小明", "138****5678")
    );
    assert!(made.ready_at.unix() >= made.created_at.unix() + 3600);
    assert_eq!(made.ready_at.unix() % 900, 0, "a quarter hour");
    assert_eq!(made.hold_until.unix() - made.ready_at.unix(), 48 * 3600);
    assert!(made.store.status.is_some());
    let product: storefront_api_types::Product = app.json("/api/v1/products/p_000003").await;
    assert_eq!(made.item.product_slug, product.slug);
    assert_eq!(made.item.name, product.name);
    assert_eq!(made.item.price, product.variants[0].price);
    assert_eq!(made.item.sku, product.variants[0].sku);
    let labels: Vec<String> = product
        .options
        .iter()
        .zip(&product.variants[0].option_values)
        .map(|(o, v)| {
            o.values
                .iter()
                .find(|x| &x.code == v)
                .unwrap()
                .label
                .en
                .clone()
        })
        .collect();
    assert_eq!(made.item.options.en, labels.join(" / "));
    assert_eq!(made.item.image.url, "/media/products/p_000003/0.jpg");

    let r = app
        .get(&format!(
            "/api/v1/reservations/{}",
            made.code.to_lowercase()
        ))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json::<Reservation>().code, made.code);

    let qr = app
        .get(&format!("/api/v1/reservations/{}/qr.svg", made.code))
        .await;
    assert_eq!(qr.status, 200);
    assert_eq!(qr.header("content-type"), "image/svg+xml");
    let svg = qr.text();
    assert!(
        svg.contains("<svg") && svg.contains(r#"width="264" height="264""#),
        "{svg}"
    );
    assert!(svg.contains("#000000") && svg.contains("#ffffff"));

    assert_problem(
        &app.get("/api/v1/reservations/0000000000").await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &app.get("/api/v1/reservations/0000000000/qr.svg").await,
        404,
        "not_found",
        None,
    );
    for bad in ["short", "ILOU000000", "0123456789A"] {
        assert_problem(
            &app.get(&format!("/api/v1/reservations/{bad}")).await,
            400,
            "invalid_path",
            Some("#/path/code"),
        );
    }
}

#[tokio::test]
async fn cancel_releases_once_and_collect_is_single_use() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 5).await.status, 200);
    let a: Reservation = reserve(&app, "c-1", &body(VARIANT, JINGAN, 2)).await.json();
    assert_eq!(units(&app, JINGAN, VARIANT).await, 3);
    let cancel = |code: String| {
        let app = &app;
        async move {
            app.send_json(
                Method::POST,
                &format!("/api/v1/reservations/{code}/cancel"),
                &[],
                "",
            )
            .await
        }
    };
    let r = cancel(a.code.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<Reservation>().status, ReservationStatus::Cancelled);
    assert_eq!(units(&app, JINGAN, VARIANT).await, 5);
    assert_problem(&cancel(a.code.clone()).await, 409, "not_active", None);
    assert_eq!(units(&app, JINGAN, VARIANT).await, 5);

    let b: Reservation = reserve(&app, "c-2", &body(VARIANT, JINGAN, 1)).await.json();
    let collect = |store: &'static str, code: String, as_store: &'static str| {
        let app = &app;
        async move {
            app.send_json(
                Method::POST,
                &format!("/api/v1/staff/stores/{store}/reservations/{code}/collect"),
                &[("authorization", &key(as_store))],
                "",
            )
            .await
        }
    };
    assert_problem(
        &collect(JINGAN, b.code.clone(), "s_bj_xidan").await,
        403,
        "forbidden",
        None,
    );
    assert_problem(
        &collect("s_bj_xidan", b.code.clone(), "s_bj_xidan").await,
        404,
        "not_found",
        None,
    );
    let r = collect(JINGAN, b.code.to_lowercase(), JINGAN).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<Reservation>().status, ReservationStatus::Collected);
    assert_problem(
        &collect(JINGAN, b.code.clone(), JINGAN).await,
        409,
        "not_active",
        None,
    );
    assert_problem(&cancel(b.code.clone()).await, 409, "not_active", None);
    assert_eq!(
        units(&app, JINGAN, VARIANT).await,
        4,
        "a collected unit stays sold"
    );
}

#[tokio::test]
async fn holds_expire_and_release_their_units() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 2).await.status, 200);
    let made: Reservation = reserve(&app, "exp-1", &body(VARIANT, JINGAN, 2))
        .await
        .json();
    assert_eq!(units(&app, JINGAN, VARIANT).await, 0);
    let pool = app.pool().await;
    let now = chrono::Utc::now().timestamp();
    assert_eq!(
        storefront_server::reservations::expire_due(&pool, now)
            .await
            .unwrap(),
        0
    );
    sqlx::query("UPDATE reservations SET hold_until = ? WHERE code = ?")
        .bind(now - 60)
        .bind(&made.code)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        storefront_server::reservations::expire_due(&pool, now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(units(&app, JINGAN, VARIANT).await, 2);
    let r: Reservation = app
        .json(&format!("/api/v1/reservations/{}", made.code))
        .await;
    assert_eq!(r.status, ReservationStatus::Expired);
    assert_problem(
        &app.send_json(
            Method::POST,
            &format!("/api/v1/reservations/{}/cancel", made.code),
            &[],
            "",
        )
        .await,
        409,
        "not_active",
        None,
    );
    // Run twice: nothing more is released.
    assert_eq!(
        storefront_server::reservations::expire_due(&pool, now)
            .await
            .unwrap(),
        0
    );
    assert_eq!(units(&app, JINGAN, VARIANT).await, 2);

    // A hold that ended is expired when it is read, without the background task.
    let other: Reservation = reserve(&app, "exp-2", &body(VARIANT, JINGAN, 1))
        .await
        .json();
    sqlx::query("UPDATE reservations SET hold_until = ? WHERE code = ?")
        .bind(now - 1)
        .bind(&other.code)
        .execute(&pool)
        .await
        .unwrap();
    let r: Reservation = app
        .json(&format!("/api/v1/reservations/{}", other.code))
        .await;
    assert_eq!(r.status, ReservationStatus::Expired);
    assert_eq!(units(&app, JINGAN, VARIANT).await, 2);
}

#[tokio::test]
async fn every_bad_reservation_input_is_a_4xx_naming_the_field() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 5).await.status, 200);
    let ok = body(VARIANT, JINGAN, 1);
    let post = |headers: Vec<(&'static str, String)>, body: String| {
        let app = &app;
        async move {
            let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.send_json(Method::POST, "/api/v1/reservations", &h, &body)
                .await
        }
    };
    let header_pointer = Some("#/header/Idempotency-Key");
    assert_problem(
        &post(vec![], ok.clone()).await,
        400,
        "invalid_header",
        header_pointer,
    );
    for bad in ["", "has space", &"k".repeat(101), "ключ"] {
        let r = app
            .request(
                Method::POST,
                "/api/v1/reservations",
                &[
                    ("content-type", "application/json"),
                    ("idempotency-key", bad),
                ],
                axum::body::Body::from(ok.clone()),
            )
            .await;
        assert_problem(&r, 400, "invalid_header", header_pointer);
    }
    let with_key = |k: &str| vec![("idempotency-key", k.to_owned())];
    let field = |json: String, pointer: &'static str| {
        let post = &post;
        async move {
            let r = post(with_key(&format!("bad-{pointer}-{}", json.len())), json).await;
            assert_problem(&r, 400, "invalid_body", Some(pointer));
        }
    };
    field(body(VARIANT, JINGAN, 0), "/quantity").await;
    field(body(VARIANT, JINGAN, 6), "/quantity").await;
    field(
        ok.replace(r#""quantity":1"#, r#""quantity":"one""#),
        "/quantity",
    )
    .await;
    field(ok.replace("+86 138-1234-5678", "12345"), "/phone").await;
    field(ok.replace("  王小明 ", "   "), "/name").await;
    field(ok.replace("  王小明 ", &"名".repeat(41)), "/name").await;
    field(ok.replace("  王小明 ", "a\\u0007b"), "/name").await;
    let unknown = ok.replace(r#""quantity":1"#, r#""quantity":1,"coupon":"x""#);
    let r = post(with_key("bad-unknown"), unknown).await;
    assert_problem(&r, 400, "invalid_body", None);
    let r = post(with_key("bad-json"), "{\"variant_id\":".to_owned()).await;
    assert_problem(&r, 400, "invalid_body", None);

    assert_problem(
        &post(with_key("bad-store"), body(VARIANT, "s_nope", 1)).await,
        404,
        "not_found",
        Some("/store_id"),
    );
    assert_problem(
        &post(with_key("bad-variant"), body("v_nope", JINGAN, 1)).await,
        404,
        "not_found",
        Some("/variant_id"),
    );
    assert_problem(
        &post(with_key("no-pickup"), body(VARIANT, "s_gz_beijinglu", 1)).await,
        409,
        "pickup_unavailable",
        Some("/store_id"),
    );
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 0).await.status, 200);
    let p = assert_problem(
        &post(with_key("sold-out"), ok.clone()).await,
        409,
        "out_of_stock",
        Some("/quantity"),
    );
    assert!(p.detail.unwrap().contains("only 0 left"));
    // Nothing above left a reservation or moved stock.
    assert_eq!(units(&app, JINGAN, VARIANT).await, 0);
    let r = app
        .request(
            Method::POST,
            "/api/v1/reservations",
            &[("idempotency-key", "ct")],
            axum::body::Body::from(ok),
        )
        .await;
    assert_problem(&r, 415, "invalid_body", None);
}

#[tokio::test]
async fn wrong_methods_name_the_allowed_one() {
    let app = spawn_with(5, None).await;
    let r = app.get("/api/v1/reservations").await;
    assert_problem(&r, 405, "method_not_allowed", None);
    assert_eq!(r.header("allow"), "POST");
    let r = app
        .get(&format!("/api/v1/staff/stores/{JINGAN}/stock/{VARIANT}"))
        .await;
    assert_eq!((r.status.as_u16(), r.header("allow")), (405, "PUT"));
    let r = app
        .send_json(
            Method::POST,
            &format!("/api/v1/variants/{VARIANT}/availability"),
            &[],
            "{}",
        )
        .await;
    assert_eq!((r.status.as_u16(), r.header("allow")), (405, "GET, HEAD"));
}
