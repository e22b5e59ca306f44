//! Search, filters, facets, suggestions and related products, as a client observes them,
//! checked against the catalogue read straight from the test's SQLite file.

mod facets;
mod filters;
mod popular;
mod text;

use crate::helpers::*;
use std::collections::{HashMap, HashSet};
use storefront_api_types::{
    percent_encode, CategoryTree, FacetCode, FacetValue, Page, Product, ProductFacets,
    ProductSummary, SearchSuggestions,
};

/// What the database says about a product.
#[derive(Debug, Clone)]
struct Facts {
    seq: i64,
    slug: String,
    category_id: String,
    top_id: String,
    brand: String,
    min_price: i64,
    on_sale: bool,
    sales: i64,
    created_at: i64,
    name_en: String,
    colours: HashSet<String>,
    sizes: HashSet<String>,
}

async fn facts(app: &TestApp) -> HashMap<String, Facts> {
    let url = format!(
        "sqlite://{}",
        app.dir.path().join("nested").join("test.db").display()
    );
    let db = sqlx::SqlitePool::connect(&url).await.unwrap();
    #[allow(clippy::type_complexity)]
    let rows: Vec<(String, i64, String, String, Option<String>, String, i64, i64, i64, i64, String)> =
        sqlx::query_as(
            "SELECT p.id, p.seq, p.slug, p.category_id, c.parent_id, p.brand, p.min_price, p.on_sale, p.sales_count, p.created_at, p.name_en \
             FROM products p JOIN categories c ON c.id = p.category_id",
        )
        .fetch_all(&db)
        .await
        .unwrap();
    let attrs: Vec<(String, String, String)> =
        sqlx::query_as("SELECT product_id, attr, value FROM product_attributes")
            .fetch_all(&db)
            .await
            .unwrap();
    // The facts are checked against the variants too: a product's on-sale flag and colours.
    let sale: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT product_id FROM variants WHERE compare_at_price IS NOT NULL",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let sale: HashSet<String> = sale.into_iter().map(|r| r.0).collect();
    let mut out = HashMap::new();
    for (id, seq, slug, cat, parent, brand, price, on_sale, sales, created, name) in rows {
        assert_eq!(on_sale == 1, sale.contains(&id), "{id} on_sale");
        out.insert(
            id.clone(),
            Facts {
                seq,
                slug,
                top_id: parent.unwrap_or_else(|| cat.clone()),
                category_id: cat,
                brand,
                min_price: price,
                on_sale: on_sale == 1,
                sales,
                created_at: created,
                name_en: name,
                colours: HashSet::new(),
                sizes: HashSet::new(),
            },
        );
    }
    for (pid, attr, value) in attrs {
        let f = out.get_mut(&pid).unwrap();
        match attr.as_str() {
            "color" => f.colours.insert(value),
            _ => f.sizes.insert(value),
        };
    }
    db.close().await;
    out
}

fn enc(s: &str) -> String {
    percent_encode(s)
}

async fn search(app: &TestApp, q: &str) -> Page<ProductSummary> {
    app.products(&format!("q={}&limit=100", enc(q)))
        .json()
        .await
}

async fn walk(app: &TestApp, query: &str, limit: u32) -> (Vec<ProductSummary>, u64) {
    app.walk(&format!("{query}&limit={limit}")).await
}

fn ids(page: &[ProductSummary]) -> HashSet<String> {
    page.iter().map(|p| p.id.0.clone()).collect()
}

fn flat(values: &[FacetValue]) -> Vec<&FacetValue> {
    values
        .iter()
        .flat_map(|v| std::iter::once(v).chain(flat(&v.children)))
        .collect()
}
