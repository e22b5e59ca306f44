//! Popular searches: `popular_queries` (normalised text, its pinyin and initials, count,
//! updated_at), seeded with common searches and counted as shoppers search.
//!
//! Counting never slows an answer: handlers hand the text to a background task over a
//! bounded channel (dropped when full), which adds up counts and writes them in one
//! transaction at most every [`FLUSH_EVERY`]. The table keeps the [`MAX_ROWS`] most searched
//! queries.

use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::mpsc;

use super::text::{is_han, pinyin_runs, query_terms};

/// The table never holds more rows than this.
pub const MAX_ROWS: i64 = 1_000;
/// Longest query text recorded, in characters.
pub const MAX_CHARS: usize = 40;
/// How long counts are gathered before they are written.
pub const FLUSH_EVERY: Duration = Duration::from_millis(500);
const CHANNEL: usize = 1_024;

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

/// Sends searches to the background writer.
pub struct Recorder {
    tx: Option<mpsc::Sender<String>>,
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

    /// Queues one search; drops it when the queue is full or the text is too long.
    pub fn record(&self, normalized: &str) {
        if normalized.is_empty() || normalized.chars().count() > MAX_CHARS {
            return;
        }
        if let Some(tx) = &self.tx {
            let _ = tx.try_send(normalized.to_owned());
        }
    }
}

async fn writer(db: SqlitePool, mut rx: mpsc::Receiver<String>) {
    while let Some(first) = rx.recv().await {
        let mut counts: HashMap<String, i64> = HashMap::new();
        *counts.entry(first).or_default() += 1;
        let deadline = tokio::time::Instant::now() + FLUSH_EVERY;
        while let Ok(Some(q)) = tokio::time::timeout_at(deadline, rx.recv()).await {
            *counts.entry(q).or_default() += 1;
        }
        let mut counts: Vec<(String, i64)> = counts.into_iter().collect();
        counts.sort();
        let now = chrono::Utc::now().timestamp();
        let result = async {
            let mut tx = db.begin().await?;
            add_counts(&mut tx, &counts, now).await?;
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
