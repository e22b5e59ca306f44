//! The stored counts (migration 0014): products as small numbers (`recommend_items`),
//! visits per pair (`recommend_pairs`), the products whose list must be worked out again
//! (`recommend_dirty`), and working those lists out (`recommend_neighbours`).
//!
//! Writes go in transactions of bounded size, so the job never holds SQLite's one write
//! lock for long: reservations and events keep being written while it works.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};
use std::collections::{BTreeSet, HashMap, HashSet};

use super::neighbours::{best, NEIGHBOURS_MAX};
use super::visits::{pair_items, Deltas};

/// Rows per multi-row statement (5 values a row at most: well under SQLite's 32,766).
const ROWS_PER_STATEMENT: usize = 500;
/// Pair rows per transaction of a full build.
const PAIRS_PER_TRANSACTION: usize = 50_000;
/// Products per neighbour-list transaction (and per adjacency query).
const LISTS_PER_TRANSACTION: usize = 500;

/// The products of the catalogue: only their events count.
pub async fn catalogue(db: &SqlitePool) -> Result<HashSet<String>, sqlx::Error> {
    let ids: Vec<(String,)> = sqlx::query_as("SELECT id FROM products")
        .fetch_all(db)
        .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// Product ids and their small numbers: the stored ones and those this run adds.
#[derive(Debug, Default)]
pub struct Items {
    by_product: HashMap<String, u32>,
    next: u32,
    fresh: Vec<(u32, String)>,
}

impl Items {
    /// The stored items.
    pub async fn load(db: &SqlitePool) -> Result<Items, sqlx::Error> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT item, product_id FROM recommend_items")
                .fetch_all(db)
                .await?;
        let mut items = Items::default();
        for (item, product) in rows {
            let item = u32::try_from(item).unwrap_or(u32::MAX);
            items.next = items.next.max(item.saturating_add(1));
            items.by_product.insert(product, item);
        }
        Ok(items)
    }

    /// The item of a product, numbered now when it has none.
    pub fn item(&mut self, product: &str) -> u32 {
        if let Some(&item) = self.by_product.get(product) {
            return item;
        }
        let item = self.next;
        self.next += 1;
        self.by_product.insert(product.to_owned(), item);
        self.fresh.push((item, product.to_owned()));
        item
    }
}

/// Starts a full build: no event counted, every count zero, every product's list to be
/// worked out again (so a product no visit sees any more loses its list), and `built`
/// off until [`finish_full`], so a run that stops half way is done again in full.
pub async fn reset(db: &SqlitePool) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for sql in [
        "UPDATE recommend_cursor SET built = 0, last_event_id = 0, last_received_at = 0 WHERE id = 1",
        "DELETE FROM recommend_pairs",
        "UPDATE recommend_items SET visits = 0 WHERE visits != 0",
        "INSERT INTO recommend_dirty (item, seen_changed) SELECT item, 1 FROM recommend_items \
         WHERE true ON CONFLICT (item) DO UPDATE SET seen_changed = 1",
    ] {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// Ends a full build: every event up to `last_event_id` is counted.
pub async fn finish_full(
    db: &SqlitePool,
    last_event_id: i64,
    last_received_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE recommend_cursor SET built = 1, last_event_id = ?, last_received_at = ? WHERE id = 1",
    )
    .bind(last_event_id)
    .bind(last_received_at)
    .execute(db)
    .await?;
    Ok(())
}

/// Adds a full build's counts, in transactions of at most [`PAIRS_PER_TRANSACTION`] pairs.
pub async fn add_in_parts(
    db: &SqlitePool,
    items: &mut Items,
    deltas: &Deltas,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    add_items(&mut tx, items, deltas).await?;
    tx.commit().await?;
    for part in deltas.sorted_pairs().chunks(PAIRS_PER_TRANSACTION) {
        let mut tx = db.begin().await?;
        add_pairs(&mut tx, part).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Adds one part of an incremental run's counts and moves the cursor past it, in one
/// transaction: the counts and the cursor never disagree.
pub async fn add_with_cursor(
    db: &SqlitePool,
    items: &mut Items,
    deltas: &Deltas,
    last_event_id: i64,
    last_received_at: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE recommend_cursor SET last_event_id = ?, last_received_at = ? WHERE id = 1")
        .bind(last_event_id)
        .bind(last_received_at)
        .execute(&mut *tx)
        .await?;
    add_items(&mut tx, items, deltas).await?;
    add_pairs(&mut tx, &deltas.sorted_pairs()).await?;
    tx.commit().await
}

/// New items, the visit counts, and the dirty marks of every product whose counts change.
async fn add_items(
    conn: &mut SqliteConnection,
    items: &mut Items,
    deltas: &Deltas,
) -> Result<(), sqlx::Error> {
    for part in std::mem::take(&mut items.fresh).chunks(ROWS_PER_STATEMENT) {
        let mut qb = QueryBuilder::<Sqlite>::new("INSERT INTO recommend_items (item, product_id) ");
        qb.push_values(part, |mut b, (item, product)| {
            b.push_bind(i64::from(*item)).push_bind(product.as_str());
        });
        qb.push(" ON CONFLICT DO NOTHING");
        qb.build().execute(&mut *conn).await?;
    }
    for (item, visits) in &deltas.seen {
        sqlx::query("UPDATE recommend_items SET visits = visits + ? WHERE item = ?")
            .bind(i64::from(*visits))
            .bind(i64::from(*item))
            .execute(&mut *conn)
            .await?;
    }
    // a product whose own count changed, or that gained a pair
    let mut dirty: HashMap<u32, bool> = deltas.seen.keys().map(|&i| (i, true)).collect();
    for key in deltas.pairs.keys() {
        let (a, b) = pair_items(*key);
        dirty.entry(a).or_insert(false);
        dirty.entry(b).or_insert(false);
    }
    let dirty: Vec<(u32, bool)> = dirty.into_iter().collect();
    for part in dirty.chunks(ROWS_PER_STATEMENT) {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO recommend_dirty (item, seen_changed) ");
        qb.push_values(part, |mut b, (item, seen)| {
            b.push_bind(i64::from(*item)).push_bind(*seen);
        });
        qb.push(
            " ON CONFLICT (item) DO UPDATE SET seen_changed = max(seen_changed, excluded.seen_changed)",
        );
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Adds visits to pairs (in key order, so the writes walk the table in order).
async fn add_pairs(conn: &mut SqliteConnection, pairs: &[(u64, u32)]) -> Result<(), sqlx::Error> {
    for part in pairs.chunks(ROWS_PER_STATEMENT) {
        let mut qb = QueryBuilder::<Sqlite>::new("INSERT INTO recommend_pairs (a, b, visits) ");
        qb.push_values(part, |mut b, (key, visits)| {
            let (x, y) = pair_items(*key);
            b.push_bind(i64::from(x))
                .push_bind(i64::from(y))
                .push_bind(i64::from(*visits));
        });
        qb.push(" ON CONFLICT (a, b) DO UPDATE SET visits = visits + excluded.visits");
        qb.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// The pairs a list may show of each of `items`: `(item, other, visits together)`.
async fn adjacency(
    db: &SqlitePool,
    items: &[u32],
    into: &mut HashMap<u32, Vec<(u32, u32)>>,
) -> Result<(), sqlx::Error> {
    for part in items.chunks(LISTS_PER_TRANSACTION) {
        for item in part {
            into.entry(*item).or_default();
        }
        // `visits >= 2` is written out (PAIR_VISITS_MIN) so the partial index serves it
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT a, b, visits FROM recommend_pairs WHERE visits >= 2 AND a IN (",
        );
        push_items(&mut qb, part);
        qb.push(
            ") UNION ALL SELECT b, a, visits FROM recommend_pairs WHERE visits >= 2 AND b IN (",
        );
        push_items(&mut qb, part);
        qb.push(")");
        let rows: Vec<(i64, i64, i64)> = qb.build_query_as().fetch_all(db).await?;
        for (item, other, visits) in rows {
            let (Ok(item), Ok(other)) = (u32::try_from(item), u32::try_from(other)) else {
                continue;
            };
            into.entry(item)
                .or_default()
                .push((other, u32::try_from(visits).unwrap_or(u32::MAX)));
        }
    }
    Ok(())
}

fn push_items(qb: &mut QueryBuilder<'_, Sqlite>, items: &[u32]) {
    let mut sep = qb.separated(", ");
    for item in items {
        sep.push_bind(i64::from(*item));
    }
}

/// Works out again the neighbour list of every dirty product and of every product whose
/// list shows one whose own count changed (its score with it changed), then clears the
/// marks. Only the lists whose order or counts changed are written (a score is worked out
/// when read). Answers how many were.
pub async fn rework_dirty(db: &SqlitePool) -> Result<u64, sqlx::Error> {
    let dirty: Vec<(i64, bool)> = sqlx::query_as("SELECT item, seen_changed FROM recommend_dirty")
        .fetch_all(db)
        .await?;
    if dirty.is_empty() {
        return Ok(0);
    }
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT item, product_id, visits FROM recommend_items")
            .fetch_all(db)
            .await?;
    let info: HashMap<u32, (String, u32)> = rows
        .into_iter()
        .filter_map(|(item, product, visits)| {
            Some((
                u32::try_from(item).ok()?,
                (product, u32::try_from(visits).ok()?),
            ))
        })
        .collect();
    let item_of = |i: i64| u32::try_from(i).ok();
    let mut affected: BTreeSet<u32> = dirty.iter().filter_map(|d| item_of(d.0)).collect();
    // Counts only grow between full builds: a product seen in more visits scores lower
    // with each product it goes with. That moves it within the lists that show it, and
    // may let another in; a list that does not show it already ranks better ones first
    // and stays as it is.
    let seen_changed: Vec<&str> = dirty
        .iter()
        .filter(|d| d.1)
        .filter_map(|d| info.get(&item_of(d.0)?).map(|x| x.0.as_str()))
        .collect();
    let item_by_product: HashMap<&str, u32> =
        info.iter().map(|(i, x)| (x.0.as_str(), *i)).collect();
    for part in seen_changed.chunks(LISTS_PER_TRANSACTION) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "SELECT DISTINCT product_id FROM recommend_neighbours WHERE other_id IN (",
        );
        {
            let mut sep = qb.separated(", ");
            for p in part {
                sep.push_bind(*p);
            }
        }
        qb.push(")");
        let showing: Vec<(String,)> = qb.build_query_as().fetch_all(db).await?;
        affected.extend(
            showing
                .iter()
                .filter_map(|(p,)| item_by_product.get(p.as_str())),
        );
    }
    let affected: Vec<u32> = affected.into_iter().collect();
    let started = std::time::Instant::now();
    let mut adj: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
    adjacency(db, &affected, &mut adj).await?;
    let read_pairs = started.elapsed();
    let (mut reading, mut writing) = (std::time::Duration::ZERO, std::time::Duration::ZERO);

    let seen = |i: u32| info.get(&i).map_or(0, |x| x.1);
    let product_of = |i: u32| info.get(&i).map_or("", |x| x.0.as_str());
    let mut lists = 0u64;
    for part in affected.chunks(LISTS_PER_TRANSACTION) {
        let mut worked: HashMap<&str, List> = HashMap::new();
        for &item in part {
            let Some((product, visits)) = info.get(&item) else {
                continue;
            };
            let pairs = adj.get(&item).map_or(&[][..], Vec::as_slice);
            let list = best(*visits, pairs, seen, product_of)
                .iter()
                .map(|n| (product_of(n.item).to_owned(), i64::from(n.visits)))
                .collect();
            worked.insert(product.as_str(), list);
        }
        let t = std::time::Instant::now();
        let stored = stored_lists(db, worked.keys().copied()).await?;
        reading += t.elapsed();
        // only the lists whose order or counts changed are written
        worked.retain(|product, list| stored.get(*product).unwrap_or(&Vec::new()) != list);
        let t = std::time::Instant::now();
        write_lists(db, &worked).await?;
        writing += t.elapsed();
        lists += worked.len() as u64;
    }
    sqlx::query("DELETE FROM recommend_dirty")
        .execute(db)
        .await?;
    tracing::debug!(
        dirty = dirty.len(),
        worked_out = affected.len(),
        written = lists,
        read_pairs_ms = read_pairs.as_millis() as u64,
        read_lists_ms = reading.as_millis() as u64,
        write_lists_ms = writing.as_millis() as u64,
        total_ms = started.elapsed().as_millis() as u64,
        "recommendations: neighbour lists"
    );
    Ok(lists)
}

/// A neighbour list: `(other product, visits together)`, best first.
type List = Vec<(String, i64)>;

/// The stored lists of `products` (those without one are left out).
async fn stored_lists<'a>(
    db: &SqlitePool,
    products: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, List>, sqlx::Error> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT product_id, other_id, visits FROM recommend_neighbours WHERE product_id IN (",
    );
    let mut any = false;
    {
        let mut sep = qb.separated(", ");
        for p in products {
            sep.push_bind(p);
            any = true;
        }
    }
    if !any {
        return Ok(HashMap::new());
    }
    qb.push(") ORDER BY product_id, rank");
    let rows: Vec<(String, String, i64)> = qb.build_query_as().fetch_all(db).await?;
    let mut lists: HashMap<String, List> = HashMap::new();
    for (product, other, visits) in rows {
        lists.entry(product).or_default().push((other, visits));
    }
    Ok(lists)
}

/// Replaces the lists of these products, in one transaction.
async fn write_lists(db: &SqlitePool, lists: &HashMap<&str, List>) -> Result<(), sqlx::Error> {
    if lists.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    let mut qb =
        QueryBuilder::<Sqlite>::new("DELETE FROM recommend_neighbours WHERE product_id IN (");
    {
        let mut sep = qb.separated(", ");
        for p in lists.keys() {
            sep.push_bind(*p);
        }
    }
    qb.push(")");
    qb.build().execute(&mut *tx).await?;
    // (product, rank, other, visits)
    let rows: Vec<(&str, i64, &str, i64)> = lists
        .iter()
        .flat_map(|(product, list)| {
            debug_assert!(list.len() <= NEIGHBOURS_MAX);
            list.iter().enumerate().map(move |(rank, (other, visits))| {
                (*product, rank as i64, other.as_str(), *visits)
            })
        })
        .collect();
    for part in rows.chunks(ROWS_PER_STATEMENT) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO recommend_neighbours (product_id, rank, other_id, visits) ",
        );
        qb.push_values(part, |mut b, r| {
            b.push_bind(r.0)
                .push_bind(r.1)
                .push_bind(r.2)
                .push_bind(r.3);
        });
        qb.build().execute(&mut *tx).await?;
    }
    tx.commit().await
}
