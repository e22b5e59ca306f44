//! The marketing workspace's sessions: signing in with a marketing key (failures limited
//! per client address), looking a session up, signing out. Only SHA-256 digests of keys
//! and session ids are stored; a session lives while its key is not revoked.

use sqlx::SqliteConnection;
use storefront_api_types::{MarketingSession, ProblemCode, Timestamp};

use crate::digest::{key_digest, sha256_hex};
use crate::error::ApiError;
use crate::sign_in_limits::{record_failure, refuse_failures};

/// The session cookie's name.
pub const MARKETING_COOKIE: &str = "sf_marketing";
/// The cookie's path: only the marketing endpoints see it.
pub const MARKETING_COOKIE_PATH: &str = "/api/v1/marketing";
/// How long a session lasts: 12 hours.
pub const MARKETING_SESSION_SECONDS: i64 = 12 * 3_600;
/// Failed sign-ins allowed per client address per [`FAILURE_WINDOW`].
pub const FAILURES_PER_CLIENT: u32 = 10;
/// The window of [`FAILURES_PER_CLIENT`]: 15 minutes.
pub const FAILURE_WINDOW: i64 = 15 * 60;
const SCOPE: &str = "marketing-fail";

/// A signed-in marketer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketingSessionRow {
    /// SHA-256 of the session id.
    pub id_sha256: String,
    /// The key that signed in.
    pub key_id: i64,
    /// The key's label.
    pub label: String,
    /// Unix seconds.
    pub expires_at: i64,
}

impl MarketingSessionRow {
    /// The wire form.
    pub fn to_api(&self) -> MarketingSession {
        MarketingSession {
            label: self.label.clone(),
            expires_at: Timestamp::from_unix(self.expires_at),
        }
    }
}

/// 401 `unauthenticated`: no marketing session.
pub fn unauthenticated() -> ApiError {
    ApiError::refusal(
        ProblemCode::Unauthenticated,
        "sign in to the marketing workspace with a marketing key",
    )
}

/// Checks `key` from `client` and starts a session with the id `session_id`, in the
/// caller's transaction. A wrong or revoked key is 401 `unauthorized` (`/key`) and counts
/// as a failure of the client address, committed by the caller; at the limit every
/// attempt is 429 `rate_limited` with the wait. The outer error is the rate limit (not
/// counted), the inner one the counted refusal.
pub async fn sign_in(
    conn: &mut SqliteConnection,
    key: &str,
    client: &str,
    session_id: &str,
    now: i64,
) -> Result<Result<MarketingSessionRow, ApiError>, ApiError> {
    refuse_failures(
        &mut *conn,
        SCOPE,
        client,
        FAILURES_PER_CLIENT,
        FAILURE_WINDOW,
        now,
        "/key",
    )
    .await?;
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, label FROM marketing_keys WHERE key_sha256 = ? AND revoked_at IS NULL",
    )
    .bind(key_digest(key.trim()))
    .fetch_optional(&mut *conn)
    .await?;
    let Some((key_id, label)) = row else {
        record_failure(&mut *conn, SCOPE, client, now).await?;
        return Ok(Err(ApiError::refusal_at(
            ProblemCode::Unauthorized,
            "/key",
            "this marketing key is not valid (wrong or revoked)",
        )));
    };
    sqlx::query("DELETE FROM marketing_sessions WHERE expires_at <= ?")
        .bind(now)
        .execute(&mut *conn)
        .await?;
    let session = MarketingSessionRow {
        id_sha256: sha256_hex(session_id),
        key_id,
        label,
        expires_at: now + MARKETING_SESSION_SECONDS,
    };
    sqlx::query(
        "INSERT INTO marketing_sessions (id_sha256, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(&session.id_sha256)
    .bind(key_id)
    .bind(now)
    .bind(session.expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(Ok(session))
}

/// The live session of the id `session_id` (unexpired, its key not revoked).
pub async fn lookup(
    conn: &mut SqliteConnection,
    session_id: &str,
    now: i64,
) -> Result<Option<MarketingSessionRow>, ApiError> {
    let digest = sha256_hex(session_id);
    let row: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT s.key_id, k.label, s.expires_at FROM marketing_sessions s \
         JOIN marketing_keys k ON k.id = s.key_id \
         WHERE s.id_sha256 = ? AND s.expires_at > ? AND k.revoked_at IS NULL",
    )
    .bind(&digest)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(key_id, label, expires_at)| MarketingSessionRow {
        id_sha256: digest,
        key_id,
        label,
        expires_at,
    }))
}

/// Ends the session of the id `session_id` (nothing when there is none).
pub async fn end(conn: &mut SqliteConnection, session_id: &str) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM marketing_sessions WHERE id_sha256 = ?")
        .bind(sha256_hex(session_id))
        .execute(&mut *conn)
        .await?;
    Ok(())
}
