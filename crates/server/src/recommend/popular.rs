//! Popular products: the most `view_item` events and reservations of the last
//! [`POPULAR_DAYS`] days (China Standard Time days, today included), over every store and
//! per store (the store in context of a view, the store of a reservation). Worked out in
//! full by every run of the job (a sliding window has no increments) into
//! `recommend_popular`.

use chrono::{Duration, FixedOffset, NaiveTime, Offset, TimeZone, Utc};
use sqlx::SqlitePool;
use std::collections::{HashMap, HashSet};

/// The window, in days.
pub const POPULAR_DAYS: i64 = 30;
/// Products kept per scope: twice an answer's most, so a product that leaves the catalogue
/// leaves enough behind it.
pub const POPULAR_KEEP: usize = 2 * super::neighbours::NEIGHBOURS_MAX;

/// China Standard Time, the clock of the events' `day`.
fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// The first day of the window ending on the day of `now` (`YYYY-MM-DD`), and the Unix
/// time it starts at.
pub fn window_start(now: i64) -> (String, i64) {
    let today = Utc
        .timestamp_opt(now, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&cst())
        .date_naive();
    let first = today - Duration::days(POPULAR_DAYS - 1);
    let start = first
        .and_time(NaiveTime::MIN)
        .and_local_timezone(cst())
        .single()
        .map_or(0, |t| t.timestamp());
    (first.format("%Y-%m-%d").to_string(), start)
}

/// Ranks each scope's products (score, then product id) and keeps the first
/// [`POPULAR_KEEP`]: `(scope, rank, product, score)`.
pub fn rank(scores: HashMap<(String, String), i64>) -> Vec<(String, i64, String, i64)> {
    let mut by_scope: HashMap<String, Vec<(String, i64)>> = HashMap::new();
    for ((scope, product), score) in scores {
        by_scope.entry(scope).or_default().push((product, score));
    }
    let mut rows = Vec::new();
    for (scope, mut products) in by_scope {
        products.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (rank, (product, score)) in products.into_iter().take(POPULAR_KEEP).enumerate() {
            rows.push((scope.clone(), rank as i64, product, score));
        }
    }
    rows
}

/// Works out the popular lists again (every scope) as of `now`.
pub async fn rebuild(
    db: &SqlitePool,
    catalogue: &HashSet<String>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (first_day, start) = window_start(now);
    let views: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT product_id, COALESCE(store_id, ''), COUNT(*) FROM events \
         WHERE day >= ? AND name = 'view_item' AND product_id IS NOT NULL GROUP BY 1, 2",
    )
    .bind(&first_day)
    .fetch_all(db)
    .await?;
    let reserved: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT product_id, store_id, COUNT(*) FROM reservations WHERE created_at >= ? GROUP BY 1, 2",
    )
    .bind(start)
    .fetch_all(db)
    .await?;
    let mut scores: HashMap<(String, String), i64> = HashMap::new();
    for (product, store, n) in views.into_iter().chain(reserved) {
        if !catalogue.contains(&product) {
            continue;
        }
        if !store.is_empty() {
            *scores.entry((store, product.clone())).or_default() += n;
        }
        *scores.entry((String::new(), product)).or_default() += n;
    }
    let rows = rank(scores);
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM recommend_popular")
        .execute(&mut *tx)
        .await?;
    for part in rows.chunks(500) {
        let mut qb = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "INSERT INTO recommend_popular (scope, rank, product_id, score) ",
        );
        qb.push_values(part, |mut b, r| {
            b.push_bind(&r.0)
                .push_bind(r.1)
                .push_bind(&r.2)
                .push_bind(r.3);
        });
        qb.build().execute(&mut *tx).await?;
    }
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_thirty_china_days_with_today() {
        // 2026-03-31T17:00:00Z is 2026-04-01 01:00 in China
        let (day, start) = window_start(1_774_976_400);
        assert_eq!(day, "2026-03-03");
        // 2026-03-03 00:00 +08:00
        assert_eq!(start, 1_772_467_200);
    }

    #[test]
    fn scopes_rank_by_score_then_id_and_keep_their_best() {
        let mut scores = HashMap::new();
        for i in 0..60 {
            scores.insert((String::new(), format!("p_{i:02}")), 100 - i);
        }
        scores.insert(("s_a".to_owned(), "p_09".to_owned()), 3);
        scores.insert(("s_a".to_owned(), "p_02".to_owned()), 3);
        scores.insert(("s_a".to_owned(), "p_05".to_owned()), 7);
        let rows = rank(scores);
        let scope = |s: &str| {
            let mut r: Vec<_> = rows.iter().filter(|r| r.0 == s).collect();
            r.sort_by_key(|r| r.1);
            r.into_iter().map(|r| r.2.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(scope("s_a"), vec!["p_05", "p_02", "p_09"]);
        let all = scope("");
        assert_eq!(all.len(), POPULAR_KEEP);
        assert_eq!((all[0], all[POPULAR_KEEP - 1]), ("p_00", "p_47"));
    }
}
