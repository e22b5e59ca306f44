//! Offers, claims and the wallet, redemptions under concurrency, export and deletion.

use super::*;

#[tokio::test]
async fn offers_claims_wallet_and_applicability() {
    let app = spawn_members(true, 1_000).await;
    let offers: OfferList = app.offers().json().await;
    let spring_before = offers
        .data
        .iter()
        .find(|o| o.code == "SPRING20")
        .unwrap()
        .remaining;
    let codes: Vec<&str> = offers.data.iter().map(|o| o.code.as_str()).collect();
    for c in ["SPRING20", "STORE10", "SHOES50", "FLASH100", "WELCOME5"] {
        assert!(codes.contains(&c), "{codes:?}");
    }
    let one: storefront_api_types::Offer = app.offer("spring20").json().await;
    assert_eq!(one.code, "SPRING20");
    assert_problem(&app.offer("NOPE").await, 404, "not_found", None);
    assert_problem(&app.offer("bad%20code").await, 400, "invalid_path", None);

    let (_, cookie) = sign_in(&app, "new@example.com", true).await;
    let claim = |offer: &str, key: Option<&str>| {
        let call = app
            .claim(&format!(r#"{{"offer":"{offer}"}}"#))
            .csrf()
            .cookie(&cookie);
        match key {
            Some(k) => call.key(k),
            None => call,
        }
    };
    let r = app.claim(r#"{"offer":"SPRING20"}"#).cookie(&cookie).await;
    assert_problem(&r, 403, "csrf", None);
    let r = app.claim(r#"{"offer":"SPRING20"}"#).csrf().await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = claim("spring20", Some("c-1")).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let c: WalletCoupon = r.json();
    assert!(c.code.starts_with("SPRING20-"));
    let r = claim("SPRING20", Some("c-1")).await;
    assert_eq!(r.status, 200, "idempotent retry");
    assert_eq!(r.json::<WalletCoupon>().id, c.id);
    let r = claim("SPRING20", Some("c-2")).await;
    assert_problem(&r, 409, "already_claimed", Some("/offer"));
    let r = claim("NOPE", None).await;
    assert_problem(&r, 404, "not_found", Some("/offer"));
    let r = claim("no good", None).await;
    assert_problem(&r, 400, "invalid_body", Some("/offer"));
    assert_eq!(claim("SHOES50", None).await.status, 201);
    let pool = app.pool().await;
    sqlx::query("UPDATE offers SET valid_from = valid_from + 864000 WHERE code = 'STORE10'")
        .execute(&pool)
        .await
        .unwrap();
    assert_problem(&claim("STORE10", None).await, 409, "offer_inactive", None);
    let left: OfferList = app.offers().json().await;
    let spring = left.data.iter().find(|o| o.code == "SPRING20").unwrap();
    assert_eq!(spring.remaining, spring_before - 1);

    let w: Wallet = get_as(app.wallet(""), &cookie).await;
    assert_eq!(w.available.len(), 2);
    assert!(w
        .available
        .windows(2)
        .all(|p| p[0].expires_at <= p[1].expires_at));
    // Applicability: SHOES50 applies to shoes only, SPRING20 to everything.
    let (shoe,): (String,) = sqlx::query_as(
        "SELECT p.id FROM products p JOIN categories c ON c.id = p.category_id WHERE c.parent_id = 'c_shoes' LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let (other,): (String,) = sqlx::query_as(
        "SELECT p.id FROM products p JOIN categories c ON c.id = p.category_id WHERE COALESCE(c.parent_id, c.id) <> 'c_shoes' LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let a: ApplicableCoupons = get_as(app.applicable(&format!("product={shoe}")), &cookie).await;
    assert_eq!(a.data.len(), 2);
    let a: ApplicableCoupons = get_as(app.applicable(&format!("product={other}")), &cookie).await;
    assert_eq!(a.data.len(), 1);
    let r = app.applicable("product=p_nope").cookie(&cookie).await;
    assert_problem(&r, 404, "not_found", Some("#/query/product"));
    let r = app.applicable("").cookie(&cookie).await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/product"));

    // Export has it all; deleting ends everything.
    let e: MemberExport = get_as(app.export(), &cookie).await;
    assert_eq!(e.login, "new@example.com");
    assert_eq!(e.coupons.len(), 2);
    let r = app.delete_me().cookie(&cookie).await;
    assert_problem(&r, 403, "csrf", None);
    let r = app.delete_me().cookie(&cookie).csrf().await;
    assert_eq!(r.status, 204);
    assert_problem(
        &app.me().cookie(&cookie).await,
        401,
        "unauthenticated",
        None,
    );
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM members WHERE login = 'new@example.com'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn hundred_claims_for_ten_coupons_get_exactly_ten() {
    let app = spawn_members(true, 1_000).await;
    let pool = app.pool().await;
    sqlx::query("UPDATE offers SET remaining = 10 WHERE code = 'FLASH100'")
        .execute(&pool)
        .await
        .unwrap();
    let mut cookies = Vec::new();
    for n in 0..100 {
        cookies.push(direct_member(&pool, n).await);
    }
    let mut tasks = Vec::new();
    for cookie in cookies {
        let client = app.client.clone();
        tasks.push(tokio::spawn(async move {
            let r = client
                .claim(r#"{"offer":"FLASH100"}"#)
                .csrf()
                .cookie(&cookie)
                .await;
            (
                r.status.as_u16(),
                r.json::<serde_json::Value>()["code"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            )
        }));
    }
    let (mut ok, mut sold_out) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            (201, _) => ok += 1,
            (409, code) if code == "sold_out" => sold_out += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((ok, sold_out), (10, 90));
    let (remaining, held): (i64, i64) = sqlx::query_as(
        "SELECT remaining, (SELECT COUNT(*) FROM wallet_coupons WHERE offer_code = 'FLASH100') FROM offers WHERE code = 'FLASH100'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((remaining, held), (0, 10));
}

#[tokio::test]
async fn redeem_once_under_fifty_concurrent_tills() {
    let app = spawn_members(true, 1_000).await;
    let (_, cookie) = sign_in(&app, "13800000004", false).await;
    let r = app
        .claim(r#"{"offer":"WELCOME5"}"#)
        .csrf()
        .cookie(&cookie)
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let coupon: WalletCoupon = r.json();
    let batch: TokenBatch = get_as(app.coupon_token(&coupon.id), &cookie).await;
    // A member token is no coupon token.
    let member_batch = scan_tokens(&app, &cookie).await;
    let r = redeem(&app, &member_batch.tokens[0].token, JINGAN, "X").await;
    assert_problem(&r, 422, "token_invalid", None);
    // 50 tills at once, with the current and the next token: exactly one redeems.
    let mut tasks = Vec::new();
    for i in 0..50 {
        let client = app.client.clone();
        let token = batch.tokens[i % 2].token.clone();
        tasks.push(tokio::spawn(async move {
            let r = redeem(&client, &token, JINGAN, &format!("RR-{i}")).await;
            (
                r.status.as_u16(),
                r.json::<serde_json::Value>()["code"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
                r,
            )
        }));
    }
    let mut ok = Vec::new();
    for t in tasks {
        let (status, code, r) = t.await.unwrap();
        match status {
            200 => ok.push(r.json::<RedeemResult>()),
            409 => assert!(code == "coupon_used" || code == "token_used", "{code}"),
            other => panic!("unexpected {other}: {}", r.text()),
        }
    }
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].member_no, "8800000004");
    assert_eq!(
        ok[0].coupon.status,
        storefront_api_types::CouponStatus::Used
    );
    let now = chrono::Utc::now().timestamp() as u32;
    let fresh = server_key(&app).await.sign(&Claims {
        kind: Kind::Coupon,
        subject: coupon_subject(&app, &coupon.id).await,
        nonce: [6; 8],
        valid_from: now,
        valid_until: now + 60,
    });
    let r = redeem(&app, &fresh, JINGAN, "again").await;
    assert_problem(&r, 409, "coupon_used", Some("/coupon_token"));
    let w: Wallet = get_as(app.wallet(""), &cookie).await;
    assert!(w
        .used
        .iter()
        .any(|c| c.id == coupon.id && c.used_store_id.as_ref().unwrap().as_str() == JINGAN));
    let r = app.coupon_token(&coupon.id).cookie(&cookie).await;
    assert_problem(&r, 409, "coupon_used", None);
    let r = app.coupon_token("nope").cookie(&cookie).await;
    assert_problem(&r, 400, "invalid_path", Some("#/path/id"));
    let r = app.coupon_token("wc_99999").cookie(&cookie).await;
    assert_problem(&r, 404, "not_found", None);

    // Store rules: STORE10 is in store at three stores only.
    let r = app
        .claim(r#"{"offer":"STORE10"}"#)
        .csrf()
        .cookie(&cookie)
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let c: WalletCoupon = r.json();
    let batch: TokenBatch = get_as(app.coupon_token(&c.id), &cookie).await;
    let r = redeem(&app, &batch.tokens[0].token, "s_hz_hubin", "H1").await;
    assert_problem(&r, 409, "coupon_not_valid_here", Some("/store_id"));
    // The field names from before the contract are refused, naming the missing field.
    let r = app
        .redeem(&format!(
            r#"{{"token":"{}","store_id":"s_bj_sanlitun","receipt":"B1"}}"#,
            batch.tokens[0].token
        ))
        .staff("s_bj_sanlitun")
        .await;
    let p = assert_problem(&r, 400, "invalid_body", None);
    assert!(
        p.errors.iter().any(|e| e.message.contains("coupon_token")),
        "{}",
        r.text()
    );
    let r = redeem(&app, &batch.tokens[0].token, "s_bj_sanlitun", "B1").await;
    assert_eq!(r.status, 200, "{}", r.text());

    // `?status=` returns only that group of the wallet, the others empty.
    for offer in ["SPRING20", "SHOES50"] {
        let r = app
            .claim(&format!(r#"{{"offer":"{offer}"}}"#))
            .csrf()
            .cookie(&cookie)
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        if offer == "SHOES50" {
            let c: WalletCoupon = r.json();
            let id: i64 = c.id.trim_start_matches("wc_").parse().unwrap();
            sqlx::query("UPDATE wallet_coupons SET expires_at = ? WHERE id = ?")
                .bind(chrono::Utc::now().timestamp() - 10)
                .bind(id)
                .execute(&app.pool().await)
                .await
                .unwrap();
        }
    }
    let all: Wallet = get_as(app.wallet(""), &cookie).await;
    assert!(!all.available.is_empty() && !all.used.is_empty() && !all.expired.is_empty());
    let none = Wallet {
        available: Vec::new(),
        used: Vec::new(),
        expired: Vec::new(),
    };
    let only: Wallet = get_as(app.wallet("status=available"), &cookie).await;
    assert_eq!(
        only,
        Wallet {
            available: all.available.clone(),
            ..none.clone()
        }
    );
    let only: Wallet = get_as(app.wallet("status=used"), &cookie).await;
    assert_eq!(
        only,
        Wallet {
            used: all.used.clone(),
            ..none.clone()
        }
    );
    let only: Wallet = get_as(app.wallet("status=expired"), &cookie).await;
    assert_eq!(
        only,
        Wallet {
            expired: all.expired.clone(),
            ..none
        }
    );
    for bad in ["bogus", "", "Used", "available,used"] {
        let r = app.wallet(&format!("status={bad}")).cookie(&cookie).await;
        assert_problem(&r, 400, "invalid_query", Some("#/query/status"));
    }
}
