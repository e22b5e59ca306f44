//! Virtual store tours: reading a tour from SQLite, checking one ([`validate`]), writing
//! the demo tours, and the in-memory state behind the panorama pictures (the demo
//! designs and a small LRU of rendered JPEGs).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use sqlx::{Sqlite, SqlitePool, Transaction};
use storefront_api_types::LocalizedText;

mod store;
mod validate;

pub use store::{load, panorama_url, plan_url, save, tour_of};
pub use validate::validate;

use storefront_demo::tour::{design, picks, Design, TOUR_STORES};
pub use storefront_demo::tour::{render, Picture, FULL_WIDTH, PREVIEW_WIDTH};

/// Rendered full panoramas kept in memory (about 1–2 MB each).
pub const FULL_CACHE: usize = 4;
/// Previews and floor plans kept in memory (tens of KB each).
pub const SMALL_CACHE: usize = 48;

/// Writes the demo tours of the demo stores that exist and have no tour yet, from the
/// catalogue in the database; each is validated first. Returns how many were written.
pub async fn seed_demo(tx: &mut Transaction<'_, Sqlite>) -> Result<usize, sqlx::Error> {
    let candidates = picks(&mut **tx).await?;
    let variants: HashSet<(String, String)> = candidates
        .iter()
        .map(|p| (p.product_id.clone(), p.variant_id.clone()))
        .collect();
    let products: HashSet<&str> = candidates.iter().map(|p| p.product_id.as_str()).collect();
    let mut written = 0;
    for store in TOUR_STORES {
        let row: Option<(String, String, i64)> = sqlx::query_as(
            "SELECT s.name_zh, s.name_en, (SELECT COUNT(*) FROM tours t WHERE t.store_id = s.id) FROM stores s WHERE s.id = ?",
        )
        .bind(store)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((zh, en, 0)) = row else { continue };
        let Some(d) = design(store, &candidates) else {
            continue;
        };
        let tour = tour_of(&d, &LocalizedText::new(zh, en));
        let errors = validate(&tour, |p, v| match v {
            None => products.contains(p),
            Some(v) => variants.contains(&(p.to_owned(), v.to_owned())),
        });
        if let Some(e) = errors.first() {
            return Err(sqlx::Error::Protocol(format!(
                "demo tour of {store} is invalid at {}: {}",
                e.pointer, e.message
            )));
        }
        save(tx, &tour).await?;
        written += 1;
    }
    Ok(written)
}

/// A tiny least-recently-used map of rendered pictures.
#[derive(Debug)]
struct Lru {
    cap: usize,
    items: VecDeque<(String, Arc<Vec<u8>>)>,
}

impl Lru {
    fn get(&mut self, key: &str) -> Option<Arc<Vec<u8>>> {
        let i = self.items.iter().position(|(k, _)| k == key)?;
        let item = self.items.remove(i)?;
        let v = item.1.clone();
        self.items.push_front(item);
        Some(v)
    }

    fn put(&mut self, key: String, v: Arc<Vec<u8>>) {
        self.items.retain(|(k, _)| *k != key);
        self.items.push_front((key, v));
        self.items.truncate(self.cap);
    }
}

/// The tours' in-memory state: designs (from the catalogue, per store) and rendered
/// pictures.
#[derive(Debug)]
pub struct TourState {
    designs: Mutex<HashMap<String, Arc<Design>>>,
    full: Mutex<Lru>,
    small: Mutex<Lru>,
    /// One render at a time (a second request for the same picture then finds it cached).
    pub rendering: tokio::sync::Mutex<()>,
}

impl Default for TourState {
    fn default() -> Self {
        TourState {
            designs: Mutex::default(),
            full: Mutex::new(Lru {
                cap: FULL_CACHE,
                items: VecDeque::new(),
            }),
            small: Mutex::new(Lru {
                cap: SMALL_CACHE,
                items: VecDeque::new(),
            }),
            rendering: tokio::sync::Mutex::new(()),
        }
    }
}

impl TourState {
    /// The demo design of a store, built from the catalogue once.
    pub async fn design(
        &self,
        db: &SqlitePool,
        store_id: &str,
    ) -> Result<Option<Arc<Design>>, sqlx::Error> {
        if let Some(d) = self
            .designs
            .lock()
            .ok()
            .and_then(|m| m.get(store_id).cloned())
        {
            return Ok(Some(d));
        }
        if !TOUR_STORES.contains(&store_id) {
            return Ok(None);
        }
        let candidates = picks(db).await?;
        let Some(d) = design(store_id, &candidates) else {
            return Ok(None);
        };
        let d = Arc::new(d);
        if let Ok(mut m) = self.designs.lock() {
            m.insert(store_id.to_owned(), d.clone());
        }
        Ok(Some(d))
    }

    fn cache(&self, picture: Picture) -> &Mutex<Lru> {
        if picture == Picture::Full {
            &self.full
        } else {
            &self.small
        }
    }

    /// A rendered picture, if cached.
    pub fn cached(&self, picture: Picture, key: &str) -> Option<Arc<Vec<u8>>> {
        self.cache(picture).lock().ok().and_then(|mut c| c.get(key))
    }

    /// Keeps a rendered picture.
    pub fn remember(&self, picture: Picture, key: String, jpeg: Arc<Vec<u8>>) {
        if let Ok(mut c) = self.cache(picture).lock() {
            c.put(key, jpeg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lru_keeps_the_most_recent() {
        let mut l = Lru {
            cap: 2,
            items: VecDeque::new(),
        };
        l.put("a".into(), Arc::new(vec![1]));
        l.put("b".into(), Arc::new(vec![2]));
        assert!(l.get("a").is_some());
        l.put("c".into(), Arc::new(vec![3]));
        assert!(l.get("b").is_none());
        assert!(l.get("a").is_some() && l.get("c").is_some());
    }
}
