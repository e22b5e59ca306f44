//! The in-store reward: a till earn over a live campaign's amount drops its coupon into the
//! member's wallet once, also under 100 concurrent earns.

use storefront_api_types::{TokenBatch, Wallet};
use storefront_server::tokens::{load_or_create_key, Claims, Kind, TokenKey};

use super::{attributions, member, JINGAN};
use crate::helpers::{spawn_with, Reply, TestApp};

/// `count` member tokens of the member of `cookie`, each usable once now.
async fn scan_tokens(app: &TestApp, cookie: &str, count: u8) -> Vec<String> {
    let pool = app.pool().await;
    let session = cookie.trim_start_matches("sf_session=");
    let (subject,): (i64,) = sqlx::query_as(
        "SELECT m.token_subject FROM members m JOIN member_sessions s ON s.member_id = m.id \
         WHERE s.id_sha256 = ?",
    )
    .bind(storefront_server::digest::sha256_hex(session))
    .fetch_one(&pool)
    .await
    .unwrap();
    let key = TokenKey::new(load_or_create_key(&pool).await.unwrap(), 60);
    let now = chrono::Utc::now().timestamp() as u32;
    let s = (subject as u64).to_be_bytes();
    (0..count)
        .map(|i| {
            key.sign(&Claims {
                kind: Kind::Member,
                subject: subject as u64,
                // Unique per member and token (nonces are used once, whoever's).
                nonce: [i, s[1], s[2], s[3], s[4], s[5], s[6], s[7]],
                valid_from: now - 5,
                valid_until: now + 55,
            })
        })
        .collect()
}

fn earn_body(token: &str, store: &str, receipt: &str, fen: i64) -> String {
    format!(
        r#"{{"scan_token":"{token}","store_id":"{store}","receipt_no":"{receipt}","amount":{{"amount_minor":{fen},"currency":"CNY"}}}}"#
    )
}

async fn earn(app: &TestApp, token: &str, store: &str, receipt: &str, fen: i64) -> Reply {
    app.earn(&earn_body(token, store, receipt, fen))
        .staff(store)
        .key(&format!("key-{receipt}"))
        .await
}

/// The member's AUTUMN50 coupons.
async fn autumn_coupons(app: &TestApp, cookie: &str) -> usize {
    let w: Wallet = app.wallet("").cookie(cookie).json().await;
    w.available
        .iter()
        .filter(|c| c.offer.code == "AUTUMN50")
        .count()
}

#[tokio::test]
async fn an_earn_over_the_amount_rewards_once_per_member() {
    let app = spawn_with(20, None).await;
    let cookie = member(&app, 31).await;
    let t = scan_tokens(&app, &cookie, 6).await;
    // Below ¥200: no reward.
    assert_eq!(earn(&app, &t[0], JINGAN, "R-1", 19_999).await.status, 201);
    assert_eq!(autumn_coupons(&app, &cookie).await, 0);
    // A claim first: the per-member limit does not hold the reward back.
    let r = app
        .claim(r#"{"offer":"AUTUMN50"}"#)
        .cookie(&cookie)
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let r = earn(&app, &t[1], JINGAN, "R-2", 20_000).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(autumn_coupons(&app, &cookie).await, 2);
    // Its retry and a later earn give nothing more.
    let r = app
        .earn(&earn_body(&t[1], JINGAN, "R-2", 20_000))
        .staff(JINGAN)
        .key("key-R-2")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(earn(&app, &t[2], JINGAN, "R-3", 90_000).await.status, 201);
    assert_eq!(autumn_coupons(&app, &cookie).await, 2);
    let rows = attributions(&app).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row.0, "reward");
    assert_eq!(row.2.as_deref(), Some("autumn-edit"));
    assert_eq!((row.4.as_str(), row.7.as_str()), ("in_store", JINGAN));

    // Redeemed at the till: the redemption is attributed as the reward was.
    let r = app
        .coupon_token(format!("wc_{}", row.1))
        .cookie(&cookie)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let batch: TokenBatch = r.json();
    let r = app
        .redeem(&format!(
            r#"{{"coupon_token":"{}","store_id":"s_bj_sanlitun","receipt_no":"R-9"}}"#,
            batch.tokens[0].token
        ))
        .staff("s_bj_sanlitun")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let rows = attributions(&app).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].0, "redemption");
    assert_eq!(rows[1].1, rows[0].1);
    assert_eq!(rows[1].7, JINGAN, "copied from the reward");

    // A campaign limited to other stores rewards nobody here.
    let other = member(&app, 32).await;
    let t = scan_tokens(&app, &other, 2).await;
    sqlx::query(
        "INSERT INTO campaign_stores (campaign_id, store_id) \
         SELECT id, 's_bj_sanlitun' FROM campaigns WHERE slug = 'autumn-edit'",
    )
    .execute(&app.pool().await)
    .await
    .unwrap();
    assert_eq!(earn(&app, &t[0], JINGAN, "R-20", 50_000).await.status, 201);
    assert_eq!(autumn_coupons(&app, &other).await, 0);
    assert_eq!(
        earn(&app, &t[1], "s_bj_sanlitun", "R-21", 50_000)
            .await
            .status,
        201
    );
    assert_eq!(autumn_coupons(&app, &other).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_earns_give_exactly_one_reward() {
    let app = spawn_with(20, None).await;
    let cookie = member(&app, 41).await;
    let pool = app.pool().await;
    let (before,): (i64,) = sqlx::query_as("SELECT remaining FROM offers WHERE code = 'AUTUMN50'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let tokens = scan_tokens(&app, &cookie, 100).await;
    let mut tasks = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let client = app.client.clone();
        tasks.push(tokio::spawn(async move {
            client
                .earn(&earn_body(&token, JINGAN, &format!("RACE-{i}"), 25_000))
                .staff(JINGAN)
                .key(&format!("race-{i}"))
                .await
                .status
                .as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 201);
    }
    assert_eq!(autumn_coupons(&app, &cookie).await, 1);
    let (rewards,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM campaign_rewards")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rewards, 1);
    let (after,): (i64,) = sqlx::query_as("SELECT remaining FROM offers WHERE code = 'AUTUMN50'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(after, before - 1);
    let kinds: Vec<String> = attributions(&app).await.into_iter().map(|r| r.0).collect();
    assert_eq!(kinds, ["reward"]);
}

#[tokio::test]
async fn no_reward_from_a_campaign_that_is_not_live_or_has_no_coupons_left() {
    let app = spawn_with(20, None).await;
    let pool = app.pool().await;
    let cookie = member(&app, 51).await;
    let t = scan_tokens(&app, &cookie, 3).await;
    sqlx::query("UPDATE offers SET remaining = 0 WHERE code = 'AUTUMN50'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(earn(&app, &t[0], JINGAN, "N-1", 50_000).await.status, 201);
    sqlx::query("UPDATE offers SET remaining = 10 WHERE code = 'AUTUMN50'")
        .execute(&pool)
        .await
        .unwrap();
    let now = chrono::Utc::now().timestamp();
    sqlx::query("UPDATE campaigns SET ends_at = ? WHERE slug = 'autumn-edit'")
        .bind(now - 1)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(earn(&app, &t[1], JINGAN, "N-2", 50_000).await.status, 201);
    sqlx::query("UPDATE campaigns SET ends_at = ?, published = 0 WHERE slug = 'autumn-edit'")
        .bind(now + 86_400)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(earn(&app, &t[2], JINGAN, "N-3", 50_000).await.status, 201);
    assert_eq!(autumn_coupons(&app, &cookie).await, 0);
    assert!(attributions(&app).await.is_empty());
    let (rewards,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM campaign_rewards")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rewards, 0);
}
