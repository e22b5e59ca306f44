//! Staff API keys: created, listed and revoked by the `keys` subcommand of the binary
//! (`storefront-server keys create --store <id> [--label text]`, `keys list [--store <id>]`,
//! `keys revoke <id>`), on the database named by `--database-url` /
//! `STOREFRONT_DATABASE_URL`.
//!
//! A new key is `sk_` and 43 characters of base64url (32 random bytes, 256 bits); it is
//! printed once and only its SHA-256 is stored (`store_api_keys`). Key ids are
//! `AUTOINCREMENT`, never reused. A revoked key is refused (401) by the next request. The
//! well-known demo keys `demo-<store id>` exist only in demo mode: [`ensure_demo_keys`]
//! writes them, [`remove_demo_keys`] takes them out of a database started in production.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use clap::{Parser, Subcommand};
use sqlx::SqlitePool;

use crate::digest::key_digest;

/// `storefront-server keys …`: manage the stores' staff API keys.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "storefront-server keys",
    about = "Create, list and revoke staff API keys"
)]
pub struct KeysArgs {
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
    pub command: KeysCommand,
}

/// The `keys` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum KeysCommand {
    /// Creates a key for a store and prints it once (only its SHA-256 is stored).
    Create {
        /// The store the key belongs to.
        #[arg(long)]
        store: String,
        /// A note for the list (who or what uses the key).
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Lists the keys (never their secret).
    List {
        /// Only this store's keys.
        #[arg(long)]
        store: Option<String>,
    },
    /// Revokes a key by its id: it is refused from the next request on.
    Revoke {
        /// The key's id (from `keys list`).
        id: i64,
    },
}

/// A stored key, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KeyRow {
    /// Never reused.
    pub id: i64,
    /// The store it opens.
    pub store_id: String,
    /// A note.
    pub label: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, when revoked.
    pub revoked_at: Option<i64>,
}

/// A new random key: `sk_` + base64url of 32 random bytes.
pub fn new_key() -> Result<String, String> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| format!("randomness: {e}"))?;
    Ok(format!("sk_{}", URL_SAFE_NO_PAD.encode(b)))
}

/// Creates a key for `store` and returns `(id, key)`; the key itself is not stored.
pub async fn create(pool: &SqlitePool, store: &str, label: &str) -> Result<(i64, String), String> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM stores WHERE id = ?")
        .bind(store)
        .fetch_one(pool)
        .await
        .map_err(|e| e.to_string())?;
    if n == 0 {
        return Err(format!("no store {store:?} (see GET /api/v1/stores)"));
    }
    let key = new_key()?;
    let id: (i64,) = sqlx::query_as(
        "INSERT INTO store_api_keys (key_sha256, store_id, label, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(key_digest(&key))
    .bind(store)
    .bind(label)
    .bind(chrono::Utc::now().timestamp())
    .fetch_one(pool)
    .await
    .map_err(|e| e.to_string())?;
    Ok((id.0, key))
}

/// The keys (of one store), oldest first.
pub async fn list(pool: &SqlitePool, store: Option<&str>) -> Result<Vec<KeyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, store_id, label, created_at, revoked_at FROM store_api_keys \
         WHERE ?1 IS NULL OR store_id = ?1 ORDER BY id",
    )
    .bind(store)
    .fetch_all(pool)
    .await
}

/// Revokes a key; `false` when there is no such key or it was revoked already.
pub async fn revoke(pool: &SqlitePool, id: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE store_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .bind(chrono::Utc::now().timestamp())
            .bind(id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Demo mode: the well-known key `demo-<store id>` of every store, written when missing.
pub async fn ensure_demo_keys(pool: &SqlitePool) -> Result<u64, sqlx::Error> {
    let stores: Vec<(String,)> = sqlx::query_as("SELECT id FROM stores ORDER BY id")
        .fetch_all(pool)
        .await?;
    let now = chrono::Utc::now().timestamp();
    let mut added = 0;
    for (id,) in stores {
        added += sqlx::query(
            "INSERT OR IGNORE INTO store_api_keys (key_sha256, store_id, label, created_at) VALUES (?, ?, 'demo', ?)",
        )
        .bind(key_digest(&storefront_demo::demo_key(&id)))
        .bind(&id)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected();
    }
    Ok(added)
}

/// Production mode: revokes the well-known demo keys a database may hold from a demo run.
pub async fn remove_demo_keys(pool: &SqlitePool) -> Result<u64, sqlx::Error> {
    let stores: Vec<(String,)> = sqlx::query_as("SELECT id FROM stores ORDER BY id")
        .fetch_all(pool)
        .await?;
    let now = chrono::Utc::now().timestamp();
    let mut revoked = 0;
    for (id,) in stores {
        revoked += sqlx::query(
            "UPDATE store_api_keys SET revoked_at = ? WHERE key_sha256 = ? AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(key_digest(&storefront_demo::demo_key(&id)))
        .execute(pool)
        .await?
        .rows_affected();
    }
    Ok(revoked)
}

fn when(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| unix.to_string())
}

/// Runs a `keys` subcommand, writing its answer to `out`.
pub async fn run(args: KeysArgs, out: &mut impl std::io::Write) -> Result<(), String> {
    let pool = crate::db::connect(&args.database_url)
        .await
        .map_err(|e| format!("database {}: {e}", args.database_url))?;
    let io = |e: std::io::Error| e.to_string();
    match args.command {
        KeysCommand::Create { store, label } => {
            let (id, key) = create(&pool, &store, &label).await?;
            writeln!(out, "{key}").map_err(io)?;
            eprintln!(
                "created key {id} for store {store}: shown once, only its SHA-256 is kept; \
                 send it as `Authorization: Bearer <key>`"
            );
        }
        KeysCommand::List { store } => {
            let rows = list(&pool, store.as_deref())
                .await
                .map_err(|e| e.to_string())?;
            writeln!(out, "id\tstore\tlabel\tcreated\trevoked").map_err(io)?;
            for r in rows {
                let revoked = r.revoked_at.map(when).unwrap_or_else(|| "-".to_owned());
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.store_id,
                    r.label.replace(char::is_control, " "),
                    when(r.created_at),
                    revoked
                )
                .map_err(io)?;
            }
        }
        KeysCommand::Revoke { id } => {
            if !revoke(&pool, id).await.map_err(|e| e.to_string())? {
                return Err(format!("no active key {id}"));
            }
            writeln!(out, "revoked key {id}").map_err(io)?;
        }
    }
    pool.close().await;
    Ok(())
}
