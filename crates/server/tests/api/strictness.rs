//! The smaller defects of a hostile client's review (issue 12), as a client observes them:
//! HSTS over HTTPS only, one value per single-valued query parameter, UTF-8 queries, body
//! problems that name their field, credentials checked before the body, and cancels that a
//! cross-site form cannot send. (The member routes' cases are in `members/strict.rs`.)

use crate::helpers::{assert_problem, spawn_with, XRW};
use axum::http::Method;
use storefront_api_types::{Appointment, AppointmentStatus, Reservation, ReservationStatus};

const JINGAN: &str = "s_sh_jingan";
const HSTS: &str = "max-age=31536000; includeSubDomains";

#[tokio::test]
async fn hsts_only_on_answers_to_https_requests() {
    let app = spawn_with(10, None).await;
    for uri in [
        "/api/health",
        "/api/v1/products?limit=2",
        "/api/v1/products/nope",
        "/media/products/p_000001/0.jpg",
        "/",
    ] {
        // Plain HTTP (no proxy, or a proxy that says http): never.
        for headers in [vec![], vec![("x-forwarded-proto", "http")]] {
            let r = app.get_with(uri, &headers).await;
            assert_eq!(r.header("strict-transport-security"), "", "{uri}");
        }
        // Through a TLS-terminating proxy that says so: always, errors included.
        for proto in ["https", "HTTPS", "https, http"] {
            let r = app.get_with(uri, &[("x-forwarded-proto", proto)]).await;
            assert_eq!(r.header("strict-transport-security"), HSTS, "{uri} {proto}");
        }
    }
    // A request whose URI says https (as over TLS).
    let r = app.get("https://shop.example/api/health").await;
    assert_eq!(r.header("strict-transport-security"), HSTS);
}

#[tokio::test]
async fn a_single_valued_query_parameter_given_twice_is_a_400_naming_it() {
    let app = spawn_with(10, None).await;
    let date = (chrono::Utc::now() + chrono::Duration::days(3)).format("%Y-%m-%d");
    let cases: Vec<(String, &str)> = vec![
        ("/api/v1/products?limit=5&limit=6".into(), "limit"),
        ("/api/v1/products?sort=newest&sort=price_asc".into(), "sort"),
        ("/api/v1/products?q=a&q=b".into(), "q"),
        ("/api/v1/products?cursor=x&cursor=y".into(), "cursor"),
        (
            "/api/v1/products?on_sale=true&on_sale=false".into(),
            "on_sale",
        ),
        (
            format!("/api/v1/products?store={JINGAN}&store={JINGAN}"),
            "store",
        ),
        (
            format!("/api/v1/products?store={JINGAN}&in_stock=true&in_stock=false"),
            "in_stock",
        ),
        ("/api/v1/products/facets?q=a&q=a".into(), "q"),
        ("/api/v1/products/facets?limit=1&limit=1".into(), "limit"),
        (
            "/api/v1/products/p_000001/related?limit=2&limit=3".into(),
            "limit",
        ),
        ("/api/v1/search/suggest?q=a&q=b".into(), "q"),
        ("/api/v1/stores?near=31,121&near=22,114".into(), "near"),
        ("/api/v1/stores?q=shanghai&q=beijing".into(), "q"),
        (
            "/api/v1/stores?at=2026-11-24T09:30:00Z&at=2026-11-24T10:30:00Z".into(),
            "at",
        ),
        (
            format!("/api/v1/stores/{JINGAN}?near=31,121&near=31,121"),
            "near",
        ),
        (
            format!("/api/v1/stores/{JINGAN}/guide-slots?date={date}&date={date}"),
            "date",
        ),
        (
            "/api/v1/variants/v_000001_01/availability?near=31,121&near=22,114".into(),
            "near",
        ),
        ("/media/products/p_000001/0.jpg?w=400&w=800".into(), "w"),
    ];
    for (uri, field) in &cases {
        let r = app.get(uri).await;
        let p = assert_problem(&r, 400, "invalid_query", Some(&format!("#/query/{field}")));
        assert!(p.detail.unwrap_or_default().contains(field), "{uri}");
        // Given once, the same parameter is accepted.
        let once = uri.rsplit_once('&').map(|(u, _)| u).unwrap_or(uri);
        let r = app.get(once).await;
        assert!(
            !r.text().contains("takes one value"),
            "{once}: {}",
            r.text()
        );
    }
    // Facets stay repeatable.
    for q in [
        "brand=a&brand=b",
        "color=black&color=white",
        "size=m&size=l",
        "price=0-10000&price=50000-",
        "category=shoes&category=women",
        "ids=p_000001&ids=p_000002",
    ] {
        assert_eq!(app.products(q).await.status, 200, "{q}");
        assert_eq!(app.facets(q).await.status, 200, "{q}");
    }
}

#[tokio::test]
async fn percent_encoded_invalid_utf8_in_a_query_is_a_400_naming_the_parameter() {
    let app = spawn_with(10, None).await;
    for (uri, field) in [
        ("/api/v1/products?q=%FF", "q"),
        ("/api/v1/products?limit=5&q=%C3%28", "q"),
        ("/api/v1/products?brand=%ED%A0%80", "brand"),
        ("/api/v1/products/facets?q=%FF%FE", "q"),
        ("/api/v1/search/suggest?q=%FF", "q"),
        ("/api/v1/stores?q=%FF", "q"),
        ("/api/v1/stores?near=%FF", "near"),
        ("/api/v1/products/p_000001/related?limit=%FF", "limit"),
    ] {
        assert_problem(
            &app.get(uri).await,
            400,
            "invalid_query",
            Some(&format!("#/query/{field}")),
        );
    }
    // Valid UTF-8 escapes still decode.
    assert_eq!(app.products("q=%E8%B7%91%E6%AD%A5").await.status, 200);
}

#[tokio::test]
async fn body_problems_name_the_missing_duplicate_or_broken_field() {
    let app = spawn_with(10, None).await;
    let reserve = |body: &'static str| app.reserve(body).key("k-ptr");
    for (body, pointer) in [
        // Missing: the field itself.
        (
            r#"{"store_id":"s_sh_jingan","quantity":1,"name":"A","phone":"13812345678"}"#,
            "/variant_id",
        ),
        // Given twice: the field.
        (
            r#"{"variant_id":"v_000001_01","variant_id":"v_000001_02","store_id":"s_sh_jingan","quantity":1,"name":"A","phone":"13812345678"}"#,
            "/variant_id",
        ),
        // Broken JSON inside a field: that field.
        (r#"{"variant_id": }"#, "/variant_id"),
        // Not JSON at all, or broken at its top level: the root (no field holds the fault).
        ("not json", ""),
        (r#"{"variant_id" "v"}"#, ""),
    ] {
        let p = assert_problem(&reserve(body).await, 400, "invalid_body", Some(pointer));
        assert!(p.errors.iter().all(|e| !e.pointer.contains('?')), "{body}");
    }
    let r = app
        .request(
            Method::POST,
            "/api/v1/reservations",
            &[("idempotency-key", "k")],
            "{}".into(),
        )
        .await;
    assert_problem(&r, 415, "invalid_body", Some("#/header/Content-Type"));
    let r = app
        .book(r#"{"store_id":"s_sh_jingan"}"#)
        .key("k-book")
        .await;
    let p: storefront_api_types::Problem = r.json();
    assert!(r.status.is_client_error(), "{}", r.text());
    assert_eq!(p.errors[0].pointer, "/start", "{}", r.text());
}

#[tokio::test]
async fn staff_credentials_are_checked_before_the_body() {
    let app = spawn_with(10, None).await;
    let uri = format!("/api/v1/staff/stores/{JINGAN}/stock/v_000001_01");
    // No key and no body (no content type): 401, not 415.
    let r = app.empty(Method::PUT, &uri, &[]).await;
    assert_problem(&r, 401, "unauthorized", None);
    assert!(r.header("www-authenticate").starts_with("Bearer"));
    // A wrong key with a bad body: 401, not 400.
    for body in ["", "not json", r#"{"quantity":-1}"#] {
        let r = app
            .put_stock(JINGAN, "v_000001_01", body)
            .header("authorization", "Bearer wrong")
            .await;
        assert_problem(&r, 401, "unauthorized", None);
        // Another store's key with a bad body: 403.
        let r = app
            .put_stock(JINGAN, "v_000001_01", body)
            .staff("s_bj_sanlitun")
            .await;
        assert_problem(&r, 403, "forbidden", None);
    }
    // The right key: now the body is read.
    let r = app
        .put_stock(JINGAN, "v_000001_01", "not json")
        .staff(JINGAN)
        .await;
    assert_problem(&r, 400, "invalid_body", Some(""));
}

#[tokio::test]
async fn cancels_refuse_cross_site_requests() {
    let app = spawn_with(10, None).await;
    let r = app
        .reserve(r#"{"variant_id":"v_000001_01","store_id":"s_sh_jingan","quantity":1,"name":"A","phone":"13812345678"}"#)
        .key("csrf-r")
        .await;
    if r.status != 201 {
        // Stock of the demo is random: give the variant some.
        let s = app
            .put_stock(JINGAN, "v_000001_01", r#"{"quantity":5}"#)
            .staff(JINGAN)
            .await;
        assert_eq!(s.status, 200, "{}", s.text());
    }
    let r = app
        .reserve(r#"{"variant_id":"v_000001_01","store_id":"s_sh_jingan","quantity":1,"name":"A","phone":"13812345678"}"#)
        .key("csrf-r2")
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let reservation = r.json::<Reservation>().code;
    let mut open = None;
    for k in 2..10 {
        let day = (chrono::Utc::now() + chrono::Duration::days(k)).format("%Y-%m-%d");
        let slots: storefront_api_types::GuideSlots =
            app.guide_slots(JINGAN, &format!("date={day}")).json().await;
        if let Some(slot) = slots.slots.into_iter().find(|s| s.remaining > 0) {
            open = Some((day, slot));
            break;
        }
    }
    let (day, slot) = open.unwrap();
    let r = app
        .book(&format!(
            r#"{{"store_id":"{JINGAN}","start":"{day}T{}","name":"A","phone":"13912345678"}}"#,
            slot.local_time
        ))
        .key("csrf-a")
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let appointment = r.json::<Appointment>().code;

    for uri in [
        format!("/api/v1/reservations/{reservation}/cancel"),
        format!("/api/v1/appointments/{appointment}/cancel"),
    ] {
        // A cross-site form post: no header, or another origin.
        for headers in [
            vec![],
            vec![("content-type", "application/x-www-form-urlencoded")],
            vec![("host", "shop.example"), ("origin", "https://evil.example")],
        ] {
            let r = app.empty(Method::POST, &uri, &headers).await;
            assert_problem(&r, 403, "csrf", Some("#/header/X-Requested-With"));
        }
    }
    // Nothing was cancelled.
    let r: Reservation = app.reservation(&reservation).json().await;
    assert_eq!(r.status, ReservationStatus::Active);
    let a: Appointment = app.appointment(&appointment).json().await;
    assert_eq!(a.status, AppointmentStatus::Booked);
    // The app's header, or a same-origin `Origin`, cancels.
    let r = app
        .empty(
            Method::POST,
            &format!("/api/v1/reservations/{reservation}/cancel"),
            &[XRW],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = app
        .empty(
            Method::POST,
            &format!("/api/v1/appointments/{appointment}/cancel"),
            &[("host", "shop.example"), ("origin", "https://shop.example")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}
