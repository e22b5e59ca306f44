//! Stock-outs seen by shoppers: `view_store_stock` events with `out_of_stock = 1` (the
//! variant had no units at the shopper's store), by store and product, with their distinct
//! visits and the nearest store that had the variant at the last such view; most views
//! first, at most [`INSIGHT_TOP_MAX`] rows.

use sqlx::SqliteConnection;
use storefront_api_types::{
    LocalizedText, ProductId, StockoutReport, StockoutRow, StoreId, INSIGHT_TOP_MAX,
};

use super::{count, csv_line, one, rows, Scope};
use crate::error::ApiError;

/// A group: store, product, views, sessions, nearest store, name (zh, en).
type Group = (
    String,
    String,
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The stock-outs over `scope`.
pub async fn report(
    conn: &mut SqliteConnection,
    scope: &Scope,
) -> Result<StockoutReport, ApiError> {
    let filter = scope.store_filter("store_id");
    let (total,): (i64,) = one(
        &mut *conn,
        &format!(
            "SELECT COUNT(*) FROM events INDEXED BY events_out_of_stock \
             WHERE name = 'view_store_stock' AND out_of_stock = 1 AND day BETWEEN ?1 AND ?2{filter}"
        ),
        scope,
    )
    .await?;
    // `nearest_store_id` is a bare column beside the one max(): SQLite takes it from the row
    // of that max, the latest view (ties broken by the later row).
    let groups: Vec<Group> = rows(&mut *conn, &format!(
            "SELECT g.store_id, g.product_id, g.views, g.sessions, g.nearest, p.name_zh, p.name_en FROM ( \
             SELECT store_id, product_id, COUNT(*) AS views, COUNT(DISTINCT session_id) AS sessions, \
             MAX(at * 1073741824 + (id % 1073741824)) AS last, nearest_store_id AS nearest \
             FROM events INDEXED BY events_out_of_stock \
             WHERE name = 'view_store_stock' AND out_of_stock = 1 AND day BETWEEN ?1 AND ?2{filter} \
             AND store_id IS NOT NULL AND product_id IS NOT NULL \
             GROUP BY store_id, product_id ORDER BY views DESC, store_id, product_id LIMIT {INSIGHT_TOP_MAX} \
             ) g LEFT JOIN products p ON p.id = g.product_id \
             ORDER BY g.views DESC, g.store_id, g.product_id"
        ), scope).await?;
    let rows = groups
        .into_iter()
        .map(
            |(store, product, views, sessions, nearest, zh, en)| StockoutRow {
                product_name: LocalizedText {
                    zh_cn: zh.unwrap_or_else(|| product.clone()),
                    en: en.unwrap_or_else(|| product.clone()),
                },
                store_id: StoreId(store),
                product_id: ProductId(product),
                views: count(views),
                sessions: count(sessions),
                nearest_store_id: nearest.map(StoreId),
            },
        )
        .collect();
    Ok(StockoutReport {
        scope: scope.to_api(),
        total_views: count(total),
        rows,
    })
}

/// The stock-outs as CSV: `section,store_id,product_id,product_zh,product_en,views,
/// sessions,nearest_store_id`, a `total` row (every out-of-stock view) then a `row` each.
pub fn to_csv(r: &StockoutReport) -> String {
    let mut out = csv_line(&[
        "section",
        "store_id",
        "product_id",
        "product_zh",
        "product_en",
        "views",
        "sessions",
        "nearest_store_id",
    ]);
    out.push_str(&csv_line(&[
        "total".to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        r.total_views.to_string(),
        String::new(),
        String::new(),
    ]));
    for row in &r.rows {
        out.push_str(&csv_line(&[
            "row".to_owned(),
            row.store_id.0.clone(),
            row.product_id.0.clone(),
            row.product_name.zh_cn.clone(),
            row.product_name.en.clone(),
            row.views.to_string(),
            row.sessions.to_string(),
            row.nearest_store_id
                .as_ref()
                .map_or(String::new(), |s| s.0.clone()),
        ]));
    }
    out
}
