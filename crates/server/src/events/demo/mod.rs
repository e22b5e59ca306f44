//! The `demo-events` subcommand: writes realistic events into an existing seeded database,
//! for the dashboard and recommendation benchmarks
//! (`storefront-server demo-events --database-url sqlite://PATH --events N [--days 180]
//! [--seed S]`).
//!
//! Visits of 3 to 30 events spread over the last `--days` days (more in the day and evening,
//! China time; made in time order) on phone, kiosk and embed: lists, product views weighted by popularity
//! (a Zipf curve over the catalogue's best sellers), searches (some with no results), the
//! stock of a variant at a store (out of stock as the stock table says, then the nearest
//! store that has it), wishlist saves, reservations, coupon claims, campaigns, the virtual
//! tour and guide bookings. Members of the database take part (about one phone visit in
//! ten): each gets a consent receipt granting analytics and personalisation and the random
//! reference their events carry, as the app would have recorded. The same `--seed` on the
//! same database writes the same events (times are relative to now).
//!
//! Fast: rows are built in memory and inserted 250 a statement, 10,000 a transaction
//! (1,000,000 events in about 25 s on two cores), then `ANALYZE`.

mod visit;
mod world;

use clap::Parser;
use std::time::Instant;
use storefront_api_types::{ConsentChoice, CONSENT_POLICY_VERSION};

use super::row::{self, EventRow};
use visit::{Rng, Visits};
use world::World;

/// Events per transaction.
const EVENTS_PER_TRANSACTION: usize = 10_000;

/// `storefront-server demo-events …`: realistic events for the benchmarks.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "storefront-server demo-events",
    about = "Write N realistic demo events (visits on phone, kiosk and embed over the last --days days) into a seeded database, for the insight and recommendation benchmarks",
    long_about = "Write N realistic demo events into an existing seeded database (start the server \
                  on it once first), for the insight and recommendation benchmarks: visits of 3 to 30 \
                  events over the last --days days on phone, kiosk and embed, product views weighted \
                  by popularity, searches (some with no results), stock views (out of stock as the \
                  stock table says, with the nearest store that has it), wishlist saves, reservations, \
                  coupon claims, campaigns, tour visits and guide bookings. The database's members \
                  take part in about one phone visit in ten, each with a consent receipt granting \
                  analytics and personalisation. Events older than the server's \
                  --event-retention-days (180) are deleted when it starts: keep --days within it."
)]
pub struct DemoEventsArgs {
    /// SQLite database URL (the server's, already seeded).
    #[arg(
        long,
        env = "STOREFRONT_DATABASE_URL",
        default_value = "sqlite://data/storefront.db"
    )]
    pub database_url: String,
    /// How many events to write.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub events: u64,
    /// The period, in days up to now.
    #[arg(long, default_value_t = 180, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// Seed of the generator: the same seed writes the same events.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Events.
    pub events: u64,
    /// Visits.
    pub visits: u64,
    /// Events that name a member.
    pub member_events: u64,
}

/// Runs `demo-events`, printing a summary to `out`.
pub async fn run(args: DemoEventsArgs, out: &mut impl std::io::Write) -> Result<(), String> {
    let started = Instant::now();
    let pool = crate::db::connect(&args.database_url)
        .await
        .map_err(|e| format!("database {}: {e}", args.database_url))?;
    let now = chrono::Utc::now().timestamp();
    let written = write(&pool, &args, now).await?;
    let secs = started.elapsed().as_secs_f64();
    writeln!(
        out,
        "wrote {} events ({} visits, {} naming a member) over {} days in {secs:.1} s ({:.0} events/s)",
        written.events,
        written.visits,
        written.member_events,
        args.days,
        written.events as f64 / secs.max(0.001)
    )
    .map_err(|e| e.to_string())?;
    pool.close().await;
    Ok(())
}

/// Writes `args.events` events ending at `now` into `pool`'s database.
pub async fn write(
    pool: &sqlx::SqlitePool,
    args: &DemoEventsArgs,
    now: i64,
) -> Result<Written, String> {
    let err = |e: sqlx::Error| e.to_string();
    let mut world = World::load(pool).await.map_err(err)?;
    if world.products.is_empty() || world.stores.is_empty() {
        return Err(
            "the database has no catalogue: start the server on it once to seed it".to_owned(),
        );
    }
    world.members = consenting_members(pool, now).await?;
    let mut visits = Visits::new(&world, Rng::new(args.seed), now, args.days, args.events);
    // One connection with a large page cache: the indexes of a million rows stay in memory
    // while they grow (the default 2 MB cache turns every insert into page reads).
    let mut conn = pool.acquire().await.map_err(err)?;
    sqlx::query("PRAGMA cache_size = -262144")
        .execute(&mut *conn)
        .await
        .map_err(err)?;
    let mut written = Written::default();
    let mut batch: Vec<EventRow> = Vec::with_capacity(EVENTS_PER_TRANSACTION + 30);
    let total = args.events;
    while written.events < total {
        batch.clear();
        while batch.len() < EVENTS_PER_TRANSACTION && written.events + (batch.len() as u64) < total
        {
            let left = total - written.events - batch.len() as u64;
            visits.next_visit(&mut batch, left);
            written.visits += 1;
        }
        written.member_events += batch.iter().filter(|r| r.member_ref.is_some()).count() as u64;
        written.events += batch.len() as u64;
        let mut tx = sqlx::Connection::begin(&mut *conn).await.map_err(err)?;
        row::insert(&mut tx, &batch).await.map_err(err)?;
        tx.commit().await.map_err(err)?;
    }
    drop(conn);
    sqlx::query("ANALYZE").execute(pool).await.map_err(err)?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await
        .map_err(err)?;
    Ok(written)
}

/// The references of the database's members (up to 1,000), each given a receipt granting
/// analytics and personalisation under the current notice when their newest receipt is not
/// one already (so their events may name them).
async fn consenting_members(pool: &sqlx::SqlitePool, now: i64) -> Result<Vec<i64>, String> {
    let err = |e: sqlx::Error| e.to_string();
    let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM members ORDER BY id LIMIT 1000")
        .fetch_all(pool)
        .await
        .map_err(err)?;
    let both = ConsentChoice {
        policy_version: CONSENT_POLICY_VERSION,
        analytics: true,
        personalisation: true,
    };
    let mut refs = Vec::with_capacity(ids.len());
    let mut tx = pool.begin().await.map_err(err)?;
    for (id,) in ids {
        let current = crate::consent::current(&mut tx, id)
            .await
            .map_err(|e| e.to_string())?;
        if !current.is_some_and(|c| c.links_history()) {
            crate::consent::record(&mut tx, id, &both, now)
                .await
                .map_err(|e| e.to_string())?;
        }
        refs.push(crate::consent::member_ref(&mut tx, id).await.map_err(err)?);
    }
    tx.commit().await.map_err(err)?;
    Ok(refs)
}
