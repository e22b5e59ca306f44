//! After the hold: cancelling, collecting and expiring reservations, each releasing its
//! units back to the store's stock.

use chrono::Utc;
use sqlx::{Sqlite, SqlitePool, Transaction};
use storefront_api_types::{ProblemCode, ReservationStatus};

use super::row::{begin, load, Row, ROW_COLUMNS};
use crate::db::retry_busy;
use crate::error::ApiError;
use crate::facts::Kind;
use crate::state::AppState;

/// How often the background task expires reservations.
pub const EXPIRY_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

async fn release(
    tx: &mut Transaction<'_, Sqlite>,
    variant_id: &str,
    store_id: &str,
    quantity: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE stock SET quantity = quantity + ?, updated_at = ? WHERE variant_id = ? AND store_id = ?",
    )
    .bind(quantity)
    .bind(now)
    .bind(variant_id)
    .bind(store_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Expires every active reservation whose hold ended at or before `now` (Unix seconds) and
/// releases its units, in one transaction. Returns how many expired.
pub async fn expire_due(db: &SqlitePool, now: i64) -> Result<u64, sqlx::Error> {
    let due: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM reservations WHERE status = 'active' AND hold_until <= ? LIMIT 1",
    )
    .bind(now)
    .fetch_optional(db)
    .await?;
    if due.is_none() {
        return Ok(0);
    }
    let mut tx = begin(db).await?;
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT code, variant_id, store_id, quantity FROM reservations WHERE status = 'active' AND hold_until <= ?",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    for (code, variant, store, quantity) in &rows {
        sqlx::query("UPDATE reservations SET status = 'expired', updated_at = ? WHERE code = ?")
            .bind(now)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        release(&mut tx, variant, store, *quantity, now).await?;
        crate::facts::reservation_ended(&mut tx, Kind::ReservationExpired, code, now).await?;
    }
    tx.commit().await?;
    if !rows.is_empty() {
        tracing::info!(expired = rows.len(), "expired reservations");
    }
    Ok(rows.len() as u64)
}

/// [`expire_due`] behind the write mutex, retried while busy.
pub async fn expire(state: &AppState, now: i64) -> Result<u64, ApiError> {
    let _writer = state.writes.lock().await;
    retry_busy(|| async { Ok(expire_due(&state.db, now).await?) }).await
}

/// Expires reservations every [`EXPIRY_INTERVAL`] for as long as the process runs.
pub fn start_expiry(state: AppState) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    handle.spawn(async move {
        let mut tick = tokio::time::interval(EXPIRY_INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = expire(&state, Utc::now().timestamp()).await {
                tracing::warn!(error = %e, "expiring reservations failed");
            }
        }
    });
}

/// Why a reservation could not change.
fn not_active(row: &Row) -> ApiError {
    let what = match row.status() {
        ReservationStatus::Active => "active",
        ReservationStatus::Collected => "already collected",
        ReservationStatus::Cancelled => "already cancelled",
        ReservationStatus::Expired => "expired",
    };
    ApiError::refusal(
        ProblemCode::NotActive,
        format!("reservation {} is {what}", row.code),
    )
}

/// The reservation `code`, expiring it first when its hold has ended; 404 when unknown.
pub async fn current(state: &AppState, code: &str, now: i64) -> Result<Row, ApiError> {
    let row = load(&state.db, code)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no reservation {code}")))?;
    if row.status() == ReservationStatus::Active && row.hold_until <= now {
        expire(state, now).await?;
        return load(&state.db, code)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no reservation {code}")));
    }
    Ok(row)
}

/// Moves an active reservation to `to` (cancelled: releasing its units; collected), in one
/// transaction; 409 `not_active` otherwise. With `store_id`, a reservation of another store
/// is 404.
pub async fn finish(
    state: &AppState,
    code: &str,
    to: ReservationStatus,
    store_id: Option<&str>,
    now: i64,
) -> Result<Row, ApiError> {
    let row = current(state, code, now).await?;
    if store_id.is_some_and(|s| s != row.store_id) {
        return Err(ApiError::NotFound(format!(
            "no reservation {code} at this store"
        )));
    }
    if row.status() != ReservationStatus::Active {
        return Err(not_active(&row));
    }
    let _writer = state.writes.lock().await;
    retry_busy(|| finish_once(&state.db, &row, to, now)).await
}

async fn finish_once(
    db: &SqlitePool,
    row: &Row,
    to: ReservationStatus,
    now: i64,
) -> Result<Row, ApiError> {
    let status = match to {
        ReservationStatus::Cancelled => "cancelled",
        ReservationStatus::Collected => "collected",
        ReservationStatus::Expired => "expired",
        ReservationStatus::Active => "active",
    };
    let mut tx = begin(db).await?;
    let changed = sqlx::query(
        "UPDATE reservations SET status = ?, updated_at = ? WHERE code = ? AND status = 'active'",
    )
    .bind(status)
    .bind(now)
    .bind(&row.code)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        let latest = load(db, &row.code).await?.unwrap_or_else(|| row.clone());
        return Err(not_active(&latest));
    }
    if to == ReservationStatus::Collected {
        crate::facts::reservation_ended(&mut tx, Kind::ReservationCollected, &row.code, now)
            .await?;
    } else {
        release(&mut tx, &row.variant_id, &row.store_id, row.quantity, now).await?;
    }
    let updated: Row = sqlx::query_as(&format!("{ROW_COLUMNS} WHERE code = ?"))
        .bind(&row.code)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(updated)
}
