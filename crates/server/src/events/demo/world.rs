//! What the demo generator knows of the database: products by popularity with their
//! variants and where each has stock, stores and which stores are nearest each, tours with
//! their hotspots, lists, offers, campaigns and searches.

use sqlx::SqlitePool;
use std::collections::HashMap;
use storefront_api_types::{distance_m, GeoPoint};

/// One product.
pub struct Product {
    pub id: String,
    pub category_id: String,
    /// Indexes into [`World::variants`].
    pub variants: Vec<u32>,
}

/// One store.
pub struct Store {
    pub id: String,
    pub location: GeoPoint,
    /// Whether it offers the shopping guide.
    pub guide: bool,
}

/// A store's tour: its store (index) and hotspots (id, the product it shows).
pub struct Tour {
    pub store: u16,
    pub hotspots: Vec<(String, Option<u32>)>,
}

/// The catalogue as the generator uses it.
#[derive(Default)]
pub struct World {
    /// Best sellers first.
    pub products: Vec<Product>,
    /// Cumulative popularity weights of `products` (Zipf over the sales rank).
    pub popularity: Vec<f64>,
    /// Variant ids.
    pub variants: Vec<String>,
    /// Per variant, the stores (indexes) with units.
    pub stocked: Vec<Vec<u16>>,
    pub stores: Vec<Store>,
    /// Per store, the other stores nearest first.
    pub nearest: Vec<Vec<u16>>,
    pub tours: Vec<Tour>,
    /// Category slugs (list ids).
    pub lists: Vec<String>,
    pub offers: Vec<String>,
    pub campaigns: Vec<String>,
    /// Searches that find products (popular ones first).
    pub searches: Vec<String>,
    /// References of members whose receipts grant analytics and personalisation.
    pub members: Vec<i64>,
}

impl World {
    /// Reads the catalogue, stores, stock and the rest from `pool`.
    pub async fn load(pool: &SqlitePool) -> Result<World, sqlx::Error> {
        let mut w = World::default();
        let products: Vec<(String, String)> =
            sqlx::query_as("SELECT id, category_id FROM products ORDER BY sales_count DESC, seq")
                .fetch_all(pool)
                .await?;
        let index: HashMap<String, u32> = products
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), i as u32))
            .collect();
        let mut total = 0.0;
        for (i, (id, category_id)) in products.into_iter().enumerate() {
            total += 1.0 / (i as f64 + 10.0).powf(0.9);
            w.popularity.push(total);
            w.products.push(Product {
                id,
                category_id,
                variants: Vec::new(),
            });
        }
        let variants: Vec<(String, String)> =
            sqlx::query_as("SELECT id, product_id FROM variants ORDER BY product_id, position")
                .fetch_all(pool)
                .await?;
        let mut variant_index: HashMap<String, u32> = HashMap::new();
        for (id, product) in variants {
            if let Some(&p) = index.get(&product) {
                let v = w.variants.len() as u32;
                variant_index.insert(id.clone(), v);
                w.variants.push(id);
                w.products[p as usize].variants.push(v);
            }
        }
        let stores: Vec<(String, f64, f64, String)> =
            sqlx::query_as("SELECT id, lat, lng, services FROM stores ORDER BY id")
                .fetch_all(pool)
                .await?;
        let store_index: HashMap<String, u16> = stores
            .iter()
            .enumerate()
            .map(|(i, s)| (s.0.clone(), i as u16))
            .collect();
        w.stores = stores
            .into_iter()
            .map(|(id, lat, lng, services)| Store {
                id,
                location: GeoPoint { lat, lng },
                guide: services.contains("shopping_guide"),
            })
            .collect();
        w.nearest = (0..w.stores.len())
            .map(|i| {
                let from = w.stores[i].location;
                let mut others: Vec<(f64, u16)> = (0..w.stores.len())
                    .filter(|&j| j != i)
                    .map(|j| (distance_m(from, w.stores[j].location), j as u16))
                    .collect();
                others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                others.into_iter().map(|(_, j)| j).collect()
            })
            .collect();
        w.stocked = vec![Vec::new(); w.variants.len()];
        // one row per variant (in the primary key's order): a million stock rows read one
        // by one would cost seconds
        let stock: Vec<(String, String)> = sqlx::query_as(
            "SELECT variant_id, group_concat(store_id) FROM stock WHERE quantity > 0 GROUP BY variant_id",
        )
        .fetch_all(pool)
        .await?;
        for (variant, stores) in stock {
            if let Some(&v) = variant_index.get(&variant) {
                w.stocked[v as usize] = stores
                    .split(',')
                    .filter_map(|s| store_index.get(s).copied())
                    .collect();
            }
        }
        let hotspots: Vec<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT store_id, id, product_id FROM tour_hotspots ORDER BY store_id, scene_id, position",
        )
        .fetch_all(pool)
        .await?;
        for (store, id, product) in hotspots {
            let Some(&s) = store_index.get(&store) else {
                continue;
            };
            let product = product.and_then(|p| index.get(&p).copied());
            match w.tours.iter_mut().find(|t| t.store == s) {
                Some(t) => t.hotspots.push((id, product)),
                None => w.tours.push(Tour {
                    store: s,
                    hotspots: vec![(id, product)],
                }),
            }
        }
        w.lists = column(pool, "SELECT slug FROM categories ORDER BY position, id").await?;
        w.offers = column(pool, "SELECT code FROM offers ORDER BY code").await?;
        w.campaigns = column(
            pool,
            "SELECT slug FROM campaigns WHERE published = 1 ORDER BY id",
        )
        .await?;
        w.searches = column(
            pool,
            "SELECT query FROM popular_queries ORDER BY count DESC, query LIMIT 300",
        )
        .await?;
        if w.searches.is_empty() {
            w.searches = column(pool, "SELECT lower(name_en) FROM categories ORDER BY id").await?;
        }
        Ok(w)
    }
}

async fn column(pool: &SqlitePool, sql: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}
