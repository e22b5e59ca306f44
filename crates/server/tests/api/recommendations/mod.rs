//! Recommendations on a small known data set: events written into `events` as the ingest
//! stores them, the job run, and the lists as a client reads them. "Also viewed" in the
//! order of the normalised score with its reasons; an incremental run equals a full
//! rebuild; a visit spanning two runs counts once; popular products over every store and
//! per store; "for you" only with personalisation consent of the current policy version.

mod popular_and_for_you;

use crate::helpers::*;
use sqlx::SqlitePool;
use storefront_api_types::{RecommendationReason, Recommendations};
use storefront_server::recommend::{run_now, Mode};

fn p(n: u32) -> String {
    format!("p_{n:06}")
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The China Standard Time day of a Unix time, as the events' `day`.
fn day_of(at: i64) -> String {
    chrono::DateTime::from_timestamp(at + 8 * 3600, 0)
        .unwrap()
        .format("%Y-%m-%d")
        .to_string()
}

/// One stored event, as the ingest writes it.
struct Ev<'a> {
    name: &'a str,
    session: &'a str,
    product: u32,
    store: Option<&'a str>,
    member_ref: Option<i64>,
    at: i64,
}

impl<'a> Ev<'a> {
    fn view(session: &'a str, product: u32) -> Self {
        Ev {
            name: "view_item",
            session,
            product,
            store: None,
            member_ref: None,
            at: now() - 600,
        }
    }
}

async fn insert(pool: &SqlitePool, events: &[Ev<'_>]) {
    for e in events {
        sqlx::query(
            "INSERT INTO events (name, at, day, received_at, session_id, channel, member_ref, \
             store_id, product_id, items) VALUES (?, ?, ?, ?, ?, 'phone', ?, ?, ?, 1)",
        )
        .bind(e.name)
        .bind(e.at)
        .bind(day_of(e.at))
        .bind(e.at)
        .bind(e.session)
        .bind(e.member_ref)
        .bind(e.store)
        .bind(p(e.product))
        .execute(pool)
        .await
        .unwrap();
    }
}

/// Visits `(session, products viewed in order)`, as `view_item` events.
async fn visits(pool: &SqlitePool, visits: &[(&str, &[u32])]) {
    let events: Vec<Ev> = visits
        .iter()
        .flat_map(|(s, products)| products.iter().map(|n| Ev::view(s, *n)))
        .collect();
    insert(pool, &events).await;
}

/// The six visits of the known data set. Seen: 1 in five visits, 2 and 3 in three, 4 in
/// two, 5 in one. Together: 1-2, 1-3, 1-4, 2-3 in two visits; 1-5 and 3-4 in one (too few
/// to show).
const KNOWN: [(&str, &[u32]); 6] = [
    ("visit-a", &[1, 2, 3]),
    ("visit-b", &[1, 2, 1]),
    ("visit-c", &[1, 3, 4]),
    ("visit-d", &[2, 3]),
    ("visit-e", &[4, 1]),
    ("visit-f", &[5, 1]),
];

/// An app with `products` products, once the job's first run (at start, on no events)
/// is over: the next comes minutes later, so the test's own runs count its events.
async fn settled(products: u32) -> (TestApp, SqlitePool) {
    let app = spawn_with(products, None).await;
    let pool = app.pool().await;
    for _ in 0..600 {
        let (runs,): (i64,) = sqlx::query_as("SELECT runs FROM recommend_cursor")
            .fetch_one(&pool)
            .await
            .unwrap();
        if runs > 0 {
            return (app, pool);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the job's first run did not end");
}

async fn run(pool: &SqlitePool, mode: Mode) -> storefront_server::recommend::RunReport {
    run_now(pool, mode).await.unwrap()
}

fn ids_and_reasons(r: &Recommendations) -> Vec<(String, RecommendationReason)> {
    r.data
        .iter()
        .map(|x| (x.product.id.to_string(), x.reason.clone()))
        .collect()
}

fn also(of: u32, products: &[u32]) -> Vec<(String, RecommendationReason)> {
    products
        .iter()
        .map(|n| {
            let reason = RecommendationReason::AlsoViewed {
                product_id: storefront_api_types::ProductId(p(of)),
            };
            (p(*n), reason)
        })
        .collect()
}

async fn also_viewed(app: &TestApp, product: &str, query: &str) -> Recommendations {
    app.json(&format!("/api/v1/products/{product}/also-viewed{query}"))
        .await
}

#[tokio::test]
async fn also_viewed_lists_the_best_normalised_neighbours_with_their_reason() {
    let (app, pool) = settled(20).await;
    visits(&pool, &KNOWN).await;
    run(&pool, Mode::Incremental).await;

    // 1: 4 = 2/sqrt(5*2) before 2 and 3 = 2/sqrt(5*3) (a tie, by id); 5 only once with it
    let r = also_viewed(&app, &p(1), "").await;
    assert_eq!(ids_and_reasons(&r), also(1, &[4, 2, 3]));
    // 2: 3 = 2/sqrt(3*3) before the more popular 1 = 2/sqrt(3*5)
    assert_eq!(
        ids_and_reasons(&also_viewed(&app, &p(2), "").await),
        also(2, &[3, 1])
    );
    assert_eq!(
        ids_and_reasons(&also_viewed(&app, &p(1), "?limit=1").await),
        also(1, &[4])
    );
    assert!(also_viewed(&app, &p(5), "").await.data.is_empty());
    // by slug, the same list; cards as the listings show them
    let card = &r.data[0].product;
    assert_eq!(card.id.to_string(), p(4));
    assert!(!card.image.url.is_empty() && card.price.amount_minor > 0);
    assert_eq!(
        ids_and_reasons(&also_viewed(&app, &p(4), "").await),
        also(4, &[1])
    );
    let by_slug = also_viewed(&app, &card.slug, "").await;
    assert_eq!(ids_and_reasons(&by_slug), also(4, &[1]));

    // a public, cached answer with an ETag
    let reply = app
        .get(&format!("/api/v1/products/{}/also-viewed", p(1)))
        .await;
    assert_eq!(reply.header("cache-control"), "public, max-age=60");
    let etag = reply.header("etag").to_owned();
    let cached = app
        .get_with(
            &format!("/api/v1/products/{}/also-viewed", p(1)),
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(cached.status, 304);

    // a product that left the catalogue is left out of the lists
    sqlx::query("DELETE FROM campaign_products WHERE product_id = ?")
        .bind(p(4))
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM products WHERE id = ?")
        .bind(p(4))
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        ids_and_reasons(&also_viewed(&app, &p(1), "").await),
        also(1, &[2, 3])
    );
}

#[tokio::test]
async fn unknown_products_and_bad_limits_are_refused() {
    let app = spawn_with(5, None).await;
    let r = app.get("/api/v1/products/p_999999/also-viewed").await;
    assert_problem(&r, 404, "not_found", None);
    for bad in ["0", "25", "x", "", "1.5"] {
        for uri in [
            format!("/api/v1/products/{}/also-viewed?limit={bad}", p(1)),
            format!("/api/v1/recommendations/popular?limit={bad}"),
        ] {
            assert_problem(
                &app.get(&uri).await,
                400,
                "invalid_query",
                Some("#/query/limit"),
            );
        }
    }
    let r = app.get("/api/v1/recommendations/popular?store_id=").await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/store_id"));
    let r = app
        .get("/api/v1/recommendations/popular?store_id=s_nowhere")
        .await;
    assert_problem(&r, 404, "not_found", Some("#/query/store_id"));
}

/// Every count and list the job keeps, to compare two builds.
async fn state_of(pool: &SqlitePool) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    let items: Vec<(String, i64)> = sqlx::query_as(
        "SELECT product_id, visits FROM recommend_items WHERE visits > 0 ORDER BY product_id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.extend(items.iter().map(|(p, v)| format!("seen {p} {v}")));
    let pairs: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT x.product_id, y.product_id, r.visits FROM recommend_pairs r \
         JOIN recommend_items x ON x.item = r.a JOIN recommend_items y ON y.item = r.b",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut pairs: Vec<String> = pairs
        .iter()
        .map(|(a, b, v)| {
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            format!("pair {a} {b} {v}")
        })
        .collect();
    pairs.sort();
    rows.extend(pairs);
    let lists: Vec<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT product_id, rank, other_id, visits FROM recommend_neighbours \
         ORDER BY product_id, rank",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.extend(
        lists
            .iter()
            .map(|(p, r, o, v)| format!("list {p} {r} {o} {v}")),
    );
    rows
}

#[tokio::test]
async fn incremental_runs_equal_a_full_rebuild_and_a_visit_over_two_runs_counts_once() {
    let (app, pool) = settled(20).await;
    // first run: half of each visit, and visit-g's 6
    visits(
        &pool,
        &[("visit-a", &[1, 2]), ("visit-c", &[1]), ("visit-g", &[6])],
    )
    .await;
    let first = run(&pool, Mode::Incremental).await;
    assert_eq!((first.mode, first.events), (Mode::Incremental, 4));
    // second run: the rest, visit-g again (7, and 6 a second time) and visit-h
    visits(&pool, &[("visit-a", &[3]), ("visit-c", &[3, 4])]).await;
    visits(&pool, &KNOWN[1..2]).await;
    visits(&pool, &KNOWN[3..]).await;
    visits(&pool, &[("visit-g", &[7, 6]), ("visit-h", &[6, 7])]).await;
    let second = run(&pool, Mode::Incremental).await;
    assert_eq!((second.mode, second.events), (Mode::Incremental, 16));
    let incremental = state_of(&pool).await;
    let answer = also_viewed(&app, &p(1), "").await;

    // 6 and 7: two visits each, seen together in two (visit-g counts once, not again)
    for line in [
        "seen p_000006 2",
        "seen p_000007 2",
        "pair p_000006 p_000007 2",
    ] {
        assert!(
            incremental.iter().any(|l| l == line),
            "{line}: {incremental:#?}"
        );
    }
    assert_eq!(
        ids_and_reasons(&also_viewed(&app, &p(6), "").await),
        also(6, &[7])
    );

    let full = run(&pool, Mode::Full).await;
    assert_eq!((full.mode, full.events), (Mode::Full, 20));
    assert_eq!(state_of(&pool).await, incremental);
    assert_eq!(also_viewed(&app, &p(1), "").await, answer);
    assert_eq!(ids_and_reasons(&answer), also(1, &[4, 2, 3]));
}

#[tokio::test]
async fn many_runs_over_random_visits_give_what_a_full_rebuild_gives() {
    let (_app, pool) = settled(40).await;
    // 400 visits over 40 products, popular ones more often (the smaller of two draws), in
    // six runs; a visit goes on in a later run one time in three
    let mut seed: u64 = 42;
    let mut draw = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let mut sessions: Vec<String> = Vec::new();
    for _ in 0..6 {
        let mut events = Vec::new();
        for _ in 0..70 {
            let session = if !sessions.is_empty() && draw(3) == 0 {
                sessions[draw(sessions.len() as u64) as usize].clone()
            } else {
                sessions.push(format!("visit-{:03}", sessions.len()));
                sessions[sessions.len() - 1].clone()
            };
            for _ in 0..(2 + draw(6)) {
                let product = 1 + draw(40).min(draw(40)) as u32;
                events.push((session.clone(), product));
            }
        }
        let events: Vec<Ev> = events.iter().map(|(s, n)| Ev::view(s, *n)).collect();
        insert(&pool, &events).await;
        assert_eq!(run(&pool, Mode::Incremental).await.mode, Mode::Incremental);
    }
    let incremental = state_of(&pool).await;
    let full_lists = incremental
        .iter()
        .filter(|l| l.starts_with("list ") && l.split(' ').nth(2) == Some("23"))
        .count();
    assert!(full_lists > 5, "some lists are full: {incremental:#?}");
    run(&pool, Mode::Full).await;
    assert_eq!(state_of(&pool).await, incremental);
}

#[tokio::test]
async fn an_event_that_reuses_a_deleted_events_id_is_still_counted() {
    let (app, pool) = settled(20).await;
    visits(
        &pool,
        &[("visit-a", &[8, 9]), ("visit-b", &[8]), ("visit-c", &[5])],
    )
    .await;
    run(&pool, Mode::Incremental).await;
    // the newest event (visit-c's) goes, a withdrawal, and the next one takes its id
    let (last,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM events")
        .fetch_one(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM events WHERE id = ?")
        .bind(last)
        .execute(&pool)
        .await
        .unwrap();
    let mut late = Ev::view("visit-b", 9);
    late.at = now() + 2;
    insert(&pool, &[late]).await;
    let (again,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM events")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(again, last, "SQLite reused the id");
    let report = run(&pool, Mode::Incremental).await;
    assert_eq!(report.events, 1);
    assert_eq!(
        ids_and_reasons(&also_viewed(&app, &p(8), "").await),
        also(8, &[9])
    );
}
