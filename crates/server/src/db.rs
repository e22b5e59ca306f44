//! SQLite: open (creating the file and its directory), WAL mode, migrations.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use crate::error::ApiError;

/// The file a `sqlite:` URL names, when it names one (not `:memory:`).
pub fn file_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() || path.starts_with(":memory:") {
        None
    } else {
        Some(PathBuf::from(path))
    }
}

/// Opens the database: creates the file's directory and the file, turns on WAL, foreign keys
/// and a busy timeout, and runs the embedded migrations.
pub async fn connect(url: &str) -> Result<SqlitePool, Box<dyn std::error::Error + Send + Sync>> {
    if let Some(path) = file_path(url) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
    }
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Whether the catalogue has no products yet.
pub async fn is_empty(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM categories")
        .fetch_one(pool)
        .await?;
    Ok(n == 0)
}

/// Whether a database error is SQLite's "busy"/"locked" (worth retrying).
pub fn is_busy(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|c| matches!(c & 0xff, 5 | 6))
}

/// Runs a write, retrying while SQLite reports busy; still busy after that is a 503.
pub async fn retry_busy<T, F, Fut>(mut op: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let mut attempt = 0u64;
    loop {
        match op().await {
            Err(ApiError::Database(e)) if is_busy(&e) => {
                attempt += 1;
                if attempt > 8 {
                    return Err(ApiError::Unavailable(
                        "the database is busy; try again".to_owned(),
                    ));
                }
                tokio::time::sleep(std::time::Duration::from_millis(20 * attempt)).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_path_of_urls() {
        assert_eq!(
            file_path("sqlite://data/storefront.db"),
            Some(PathBuf::from("data/storefront.db"))
        );
        assert_eq!(
            file_path("sqlite:///tmp/x.db?mode=rwc"),
            Some(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(file_path("sqlite::memory:"), None);
    }
}
