//! Hand-offs from a kiosk to a phone: the kiosk asks for a token (10 characters of
//! [`KIOSK_CODE_ALPHABET`](storefront_api_types::KIOSK_CODE_ALPHABET), about 50 bits;
//! only its SHA-256 is stored) carrying non-personal state; the phone opens it once, within
//! [`HANDOFF_SECONDS`], in one atomic update; the kiosk polls whether it was opened.
//! Unknown tokens tried count against the client address ([`OPEN_FAILURES`] in
//! [`OPEN_WINDOW`] seconds, then `429 rate_limited`).

use sqlx::SqlitePool;
use storefront_api_types::{
    HandoffOpened, KioskHandoff, KioskHandoffRequest, KioskHandoffState, KioskHandoffStatus,
    ProblemCode, StoreId, Timestamp,
};

use super::{random_code, KioskRow};
use crate::digest::sha256_hex;
use crate::error::{ApiError, ApiResult};
use crate::sign_in_limits::{record_failure, refuse_failures};

/// How long a hand-off can be opened: 5 minutes.
pub const HANDOFF_SECONDS: i64 = 300;
/// Hand-offs are forgotten this long after they expired.
const KEEP_SECONDS: i64 = 86_400;
/// Unknown tokens a client address may try in [`OPEN_WINDOW`].
pub const OPEN_FAILURES: u32 = 30;
/// The window of [`OPEN_FAILURES`], in seconds.
pub const OPEN_WINDOW: i64 = 600;
const SCOPE: &str = "kiosk-handoff-open";

/// A new hand-off of `kiosk` carrying `request` (already checked); its URL is on `origin`.
pub async fn create(
    db: &SqlitePool,
    kiosk: &KioskRow,
    request: &KioskHandoffRequest,
    origin: &str,
    now: i64,
) -> ApiResult<KioskHandoff> {
    let state = serde_json::to_string(request).map_err(|e| ApiError::Internal(e.to_string()))?;
    let expires_at = now + HANDOFF_SECONDS;
    sqlx::query("DELETE FROM kiosk_handoffs WHERE expires_at < ?")
        .bind(now - KEEP_SECONDS)
        .execute(db)
        .await?;
    for _ in 0..8 {
        let token = random_code(10)?;
        let done = sqlx::query(
            "INSERT INTO kiosk_handoffs (token_sha256, kiosk_id, store_id, state, created_at, expires_at) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (token_sha256) DO NOTHING",
        )
        .bind(sha256_hex(&token))
        .bind(&kiosk.id)
        .bind(&kiosk.store_id)
        .bind(&state)
        .bind(now)
        .bind(expires_at)
        .execute(db)
        .await?;
        if done.rows_affected() == 1 {
            let url = format!("{origin}/h/{token}");
            return Ok(KioskHandoff {
                token,
                short_url: url.clone(),
                url,
                expires_at: Timestamp::from_unix(expires_at),
            });
        }
    }
    Err(ApiError::Internal("no free hand-off token".to_owned()))
}

fn state_of(expires_at: i64, opened_at: Option<i64>, now: i64) -> KioskHandoffStatus {
    if opened_at.is_some() {
        KioskHandoffStatus::Opened
    } else if now >= expires_at {
        KioskHandoffStatus::Expired
    } else {
        KioskHandoffStatus::Pending
    }
}

/// Where `kiosk`'s own hand-off `token` (normalised) stands; 404 for another kiosk's.
pub async fn status(
    db: &SqlitePool,
    kiosk: &KioskRow,
    token: &str,
    now: i64,
) -> ApiResult<KioskHandoffState> {
    let row: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT expires_at, opened_at FROM kiosk_handoffs WHERE token_sha256 = ? AND kiosk_id = ?",
    )
    .bind(sha256_hex(token))
    .bind(&kiosk.id)
    .fetch_optional(db)
    .await?;
    let (expires_at, opened_at) =
        row.ok_or_else(|| ApiError::NotFound("no such hand-off of this kiosk".to_owned()))?;
    Ok(KioskHandoffState {
        state: state_of(expires_at, opened_at, now),
        expires_at: Timestamp::from_unix(expires_at),
    })
}

/// The page hand-off `token` (normalised) opens, while it is unused and unexpired; looking
/// changes nothing (the phone's document names it, see `crate::spa::handoff`).
pub async fn peek(db: &SqlitePool, token: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    let state: Option<String> = sqlx::query_scalar(
        "SELECT state FROM kiosk_handoffs WHERE token_sha256 = ? AND opened_at IS NULL AND expires_at > ?",
    )
    .bind(sha256_hex(token))
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(state
        .and_then(|s| serde_json::from_str::<KioskHandoffRequest>(&s).ok())
        .map(|r| r.route))
}

/// Opens hand-off `token` (normalised; `None` when it does not have a token's form) for
/// the phone at `client`: once, before it expires. 404 unknown, 410 `handoff_used` /
/// `handoff_expired`; unknown tokens count against the client.
pub async fn open(
    db: &SqlitePool,
    token: Option<&str>,
    client: &str,
    now: i64,
) -> ApiResult<HandoffOpened> {
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    refuse_failures(
        &mut tx,
        SCOPE,
        client,
        OPEN_FAILURES,
        OPEN_WINDOW,
        now,
        "#/path/token",
    )
    .await?;
    let digest = token.map(sha256_hex).unwrap_or_default();
    let opened: Option<(String, String)> = sqlx::query_as(
        "UPDATE kiosk_handoffs SET opened_at = ? \
         WHERE token_sha256 = ? AND opened_at IS NULL AND expires_at > ? RETURNING state, store_id",
    )
    .bind(now)
    .bind(&digest)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((state, store_id)) = opened {
        tx.commit().await?;
        let r: KioskHandoffRequest =
            serde_json::from_str(&state).map_err(|e| ApiError::Internal(e.to_string()))?;
        return Ok(HandoffOpened {
            route: r.route,
            variant_id: r.variant_id,
            wishlist: r.wishlist,
            tour_scene: r.tour_scene,
            tour_view: r.tour_view,
            reservation_code: r.reservation_code,
            store_id: StoreId(store_id),
        });
    }
    let known: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT expires_at, opened_at FROM kiosk_handoffs WHERE token_sha256 = ?")
            .bind(&digest)
            .fetch_optional(&mut *tx)
            .await?;
    let err = match known {
        None => {
            record_failure(&mut tx, SCOPE, client, now).await?;
            ApiError::NotFound("no such hand-off".to_owned())
        }
        Some((_, Some(_))) => ApiError::refusal(
            ProblemCode::HandoffUsed,
            "this hand-off was opened before; ask the kiosk for a new one",
        ),
        Some(_) => ApiError::refusal(
            ProblemCode::HandoffExpired,
            "this hand-off has expired; ask the kiosk for a new one",
        ),
    };
    tx.commit().await?;
    Err(err)
}
