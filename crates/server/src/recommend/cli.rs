//! The `recommend` subcommand: runs the recommendations job once on a database and prints
//! what it did and how long it took (`storefront-server recommend [--database-url URL]
//! [--full]`). A server running on the same file keeps its own schedule; the two never
//! run at once (the job's lease), this one waits for a run under way.

use clap::Parser;
use std::io::Write;

use super::job::{run_now, Mode};

/// `storefront-server recommend …`: update the recommendations now.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "storefront-server recommend",
    about = "Run the recommendations job once and print its duration"
)]
pub struct RecommendArgs {
    /// SQLite database URL (the server's).
    #[arg(
        long,
        env = "STOREFRONT_DATABASE_URL",
        default_value = "sqlite://data/storefront.db"
    )]
    pub database_url: String,
    /// Count every stored event again rather than those since the last run.
    #[arg(long)]
    pub full: bool,
}

/// Runs the job once and writes one line about it to `out`.
pub async fn run(args: RecommendArgs, out: &mut impl Write) -> Result<(), crate::BoxError> {
    let db = crate::db::connect(&args.database_url).await?;
    let mode = if args.full {
        Mode::Full
    } else {
        Mode::Incremental
    };
    let report = run_now(&db, mode).await?;
    writeln!(
        out,
        "recommend: {} run, {} events counted, {} neighbour lists written, {:.3} s \
         (counting {:.3} s, lists {:.3} s, popular {:.3} s)",
        report.mode.as_str(),
        report.events,
        report.lists,
        report.elapsed.as_secs_f64(),
        report.counting.as_secs_f64(),
        report.listing.as_secs_f64(),
        report.popular.as_secs_f64()
    )?;
    db.close().await;
    Ok(())
}
