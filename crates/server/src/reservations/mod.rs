//! Reserve-for-pickup: holding stock atomically, idempotent retries, cancelling, collecting
//! and expiring, over SQLite.
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction (the write lock is taken up
//! front, so two holds can never both read the same units), behind the process's write
//! mutex, and is retried a few times if SQLite still reports it busy; the stock table's
//! `CHECK (quantity >= 0)` stays as the last guard. A hold is
//! `UPDATE stock SET quantity = quantity - n WHERE … AND quantity >= n`: no row updated
//! means not enough units.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use storefront_api_types::{Attribution, FieldError, ProblemCode};

use crate::campaigns::attribution::Kind;
use crate::db::retry_busy;
use crate::digest::hex;
use crate::directory::StoreInfo;
use crate::error::ApiError;
use crate::state::AppState;

mod lifecycle;
mod row;

pub use crate::mask::mask_phone;

pub use lifecycle::{current, expire, expire_due, finish, start_expiry, EXPIRY_INTERVAL};
use row::{begin, ROW_COLUMNS};
pub use row::{load, Row, Snapshot};

/// Length of a reservation code.
pub const CODE_LEN: usize = 10;
/// Crockford's base32 alphabet: digits and capitals without I, L, O, U.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new reservation code from the operating system's randomness.
pub fn new_code() -> Result<String, ApiError> {
    let mut bytes = [0u8; CODE_LEN];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)]))
        .collect())
}

/// A new code that no row of the table answering `exists` (`SELECT 1 FROM … WHERE code = ?`)
/// has yet (five tries; the unique index is the last guard).
pub async fn unused_code(
    tx: &mut sqlx::SqliteConnection,
    exists: &'static str,
) -> Result<String, ApiError> {
    let mut code = new_code()?;
    for _ in 0..5 {
        let taken: Option<(i64,)> = sqlx::query_as(exists)
            .bind(&code)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_none() {
            break;
        }
        code = new_code()?;
    }
    Ok(code)
}

/// The schema pattern of a code in a URL: [`CODE_LEN`] characters of [`CODE_ALPHABET`] in
/// either case (what [`normalize_code`] accepts).
pub const CODE_PATTERN: &str = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$";

/// A code as given in a URL (any case) in its canonical form; `None` when malformed.
pub fn normalize_code(s: &str) -> Option<String> {
    let up = s.to_ascii_uppercase();
    (up.len() == CODE_LEN && up.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(up)
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
    /// The variant.
    pub variant_id: String,
    /// The store.
    pub store_id: String,
    /// Units.
    pub quantity: u32,
    /// Name.
    pub name: String,
    /// Phone number.
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

/// The outcome of a reservation write under its `Idempotency-Key`.
pub type Held = crate::idempotent::Written<Row>;

/// An earlier reservation under `key`: the same one again, or a conflict.
pub fn replay(row: Row, request: &Request) -> Result<Held, ApiError> {
    let sha = row.request_sha256.clone();
    crate::idempotent::replay(row, &sha, &request.sha256())
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
    attribution: &Attribution,
    kiosk: Option<&str>,
    (now, ready_at, hold_until): (i64, i64, i64),
) -> Result<Held, ApiError> {
    let _writer = state.writes.lock().await;
    retry_busy(|| {
        hold_once(
            &state.db,
            key,
            request,
            snap,
            (attribution, kiosk),
            (now, ready_at, hold_until),
        )
    })
    .await
}

async fn hold_once(
    db: &SqlitePool,
    key: &str,
    request: &Request,
    snap: &Snapshot,
    (attribution, kiosk): (&Attribution, Option<&str>),
    (now, ready_at, hold_until): (i64, i64, i64),
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
            code: ProblemCode::OutOfStock,
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
    let code = unused_code(&mut tx, "SELECT 1 FROM reservations WHERE code = ?").await?;
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
    // What brought the shopper, kept with the reservation (never part of its request hash).
    crate::campaigns::attribution::record_request(
        &mut tx,
        Kind::Reservation,
        &code,
        attribution,
        now,
    )
    .await?;
    // The business record of it (issue 16), whatever the shopper consented to.
    let embed = attribution.cleaned().embed_origin;
    let (channel, _) = crate::facts::channel(&mut tx, kiosk, embed.as_deref()).await?;
    crate::facts::reservation_made(&mut tx, &code, channel, now).await?;
    tx.commit().await?;
    Ok(Held::Created(row))
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
            " ABCDEFGHJK",
            "ABCDEFGHJK ",
        ] {
            assert_eq!(normalize_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn phones_are_masked() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
    }
}
