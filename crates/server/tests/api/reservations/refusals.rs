//! Every bad reservation input as a 4xx problem naming the field, and wrong methods.

use super::*;

#[tokio::test]
async fn every_bad_reservation_input_is_a_4xx_naming_the_field() {
    let app = spawn_with(10, None).await;
    assert_eq!(set_stock(&app, JINGAN, VARIANT, 5).await.status, 200);
    let ok = body(VARIANT, JINGAN, 1);
    let post = |headers: Vec<(&'static str, String)>, body: String| {
        let app = &app;
        async move {
            let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.reserve(&body).headers(&h).await
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
        let r = app.reserve(&ok).key(bad).await;
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
