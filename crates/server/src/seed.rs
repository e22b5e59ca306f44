//! Seeding: the demo data of `storefront-demo` written into a new database, with what the
//! server derives from it (the search index, the popular searches, the published tours, the
//! offers). Credentials and people (the staff keys `demo-<store id>`, the demo members) are
//! written only in demo mode, by [`demo_people`]. The demo crate's modules are re-exported
//! here.

use sqlx::SqlitePool;
pub use storefront_demo::{
    categories, data, demo_key, images, panorama, product, specs, stock_level, tour, Rng, EPOCH_END,
};

/// Seeds an empty database with the categories, `products` products, the stores and stock,
/// in one transaction.
pub async fn seed(pool: &SqlitePool, products: u32) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    storefront_demo::write::catalogue(&mut tx, products).await?;
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
        // The demo offers, once (catalogue, not people: the demo members are
        // [`demo_people`]'s, in demo mode only).
        if storefront_demo::members::write_offers(&mut tx, chrono::Utc::now().timestamp()).await? {
            tracing::info!("wrote the demo offers");
        }
        // The demo campaigns (and the live one's offer), once.
        if storefront_demo::campaigns::write_campaigns(&mut tx, chrono::Utc::now().timestamp())
            .await?
        {
            tracing::info!("wrote the demo campaigns");
        }
    }
    tx.commit().await?;
    if indexed > 0 || specs > 0 || tours > 0 {
        tracing::info!(indexed, specs, tours, "brought the catalogue up to date");
    }
    Ok(())
}

/// Demo mode only: the well-known staff keys `demo-<store id>`, the marketing key
/// `demo-marketing` and the demo members (one per tier), each written once. Returns `(keys added, members written)`.
pub async fn demo_people(pool: &SqlitePool) -> Result<(u64, bool), sqlx::Error> {
    let keys = crate::keys::ensure_demo_keys(pool).await?;
    if crate::marketing::keys::ensure_demo_key(pool).await? {
        tracing::info!("wrote the demo marketing key demo-marketing");
    }
    let mut tx = pool.begin().await?;
    let members =
        storefront_demo::members::write_members(&mut tx, chrono::Utc::now().timestamp()).await?;
    tx.commit().await?;
    Ok((keys, members))
}

/// Production mode: revokes the demo staff keys a database kept from a demo run, and says
/// whether demo members are present (they are people: they are not deleted, but their
/// codes go through the configured sender like anyone's).
pub async fn production_check(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    let revoked = crate::keys::remove_demo_keys(pool).await?;
    if crate::marketing::keys::remove_demo_key(pool).await? {
        tracing::warn!("production mode: revoked the demo marketing key left by a demo run");
    }
    if revoked > 0 {
        tracing::warn!(
            revoked,
            "production mode: revoked the demo staff keys demo-<store> left by a demo run"
        );
    }
    let (demo_members,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM members WHERE member_no IN ({})",
        storefront_demo::members::demo_member_numbers_sql()
    ))
    .fetch_one(pool)
    .await?;
    if demo_members > 0 {
        tracing::warn!(
            demo_members,
            "production mode: this database holds demo members from a demo run; start on a fresh database"
        );
    }
    Ok(())
}
