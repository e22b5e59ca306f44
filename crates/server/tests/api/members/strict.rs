//! The smaller defects of issue 12 on the member and till routes: a claim's key reused for
//! another offer, single-valued query parameters and UTF-8 queries, body problems naming
//! their field, and the till's key checked before its body.

use super::*;

#[tokio::test]
async fn a_claim_key_used_for_another_offer_is_an_idempotency_conflict() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "conflict@example.com", true).await;
    let claim = |offer: &str| {
        app.claim(&format!(r#"{{"offer":"{offer}"}}"#))
            .csrf()
            .cookie(&cookie)
            .key("claim-1")
    };
    let r = claim("SPRING20").await;
    assert_eq!(r.status, 201, "{}", r.text());
    let first: WalletCoupon = r.json();
    let r = claim("SHOES50").await;
    assert_problem(
        &r,
        422,
        "idempotency_conflict",
        Some("#/header/Idempotency-Key"),
    );
    // Nothing claimed by the refused request; the same offer still answers the first coupon.
    let w: Wallet = get_as(app.wallet(""), &cookie).await;
    assert_eq!(w.available.len(), 1);
    let r = claim("spring20").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<WalletCoupon>().id, first.id);
}

#[tokio::test]
async fn member_queries_take_one_value_per_parameter_and_utf8_only() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "queries@example.com", true).await;
    for (call, field) in [
        (app.transactions("limit=5&limit=6"), "limit"),
        (app.transactions("cursor=l_9&cursor=l_8"), "cursor"),
        (app.wallet("status=used&status=available"), "status"),
        (
            app.applicable("product=p_000001&product=p_000002"),
            "product",
        ),
        (app.transactions("limit=%FF"), "limit"),
        (app.wallet("status=%FF"), "status"),
        (app.applicable("product=%C3"), "product"),
    ] {
        let r = call.cookie(&cookie).await;
        assert_problem(&r, 400, "invalid_query", Some(&format!("#/query/{field}")));
    }
    // Demo mode's code look-up too.
    let r = app
        .get("/api/v1/demo/last-code?login=13800000001&login=13800000002")
        .await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/login"));
    let r = app.get("/api/v1/demo/last-code?login=%FF").await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/login"));
    // Signed out, the session is still checked first.
    let r = app.transactions("limit=5&limit=6").await;
    assert_problem(&r, 401, "unauthenticated", None);
}

#[tokio::test]
async fn member_and_till_bodies_name_the_missing_or_duplicate_field() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "pointers@example.com", true).await;
    for (body, pointer) in [
        ("{}", "/offer"),
        (r#"{"offer":"SPRING20","offer":"SHOES50"}"#, "/offer"),
        (r#"{"offer": ]"#, "/offer"),
    ] {
        let r = app.claim(body).csrf().cookie(&cookie).await;
        assert_problem(&r, 400, "invalid_body", Some(pointer));
    }
    let token = scan_tokens(&app, &cookie).await.tokens[0].token.clone();
    for (body, pointer) in [
        (
            format!(
                r#"{{"scan_token":"{token}","store_id":"{JINGAN}","amount":{{"amount_minor":100,"currency":"CNY"}}}}"#
            ),
            "/receipt_no",
        ),
        (
            format!(
                r#"{{"scan_token":"{token}","store_id":"{JINGAN}","receipt_no":"R-1","amount":{{"currency":"CNY"}}}}"#
            ),
            "/amount/amount_minor",
        ),
        (
            format!(
                r#"{{"scan_token":"{token}","scan_token":"{token}","store_id":"{JINGAN}","receipt_no":"R-1","amount":{{"amount_minor":100,"currency":"CNY"}}}}"#
            ),
            "/scan_token",
        ),
    ] {
        let r = app.earn(&body).staff(JINGAN).key("k-ptr").await;
        assert_problem(&r, 400, "invalid_body", Some(pointer));
    }
}

#[tokio::test]
async fn the_till_checks_its_key_before_the_body() {
    let app = spawn_members(true, 1_000).await;
    for uri in [
        "/api/v1/pos/loyalty/earn",
        "/api/v1/pos/loyalty/verify",
        "/api/v1/pos/coupons/redeem",
    ] {
        // No key and no body: 401, not 415.
        let r = app.empty(Method::POST, uri, &[]).await;
        assert_problem(&r, 401, "unauthorized", None);
        // A wrong key with a bad body: 401, not 400.
        for body in ["", "not json", "{}"] {
            let r = app
                .send_json(
                    Method::POST,
                    uri,
                    &[("authorization", "Bearer wrong")],
                    body,
                )
                .await;
            assert_problem(&r, 401, "unauthorized", None);
        }
        // A store's key: the body is read (and its faults named).
        let r = app
            .send_json(
                Method::POST,
                uri,
                &[("authorization", "Bearer demo-s_sh_jingan")],
                "{}",
            )
            .await;
        assert_problem(&r, 400, "invalid_body", None);
    }
}
