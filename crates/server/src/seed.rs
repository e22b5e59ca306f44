//! Seeding: the demo data of `storefront-demo` written into a new database, with what the
//! server derives from it (the stores' staff keys, the search index, the popular searches,
//! the published tours). The demo crate's modules are re-exported here.

use sqlx::SqlitePool;
pub use storefront_demo::{
    categories, data, demo_key, images, panorama, product, specs, stock_level, tour, Rng, EPOCH_END,
};

/// Seeds an empty database with the categories, `products` products, the stores and stock,
/// in one transaction.
pub async fn seed(pool: &SqlitePool, products: u32) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    storefront_demo::write::catalogue(&mut tx, products).await?;
    // The demo staff key of each store: `demo-<store id>`, kept only as its SHA-256.
    for s in data::STORES {
        sqlx::query("INSERT INTO store_api_keys (key_sha256, store_id) VALUES (?, ?)")
            .bind(crate::digest::key_digest(&demo_key(s.id)))
            .bind(s.id)
            .execute(&mut *tx)
            .await?;
    }
    // The search index (with pinyin) and the popular searches, written with the products.
    crate::search::index::index_missing(&mut tx).await?;
    crate::search::popular::seed(&mut tx, EPOCH_END).await?;
    // The virtual tours of the demo shops, stocked from this catalogue.
    crate::tour::seed_demo(&mut tx).await?;
    storefront_demo::write::stock_to_now(&mut tx, chrono::Utc::now().timestamp()).await?;
    tx.commit().await?;
    Ok(())
}

/// Brings a catalogue written before the search migration up to date: search documents
/// and specifications for products that have none, the popular searches. A no-op on a
/// current database.
pub async fn backfill(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let indexed = crate::search::index::index_missing(&mut tx).await?;
    let specs = storefront_demo::write::missing_specs(&mut tx).await?;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
        .fetch_one(&mut *tx)
        .await?;
    let mut tours = 0;
    if n > 0 {
        crate::search::popular::seed(&mut tx, EPOCH_END).await?;
        // A demo catalogue seeded before the tours migration gets its tours.
        tours = crate::tour::seed_demo(&mut tx).await?;
        // Demo members (one per tier) and offers, once.
        if storefront_demo::members::write(&mut tx, chrono::Utc::now().timestamp()).await? {
            tracing::info!("wrote the demo members and offers");
        }
    }
    tx.commit().await?;
    if indexed > 0 || specs > 0 || tours > 0 {
        tracing::info!(indexed, specs, tours, "brought the catalogue up to date");
    }
    Ok(())
}
