//! The periodic job: counts the visits of the events stored since its last run, works out
//! the neighbour lists those counts change, and the popular lists.
//!
//! - **Incremental** (every run but the first): the events after the cursor, in parts of
//!   [`PART_EVENTS`]; for each visit (session) a part touches, its earlier events are read
//!   again from `events`, so a visit that spans two runs counts each product and each pair
//!   once, as if it had been counted whole ([`super::visits`]). Each part's counts and the
//!   cursor move in one transaction.
//! - **Full** (the first run, `--full`, after a build that stopped half way, or when more
//!   events wait than [`FULL_BACKLOG`]): every stored event, counted in memory and written
//!   in bounded transactions. Counts of events deleted since are gone after it.
//!
//! Events whose id is taken again by SQLite after the newest rows were deleted (a
//! withdrawal right after a visit) are found by their `received_at`, newer than any the
//! job counted. One run works at a time per database file: a lease in `recommend_cursor`
//! keeps out another process (the `recommend` subcommand next to a server).

use chrono::Utc;
use sqlx::SqlitePool;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use super::counts::{self, Items};
use super::visits::{first_distinct, Deltas, VISIT_PRODUCTS_MAX};
use super::{popular, INTEREST_SQL};

/// Default seconds between runs (`--recommend-every-seconds`).
pub const EVERY_SECONDS_DEFAULT: u32 = 300;
/// A run holds the lease at most this long (a process that died frees it then).
const LEASE_SECONDS: i64 = 600;
/// Events per part of an incremental run (one transaction each).
pub const PART_EVENTS: i64 = 10_000;
/// Events read per page of a full build.
const PAGE_EVENTS: i64 = 50_000;
/// More new events than this are counted by a full build: faster than many parts.
pub const FULL_BACKLOG: i64 = 200_000;

/// How a run counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only what is new (turns full when the job has never finished a build).
    Incremental,
    /// Everything again.
    Full,
}

impl Mode {
    /// `incremental` or `full`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Incremental => "incremental",
            Mode::Full => "full",
        }
    }
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// How it counted.
    pub mode: Mode,
    /// Events counted (product events of catalogue products).
    pub events: u64,
    /// Neighbour lists worked out again.
    pub lists: u64,
    /// How long it took.
    pub elapsed: Duration,
    /// Of which counting the events (reading them, writing the counts).
    pub counting: Duration,
    /// Of which working out the neighbour lists.
    pub listing: Duration,
    /// Of which the popular lists.
    pub popular: Duration,
}

/// One event as the job reads it: id, session, product, received_at.
type EventRow = (i64, String, String, i64);

/// The product events, read through `index` (an `INDEXED BY` or `NOT INDEXED` clause, so
/// the planner never walks an index of names for a scan in id order).
fn event_columns(index: &str) -> String {
    format!(
        "SELECT id, session_id, product_id, received_at FROM events {index} \
         WHERE {INTEREST_SQL} AND product_id IS NOT NULL"
    )
}

/// Runs once unless another run holds the lease (then `None`).
pub async fn run(db: &SqlitePool, mode: Mode) -> Result<Option<RunReport>, sqlx::Error> {
    let now = Utc::now().timestamp();
    let taken = sqlx::query(
        "UPDATE recommend_cursor SET lease_until = ? WHERE id = 1 AND lease_until <= ?",
    )
    .bind(now + LEASE_SECONDS)
    .bind(now)
    .execute(db)
    .await?;
    if taken.rows_affected() == 0 {
        return Ok(None);
    }
    let result = leased(db, mode, now).await;
    let released = sqlx::query("UPDATE recommend_cursor SET lease_until = 0 WHERE id = 1")
        .execute(db)
        .await;
    let report = result?;
    released?;
    Ok(Some(report))
}

/// Runs once now, waiting for a run under way to end first (tests, the subcommand).
pub async fn run_now(db: &SqlitePool, mode: Mode) -> Result<RunReport, crate::BoxError> {
    let deadline = Instant::now() + Duration::from_secs(LEASE_SECONDS as u64);
    loop {
        if let Some(report) = run(db, mode).await? {
            return Ok(report);
        }
        if Instant::now() > deadline {
            return Err("another run of the recommendations job holds its lease".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs the job every `every` (the first run at once) for as long as the process runs.
pub fn start(db: SqlitePool, every: Duration) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    handle.spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match run(&db, Mode::Incremental).await {
                Ok(Some(r)) if r.events > 0 || r.mode == Mode::Full => tracing::info!(
                    mode = r.mode.as_str(),
                    events = r.events,
                    lists = r.lists,
                    elapsed_ms = r.elapsed.as_millis() as u64,
                    "recommendations updated"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "updating the recommendations failed"),
            }
        }
    });
}

async fn leased(db: &SqlitePool, mode: Mode, now: i64) -> Result<RunReport, sqlx::Error> {
    let started = Instant::now();
    let (last_id, last_received, built): (i64, i64, bool) = sqlx::query_as(
        "SELECT last_event_id, last_received_at, built FROM recommend_cursor WHERE id = 1",
    )
    .fetch_one(db)
    .await?;
    let (max_id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM events")
        .fetch_one(db)
        .await?;
    let max_id = max_id.unwrap_or(0);
    let mode = if mode == Mode::Full || !built || max_id - last_id > FULL_BACKLOG {
        Mode::Full
    } else {
        Mode::Incremental
    };
    let catalogue = counts::catalogue(db).await?;
    let mut items = Items::load(db).await?;
    let events = match mode {
        Mode::Full => full(db, &mut items, &catalogue, max_id).await?,
        Mode::Incremental => {
            let cursor = (last_id, last_received);
            incremental(db, &mut items, &catalogue, cursor, max_id).await?
        }
    };
    let counting = started.elapsed();
    let lists = counts::rework_dirty(db).await?;
    let listing = started.elapsed() - counting;
    popular::rebuild(db, &catalogue, now).await?;
    let popular = started.elapsed() - counting - listing;
    sqlx::query("UPDATE recommend_cursor SET runs = runs + 1, last_run_at = ? WHERE id = 1")
        .bind(now)
        .execute(db)
        .await?;
    Ok(RunReport {
        mode,
        events,
        lists,
        elapsed: started.elapsed(),
        counting,
        listing,
        popular,
    })
}

/// Counts every event up to `max_id` again.
async fn full(
    db: &SqlitePool,
    items: &mut Items,
    catalogue: &HashSet<String>,
    max_id: i64,
) -> Result<u64, sqlx::Error> {
    counts::reset(db).await?;
    let sql = format!(
        "{} AND id > ? AND id <= ? ORDER BY id LIMIT ?",
        event_columns("NOT INDEXED")
    );
    let mut visits: HashMap<String, Vec<u32>> = HashMap::new();
    let (mut after, mut last_received, mut counted) = (0i64, 0i64, 0u64);
    loop {
        let page: Vec<EventRow> = sqlx::query_as(&sql)
            .bind(after)
            .bind(max_id)
            .bind(PAGE_EVENTS)
            .fetch_all(db)
            .await?;
        let more = page.len() as i64 == PAGE_EVENTS;
        for (id, session, product, received_at) in page {
            after = id;
            last_received = last_received.max(received_at);
            if !catalogue.contains(&product) {
                continue;
            }
            counted += 1;
            let item = items.item(&product);
            let seen = visits.entry(session).or_default();
            if seen.len() < VISIT_PRODUCTS_MAX && !seen.contains(&item) {
                seen.push(item);
            }
        }
        if !more {
            break;
        }
    }
    let mut deltas = Deltas::default();
    for products in visits.values() {
        deltas.add_visit(&[], products);
    }
    drop(visits);
    counts::add_in_parts(db, items, &deltas).await?;
    counts::finish_full(db, max_id, last_received).await?;
    Ok(counted)
}

/// Counts the events after the cursor `(last id, last received_at)` up to `max_id`, part
/// by part.
async fn incremental(
    db: &SqlitePool,
    items: &mut Items,
    catalogue: &HashSet<String>,
    (mut last_id, mut last_received): (i64, i64),
    max_id: i64,
) -> Result<u64, sqlx::Error> {
    // events that took the id of a deleted one the job had counted
    let mut part: Vec<EventRow> = sqlx::query_as(&format!(
        "{} AND received_at > ? AND id <= ? ORDER BY id",
        event_columns("INDEXED BY events_by_received")
    ))
    .bind(last_received)
    .bind(last_id)
    .fetch_all(db)
    .await?;
    let sql = format!(
        "{} AND id > ? AND id <= ? ORDER BY id LIMIT ?",
        event_columns("NOT INDEXED")
    );
    let mut counted = 0u64;
    loop {
        let page: Vec<EventRow> = sqlx::query_as(&sql)
            .bind(last_id)
            .bind(max_id)
            .bind(PART_EVENTS)
            .fetch_all(db)
            .await?;
        let more = page.len() as i64 == PART_EVENTS;
        let upto = match page.last() {
            Some(row) if more => row.0,
            _ => max_id.max(last_id),
        };
        part.extend(page);
        if part.is_empty() && upto == last_id {
            break;
        }
        last_received = part.iter().map(|r| r.3).fold(last_received, i64::max);
        let (deltas, n) = part_deltas(db, items, catalogue, &part, upto).await?;
        counted += n;
        counts::add_with_cursor(db, items, &deltas, upto, last_received).await?;
        last_id = upto;
        part.clear();
        if !more {
            break;
        }
    }
    Ok(counted)
}

/// What the events of one part add, each visit read whole (its events up to `upto`).
async fn part_deltas(
    db: &SqlitePool,
    items: &mut Items,
    catalogue: &HashSet<String>,
    part: &[EventRow],
    upto: i64,
) -> Result<(Deltas, u64), sqlx::Error> {
    let in_part: HashSet<i64> = part.iter().map(|r| r.0).collect();
    // session -> (earlier events, this part's events) as (id, item)
    type Seen = Vec<(i64, u32)>;
    let mut visits: HashMap<&str, (Seen, Seen)> = HashMap::new();
    let mut counted = 0u64;
    for (id, session, product, _) in part {
        if catalogue.contains(product) {
            counted += 1;
            let item = items.item(product);
            visits
                .entry(session.as_str())
                .or_default()
                .1
                .push((*id, item));
        }
    }
    let sessions: Vec<&str> = visits.keys().copied().collect();
    for group in sessions.chunks(500) {
        let mut qb = sqlx::QueryBuilder::<sqlx::Sqlite>::new(format!(
            "{} AND id <= ",
            event_columns("INDEXED BY events_by_session")
        ));
        qb.push_bind(upto).push(" AND session_id IN (");
        {
            let mut sep = qb.separated(", ");
            for s in group {
                sep.push_bind(*s);
            }
        }
        qb.push(")");
        let earlier: Vec<EventRow> = qb.build_query_as().fetch_all(db).await?;
        for (id, session, product, _) in earlier {
            if in_part.contains(&id) || !catalogue.contains(&product) {
                continue;
            }
            let item = items.item(&product);
            if let Some(v) = visits.get_mut(session.as_str()) {
                v.0.push((id, item));
            }
        }
    }
    let mut deltas = Deltas::default();
    for (earlier, now) in visits.values_mut() {
        earlier.sort_unstable();
        let before = first_distinct(earlier.iter().map(|e| e.1));
        earlier.extend_from_slice(now);
        earlier.sort_unstable();
        let after = first_distinct(earlier.iter().map(|e| e.1));
        deltas.add_visit(&before, &after);
    }
    Ok((deltas, counted))
}
