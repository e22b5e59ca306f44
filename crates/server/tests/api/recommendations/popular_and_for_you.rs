//! Popular products over every store and per store, and "for you" with and without the
//! member's consent.

use super::*;
use axum::http::Method;
use storefront_api_types::CONSENT_POLICY_VERSION;
use storefront_server::members::sha256_hex;

const JINGAN: &str = "s_sh_jingan";
const SANLITUN: &str = "s_bj_sanlitun";

/// A view an hour ago at a store.
fn ev<'a>(session: &'a str, product: u32, store: Option<&'a str>) -> Ev<'a> {
    Ev {
        store,
        at: now() - 3600,
        ..Ev::view(session, product)
    }
}

/// A reservation row as the reservations endpoint stores it (only what popularity reads
/// matters here).
async fn reservation(pool: &SqlitePool, code: &str, product: u32, store: &str, at: i64) {
    sqlx::query(
        "INSERT INTO reservations (code, idempotency_key, request_sha256, variant_id, store_id, \
         quantity, name, phone, status, created_at, ready_at, hold_until, updated_at, product_id, \
         product_slug, sku, name_zh, name_en, options_zh, options_en, price, image_position, \
         image_width, image_height, image_alt_zh, image_alt_en) \
         VALUES (?, ?, '', 'v', ?, 1, 'n', '13800000000', 'active', ?, ?, ?, ?, ?, 's', 'k', 'z', 'e', '', '', 100, 0, 1, 1, '', '')",
    )
    .bind(code)
    .bind(code)
    .bind(store)
    .bind(at)
    .bind(at)
    .bind(at + 3600)
    .bind(at)
    .bind(p(product))
    .execute(pool)
    .await
    .unwrap();
}

async fn popular(app: &TestApp, query: &str) -> Vec<(String, RecommendationReason)> {
    let r: Recommendations = app
        .json(&format!("/api/v1/recommendations/popular{query}"))
        .await;
    ids_and_reasons(&r)
}

fn popular_ids(products: &[u32]) -> Vec<(String, RecommendationReason)> {
    products
        .iter()
        .map(|n| (p(*n), RecommendationReason::Popular))
        .collect()
}

#[tokio::test]
async fn popular_products_count_views_and_reservations_of_30_days_per_store() {
    let (app, pool) = settled(20).await;
    let old = now() - 40 * 86_400;
    let mut events = vec![
        ev("v1", 10, Some(JINGAN)),
        ev("v2", 10, Some(JINGAN)),
        ev("v3", 10, Some(JINGAN)),
        ev("v4", 11, Some(JINGAN)),
        ev("v5", 11, Some(SANLITUN)),
        ev("v6", 11, Some(SANLITUN)),
        ev("v7", 12, Some(SANLITUN)),
        ev("v8", 12, None),
        // not views: do not count
        Ev {
            name: "select_item",
            ..ev("v9", 13, Some(JINGAN))
        },
    ];
    // views older than 30 days do not count
    for session in ["o0", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9"] {
        events.push(Ev {
            at: old,
            ..ev(session, 14, Some(JINGAN))
        });
    }
    insert(&pool, &events).await;
    reservation(&pool, "RESERVE001", 10, SANLITUN, now() - 3600).await;
    reservation(&pool, "RESERVE002", 14, SANLITUN, old).await;
    run(&pool, Mode::Incremental).await;

    // every store: 10 (3 views + 1 reservation), 11 (3), 12 (2)
    assert_eq!(popular(&app, "").await, popular_ids(&[10, 11, 12]));
    assert_eq!(popular(&app, "?limit=2").await, popular_ids(&[10, 11]));
    assert_eq!(
        popular(&app, &format!("?store_id={JINGAN}")).await,
        popular_ids(&[10, 11])
    );
    // a tie (10 reserved once, 12 viewed once) goes by id
    assert_eq!(
        popular(&app, &format!("?store_id={SANLITUN}")).await,
        popular_ids(&[11, 10, 12])
    );
    let uri = "/api/v1/recommendations/popular";
    let reply = app.get(uri).await;
    assert_eq!(reply.header("cache-control"), "public, max-age=60");
    let etag = reply.header("etag").to_owned();
    assert_eq!(
        app.get_with(uri, &[("if-none-match", &etag)]).await.status,
        304
    );
}

/// A member with a session written straight to the database; answers the id and cookie.
async fn member(pool: &SqlitePool) -> (i64, String) {
    sqlx::query(
        "INSERT INTO members (member_no, login, terms_accepted_at, created_at) \
         VALUES ('7700000001', '13900000001', 0, 0)",
    )
    .execute(pool)
    .await
    .unwrap();
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM members WHERE login = '13900000001'")
        .fetch_one(pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO member_sessions (id_sha256, member_id, created_at, expires_at) \
         VALUES (?, ?, 0, 4000000000)",
    )
    .bind(sha256_hex("session-rec"))
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    (id, "sf_session=session-rec".to_owned())
}

async fn receipt(pool: &SqlitePool, member: i64, version: u32, analytics: bool, personal: bool) {
    sqlx::query(
        "INSERT INTO consent_receipts (member_id, policy_version, analytics, personalisation, decided_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(member)
    .bind(i64::from(version))
    .bind(analytics)
    .bind(personal)
    .bind(now())
    .execute(pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn for_you_needs_a_session_and_personalisation_consent_of_this_policy() {
    let (app, pool) = settled(20).await;
    visits(&pool, &KNOWN).await;
    run(&pool, Mode::Incremental).await;
    let uri = "/api/v1/me/recommendations";
    assert_problem(&app.get(uri).await, 401, "unauthenticated", None);

    let (id, cookie) = member(&pool).await;
    let me = |query: &str| {
        app.call(Method::GET, format!("{uri}{query}"))
            .cookie(&cookie)
    };
    assert_problem(&me("").await, 403, "consent_required", None);
    receipt(&pool, id, CONSENT_POLICY_VERSION - 1, true, true).await;
    assert_problem(&me("").await, 403, "consent_required", None);
    receipt(&pool, id, CONSENT_POLICY_VERSION, true, false).await;
    assert_problem(&me("").await, 403, "consent_required", None);

    receipt(&pool, id, CONSENT_POLICY_VERSION, true, true).await;
    // without history: popular products (views of the last 30 days: 1, then 2 and 3, 4, 5)
    let r = me("").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    assert_eq!(ids_and_reasons(&r.json()), popular_ids(&[1, 2, 3, 4, 5]));

    // the member viewed 2, then 4 (events naming them by their random reference)
    let (member_ref,): (i64,) =
        sqlx::query_as("INSERT INTO member_insight_refs (member_id) VALUES (?) RETURNING ref")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    let mine = |product, at| Ev {
        member_ref: Some(member_ref),
        at,
        ..Ev::view("visit-m", product)
    };
    insert(&pool, &[mine(2, now() - 300), mine(4, now() - 60)]).await;
    // 1: 0.632 from 4 (weight 1) + 0.516 from 2 (weight 1/2): because of 4;
    // 3: 0.667 from 2 (weight 1/2): because of 2; then popular 5; never 2 or 4
    let because = |n: u32, of: u32| {
        (
            p(n),
            RecommendationReason::BecauseYouViewed {
                product_id: storefront_api_types::ProductId(p(of)),
            },
        )
    };
    let r: Recommendations = me("").json().await;
    assert_eq!(
        ids_and_reasons(&r),
        vec![
            because(1, 4),
            because(3, 2),
            (p(5), RecommendationReason::Popular)
        ]
    );
    let r: Recommendations = me("?limit=1").json().await;
    assert_eq!(ids_and_reasons(&r), vec![because(1, 4)]);
    assert_problem(
        &me("?limit=25").await,
        400,
        "invalid_query",
        Some("#/query/limit"),
    );

    // withdrawn: no more
    receipt(&pool, id, CONSENT_POLICY_VERSION, true, false).await;
    assert_problem(&me("").await, 403, "consent_required", None);
}
