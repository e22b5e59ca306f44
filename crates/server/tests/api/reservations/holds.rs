//! Reserving: atomic holds under concurrency, idempotent retries, the pass, cancel, collect
//! and expiry.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_shoppers_race_for_five_units() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 5).await.status, 200);
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let client = app.client.clone();
            let body = body(VARIANT, JINGAN, 1);
            tokio::spawn(async move { client.reserve(&body).key(&format!("race-{i}")).await })
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
        &app.reserve(&body(VARIANT, JINGAN, 1))
            .key("race-late")
            .await,
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
    let first = app.reserve(&body(VARIANT, JINGAN, 2)).key("retry-1").await;
    assert_eq!(first.status, 201, "{}", first.text());
    let made: Reservation = first.json();
    assert_eq!(
        first.header("location"),
        format!("/api/v1/reservations/{}", made.code)
    );
    assert_eq!(units(&app, JINGAN, VARIANT).await, 1);
    let again = app.reserve(&body(VARIANT, JINGAN, 2)).key("retry-1").await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json::<Reservation>().code, made.code);
    assert_eq!(units(&app, JINGAN, VARIANT).await, 1, "held once");
    // Even when the stock is gone now.
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 0).await.status, 200);
    let again = app.reserve(&body(VARIANT, JINGAN, 2)).key("retry-1").await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json::<Reservation>().code, made.code);
    // The same key with another body.
    assert_problem(
        &app.reserve(&body(VARIANT, JINGAN, 1)).key("retry-1").await,
        422,
        "idempotency_conflict",
        Some("#/header/Idempotency-Key"),
    );
}

#[tokio::test]
async fn a_reservation_reads_back_with_its_snapshot_store_and_pass() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 4).await.status, 200);
    let made: Reservation = app
        .reserve(&body(VARIANT, JINGAN, 1))
        .key("read-1")
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
    let product: storefront_api_types::Product = app.product("p_000003").json().await;
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

    let r = app.reservation(made.code.to_lowercase()).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json::<Reservation>().code, made.code);

    let qr = app.reservation_qr(&made.code).await;
    assert_eq!(qr.status, 200);
    assert_eq!(qr.header("content-type"), "image/svg+xml");
    let svg = qr.text();
    assert!(
        svg.contains("<svg") && svg.contains(r#"width="264" height="264""#),
        "{svg}"
    );
    assert!(svg.contains("#000000") && svg.contains("#ffffff"));

    assert_problem(&app.reservation("0000000000").await, 404, "not_found", None);
    assert_problem(
        &app.reservation_qr("0000000000").await,
        404,
        "not_found",
        None,
    );
    for bad in ["short", "ILOU000000", "0123456789A"] {
        assert_problem(
            &app.reservation(bad).await,
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
    let a: Reservation = app
        .reserve(&body(VARIANT, JINGAN, 2))
        .key("c-1")
        .await
        .json();
    assert_eq!(units(&app, JINGAN, VARIANT).await, 3);
    let cancel = |code: String| {
        let app = &app;
        async move { app.cancel_reservation(&code).json_body("").await }
    };
    let r = cancel(a.code.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<Reservation>().status, ReservationStatus::Cancelled);
    assert_eq!(units(&app, JINGAN, VARIANT).await, 5);
    assert_problem(&cancel(a.code.clone()).await, 409, "not_active", None);
    assert_eq!(units(&app, JINGAN, VARIANT).await, 5);

    let b: Reservation = app
        .reserve(&body(VARIANT, JINGAN, 1))
        .key("c-2")
        .await
        .json();
    let collect = |store: &'static str, code: String, as_store: &'static str| {
        let app = &app;
        async move {
            app.collect(store, &code)
                .staff(as_store)
                .json_body("")
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
    let made: Reservation = app
        .reserve(&body(VARIANT, JINGAN, 2))
        .key("exp-1")
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
    let r: Reservation = app.reservation(&made.code).json().await;
    assert_eq!(r.status, ReservationStatus::Expired);
    assert_problem(
        &app.cancel_reservation(&made.code).json_body("").await,
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
    let other: Reservation = app
        .reserve(&body(VARIANT, JINGAN, 1))
        .key("exp-2")
        .await
        .json();
    sqlx::query("UPDATE reservations SET hold_until = ? WHERE code = ?")
        .bind(now - 1)
        .bind(&other.code)
        .execute(&pool)
        .await
        .unwrap();
    let r: Reservation = app.reservation(&other.code).json().await;
    assert_eq!(r.status, ReservationStatus::Expired);
    assert_eq!(units(&app, JINGAN, VARIANT).await, 2);
}

/// The code in a reservation's URL is never handed out again: interleaved reservations and
/// cancellations give distinct codes, and a cancelled code keeps naming its own (cancelled)
/// reservation instead of being freed for the next one.
#[tokio::test]
async fn reservation_codes_are_never_reused() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 50).await.status, 200);
    let mut made: Vec<(String, bool)> = Vec::new();
    for i in 0..16u32 {
        let r = app
            .reserve(&body(VARIANT, JINGAN, 1))
            .key(&format!("uniq-{i}"))
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        let res: Reservation = r.json();
        assert_eq!(res.code.len(), 10);
        let cancel = i % 3 != 1;
        if cancel {
            let r = app.cancel_reservation(&res.code).json_body("").await;
            assert_eq!(r.status, 200, "{}", r.text());
        }
        assert!(
            made.iter().all(|(c, _)| *c != res.code),
            "{} reused",
            res.code
        );
        made.push((res.code, cancel));
    }
    for (code, cancelled) in made {
        let res: Reservation = app.reservation(&code).json().await;
        assert_eq!(res.code, code);
        let want = if cancelled {
            ReservationStatus::Cancelled
        } else {
            ReservationStatus::Active
        };
        assert_eq!(res.status, want, "{code}");
    }
}
