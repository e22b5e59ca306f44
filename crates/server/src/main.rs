//! `storefront-server`: see the library documentation (`src/lib.rs`) for flags and URLs.
//!
//! ```text
//! storefront-server [--listen 127.0.0.1:8080] [--database-url sqlite://data/storefront.db]
//!                   [--dist dist] [--no-seed] [--products 360] [--public-api-base /api]
//!                   [--hold-hours 48] [--token-key SECRET] [--token-seconds 60] [--demo]
//!                   [--smtp-url URL --smtp-from ADDRESS] [--code-webhook-url URL]
//!                   [--code-webhook-secret SECRET]
//!                   [--auth-ip-limit 30] [--header-timeout-seconds 10]
//!                   [--body-timeout-seconds 30] [--max-body-bytes 65536]
//!                   [--max-connections 1024] [--shutdown-timeout-seconds 10]
//!                   [--demo-partner-listen 127.0.0.1:8090|off] [--event-retention-days 180]
//!                   [--recommend-every-seconds 300]
//! storefront-server till [--url http://127.0.0.1:8080] [--store s_sh_jingan] [--key demo-s_sh_jingan]
//!                   [--receipt R1] [--amount 199.00] [--redeem | --check] <token>
//! storefront-server keys [--database-url URL] create --store <id> [--label text]
//! storefront-server keys [--database-url URL] list [--store <id>]
//! storefront-server keys [--database-url URL] revoke <id>
//! storefront-server marketing-keys [--database-url URL] create [--label text]
//! storefront-server marketing-keys [--database-url URL] list
//! storefront-server marketing-keys [--database-url URL] revoke <id>
//! storefront-server kiosk-pair [--database-url URL] --store <id> (--name <text> | --kiosk <kiosk id>)
//! storefront-server demo-events [--database-url URL] --events N [--days 180] [--seed 1]
//! storefront-server recommend [--database-url URL] [--full]
//! ```
//! Every flag has an environment variable: `STOREFRONT_LISTEN`, `STOREFRONT_DATABASE_URL`,
//! `STOREFRONT_DIST`, `STOREFRONT_NO_SEED`, `STOREFRONT_PRODUCTS`, `STOREFRONT_PUBLIC_API_BASE`,
//! `STOREFRONT_HOLD_HOURS`, `STOREFRONT_HEADER_TIMEOUT_SECONDS`, `STOREFRONT_BODY_TIMEOUT_SECONDS`,
//! `STOREFRONT_MAX_BODY_BYTES`, `STOREFRONT_MAX_CONNECTIONS`, `STOREFRONT_SHUTDOWN_TIMEOUT_SECONDS`
//! (and the others in the library's flag table).

use clap::Parser;
use storefront_server::{app, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "till") {
        let till = storefront_server::till::TillArgs::parse_from(&args[1..]);
        return match storefront_server::till::run(till).await {
            Ok(true) => std::process::ExitCode::SUCCESS,
            Ok(false) => std::process::ExitCode::from(2),
            Err(e) => {
                eprintln!("till: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if args.get(1).is_some_and(|a| a == "keys") {
        let named = std::iter::once(std::ffi::OsString::from("storefront-server keys"))
            .chain(args[2..].iter().cloned());
        let keys = storefront_server::keys::KeysArgs::parse_from(named);
        return match storefront_server::keys::run(keys, &mut std::io::stdout()).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("keys: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if args.get(1).is_some_and(|a| a == "marketing-keys") {
        let named = std::iter::once(std::ffi::OsString::from("storefront-server marketing-keys"))
            .chain(args[2..].iter().cloned());
        let keys = storefront_server::marketing::keys::MarketingKeysArgs::parse_from(named);
        return match storefront_server::marketing::keys::run(keys, &mut std::io::stdout()).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("marketing-keys: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if args.get(1).is_some_and(|a| a == "kiosk-pair") {
        let named = std::iter::once(std::ffi::OsString::from("storefront-server kiosk-pair"))
            .chain(args[2..].iter().cloned());
        let pair = storefront_server::kiosks::cli::KioskPairArgs::parse_from(named);
        return match storefront_server::kiosks::cli::run(pair, &mut std::io::stdout()).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kiosk-pair: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if args.get(1).is_some_and(|a| a == "demo-events") {
        let named = std::iter::once(std::ffi::OsString::from("storefront-server demo-events"))
            .chain(args[2..].iter().cloned());
        let demo = storefront_server::events::demo::DemoEventsArgs::parse_from(named);
        return match storefront_server::events::demo::run(demo, &mut std::io::stdout()).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("demo-events: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if args.get(1).is_some_and(|a| a == "recommend") {
        let named = std::iter::once(std::ffi::OsString::from("storefront-server recommend"))
            .chain(args[2..].iter().cloned());
        let job = storefront_server::recommend::cli::RecommendArgs::parse_from(named);
        return match storefront_server::recommend::cli::run(job, &mut std::io::stdout()).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("recommend: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let config = Config::parse();
    match run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "storefront-server failed");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), storefront_server::BoxError> {
    let router = app(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    tracing::info!(
        database = %config.database_url,
        dist = %config.dist.display(),
        "storefront-server listening on http://{addr} (API at http://{addr}/api/v1, docs at http://{addr}/api/docs/)"
    );
    // Demo mode only; a port already taken (another demo server) only costs the page.
    match config.partner_listen() {
        None => {}
        Some(partner) => match tokio::net::TcpListener::bind(partner).await {
            Ok(partner_listener) => {
                tracing::info!(
                    "demo partner page (the autumn-edit campaign embedded from another origin) at http://{partner}/"
                );
                let page = storefront_server::partner::router(addr.port());
                tokio::spawn(async move {
                    if let Err(e) = axum::serve(partner_listener, page).await {
                        tracing::warn!(error = %e, "the demo partner page stopped");
                    }
                });
            }
            Err(e) => tracing::warn!(
                error = %e,
                "the demo partner page cannot listen on {partner} (--demo-partner-listen); serving without it"
            ),
        },
    }
    let stopped = storefront_server::serve::serve(
        listener,
        router,
        config.serve_options(),
        storefront_server::serve::signal(),
    )
    .await;
    tracing::info!(dropped = stopped.dropped, "stopped");
    Ok(())
}
