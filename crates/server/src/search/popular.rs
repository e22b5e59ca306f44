//! Popular searches: `popular_queries` (normalised text, its pinyin and initials, count,
//! updated_at), seeded with common searches and counted from clicks.
//!
//! - What counts: a click (`POST /api/v1/search/clicks`), a product opened from a search's
//!   results, and only when the product is one of the results of the query's counted form
//!   ([`counted_form`]: normalised for case, width and spaces, misspelt words replaced by the
//!   search's own correction, so "ＪＡＫＣＥＴ " counts as "jacket"). A search alone, or one
//!   with no results, never counts.
//! - Who counts: each client address counts a query at most once a day (UTC) and at most
//!   [`CLIENT_QUERIES_A_DAY`] distinct queries a day (`popular_query_clicks`), so no one
//!   person steers the list.
//! - What is offered: only a query in its counted form that finds products today
//!   ([`offerable`]), so rows from before these rules, or of products since gone, never show.
//!
//! Counting never slows an answer: handlers hand the click to a background task over a
//! bounded channel (dropped when full), which writes what arrived in one transaction at most
//! every [`FLUSH_EVERY`]. The table keeps the [`MAX_ROWS`] most searched queries.

use sqlx::{SqliteConnection, SqlitePool};
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::mpsc;

use super::text::{is_han, normalized_query, pinyin_runs, query_terms};
use super::vocab::Vocab;
use super::{find, SearchPlan};
use crate::catalog::Catalog;

/// The table never holds more rows than this.
pub const MAX_ROWS: i64 = 1_000;
/// Longest query text recorded, in characters.
pub const MAX_CHARS: usize = 40;
/// How long counts are gathered before they are written.
pub const FLUSH_EVERY: Duration = Duration::from_millis(500);
const CHANNEL: usize = 1_024;
/// Distinct queries one client address counts in a day (UTC); each at most once.
pub const CLIENT_QUERIES_A_DAY: i64 = 20;
const DAY_SECONDS: i64 = 86_400;

/// Common searches of the demo brand with made-up counts, most searched first.
pub const SEED: &[(&str, i64)] = &[
    ("运动鞋", 980),
    ("羽绒服", 940),
    ("连衣裙", 905),
    ("jacket", 870),
    ("跑步鞋", 820),
    ("sneakers", 790),
    ("牛仔裤", 760),
    ("t恤", 730),
    ("衬衫", 700),
    ("背包", 660),
    ("dress", 620),
    ("jeans", 600),
    ("双肩包", 560),
    ("羊绒围巾", 520),
    ("down jacket", 490),
    ("风衣", 470),
    ("切尔西靴", 450),
    ("running shoes", 430),
    ("真丝", 400),
    ("backpack", 380),
    ("马克杯", 350),
    ("香薰蜡烛", 330),
    ("cashmere", 310),
    ("托特包", 290),
    ("linen shirt", 270),
    ("帆布鞋", 250),
    ("台灯", 230),
    ("trench coat", 210),
    ("渔夫帽", 190),
    ("tote", 170),
    ("阔腿裤", 150),
    ("wool", 130),
];

/// Full pinyin and initials of a (normalised) query, without spaces: Han terms by their
/// pinyin, other terms as they are ("running 鞋" → `("runningxie", "rx")`).
pub fn query_pinyin(normalized: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for t in query_terms(normalized) {
        if t.chars().any(is_han) {
            for (f, i) in pinyin_runs(&t) {
                full.push_str(&f);
                initials.push_str(&i);
            }
        } else {
            full.push_str(&t);
            initials.extend(t.chars().next());
        }
    }
    (full, initials)
}

/// Adds `n` searches of each query (normalised) and trims the table to [`MAX_ROWS`].
pub async fn add_counts(
    conn: &mut SqliteConnection,
    counts: &[(String, i64)],
    now: i64,
) -> Result<(), sqlx::Error> {
    for (query, n) in counts {
        let (pinyin, initials) = query_pinyin(query);
        sqlx::query(
            "INSERT INTO popular_queries (query, pinyin, initials, count, updated_at) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT(query) DO UPDATE SET count = count + excluded.count, updated_at = excluded.updated_at",
        )
        .bind(query)
        .bind(pinyin)
        .bind(initials)
        .bind(n)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "DELETE FROM popular_queries WHERE query IN \
         (SELECT query FROM popular_queries ORDER BY count DESC, updated_at DESC, query LIMIT -1 OFFSET ?)",
    )
    .bind(MAX_ROWS)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Seeds the common searches when the table is empty.
pub async fn seed(conn: &mut SqliteConnection, now: i64) -> Result<(), sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM popular_queries")
        .fetch_one(&mut *conn)
        .await?;
    if n == 0 {
        let counts: Vec<(String, i64)> = SEED.iter().map(|(q, n)| ((*q).to_owned(), *n)).collect();
        add_counts(conn, &counts, now).await?;
    }
    Ok(())
}

/// The plan of a query that may be counted and offered: not empty, at most [`MAX_CHARS`],
/// written in its normalised form and with no word the search would correct.
fn canonical_plan(query: &str, vocab: &Vocab) -> Option<SearchPlan> {
    if query.is_empty() || query.chars().count() > MAX_CHARS || normalized_query(query) != query {
        return None;
    }
    let plan = SearchPlan::new(query, vocab);
    (!plan.is_empty() && plan.did_you_mean().is_none()).then_some(plan)
}

/// The form in which a click on item `item` from the results of `q` is counted: `q`
/// normalised (case, full-width, spaces), its misspelt words replaced by the correction the
/// search offers; `None` when that form is not canonical or `item` is not among its results.
pub async fn counted_form(
    db: &SqlitePool,
    vocab: &Vocab,
    catalog: &Catalog,
    q: &str,
    item: u32,
) -> Result<Option<String>, sqlx::Error> {
    let normalized = normalized_query(q);
    let form = match SearchPlan::new(&normalized, vocab).did_you_mean() {
        Some(corrected) => normalized_query(&corrected),
        None => normalized,
    };
    let Some(plan) = canonical_plan(&form, vocab) else {
        return Ok(None);
    };
    let matches = find(db, catalog, &plan, false).await?;
    let hit = matches.mask.get(item as usize).copied().unwrap_or(false);
    Ok(hit.then_some(form))
}

/// Whether a popular query may be offered: in its counted form and finding products.
pub async fn offerable(
    db: &SqlitePool,
    vocab: &Vocab,
    catalog: &Catalog,
    query: &str,
) -> Result<bool, sqlx::Error> {
    match canonical_plan(query, vocab) {
        Some(plan) => Ok(!find(db, catalog, &plan, false).await?.scores.is_empty()),
        None => Ok(false),
    }
}

/// A click to count: who (a digest of the client's address) and the counted form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Click {
    /// SHA-256 (hex, 16 bytes) of the client's address.
    pub client: String,
    /// The query in its counted form.
    pub query: String,
}

/// Writes clicks in order: each counts unless its client already counted the query today
/// or counted [`CLIENT_QUERIES_A_DAY`] queries today. Forgets the clients of past days.
pub async fn add_clicks(
    conn: &mut SqliteConnection,
    clicks: &[Click],
    now: i64,
) -> Result<(), sqlx::Error> {
    let day = now.div_euclid(DAY_SECONDS);
    sqlx::query("DELETE FROM popular_query_clicks WHERE day < ?")
        .bind(day)
        .execute(&mut *conn)
        .await?;
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for click in clicks {
        let added = sqlx::query(
            "INSERT OR IGNORE INTO popular_query_clicks (day, client, query) SELECT ?1, ?2, ?3 \
             WHERE (SELECT COUNT(*) FROM popular_query_clicks WHERE day = ?1 AND client = ?2) < ?4",
        )
        .bind(day)
        .bind(&click.client)
        .bind(&click.query)
        .bind(CLIENT_QUERIES_A_DAY)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if added == 1 {
            *counts.entry(click.query.clone()).or_default() += 1;
        }
    }
    let counts: Vec<(String, i64)> = counts.into_iter().collect();
    add_counts(conn, &counts, now).await
}

/// Sends clicks to the background writer.
pub struct Recorder {
    tx: Option<mpsc::Sender<Click>>,
}

impl Recorder {
    /// Starts the writer task (only inside a Tokio runtime; otherwise nothing is recorded).
    pub fn start(db: SqlitePool) -> Self {
        if tokio::runtime::Handle::try_current().is_err() {
            return Recorder { tx: None };
        }
        let (tx, rx) = mpsc::channel(CHANNEL);
        tokio::spawn(writer(db, rx));
        Recorder { tx: Some(tx) }
    }

    /// Queues one click of `client` (its address) on a result of `query` (counted form);
    /// drops it when the queue is full.
    pub fn record(&self, client: &str, query: String) {
        if let Some(tx) = &self.tx {
            let digest = crate::digest::sha256_hex(client);
            let client = digest.get(..32).unwrap_or(&digest).to_owned();
            let _ = tx.try_send(Click { client, query });
        }
    }
}

async fn writer(db: SqlitePool, mut rx: mpsc::Receiver<Click>) {
    while let Some(first) = rx.recv().await {
        let mut clicks = vec![first];
        let deadline = tokio::time::Instant::now() + FLUSH_EVERY;
        while let Ok(Some(c)) = tokio::time::timeout_at(deadline, rx.recv()).await {
            clicks.push(c);
        }
        let now = chrono::Utc::now().timestamp();
        let result = async {
            let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
            add_clicks(&mut tx, &clicks, now).await?;
            tx.commit().await
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not record popular searches");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_of_queries() {
        assert_eq!(query_pinyin("运动鞋"), ("yundongxie".into(), "ydx".into()));
        assert_eq!(
            query_pinyin("running 鞋"),
            ("runningxie".into(), "rx".into())
        );
        assert_eq!(query_pinyin("t恤"), ("txu".into(), "tx".into()));
    }
}
