//! Storing a checked batch: what the server knows of each event's store, product and
//! variant, the stock seen by `view_store_stock`, and the member's reference, then one
//! write transaction for the whole batch.
//!
//! Stores come from the in-memory directory. Products, variants and the stock of the
//! `view_store_stock` variants are looked up in one statement for the whole batch (the
//! catalogue's in-memory index also answers slugs and holds no variants, so it cannot say
//! "this is a product id"). Only the first item of an event is
//! stored (with the item count), so only it is checked: an event whose store, first
//! product or first variant the server does not know (or whose variant is another
//! product's) is dropped and counted, never stored; the rest of the batch is stored.

use sqlx::SqlitePool;
use std::collections::HashMap;
use storefront_api_types::{distance_m, EventBatch, EventName};
use tokio::sync::Mutex;

use super::row::{self, EventRow};
use crate::campaigns::china_day;
use crate::db::retry_busy;
use crate::directory::{Directory, StoreInfo};
use crate::error::ApiError;

/// A batch made ready to store: its rows and how many events were dropped.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The rows to store (without `member_ref`, which the write transaction decides).
    pub rows: Vec<EventRow>,
    /// Events naming a store, product or variant the server does not know.
    pub dropped: u32,
}

/// What the server knows of a batch's ids: product → category, variant → product, and
/// variant → the stores with units of it.
#[derive(Debug, Default)]
struct Known {
    products: HashMap<String, String>,
    variants: HashMap<String, String>,
    stocked: HashMap<String, Vec<String>>,
}

/// Reads [`Known`] in one statement (three indexed lookups, each id list bound once as a
/// JSON array, so the statement is the same whatever the batch).
async fn known(
    db: &SqlitePool,
    products: &[&str],
    variants: &[&str],
    stock: &[&str],
) -> Result<Known, sqlx::Error> {
    let json = |ids: &[&str]| serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_owned());
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT 'p', id, category_id FROM products WHERE id IN (SELECT value FROM json_each(?1)) \
         UNION ALL SELECT 'v', id, product_id FROM variants WHERE id IN (SELECT value FROM json_each(?2)) \
         UNION ALL SELECT 's', variant_id, store_id FROM stock \
         WHERE variant_id IN (SELECT value FROM json_each(?3)) AND quantity > 0",
    )
    .bind(json(products))
    .bind(json(variants))
    .bind(json(stock))
    .fetch_all(db)
    .await?;
    let mut k = Known::default();
    for (kind, id, other) in rows {
        match kind.as_str() {
            "p" => {
                k.products.insert(id, other);
            }
            "v" => {
                k.variants.insert(id, other);
            }
            _ => k.stocked.entry(id).or_default().push(other),
        }
    }
    Ok(k)
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = ids.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The store of `key` when it is a store's id (a slug is not one).
fn store_of<'a>(dir: &'a Directory, key: &str) -> Option<&'a StoreInfo> {
    dir.get(key).filter(|s| s.id == key)
}

/// Turns a checked batch into rows, received at `now`.
pub async fn prepare(
    db: &SqlitePool,
    dir: &Directory,
    batch: &EventBatch,
    now: i64,
) -> Result<Prepared, sqlx::Error> {
    let firsts = || batch.events.iter().filter_map(|e| e.params.items.first());
    let product_ids = unique(firsts().map(|i| i.item_id.as_str()));
    let variant_ids = unique(firsts().filter_map(|i| i.item_variant.as_ref().map(|v| v.as_str())));
    let stock_ids = unique(
        batch
            .events
            .iter()
            .filter(|e| e.name == EventName::ViewStoreStock)
            .filter_map(|e| e.params.items.first()?.item_variant.as_ref())
            .map(|v| v.as_str()),
    );
    let Known {
        products,
        variants,
        stocked,
    } = known(db, &product_ids, &variant_ids, &stock_ids).await?;

    let mut out = Prepared::default();
    let channel = batch.channel.as_str();
    for e in &batch.events {
        let p = &e.params;
        let store = match &p.store_id {
            None => None,
            Some(id) => match store_of(dir, id.as_str()) {
                Some(s) => Some(s),
                None => {
                    out.dropped += 1;
                    continue;
                }
            },
        };
        let (mut product_id, mut variant_id, mut category_id) = (None, None, None);
        if let Some(item) = p.items.first() {
            let Some(category) = products.get(item.item_id.as_str()) else {
                out.dropped += 1;
                continue;
            };
            if let Some(v) = &item.item_variant {
                if variants.get(v.as_str()) != Some(&item.item_id.0) {
                    out.dropped += 1;
                    continue;
                }
                variant_id = Some(v.0.clone());
            }
            product_id = Some(item.item_id.0.clone());
            category_id = Some(category.clone());
        }
        let (mut out_of_stock, mut nearest_store_id) = (None, None);
        if e.name == EventName::ViewStoreStock {
            if let (Some(store), Some(variant)) = (store, &variant_id) {
                let have = stocked.get(variant).map_or(&[][..], Vec::as_slice);
                let out = !have.contains(&store.id);
                out_of_stock = Some(i64::from(out));
                if out {
                    nearest_store_id = nearest(dir, store, have);
                }
            }
        }
        let at = e.at.unix();
        out.rows.push(EventRow {
            name: e.name.as_str(),
            at,
            day: china_day(at),
            received_at: now,
            session_id: batch.session_id.clone(),
            channel,
            member_ref: None,
            store_id: store.map(|s| s.id.clone()),
            product_id,
            variant_id,
            category_id,
            items: p.items.len() as i64,
            item_list_id: p.item_list_id.clone(),
            search_term: p.search_term.as_deref().map(|t| t.trim().to_lowercase()),
            results: p.results.map(i64::from),
            promotion_id: p.promotion_id.clone(),
            coupon: p.coupon.clone(),
            hotspot_id: p.hotspot_id.clone(),
            campaign: p.campaign.clone(),
            utm_source: p.utm_source.clone(),
            utm_medium: p.utm_medium.clone(),
            utm_campaign: p.utm_campaign.clone(),
            out_of_stock,
            nearest_store_id,
        });
    }
    Ok(out)
}

/// The store among `candidates` (ids) nearest to `from`, by the directory's coordinates.
pub fn nearest(dir: &Directory, from: &StoreInfo, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .filter_map(|id| store_of(dir, id))
        .filter(|s| s.id != from.id)
        .map(|s| (distance_m(from.location(), s.location()), s))
        .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)))
        .map(|(_, s)| s.id.clone())
}

/// Stores `rows` in one write transaction (behind the process's write queue). When the
/// request's member session (`session_sha256`) belongs to a member whose current receipt
/// grants analytics and personalisation, the rows name them by their random reference.
pub async fn store(
    db: &SqlitePool,
    writes: &Mutex<()>,
    rows: &[EventRow],
    session_sha256: Option<&str>,
    now: i64,
) -> Result<(), ApiError> {
    if rows.is_empty() {
        return Ok(());
    }
    let _writer = writes.lock().await;
    retry_busy(|| async {
        let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
        let member_ref = match session_sha256 {
            Some(sha) => crate::consent::session_ref(&mut tx, sha, now).await?,
            None => None,
        };
        if member_ref.is_some() {
            let named: Vec<EventRow> = rows
                .iter()
                .map(|r| EventRow {
                    member_ref,
                    ..r.clone()
                })
                .collect();
            row::insert(&mut tx, &named).await?;
        } else {
            row::insert(&mut tx, rows).await?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Deletes every event of one visit; the number deleted.
pub async fn delete_session(
    db: &SqlitePool,
    writes: &Mutex<()>,
    session_id: &str,
) -> Result<u64, ApiError> {
    let _writer = writes.lock().await;
    retry_busy(|| async {
        Ok(sqlx::query("DELETE FROM events WHERE session_id = ?")
            .bind(session_id)
            .execute(db)
            .await?
            .rows_affected())
    })
    .await
}
