//! The virtual tour by store: visits (`tour_visit` events, distinct sessions), hotspots
//! opened (`tour_view_hotspot`), and the `reserve` and `book_guide` events at that store
//! that came after a `tour_visit` of it in the same session; and the guide appointments
//! booked in the period (business facts, every channel, consent or not).

use sqlx::SqliteConnection;
use std::collections::BTreeMap;
use storefront_api_types::{StoreId, TourReport, TourRow};

use super::{count, csv_line, one, rows, Scope};
use crate::error::ApiError;

fn row(store: String) -> TourRow {
    TourRow {
        store_id: StoreId(store),
        visits: 0,
        hotspots_opened: 0,
        reservations_after: 0,
        guide_bookings_after: 0,
    }
}

/// The tour's figures over `scope`.
pub async fn report(conn: &mut SqliteConnection, scope: &Scope) -> Result<TourReport, ApiError> {
    let filter = scope.store_filter("store_id");
    let visits: Vec<(String, i64)> = rows(
        &mut *conn,
        &format!(
            "SELECT store_id, COUNT(DISTINCT session_id) FROM events INDEXED BY events_tour_by_store \
             WHERE name = 'tour_visit' AND day BETWEEN ?1 AND ?2{filter} AND store_id IS NOT NULL \
             GROUP BY store_id"
        ),
        scope,
    )
    .await?;
    let hotspots: Vec<(String, i64)> = rows(&mut *conn, &format!(
            "SELECT store_id, COUNT(*) FROM events INDEXED BY events_by_name_store \
             WHERE name = 'tour_view_hotspot' AND day BETWEEN ?1 AND ?2{filter} AND store_id IS NOT NULL \
             GROUP BY store_id"
        ), scope).await?;
    // Only the stores whose tour anyone ever visited can have anything after a visit; for
    // each of their reservations and bookings, one covering look-up of an earlier visit.
    let after: Vec<(String, String, i64)> = rows(
        &mut *conn,
        &format!(
            "SELECT e.name, e.store_id, COUNT(*) FROM events e INDEXED BY events_after_tour \
             WHERE e.name IN ('reserve', 'book_guide') AND e.day BETWEEN ?1 AND ?2{} \
             AND e.store_id IN (SELECT store_id FROM events INDEXED BY events_tour_by_store \
             WHERE name = 'tour_visit' AND store_id IS NOT NULL GROUP BY store_id) AND EXISTS ( \
             SELECT 1 FROM events t INDEXED BY events_tour_visits WHERE t.name = 'tour_visit' \
             AND t.session_id = e.session_id AND t.store_id = e.store_id AND t.at <= e.at) \
             GROUP BY e.name, e.store_id",
            scope.store_filter("e.store_id")
        ),
        scope,
    )
    .await?;
    let (guide_bookings,): (i64,) = one(&mut *conn, &format!(
            "SELECT COUNT(*) FROM business_facts WHERE kind = 'guide_booked' AND day BETWEEN ?1 AND ?2{filter}"
        ), scope).await?;
    let mut by: BTreeMap<String, TourRow> = BTreeMap::new();
    for (store, n) in visits {
        by.entry(store.clone()).or_insert_with(|| row(store)).visits = count(n);
    }
    for (store, n) in hotspots {
        by.entry(store.clone())
            .or_insert_with(|| row(store))
            .hotspots_opened = count(n);
    }
    for (name, store, n) in after {
        let r = by.entry(store.clone()).or_insert_with(|| row(store));
        if name == "reserve" {
            r.reservations_after = count(n);
        } else {
            r.guide_bookings_after = count(n);
        }
    }
    let mut rows: Vec<TourRow> = by.into_values().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.visits));
    Ok(TourReport {
        scope: scope.to_api(),
        rows,
        guide_bookings: count(guide_bookings),
    })
}

/// The tour as CSV: `section,store_id,visits,hotspots_opened,reservations_after,
/// guide_bookings_after,guide_bookings`, a `store` row each, then the `total` row with the
/// guide appointments booked (facts) in the last column.
pub fn to_csv(r: &TourReport) -> String {
    let mut out = csv_line(&[
        "section",
        "store_id",
        "visits",
        "hotspots_opened",
        "reservations_after",
        "guide_bookings_after",
        "guide_bookings",
    ]);
    for row in &r.rows {
        out.push_str(&csv_line(&[
            "store",
            &row.store_id.0,
            &row.visits.to_string(),
            &row.hotspots_opened.to_string(),
            &row.reservations_after.to_string(),
            &row.guide_bookings_after.to_string(),
            "",
        ]));
    }
    out.push_str(&csv_line(&[
        "total",
        "",
        "",
        "",
        "",
        "",
        &r.guide_bookings.to_string(),
    ]));
    out
}
