//! Who sees which store: a marketing session every store; a store's staff signed in with
//! their staff key their own store only, and no other route of the workspace; revoking
//! the staff key ends its sessions at once.

use super::*;
use crate::helpers::assert_problem;
use crate::helpers::marketing::set_cookie_pair;
use storefront_api_types::{FunnelReport, MarketingSession, StoreId, TourReport};

const REPORTS: [&str; 5] = ["funnel", "stockouts", "coupons", "tour", "search"];

async fn staff_session(app: &TestApp, key: &str) -> (MarketingSession, String) {
    let r = app
        .marketing_sign_in(&json!({ "key": key }).to_string())
        .csrf()
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    (r.json(), set_cookie_pair(&r))
}

#[tokio::test]
async fn store_staff_see_their_store_and_marketing_sees_every_store() {
    let s = script().await;
    let app = &s.app;
    let (session, staff) = staff_session(app, &format!("demo-{JINGAN}")).await;
    assert_eq!(session.store_id, Some(StoreId(JINGAN.to_owned())));
    assert_eq!(session.label, "demo");
    let again: MarketingSession = app.marketing_session().cookie(&staff).json().await;
    assert_eq!(again, session);
    let mine: MarketingSession = app.marketing_session().cookie(&s.marketer).json().await;
    assert_eq!(mine.store_id, None);

    for name in REPORTS {
        // Without `store_id` the staff get their store; asking for it is the same answer.
        let own = report(app, &staff, name, "").await;
        assert_eq!(own.status, 200, "{name}: {}", own.text());
        let v: serde_json::Value = own.json();
        assert_eq!(v["scope"]["store_id"], JINGAN, "{name}");
        let asked = report(app, &staff, name, &format!("store_id={JINGAN}")).await;
        assert_eq!(asked.body, own.body, "{name}");
        let other = report(app, &staff, name, &format!("store_id={SANLITUN}")).await;
        assert_problem(&other, 403, "forbidden", Some("#/query/store_id"));
        let csv = report(
            app,
            &staff,
            name,
            &format!("store_id={SANLITUN}&format=csv"),
        )
        .await;
        assert_problem(&csv, 403, "forbidden", Some("#/query/store_id"));
        // Marketing: every store without `store_id`, any one with it.
        let all = report(app, &s.marketer, name, "").await;
        let v: serde_json::Value = all.json();
        assert_eq!(v["scope"]["store_id"], serde_json::Value::Null, "{name}");
        let theirs = report(app, &s.marketer, name, &format!("store_id={JINGAN}")).await;
        assert_eq!(theirs.body, own.body, "{name}");
        // Nobody signed in: nothing.
        assert_problem(
            &report(app, "", name, "").await,
            401,
            "unauthenticated",
            None,
        );
        let member = report(app, "sf_session=forged; sf_marketing=forged", name, "").await;
        assert_problem(&member, 401, "unauthenticated", None);
    }
    let funnel: FunnelReport = figures(app, &staff, "funnel", "").await;
    assert!(funnel
        .rows
        .iter()
        .all(|r| r.store_id.as_ref().map(|s| s.as_str()) == Some(JINGAN)));
    assert_eq!(funnel.totals.reservations, 3);
    let tour: TourReport = figures(app, &staff, "tour", "").await;
    assert_eq!(tour.guide_bookings, 2);
}

#[tokio::test]
async fn a_staff_session_opens_nothing_else_of_the_workspace() {
    let app = spawn_with(40, None).await;
    let (_, staff) = staff_session(&app, &format!("demo-{SANLITUN}")).await;
    let marketer = app.marketer().await;
    let campaign = app.marketing_campaigns().cookie(&marketer).await;
    assert_eq!(campaign.status, 200);
    let body = json!({
        "slug": "staff-try", "title": {"zh-CN": "试", "en": "Try"},
        "copy": {"zh-CN": "试", "en": "Try"}, "hero_theme": "autumn",
        "hero_alt": {"zh-CN": "试", "en": "Try"}, "product_ids": ["p_000001"],
        "starts_at": "2026-01-01T00:00:00Z", "ends_at": "2026-02-01T00:00:00Z",
        "store_ids": [], "allowed_origins": [], "published": false
    })
    .to_string();
    let refused = [
        app.marketing_campaigns().cookie(&staff).await,
        app.create_campaign(&body).cookie(&staff).csrf().await,
        app.marketing_campaign("autumn-edit").cookie(&staff).await,
        app.update_campaign("autumn-edit", &body)
            .cookie(&staff)
            .csrf()
            .await,
        app.campaign_preview("autumn-edit").cookie(&staff).await,
        app.campaign_results("autumn-edit", "").cookie(&staff).await,
        app.campaign_results("autumn-edit", "format=csv")
            .cookie(&staff)
            .await,
    ];
    for r in &refused {
        assert_problem(r, 403, "forbidden", None);
    }
    // Signing out ends the staff session like a marketer's.
    let r = app.marketing_sign_out().cookie(&staff).csrf().await;
    assert_eq!(r.status, 204);
    let r = app.marketing_session().cookie(&staff).await;
    assert_problem(&r, 401, "unauthenticated", None);
}

#[tokio::test]
async fn revoking_a_staff_key_ends_its_sessions_at_once() {
    let app = spawn_with(10, None).await;
    let pool = app.pool().await;
    let (id, key) = storefront_server::keys::create(&pool, JINGAN, "Mei, store manager")
        .await
        .unwrap();
    let (session, cookie) = staff_session(&app, &key).await;
    assert_eq!(session.label, "Mei, store manager");
    assert_eq!(session.store_id, Some(StoreId(JINGAN.to_owned())));
    assert_eq!(report(&app, &cookie, "funnel", "").await.status, 200);
    assert!(storefront_server::keys::revoke(&pool, id).await.unwrap());
    assert_problem(
        &report(&app, &cookie, "funnel", "").await,
        401,
        "unauthenticated",
        None,
    );
    let r = app.marketing_session().cookie(&cookie).await;
    assert_problem(&r, 401, "unauthenticated", None);
    let r = app
        .marketing_sign_in(&json!({ "key": key }).to_string())
        .csrf()
        .await;
    assert_problem(&r, 401, "unauthorized", Some("/key"));
    // The same sign-in limit as marketing keys: wrong staff keys count per client address.
    for i in 0..9 {
        let r = app
            .marketing_sign_in(&json!({ "key": format!("sk_guess{i}") }).to_string())
            .csrf()
            .await;
        assert_problem(&r, 401, "unauthorized", Some("/key"));
    }
    let r = app
        .marketing_sign_in(&json!({ "key": format!("demo-{JINGAN}") }).to_string())
        .csrf()
        .await;
    assert_problem(&r, 429, "rate_limited", Some("/key"));
}
