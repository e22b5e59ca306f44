//! Product cards and details, read from SQLite by `seq` or by id/slug.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use storefront_api_types::{
    CategoryId, CategoryRef, Image, LocalizedText, Money, OptionValue, Product, ProductId,
    ProductOption, ProductSort, ProductSummary, Spec, Timestamp, Variant, VariantId,
};

use crate::catalog::{Catalog, Selection};
use crate::pictures::{image_url, srcset, CARD_WIDTHS, GALLERY_WIDTHS};
use crate::search::SearchPlan;

#[derive(Debug, sqlx::FromRow)]
struct SummaryRow {
    seq: i64,
    id: String,
    slug: String,
    name_zh: String,
    name_en: String,
    brand: String,
    min_price: i64,
    min_compare_at: Option<i64>,
    created_at: i64,
    category_id: String,
    category_slug: String,
    category_name_zh: String,
    category_name_en: String,
    image_position: i64,
    image_width: i64,
    image_height: i64,
    image_alt_zh: String,
    image_alt_en: String,
}

const SUMMARY_COLUMNS: &str = "SELECT p.seq, p.id, p.slug, p.name_zh, p.name_en, p.brand, p.min_price, p.min_compare_at, p.created_at, \
     c.id AS category_id, c.slug AS category_slug, c.name_zh AS category_name_zh, c.name_en AS category_name_en, \
     i.position AS image_position, i.width AS image_width, i.height AS image_height, i.alt_zh AS image_alt_zh, i.alt_en AS image_alt_en \
     FROM products p JOIN categories c ON c.id = p.category_id \
     JOIN product_images i ON i.product_id = p.id AND i.position = 0";

fn timestamp(secs: i64) -> Timestamp {
    Timestamp::from_unix(secs)
}

fn dim(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

impl From<SummaryRow> for ProductSummary {
    fn from(r: SummaryRow) -> Self {
        let url = image_url(&r.id, r.image_position);
        ProductSummary {
            image: Image {
                srcset: srcset(&url, &CARD_WIDTHS),
                url,
                width: dim(r.image_width),
                height: dim(r.image_height),
                alt: LocalizedText::new(r.image_alt_zh, r.image_alt_en),
            },
            id: ProductId(r.id),
            slug: r.slug,
            name: LocalizedText::new(r.name_zh, r.name_en),
            brand: r.brand,
            category: CategoryRef {
                id: CategoryId(r.category_id),
                slug: r.category_slug,
                name: LocalizedText::new(r.category_name_zh, r.category_name_en),
            },
            price: Money::cny(r.min_price),
            compare_at_price: r.min_compare_at.map(Money::cny),
            created_at: timestamp(r.created_at),
        }
    }
}

/// Product cards by `seq`, in the order given.
pub async fn summaries(db: &SqlitePool, seqs: &[i64]) -> Result<Vec<ProductSummary>, sqlx::Error> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(SUMMARY_COLUMNS);
    qb.push(" WHERE p.seq IN (");
    {
        let mut sep = qb.separated(", ");
        for s in seqs {
            sep.push_bind(*s);
        }
    }
    qb.push(")");
    let mut rows: Vec<SummaryRow> = qb.build_query_as().fetch_all(db).await?;
    rows.sort_by_key(|r| seqs.iter().position(|s| *s == r.seq));
    Ok(rows.into_iter().map(ProductSummary::from).collect())
}

/// A variant's colour, size, price and compare-at price.
type Choice = (String, Option<String>, i64, Option<i64>);
/// A variant row of a page: product id, then as [`Choice`].
type VariantOf = (String, String, Option<String>, i64, Option<i64>);
/// A colour picture of a page: product id, colour code, position, width, height, alt texts.
type PictureOf = (String, String, i64, i64, i64, String, String);

/// Product cards as [`summaries`], each showing the variants that match the `colors` and
/// `sizes` filters: the cheapest matching variant's price, and the picture of the first
/// selected colour the product has (under "black", a card is the black variant, not the
/// product's first picture in another colour).
pub async fn summaries_matching(
    db: &SqlitePool,
    seqs: &[i64],
    colors: &[String],
    sizes: &[String],
) -> Result<Vec<ProductSummary>, sqlx::Error> {
    let mut cards = summaries(db, seqs).await?;
    if colors.is_empty() && sizes.is_empty() {
        return Ok(cards);
    }
    // the page's variants and colour pictures in one query each (not two per card)
    let ids: Vec<String> = cards.iter().map(|c| c.id.to_string()).collect();
    let in_list = |qb: &mut QueryBuilder<'_, Sqlite>| {
        let mut sep = qb.separated(", ");
        for id in &ids {
            sep.push_bind(id.clone());
        }
    };
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT product_id, option1, option2, price, compare_at_price FROM variants WHERE product_id IN (",
    );
    in_list(&mut qb);
    qb.push(") ORDER BY product_id, position");
    let variants: Vec<VariantOf> = qb.build_query_as().fetch_all(db).await?;
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT i.product_id, o.code, i.position, i.width, i.height, i.alt_zh, i.alt_en FROM product_images i \
         JOIN option_values o ON o.product_id = i.product_id AND o.option_position = 0 \
         AND lower(o.swatch) = lower(i.color_hex) WHERE i.product_id IN (",
    );
    in_list(&mut qb);
    qb.push(") ORDER BY i.product_id, i.position");
    let pictures: Vec<PictureOf> = qb.build_query_as().fetch_all(db).await?;
    for card in &mut cards {
        let id = card.id.as_str();
        let variants: Vec<Choice> = variants
            .iter()
            .filter(|v| v.0 == id)
            .map(|v| (v.1.clone(), v.2.clone(), v.3, v.4))
            .collect();
        let colour_ok = |c: &String| colors.is_empty() || colors.contains(c);
        let size_ok =
            |s: &Option<String>| sizes.is_empty() || s.as_ref().is_some_and(|s| sizes.contains(s));
        // the filters combine per product (olive in one variant, M in another): the variants
        // matching both, else those of the colour, else those of the size
        let pick = |test: &dyn Fn(&Choice) -> bool| {
            variants.iter().filter(|v| test(v)).collect::<Vec<_>>()
        };
        let mut matching = pick(&|v| colour_ok(&v.0) && size_ok(&v.1));
        if matching.is_empty() {
            matching = pick(&|v| !colors.is_empty() && colour_ok(&v.0));
        }
        if matching.is_empty() {
            matching = pick(&|v| size_ok(&v.1));
        }
        let Some(cheapest) = matching.iter().min_by_key(|v| v.2) else {
            continue;
        };
        card.price = Money::cny(cheapest.2);
        card.compare_at_price = cheapest.3.map(Money::cny);
        let Some(colour) = colors.iter().find(|c| matching.iter().any(|v| &v.0 == *c)) else {
            continue;
        };
        // the first picture (by position) of that colour
        let picture = pictures.iter().find(|p| p.0 == id && &p.1 == colour);
        if let Some((_, _, position, width, height, alt_zh, alt_en)) = picture {
            let url = image_url(id, *position);
            card.image = Image {
                srcset: srcset(&url, &CARD_WIDTHS),
                url,
                width: dim(*width),
                height: dim(*height),
                alt: LocalizedText::new(alt_zh.clone(), alt_en.clone()),
            };
        }
    }
    Ok(cards)
}

/// The best matches of a search, most relevant first (for suggestions).
pub async fn search(
    db: &SqlitePool,
    catalog: &Catalog,
    plan: &SearchPlan,
    limit: u32,
) -> Result<Vec<ProductSummary>, sqlx::Error> {
    let matches = crate::search::find(db, catalog, plan, true).await?;
    let (seqs, _) = crate::catalog::list(
        catalog,
        &Selection::default(),
        Some(&matches),
        ProductSort::Relevance,
        0,
        limit as usize,
    );
    summaries(db, &seqs).await
}

#[derive(Debug, sqlx::FromRow)]
struct ProductRow {
    id: String,
    slug: String,
    name_zh: String,
    name_en: String,
    brand: String,
    description_zh: String,
    description_en: String,
    created_at: i64,
    category_id: String,
    category_slug: String,
    category_name_zh: String,
    category_name_en: String,
}

#[derive(Debug, sqlx::FromRow)]
struct ImageRow {
    position: i64,
    width: i64,
    height: i64,
    alt_zh: String,
    alt_en: String,
}

#[derive(Debug, sqlx::FromRow)]
struct OptionRow {
    position: i64,
    code: String,
    name_zh: String,
    name_en: String,
}

#[derive(Debug, sqlx::FromRow)]
struct ValueRow {
    option_position: i64,
    code: String,
    label_zh: String,
    label_en: String,
    swatch: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
struct VariantRow {
    id: String,
    sku: String,
    option1: String,
    option2: Option<String>,
    price: i64,
    compare_at_price: Option<i64>,
}

#[derive(Debug, sqlx::FromRow)]
struct SpecRow {
    name_zh: String,
    name_en: String,
    value_zh: String,
    value_en: String,
}

/// Loads a product by id or slug.
pub async fn load_product(db: &SqlitePool, key: &str) -> Result<Option<Product>, sqlx::Error> {
    let row: Option<ProductRow> = sqlx::query_as(
        "SELECT p.id, p.slug, p.name_zh, p.name_en, p.brand, p.description_zh, p.description_en, p.created_at, \
         c.id AS category_id, c.slug AS category_slug, c.name_zh AS category_name_zh, c.name_en AS category_name_en \
         FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = ?1 OR p.slug = ?1 LIMIT 1",
    )
    .bind(key)
    .fetch_optional(db)
    .await?;
    let Some(p) = row else { return Ok(None) };

    let images: Vec<ImageRow> = sqlx::query_as(
        "SELECT position, width, height, alt_zh, alt_en FROM product_images WHERE product_id = ? ORDER BY position",
    )
    .bind(&p.id)
    .fetch_all(db)
    .await?;
    let options: Vec<OptionRow> =
        sqlx::query_as("SELECT position, code, name_zh, name_en FROM product_options WHERE product_id = ? ORDER BY position")
            .bind(&p.id)
            .fetch_all(db)
            .await?;
    let values: Vec<ValueRow> = sqlx::query_as(
        "SELECT option_position, code, label_zh, label_en, swatch FROM option_values WHERE product_id = ? \
         ORDER BY option_position, position",
    )
    .bind(&p.id)
    .fetch_all(db)
    .await?;
    let variants: Vec<VariantRow> = sqlx::query_as(
        "SELECT id, sku, option1, option2, price, compare_at_price FROM variants WHERE product_id = ? ORDER BY position",
    )
    .bind(&p.id)
    .fetch_all(db)
    .await?;
    let specs: Vec<SpecRow> = sqlx::query_as(
        "SELECT name_zh, name_en, value_zh, value_en FROM product_specs WHERE product_id = ? ORDER BY position",
    )
    .bind(&p.id)
    .fetch_all(db)
    .await?;

    Ok(Some(Product {
        images: images
            .into_iter()
            .map(|i| {
                let url = image_url(&p.id, i.position);
                Image {
                    srcset: srcset(&url, &GALLERY_WIDTHS),
                    url,
                    width: dim(i.width),
                    height: dim(i.height),
                    alt: LocalizedText::new(i.alt_zh, i.alt_en),
                }
            })
            .collect(),
        options: options
            .into_iter()
            .map(|o| ProductOption {
                values: values
                    .iter()
                    .filter(|v| v.option_position == o.position)
                    .map(|v| OptionValue {
                        code: v.code.clone(),
                        label: LocalizedText::new(&v.label_zh, &v.label_en),
                        swatch: v.swatch.clone(),
                    })
                    .collect(),
                code: o.code,
                name: LocalizedText::new(o.name_zh, o.name_en),
            })
            .collect(),
        variants: variants
            .into_iter()
            .map(|v| Variant {
                id: VariantId(v.id),
                sku: v.sku,
                option_values: std::iter::once(v.option1).chain(v.option2).collect(),
                price: Money::cny(v.price),
                compare_at_price: v.compare_at_price.map(Money::cny),
            })
            .collect(),
        specs: specs
            .into_iter()
            .map(|s| Spec {
                name: LocalizedText::new(s.name_zh, s.name_en),
                value: LocalizedText::new(s.value_zh, s.value_en),
            })
            .collect(),
        id: ProductId(p.id),
        slug: p.slug,
        name: LocalizedText::new(p.name_zh, p.name_en),
        brand: p.brand,
        description: LocalizedText::new(p.description_zh, p.description_en),
        category: CategoryRef {
            id: CategoryId(p.category_id),
            slug: p.category_slug,
            name: LocalizedText::new(p.category_name_zh, p.category_name_en),
        },
        created_at: timestamp(p.created_at),
    }))
}
