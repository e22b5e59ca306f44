//! Search: what shoppers look for (`search` events, by the trimmed, lower-cased query) and
//! what the catalogue lacks (those that found nothing, `results = 0`); most searched first,
//! at most [`INSIGHT_TOP_MAX`] each. With one store in scope: the searches made with that
//! store in context.

use sqlx::SqliteConnection;
use storefront_api_types::{QueryRow, SearchReport, INSIGHT_TOP_MAX};

use super::{count, csv_line, one, rows, Scope};
use crate::error::ApiError;

async fn top(
    conn: &mut SqliteConnection,
    scope: &Scope,
    only_empty: bool,
) -> Result<Vec<QueryRow>, ApiError> {
    let empty = if only_empty { " AND results = 0" } else { "" };
    let rows: Vec<(String, i64)> = rows(
        &mut *conn,
        &format!(
            "SELECT search_term, COUNT(*) AS n FROM events INDEXED BY events_searches \
             WHERE name = 'search' AND day BETWEEN ?1 AND ?2{}{empty} AND search_term IS NOT NULL \
             GROUP BY search_term ORDER BY n DESC, search_term LIMIT {INSIGHT_TOP_MAX}",
            scope.store_filter("store_id")
        ),
        scope,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(query, n)| QueryRow {
            query,
            searches: count(n),
        })
        .collect())
}

/// The searches over `scope`.
pub async fn report(conn: &mut SqliteConnection, scope: &Scope) -> Result<SearchReport, ApiError> {
    let (searches,): (i64,) = one(
        &mut *conn,
        &format!(
            "SELECT COUNT(*) FROM events INDEXED BY events_searches \
             WHERE name = 'search' AND day BETWEEN ?1 AND ?2{}",
            scope.store_filter("store_id")
        ),
        scope,
    )
    .await?;
    Ok(SearchReport {
        scope: scope.to_api(),
        searches: count(searches),
        top: top(conn, scope, false).await?,
        no_results: top(conn, scope, true).await?,
    })
}

/// The searches as CSV: `section,query,searches`, the `total` row (every search), then a
/// `top` row per query and a `no_results` row per query that found nothing.
pub fn to_csv(r: &SearchReport) -> String {
    let mut out = csv_line(&["section", "query", "searches"]);
    out.push_str(&csv_line(&["total", "", &r.searches.to_string()]));
    for (section, list) in [("top", &r.top), ("no_results", &r.no_results)] {
        for q in list {
            out.push_str(&csv_line(&[section, &q.query, &q.searches.to_string()]));
        }
    }
    out
}
