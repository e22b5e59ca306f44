//! Retention: events are kept `--event-retention-days` (default 180) from when the server
//! received them, then deleted by a background job that runs at start and every hour. It
//! deletes in chunks of [`RETENTION_CHUNK`] rows, each its own short transaction behind the
//! process's write queue, so ingest and other writes never wait long for the write lock.

use sqlx::SqlitePool;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

use crate::db::retry_busy;
use crate::error::ApiError;

/// Rows deleted per transaction.
pub const RETENTION_CHUNK: i64 = 5_000;
/// How often the job runs.
pub const RETENTION_EVERY: Duration = Duration::from_secs(3_600);

/// Deletes every event received before `cutoff` (Unix seconds), chunk by chunk; the number
/// deleted.
pub async fn delete_before(
    db: &SqlitePool,
    writes: &Mutex<()>,
    cutoff: i64,
) -> Result<u64, ApiError> {
    let mut deleted = 0;
    loop {
        let n = {
            let _writer = writes.lock().await;
            retry_busy(|| async {
                Ok(sqlx::query(
                    "DELETE FROM events WHERE id IN \
                     (SELECT id FROM events WHERE received_at < ? LIMIT ?)",
                )
                .bind(cutoff)
                .bind(RETENTION_CHUNK)
                .execute(db)
                .await?
                .rows_affected())
            })
            .await?
        };
        deleted += n;
        if n < RETENTION_CHUNK as u64 {
            return Ok(deleted);
        }
        // Let queued writes in between chunks.
        tokio::task::yield_now().await;
    }
}

/// Starts the retention job: now, then every [`RETENTION_EVERY`], deleting events older
/// than `days` days and logging how many.
pub fn start(db: SqlitePool, writes: Arc<Mutex<()>>, days: u32) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    handle.spawn(async move {
        let mut tick = tokio::time::interval(RETENTION_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let cutoff = chrono::Utc::now().timestamp() - i64::from(days) * 86_400;
            match delete_before(&db, &writes, cutoff).await {
                Ok(deleted) => tracing::info!(deleted, days, "deleted events past retention"),
                Err(e) => tracing::warn!(error = %e, "deleting events past retention failed"),
            }
        }
    });
}
