//! The catalogue's facet and sort keys held in memory ("doc values"), loaded from SQLite once
//! per process (and again after [`crate::search::SearchState::invalidate`]).
//!
//! Filtering, sorting and facet counting of `GET /products` and `GET /products/facets` run
//! over these arrays in one pass each (microseconds at 10,000 products), so both endpoints
//! share one definition of every filter and their totals always agree. Text matching stays
//! in SQLite's FTS5 index; terms shorter than the trigram (1–2 characters) are matched here
//! on the same indexed text (`search_docs`), which is what an `instr` scan would do, faster.
//! Product cards and details are read from SQLite by `seq`.

use sqlx::SqlitePool;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use storefront_api_types::ProductSort;
use tokio::sync::Mutex as AsyncMutex;

mod query;

pub use query::*;

/// How many full-text results [`Catalog`] keeps (the list and the facets of one search, its
/// pages, and popular searches ask for the same one).
const FTS_CACHE_ENTRIES: usize = 64;

/// Full-text results: item index and bm25 score (0 when not scored).
pub type FtsHits = Arc<Vec<(u32, f64)>>;

/// A category of the tree, for resolution and the category facet.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryRow {
    /// Its id.
    pub id: String,
    /// URL slug.
    pub slug: String,
    /// The parent category, if any.
    pub parent_id: Option<String>,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
}

/// One value of an option attribute (colour, size) in the catalogue.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttrValue {
    /// Facet code.
    pub attr: String,
    /// Value code.
    pub value: String,
    /// Label in Chinese.
    pub label_zh: String,
    /// Label in English.
    pub label_en: String,
    /// Swatch colour, if any.
    pub swatch: Option<String>,
}

/// What filters and sorts need of one product.
#[derive(Debug, Clone)]
pub struct Item {
    /// Sequence number (product *n*).
    pub seq: i64,
    /// Index into [`Catalog::categories`].
    pub category: u32,
    /// Index into [`Catalog::brands`].
    pub brand: u32,
    /// Lowest variant price, fen.
    pub min_price: i64,
    /// Whether some variant is on sale.
    pub on_sale: bool,
    /// Indices into [`Catalog::colours`] / [`Catalog::sizes`].
    pub colours: Vec<u32>,
    /// Its sizes (indexes into [`Catalog::sizes`]).
    pub sizes: Vec<u32>,
    /// Units sold.
    pub sales: i64,
    /// When it was created (Unix seconds).
    pub created_at: i64,
    /// The indexed text (lowercased) for terms shorter than a trigram: name, name pinyin,
    /// brand, category names, category pinyin, joined by newlines (terms never contain one).
    pub keys: String,
    /// Where each part of `keys` after the name starts.
    pub key_starts: [u32; 4],
}

/// Scores of a short term by the part of the indexed text it occurs in first: name, name
/// pinyin, brand, category, category pinyin.
const SHORT_SCORES: [u32; 5] = [10, 8, 6, 5, 4];

impl Item {
    /// Score of a short term (higher is better): where it occurs, `None` when it does not.
    pub fn short_term_score(&self, term: &str) -> Option<u32> {
        let at = self.keys.find(term)? as u32;
        let part = self.key_starts.iter().filter(|&&s| at >= s).count();
        Some(SHORT_SCORES[part])
    }
}

/// The in-memory catalogue.
#[derive(Debug, Default)]
pub struct Catalog {
    /// In `seq` order.
    pub items: Vec<Item>,
    seq_index: HashMap<i64, u32>,
    /// Product id and slug → item index.
    key_index: HashMap<String, u32>,
    /// Top level first, in display order.
    pub categories: Vec<CategoryRow>,
    /// Every brand, alphabetical (case-insensitive).
    pub brands: Vec<String>,
    /// Every colour value, in display order.
    pub colours: Vec<AttrValue>,
    /// Every size value, in display order.
    pub sizes: Vec<AttrValue>,
    /// Item indices in each non-relevance sort order.
    orders: HashMap<&'static str, Vec<u32>>,
    /// Recent full-text results by MATCH expression (whether scored), most recent first;
    /// they go with this catalogue, so a reload starts afresh.
    fts_cache: Mutex<VecDeque<(String, bool, FtsHits)>>,
    /// Which products have stock at each store (built on first use, kept current).
    stock: AsyncMutex<Option<StockIndex>>,
}

/// Per store, per item: whether some variant of the product has units there. Kept current
/// from `stock_changes` (rows whose "any units?" flipped), re-checking only those products.
#[derive(Debug, Default)]
pub struct StockIndex {
    stores: HashMap<String, Arc<Vec<bool>>>,
    /// The last `stock_changes.seq` applied.
    last_change: i64,
}

#[derive(Debug, sqlx::FromRow)]
struct ItemRow {
    seq: i64,
    id: String,
    slug: String,
    category_id: String,
    brand: String,
    min_price: i64,
    on_sale: i64,
    sales_count: i64,
    created_at: i64,
    name_en: String,
    name: Option<String>,
    name_py: Option<String>,
    brand_text: Option<String>,
    category: Option<String>,
    category_py: Option<String>,
}

impl Catalog {
    /// Loads the catalogue from the database.
    pub async fn load(db: &SqlitePool) -> Result<Catalog, sqlx::Error> {
        let categories: Vec<CategoryRow> = sqlx::query_as(
            "SELECT id, slug, parent_id, name_zh, name_en FROM categories ORDER BY parent_id IS NOT NULL, position, id",
        )
        .fetch_all(db)
        .await?;
        let rows: Vec<ItemRow> = sqlx::query_as(
            "SELECT p.seq, p.id, p.slug, p.category_id, p.brand, p.min_price, p.on_sale, p.sales_count, p.created_at, p.name_en, \
             d.name, d.name_py, d.brand AS brand_text, d.category, d.category_py \
             FROM products p LEFT JOIN search_docs d ON d.seq = p.seq ORDER BY p.seq",
        )
        .fetch_all(db)
        .await?;
        let attrs: Vec<(String, String, String)> =
            sqlx::query_as("SELECT product_id, attr, value FROM product_attributes")
                .fetch_all(db)
                .await?;
        let values: Vec<AttrValue> =
            sqlx::query_as("SELECT attr, value, label_zh, label_en, swatch FROM attribute_values")
                .fetch_all(db)
                .await?;

        let mut brands: Vec<String> = rows.iter().map(|r| r.brand.clone()).collect();
        brands.sort_by_key(|b| (b.to_lowercase(), b.clone()));
        brands.dedup();
        let brand_index: HashMap<&str, u32> = brands
            .iter()
            .enumerate()
            .map(|(i, b)| (b.as_str(), i as u32))
            .collect();
        let category_index: HashMap<&str, u32> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i as u32))
            .collect();
        let mut colours: Vec<AttrValue> = values
            .iter()
            .filter(|v| v.attr == "color")
            .cloned()
            .collect();
        let mut sizes: Vec<AttrValue> = values
            .iter()
            .filter(|v| v.attr == "size")
            .cloned()
            .collect();
        colours.sort_by_key(|v| colour_rank(&v.value));
        sizes.sort_by_key(|v| size_rank(&v.value));
        let colour_index: HashMap<&str, u32> = colours
            .iter()
            .enumerate()
            .map(|(i, v)| (v.value.as_str(), i as u32))
            .collect();
        let size_index: HashMap<&str, u32> = sizes
            .iter()
            .enumerate()
            .map(|(i, v)| (v.value.as_str(), i as u32))
            .collect();

        let mut cat = Catalog::default();
        let mut id_to_index: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::with_capacity(rows.len());
        for r in rows {
            let i = cat.items.len() as u32;
            cat.seq_index.insert(r.seq, i);
            cat.key_index.insert(r.slug.clone(), i);
            cat.key_index.insert(r.id.clone(), i);
            id_to_index.insert(r.id, i);
            names.push(r.name_en.to_ascii_lowercase());
            cat.items.push(Item {
                seq: r.seq,
                category: category_index
                    .get(r.category_id.as_str())
                    .copied()
                    .unwrap_or(u32::MAX),
                brand: brand_index
                    .get(r.brand.as_str())
                    .copied()
                    .unwrap_or(u32::MAX),
                min_price: r.min_price,
                on_sale: r.on_sale != 0,
                colours: Vec::new(),
                sizes: Vec::new(),
                sales: r.sales_count,
                created_at: r.created_at,
                key_starts: {
                    let mut starts = [0u32; 4];
                    let mut at = 0usize;
                    for (k, part) in [&r.name, &r.name_py, &r.brand_text, &r.category]
                        .into_iter()
                        .enumerate()
                    {
                        at += part.as_deref().map_or(0, str::len) + 1;
                        starts[k] = at as u32;
                    }
                    starts
                },
                keys: [r.name, r.name_py, r.brand_text, r.category, r.category_py]
                    .map(Option::unwrap_or_default)
                    .join("\n"),
            });
        }
        for (pid, attr, value) in attrs {
            let Some(&i) = id_to_index.get(&pid) else {
                continue;
            };
            let item = &mut cat.items[i as usize];
            match attr.as_str() {
                "color" => item.colours.extend(colour_index.get(value.as_str())),
                "size" => item.sizes.extend(size_index.get(value.as_str())),
                _ => {}
            }
        }

        let n = cat.items.len() as u32;
        let items = &cat.items;
        let mut newest: Vec<u32> = (0..n).collect();
        newest.sort_by_key(|&i| {
            let it = &items[i as usize];
            (std::cmp::Reverse(it.created_at), std::cmp::Reverse(it.seq))
        });
        let mut price_asc: Vec<u32> = (0..n).collect();
        price_asc.sort_by_key(|&i| (items[i as usize].min_price, items[i as usize].seq));
        let mut price_desc: Vec<u32> = (0..n).collect();
        price_desc.sort_by_key(|&i| {
            (
                std::cmp::Reverse(items[i as usize].min_price),
                items[i as usize].seq,
            )
        });
        let mut best: Vec<u32> = (0..n).collect();
        best.sort_by_key(|&i| {
            (
                std::cmp::Reverse(items[i as usize].sales),
                items[i as usize].seq,
            )
        });
        let mut name: Vec<u32> = (0..n).collect();
        name.sort_by(|&a, &b| {
            (&names[a as usize], items[a as usize].seq)
                .cmp(&(&names[b as usize], items[b as usize].seq))
        });
        cat.orders.insert(ProductSort::Newest.as_str(), newest);
        cat.orders.insert(ProductSort::PriceAsc.as_str(), price_asc);
        cat.orders
            .insert(ProductSort::PriceDesc.as_str(), price_desc);
        cat.orders.insert(ProductSort::BestSelling.as_str(), best);
        cat.orders.insert(ProductSort::Name.as_str(), name);
        cat.categories = categories;
        cat.brands = brands;
        cat.colours = colours;
        cat.sizes = sizes;
        Ok(cat)
    }

    /// Cached full-text results of `expr` (scored ones also serve unscored requests).
    pub fn cached_fts(&self, expr: &str, scored: bool) -> Option<FtsHits> {
        let mut cache = self.fts_cache.lock().ok()?;
        let at = cache
            .iter()
            .position(|(e, s, _)| e == expr && (*s || !scored))?;
        let entry = cache.remove(at)?;
        let hits = entry.2.clone();
        cache.push_front(entry);
        Some(hits)
    }

    /// Remembers full-text results.
    pub fn store_fts(&self, expr: &str, scored: bool, hits: FtsHits) {
        if let Ok(mut cache) = self.fts_cache.lock() {
            cache.retain(|(e, _, _)| e != expr);
            cache.push_front((expr.to_owned(), scored, hits));
            cache.truncate(FTS_CACHE_ENTRIES);
        }
    }

    /// Per item, whether the product has a variant with units at `store_id`: built from
    /// the stock table the first time, then brought up to date with the products whose
    /// stock crossed zero since (one indexed query, usually empty).
    pub async fn in_stock_at(
        &self,
        db: &SqlitePool,
        store_id: &str,
    ) -> Result<Arc<Vec<bool>>, sqlx::Error> {
        let mut guard = self.stock.lock().await;
        let n = self.items.len();
        let index = match guard.as_mut() {
            Some(index) => index,
            None => {
                let (last_change,): (i64,) =
                    sqlx::query_as("SELECT COALESCE(MAX(seq), 0) FROM stock_changes")
                        .fetch_one(db)
                        .await?;
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT p.seq, s.store_id FROM products p JOIN variants v ON v.product_id = p.id \
                     JOIN stock s ON s.variant_id = v.id WHERE s.quantity > 0 GROUP BY p.seq, s.store_id",
                )
                .fetch_all(db)
                .await?;
                let mut stores: HashMap<String, Vec<bool>> = HashMap::new();
                for (seq, store) in rows {
                    if let Some(i) = self.index_of_seq(seq) {
                        let mask = stores.entry(store).or_insert_with(|| vec![false; n]);
                        mask[i as usize] = true;
                    }
                }
                guard.insert(StockIndex {
                    stores: stores.into_iter().map(|(k, v)| (k, Arc::new(v))).collect(),
                    last_change,
                })
            }
        };
        let changes: Vec<(i64, i64, String, bool)> = sqlx::query_as(
            "SELECT c.seq, p.seq, c.store_id, EXISTS (SELECT 1 FROM variants v2 JOIN stock s ON s.variant_id = v2.id \
             WHERE v2.product_id = p.id AND s.store_id = c.store_id AND s.quantity > 0) \
             FROM stock_changes c JOIN variants v ON v.id = c.variant_id JOIN products p ON p.id = v.product_id \
             WHERE c.seq > ? ORDER BY c.seq",
        )
        .bind(index.last_change)
        .fetch_all(db)
        .await?;
        for (change, seq, store, any) in changes {
            index.last_change = index.last_change.max(change);
            if let Some(i) = self.index_of_seq(seq) {
                let mask = index
                    .stores
                    .entry(store)
                    .or_insert_with(|| Arc::new(vec![false; n]));
                if let Some(slot) = Arc::make_mut(mask).get_mut(i as usize) {
                    *slot = any;
                }
            }
        }
        Ok(index
            .stores
            .get(store_id)
            .cloned()
            .unwrap_or_else(|| Arc::new(vec![false; n])))
    }

    /// The item index of a product id or slug.
    pub fn index_of_key(&self, key: &str) -> Option<u32> {
        self.key_index.get(key).copied()
    }

    /// The item index of a `seq`.
    pub fn index_of_seq(&self, seq: i64) -> Option<u32> {
        self.seq_index.get(&seq).copied()
    }

    /// Item indices in a sort order (not relevance).
    fn order(&self, sort: ProductSort) -> &[u32] {
        self.orders
            .get(sort.as_str())
            .or_else(|| self.orders.get(ProductSort::BestSelling.as_str()))
            .map_or(&[], Vec::as_slice)
    }

    /// The category indices of `roots` and everything below them.
    pub fn descendants(&self, roots: &[u32]) -> Vec<bool> {
        let mut mask = vec![false; self.categories.len()];
        let mut stack: Vec<u32> = roots.to_vec();
        while let Some(i) = stack.pop() {
            let Some(slot) = mask.get_mut(i as usize) else {
                continue;
            };
            if *slot {
                continue;
            }
            *slot = true;
            let id = &self.categories[i as usize].id;
            stack.extend(
                self.categories
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.parent_id.as_ref() == Some(id))
                    .map(|(j, _)| j as u32),
            );
        }
        mask
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_cache_serves_unscored_from_scored_and_keeps_the_recent() {
        let c = Catalog::default();
        assert!(c.cached_fts("\"a\"", false).is_none());
        c.store_fts("\"a\"", false, Arc::new(vec![(1, 0.0)]));
        assert!(
            c.cached_fts("\"a\"", true).is_none(),
            "unscored cannot serve scored"
        );
        assert!(c.cached_fts("\"a\"", false).is_some());
        c.store_fts("\"a\"", true, Arc::new(vec![(1, -2.0)]));
        assert_eq!(c.cached_fts("\"a\"", false).map(|h| h[0].1), Some(-2.0));
        for i in 0..FTS_CACHE_ENTRIES {
            c.store_fts(&format!("\"x{i}\""), false, Arc::new(Vec::new()));
        }
        assert!(
            c.cached_fts("\"a\"", false).is_none(),
            "the oldest entry goes"
        );
        assert!(c
            .cached_fts(&format!("\"x{}\"", FTS_CACHE_ENTRIES - 1), false)
            .is_some());
    }

    #[test]
    fn short_terms_score_by_the_part_they_hit_first() {
        let it = Item {
            seq: 1,
            category: 0,
            brand: 0,
            min_price: 1,
            on_sale: false,
            colours: Vec::new(),
            sizes: Vec::new(),
            sales: 0,
            created_at: 0,
            keys: "衬衫\nchenshan cs\nhalden\n衬衫 男装\nchenshan nanzhuang".to_owned(),
            key_starts: [7, 19, 26, 40],
        };
        assert_eq!(it.short_term_score("衬"), Some(10));
        assert_eq!(it.short_term_score("cs"), Some(8));
        assert_eq!(it.short_term_score("ld"), Some(6));
        assert_eq!(it.short_term_score("男"), Some(5));
        assert_eq!(it.short_term_score("qq"), None);
        assert_eq!(it.short_term_score("zh"), Some(4));
    }
}
