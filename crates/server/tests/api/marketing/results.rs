//! A campaign's results from rows of `campaign_views` and `attributions` (written here
//! straight into the database, as the public side writes them): exact counts in total and
//! per breakdown, the CSV export with formula injection neutralised, and the period's
//! checks.

use super::{at, campaign, create, spawn, JINGAN};
use crate::helpers::{assert_problem, TestApp};
use chrono::{Duration, NaiveDate, Utc};
use serde_json::json;
use storefront_api_types::{CampaignFigures, CampaignResults, FunnelRow, MarketingCampaign};

const PARTNER: &str = "http://localhost:8090";

fn china_today() -> NaiveDate {
    (Utc::now() + Duration::hours(8)).date_naive()
}

fn day(offset: i64) -> String {
    (china_today() + Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

async fn campaign_id(app: &TestApp, slug: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM campaigns WHERE slug = ?")
        .bind(slug)
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
    id
}

async fn views(app: &TestApp, id: i64, day: &str, origin: &str, source: &str, store: &str, n: i64) {
    sqlx::query(
        "INSERT INTO campaign_views (campaign_id, day, embed_origin, utm_source, utm_medium, store_id, embedded, views) \
         VALUES (?, ?, ?, ?, '', ?, ?, ?)",
    )
    .bind(id)
    .bind(day)
    .bind(origin)
    .bind(source)
    .bind(store)
    .bind(!origin.is_empty())
    .bind(n)
    .execute(&app.pool().await)
    .await
    .unwrap();
}

#[allow(clippy::too_many_arguments)]
async fn attribution(
    app: &TestApp,
    kind: &str,
    reference: &str,
    id: i64,
    day: &str,
    origin: &str,
    source: &str,
    store: &str,
) {
    sqlx::query(
        "INSERT INTO attributions (kind, ref, campaign_id, utm_source, utm_medium, utm_campaign, embed_origin, store_id, day, at) \
         VALUES (?, ?, ?, ?, '', '', ?, ?, ?, 0)",
    )
    .bind(kind)
    .bind(reference)
    .bind(id)
    .bind(source)
    .bind(origin)
    .bind(store)
    .bind(day)
    .execute(&app.pool().await)
    .await
    .unwrap();
}

fn f(
    views: u64,
    claims: u64,
    reservations: u64,
    appointments: u64,
    redemptions: u64,
) -> CampaignFigures {
    CampaignFigures {
        views,
        claims,
        reservations,
        appointments,
        redemptions,
    }
}

fn row(key: &str, figures: CampaignFigures) -> FunnelRow {
    FunnelRow {
        key: key.to_owned(),
        figures,
    }
}

/// A campaign from three days ago with a scripted set of rows; returns the cookie.
async fn scripted(app: &TestApp) -> String {
    let cookie = app.marketer().await;
    let mut body = campaign("funnel");
    body["starts_at"] = json!(at(-3));
    create(app, &cookie, &body).await;
    create(app, &cookie, &campaign("other")).await;
    let (id, other) = (
        campaign_id(app, "funnel").await,
        campaign_id(app, "other").await,
    );
    let (d0, d1, d2) = (day(-2), day(-1), day(0));
    views(app, id, &d0, PARTNER, "news", "", 5).await;
    views(app, id, &d1, PARTNER, "=cmd", "", 2).await;
    views(app, id, &d1, "", "", JINGAN, 3).await;
    views(app, id, &day(-12), PARTNER, "news", "", 4).await;
    views(app, other, &d1, PARTNER, "news", "", 50).await;
    attribution(app, "claim", "1", id, &d0, PARTNER, "news", "").await;
    attribution(app, "reward", "2", id, &d1, "", "", JINGAN).await;
    attribution(
        app,
        "reservation",
        "ABCDEFGHJK",
        id,
        &d1,
        PARTNER,
        "news",
        "",
    )
    .await;
    attribution(app, "appointment", "MNPQRSTVWX", id, &d2, "", "=cmd", "").await;
    attribution(app, "redemption", "1", id, &d2, PARTNER, "news", "").await;
    attribution(app, "claim", "3", id, &day(-12), PARTNER, "news", "").await;
    attribution(app, "claim", "4", other, &d1, PARTNER, "news", "").await;
    cookie
}

#[tokio::test]
async fn results_count_each_kind_exactly_per_breakdown() {
    let app = spawn().await;
    let cookie = scripted(&app).await;
    let (d0, d1, d2) = (day(-2), day(-1), day(0));
    let r = app
        .campaign_results("funnel", &format!("from={d0}&to={d2}"))
        .cookie(&cookie)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "private, no-store");
    let res: CampaignResults = r.json();
    assert_eq!(
        (res.slug.as_str(), res.from.as_str(), res.to.as_str()),
        ("funnel", d0.as_str(), d2.as_str())
    );
    assert_eq!(res.totals, f(10, 2, 1, 1, 1));
    assert_eq!(
        res.by_day,
        [
            row(&d0, f(5, 1, 0, 0, 0)),
            row(&d1, f(5, 1, 1, 0, 0)),
            row(&d2, f(0, 0, 0, 1, 1))
        ]
    );
    assert_eq!(
        res.by_origin,
        [row(PARTNER, f(7, 1, 1, 0, 1)), row("", f(3, 1, 0, 1, 0))]
    );
    assert_eq!(
        res.by_source,
        [
            row("news", f(5, 1, 1, 0, 1)),
            row("", f(3, 1, 0, 0, 0)),
            row("=cmd", f(2, 0, 0, 1, 0))
        ]
    );
    assert_eq!(
        res.by_store,
        [row("", f(7, 1, 1, 1, 1)), row(JINGAN, f(3, 1, 0, 0, 0))]
    );

    // The workspace's figures are since the campaign began (the older rows too).
    let c: MarketingCampaign = app
        .marketing_campaign("funnel")
        .cookie(&cookie)
        .json()
        .await;
    assert_eq!(c.figures, f(14, 3, 1, 1, 1));

    // Defaults: from the campaign's first day to today, every day listed.
    let res: CampaignResults = app
        .campaign_results("funnel", "")
        .cookie(&cookie)
        .json()
        .await;
    assert_eq!(
        (res.from.as_str(), res.to.as_str()),
        (day(-3).as_str(), d2.as_str())
    );
    assert_eq!(res.by_day.len(), 4);
    assert_eq!(res.totals, f(10, 2, 1, 1, 1));

    // One day.
    let res: CampaignResults = app
        .campaign_results("funnel", &format!("from={d1}&to={d1}"))
        .cookie(&cookie)
        .json()
        .await;
    assert_eq!(res.totals, f(5, 1, 1, 0, 0));
    assert_eq!(res.by_day, [row(&d1, f(5, 1, 1, 0, 0))]);
}

#[tokio::test]
async fn results_as_csv_never_carry_a_formula() {
    let app = spawn().await;
    let cookie = scripted(&app).await;
    let (d0, d1, d2) = (day(-2), day(-1), day(0));
    let r = app
        .campaign_results("funnel", &format!("from={d0}&to={d2}&format=csv"))
        .cookie(&cookie)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(r.header("cache-control"), "private, no-store");
    assert_eq!(
        r.header("content-disposition"),
        format!("attachment; filename=\"campaign-funnel-{d0}-{d2}.csv\"")
    );
    let expected = [
        "section,key,views,claims,reservations,appointments,redemptions".to_owned(),
        format!("day,{d0},5,1,0,0,0"),
        format!("day,{d1},5,1,1,0,0"),
        format!("day,{d2},0,0,0,1,1"),
        format!("origin,{PARTNER},7,1,1,0,1"),
        "origin,,3,1,0,1,0".to_owned(),
        "source,news,5,1,1,0,1".to_owned(),
        "source,,3,1,0,0,0".to_owned(),
        "source,'=cmd,2,0,0,1,0".to_owned(),
        "store,,7,1,1,1,1".to_owned(),
        format!("store,{JINGAN},3,1,0,0,0"),
    ];
    let lines: Vec<&str> = r.text().leak().split("\r\n").collect();
    assert_eq!(lines[..lines.len() - 1], expected);
    assert_eq!(lines.last(), Some(&""));
}

#[tokio::test]
async fn the_period_is_checked_and_named() {
    let app = spawn().await;
    let cookie = app.marketer().await;
    create(&app, &cookie, &campaign("period")).await;
    let cases = [
        ("from=2026-13-01", "#/query/from"),
        ("from=yesterday", "#/query/from"),
        ("to=2026-02-30", "#/query/to"),
        ("from=2026-03-02&to=2026-03-01", "#/query/to"),
        ("from=2025-01-01&to=2026-01-02", "#/query/to"),
        ("format=xml", "#/query/format"),
        ("from=2026-01-01&from=2026-01-02", "#/query/from"),
    ];
    for (query, pointer) in cases {
        let r = app.campaign_results("period", query).cookie(&cookie).await;
        assert_problem(&r, 400, "invalid_query", Some(pointer));
    }
    // 366 days is the most.
    let r = app
        .campaign_results("period", "from=2025-01-01&to=2026-01-01")
        .cookie(&cookie)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json::<CampaignResults>().by_day.len(), 366);
    let r = app.campaign_results("nothing", "").cookie(&cookie).await;
    assert_problem(&r, 404, "not_found", None);
    let r = app.campaign_results("period", "").await;
    assert_problem(&r, 401, "unauthenticated", None);
}
