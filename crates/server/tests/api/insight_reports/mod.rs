//! The insight reports on a real SQLite file: a scripted day of events (rows as the events
//! endpoint stores them) and real writes through the API (reservations made, collected by
//! the staff endpoint and expired by the sweep; coupons claimed from a phone, an embed and
//! a kiosk, an in-store reward, till redemptions and earns; a guide booking kept by the
//! staff), then the exact figures of every report in JSON and CSV (`figures`); who may see
//! which store (`access`); every query fault at its pointer and the keep endpoint's
//! refusals (`queries`).

mod access;
mod figures;
mod queries;

use crate::helpers::{spawn_with, Reply, TestApp};
use axum::http::Method;
use chrono::{Duration, FixedOffset, NaiveDate, Utc};
use serde_json::json;
use storefront_api_types::{
    Appointment, DemoCode, KioskPairing, Reservation, SignInCodeSent, TokenBatch, WalletCoupon,
};

const JINGAN: &str = "s_sh_jingan";
const SANLITUN: &str = "s_bj_sanlitun";
const FUTIAN: &str = "s_sz_futian";
const PRODUCT_A: &str = "p_000003";
const VARIANT_A: &str = "v_000003_01";

/// Today on China Standard Time.
fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
        .date_naive()
}

/// `GET /api/v1/marketing/insight/{report}?{query}` with the workspace `cookie`.
async fn report(app: &TestApp, cookie: &str, report: &str, query: &str) -> Reply {
    app.call(
        Method::GET,
        format!("/api/v1/marketing/insight/{report}?{query}"),
    )
    .cookie(cookie)
    .await
}

/// The JSON of a report that must be 200.
async fn figures<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    cookie: &str,
    name: &str,
    query: &str,
) -> T {
    let r = report(app, cookie, name, query).await;
    assert_eq!(r.status, 200, "{name}?{query}: {}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    assert!(r.header("content-type").starts_with("application/json"));
    r.json()
}

/// `POST /api/v1/staff/stores/{store}/appointments/{code}/keep` with `key_store`'s key.
async fn keep(app: &TestApp, store: &str, code: &str, key_store: &str) -> Reply {
    app.call(
        Method::POST,
        format!("/api/v1/staff/stores/{store}/appointments/{code}/keep"),
    )
    .staff(key_store)
    .await
}

/// A demo member signed in through the API: the `sf_session=…` cookie.
async fn member(app: &TestApp, login: &str) -> String {
    let r = app
        .send_code(&json!({ "login": login }).to_string())
        .csrf()
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sent: SignInCodeSent = r.json();
    let code: DemoCode = app.last_code(&sent.login).json().await;
    let r = app
        .verify_code(
            &json!({ "login": login, "code": code.code, "agree_terms": false }).to_string(),
        )
        .csrf()
        .await;
    assert!(r.status.is_success(), "{}", r.text());
    r.header("set-cookie").split(';').next().unwrap().to_owned()
}

/// A kiosk registered at Jing'an and paired: its device cookie `sf_kiosk=…`.
async fn kiosk(app: &TestApp) -> String {
    let r = app
        .create_kiosk(JINGAN, r#"{"name":"Lobby"}"#)
        .staff(JINGAN)
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let pairing: KioskPairing = r.json();
    let r = app
        .pair_kiosk(&json!({ "code": pairing.pairing_code }).to_string())
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sf_kiosk="))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_owned()
}

/// Claims `body` as the member of `cookie` (plus any other cookie): the coupon.
async fn claim(app: &TestApp, cookie: &str, body: serde_json::Value) -> WalletCoupon {
    let r = app.claim(&body.to_string()).cookie(cookie).csrf().await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

/// Redeems `coupon` at `store`'s till.
async fn redeem(app: &TestApp, cookie: &str, coupon: &WalletCoupon, store: &str, receipt: &str) {
    let batch: TokenBatch = app.coupon_token(&coupon.id).cookie(cookie).json().await;
    let body =
        json!({ "coupon_token": batch.tokens[0].token, "store_id": store, "receipt_no": receipt });
    let r = app.redeem(&body.to_string()).staff(store).await;
    assert_eq!(r.status, 200, "{}", r.text());
}

/// Points for a purchase of `fen` at `store`'s till by the member of `cookie`.
async fn earn(app: &TestApp, cookie: &str, store: &str, receipt: &str, fen: i64) {
    let r = app.scan_tokens().cookie(cookie).csrf().await;
    assert_eq!(r.status, 200, "{}", r.text());
    let batch: TokenBatch = r.json();
    let body = json!({
        "scan_token": batch.tokens[0].token, "store_id": store, "receipt_no": receipt,
        "amount": { "amount_minor": fen, "currency": "CNY" }
    });
    let r = app.earn(&body.to_string()).staff(store).key(receipt).await;
    assert_eq!(r.status, 201, "{}", r.text());
}

/// Reserves `quantity` of `variant` at `store` with `attribution` (`key`: the
/// `Idempotency-Key`).
async fn reserve(
    app: &TestApp,
    key: &str,
    (variant, store): (&str, &str),
    quantity: u32,
    attribution: serde_json::Value,
) -> Reservation {
    let body = json!({
        "variant_id": variant, "store_id": store, "quantity": quantity, "name": "王小明",
        "phone": "13812345678", "attribution": attribution
    });
    let r = app.reserve(&body.to_string()).key(key).await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

/// A guide appointment at Jing'an two or more days ahead at 14:30 local (`slot` half hours
/// later).
async fn book(app: &TestApp, slot: i64) -> Appointment {
    let day = (2..10)
        .map(|k| today() + Duration::days(k))
        .find(|d| !["2026-12-24", "2026-12-31", "2027-01-01"].contains(&d.to_string().as_str()))
        .unwrap();
    let start = (day.and_hms_opt(6, 30, 0).unwrap() + Duration::minutes(30 * slot))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let body =
        json!({ "store_id": JINGAN, "start": start, "name": "王小明", "phone": "13912345678" });
    let r = app
        .book(&body.to_string())
        .key(&format!("guide-{slot}"))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()
}

/// One stored event: `(name, session, store, product, category, extra)` where extra is
/// `(search term, results, out of stock, nearest store)`.
struct Ev<'a> {
    name: &'a str,
    session: &'a str,
    channel: &'a str,
    store: Option<&'a str>,
    product: Option<(&'a str, &'a str)>,
    search: Option<(&'a str, i64)>,
    stock: Option<(i64, Option<&'a str>)>,
}

/// Writes events as the events endpoint stores them, `at` a second apart from `start` in
/// order, on `day` (China Standard Time).
async fn store_events(pool: &sqlx::SqlitePool, day: NaiveDate, start: i64, events: &[Ev<'_>]) {
    for (i, e) in events.iter().enumerate() {
        let at = start + i as i64;
        sqlx::query(
            "INSERT INTO events (name, at, day, received_at, session_id, channel, store_id, product_id, \
             variant_id, category_id, items, search_term, results, out_of_stock, nearest_store_id) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(e.name)
        .bind(at)
        .bind(day.to_string())
        .bind(at)
        .bind(e.session)
        .bind(e.channel)
        .bind(e.store)
        .bind(e.product.map(|p| p.0))
        .bind(e.product.map(|p| format!("v_{}_01", p.0.trim_start_matches("p_"))))
        .bind(e.product.map(|p| p.1))
        .bind(i64::from(e.product.is_some()))
        .bind(e.search.map(|s| s.0))
        .bind(e.search.map(|s| s.1))
        .bind(e.stock.map(|s| s.0))
        .bind(e.stock.and_then(|s| s.1))
        .execute(pool)
        .await
        .unwrap();
    }
}

/// What the script made: the other product and both categories, the appointment kept.
struct Script {
    app: TestApp,
    product_b: String,
    category_a: String,
    category_b: String,
    marketer: String,
}

/// The scripted day: events, then reservations (one collected, one expired), claims from a
/// phone, an embed and a kiosk, an in-store reward, redemptions, earns and a guide booking
/// kept (and one cancelled).
async fn script() -> Script {
    let app = spawn_with(40, None).await;
    let pool = app.pool().await;
    let (category_a,): (String,) = sqlx::query_as("SELECT category_id FROM products WHERE id = ?")
        .bind(PRODUCT_A)
        .fetch_one(&pool)
        .await
        .unwrap();
    let (product_b, category_b): (String, String) = sqlx::query_as(
        "SELECT id, category_id FROM products WHERE category_id != ? ORDER BY seq LIMIT 1",
    )
    .bind(&category_a)
    .fetch_one(&pool)
    .await
    .unwrap();
    let (variant_b,): (String,) =
        sqlx::query_as("SELECT id FROM variants WHERE product_id = ? ORDER BY id LIMIT 1")
            .bind(&product_b)
            .fetch_one(&pool)
            .await
            .unwrap();
    let (a, b) = (
        (PRODUCT_A, category_a.as_str()),
        (product_b.as_str(), category_b.as_str()),
    );
    let s = [
        "s1aaaaaaaaaaaaaaaaaaaa",
        "s2bbbbbbbbbbbbbbbbbbbb",
        "s3cccccccccccccccccccc",
        "s4dddddddddddddddddddd",
        "s5eeeeeeeeeeeeeeeeeeee",
    ];
    let ev = |name, session, channel, store| Ev {
        name,
        session,
        channel,
        store,
        product: None,
        search: None,
        stock: None,
    };
    let now = Utc::now().timestamp() - 600;
    let events = [
        Ev {
            product: Some(a),
            ..ev("view_item", s[0], "phone", Some(JINGAN))
        },
        Ev {
            product: Some(a),
            stock: Some((0, None)),
            ..ev("view_store_stock", s[0], "phone", Some(JINGAN))
        },
        ev("tour_visit", s[0], "phone", Some(JINGAN)),
        ev("tour_view_hotspot", s[0], "phone", Some(JINGAN)),
        Ev {
            product: Some(a),
            ..ev("reserve", s[0], "phone", Some(JINGAN))
        },
        Ev {
            search: Some(("red dress", 3)),
            ..ev("search", s[0], "phone", Some(JINGAN))
        },
        Ev {
            product: Some(a),
            ..ev("view_item", s[1], "phone", Some(JINGAN))
        },
        Ev {
            product: Some(a),
            stock: Some((1, Some(SANLITUN))),
            ..ev("view_store_stock", s[1], "phone", Some(JINGAN))
        },
        Ev {
            product: Some(a),
            stock: Some((1, Some(FUTIAN))),
            ..ev("view_store_stock", s[1], "phone", Some(JINGAN))
        },
        Ev {
            search: Some(("red dress", 3)),
            ..ev("search", s[1], "phone", Some(JINGAN))
        },
        Ev {
            search: Some(("unicorn", 0)),
            ..ev("search", s[1], "phone", Some(JINGAN))
        },
        Ev {
            product: Some(b),
            ..ev("view_item", s[2], "kiosk", Some(SANLITUN))
        },
        Ev {
            product: Some(b),
            stock: Some((1, Some(JINGAN))),
            ..ev("view_store_stock", s[2], "kiosk", Some(SANLITUN))
        },
        Ev {
            product: Some(b),
            ..ev("reserve", s[2], "kiosk", Some(SANLITUN))
        },
        ev("book_guide", s[2], "kiosk", Some(SANLITUN)),
        ev("tour_visit", s[2], "kiosk", Some(SANLITUN)),
        ev("book_guide", s[2], "kiosk", Some(SANLITUN)),
        Ev {
            product: Some(a),
            ..ev("view_item", s[3], "phone", None)
        },
        Ev {
            search: Some(("unicorn", 0)),
            ..ev("search", s[3], "phone", None)
        },
        ev("tour_visit", s[3], "phone", Some(JINGAN)),
        ev("tour_visit", s[3], "phone", Some(JINGAN)),
        ev("tour_view_hotspot", s[3], "phone", Some(JINGAN)),
        Ev {
            product: Some(a),
            ..ev("reserve", s[3], "phone", Some(SANLITUN))
        },
    ];
    store_events(&pool, today(), now, &events).await;
    // Yesterday: outside a period of today only.
    let yesterday = [
        Ev {
            product: Some(a),
            ..ev("view_item", s[4], "embed", Some(JINGAN))
        },
        Ev {
            product: Some(a),
            stock: Some((1, Some(SANLITUN))),
            ..ev("view_store_stock", s[4], "embed", Some(JINGAN))
        },
    ];
    store_events(&pool, today() - Duration::days(1), now - 86_400, &yesterday).await;

    // Reservations: collected, held (through an embed), expired; one at Sanlitun.
    for (store, variant) in [(JINGAN, VARIANT_A), (SANLITUN, variant_b.as_str())] {
        let r = app
            .put_stock(store, variant, r#"{"quantity":10}"#)
            .staff(store)
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let collected = reserve(&app, "r1", (VARIANT_A, JINGAN), 1, json!({})).await;
    let r = app.collect(JINGAN, &collected.code).staff(JINGAN).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let embed = json!({ "embed_origin": "https://partner.example" });
    reserve(&app, "r2", (VARIANT_A, JINGAN), 2, embed).await;
    let expired = reserve(
        &app,
        "r3",
        (VARIANT_A, JINGAN),
        1,
        json!({ "utm_source": "x" }),
    )
    .await;
    sqlx::query("UPDATE reservations SET hold_until = ? WHERE code = ?")
        .bind(Utc::now().timestamp() - 60)
        .bind(&expired.code)
        .execute(&pool)
        .await
        .unwrap();
    let n = storefront_server::reservations::expire_due(&pool, Utc::now().timestamp()).await;
    assert_eq!(n.unwrap(), 1);
    reserve(&app, "r4", (&variant_b, SANLITUN), 1, json!({})).await;

    // Coupons: a phone claim and an embed's, a kiosk's (at Jing'an), redeemed at Jing'an.
    let regular = member(&app, "13800000001").await;
    let silver = member(&app, "13800000002").await;
    let kiosk = kiosk(&app).await;
    let phone = claim(&app, &regular, json!({ "offer": "WELCOME5" })).await;
    claim(&app, &regular, json!({ "offer": "SPRING20", "attribution": { "embed_origin": "https://partner.example" } })).await;
    let at_kiosk = claim(
        &app,
        &format!("{silver}; {kiosk}"),
        json!({ "offer": "WELCOME5" }),
    )
    .await;
    redeem(&app, &regular, &phone, JINGAN, "RD-1").await;
    redeem(&app, &silver, &at_kiosk, JINGAN, "RD-2").await;
    // Earns: ¥250 (the live campaign's in-store reward, AUTUMN50, comes with it), ¥100, ¥10.
    earn(&app, &regular, JINGAN, "E-1", 25_000).await;
    earn(&app, &silver, JINGAN, "E-2", 10_000).await;
    earn(&app, &silver, SANLITUN, "E-3", 1_000).await;

    // Guide appointments: one booked and kept (twice: the same answer), one cancelled.
    let kept = book(&app, 0).await;
    let r = keep(&app, JINGAN, &kept.code, JINGAN).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<Appointment>().code, kept.code);
    let again = keep(&app, JINGAN, &kept.code.to_lowercase(), JINGAN).await;
    assert_eq!(again.status, 200, "{}", again.text());
    let cancelled = book(&app, 1).await;
    let r = app.cancel_appointment(&cancelled.code).json_body("").await;
    assert_eq!(r.status, 200, "{}", r.text());
    crate::helpers::assert_problem(
        &keep(&app, JINGAN, &cancelled.code, JINGAN).await,
        409,
        "not_active",
        None,
    );

    let marketer = app.marketer().await;
    Script {
        app,
        product_b,
        category_a,
        category_b,
        marketer,
    }
}
