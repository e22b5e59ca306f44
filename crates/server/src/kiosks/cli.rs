//! The `kiosk-pair` subcommand: registers a kiosk for a store (or gives an existing kiosk a
//! new code) straight in the database and prints its pairing code, for setting up a screen
//! without calling the staff API (`storefront-server kiosk-pair --store <id> --name <text>`,
//! `kiosk-pair --store <id> --kiosk <kiosk id>`).

use clap::Parser;

use super::pairing;

/// `storefront-server kiosk-pair …`: a pairing code for a new or existing kiosk.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "storefront-server kiosk-pair",
    about = "Register a kiosk (or re-pair one) and print its pairing code"
)]
pub struct KioskPairArgs {
    /// SQLite database URL (the server's).
    #[arg(
        long,
        env = "STOREFRONT_DATABASE_URL",
        default_value = "sqlite://data/storefront.db"
    )]
    pub database_url: String,
    /// The kiosk's store.
    #[arg(long)]
    pub store: String,
    /// The new kiosk's name (1 to 40 characters).
    #[arg(long, conflicts_with = "kiosk", required_unless_present = "kiosk")]
    pub name: Option<String>,
    /// An existing kiosk of the store to re-pair (its paired screen is unpaired).
    #[arg(long)]
    pub kiosk: Option<String>,
}

/// Runs `kiosk-pair`, writing the code to `out`.
pub async fn run(args: KioskPairArgs, out: &mut impl std::io::Write) -> Result<(), String> {
    let pool = crate::db::connect(&args.database_url)
        .await
        .map_err(|e| format!("database {}: {e}", args.database_url))?;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM stores WHERE id = ?")
        .bind(&args.store)
        .fetch_one(&pool)
        .await
        .map_err(|e| e.to_string())?;
    if n == 0 {
        return Err(format!(
            "no store {:?} (see GET /api/v1/stores)",
            args.store
        ));
    }
    let now = chrono::Utc::now().timestamp();
    let pairing = match (&args.kiosk, &args.name) {
        (Some(id), _) => {
            super::get(&pool, &args.store, id)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("no kiosk {id:?} at store {:?}", args.store))?;
            pairing::new_code(&pool, id, now).await
        }
        (None, Some(name)) if storefront_api_types::is_kiosk_name(name) => {
            pairing::create(&pool, &args.store, name, now).await
        }
        (None, _) => return Err("--name: 1 to 40 characters, no control characters".to_owned()),
    }
    .map_err(|e| e.to_string())?;
    writeln!(out, "{}", pairing.pairing_code).map_err(|e| e.to_string())?;
    eprintln!(
        "kiosk {} of store {}: type the code at /kiosk on the screen within 10 minutes (single use)",
        pairing.kiosk_id, args.store
    );
    pool.close().await;
    Ok(())
}
