//! The online-to-store funnel: `view_item` and `view_store_stock` events, then the
//! reservations made, collected and expired (business facts), by store and category.
//! A product view without a store in context counts under store `null`, and only while
//! every store is in scope. Events or facts without a category count in the totals only.

use sqlx::SqliteConnection;
use std::collections::BTreeMap;
use storefront_api_types::{CategoryId, FunnelBreakdown, FunnelFigures, FunnelReport, StoreId};

use super::{count, csv_line, rows, Scope};
use crate::error::ApiError;

type Key = (Option<String>, Option<String>);

fn add(f: &mut FunnelFigures, what: &str, n: u64) {
    match what {
        "view_item" => f.product_views += n,
        "view_store_stock" => f.stock_views += n,
        "reservation_made" => f.reservations += n,
        "reservation_collected" => f.collected += n,
        "reservation_expired" => f.expired += n,
        _ => {}
    }
}

/// The funnel over `scope`.
pub async fn report(conn: &mut SqliteConnection, scope: &Scope) -> Result<FunnelReport, ApiError> {
    let events = format!(
        "SELECT name, store_id, category_id, COUNT(*) FROM events INDEXED BY events_by_name_store \
         WHERE name IN ('view_item', 'view_store_stock') AND day BETWEEN ?1 AND ?2{} \
         GROUP BY name, store_id, category_id",
        scope.store_filter("store_id")
    );
    let facts = format!(
        "SELECT kind, store_id, category_id, COUNT(*) FROM business_facts \
         WHERE kind IN ('reservation_made', 'reservation_collected', 'reservation_expired') \
         AND day BETWEEN ?1 AND ?2{} GROUP BY kind, store_id, category_id",
        scope.store_filter("store_id")
    );
    let mut groups: Vec<(String, Option<String>, Option<String>, i64)> =
        rows(&mut *conn, &events, scope).await?;
    groups.extend(rows(&mut *conn, &facts, scope).await?);
    let mut totals = FunnelFigures::default();
    let mut by: BTreeMap<Key, FunnelFigures> = BTreeMap::new();
    for (what, store, category, n) in groups {
        let n = count(n);
        add(&mut totals, &what, n);
        if category.is_some() {
            add(by.entry((store, category)).or_default(), &what, n);
        }
    }
    let mut rows: Vec<FunnelBreakdown> = by
        .into_iter()
        .filter_map(|((store, category), figures)| {
            Some(FunnelBreakdown {
                store_id: store.map(StoreId),
                category_id: CategoryId(category?),
                figures,
            })
        })
        .collect();
    // Most product views first; the map's order (store, category) among equals.
    rows.sort_by_key(|r| std::cmp::Reverse(r.figures.product_views));
    Ok(FunnelReport {
        scope: scope.to_api(),
        totals,
        rows,
    })
}

/// The funnel as CSV: `section,store_id,category_id,product_views,stock_views,
/// reservations,collected,expired`, the `total` row first, then a `row` per store and
/// category (an empty store: none in context).
pub fn to_csv(r: &FunnelReport) -> String {
    let mut out = csv_line(&[
        "section",
        "store_id",
        "category_id",
        "product_views",
        "stock_views",
        "reservations",
        "collected",
        "expired",
    ]);
    let line = |section: &str, store: &str, category: &str, f: &FunnelFigures| {
        csv_line(&[
            section.to_owned(),
            store.to_owned(),
            category.to_owned(),
            f.product_views.to_string(),
            f.stock_views.to_string(),
            f.reservations.to_string(),
            f.collected.to_string(),
            f.expired.to_string(),
        ])
    };
    out.push_str(&line("total", "", "", &r.totals));
    for row in &r.rows {
        let store = row.store_id.as_ref().map_or("", |s| s.0.as_str());
        out.push_str(&line("row", store, &row.category_id.0, &row.figures));
    }
    out
}
