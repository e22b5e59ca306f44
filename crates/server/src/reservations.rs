//! Reserve-for-pickup: holding stock atomically, idempotent retries, cancelling, collecting
//! and expiring, over SQLite.
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction (the write lock is taken up
//! front, so two holds can never both read the same units), behind the process's write
//! mutex, and is retried a few times if SQLite still reports it busy; the stock table's
//! `CHECK (quantity >= 0)` stays as the last guard. A hold is
//! `UPDATE stock SET quantity = quantity - n WHERE … AND quantity >= n`: no row updated
//! means not enough units.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::future::Future;
use storefront_api_types::{
    codes, FieldError, Image, LocalizedText, Money, ProductId, Reservation, ReservationStatus,
    ReservedItem, Store, Timestamp, VariantId,
};

use crate::directory::StoreInfo;
use crate::error::ApiError;
use crate::routes::hex;
use crate::routes::media::CARD_WIDTHS;
use crate::routes::products::{image_url, srcset};
use crate::AppState;

/// Length of a reservation code.
pub const CODE_LEN: usize = 10;
/// Crockford's base32 alphabet: digits and capitals without I, L, O, U.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// How often the background task expires reservations.
pub const EXPIRY_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// A new reservation code from the operating system's randomness.
pub fn new_code() -> Result<String, ApiError> {
    let mut bytes = [0u8; CODE_LEN];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)]))
        .collect())
}

/// A code as given in a URL (any case) in its canonical form; `None` when malformed.
pub fn normalize_code(s: &str) -> Option<String> {
    let up = s.trim().to_ascii_uppercase();
    (up.len() == CODE_LEN && up.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(up)
}

/// `13812345678` → `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
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
    Fut: Future<Output = Result<T, ApiError>>,
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

async fn begin(db: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    db.begin_with("BEGIN IMMEDIATE").await
}

fn status_of(s: &str) -> ReservationStatus {
    match s {
        "collected" => ReservationStatus::Collected,
        "cancelled" => ReservationStatus::Cancelled,
        "expired" => ReservationStatus::Expired,
        _ => ReservationStatus::Active,
    }
}

/// A reservation as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub code: String,
    pub request_sha256: String,
    pub variant_id: String,
    pub store_id: String,
    pub quantity: i64,
    pub name: String,
    pub phone: String,
    pub status: String,
    pub created_at: i64,
    pub ready_at: i64,
    pub hold_until: i64,
    pub product_id: String,
    pub product_slug: String,
    pub sku: String,
    pub name_zh: String,
    pub name_en: String,
    pub options_zh: String,
    pub options_en: String,
    pub price: i64,
    pub image_position: i64,
    pub image_width: i64,
    pub image_height: i64,
    pub image_alt_zh: String,
    pub image_alt_en: String,
}

const ROW_COLUMNS: &str = "SELECT code, request_sha256, variant_id, store_id, quantity, name, phone, status, created_at, ready_at, hold_until, \
     product_id, product_slug, sku, name_zh, name_en, options_zh, options_en, price, image_position, image_width, image_height, \
     image_alt_zh, image_alt_en FROM reservations";

impl Row {
    pub fn status(&self) -> ReservationStatus {
        status_of(&self.status)
    }

    /// The API's reservation, with its store (status at `now`).
    pub fn to_api(&self, store: Store) -> Reservation {
        let url = image_url(&self.product_id, self.image_position);
        Reservation {
            code: self.code.clone(),
            status: self.status(),
            quantity: u32::try_from(self.quantity).unwrap_or(0),
            item: ReservedItem {
                product_id: ProductId(self.product_id.clone()),
                product_slug: self.product_slug.clone(),
                variant_id: VariantId(self.variant_id.clone()),
                sku: self.sku.clone(),
                name: LocalizedText::new(&self.name_zh, &self.name_en),
                options: LocalizedText::new(&self.options_zh, &self.options_en),
                price: Money::cny(self.price),
                image: Image {
                    srcset: srcset(&url, &CARD_WIDTHS),
                    url,
                    width: u32::try_from(self.image_width).unwrap_or(0),
                    height: u32::try_from(self.image_height).unwrap_or(0),
                    alt: LocalizedText::new(&self.image_alt_zh, &self.image_alt_en),
                },
            },
            store,
            name: self.name.clone(),
            phone_masked: mask_phone(&self.phone),
            created_at: Timestamp::from_unix(self.created_at),
            ready_at: Timestamp::from_unix(self.ready_at),
            hold_until: Timestamp::from_unix(self.hold_until),
        }
    }
}

/// The reservation with this (canonical) code.
pub async fn load(db: &SqlitePool, code: &str) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW_COLUMNS} WHERE code = ?"))
        .bind(code)
        .fetch_optional(db)
        .await
}

async fn load_by_key(
    db: impl sqlx::SqliteExecutor<'_>,
    key: &str,
) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW_COLUMNS} WHERE idempotency_key = ?"))
        .bind(key)
        .fetch_optional(db)
        .await
}

/// A validated reservation request (name trimmed, phone normalised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub variant_id: String,
    pub store_id: String,
    pub quantity: u32,
    pub name: String,
    pub phone: String,
}

impl Request {
    /// Fingerprint of the request, to tell a retry from a different request with the
    /// same `Idempotency-Key`.
    pub fn sha256(&self) -> String {
        let text = format!(
            "{}\n{}\n{}\n{}\n{}",
            self.variant_id, self.store_id, self.quantity, self.name, self.phone
        );
        hex(&Sha256::digest(text.as_bytes()))
    }
}

/// What is copied from the catalogue into a reservation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Snapshot {
    pub product_id: String,
    pub product_slug: String,
    pub sku: String,
    pub name_zh: String,
    pub name_en: String,
    pub options_zh: String,
    pub options_en: String,
    pub price: i64,
    pub image_position: i64,
    pub image_width: i64,
    pub image_height: i64,
    pub image_alt_zh: String,
    pub image_alt_en: String,
}

/// The snapshot of a variant; `None` when there is no such variant.
pub async fn snapshot(db: &SqlitePool, variant_id: &str) -> Result<Option<Snapshot>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id AS product_id, p.slug AS product_slug, v.sku, p.name_zh, p.name_en, \
         COALESCE(o1.label_zh, v.option1) || COALESCE(' / ' || COALESCE(o2.label_zh, v.option2), '') AS options_zh, \
         COALESCE(o1.label_en, v.option1) || COALESCE(' / ' || COALESCE(o2.label_en, v.option2), '') AS options_en, \
         v.price, COALESCE(i.position, 0) AS image_position, COALESCE(i.width, 0) AS image_width, \
         COALESCE(i.height, 0) AS image_height, COALESCE(i.alt_zh, p.name_zh) AS image_alt_zh, \
         COALESCE(i.alt_en, p.name_en) AS image_alt_en \
         FROM variants v JOIN products p ON p.id = v.product_id \
         LEFT JOIN option_values o1 ON o1.product_id = p.id AND o1.option_position = 0 AND o1.code = v.option1 \
         LEFT JOIN option_values o2 ON o2.product_id = p.id AND o2.option_position = 1 AND o2.code = v.option2 \
         LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 0 \
         WHERE v.id = ?",
    )
    .bind(variant_id)
    .fetch_optional(db)
    .await
}

/// Units of a variant at a store (0 without a stock row).
pub async fn units(db: &SqlitePool, variant_id: &str, store_id: &str) -> Result<i64, sqlx::Error> {
    let q: Option<(i64,)> =
        sqlx::query_as("SELECT quantity FROM stock WHERE variant_id = ? AND store_id = ?")
            .bind(variant_id)
            .bind(store_id)
            .fetch_optional(db)
            .await?;
    Ok(q.map_or(0, |r| r.0))
}

/// The outcome of [`hold`].
#[derive(Debug)]
pub enum Held {
    /// A new reservation.
    Created(Row),
    /// The same `Idempotency-Key` and request as an earlier one: that reservation.
    Replayed(Row),
}

fn conflict() -> ApiError {
    ApiError::Coded {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: codes::IDEMPOTENCY_CONFLICT,
        detail: "this Idempotency-Key was used for a different request; use a new key".to_owned(),
        errors: vec![FieldError {
            pointer: "#/header/Idempotency-Key".to_owned(),
            message: "already used with another body".to_owned(),
        }],
    }
}

/// An earlier reservation under `key`: the same one again, or a conflict.
pub fn replay(row: Row, request: &Request) -> Result<Held, ApiError> {
    if row.request_sha256 == request.sha256() {
        Ok(Held::Replayed(row))
    } else {
        Err(conflict())
    }
}

/// The reservation made under an `Idempotency-Key`, if any.
pub async fn by_key(db: &SqlitePool, key: &str) -> Result<Option<Row>, sqlx::Error> {
    load_by_key(db, key).await
}

/// Holds `request.quantity` units and writes the reservation, in one transaction.
/// `ready_at` and `hold_until` are Unix seconds.
pub async fn hold(
    state: &AppState,
    key: &str,
    request: &Request,
    snap: &Snapshot,
    now: i64,
    ready_at: i64,
    hold_until: i64,
) -> Result<Held, ApiError> {
    let _writer = state.writes.lock().await;
    retry_busy(|| hold_once(&state.db, key, request, snap, now, ready_at, hold_until)).await
}

async fn hold_once(
    db: &SqlitePool,
    key: &str,
    request: &Request,
    snap: &Snapshot,
    now: i64,
    ready_at: i64,
    hold_until: i64,
) -> Result<Held, ApiError> {
    let mut tx = begin(db).await?;
    if let Some(row) = load_by_key(&mut *tx, key).await? {
        return replay(row, request);
    }
    let quantity = i64::from(request.quantity);
    let held = sqlx::query(
        "UPDATE stock SET quantity = quantity - ?1, updated_at = ?2 \
         WHERE variant_id = ?3 AND store_id = ?4 AND quantity >= ?1",
    )
    .bind(quantity)
    .bind(now)
    .bind(&request.variant_id)
    .bind(&request.store_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if held == 0 {
        tx.rollback().await?;
        let left = units(db, &request.variant_id, &request.store_id).await?;
        return Err(ApiError::Coded {
            status: StatusCode::CONFLICT,
            code: codes::OUT_OF_STOCK,
            detail: format!(
                "only {left} left at this store; {} requested",
                request.quantity
            ),
            errors: vec![FieldError {
                pointer: "/quantity".to_owned(),
                message: format!("{left} available"),
            }],
        });
    }
    let mut code = new_code()?;
    for _ in 0..5 {
        let taken: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM reservations WHERE code = ?")
            .bind(&code)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_none() {
            break;
        }
        code = new_code()?;
    }
    sqlx::query(
        "INSERT INTO reservations (code, idempotency_key, request_sha256, variant_id, store_id, quantity, name, phone, status, \
         created_at, ready_at, hold_until, updated_at, product_id, product_slug, sku, name_zh, name_en, options_zh, options_en, \
         price, image_position, image_width, image_height, image_alt_zh, image_alt_en) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&code)
    .bind(key)
    .bind(request.sha256())
    .bind(&request.variant_id)
    .bind(&request.store_id)
    .bind(quantity)
    .bind(&request.name)
    .bind(&request.phone)
    .bind(now)
    .bind(ready_at)
    .bind(hold_until)
    .bind(now)
    .bind(&snap.product_id)
    .bind(&snap.product_slug)
    .bind(&snap.sku)
    .bind(&snap.name_zh)
    .bind(&snap.name_en)
    .bind(&snap.options_zh)
    .bind(&snap.options_en)
    .bind(snap.price)
    .bind(snap.image_position)
    .bind(snap.image_width)
    .bind(snap.image_height)
    .bind(&snap.image_alt_zh)
    .bind(&snap.image_alt_en)
    .execute(&mut *tx)
    .await?;
    let row: Row = sqlx::query_as(&format!("{ROW_COLUMNS} WHERE code = ?"))
        .bind(&code)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Held::Created(row))
}

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
    ApiError::coded(
        StatusCode::CONFLICT,
        codes::NOT_ACTIVE,
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
    if to != ReservationStatus::Collected {
        release(&mut tx, &row.variant_id, &row.store_id, row.quantity, now).await?;
    }
    let updated: Row = sqlx::query_as(&format!("{ROW_COLUMNS} WHERE code = ?"))
        .bind(&row.code)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(updated)
}

/// When a reservation made at `now` at this store is ready, and until when it is held.
pub fn times(store: &StoreInfo, now: DateTime<Utc>, hold_hours: u32) -> (i64, i64) {
    let ready = store
        .schedule
        .ready_at(now)
        .unwrap_or_else(|| crate::hours::ceil_quarter(now + crate::hours::PREPARE));
    let until = ready + Duration::hours(i64::from(hold_hours));
    (ready.timestamp(), until.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_crockford_base32() {
        for _ in 0..100 {
            let c = new_code().unwrap_or_default();
            assert_eq!(c.len(), CODE_LEN);
            assert!(c.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{c}");
            assert!(!c.contains(['I', 'L', 'O', 'U']));
            assert_eq!(normalize_code(&c.to_lowercase()), Some(c));
        }
        assert_eq!(normalize_code("ABCDEFGHJK"), Some("ABCDEFGHJK".to_owned()));
        for bad in [
            "",
            "ABC",
            "ABCDEFGHJKM",
            "ABCDEFGHIJ",
            "ABCDEFGH-K",
            "ÄBCDEFGHJK",
        ] {
            assert_eq!(normalize_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn phones_are_masked() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
    }
}
