//! Writing the demo catalogue into the database: categories, stores with their hours,
//! products with specifications, options, pictures and variants, and stock.

use sqlx::{QueryBuilder, Sqlite, Transaction};

use crate::catalogue::{
    categories, product, stock_level, GenImage, GenOption, GenProduct, GenValue, GenVariant,
};
use crate::data::{HOURS_EXCEPTIONS, STORES};
use crate::{images, specs, EPOCH_END};

/// Rows per multi-row INSERT (well below SQLite's 32 766 bound parameters).
const CHUNK: usize = 400;

/// Writes the categories, the stores with their weekly hours and exceptions, and
/// `products` products with their variants, pictures, specifications and stock into an
/// empty database. The stores' staff keys, the search index and the tours are the
/// caller's (the server's) to add.
pub async fn catalogue(tx: &mut Transaction<'_, Sqlite>, products: u32) -> Result<(), sqlx::Error> {
    for c in categories() {
        sqlx::query(
            "INSERT INTO categories (id, slug, parent_id, position, name_zh, name_en, kind, hue) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&c.id)
        .bind(&c.slug)
        .bind(&c.parent_id)
        .bind(c.position)
        .bind(&c.name_zh)
        .bind(&c.name_en)
        .bind(c.kind.as_str())
        .bind(i64::from(c.hue))
        .execute(&mut **tx)
        .await?;
    }

    for s in STORES {
        sqlx::query(
            "INSERT INTO stores (id, slug, name_zh, name_en, city_zh, city_en, address_zh, address_en, phone, lat, lng, time_zone, services) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(s.id)
        .bind(s.slug)
        .bind(s.name.0)
        .bind(s.name.1)
        .bind(s.city.0)
        .bind(s.city.1)
        .bind(s.address.0)
        .bind(s.address.1)
        .bind(s.phone)
        .bind(s.lat)
        .bind(s.lng)
        .bind(s.time_zone)
        .bind(s.services.join(","))
        .execute(&mut **tx)
        .await?;
        for (d, h) in s.hours.iter().enumerate() {
            sqlx::query(
                "INSERT INTO store_hours (store_id, weekday, open, close) VALUES (?, ?, ?, ?)",
            )
            .bind(s.id)
            .bind(d as i64 + 1)
            .bind(h.map(|h| h.0))
            .bind(h.map(|h| h.1))
            .execute(&mut **tx)
            .await?;
        }
    }
    for e in HOURS_EXCEPTIONS {
        for store in e.stores {
            sqlx::query(
                "INSERT INTO store_hours_exceptions (store_id, date, open, close, note_zh, note_en) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(store)
            .bind(e.date)
            .bind(e.hours.map(|h| h.0))
            .bind(e.hours.map(|h| h.1))
            .bind(e.note.0)
            .bind(e.note.1)
            .execute(&mut **tx)
            .await?;
        }
    }

    let mut variant_seq: u64 = 0;
    let mut batch = Vec::with_capacity(CHUNK);
    for seq in 1..=i64::from(products) {
        batch.push(product(seq));
        if batch.len() == CHUNK || seq == i64::from(products) {
            insert_products(tx, &batch, &mut variant_seq).await?;
            batch.clear();
        }
    }

    Ok(())
}

/// Stores report stock continuously: the demo's figures date from the hours before
/// seeding (same spread, moved from the fixed [`EPOCH_END`] to `now`), not months ago.
pub async fn stock_to_now(tx: &mut Transaction<'_, Sqlite>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE stock SET updated_at = updated_at + ?")
        .bind((now - EPOCH_END).max(0))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Writes the specifications of products that have none (a catalogue written before the
/// specifications existed). Returns how many products got theirs.
pub async fn missing_specs(tx: &mut Transaction<'_, Sqlite>) -> Result<usize, sqlx::Error> {
    let missing: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, category_id, name_zh, seq FROM products p \
         WHERE NOT EXISTS (SELECT 1 FROM product_specs s WHERE s.product_id = p.id) ORDER BY seq",
    )
    .fetch_all(&mut **tx)
    .await?;
    let rows: Vec<(String, i64, specs::GenSpec)> = missing
        .iter()
        .flat_map(|(id, cat, name, seq)| {
            specs::specs(cat, name, *seq)
                .into_iter()
                .enumerate()
                .map(move |(i, s)| (id.clone(), i as i64, s))
        })
        .collect();
    insert_specs(tx, &rows).await?;
    Ok(missing.len())
}

async fn insert_specs(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    rows: &[(String, i64, specs::GenSpec)],
) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(CHUNK) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO product_specs (product_id, position, name_zh, name_en, value_zh, value_en) ",
        );
        qb.push_values(chunk, |mut b, (pid, pos, s)| {
            b.push_bind(pid)
                .push_bind(*pos)
                .push_bind(&s.name_zh)
                .push_bind(&s.name_en)
                .push_bind(&s.value_zh)
                .push_bind(&s.value_en);
        });
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_products(
    tx: &mut sqlx::Transaction<'_, Sqlite>,
    products: &[GenProduct],
    variant_seq: &mut u64,
) -> Result<(), sqlx::Error> {
    if products.is_empty() {
        return Ok(());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(
        "INSERT INTO products (id, seq, slug, category_id, brand, name_zh, name_en, description_zh, description_en, kind, seed, min_price, min_compare_at, created_at, sales_count, on_sale) ",
    );
    qb.push_values(products, |mut b, p| {
        let (min_price, min_compare_at) = p.min_price();
        b.push_bind(&p.id)
            .push_bind(p.seq)
            .push_bind(&p.slug)
            .push_bind(&p.category_id)
            .push_bind(&p.brand)
            .push_bind(&p.name_zh)
            .push_bind(&p.name_en)
            .push_bind(&p.description_zh)
            .push_bind(&p.description_en)
            .push_bind(p.kind.as_str())
            .push_bind(p.seed)
            .push_bind(min_price)
            .push_bind(min_compare_at)
            .push_bind(p.created_at)
            .push_bind(p.sales_count)
            .push_bind(i64::from(p.on_sale()));
    });
    qb.build().execute(&mut **tx).await?;

    let spec_rows: Vec<(String, i64, specs::GenSpec)> = products
        .iter()
        .flat_map(|p| {
            specs::specs(&p.category_id, &p.name_zh, p.seq)
                .into_iter()
                .enumerate()
                .map(move |(i, s)| (p.id.clone(), i as i64, s))
        })
        .collect();
    insert_specs(tx, &spec_rows).await?;

    let options: Vec<(&GenProduct, i64, &GenOption)> = products
        .iter()
        .flat_map(|p| {
            p.options
                .iter()
                .enumerate()
                .map(move |(i, o)| (p, i as i64, o))
        })
        .collect();
    for chunk in options.chunks(CHUNK) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO product_options (product_id, position, code, name_zh, name_en) ",
        );
        qb.push_values(chunk, |mut b, (p, i, o)| {
            b.push_bind(&p.id)
                .push_bind(*i)
                .push_bind(o.code)
                .push_bind(o.name_zh)
                .push_bind(o.name_en);
        });
        qb.build().execute(&mut **tx).await?;
    }

    let values: Vec<(&str, i64, i64, &GenValue)> = options
        .iter()
        .flat_map(|(p, i, o)| {
            o.values
                .iter()
                .enumerate()
                .map(move |(j, v)| (p.id.as_str(), *i, j as i64, v))
        })
        .collect();
    for chunk in values.chunks(CHUNK) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO option_values (product_id, option_position, position, code, label_zh, label_en, swatch) ",
        );
        qb.push_values(chunk, |mut b, (pid, i, j, v)| {
            b.push_bind(*pid)
                .push_bind(*i)
                .push_bind(*j)
                .push_bind(&v.0)
                .push_bind(&v.1)
                .push_bind(&v.2)
                .push_bind(&v.3);
        });
        qb.build().execute(&mut **tx).await?;
    }

    // Facet attributes (option code → value codes) and the catalogue's value labels.
    let attributes: Vec<(&str, &str, &GenValue)> = options
        .iter()
        .flat_map(|(p, _, o)| o.values.iter().map(move |v| (p.id.as_str(), o.code, v)))
        .collect();
    for chunk in attributes.chunks(CHUNK) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT OR IGNORE INTO product_attributes (attr, value, product_id) ",
        );
        qb.push_values(chunk, |mut b, (pid, code, v)| {
            b.push_bind(*code).push_bind(&v.0).push_bind(*pid);
        });
        qb.build().execute(&mut **tx).await?;
    }
    let mut labels: Vec<(&str, &GenValue)> = attributes.iter().map(|(_, c, v)| (*c, *v)).collect();
    labels.sort_by(|a, b| (a.0, &a.1 .0).cmp(&(b.0, &b.1 .0)));
    labels.dedup_by(|a, b| a.0 == b.0 && a.1 .0 == b.1 .0);
    for chunk in labels.chunks(CHUNK) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT OR IGNORE INTO attribute_values (attr, value, label_zh, label_en, swatch) ",
        );
        qb.push_values(chunk, |mut b, (code, v)| {
            b.push_bind(*code)
                .push_bind(&v.0)
                .push_bind(&v.1)
                .push_bind(&v.2)
                .push_bind(&v.3);
        });
        qb.build().execute(&mut **tx).await?;
    }

    let images: Vec<(&str, &GenImage)> = products
        .iter()
        .flat_map(|p| p.images.iter().map(move |i| (p.id.as_str(), i)))
        .collect();
    for chunk in images.chunks(CHUNK) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO product_images (product_id, position, color_hex, angle, width, height, alt_zh, alt_en) ",
        );
        qb.push_values(chunk, |mut b, (pid, i)| {
            b.push_bind(*pid)
                .push_bind(i.position)
                .push_bind(&i.color_hex)
                .push_bind(i.angle)
                .push_bind(i64::from(images::PRODUCT_WIDTH))
                .push_bind(i64::from(images::PRODUCT_HEIGHT))
                .push_bind(&i.alt_zh)
                .push_bind(&i.alt_en);
        });
        qb.build().execute(&mut **tx).await?;
    }

    let variants: Vec<(&str, &GenVariant)> = products
        .iter()
        .flat_map(|p| p.variants.iter().map(move |v| (p.id.as_str(), v)))
        .collect();
    for chunk in variants.chunks(CHUNK) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO variants (id, product_id, position, sku, option1, option2, price, compare_at_price) ",
        );
        qb.push_values(chunk, |mut b, (pid, v)| {
            b.push_bind(&v.id)
                .push_bind(*pid)
                .push_bind(v.position)
                .push_bind(&v.sku)
                .push_bind(&v.option1)
                .push_bind(&v.option2)
                .push_bind(v.price)
                .push_bind(v.compare_at_price);
        });
        qb.build().execute(&mut **tx).await?;
    }

    let mut stock: Vec<(&str, &str, i64, i64)> = Vec::with_capacity(variants.len() * STORES.len());
    for (_, v) in &variants {
        *variant_seq += 1;
        for (si, s) in STORES.iter().enumerate() {
            let (q, at) = stock_level(*variant_seq, si as u64);
            stock.push((v.id.as_str(), s.id, q, at));
        }
    }
    for chunk in stock.chunks(CHUNK * 2) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO stock (variant_id, store_id, quantity, updated_at) ",
        );
        qb.push_values(chunk, |mut b, (vid, sid, q, at)| {
            b.push_bind(*vid)
                .push_bind(*sid)
                .push_bind(*q)
                .push_bind(*at);
        });
        qb.build().execute(&mut **tx).await?;
    }
    Ok(())
}
