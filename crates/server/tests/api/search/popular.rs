//! Popular searches: counted from clicks on a search's results (`POST /api/v1/search/clicks`),
//! in the corrected, normalised form, capped per client; never a query without results.

use super::*;
use axum::extract::ConnectInfo;
use std::net::SocketAddr;
use std::time::Duration;

/// A click on `product` from the results of `q`, sent from client address `ip`.
async fn click(app: &TestApp, q: &str, product: &str, ip: &str) -> Reply {
    let body = serde_json::json!({ "q": q, "product": product }).to_string();
    let mut req = app.search_click(&body).request();
    let addr = SocketAddr::new(ip.parse().unwrap(), 40_000);
    req.extensions_mut().insert(ConnectInfo(addr));
    send(app.router.clone(), req).await
}

/// A click that must be answered 204.
async fn clicked(app: &TestApp, q: &str, product: &str, ip: &str) {
    let r = click(app, q, product, ip).await;
    assert_eq!(r.status, 204, "click {q:?} on {product}: {}", r.text());
}

/// The first result of a search.
async fn first_result(app: &TestApp, q: &str) -> String {
    let page: Page<ProductSummary> = app.products(&format!("q={}&limit=1", enc(q))).json().await;
    assert!(page.total > 0, "{q} finds products");
    page.data[0].id.0.clone()
}

/// Every row of `popular_queries`: query → count.
async fn counts(app: &TestApp) -> HashMap<String, i64> {
    let db = app.pool().await;
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT query, count FROM popular_queries")
        .fetch_all(&db)
        .await
        .unwrap();
    db.close().await;
    rows.into_iter().collect()
}

/// The counts once `query` has been written with at least `count` (clicks are written in
/// the background, in the order they came: then every earlier click is written too).
async fn counts_once(app: &TestApp, query: &str, count: i64) -> HashMap<String, i64> {
    for _ in 0..100 {
        let now = counts(app).await;
        if now.get(query).is_some_and(|n| *n >= count) {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{query:?} was not counted {count} times: {:?}",
        counts(app).await.get(query)
    );
}

#[tokio::test]
async fn a_search_counts_only_once_a_product_of_its_results_is_opened() {
    let app = spawn().await;
    // searched often, with results, but nothing opened: not counted
    for _ in 0..3 {
        let p: Page<ProductSummary> = app.products("q=Chore%20Jacket").json().await;
        assert!(p.total > 0);
    }
    let chore = first_result(&app, "chore jacket").await;
    // a product that is not among the query's results does not count it either
    let dress = first_result(&app, "连衣裙").await;
    let p: Page<ProductSummary> = app.products("q=chore%20jacket&limit=100").json().await;
    assert!(p.data.iter().all(|s| s.id.0 != dress));
    clicked(&app, "chore jacket", &dress, "192.0.2.1").await;
    // opening one of its results counts it, once
    clicked(&app, "Chore Jacket", &chore, "192.0.2.2").await;
    let now = counts_once(&app, "chore jacket", 1).await;
    assert_eq!(now["chore jacket"], 1, "only the click on a result counted");
    let s: SearchSuggestions = app.suggest("q=chore").json().await;
    assert_eq!(s.queries, ["chore jacket"]);
}

#[tokio::test]
async fn queries_count_in_their_corrected_normalised_form() {
    let app = spawn().await;
    let f: ProductFacets = app.facets("q=jakcet").json().await;
    assert_eq!(f.did_you_mean.as_deref(), Some("jacket"));
    let jacket = first_result(&app, "jakcet").await;
    let chore = first_result(&app, "chore jacket").await;
    let before = counts(&app).await["jacket"];
    // the typo, its full-width capitals with spaces, and the right spelling: one query
    clicked(&app, "jakcet", &jacket, "192.0.2.1").await;
    clicked(&app, "  ＪＡＫＣＥＴ　", &jacket, "192.0.2.2").await;
    clicked(&app, "JACKET", &jacket, "192.0.2.3").await;
    clicked(&app, "Ｃｈｏｒｅ　　ＪＡＣＫＥＴ ", &chore, "192.0.2.4").await;
    let now = counts_once(&app, "chore jacket", 1).await;
    assert_eq!(now["jacket"], before + 3);
    for typo in [
        "jakcet",
        "ｊａｋｃｅｔ",
        "JACKET",
        "Ｃｈｏｒｅ　　ＪＡＣＫＥＴ",
    ] {
        assert!(!now.contains_key(typo), "{typo} has a row of its own");
    }
    let s: SearchSuggestions = app.suggest("q=ja").json().await;
    assert!(s.queries.contains(&"jacket".to_owned()));
    assert!(!s.queries.contains(&"jakcet".to_owned()), "{:?}", s.queries);
}

#[tokio::test]
async fn a_query_without_results_is_never_suggested_not_even_an_old_row() {
    let app = spawn().await;
    // rows from before the rules: a query that finds nothing, a typo, an unnormalised text
    let db = app.pool().await;
    for (query, count) in [
        ("qqqqzzzz", 99_999),
        ("jakcet", 99_998),
        ("Jacket  X", 99_997),
    ] {
        sqlx::query(
            "INSERT INTO popular_queries (query, pinyin, initials, count, updated_at) VALUES (?, ?, '', ?, 0)",
        )
        .bind(query)
        .bind(query)
        .bind(count)
        .execute(&db)
        .await
        .unwrap();
    }
    db.close().await;
    let s: SearchSuggestions = app.suggest("").json().await;
    assert_eq!(s.queries.len(), 8, "{:?}", s.queries);
    assert_eq!(s.queries[0], "运动鞋");
    for q in ["qqqq", "ja", "jak", "jacket"] {
        let s: SearchSuggestions = app.suggest(&format!("q={q}")).json().await;
        for bad in ["qqqqzzzz", "jakcet", "Jacket  X"] {
            assert!(!s.queries.contains(&bad.to_owned()), "{q}: {:?}", s.queries);
        }
    }
    let s: SearchSuggestions = app.suggest("q=ja").json().await;
    assert_eq!(s.queries[0], "jacket");
    // a click on any product after a search without results is not counted
    let any = first_result(&app, "jacket").await;
    clicked(&app, "qqqqzzzz ppp", &any, "192.0.2.1").await;
    clicked(&app, "jacket", &any, "192.0.2.1").await;
    let now = counts_once(&app, "jacket", 871).await;
    assert!(!now.contains_key("qqqqzzzz ppp"));
    // every query offered for an empty box finds products and needs no correction
    let s: SearchSuggestions = app.suggest("").json().await;
    for q in &s.queries {
        let f: ProductFacets = app.facets(&format!("q={}", enc(q))).json().await;
        assert!(f.total > 0 && f.did_you_mean.is_none(), "{q}");
    }
}

#[tokio::test]
async fn one_client_counts_a_query_once_a_day_and_a_few_queries_a_day() {
    let app = spawn().await;
    let chore = first_result(&app, "chore jacket").await;
    // distinct product names (each finds its product), short enough to be counted
    let page: Page<ProductSummary> = app.products("limit=100").json().await;
    let mut names: Vec<(String, String)> = Vec::new();
    for p in &page.data {
        let name = storefront_server::search::text::normalized_query(&p.name.en);
        if name.chars().count() <= 40
            && !name.contains("jacket")
            && !names.iter().any(|(n, _)| *n == name)
        {
            names.push((name, p.id.0.clone()));
        }
    }
    assert!(names.len() >= 26, "{}", names.len());
    let total = |c: &HashMap<String, i64>| c.values().sum::<i64>();
    let start = total(&counts(&app).await);

    // one client: the same query five times counts once
    for _ in 0..5 {
        clicked(&app, "chore jacket", &chore, "192.0.2.7").await;
    }
    // ...and 25 more queries count only up to 20 queries in all that day
    for (name, id) in &names[..25] {
        clicked(&app, name, id, "192.0.2.7").await;
    }
    // another client still counts (the last name, which the first one could not count)
    let (last, last_id) = &names[24];
    clicked(&app, last, last_id, "198.51.100.1").await;
    clicked(&app, "chore jacket", &chore, "198.51.100.1").await;
    let now = counts_once(&app, "chore jacket", 2).await;
    assert_eq!(now["chore jacket"], 2);
    assert_eq!(now[last.as_str()], 1, "{last}");
    assert_eq!(
        total(&now) - start,
        storefront_server::search::popular::CLIENT_QUERIES_A_DAY + 2,
        "one client counted at most 20 queries"
    );
}

#[tokio::test]
async fn a_client_counts_again_the_next_day_and_past_days_are_forgotten() {
    let app = spawn_with(20, None).await;
    let db = app.pool().await;
    let day = chrono::Utc::now().timestamp().div_euclid(86_400);
    let click = |query: &str| storefront_server::search::popular::Click {
        client: "c1".to_owned(),
        query: query.to_owned(),
    };
    let mut conn = db.acquire().await.unwrap();
    let today = day * 86_400 + 100;
    let tomorrow = today + 86_400;
    let add = storefront_server::search::popular::add_clicks;
    add(
        &mut conn,
        &[click("chore jacket"), click("chore jacket")],
        today,
    )
    .await
    .unwrap();
    add(&mut conn, &[click("chore jacket")], tomorrow)
        .await
        .unwrap();
    drop(conn);
    let (n,): (i64,) =
        sqlx::query_as("SELECT count FROM popular_queries WHERE query = 'chore jacket'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(n, 2, "once today, once tomorrow");
    let (days,): (i64,) = sqlx::query_as("SELECT COUNT(DISTINCT day) FROM popular_query_clicks")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(days, 1, "the clients of past days are forgotten");
    db.close().await;
}

#[tokio::test]
async fn clicks_take_exactly_the_documented_body() {
    let app = spawn_with(20, None).await;
    let cases: [(serde_json::Value, &str); 6] = [
        (serde_json::json!({ "q": "", "product": "p_000001" }), "/q"),
        (
            serde_json::json!({ "q": "a".repeat(201), "product": "p_000001" }),
            "/q",
        ),
        (serde_json::json!({ "q": "a", "product": "" }), "/product"),
        (
            serde_json::json!({ "q": "a", "product": "p".repeat(101) }),
            "/product",
        ),
        (serde_json::json!({ "q": "a" }), "/product"),
        (
            serde_json::json!({ "q": "a", "product": "p_000001", "x": 1 }),
            "/x",
        ),
    ];
    for (body, pointer) in cases {
        let r = app.search_click(&body.to_string()).await;
        let p = assert_problem(&r, 400, "invalid_body", Some(pointer));
        assert_eq!(p.errors.len(), 1, "{}", r.text());
        assert_eq!(p.errors[0].pointer, pointer);
    }
    let r = app.search_click(r#"{"q":"a","product":"p_999999"}"#).await;
    assert_problem(&r, 404, "not_found", Some("/product"));
    // the bounds themselves are taken; a text that is only spaces is taken, not counted
    for q in ["鞋".repeat(200), " ".to_owned(), "\u{0}".to_owned()] {
        let body = serde_json::json!({ "q": q, "product": "p_000001" }).to_string();
        let r = app.search_click(&body).await;
        assert_eq!(r.status, 204, "{}", r.text());
        assert!(r.body.is_empty());
    }
    let slug: Product = app.product("p_000001").json().await;
    let body = serde_json::json!({ "q": "x", "product": slug.slug }).to_string();
    assert_eq!(app.search_click(&body).await.status, 204);
    let r = app
        .request(
            axum::http::Method::POST,
            "/api/v1/search/clicks",
            &[("content-type", "text/plain")],
            axum::body::Body::from(r#"{"q":"a","product":"p_000001"}"#),
        )
        .await;
    assert_eq!(r.status, 415);
}
