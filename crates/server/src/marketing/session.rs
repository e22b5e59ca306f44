//! The marketing workspace's sessions: signing in with a marketing key (failures limited
//! per client address), looking a session up, signing out. Only SHA-256 digests of keys
//! and session ids are stored; a session lives while its key is not revoked.
//!
//! A store's staff key (`store_api_keys`, the key of the till and the staff API) signs in
//! too, to a session scoped to its store (`workspace_staff_sessions`): it sees that store's
//! insight reports and nothing else of the workspace (the HTTP layer refuses it every other
//! route, [`crate::http::marketing`]). Revoking the staff key ends its sessions at once.

use sqlx::SqliteConnection;
use storefront_api_types::{MarketingSession, ProblemCode, StoreId, Timestamp};

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
    /// The store of a staff key's session (`key_id` is then the staff key's); `None` for a
    /// marketing key's.
    pub store_id: Option<String>,
}

impl MarketingSessionRow {
    /// The wire form.
    pub fn to_api(&self) -> MarketingSession {
        MarketingSession {
            label: self.label.clone(),
            expires_at: Timestamp::from_unix(self.expires_at),
            store_id: self.store_id.clone().map(StoreId),
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
    // A marketing key first, then a store's staff key (both stored as the same digest).
    let digest = key_digest(key.trim());
    let row: Option<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, label, NULL FROM marketing_keys WHERE key_sha256 = ?1 AND revoked_at IS NULL \
         UNION ALL \
         SELECT id, label, store_id FROM store_api_keys WHERE key_sha256 = ?1 AND revoked_at IS NULL \
         LIMIT 1",
    )
    .bind(&digest)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((key_id, label, store_id)) = row else {
        record_failure(&mut *conn, SCOPE, client, now).await?;
        return Ok(Err(ApiError::refusal_at(
            ProblemCode::Unauthorized,
            "/key",
            "this key is neither a valid marketing key nor a valid staff key (wrong or revoked)",
        )));
    };
    for table in ["marketing_sessions", "workspace_staff_sessions"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE expires_at <= ?"))
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    let session = MarketingSessionRow {
        id_sha256: sha256_hex(session_id),
        key_id,
        label,
        expires_at: now + MARKETING_SESSION_SECONDS,
        store_id,
    };
    let insert = if session.store_id.is_some() {
        "INSERT INTO workspace_staff_sessions (id_sha256, staff_key_id, created_at, expires_at) VALUES (?, ?, ?, ?)"
    } else {
        "INSERT INTO marketing_sessions (id_sha256, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)"
    };
    sqlx::query(insert)
        .bind(&session.id_sha256)
        .bind(key_id)
        .bind(now)
        .bind(session.expires_at)
        .execute(&mut *conn)
        .await?;
    Ok(Ok(session))
}

/// The live session of the id `session_id` (unexpired, its key not revoked): a marketing
/// key's, or a staff key's with its store.
pub async fn lookup(
    conn: &mut SqliteConnection,
    session_id: &str,
    now: i64,
) -> Result<Option<MarketingSessionRow>, ApiError> {
    let digest = sha256_hex(session_id);
    let row: Option<(i64, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT s.key_id, k.label, s.expires_at, NULL FROM marketing_sessions s \
         JOIN marketing_keys k ON k.id = s.key_id \
         WHERE s.id_sha256 = ?1 AND s.expires_at > ?2 AND k.revoked_at IS NULL \
         UNION ALL \
         SELECT s.staff_key_id, k.label, s.expires_at, k.store_id FROM workspace_staff_sessions s \
         JOIN store_api_keys k ON k.id = s.staff_key_id \
         WHERE s.id_sha256 = ?1 AND s.expires_at > ?2 AND k.revoked_at IS NULL \
         LIMIT 1",
    )
    .bind(&digest)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(
        |(key_id, label, expires_at, store_id)| MarketingSessionRow {
            id_sha256: digest,
            key_id,
            label,
            expires_at,
            store_id,
        },
    ))
}

/// Ends the session of the id `session_id` (nothing when there is none).
pub async fn end(conn: &mut SqliteConnection, session_id: &str) -> Result<(), ApiError> {
    let digest = sha256_hex(session_id);
    for table in ["marketing_sessions", "workspace_staff_sessions"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE id_sha256 = ?"))
            .bind(&digest)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
