//! The exact figures of every report after the scripted day, in JSON and CSV, for every
//! store and for one, today and from yesterday; and the business facts behind them.

use super::*;
use storefront_api_types::{
    AppChannel, CategoryId, CouponReport, CouponRow, FunnelBreakdown, FunnelFigures, FunnelReport,
    InsightScope, LocalizedText, PointsRow, ProductId, QueryRow, SearchReport, StockoutReport,
    StockoutRow, StoreId, Tier, TourReport, TourRow,
};
use storefront_server::marketing::results::csv_field;

fn scope(from: NaiveDate, store: Option<&str>) -> InsightScope {
    InsightScope {
        from: from.to_string(),
        to: today().to_string(),
        store_id: store.map(|s| StoreId(s.to_owned())),
    }
}

fn f(views: u64, stock: u64, made: u64, collected: u64, expired: u64) -> FunnelFigures {
    FunnelFigures {
        product_views: views,
        stock_views: stock,
        reservations: made,
        collected,
        expired,
    }
}

fn row(store: Option<&str>, category: &str, figures: FunnelFigures) -> FunnelBreakdown {
    FunnelBreakdown {
        store_id: store.map(|s| StoreId(s.to_owned())),
        category_id: CategoryId(category.to_owned()),
        figures,
    }
}

async fn name_of(app: &TestApp, table: &str, id: &str) -> LocalizedText {
    let sql = match table {
        "products" => "SELECT name_zh, name_en FROM products WHERE id = ?",
        _ => "SELECT title_zh, title_en FROM offers WHERE code = ?",
    };
    let (zh_cn, en): (String, String) = sqlx::query_as(sql)
        .bind(id)
        .fetch_one(&app.pool().await)
        .await
        .unwrap();
    LocalizedText { zh_cn, en }
}

/// The CSV of a report: `text/csv`, a download named after it, then its text.
async fn csv(app: &TestApp, cookie: &str, name: &str, query: &str) -> String {
    let r = report(app, cookie, name, &format!("{query}&format=csv")).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(r.header("cache-control"), "private, no-store");
    let file = format!("attachment; filename=\"insight-{name}");
    assert!(r.header("content-disposition").starts_with(&file));
    r.text()
}

fn lines(rows: &[&str]) -> String {
    rows.iter().map(|r| format!("{r}\r\n")).collect()
}

#[tokio::test]
async fn the_scripted_day_gives_exact_figures_in_json_and_csv() {
    let s = script().await;
    let (app, m) = (&s.app, s.marketer.as_str());
    let (ca, cb, b) = (&s.category_a, &s.category_b, &s.product_b);
    let t = today();
    let y = t - Duration::days(1);
    let day = format!("from={t}&to={t}");
    let store_j = format!("{day}&store_id={JINGAN}");

    // The funnel: views from events, reservations from the server's facts.
    let funnel: FunnelReport = figures(app, m, "funnel", &day).await;
    let expected = FunnelReport {
        scope: scope(t, None),
        totals: f(4, 4, 4, 1, 1),
        rows: vec![
            row(Some(JINGAN), ca, f(2, 3, 3, 1, 1)),
            row(None, ca, f(1, 0, 0, 0, 0)),
            row(Some(SANLITUN), cb, f(1, 1, 1, 0, 0)),
        ],
    };
    assert_eq!(funnel, expected);
    let since: FunnelReport = figures(app, m, "funnel", &format!("from={y}")).await;
    assert_eq!(
        (since.scope, since.totals),
        (scope(y, None), f(5, 5, 4, 1, 1))
    );
    assert_eq!(since.rows[0], row(Some(JINGAN), ca, f(3, 4, 3, 1, 1)));
    let one: FunnelReport = figures(app, m, "funnel", &store_j).await;
    assert_eq!(one.totals, f(2, 3, 3, 1, 1));
    assert_eq!(one.rows, vec![row(Some(JINGAN), ca, f(2, 3, 3, 1, 1))]);
    assert_eq!(
        csv(app, m, "funnel", &day).await,
        lines(&[
            "section,store_id,category_id,product_views,stock_views,reservations,collected,expired",
            "total,,,4,4,4,1,1",
            &format!("row,{JINGAN},{ca},2,3,3,1,1"),
            &format!("row,,{ca},1,0,0,0,0"),
            &format!("row,{SANLITUN},{cb},1,1,1,0,0"),
        ])
    );

    // Stock-outs: the last view's nearest store, distinct visits.
    let (name_a, name_b) = (
        name_of(app, "products", PRODUCT_A).await,
        name_of(app, "products", b).await,
    );
    let out: StockoutReport = figures(app, m, "stockouts", &day).await;
    let stockout =
        |store: &str, product: &str, name: &LocalizedText, views, sessions, nearest: &str| {
            StockoutRow {
                store_id: StoreId(store.to_owned()),
                product_id: ProductId(product.to_owned()),
                product_name: name.clone(),
                views,
                sessions,
                nearest_store_id: Some(StoreId(nearest.to_owned())),
            }
        };
    assert_eq!(
        out,
        StockoutReport {
            scope: scope(t, None),
            total_views: 3,
            rows: vec![
                stockout(JINGAN, PRODUCT_A, &name_a, 2, 1, FUTIAN),
                stockout(SANLITUN, b, &name_b, 1, 1, JINGAN),
            ],
        }
    );
    let since: StockoutReport = figures(app, m, "stockouts", &format!("from={y}")).await;
    assert_eq!(since.total_views, 4);
    assert_eq!(
        since.rows[0],
        stockout(JINGAN, PRODUCT_A, &name_a, 3, 2, FUTIAN)
    );
    let q = |n: &LocalizedText| format!("{},{}", csv_field(&n.zh_cn), csv_field(&n.en));
    assert_eq!(
        csv(app, m, "stockouts", &day).await,
        lines(&[
            "section,store_id,product_id,product_zh,product_en,views,sessions,nearest_store_id",
            "total,,,,,3,,",
            &format!("row,{JINGAN},{PRODUCT_A},{},2,1,{FUTIAN}", q(&name_a)),
            &format!("row,{SANLITUN},{b},{},1,1,{JINGAN}", q(&name_b)),
        ])
    );

    // Coupons by offer and channel (a redemption under its claim's), points by store and tier.
    let title = |code: &'static str| async move { name_of(app, "offers", code).await };
    let (welcome, spring, autumn) = (
        title("WELCOME5").await,
        title("SPRING20").await,
        title("AUTUMN50").await,
    );
    let coupon = |code: &str, title: &LocalizedText, channel, claimed, redeemed| CouponRow {
        offer_code: code.to_owned(),
        title: title.clone(),
        channel,
        claimed,
        redeemed,
    };
    let points = |store: &str, tier, earns, points| PointsRow {
        store_id: StoreId(store.to_owned()),
        tier,
        earns,
        points,
    };
    let coupons: CouponReport = figures(app, m, "coupons", &day).await;
    assert_eq!(
        coupons,
        CouponReport {
            scope: scope(t, None),
            coupons: vec![
                coupon("WELCOME5", &welcome, Some(AppChannel::Kiosk), 1, 1),
                coupon("WELCOME5", &welcome, Some(AppChannel::Phone), 1, 1),
                coupon("AUTUMN50", &autumn, None, 1, 0),
                coupon("SPRING20", &spring, Some(AppChannel::Embed), 1, 0),
            ],
            points: vec![
                points(SANLITUN, Tier::Silver, 1, 12),
                points(JINGAN, Tier::Regular, 1, 250),
                points(JINGAN, Tier::Silver, 1, 120),
            ],
        }
    );
    let one: CouponReport = figures(app, m, "coupons", &store_j).await;
    assert_eq!(
        one.coupons,
        vec![
            coupon("WELCOME5", &welcome, Some(AppChannel::Kiosk), 1, 1),
            coupon("AUTUMN50", &autumn, None, 1, 0),
            coupon("WELCOME5", &welcome, Some(AppChannel::Phone), 0, 1),
        ]
    );
    assert_eq!(
        one.points,
        vec![
            points(JINGAN, Tier::Regular, 1, 250),
            points(JINGAN, Tier::Silver, 1, 120)
        ]
    );
    let q = |n: &LocalizedText| format!("{},{}", csv_field(&n.zh_cn), csv_field(&n.en));
    assert_eq!(
        csv(app, m, "coupons", &day).await,
        lines(&[
            "section,offer_code,title_zh,title_en,channel,claimed,redeemed,store_id,tier,earns,points",
            &format!("coupon,WELCOME5,{},kiosk,1,1,,,,", q(&welcome)),
            &format!("coupon,WELCOME5,{},phone,1,1,,,,", q(&welcome)),
            &format!("coupon,AUTUMN50,{},,1,0,,,,", q(&autumn)),
            &format!("coupon,SPRING20,{},embed,1,0,,,,", q(&spring)),
            &format!("points,,,,,,,{SANLITUN},silver,1,12"),
            &format!("points,,,,,,,{JINGAN},regular,1,250"),
            &format!("points,,,,,,,{JINGAN},silver,1,120"),
        ])
    );

    // The tour: distinct visits, hotspots, what followed a visit of the same store.
    let tour_row = |store: &str, visits, hotspots, reservations, bookings| TourRow {
        store_id: StoreId(store.to_owned()),
        visits,
        hotspots_opened: hotspots,
        reservations_after: reservations,
        guide_bookings_after: bookings,
    };
    let tour: TourReport = figures(app, m, "tour", &day).await;
    assert_eq!(
        tour,
        TourReport {
            scope: scope(t, None),
            rows: vec![tour_row(JINGAN, 2, 2, 1, 0), tour_row(SANLITUN, 1, 0, 0, 1)],
            guide_bookings: 2,
        }
    );
    let one: TourReport = figures(app, m, "tour", &format!("{day}&store_id={SANLITUN}")).await;
    assert_eq!(
        (one.rows, one.guide_bookings),
        (vec![tour_row(SANLITUN, 1, 0, 0, 1)], 0)
    );
    assert_eq!(
        csv(app, m, "tour", &day).await,
        lines(&[
            "section,store_id,visits,hotspots_opened,reservations_after,guide_bookings_after,guide_bookings",
            &format!("store,{JINGAN},2,2,1,0,"),
            &format!("store,{SANLITUN},1,0,0,1,"),
            "total,,,,,,2",
        ])
    );

    // Search: top queries and those that found nothing.
    let query = |q: &str, n| QueryRow {
        query: q.to_owned(),
        searches: n,
    };
    let search: SearchReport = figures(app, m, "search", &day).await;
    assert_eq!(
        search,
        SearchReport {
            scope: scope(t, None),
            searches: 4,
            top: vec![query("red dress", 2), query("unicorn", 2)],
            no_results: vec![query("unicorn", 2)],
        }
    );
    let one: SearchReport = figures(app, m, "search", &store_j).await;
    assert_eq!(
        (one.searches, one.top, one.no_results),
        (
            3,
            vec![query("red dress", 2), query("unicorn", 1)],
            vec![query("unicorn", 1)]
        )
    );
    assert_eq!(
        csv(app, m, "search", &day).await,
        lines(&[
            "section,query,searches",
            "total,,4",
            "top,red dress,2",
            "top,unicorn,2",
            "no_results,unicorn,2",
        ])
    );
}

#[tokio::test]
async fn facts_are_the_business_record_and_append_only() {
    let s = script().await;
    let pool = s.app.pool().await;
    let facts: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT kind, channel, store_id FROM business_facts ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    let facts: Vec<(&str, Option<&str>, Option<&str>)> = facts
        .iter()
        .map(|(k, c, s)| (k.as_str(), c.as_deref(), s.as_deref()))
        .collect();
    let (j, sl) = (Some(JINGAN), Some(SANLITUN));
    assert_eq!(
        facts,
        vec![
            ("reservation_made", Some("phone"), j),
            ("reservation_collected", Some("phone"), j),
            ("reservation_made", Some("embed"), j),
            ("reservation_made", Some("phone"), j),
            ("reservation_expired", Some("phone"), j),
            ("reservation_made", Some("phone"), sl),
            ("coupon_claimed", Some("phone"), None),
            ("coupon_claimed", Some("embed"), None),
            ("coupon_claimed", Some("kiosk"), j),
            ("coupon_redeemed", Some("phone"), j),
            ("coupon_redeemed", Some("kiosk"), j),
            ("points_earned", None, j),
            ("coupon_claimed", None, j),
            ("points_earned", None, j),
            ("points_earned", None, sl),
            ("guide_booked", Some("phone"), j),
            ("guide_kept", Some("phone"), j),
            ("guide_booked", Some("phone"), j),
        ]
    );
    // No personal data: no column names a person.
    let columns: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM pragma_table_info('business_facts')")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(columns
        .iter()
        .all(|(c,)| !["name", "phone", "member_id"].contains(&c.as_str())));
    for sql in [
        "UPDATE business_facts SET points = 1",
        "DELETE FROM business_facts",
    ] {
        let e = sqlx::query(sql).execute(&pool).await.unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
    }
}
