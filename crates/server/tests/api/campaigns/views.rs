//! `POST /api/v1/campaigns/{slug}/views`: cookieless, aggregated, cleaned, capped.

use crate::helpers::{assert_problem, spawn_with, TestApp};

/// Every `campaign_views` row: (origin, source, medium, store, embedded, views).
async fn view_rows(app: &TestApp) -> Vec<(String, String, String, String, bool, i64)> {
    sqlx::query_as(
        "SELECT embed_origin, utm_source, utm_medium, store_id, embedded, views FROM campaign_views \
         ORDER BY embed_origin, utm_source, utm_medium, store_id, embedded",
    )
    .fetch_all(&app.pool().await)
    .await
    .unwrap()
}

#[tokio::test]
async fn views_are_counted_per_day_origin_and_source_without_cookies() {
    let app = spawn_with(20, None).await;
    let r = app.campaign_view("autumn-edit", None).await;
    assert_eq!(r.status, 204, "{}", r.text());
    assert!(r.headers.get("set-cookie").is_none());
    // `null` is no body too.
    assert_eq!(
        app.campaign_view("autumn-edit", Some("null")).await.status,
        204
    );
    let embedded = r#"{"attribution":{"utm_source":"partner","utm_medium":"embed","embed_origin":"HTTP://LOCALHOST:8090/","store_id":"s_sh_jingan"},"embedded":true}"#;
    for _ in 0..3 {
        let r = app
            .campaign_view("autumn-edit", Some(embedded))
            .header("cookie", "sf_session=whatever")
            .await;
        assert_eq!(r.status, 204, "{}", r.text());
        assert!(r.headers.get("set-cookie").is_none());
    }
    assert_eq!(
        view_rows(&app).await,
        [
            ("".into(), "".into(), "".into(), "".into(), false, 2),
            (
                "http://localhost:8090".into(),
                "partner".into(),
                "embed".into(),
                "s_sh_jingan".into(),
                true,
                3
            ),
        ]
    );
    let (day,): (String,) = sqlx::query_as("SELECT DISTINCT day FROM campaign_views")
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
    let china = (chrono::Utc::now() + chrono::Duration::hours(8))
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(day, china);
}

#[tokio::test]
async fn huge_and_markup_values_are_cleaned_and_unknowns_dropped() {
    let app = spawn_with(20, None).await;
    let huge = "x".repeat(10_000);
    let body = format!(
        r#"{{"attribution":{{"campaign":"summer-sale","utm_source":"<script>alert('x')</script>{huge}","utm_medium":"  \"news\" & <b>letter</b>  ","embed_origin":"javascript:alert(1)","store_id":"s_nowhere"}}}}"#
    );
    let r = app.campaign_view("autumn-edit", Some(&body)).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let rows = view_rows(&app).await;
    assert_eq!(rows.len(), 1);
    let (origin, source, medium, store, embedded, views) = &rows[0];
    assert_eq!(origin, "", "not an origin");
    assert_eq!(store, "", "unknown store");
    assert!(!embedded);
    assert_eq!(*views, 1);
    assert_eq!(source.chars().count(), 100);
    assert!(source.starts_with("scriptalert(x)/script"));
    assert_eq!(medium, "news  bletter/b");
    for v in [source, medium] {
        assert!(!v.contains(['<', '>', '"', '\'', '&']), "{v}");
    }
    // A wildcard is an allowed origin, never a page's.
    let r = app
        .campaign_view(
            "autumn-edit",
            Some(r#"{"attribution":{"embed_origin":"https://*.example.com"}}"#),
        )
        .await;
    assert_eq!(r.status, 204);
    assert!(view_rows(&app).await.iter().all(|r| r.0.is_empty()));
}

#[tokio::test]
async fn a_client_counts_sixty_views_an_hour() {
    let app = spawn_with(20, None).await;
    for _ in 0..75 {
        assert_eq!(app.campaign_view("autumn-edit", None).await.status, 204);
    }
    assert_eq!(view_rows(&app).await[0].5, 60);
}

#[tokio::test]
async fn only_live_campaigns_count_and_bad_input_is_refused() {
    let app = spawn_with(20, None).await;
    assert_problem(
        &app.campaign_view("winter-preview", None).await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &app.campaign_view("nope", None).await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &app.campaign_view("summer-sale", None).await,
        410,
        "campaign_ended",
        None,
    );
    assert_problem(
        &app.campaign_view("Bad_Slug", None).await,
        400,
        "invalid_path",
        Some("#/path/slug"),
    );
    assert_problem(
        &app.campaign_view("autumn-edit", Some(r#"{"embedded":"yes"}"#))
            .await,
        400,
        "invalid_body",
        Some("/embedded"),
    );
    assert_problem(
        &app.campaign_view("autumn-edit", Some("{")).await,
        400,
        "invalid_body",
        None,
    );
    let r = app
        .call(
            axum::http::Method::POST,
            "/api/v1/campaigns/autumn-edit/views",
        )
        .header("content-type", "text/plain")
        .await;
    assert_problem(&r, 415, "invalid_body", None);
    assert!(view_rows(&app).await.is_empty());
}
