//! Every fault of a report's query at its pointer, for every report; the default period;
//! and the keep endpoint's refusals.

use super::*;
use crate::helpers::assert_problem;
use storefront_api_types::{InsightScope, SearchReport, INSIGHT_DAYS_MAX};

const REPORTS: [&str; 5] = ["funnel", "stockouts", "coupons", "tour", "search"];

#[tokio::test]
async fn every_query_fault_is_named() {
    let app = spawn_with(10, None).await;
    let m = app.marketer().await;
    let long = "s".repeat(101);
    let faults: [(&str, u16, &str, &[&str]); 14] = [
        ("from=2026-1-01", 400, "invalid_query", &["#/query/from"]),
        ("from=2026-02-30", 400, "invalid_query", &["#/query/from"]),
        (
            "from=yesterday&to=2026-01-01",
            400,
            "invalid_query",
            &["#/query/from"],
        ),
        ("to=2026-13-01", 400, "invalid_query", &["#/query/to"]),
        (
            "from=x&to=y",
            400,
            "invalid_query",
            &["#/query/from", "#/query/to"],
        ),
        (
            "from=2026-03-02&to=2026-03-01",
            400,
            "invalid_query",
            &["#/query/to"],
        ),
        (
            "from=2025-01-01&to=2026-01-02",
            400,
            "invalid_query",
            &["#/query/to"],
        ),
        ("from=2999-01-01", 400, "invalid_query", &["#/query/to"]),
        (
            "from=2026-01-01&from=2026-01-02",
            400,
            "invalid_query",
            &["#/query/from"],
        ),
        ("store_id=", 400, "invalid_query", &["#/query/store_id"]),
        (
            &format!("store_id={long}"),
            400,
            "invalid_query",
            &["#/query/store_id"],
        ),
        (
            "store_id=s_nowhere",
            404,
            "unknown_store",
            &["#/query/store_id"],
        ),
        ("format=xml", 400, "invalid_query", &["#/query/format"]),
        (
            "from=nope&format=pdf&store_id=",
            400,
            "invalid_query",
            &["#/query/from", "#/query/store_id", "#/query/format"],
        ),
    ];
    for name in REPORTS {
        for (query, status, code, pointers) in &faults {
            let r = report(&app, &m, name, query).await;
            let p = assert_problem(&r, *status, code, None);
            let got: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
            assert_eq!(&got, pointers, "{name}?{query}");
        }
        // The longest period there may be, and the default one.
        let ok = report(&app, &m, name, "from=2025-01-01&to=2026-01-01").await;
        assert_eq!(ok.status, 200, "{name}: {}", ok.text());
        let v: serde_json::Value = report(&app, &m, name, "").await.json();
        let scope: InsightScope = serde_json::from_value(v["scope"].clone()).unwrap();
        let t = today();
        assert_eq!(
            (scope.from, scope.to),
            ((t - Duration::days(29)).to_string(), t.to_string()),
            "{name}"
        );
        let to_only: serde_json::Value = report(&app, &m, name, "to=2026-01-30").await.json();
        assert_eq!(to_only["scope"]["from"], "2026-01-01");
    }
    assert_eq!(INSIGHT_DAYS_MAX, 366);
    // Nothing recorded: zeros, not errors.
    let empty: SearchReport = figures(&app, &m, "search", "").await;
    assert_eq!((empty.searches, empty.top.len()), (0, 0));
}

#[tokio::test]
async fn keeping_an_appointment_is_the_store_staffs_and_once() {
    let app = spawn_with(10, None).await;
    let a = book(&app, 2).await;
    let uri = format!("/api/v1/staff/stores/{JINGAN}/appointments/{}/keep", a.code);
    let r = app.call(Method::POST, uri.clone()).await;
    assert_problem(&r, 401, "unauthorized", None);
    let r = app
        .call(Method::POST, uri)
        .header("authorization", "Bearer nope")
        .await;
    assert_problem(&r, 401, "unauthorized", None);
    assert_problem(
        &keep(&app, JINGAN, &a.code, SANLITUN).await,
        403,
        "forbidden",
        None,
    );
    assert_problem(
        &keep(&app, SANLITUN, &a.code, SANLITUN).await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &keep(&app, "s_nowhere", &a.code, JINGAN).await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &keep(&app, JINGAN, "ABCDEFGHJK", JINGAN).await,
        404,
        "not_found",
        None,
    );
    assert_problem(
        &keep(&app, JINGAN, "ILLEGAL!!!", JINGAN).await,
        400,
        "invalid_path",
        Some("#/path/code"),
    );
    for _ in 0..3 {
        let r = keep(&app, JINGAN, &a.code, JINGAN).await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json::<Appointment>().code, a.code);
    }
    let (kept,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM business_facts WHERE kind = 'guide_kept' AND ref = ?")
            .bind(&a.code)
            .fetch_one(&app.pool().await)
            .await
            .unwrap();
    assert_eq!(kept, 1, "kept once, however often it is marked");
}
