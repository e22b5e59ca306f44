//! Consent receipts (append-only, per purpose, under the current notice) and what turning a
//! purpose off does to the member's events, at once.

use super::*;
use crate::helpers::{assert_problem, XRW};
use storefront_api_types::ConsentReceipt;

const CONSENT: &str = "/api/v1/me/consent";

async fn choose(
    app: &TestApp,
    cookie: &str,
    analytics: bool,
    personalisation: bool,
) -> ConsentReceipt {
    let r = app
        .call(Method::PUT, CONSENT)
        .json_body(&format!(
            r#"{{"policy_version":1,"analytics":{analytics},"personalisation":{personalisation}}}"#
        ))
        .csrf()
        .cookie(cookie)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    r.json()
}

/// The `member_ref` of each stored event of a visit.
async fn refs(pool: &sqlx::SqlitePool, session: &str) -> Vec<Option<i64>> {
    rows(pool, session)
        .await
        .iter()
        .map(|r| r["member_ref"].as_i64())
        .collect()
}

async fn member_ref(pool: &sqlx::SqlitePool, member: i64) -> Option<i64> {
    sqlx::query_as::<_, (i64,)>("SELECT ref FROM member_insight_refs WHERE member_id = ?")
        .bind(member)
        .fetch_optional(pool)
        .await
        .unwrap()
        .map(|r| r.0)
}

#[tokio::test]
async fn receipts_are_kept_per_purpose_under_the_current_notice() {
    let app = spawn().await;
    let pool = app.pool().await;
    let (id, cookie) = member(&pool, 1).await;
    assert_problem(
        &app.call(Method::GET, CONSENT).await,
        401,
        "unauthenticated",
        None,
    );
    assert_problem(
        &app.call(Method::GET, CONSENT).cookie(&cookie).await,
        404,
        "not_found",
        None,
    );
    let body = r#"{"policy_version":1,"analytics":true,"personalisation":false}"#;
    let r = app
        .call(Method::PUT, CONSENT)
        .json_body(body)
        .cookie(&cookie)
        .await;
    assert_problem(&r, 403, "csrf", None);
    for (bad, pointer) in [
        (
            r#"{"policy_version":2,"analytics":true,"personalisation":true}"#,
            "/policy_version",
        ),
        (
            r#"{"policy_version":0,"analytics":true,"personalisation":true}"#,
            "/policy_version",
        ),
        (
            r#"{"policy_version":1,"analytics":"yes","personalisation":true}"#,
            "/analytics",
        ),
        (
            r#"{"policy_version":1,"analytics":true}"#,
            "/personalisation",
        ),
        (
            r#"{"policy_version":1,"analytics":true,"personalisation":true,"phone":"1"}"#,
            "/phone",
        ),
    ] {
        let r = app
            .call(Method::PUT, CONSENT)
            .json_body(bad)
            .csrf()
            .cookie(&cookie)
            .await;
        assert_problem(&r, 422, "invalid_body", Some(pointer));
    }
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM consent_receipts").await,
        0
    );

    let first = choose(&app, &cookie, true, false).await;
    assert_eq!(
        (
            first.policy_version,
            first.analytics,
            first.personalisation,
            first.withdrew
        ),
        (1, true, false, false)
    );
    assert!((first.decided_at.unix() - now()).abs() < 60);
    let r = app.call(Method::GET, CONSENT).cookie(&cookie).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "private, no-store");
    assert_eq!(r.json::<ConsentReceipt>(), first);
    let off = choose(&app, &cookie, false, false).await;
    assert!(off.withdrew, "analytics was granted");
    // 1.0 is the integer 1
    let r = app
        .call(Method::PUT, CONSENT)
        .json_body(r#"{"policy_version":1.0,"analytics":true,"personalisation":true}"#)
        .header(XRW.0, XRW.1)
        .cookie(&cookie)
        .await;
    let on: ConsentReceipt = r.json();
    assert!(!on.withdrew && on.analytics && on.personalisation);
    assert_eq!(
        app.call(Method::GET, CONSENT)
            .cookie(&cookie)
            .json::<ConsentReceipt>()
            .await,
        on
    );
    // the history is kept: one row per choice
    let history: Vec<(bool, bool)> = sqlx::query_as(
        "SELECT analytics, personalisation FROM consent_receipts WHERE member_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(history, [(true, false), (false, false), (true, true)]);
}

#[tokio::test]
async fn events_name_a_member_only_while_both_purposes_are_granted_under_this_notice() {
    let app = spawn().await;
    let pool = app.pool().await;
    let product = products(&pool).await.remove(0).0;
    let (id, cookie) = member(&pool, 2).await;
    let post = |cookie: &str| {
        let cookie = cookie.to_owned();
        let body = batch(VISIT, vec![view_item(&product)]);
        let app = &app;
        async move { accepted(app, &body, &[("cookie", &cookie)]).await }
    };
    post(&cookie).await; // no receipt
    choose(&app, &cookie, true, false).await;
    post(&cookie).await; // analytics only
    sqlx::query(
        "INSERT INTO consent_receipts (member_id, policy_version, analytics, personalisation, decided_at) VALUES (?, 0, 1, 1, 0)",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(
        storefront_server::consent::current(&mut conn, id)
            .await
            .unwrap(),
        None,
        "a receipt of an older notice is no consent"
    );
    post(&cookie).await; // both, but under an older notice
    post("sf_session=forged").await; // no session: still stored, anonymously
    assert_eq!(member_ref(&pool, id).await, None);
    choose(&app, &cookie, true, true).await;
    let current = storefront_server::consent::current(&mut conn, id)
        .await
        .unwrap();
    assert!(current.is_some_and(|c| c.links_history()));
    post(&cookie).await;
    let r = member_ref(&pool, id).await;
    assert!(r.is_some());
    assert_eq!(refs(&pool, VISIT).await, [None, None, None, None, r]);
}

#[tokio::test]
async fn withdrawing_analytics_deletes_the_members_history_and_their_reference() {
    let app = spawn().await;
    let pool = app.pool().await;
    let product = products(&pool).await.remove(0).0;
    let (id, cookie) = member(&pool, 3).await;
    choose(&app, &cookie, true, true).await;
    let mine = batch(VISIT, vec![view_item(&product), view_item(&product)]);
    accepted(&app, &mine, &[("cookie", &cookie)]).await;
    accepted(&app, &batch(OTHER_VISIT, vec![view_item(&product)]), &[]).await;
    let first = member_ref(&pool, id).await;
    assert!(first.is_some());
    assert_eq!(refs(&pool, VISIT).await, [first, first]);

    let receipt = choose(&app, &cookie, false, false).await;
    assert!(receipt.withdrew);
    assert!(
        rows(&pool, VISIT).await.is_empty(),
        "the member's history is deleted"
    );
    assert_eq!(
        refs(&pool, OTHER_VISIT).await,
        [None],
        "anonymous events stay"
    );
    assert_eq!(member_ref(&pool, id).await, None);
    // events sent anyway name no one
    accepted(&app, &mine, &[("cookie", &cookie)]).await;
    assert_eq!(refs(&pool, VISIT).await, [None, None]);
    // a later grant draws a new reference
    choose(&app, &cookie, true, true).await;
    accepted(
        &app,
        &batch(VISIT, vec![view_item(&product)]),
        &[("cookie", &cookie)],
    )
    .await;
    let second = member_ref(&pool, id).await;
    assert!(second.is_some() && second != first);
    assert_eq!(refs(&pool, VISIT).await, [None, None, second]);
}

#[tokio::test]
async fn withdrawing_personalisation_keeps_the_counts_but_not_the_person() {
    let app = spawn().await;
    let pool = app.pool().await;
    let product = products(&pool).await.remove(0).0;
    let (id, cookie) = member(&pool, 4).await;
    choose(&app, &cookie, true, true).await;
    let mine = batch(VISIT, vec![view_item(&product), view_item(&product)]);
    accepted(&app, &mine, &[("cookie", &cookie)]).await;
    let r = member_ref(&pool, id).await;
    assert_eq!(refs(&pool, VISIT).await, [r, r]);
    let receipt = choose(&app, &cookie, true, false).await;
    assert!(receipt.withdrew);
    assert_eq!(refs(&pool, VISIT).await, [None, None], "kept, unlinked");
    assert_eq!(member_ref(&pool, id).await, None);
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM events WHERE member_ref IS NOT NULL"
        )
        .await,
        0
    );
    accepted(&app, &mine, &[("cookie", &cookie)]).await;
    assert_eq!(refs(&pool, VISIT).await, [None, None, None, None]);
}

#[tokio::test]
async fn deleting_the_account_deletes_the_events_that_name_the_member() {
    let app = spawn().await;
    let pool = app.pool().await;
    let product = products(&pool).await.remove(0).0;
    let (id, cookie) = member(&pool, 5).await;
    choose(&app, &cookie, true, true).await;
    accepted(
        &app,
        &batch(VISIT, vec![view_item(&product)]),
        &[("cookie", &cookie)],
    )
    .await;
    accepted(&app, &batch(OTHER_VISIT, vec![view_item(&product)]), &[]).await;
    let r = app
        .call(Method::DELETE, "/api/v1/me")
        .csrf()
        .cookie(&cookie)
        .await;
    assert_eq!(r.status, 204, "{}", r.text());
    assert!(rows(&pool, VISIT).await.is_empty());
    assert_eq!(rows(&pool, OTHER_VISIT).await.len(), 1);
    assert_eq!(member_ref(&pool, id).await, None);
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM consent_receipts").await,
        0
    );
}
