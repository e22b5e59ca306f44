//! Marketing keys: created, listed and revoked by the `marketing-keys` subcommand
//! (`storefront-server marketing-keys create [--label text]`, `marketing-keys list`,
//! `marketing-keys revoke <id>`), on the database named by `--database-url` /
//! `STOREFRONT_DATABASE_URL`.
//!
//! A new key is `mk_` and 43 characters of base64url (32 random bytes); it is printed
//! once and only its SHA-256 is stored (`marketing_keys`). Revoking a key deletes its
//! sessions, so a signed-in marketer is out at the next request. The well-known demo key
//! [`DEMO_MARKETING_KEY`] exists only in demo mode: [`ensure_demo_key`] writes it,
//! [`remove_demo_key`] revokes it in a database started in production mode.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use clap::{Parser, Subcommand};
use sqlx::SqlitePool;

use crate::digest::key_digest;

/// The demo mode's marketing key.
pub const DEMO_MARKETING_KEY: &str = "demo-marketing";

/// `storefront-server marketing-keys …`: manage the marketing workspace's keys.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "storefront-server marketing-keys",
    about = "Create, list and revoke marketing keys"
)]
pub struct MarketingKeysArgs {
    /// SQLite database URL (the server's).
    #[arg(
        long,
        global = true,
        env = "STOREFRONT_DATABASE_URL",
        default_value = "sqlite://data/storefront.db"
    )]
    pub database_url: String,
    /// What to do.
    #[command(subcommand)]
    pub command: MarketingKeysCommand,
}

/// The `marketing-keys` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum MarketingKeysCommand {
    /// Creates a key and prints it once (only its SHA-256 is stored).
    Create {
        /// A note for the list (who uses the key); shown as the session's label.
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Lists the keys (never their secret).
    List,
    /// Revokes a key by its id and ends its sessions at once.
    Revoke {
        /// The key's id (from `marketing-keys list`).
        id: i64,
    },
}

/// A stored marketing key, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MarketingKeyRow {
    /// Never reused.
    pub id: i64,
    /// A note.
    pub label: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, when revoked.
    pub revoked_at: Option<i64>,
}

/// A new random key: `mk_` + base64url of 32 random bytes.
pub fn new_key() -> Result<String, String> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| format!("randomness: {e}"))?;
    Ok(format!("mk_{}", URL_SAFE_NO_PAD.encode(b)))
}

/// Creates a key and returns `(id, key)`; the key itself is not stored.
pub async fn create(pool: &SqlitePool, label: &str) -> Result<(i64, String), String> {
    let key = new_key()?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO marketing_keys (key_sha256, label, created_at) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(key_digest(&key))
    .bind(label)
    .bind(chrono::Utc::now().timestamp())
    .fetch_one(pool)
    .await
    .map_err(|e| e.to_string())?;
    Ok((id, key))
}

/// The keys, oldest first.
pub async fn list(pool: &SqlitePool) -> Result<Vec<MarketingKeyRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, label, created_at, revoked_at FROM marketing_keys ORDER BY id")
        .fetch_all(pool)
        .await
}

/// Revokes a key and deletes its sessions, in one transaction; `false` when there is no
/// such key or it was revoked already.
pub async fn revoke(pool: &SqlitePool, id: i64) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let done =
        sqlx::query("UPDATE marketing_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .bind(chrono::Utc::now().timestamp())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    sqlx::query("DELETE FROM marketing_sessions WHERE key_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Demo mode: the well-known key [`DEMO_MARKETING_KEY`], written when missing (like the
/// demo staff keys, one revoked stays revoked). Returns whether it was written.
pub async fn ensure_demo_key(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT OR IGNORE INTO marketing_keys (key_sha256, label, created_at) VALUES (?, 'demo', ?)",
    )
    .bind(key_digest(DEMO_MARKETING_KEY))
    .bind(chrono::Utc::now().timestamp())
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Production mode: revokes the demo key a database may hold from a demo run (and ends
/// its sessions). Returns whether there was one.
pub async fn remove_demo_key(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM marketing_keys WHERE key_sha256 = ? AND revoked_at IS NULL")
            .bind(key_digest(DEMO_MARKETING_KEY))
            .fetch_optional(pool)
            .await?;
    match row {
        Some((id,)) => revoke(pool, id).await,
        None => Ok(false),
    }
}

fn when(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| unix.to_string())
}

/// Runs a `marketing-keys` subcommand, writing its answer to `out`.
pub async fn run(args: MarketingKeysArgs, out: &mut impl std::io::Write) -> Result<(), String> {
    let pool = crate::db::connect(&args.database_url)
        .await
        .map_err(|e| format!("database {}: {e}", args.database_url))?;
    let io = |e: std::io::Error| e.to_string();
    match args.command {
        MarketingKeysCommand::Create { label } => {
            let (id, key) = create(&pool, &label).await?;
            writeln!(out, "{key}").map_err(io)?;
            eprintln!(
                "created marketing key {id}: shown once, only its SHA-256 is kept; sign in \
                 to the marketing workspace with it"
            );
        }
        MarketingKeysCommand::List => {
            let rows = list(&pool).await.map_err(|e| e.to_string())?;
            writeln!(out, "id\tlabel\tcreated\trevoked").map_err(io)?;
            for r in rows {
                let revoked = r.revoked_at.map(when).unwrap_or_else(|| "-".to_owned());
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    r.id,
                    r.label.replace(char::is_control, " "),
                    when(r.created_at),
                    revoked
                )
                .map_err(io)?;
            }
        }
        MarketingKeysCommand::Revoke { id } => {
            if !revoke(&pool, id).await.map_err(|e| e.to_string())? {
                return Err(format!("no active marketing key {id}"));
            }
            writeln!(out, "revoked marketing key {id} and ended its sessions").map_err(io)?;
        }
    }
    pool.close().await;
    Ok(())
}
