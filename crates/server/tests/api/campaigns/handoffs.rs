//! Claim hand-offs: pending, claimed once (in the claim's transaction), expired.

use storefront_api_types::{Handoff, HandoffState, WalletCoupon};

use super::{attributions, member, wallet_id};
use crate::helpers::{assert_problem, spawn_with, TestApp};

async fn new_handoff(app: &TestApp, body: Option<&str>) -> Handoff {
    let r = app.create_handoff("autumn-edit", body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("cache-control"), "no-store");
    assert!(r.headers.get("set-cookie").is_none());
    r.json()
}

async fn state_of(app: &TestApp, token: &str) -> HandoffState {
    let r = app.handoff(token).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "no-store");
    r.json::<Handoff>().state
}

fn claim_body(offer: &str, token: &str) -> String {
    format!(r#"{{"offer":"{offer}","handoff":"{token}","attribution":{{"utm_source":"ignored"}}}}"#)
}

#[tokio::test]
async fn a_handoff_is_claimed_once_with_its_attribution() {
    let app = spawn_with(20, None).await;
    let h = new_handoff(
        &app,
        Some(r#"{"attribution":{"utm_source":"partner-blog","utm_medium":"embed","embed_origin":"http://localhost:8090","campaign":"summer-sale"}}"#),
    )
    .await;
    assert!(
        h.token.starts_with("ho_") && h.token.len() == 46,
        "{}",
        h.token
    );
    assert_eq!(h.campaign, "autumn-edit");
    assert_eq!(h.state, HandoffState::Pending);
    let left = h.expires_at.unix() - chrono::Utc::now().timestamp();
    assert!((890..=900).contains(&left), "{left}");
    assert_eq!(state_of(&app, &h.token).await, HandoffState::Pending);
    // Only the token's SHA-256 is stored.
    let (stored,): (String,) = sqlx::query_as("SELECT token_sha256 FROM claim_handoffs")
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
    assert_eq!(stored, storefront_server::digest::sha256_hex(&h.token));

    let shopper = member(&app, 11).await;
    let r = app
        .claim(&claim_body("autumn50", &h.token))
        .cookie(&shopper)
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let coupon: WalletCoupon = r.json();
    assert_eq!(state_of(&app, &h.token).await, HandoffState::Claimed);
    let rows = attributions(&app).await;
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (row.0.as_str(), row.1.clone()),
        ("claim", wallet_id(&coupon.id))
    );
    assert_eq!(
        row.2.as_deref(),
        Some("autumn-edit"),
        "the hand-off's campaign"
    );
    assert_eq!(
        (row.3.as_str(), row.4.as_str(), row.6.as_str()),
        ("partner-blog", "embed", "http://localhost:8090")
    );
    // Used: refused for anyone, and nothing more is claimed.
    let other = member(&app, 12).await;
    let r = app
        .claim(&claim_body("AUTUMN50", &h.token))
        .cookie(&other)
        .csrf()
        .await;
    assert_problem(&r, 409, "token_used", Some("/handoff"));
    let (coupons,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM wallet_coupons WHERE offer_code = 'AUTUMN50'")
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
    assert_eq!(coupons, 1);
}

#[tokio::test]
async fn expired_unknown_and_mismatched_handoffs_are_refused() {
    let app = spawn_with(20, None).await;
    let shopper = member(&app, 21).await;
    let claim = |body: String| {
        let shopper = shopper.clone();
        let app = &app;
        async move { app.claim(&body).cookie(&shopper).csrf().await }
    };
    let h = new_handoff(&app, None).await;
    sqlx::query("UPDATE claim_handoffs SET expires_at = expires_at - 901")
        .execute(&app.pool().await)
        .await
        .unwrap();
    assert_eq!(state_of(&app, &h.token).await, HandoffState::Expired);
    let r = claim(claim_body("AUTUMN50", &h.token)).await;
    assert_problem(&r, 422, "token_expired", Some("/handoff"));

    let h = new_handoff(&app, Some("{}")).await;
    let r = claim(claim_body("SPRING20", &h.token)).await;
    assert_problem(&r, 422, "token_invalid", Some("/handoff"));
    let unknown = format!("ho_{}", "A".repeat(43));
    let r = claim(claim_body("AUTUMN50", &unknown)).await;
    assert_problem(&r, 422, "token_invalid", Some("/handoff"));
    let r = claim(claim_body("AUTUMN50", "ho_short")).await;
    assert_problem(&r, 400, "invalid_body", Some("/handoff"));
    assert!(attributions(&app).await.is_empty());
    assert_eq!(state_of(&app, &h.token).await, HandoffState::Pending);

    assert_problem(&app.handoff(&unknown).await, 404, "not_found", None);
    assert_problem(
        &app.handoff("ho_short").await,
        400,
        "invalid_path",
        Some("#/path/token"),
    );
    assert_problem(
        &app.create_handoff("winter-preview", None).await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &app.create_handoff("summer-sale", None).await,
        410,
        "campaign_ended",
        None,
    );
    assert_problem(
        &app.create_handoff("BAD", None).await,
        400,
        "invalid_path",
        Some("#/path/slug"),
    );
    sqlx::query(
        "UPDATE campaigns SET offer_code = NULL, reward_min_spend = NULL WHERE slug = 'autumn-edit'",
    )
    .execute(&app.pool().await)
    .await
    .unwrap();
    assert_problem(
        &app.create_handoff("autumn-edit", None).await,
        409,
        "offer_inactive",
        None,
    );
}
