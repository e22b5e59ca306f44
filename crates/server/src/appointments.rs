//! Shopping-guide appointments: half-hour slots within a store's opening hours (its
//! exceptions included, on its own clock), booked against the store's `guide_capacity`.
//!
//! A booking runs in one `BEGIN IMMEDIATE` transaction behind the process's write mutex
//! (as reservations do): it counts the slot's booked appointments and inserts only while
//! that count is below the capacity, so concurrent bookings can never overfill a slot.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use storefront_api_types::{
    Appointment, AppointmentStatus, Attribution, FieldError, ProblemCode, Store, Timestamp,
    GUIDE_DAYS_AHEAD, GUIDE_SLOT_MINUTES,
};

use crate::db::retry_busy;
use crate::digest::hex;
use crate::directory::StoreInfo;
use crate::error::ApiError;
use crate::facts::Kind;
use crate::mask::mask_phone;
use crate::reservations::unused_code;
use crate::state::AppState;

/// A validated booking request (name trimmed, phone normalised, start resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The store.
    pub store_id: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// Name.
    pub name: String,
    /// Phone number.
    pub phone: String,
}

impl Request {
    /// Fingerprint of the request, to tell a retry from another request with the same key.
    pub fn sha256(&self) -> String {
        let text = format!(
            "{}\n{}\n{}\n{}",
            self.store_id,
            self.start.timestamp(),
            self.name,
            self.phone
        );
        hex(&Sha256::digest(text.as_bytes()))
    }
}

/// The first and last local date that can be booked at `now`.
pub fn bookable_dates(store: &StoreInfo, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let today = store.schedule.local_date(now);
    (today, today + Duration::days(i64::from(GUIDE_DAYS_AHEAD)))
}

/// The slot starts of a local date that have not started at `now`.
pub fn open_slots(store: &StoreInfo, date: NaiveDate, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    store
        .schedule
        .day_slots(date, GUIDE_SLOT_MINUTES)
        .into_iter()
        .filter(|s| *s > now)
        .collect()
}

/// Whether `raw` has the shape the schema gives `start` (its pattern): the store's local
/// `YYYY-MM-DDTHH:MM`, or RFC 3339 with seconds, an optional fraction and an offset.
pub fn start_shape(raw: &str) -> bool {
    let b = raw.as_bytes();
    let digits = |from: usize, to: usize| {
        b.get(from..to)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let is = |i: usize, set: &[u8]| b.get(i).is_some_and(|c| set.contains(c));
    let head = digits(0, 4)
        && is(4, b"-")
        && digits(5, 7)
        && is(7, b"-")
        && digits(8, 10)
        && is(10, b"Tt ")
        && digits(11, 13)
        && is(13, b":")
        && digits(14, 16);
    if !head || b.len() == 16 {
        return head;
    }
    if !(is(16, b":") && digits(17, 19)) {
        return false;
    }
    let mut i = 19;
    if is(i, b".") {
        let from = i + 1;
        i = from;
        while is(i, b"0123456789") {
            i += 1;
        }
        if i == from {
            return false;
        }
    }
    (is(i, b"Zz") && i + 1 == b.len())
        || (is(i, b"+-")
            && digits(i + 1, i + 3)
            && is(i + 3, b":")
            && digits(i + 4, i + 6)
            && i + 6 == b.len())
}

/// `start` as given (of [`start_shape`]): an RFC 3339 instant, or `YYYY-MM-DDTHH:MM` on
/// the store's clock; `None` when no such instant exists (31 April, 25:00, a local time
/// skipped by a clock change).
pub fn parse_start(store: &StoreInfo, raw: &str) -> Option<DateTime<Utc>> {
    if !start_shape(raw) {
        return None;
    }
    if raw.len() > 16 {
        return Timestamp::parse_rfc3339(raw).map(Into::into);
    }
    let n = |from: usize, to: usize| raw.get(from..to)?.parse::<u32>().ok();
    let local = NaiveDate::from_ymd_opt(i32::try_from(n(0, 4)?).ok()?, n(5, 7)?, n(8, 10)?)?
        .and_hms_opt(n(11, 13)?, n(14, 16)?, 0)?;
    store
        .schedule
        .tz
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// 422 `slot_unavailable` for a well-formed `start` that names no instant on the store's
/// clock (31 April, 24:30, a local time skipped by a clock change).
pub fn no_such_time(raw: &str) -> ApiError {
    unavailable(format!("{raw:?} is no time on the store's clock"))
}

fn unavailable(message: String) -> ApiError {
    ApiError::Coded {
        code: ProblemCode::SlotUnavailable,
        detail: format!("invalid start: {message}"),
        errors: vec![FieldError {
            pointer: "/start".to_owned(),
            message,
        }],
    }
}

/// Checks that `start` is an offered slot at `now`: 422 `slot_unavailable` naming
/// `/start` otherwise (closed that day, outside the hours, off the half-hour grid, past,
/// or beyond the booking window).
pub fn check_slot(
    store: &StoreInfo,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let tz = store.schedule.tz;
    let local = start.with_timezone(&tz);
    let when = local.format("%Y-%m-%d %H:%M").to_string();
    if start <= now {
        return Err(unavailable(format!("{when} has already started or passed")));
    }
    let (first, last) = bookable_dates(store, now);
    // A slot after midnight of a late window belongs to the previous date's hours.
    let date = local.date_naive();
    let mut dates = vec![date];
    if let Some(prev) = date.pred_opt() {
        dates.push(prev);
    }
    let found = dates.iter().find(|d| {
        store
            .schedule
            .day_slots(**d, GUIDE_SLOT_MINUTES)
            .contains(&start)
    });
    match found {
        Some(d) if *d < first || *d > last => Err(unavailable(format!(
            "{when} is outside the booking window {first} to {last}"
        ))),
        Some(_) => Ok(()),
        None if store.schedule.hours_on(date).is_none() => {
            Err(unavailable(format!("the store is closed on {date}")))
        }
        None => Err(unavailable(format!(
            "{when} ({}) is not the start of a {GUIDE_SLOT_MINUTES}-minute slot within the store's hours that day",
            store.store.time_zone
        ))),
    }
}

/// An appointment as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    /// Its code.
    pub code: String,
    /// SHA-256 of the request body, for idempotent retries.
    pub request_sha256: String,
    /// The store.
    pub store_id: String,
    /// Start (Unix seconds).
    pub start_at: i64,
    /// End (Unix seconds).
    pub end_at: i64,
    /// Name.
    pub name: String,
    /// Phone number.
    pub phone: String,
    /// Stored status.
    pub status: String,
    /// When it was created (Unix seconds).
    pub created_at: i64,
}

const ROW_COLUMNS: &str = "SELECT code, request_sha256, store_id, start_at, end_at, name, phone, status, created_at FROM appointments";

impl Row {
    /// The status as the API shows it.
    pub fn status(&self) -> AppointmentStatus {
        if self.status == "cancelled" {
            AppointmentStatus::Cancelled
        } else {
            AppointmentStatus::Booked
        }
    }

    /// The appointment as the API shows it, with its store (and the store's clock).
    pub fn to_api(&self, info: &StoreInfo, store: Store) -> Appointment {
        let start = DateTime::from_timestamp(self.start_at, 0).unwrap_or_default();
        let local = start.with_timezone(&info.schedule.tz);
        Appointment {
            code: self.code.clone(),
            status: self.status(),
            store,
            start: Timestamp::from_unix(self.start_at),
            end: Timestamp::from_unix(self.end_at),
            local_date: local.format("%Y-%m-%d").to_string(),
            local_time: local.format("%H:%M").to_string(),
            name: self.name.clone(),
            phone_masked: mask_phone(&self.phone),
            created_at: Timestamp::from_unix(self.created_at),
        }
    }
}

/// The appointment with this (canonical) code.
pub async fn load(db: &SqlitePool, code: &str) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW_COLUMNS} WHERE code = ?"))
        .bind(code)
        .fetch_optional(db)
        .await
}

/// The appointment booked under an `Idempotency-Key`, if any.
pub async fn by_key(db: &SqlitePool, key: &str) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW_COLUMNS} WHERE idempotency_key = ?"))
        .bind(key)
        .fetch_optional(db)
        .await
}

/// Booked appointments per slot start of a store between two instants (inclusive).
pub async fn booked(
    db: &SqlitePool,
    store_id: &str,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT start_at, COUNT(*) FROM appointments WHERE store_id = ? AND status = 'booked' \
         AND start_at BETWEEN ? AND ? GROUP BY start_at",
    )
    .bind(store_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

/// Guides on duty per slot at a store.
pub async fn capacity(db: &SqlitePool, store_id: &str) -> Result<u32, sqlx::Error> {
    let c: Option<(i64,)> = sqlx::query_as("SELECT guide_capacity FROM stores WHERE id = ?")
        .bind(store_id)
        .fetch_optional(db)
        .await?;
    Ok(c.map_or(0, |c| u32::try_from(c.0).unwrap_or(0)))
}

/// The outcome of a appointment write under its `Idempotency-Key`.
pub type Booked = crate::idempotent::Written<Row>;

/// An earlier appointment under the same key: the same one again, or a conflict.
pub fn replay(row: Row, request: &Request) -> Result<Booked, ApiError> {
    let sha = row.request_sha256.clone();
    crate::idempotent::replay(row, &sha, &request.sha256())
}

/// Books a guide for the slot if one is free, atomically.
pub async fn book(
    state: &AppState,
    key: &str,
    request: &Request,
    (attribution, kiosk): (&Attribution, Option<&str>),
    now: i64,
) -> Result<Booked, ApiError> {
    let _writer = state.writes.lock().await;
    retry_busy(|| book_once(&state.db, key, request, (attribution, kiosk), now)).await
}

async fn book_once(
    db: &SqlitePool,
    key: &str,
    request: &Request,
    (attribution, kiosk): (&Attribution, Option<&str>),
    now: i64,
) -> Result<Booked, ApiError> {
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    let earlier: Option<Row> = sqlx::query_as(&format!("{ROW_COLUMNS} WHERE idempotency_key = ?"))
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(row) = earlier {
        return replay(row, request);
    }
    let start = request.start.timestamp();
    let (cap, taken): (i64, i64) = sqlx::query_as(
        "SELECT s.guide_capacity, (SELECT COUNT(*) FROM appointments a WHERE a.store_id = s.id \
         AND a.start_at = ? AND a.status = 'booked') FROM stores s WHERE s.id = ?",
    )
    .bind(start)
    .bind(&request.store_id)
    .fetch_one(&mut *tx)
    .await?;
    if taken >= cap {
        tx.rollback().await?;
        return Err(ApiError::Coded {
            code: ProblemCode::SlotFull,
            detail: format!(
                "every shopping guide ({cap}) of this slot is booked; choose another slot"
            ),
            errors: vec![FieldError {
                pointer: "/start".to_owned(),
                message: "0 guides free".to_owned(),
            }],
        });
    }
    let code = unused_code(&mut tx, "SELECT 1 FROM appointments WHERE code = ?").await?;
    sqlx::query(
        "INSERT INTO appointments (code, idempotency_key, request_sha256, store_id, start_at, end_at, name, phone, status, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)",
    )
    .bind(&code)
    .bind(key)
    .bind(request.sha256())
    .bind(&request.store_id)
    .bind(start)
    .bind(start + i64::from(GUIDE_SLOT_MINUTES) * 60)
    .bind(&request.name)
    .bind(&request.phone)
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let row: Row = sqlx::query_as(&format!("{ROW_COLUMNS} WHERE code = ?"))
        .bind(&code)
        .fetch_one(&mut *tx)
        .await?;
    // What brought the shopper, kept with the booking (never part of its request hash).
    crate::campaigns::attribution::record_request(
        &mut tx,
        crate::campaigns::attribution::Kind::Appointment,
        &code,
        attribution,
        now,
    )
    .await?;
    // The business record of it (issue 16), whatever the shopper consented to.
    let embed = attribution.cleaned().embed_origin;
    let (channel, _) = crate::facts::channel(&mut tx, kiosk, embed.as_deref()).await?;
    crate::facts::guide(&mut tx, Kind::GuideBooked, &code, Some(channel), now).await?;
    tx.commit().await?;
    Ok(Booked::Created(row))
}

fn not_active(code: &str, why: &str) -> ApiError {
    ApiError::refusal(
        ProblemCode::NotActive,
        format!("appointment {code} is {why}"),
    )
}

/// Cancels a booked appointment that has not started (its guide is free again); 409
/// `not_active` otherwise, 404 when unknown.
pub async fn cancel(state: &AppState, code: &str, now: i64) -> Result<Row, ApiError> {
    let row = load(&state.db, code)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no appointment {code}")))?;
    if row.status() == AppointmentStatus::Cancelled {
        return Err(not_active(code, "already cancelled"));
    }
    if row.start_at <= now {
        return Err(not_active(code, "already under way or over"));
    }
    let _writer = state.writes.lock().await;
    retry_busy(|| async {
        let changed = sqlx::query(
            "UPDATE appointments SET status = 'cancelled', updated_at = ? WHERE code = ? AND status = 'booked'",
        )
        .bind(now)
        .bind(code)
        .execute(&state.db)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(not_active(code, "already cancelled"));
        }
        load(&state.db, code)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no appointment {code}")))
    })
    .await
}

/// Marks a booked appointment of `store_id` kept (the shopper came), once: an appointment
/// kept already is answered as it is; a cancelled one is 409 `not_active`; one of another
/// store or none is 404. Records the `guide_kept` fact with the mark.
pub async fn keep(state: &AppState, store_id: &str, code: &str, now: i64) -> Result<Row, ApiError> {
    let missing = || ApiError::NotFound(format!("no appointment {code} at this store"));
    let row = load(&state.db, code)
        .await?
        .filter(|r| r.store_id == store_id)
        .ok_or_else(missing)?;
    if row.status() == AppointmentStatus::Cancelled {
        return Err(not_active(code, "cancelled"));
    }
    let _writer = state.writes.lock().await;
    retry_busy(|| async {
        let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
        let changed = sqlx::query(
            "UPDATE appointments SET kept_at = ?, updated_at = ? \
             WHERE code = ? AND status = 'booked' AND kept_at IS NULL",
        )
        .bind(now)
        .bind(now)
        .bind(code)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            crate::facts::guide(&mut tx, Kind::GuideKept, code, None, now).await?;
        }
        let row: Row = sqlx::query_as(&format!("{ROW_COLUMNS} WHERE code = ?"))
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(missing)?;
        tx.commit().await?;
        if row.status() == AppointmentStatus::Cancelled {
            return Err(not_active(code, "cancelled"));
        }
        Ok(row)
    })
    .await
}
