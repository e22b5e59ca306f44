//! The staff's insight reports (issue 16), without HTTP types: exact counts of the events
//! shoppers' devices sent after analytics consent (`events`, migration 0012) and of the
//! server's own business facts (`business_facts`, [`crate::facts`]), over a period of days
//! on China Standard Time and every store or one.
//!
//! - [`funnel`]: product views → stock at a store viewed → reservations → collected
//!   (and expired), by store and category;
//! - [`stockouts`]: variants seen out of stock at the shopper's store, by store and product;
//! - [`coupons`]: coupons claimed → redeemed at a till, by offer and channel; points earned
//!   by store and tier;
//! - [`tour`]: the virtual tour's visits, hotspots opened, and the reservations and guide
//!   bookings that followed a visit in the same session;
//! - [`search`]: top queries and the queries that found nothing.
//!
//! Each report reads covering indexes of its own (migration 0013; partial ones for the
//! rarer events), named with `INDEXED BY` so the plan never depends on the statistics:
//! over a million events the heaviest (the funnel of 180 days, every store) costs about
//! 50 ms of CPU, the others under 20 ms (`scripts/bench-insight.mjs`). Each has a CSV
//! form: a header row, then a row per figure group, the first column naming the section;
//! fields are quoted when needed and never start a spreadsheet formula ([`csv_line`]).

pub mod coupons;
pub mod funnel;
pub mod search;
pub mod stockouts;
pub mod tour;

use chrono::{Duration, NaiveDate};
use sqlx::sqlite::SqliteRow;
use sqlx::SqliteConnection;
use storefront_api_types::{FieldError, InsightScope, StoreId, INSIGHT_DAYS_MAX};

use crate::marketing::results::csv_field;

/// The period and the store of a report: days `from` to `to` inclusive (`YYYY-MM-DD`,
/// China Standard Time) and one store or all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// The one store, or `None` for every store.
    pub store_id: Option<String>,
}

impl Scope {
    /// The wire form.
    pub fn to_api(&self) -> InsightScope {
        InsightScope {
            from: self.from.clone(),
            to: self.to.clone(),
            store_id: self.store_id.clone().map(StoreId),
        }
    }

    /// ` AND {column} = ?3` when one store is in scope (bind it with [`Scope::bind`]).
    fn store_filter(&self, column: &str) -> String {
        match self.store_id {
            Some(_) => format!(" AND {column} = ?3"),
            None => String::new(),
        }
    }
}

/// The rows of `sql` with `?1` (from), `?2` (to) and, with one store in scope, `?3` (the
/// store) bound.
pub(crate) async fn rows<T>(
    conn: &mut SqliteConnection,
    sql: &str,
    scope: &Scope,
) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, SqliteRow> + Send + Unpin,
{
    let mut q = sqlx::query_as::<_, T>(sql)
        .bind(&scope.from)
        .bind(&scope.to);
    if let Some(store) = &scope.store_id {
        q = q.bind(store);
    }
    q.fetch_all(conn).await
}

/// The one row of `sql`, bound as [`rows`] binds.
pub(crate) async fn one<T>(
    conn: &mut SqliteConnection,
    sql: &str,
    scope: &Scope,
) -> Result<T, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, SqliteRow> + Send + Unpin,
{
    let mut q = sqlx::query_as::<_, T>(sql)
        .bind(&scope.from)
        .bind(&scope.to);
    if let Some(store) = &scope.store_id {
        q = q.bind(store);
    }
    q.fetch_one(conn).await
}

/// How many days the period of a report has when `from` is not given (`to` and the 29
/// days before it).
pub const DEFAULT_DAYS: i64 = 30;

/// The period of a report from its query (`from`, `to` as given), `today` being the
/// current day: `to` defaults to today, `from` to [`DEFAULT_DAYS`] days ending at `to`.
/// A malformed day names its parameter; `to` before `from`, or more than
/// [`INSIGHT_DAYS_MAX`] days in all, name `to`.
pub fn period(
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut day = |name: &str, raw: Option<&str>| match raw {
        None => Some(None),
        Some(v) => match crate::http::extract::iso_date(v) {
            Some(d) => Some(Some(d)),
            None => {
                errors.push(fault(name, "expected a date YYYY-MM-DD"));
                None
            }
        },
    };
    let (from, to) = (day("from", from), day("to", to));
    let (Some(from), Some(to)) = (from, to) else {
        return Err(errors);
    };
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - Duration::days(DEFAULT_DAYS - 1));
    if to < from {
        return Err(vec![fault("to", "must not be before from")]);
    }
    if (to - from).num_days() >= i64::from(INSIGHT_DAYS_MAX) {
        return Err(vec![fault(
            "to",
            &format!("a period is at most {INSIGHT_DAYS_MAX} days"),
        )]);
    }
    Ok((from, to))
}

fn fault(name: &str, message: &str) -> FieldError {
    FieldError {
        pointer: format!("#/query/{name}"),
        message: message.to_owned(),
    }
}

/// One CSV line (CRLF) of `fields`, each quoted when needed and neutralised when it would
/// start a spreadsheet formula.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// A count as stored (never negative) on the wire.
pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::http::extract::iso_date(s).unwrap_or_default()
    }

    fn pointers(r: Result<(NaiveDate, NaiveDate), Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.pointer)
            .collect()
    }

    #[test]
    fn periods_default_to_thirty_days_and_are_bounded() {
        let today = d("2026-06-30");
        assert_eq!(
            period(None, None, today),
            Ok((d("2026-06-01"), d("2026-06-30")))
        );
        assert_eq!(
            period(None, Some("2026-01-30"), today),
            Ok((d("2026-01-01"), d("2026-01-30")))
        );
        assert_eq!(
            period(Some("2026-06-30"), Some("2026-06-30"), today),
            Ok((d("2026-06-30"), d("2026-06-30")))
        );
        assert!(period(Some("2025-01-01"), Some("2026-01-01"), today).is_ok());
        assert_eq!(
            pointers(period(Some("2025-01-01"), Some("2026-01-02"), today)),
            ["#/query/to"]
        );
        assert_eq!(
            pointers(period(Some("2026-07-01"), None, today)),
            ["#/query/to"]
        );
        assert_eq!(
            pointers(period(Some("2026-02-30"), Some("x"), today)),
            ["#/query/from", "#/query/to"]
        );
    }

    #[test]
    fn csv_lines_are_quoted_and_never_formulas() {
        assert_eq!(csv_line(&["a", "=1+1", "b,c", ""]), "a,'=1+1,\"b,c\",\r\n");
    }
}
