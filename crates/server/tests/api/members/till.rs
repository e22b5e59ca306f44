//! The member QR at the till: earning once per token and receipt, replays, tampering, expiry, the
//! token key and the till's paths.

use super::*;

#[tokio::test]
async fn earn_at_the_till_once_per_token_and_receipt() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "13800000002", false).await; // silver: ×1.2
    let before: Member = get_as(app.me(), &cookie).await;
    let batch = scan_tokens(&app, &cookie).await;
    assert_eq!(batch.member_no, "8800000002");
    assert_eq!(batch.step_seconds, 60);
    let first = &batch.tokens[0];
    let last = batch.tokens.last().unwrap();
    assert!(
        last.valid_until.unix() - batch.issued_at.unix() >= 600,
        "covers 10 minutes"
    );
    assert_eq!(first.token.len(), 56);

    let r = earn(&app, "k1", &first.token, JINGAN, "R-1", 19_900).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let res: EarnResult = r.json();
    assert_eq!(res.tier, Tier::Silver);
    assert_eq!(res.points, 238);
    assert_eq!(res.balance, before.points + 238);
    assert_eq!(res.entry.receipt.as_deref(), Some("R-1"));
    assert!(!res.entry.store_name.as_ref().unwrap().en.is_empty());
    // A retry with the same key and body: the same answer, nothing written twice.
    let r = earn(&app, "k1", &first.token, JINGAN, "R-1", 19_900).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<EarnResult>().entry, res.entry);
    let r = earn(&app, "k1", &first.token, JINGAN, "R-1", 29_900).await;
    assert_problem(&r, 422, "idempotency_conflict", None);
    // The same token again: used.
    let r = earn(&app, "k2", &first.token, JINGAN, "R-2", 1_000).await;
    assert_problem(&r, 409, "token_used", Some("/scan_token"));
    // The same receipt with a fresh token: the receipt earned already.
    let r = earn(&app, "k3", &batch.tokens[1].token, JINGAN, "R-1", 1_000).await;
    assert_problem(&r, 409, "receipt_used", Some("/receipt_no"));
    // ...but the same receipt number at another store is another receipt.
    let r = earn(
        &app,
        "k4",
        &batch.tokens[1].token,
        "s_bj_sanlitun",
        "R-1",
        1_000,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    // A token two steps ahead is not valid yet.
    let r = earn(&app, "k5", &batch.tokens[3].token, JINGAN, "R-5", 1_000).await;
    assert_problem(&r, 422, "token_invalid", Some("/scan_token"));
    // Tampered, forged, expired, or a coupon token.
    let mut bytes = batch.tokens[2].token.clone().into_bytes();
    bytes[20] = if bytes[20] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(bytes).unwrap();
    let r = earn(&app, "k6", &tampered, JINGAN, "R-6", 1_000).await;
    assert_problem(&r, 422, "token_invalid", Some("/scan_token"));
    let now = chrono::Utc::now().timestamp() as u32;
    let member2 = member_subject(&app, "8800000002").await;
    let forged = TokenKey::new([9; 32], 60).sign(&Claims {
        kind: Kind::Member,
        subject: member2,
        nonce: [1; 8],
        valid_from: now,
        valid_until: now + 60,
    });
    let r = earn(&app, "k7", &forged, JINGAN, "R-7", 1_000).await;
    assert_problem(&r, 422, "token_invalid", None);
    let key = server_key(&app).await;
    let old = key.sign(&Claims {
        kind: Kind::Member,
        subject: member2,
        nonce: [2; 8],
        valid_from: now - 300,
        valid_until: now - 240,
    });
    let r = earn(&app, "k8", &old, JINGAN, "R-8", 1_000).await;
    assert_problem(&r, 422, "token_expired", Some("/scan_token"));
    // One step late is still accepted (clock tolerance).
    let late = key.sign(&Claims {
        kind: Kind::Member,
        subject: member2,
        nonce: [3; 8],
        valid_from: now - 90,
        valid_until: now - 30,
    });
    let r = earn(&app, "k9", &late, JINGAN, "R-9", 1_000).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let coupon_token = key.sign(&Claims {
        kind: Kind::Coupon,
        subject: 1,
        nonce: [4; 8],
        valid_from: now,
        valid_until: now + 60,
    });
    let r = earn(&app, "k10", &coupon_token, JINGAN, "R-10", 1_000).await;
    assert_problem(&r, 422, "token_invalid", None);
    // Store and key faults (a known key: an unknown one is refused before the body).
    let r = app.earn(&format!(r#"{{"scan_token":"{}","store_id":"s_nowhere","receipt_no":"R-11","amount":{{"amount_minor":1000,"currency":"CNY"}}}}"#, batch.tokens[2].token)).staff(JINGAN).key("k11")
    .await;
    assert_problem(&r, 404, "unknown_store", Some("/store_id"));
    let r = app.earn(&format!(r#"{{"scan_token":"{}","store_id":"{JINGAN}","receipt_no":"R-12","amount":{{"amount_minor":100,"currency":"CNY"}}}}"#, batch.tokens[2].token)).staff("s_bj_sanlitun").key("k12")
        .await;
    assert_problem(&r, 403, "forbidden", None);
    let r = app.earn(&format!(r#"{{"scan_token":"x","store_id":"{JINGAN}","receipt_no":"R","amount":{{"amount_minor":100,"currency":"CNY"}}}}"#)).key("k13")
        .await;
    assert_problem(&r, 401, "unauthorized", None);
    let r = earn(&app, "k14", &batch.tokens[2].token, JINGAN, "R 14", 1_000).await;
    assert_problem(&r, 400, "invalid_body", Some("/receipt_no"));
    let r = earn(&app, "k15", &batch.tokens[2].token, JINGAN, "R-15", 0).await;
    assert_problem(&r, 400, "invalid_body", Some("/amount/amount_minor"));
    let r = app.earn(&format!(r#"{{"scan_token":"x","store_id":"{JINGAN}","receipt_no":"R","amount":{{"amount_minor":100,"currency":"CNY"}}}}"#)).staff(JINGAN)
        .await;
    assert_problem(&r, 400, "invalid_header", Some("#/header/Idempotency-Key"));
    let r = earn(&app, "k16", "", JINGAN, "R-16", 1_000).await;
    assert_problem(&r, 422, "token_invalid", None);
    // The field names from before the contract are refused, naming the missing field.
    for (body, missing) in [
        (
            r#"{"token":"TOKEN","store_id":"s_sh_jingan","receipt":"R-17","amount":{"amount_minor":100,"currency":"CNY"}}"#,
            "scan_token",
        ),
        (
            r#"{"scan_token":"TOKEN","store_id":"s_sh_jingan","receipt":"R-17","amount":{"amount_minor":100,"currency":"CNY"}}"#,
            "receipt_no",
        ),
    ] {
        let r = app
            .earn(&body.replace("TOKEN", &batch.tokens[2].token))
            .staff(JINGAN)
            .key("k17")
            .await;
        let p = assert_problem(&r, 400, "invalid_body", None);
        assert!(
            p.errors.iter().any(|e| e.message.contains(missing)),
            "{missing}: {}",
            r.text()
        );
    }

    // Verify without using: fine twice, then refused once used.
    let check = |t: &str| {
        app.check_token(&format!(r#"{{"token":"{t}","store_id":"{JINGAN}"}}"#))
            .staff(JINGAN)
    };
    let t2 = key.sign(&Claims {
        kind: Kind::Member,
        subject: member2,
        nonce: [5; 8],
        valid_from: now,
        valid_until: now + 60,
    });
    for _ in 0..2 {
        let r = check(&t2).await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let r = check(&first.token).await;
    assert_problem(&r, 409, "token_used", None);

    let after: Member = get_as(app.me(), &cookie).await;
    assert_eq!(after.points, before.points + 238 + 12 + 12);
    let page: Page<LedgerEntry> = get_as(app.transactions("limit=3"), &cookie).await;
    assert_eq!(page.data[0].receipt.as_deref(), Some("R-9"));
    assert_eq!(page.data[2].store_id.as_ref().unwrap().as_str(), JINGAN);
}

#[tokio::test]
async fn concurrent_replays_of_one_token_earn_once() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "13800000001", false).await;
    let batch = scan_tokens(&app, &cookie).await;
    let token = batch.tokens[0].token.clone();
    let mut tasks = Vec::new();
    for i in 0..50 {
        let client = app.client.clone();
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .earn(&format!(r#"{{"scan_token":"{token}","store_id":"{JINGAN}","receipt_no":"RACE-{i}","amount":{{"amount_minor":10000,"currency":"CNY"}}}}"#))
                .staff(JINGAN)
                .key(&format!("race-{i}"))
                .await
            .status
            .as_u16()
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            201 => ok += 1,
            409 => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ok, 1);
}

#[tokio::test]
async fn token_key_persists_and_openapi_lists_the_endpoints() {
    let app = spawn_members(false, 30).await;
    let pool = app.pool().await;
    let a = storefront_server::tokens::load_or_create_key(&pool)
        .await
        .unwrap();
    let b = storefront_server::tokens::load_or_create_key(&pool)
        .await
        .unwrap();
    assert_eq!(a, b);
    let doc: serde_json::Value = app.openapi().json().await;
    let paths = doc["paths"].as_object().unwrap();
    for (p, method) in [
        ("/api/v1/auth/code", "post"),
        ("/api/v1/auth/verify", "post"),
        ("/api/v1/auth/sign-out", "post"),
        ("/api/v1/demo/last-code", "get"),
        ("/api/v1/me", "get"),
        ("/api/v1/me/loyalty", "get"),
        ("/api/v1/me/loyalty/transactions", "get"),
        ("/api/v1/me/loyalty/scan-tokens", "post"),
        ("/api/v1/me/export", "get"),
        ("/api/v1/coupons", "get"),
        ("/api/v1/coupons/{code}", "get"),
        ("/api/v1/me/wallet/coupons", "get"),
        ("/api/v1/me/wallet/coupons", "post"),
        ("/api/v1/me/wallet/coupons/{id}/token", "get"),
        ("/api/v1/me/wallet/coupons/applicable", "get"),
        ("/api/v1/pos/loyalty/earn", "post"),
        ("/api/v1/pos/loyalty/verify", "post"),
        ("/api/v1/pos/coupons/redeem", "post"),
    ] {
        assert!(
            paths.get(p).and_then(|o| o.get(method)).is_some(),
            "missing {method} {p}"
        );
    }
    assert!(paths["/api/v1/me/loyalty/scan-tokens"].get("get").is_none());
    let wallet_params = paths["/api/v1/me/wallet/coupons"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert!(wallet_params
        .iter()
        .any(|p| p["name"] == "status" && p["in"] == "query"));
    let schemas = &doc["components"]["schemas"];
    for (schema, field) in [
        ("EarnRequest", "scan_token"),
        ("EarnRequest", "receipt_no"),
        ("RedeemRequest", "coupon_token"),
        ("RedeemRequest", "receipt_no"),
    ] {
        assert!(
            schemas[schema]["properties"].get(field).is_some(),
            "{schema}.{field}"
        );
        assert!(
            schemas[schema]["required"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == field),
            "{schema}.{field} required"
        );
    }
    // The old paths are gone from the document and the router.
    for old in [
        "/api/v1/offers",
        "/api/v1/offers/{code}",
        "/api/v1/me/ledger",
        "/api/v1/me/tokens",
        "/api/v1/me/coupons",
        "/api/v1/me/coupons/{id}/token",
        "/api/v1/me/coupons/applicable",
        "/api/v1/pos/earn",
        "/api/v1/pos/verify",
        "/api/v1/pos/redeem",
    ] {
        assert!(!paths.contains_key(old), "still documented: {old}");
    }
    for (method, old) in [
        (Method::GET, "/api/v1/offers"),
        (Method::GET, "/api/v1/offers/SPRING20"),
        (Method::GET, "/api/v1/me/ledger"),
        (Method::GET, "/api/v1/me/tokens"),
        (Method::GET, "/api/v1/me/coupons"),
        (Method::POST, "/api/v1/pos/earn"),
        (Method::POST, "/api/v1/pos/verify"),
        (Method::POST, "/api/v1/pos/redeem"),
    ] {
        let r = app.empty(method.clone(), old, &[XRW]).await;
        assert_problem(&r, 404, "not_found", None);
    }
    // Wrong methods: 405 with the methods the path allows.
    for (method, path, allow) in [
        (Method::GET, "/api/v1/pos/loyalty/earn", "POST"),
        (Method::GET, "/api/v1/pos/loyalty/verify", "POST"),
        (Method::GET, "/api/v1/pos/coupons/redeem", "POST"),
        (Method::GET, "/api/v1/me/loyalty/scan-tokens", "POST"),
        (
            Method::DELETE,
            "/api/v1/me/wallet/coupons",
            "GET, HEAD, POST",
        ),
        (Method::POST, "/api/v1/me/loyalty", "GET, HEAD"),
        (Method::POST, "/api/v1/me/loyalty/transactions", "GET, HEAD"),
        (Method::POST, "/api/v1/coupons", "GET, HEAD"),
    ] {
        let r = app.empty(method.clone(), path, &[XRW]).await;
        assert_problem(&r, 405, "method_not_allowed", None);
        assert_eq!(r.header("allow"), allow, "{method} {path}");
    }
}

/// Property: whatever the order and repetition of uses, each token is accepted exactly
/// once (its first use), through the same `used_nonces` step the till endpoints take.
#[test]
fn a_token_is_accepted_once_whatever_the_order() {
    use proptest::prelude::*;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("nonces.db").display());
    let pool = rt.block_on(storefront_server::db::connect(&url)).unwrap();
    let key = TokenKey::new([1; 32], 60);
    let mut runner =
        proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(64));
    runner
        .run(
            &(prop::collection::vec(0usize..6, 1..30), any::<u64>()),
            |(uses, salt)| {
                let now = chrono::Utc::now().timestamp();
                rt.block_on(sqlx::query("DELETE FROM used_nonces").execute(&pool))
                    .unwrap();
                let tokens: Vec<String> = (0..6u64)
                    .map(|i| {
                        key.sign(&Claims {
                            kind: Kind::Member,
                            subject: 1,
                            nonce: salt.wrapping_add(i).to_be_bytes(),
                            valid_from: now as u32,
                            valid_until: now as u32 + 60,
                        })
                    })
                    .collect();
                let mut seen = std::collections::HashSet::new();
                for &u in &uses {
                    let accepted = rt.block_on(async {
                        let c = key.verify(&tokens[u], Kind::Member, now).unwrap();
                        let mut tx = pool.begin().await.unwrap();
                        let ok = storefront_server::tokens::use_nonce(&mut tx, &c, now, now + 120)
                            .await
                            .unwrap();
                        tx.commit().await.unwrap();
                        ok
                    });
                    prop_assert_eq!(accepted, seen.insert(u));
                }
                Ok(())
            },
        )
        .unwrap();
}
