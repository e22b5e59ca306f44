//! Registering a kiosk and pairing a screen with it: staff get a pairing code (single use,
//! [`PAIRING_SECONDS`]; a new code replaces the previous one and revokes the paired
//! device), the screen sends it to `POST /api/v1/kiosk/pair` and gets the device secret.
//! Wrong, expired and used codes count against the client address:
//! [`PAIR_FAILURES`] in [`PAIR_WINDOW`] seconds, then `429 rate_limited`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sqlx::SqlitePool;
use storefront_api_types::{
    format_pairing_code, normalize_pairing_code, KioskPairing, ProblemCode, Timestamp,
};

use super::{random_bytes, random_code, KioskRow, COLUMNS};
use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult};
use crate::sign_in_limits::{record_failure, refuse_failures};

/// How long a pairing code can be used: 10 minutes.
pub const PAIRING_SECONDS: i64 = 600;
/// Failed pairings a client address may make in [`PAIR_WINDOW`].
pub const PAIR_FAILURES: u32 = 10;
/// The window of [`PAIR_FAILURES`], in seconds.
pub const PAIR_WINDOW: i64 = 600;
const SCOPE: &str = "kiosk-pair";

fn new_kiosk_id() -> ApiResult<String> {
    Ok(format!("k_{}", random_code(16)?.to_ascii_lowercase()))
}

/// Registers a kiosk named `name` for `store` and gives its first pairing code.
pub async fn create(db: &SqlitePool, store: &str, name: &str, now: i64) -> ApiResult<KioskPairing> {
    let id = loop {
        let id = new_kiosk_id()?;
        let done = sqlx::query(
            "INSERT INTO kiosks (id, store_id, name, created_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&id)
        .bind(store)
        .bind(name)
        .bind(now)
        .execute(db)
        .await?;
        if done.rows_affected() == 1 {
            break id;
        }
    };
    new_code(db, &id, now).await
}

/// A new pairing code for kiosk `id`: replaces the previous code and revokes the paired
/// device (re-pairing).
pub async fn new_code(db: &SqlitePool, id: &str, now: i64) -> ApiResult<KioskPairing> {
    for _ in 0..8 {
        let code = random_code(8)?;
        let expires_at = now + PAIRING_SECONDS;
        let done = sqlx::query(
            "UPDATE kiosks SET pairing_code_sha256 = ?, pairing_expires_at = ?, pairing_used_at = NULL, \
             device_sha256 = NULL, paired_at = NULL WHERE id = ?",
        )
        .bind(sha256_hex(&code))
        .bind(expires_at)
        .bind(id)
        .execute(db)
        .await;
        match done {
            Ok(_) => {
                return Ok(KioskPairing {
                    kiosk_id: id.to_owned(),
                    pairing_code: format_pairing_code(&code),
                    expires_at: Timestamp::from_unix(expires_at),
                })
            }
            // another kiosk holds the same code's digest: draw again
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::Internal("no free pairing code".to_owned()))
}

/// Pairs the screen at `client` with the kiosk of `typed` code: the kiosk and the new device
/// secret (for the cookie). Refusals name `/code`: `pairing_code_invalid` (no such code),
/// `pairing_code_expired`, `pairing_code_used`, each counted; `rate_limited` past the limit.
pub async fn pair(
    db: &SqlitePool,
    typed: &str,
    client: &str,
    now: i64,
) -> ApiResult<(KioskRow, String)> {
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    refuse_failures(
        &mut tx,
        SCOPE,
        client,
        PAIR_FAILURES,
        PAIR_WINDOW,
        now,
        "/code",
    )
    .await?;
    let found: Option<(String, i64, Option<i64>)> = match normalize_pairing_code(typed) {
        Some(code) => {
            sqlx::query_as(
                "SELECT id, pairing_expires_at, pairing_used_at FROM kiosks WHERE pairing_code_sha256 = ?",
            )
            .bind(sha256_hex(&code))
            .fetch_optional(&mut *tx)
            .await?
        }
        None => None,
    };
    let refusal = match &found {
        None => Some((
            ProblemCode::PairingCodeInvalid,
            "this pairing code is wrong",
        )),
        Some((_, _, Some(_))) => Some((
            ProblemCode::PairingCodeUsed,
            "this pairing code was used before; ask for a new one",
        )),
        Some((_, expires, None)) if now >= *expires => Some((
            ProblemCode::PairingCodeExpired,
            "this pairing code has expired; ask for a new one",
        )),
        Some(_) => None,
    };
    if let Some((code, detail)) = refusal {
        record_failure(&mut tx, SCOPE, client, now).await?;
        tx.commit().await?;
        return Err(ApiError::refusal_at(code, "/code", detail));
    }
    let Some((id, _, _)) = found else {
        return Err(ApiError::Internal("pairing without a kiosk".to_owned()));
    };
    let secret = URL_SAFE_NO_PAD.encode(random_bytes::<32>()?);
    sqlx::query(
        "UPDATE kiosks SET device_sha256 = ?, paired_at = ?, pairing_used_at = ? WHERE id = ?",
    )
    .bind(sha256_hex(&secret))
    .bind(now)
    .bind(now)
    .bind(&id)
    .execute(&mut *tx)
    .await?;
    let row: KioskRow = sqlx::query_as(&format!("SELECT {COLUMNS} FROM kiosks WHERE id = ?"))
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((row, secret))
}

/// Exit attempts that failed, per client address, counted like pairing's.
const EXIT_SCOPE: &str = "kiosk-exit";

/// Refuses (429 at `pointer`) a client address past its failed exits.
pub async fn may_try_exit(db: &SqlitePool, client: &str, now: i64, pointer: &str) -> ApiResult<()> {
    let mut conn = db.acquire().await?;
    refuse_failures(
        &mut conn,
        EXIT_SCOPE,
        client,
        PAIR_FAILURES,
        PAIR_WINDOW,
        now,
        pointer,
    )
    .await
}

/// Counts a failed exit of a client address.
pub async fn exit_failed(db: &SqlitePool, client: &str, now: i64) -> ApiResult<()> {
    let mut conn = db.acquire().await?;
    record_failure(&mut conn, EXIT_SCOPE, client, now).await
}
