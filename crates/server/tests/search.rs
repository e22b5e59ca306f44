//! Search, filters, facets, suggestions and related products, as a client observes them,
//! checked against the catalogue read straight from the test's SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
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
    app.json(&format!("/api/v1/products?q={}&limit=100", enc(q)))
        .await
}

async fn walk(app: &TestApp, query: &str, limit: u32) -> (Vec<ProductSummary>, u64) {
    app.walk(&format!("{query}&limit={limit}")).await
}

fn ids(page: &[ProductSummary]) -> HashSet<String> {
    page.iter().map(|p| p.id.0.clone()).collect()
}

#[tokio::test]
async fn search_finds_chinese_pinyin_english_typos_and_mixed_queries() {
    let app = spawn().await;
    let tree: CategoryTree = app.json("/api/v1/categories").await;
    let parent_of: HashMap<String, String> = tree
        .data
        .iter()
        .flat_map(|t| {
            t.children
                .iter()
                .map(move |c| (c.id.0.clone(), t.name.zh_cn.clone()))
        })
        .collect();

    // Chinese, 3+ characters: the words of the names.
    let sneakers = search(&app, "运动鞋").await;
    assert!(sneakers.total >= 4, "{}", sneakers.total);
    assert!(sneakers
        .data
        .iter()
        .all(|p| p.name.zh_cn.contains("运动鞋")));
    for word in ["羽绒服", "连衣裙", "牛仔裤", "跑步鞋"] {
        let r = search(&app, word).await;
        assert!(r.total > 0, "{word}");
        assert!(r.data[0].name.zh_cn.contains(word), "{word}");
    }

    // Chinese, 1–2 characters: names and category names.
    let shirts = search(&app, "衬衫").await;
    assert!(shirts.total > 0);
    assert!(shirts
        .data
        .iter()
        .all(|p| p.name.zh_cn.contains("衬衫") || p.category.name.zh_cn.contains("衬衫")));
    assert!(shirts.data[0].name.zh_cn.contains("衬衫"));
    let shoe = search(&app, "鞋").await;
    assert!(shoe.total >= sneakers.total);
    assert!(shoe.data.iter().all(|p| p.name.zh_cn.contains('鞋')
        || p.category.name.zh_cn.contains('鞋')
        || parent_of[&p.category.id.0].contains('鞋')));
    let tee = search(&app, "T恤").await;
    assert!(
        tee.total > 0
            && tee
                .data
                .iter()
                .all(|p| p.name.zh_cn.contains("T恤") || p.category.name.zh_cn.contains("T恤"))
    );

    // Full pinyin, a pinyin prefix and initials find the Chinese names.
    let full = search(&app, "yundongxie").await;
    assert_eq!(ids(&full.data), ids(&sneakers.data));
    let prefix = search(&app, "yundong").await;
    assert!(ids(&prefix.data).is_superset(&ids(&sneakers.data)));
    let initials = search(&app, "ydx").await;
    assert!(ids(&initials.data).is_superset(&ids(&sneakers.data)));
    assert!(initials.data[0].name.zh_cn.contains("运动鞋"));
    let spaced = search(&app, "yundong xie").await;
    assert_eq!(ids(&spaced.data), ids(&sneakers.data));
    let down = search(&app, "yurongfu").await;
    assert!(down.total > 0 && down.data.iter().all(|p| p.name.zh_cn.contains("羽绒服")));

    // English, case-insensitive and full-width, prefixes.
    let jacket = search(&app, "jacket").await;
    assert!(jacket.total > 0);
    assert!(jacket.data[0].name.en.to_lowercase().contains("jacket"));
    assert_eq!(ids(&search(&app, "JACKET").await.data), ids(&jacket.data));
    assert_eq!(
        ids(&search(&app, "ｊａｃｋｅｔ").await.data),
        ids(&jacket.data)
    );
    let jack = search(&app, "jack").await;
    assert!(ids(&jack.data).is_superset(&ids(&jacket.data)));

    // One typo per Latin word of 4+ letters.
    assert_eq!(ids(&search(&app, "jakcet").await.data), ids(&jacket.data));
    assert_eq!(ids(&search(&app, "jackte").await.data), ids(&jacket.data));
    let sneakers_en = search(&app, "sneakers").await;
    assert!(sneakers_en.total > 0);
    assert!(ids(&search(&app, "sneakrs").await.data).is_superset(&ids(&sneakers_en.data)));
    let joggers = search(&app, "joggers").await;
    assert!(joggers.total > 0);
    assert!(ids(&search(&app, "joggr").await.data).is_superset(&ids(&joggers.data)));
    assert_eq!(search(&app, "qqqqzzzz").await.total, 0);

    // Mixed scripts: every term must match.
    let mixed = search(&app, "羽绒 jacket").await;
    assert!(mixed.total > 0);
    assert!(mixed.data.iter().all(|p| p.name.zh_cn.contains("羽绒")));
    assert!(mixed.total < jacket.total);
    let brand_and_zh = search(&app, "kestrel 跑步").await;
    assert!(brand_and_zh.total > 0);
    assert!(brand_and_zh.data.iter().all(|p| p.brand == "Kestrel & Co."
        && (p.name.zh_cn.contains("跑步") || p.category.name.zh_cn.contains("跑步"))));
    assert_eq!(search(&app, "kestrel跑步").await.total, brand_and_zh.total);
}

#[tokio::test]
async fn relevance_ranks_name_hits_above_description_hits_then_best_sellers() {
    let app = spawn().await;
    let facts = facts(&app).await;
    // "soft" is in some names (Soft-touch…) and in a sentence of many descriptions.
    let (all, total) = walk(&app, "q=soft", 100).await;
    assert_eq!(all.len() as u64, total);
    let in_name: Vec<bool> = all
        .iter()
        .map(|p| p.name.en.to_lowercase().contains("soft"))
        .collect();
    let names = in_name.iter().filter(|x| **x).count();
    assert!(names > 0 && names < all.len(), "{names} of {}", all.len());
    assert!(
        in_name.windows(2).all(|w| w[0] || !w[1]),
        "a description-only hit ranks above a name hit"
    );
    // Equal scores: best sellers first. Short terms score by where they hit (name, pinyin,
    // brand, category), so every name hit of "鞋" ties and sales decide.
    let (all, _) = walk(&app, &format!("q={}", enc("鞋")), 100).await;
    let name_hits: Vec<&Facts> = all
        .iter()
        .take_while(|p| p.name.zh_cn.contains('鞋'))
        .map(|p| &facts[&p.id.0])
        .collect();
    assert!(name_hits.len() > 10);
    assert!(all[name_hits.len()..]
        .iter()
        .all(|p| !p.name.zh_cn.contains('鞋')));
    for w in name_hits.windows(2) {
        assert!(
            (-w[0].sales, w[0].seq) <= (-w[1].sales, w[1].seq),
            "{} before {}",
            w[0].seq,
            w[1].seq
        );
    }
}

#[tokio::test]
async fn hostile_queries_are_never_server_errors() {
    let app = spawn_with(120, None).await;
    let long = "a".repeat(10_000);
    let mut cases: Vec<String> = [
        "\"",
        "*",
        "-",
        "NEAR",
        "OR",
        "AND",
        "NOT",
        "(",
        ")",
        "^",
        ":",
        "{",
        "}",
        "\"unbalanced",
        "NEAR(a b)",
        "a OR b",
        "a AND b",
        "NOT a",
        "-a",
        "()",
        "a:b",
        "name:jacket",
        "{name}: x",
        "^jacket",
        "jacket*",
        "\\",
        "'",
        "''",
        "%",
        "'; DROP TABLE products; --",
        "😀",
        "👍🏽 鞋",
        "ab中文😀ру",
        "\u{0}",
        "a\u{0}b",
        "   ",
        "\t",
        "\u{3000}",
        "\u{FFFF}",
        "\u{202E}abc",
        "a-",
        "-",
        "--",
        ".",
        "&",
        "&&",
        "\"\"\"",
        "x\"y",
        "NEAR/2",
        "* OR *",
    ]
    .iter()
    .map(|s| enc(s))
    .collect();
    cases.extend([
        "%ED%A0%80".to_owned(),
        "%ED%A0%80%ED%B0%80".to_owned(),
        "%FF%FE".to_owned(),
        "%".to_owned(),
        "%zz".to_owned(),
        enc(&"a".repeat(200)),
        enc(&"鞋".repeat(200)),
        enc(&"a ".repeat(100)),
        enc(&long),
    ]);
    for q in &cases {
        for base in [
            "/api/v1/products?q=",
            "/api/v1/products/facets?q=",
            "/api/v1/search/suggest?q=",
        ] {
            let uri = format!("{base}{q}");
            let r = app.get(&uri).await;
            match r.status.as_u16() {
                200 => {
                    let _: serde_json::Value = r.json();
                }
                400 => {
                    assert_problem(&r, 400, "invalid_query", Some("#/query/q"));
                }
                s => panic!("{uri}: {s} {}", r.text()),
            }
        }
    }
    let r = app.get(&format!("/api/v1/products?q={}", enc(&long))).await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/q"));
    let r = app
        .get(&format!("/api/v1/search/suggest?q={}", enc(&long)))
        .await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/q"));
    // Nothing was harmed.
    let page: Page<ProductSummary> = app.json("/api/v1/products?limit=1").await;
    assert_eq!(page.total, 120);
    // Pure syntax matches nothing; a syntax word is a plain word.
    for q in ["*", "()", "\"", "^", "{}"] {
        let page: Page<ProductSummary> = app.json(&format!("/api/v1/products?q={}", enc(q))).await;
        assert_eq!(page.total, 0, "{q}");
    }
}

/// Whether a product matches a filter query string (without q).
fn matches(f: &Facts, query: &str, tree: &CategoryTree) -> bool {
    let mut by_key: HashMap<&str, Vec<&str>> = HashMap::new();
    for kv in query.split('&').filter(|s| !s.is_empty()) {
        let (k, v) = kv.split_once('=').unwrap();
        by_key.entry(k).or_default().push(v);
    }
    let cat_ok = by_key.get("category").is_none_or(|cats| {
        cats.iter().any(|c| {
            let top = tree.data.iter().find(|t| t.slug == *c || t.id.0 == *c);
            match top {
                Some(t) => f.top_id == t.id.0,
                None => tree
                    .data
                    .iter()
                    .flat_map(|t| &t.children)
                    .any(|l| (l.slug == *c || l.id.0 == *c) && l.id.0 == f.category_id),
            }
        })
    });
    let brand_ok = by_key.get("brand").is_none_or(|b| {
        b.iter()
            .any(|b| storefront_api_types::percent_decode(b) == f.brand)
    });
    let colour_ok = by_key
        .get("color")
        .is_none_or(|c| c.iter().any(|c| f.colours.contains(*c)));
    let size_ok = by_key
        .get("size")
        .is_none_or(|s| s.iter().any(|s| f.sizes.contains(*s)));
    let price_ok = by_key.get("price").is_none_or(|bands| {
        bands.iter().any(|b| {
            storefront_api_types::PriceRange::parse(b)
                .unwrap()
                .contains(f.min_price)
        })
    });
    let sale_ok = !by_key.contains_key("on_sale") || f.on_sale;
    let ids_ok = by_key.get("ids").is_none_or(|ids| {
        ids.iter()
            .flat_map(|v| v.split("%2C").flat_map(|x| x.split(',')))
            .any(|i| {
                i == f.slug || f.seq == i.trim_start_matches("p_").parse::<i64>().unwrap_or(-1)
            })
    });
    cat_ok && brand_ok && colour_ok && size_ok && price_ok && sale_ok && ids_ok
}

#[tokio::test]
async fn every_filter_with_every_sort_matches_and_pages_like_one_big_page() {
    let app = spawn().await;
    let facts = facts(&app).await;
    let tree: CategoryTree = app.json("/api/v1/categories").await;
    let p3 = facts.values().find(|f| f.seq == 3).unwrap().slug.clone();
    let combos = [
        "category=shoes".to_owned(),
        "category=women-dresses&category=men".to_owned(),
        "brand=Halden&brand=Solenne".to_owned(),
        "brand=Kestrel%20%26%20Co.".to_owned(),
        "color=black&color=navy".to_owned(),
        "size=m&size=42".to_owned(),
        "price=0-10000&price=50000-100000".to_owned(),
        "price=100000-".to_owned(),
        "on_sale=true".to_owned(),
        "category=women&color=black&price=20000-50000".to_owned(),
        "brand=Northshore&size=42&on_sale=true".to_owned(),
        "category=home&color=white&color=ivory&on_sale=true&price=0-10000&price=10000-20000"
            .to_owned(),
        format!("ids=p_000001,p_000002,{p3},p_000300"),
    ];
    for combo in &combos {
        let expected: HashSet<String> = facts
            .iter()
            .filter(|(_, f)| matches(f, combo, &tree))
            .map(|(id, _)| id.clone())
            .collect();
        assert!(!expected.is_empty(), "{combo} selects nothing");
        for sort in ["newest", "price_asc", "price_desc", "best_selling", "name"] {
            let query = format!("{combo}&sort={sort}");
            let (paged, total) = walk(&app, &query, 7).await;
            assert_eq!(total as usize, expected.len(), "{query}");
            assert_eq!(ids(&paged), expected, "{query}");
            assert_eq!(paged.len(), expected.len(), "{query}: duplicates");
            let (big, _) = walk(&app, &query, 100).await;
            assert_eq!(
                paged.iter().map(|p| &p.id).collect::<Vec<_>>(),
                big.iter().map(|p| &p.id).collect::<Vec<_>>(),
                "{query}: pages differ from one big page"
            );
            for w in paged.windows(2) {
                let (a, b) = (&facts[&w[0].id.0], &facts[&w[1].id.0]);
                let ordered = match sort {
                    "newest" => (a.created_at, a.seq) >= (b.created_at, b.seq),
                    "price_asc" => (a.min_price, a.seq) <= (b.min_price, b.seq),
                    "price_desc" => (-a.min_price, a.seq) <= (-b.min_price, b.seq),
                    "best_selling" => (-a.sales, a.seq) <= (-b.sales, b.seq),
                    _ => (a.name_en.to_lowercase(), a.seq) <= (b.name_en.to_lowercase(), b.seq),
                };
                assert!(ordered, "{query}: {} before {}", a.seq, b.seq);
            }
        }
    }
    // With a search: every sort, including relevance, pages like one big page, and every
    // result matches the filters.
    for combo in [
        "q=cotton&color=white",
        "q=%E9%9E%8B&on_sale=true&size=42&size=43",
        "q=shirt&category=men&price=10000-20000&price=20000-50000",
    ] {
        for sort in [
            "relevance",
            "newest",
            "price_asc",
            "price_desc",
            "best_selling",
            "name",
        ] {
            let query = format!("{combo}&sort={sort}");
            let (paged, total) = walk(&app, &query, 5).await;
            let (big, _) = walk(&app, &query, 100).await;
            assert!(total > 0, "{query}");
            assert_eq!(paged.len() as u64, total, "{query}");
            assert_eq!(
                paged.iter().map(|p| &p.id).collect::<Vec<_>>(),
                big.iter().map(|p| &p.id).collect::<Vec<_>>(),
                "{query}"
            );
            let filters: String = combo
                .split('&')
                .filter(|kv| !kv.starts_with("q="))
                .collect::<Vec<_>>()
                .join("&");
            assert!(
                paged
                    .iter()
                    .all(|p| matches(&facts[&p.id.0], &filters, &tree)),
                "{query}"
            );
        }
    }
}

fn flat(values: &[FacetValue]) -> Vec<&FacetValue> {
    values
        .iter()
        .flat_map(|v| std::iter::once(v).chain(flat(&v.children)))
        .collect()
}

/// The query with facet `code`'s selection replaced by `value`.
fn with_value(base: &str, code: FacetCode, value: &str) -> String {
    let param = code.param();
    let mut parts: Vec<String> = base
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(param))
        .map(str::to_owned)
        .collect();
    parts.push(format!("{param}={}", enc(value)));
    parts.join("&")
}

#[tokio::test]
async fn facet_counts_are_disjunctive_and_equal_the_totals_of_applied_values() {
    let app = spawn().await;
    for base in [
        "",
        "q=shirt",
        "color=black",
        "category=women&price=10000-20000&on_sale=true",
        "brand=Halden&brand=Ashgrove&size=m&size=l",
        "q=%E9%9E%8B&color=navy&color=grey",
    ] {
        let f: ProductFacets = app.json(&format!("/api/v1/products/facets?{base}")).await;
        let listed: Page<ProductSummary> =
            app.json(&format!("/api/v1/products?{base}&limit=1")).await;
        assert_eq!(f.total, listed.total, "{base}");
        let codes: Vec<FacetCode> = f.facets.iter().map(|x| x.code).collect();
        assert_eq!(
            codes,
            [
                FacetCode::Category,
                FacetCode::Price,
                FacetCode::Brand,
                FacetCode::Color,
                FacetCode::Size,
                FacetCode::OnSale
            ]
        );
        for facet in &f.facets {
            for v in flat(&facet.values) {
                let applied = with_value(base, facet.code, &v.value);
                let page: Page<ProductSummary> = app
                    .json(&format!("/api/v1/products?{applied}&limit=1"))
                    .await;
                assert_eq!(v.count, page.total, "{base}: {:?}={} ", facet.code, v.value);
                let param = format!("{}={}", facet.code.param(), enc(&v.value));
                assert_eq!(
                    v.selected,
                    base.split('&').any(|kv| kv == param),
                    "{base}: {param}"
                );
            }
        }
        // Zero counts are listed too: every brand, colour and size of the catalogue.
        let brand = &f.facets[2];
        assert_eq!(brand.values.len(), 14, "{base}");
        let names: Vec<String> = brand
            .values
            .iter()
            .map(|v| v.value.to_lowercase())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(f.facets[3].values.len(), 13);
        assert!(f.facets[3].values.iter().all(|v| v.swatch.is_some()));
        let sizes: Vec<&str> = f.facets[4]
            .values
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        assert_eq!(&sizes[..8], ["xs", "s", "m", "l", "xl", "xxl", "36", "37"]);
        let prices: Vec<&str> = f.facets[1]
            .values
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        assert_eq!(
            prices,
            [
                "0-10000",
                "10000-20000",
                "20000-50000",
                "50000-100000",
                "100000-"
            ]
        );
        assert_eq!(f.facets[5].values.len(), 1);
        // Category counts include descendants.
        for top in &f.facets[0].values {
            assert_eq!(top.count, top.children.iter().map(|c| c.count).sum::<u64>());
        }
    }
    // Women's clothes have no shoe sizes: listed with 0.
    let f: ProductFacets = app.json("/api/v1/products/facets?category=women").await;
    let size42 = f.facets[4].values.iter().find(|v| v.value == "42").unwrap();
    assert_eq!(size42.count, 0);
    // Every price band has products.
    let all: ProductFacets = app.json("/api/v1/products/facets").await;
    assert!(
        all.facets[1].values.iter().all(|v| v.count > 0),
        "{:?}",
        all.facets[1]
    );
    let on_sale = all.facets[5].values[0].count as f64 / all.total as f64;
    assert!((0.15..0.35).contains(&on_sale), "{on_sale}");

    // Selected values the catalogue does not know are echoed with 0.
    let f: ProductFacets = app
        .json("/api/v1/products/facets?brand=Nobody&color=plaid&size=99&price=12345-23456")
        .await;
    assert_eq!(f.total, 0);
    for (i, v) in [(2, "Nobody"), (3, "plaid"), (4, "99"), (1, "12345-23456")] {
        let value = f.facets[i].values.iter().find(|x| x.value == v).unwrap();
        assert!(value.selected && value.count == 0, "{v}");
    }
    // Selecting a category marks it.
    let f: ProductFacets = app
        .json("/api/v1/products/facets?category=women-dresses&category=shoes")
        .await;
    let selected: Vec<&str> = flat(&f.facets[0].values)
        .into_iter()
        .filter(|v| v.selected)
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(selected, ["women-dresses", "shoes"]);
}

#[tokio::test]
async fn facets_suggest_spelling_and_related_categories() {
    let app = spawn().await;
    let f: ProductFacets = app.json("/api/v1/products/facets?q=jakcet").await;
    assert_eq!(f.did_you_mean.as_deref(), Some("jacket"));
    assert!(f.total > 0);
    assert!(f.related_categories.iter().any(|c| c.slug == "women-coats"));
    let f: ProductFacets = app.json("/api/v1/products/facets?q=jacket").await;
    assert_eq!(f.did_you_mean, None);
    let f: ProductFacets = app.json("/api/v1/products/facets?q=Sneakrs%20cotton").await;
    assert_eq!(f.did_you_mean.as_deref(), Some("sneakers cotton"));
    let f: ProductFacets = app.json("/api/v1/products/facets").await;
    assert!(f.did_you_mean.is_none() && f.related_categories.is_empty());
    let f: ProductFacets = app
        .json(&format!("/api/v1/products/facets?q={}", enc("运动鞋 紫色")))
        .await;
    assert_eq!(f.total, 0);
    let slugs: Vec<&str> = f
        .related_categories
        .iter()
        .map(|c| c.slug.as_str())
        .collect();
    assert!(
        slugs.contains(&"running-shoes") && slugs.contains(&"sneakers"),
        "{slugs:?}"
    );
    assert!(slugs.len() <= 6);
    let f: ProductFacets = app.json("/api/v1/products/facets?q=lianyiqun").await;
    assert!(f
        .related_categories
        .iter()
        .any(|c| c.slug == "women-dresses"));
    let f: ProductFacets = app.json("/api/v1/products/facets?q=qqqqzzzz").await;
    assert!(f.did_you_mean.is_none() && f.related_categories.is_empty() && f.total == 0);
}

#[tokio::test]
async fn suggestions_offer_popular_queries_categories_and_products() {
    let app = spawn().await;
    for q in ["", "%20%20", "%E3%80%80"] {
        let s: SearchSuggestions = app.json(&format!("/api/v1/search/suggest?q={q}")).await;
        assert_eq!(s.queries.len(), 8, "{q}");
        assert!(s.categories.is_empty() && s.products.is_empty());
        assert_eq!(s.query, "");
    }
    let s: SearchSuggestions = app.json("/api/v1/search/suggest").await;
    assert_eq!(s.queries[0], "运动鞋");

    for (q, query) in [
        ("yd", "运动鞋"),
        ("yun", "运动鞋"),
        ("运", "运动鞋"),
        ("yrf", "羽绒服"),
        ("lianyi", "连衣裙"),
        ("jack", "jacket"),
        ("JAC", "jacket"),
    ] {
        let s: SearchSuggestions = app
            .json(&format!("/api/v1/search/suggest?q={}", enc(q)))
            .await;
        assert!(
            s.queries.contains(&query.to_owned()),
            "{q}: {:?}",
            s.queries
        );
        assert!(s.queries.len() <= 5 && s.categories.len() <= 3 && s.products.len() <= 5);
    }
    let s: SearchSuggestions = app.json("/api/v1/search/suggest?q=jack").await;
    assert_eq!(s.queries[0], "jacket", "prefix first: {:?}", s.queries);
    assert!(s.queries.contains(&"down jacket".to_owned()));
    assert!(s.categories.iter().any(|c| c.slug == "women-coats"));
    assert_eq!(s.products.len(), 5);
    assert!(s
        .products
        .iter()
        .all(|p| p.name.en.to_lowercase().contains("jack")
            || p.category.name.en.to_lowercase().contains("jack")));
    let s: SearchSuggestions = app
        .json(&format!("/api/v1/search/suggest?q={}", enc(" 连衣裙 ")))
        .await;
    assert_eq!(s.query, "连衣裙");
    assert_eq!(s.categories[0].slug, "women-dresses");
    assert!(s
        .products
        .iter()
        .all(|p| p.name.zh_cn.contains("连衣裙") || p.category.slug == "women-dresses"));
    let s: SearchSuggestions = app.json("/api/v1/search/suggest?q=lianyiqun").await;
    assert_eq!(s.categories[0].slug, "women-dresses");
    assert!(!s.products.is_empty());
    let s: SearchSuggestions = app.json("/api/v1/search/suggest?q=jakc").await;
    assert!(!s.products.is_empty(), "typo while typing");

    // Searches with results are counted (in the background); searches without are not.
    for _ in 0..3 {
        let p: Page<ProductSummary> = app.json("/api/v1/products?q=Chore%20Jacket").await;
        assert!(p.total > 0);
        let p: Page<ProductSummary> = app.json("/api/v1/products?q=qqqqzzzz").await;
        assert_eq!(p.total, 0);
    }
    let mut seen = false;
    for _ in 0..50 {
        let s: SearchSuggestions = app.json("/api/v1/search/suggest?q=chore").await;
        if s.queries.contains(&"chore jacket".to_owned()) {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(seen, "the search was not recorded");
    let s: SearchSuggestions = app.json("/api/v1/search/suggest?q=qqqq").await;
    assert!(s.queries.is_empty());
}

#[tokio::test]
async fn related_products_share_the_category_and_never_include_the_product() {
    let app = spawn().await;
    let facts = facts(&app).await;
    let me = &facts["p_000001"];
    let page: Page<ProductSummary> = app.json("/api/v1/products/p_000001/related").await;
    assert_eq!(page.data.len(), 8);
    assert!(page.next_cursor.is_none());
    let by_slug: Page<ProductSummary> = app
        .json(&format!("/api/v1/products/{}/related", me.slug))
        .await;
    assert_eq!(page, by_slug);
    let page: Page<ProductSummary> = app.json("/api/v1/products/p_000001/related?limit=24").await;
    assert_eq!(page.data.len(), 24);
    let same_leaf = facts
        .values()
        .filter(|f| f.category_id == me.category_id && f.seq != 1)
        .count();
    assert!(same_leaf < 24);
    for (i, p) in page.data.iter().enumerate() {
        assert_ne!(p.id.0, "p_000001");
        let f = &facts[&p.id.0];
        assert_eq!(f.top_id, me.top_id);
        assert_eq!(f.category_id == me.category_id, i < same_leaf, "{i}");
    }
    assert_eq!(ids(&page.data).len(), 24);
    for bad in ["limit=0", "limit=25", "limit=x"] {
        assert_problem(
            &app.get(&format!("/api/v1/products/p_000001/related?{bad}"))
                .await,
            400,
            "invalid_query",
            Some("#/query/limit"),
        );
    }
    assert_problem(
        &app.get("/api/v1/products/nope/related").await,
        404,
        "not_found",
        None,
    );
}

#[tokio::test]
async fn specs_srcset_and_media_widths() {
    let app = spawn_with(40, None).await;
    for n in 1..=40 {
        let p: Product = app.json(&format!("/api/v1/products/p_{n:06}")).await;
        assert!((3..=6).contains(&p.specs.len()), "{}: {:?}", p.id, p.specs);
        for s in &p.specs {
            for t in [&s.name.zh_cn, &s.name.en, &s.value.zh_cn, &s.value.en] {
                assert!(!t.is_empty(), "{}", p.id);
            }
        }
        for img in &p.images {
            let widths: Vec<u32> = img.srcset.iter().map(|s| s.width).collect();
            assert_eq!(widths, [400, 800, 1200]);
            for s in &img.srcset {
                assert_eq!(s.url, format!("{}?w={}", img.url, s.width));
            }
        }
    }
    let page: Page<ProductSummary> = app.json("/api/v1/products?limit=40").await;
    for p in &page.data {
        let widths: Vec<u32> = p.image.srcset.iter().map(|s| s.width).collect();
        assert_eq!(widths, [400, 800]);
    }
    let tree: CategoryTree = app.json("/api/v1/categories").await;
    for c in tree
        .data
        .iter()
        .flat_map(|t| std::iter::once(t).chain(&t.children))
    {
        let img = c.image.as_ref().unwrap();
        assert_eq!(
            img.srcset.iter().map(|s| s.width).collect::<Vec<_>>(),
            [400, 800]
        );
    }

    let plain = app.get("/media/products/p_000001/0.jpg").await;
    assert_eq!(plain.jpeg_size(), Some((800, 1000)));
    for (w, h) in [(400, 500), (800, 1000), (1200, 1500)] {
        let r = app
            .get(&format!("/media/products/p_000001/0.jpg?w={w}"))
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), "image/jpeg");
        assert_eq!(r.header("cache-control"), "public, max-age=86400");
        assert_eq!(r.jpeg_size(), Some((w, h)), "{w}");
    }
    let tile = app.get("/media/categories/shoes.jpg?w=800").await;
    assert_eq!(tile.jpeg_size(), Some((800, 533)));
    for bad in ["w=500", "w=abc", "w=", "w=-400", "w=4000"] {
        for base in [
            "/media/products/p_000001/0.jpg",
            "/media/categories/shoes.jpg",
        ] {
            assert_problem(
                &app.get(&format!("{base}?{bad}")).await,
                400,
                "invalid_query",
                Some("#/query/w"),
            );
        }
    }
}

#[tokio::test]
async fn bad_filters_are_400_naming_the_field_and_unknown_values_match_nothing() {
    let app = spawn_with(60, None).await;
    let ids: Vec<String> = (1..=101).map(|i| format!("p_{i:06}")).collect();
    let brands: String = (0..21)
        .map(|i| format!("brand=b{i}"))
        .collect::<Vec<_>>()
        .join("&");
    let long = "x".repeat(101);
    for (query, pointer) in [
        ("price=abc".to_owned(), "#/query/price"),
        ("price=20000-10000".to_owned(), "#/query/price"),
        ("price=0-10000&price=-".to_owned(), "#/query/price"),
        (format!("ids={}", ids.join(",")), "#/query/ids"),
        (brands.clone(), "#/query/brand"),
        (format!("color={long}"), "#/query/color"),
        (format!("size={long}"), "#/query/size"),
        (format!("category={long}"), "#/query/category"),
        ("on_sale=maybe".to_owned(), "#/query/on_sale"),
    ] {
        for base in ["/api/v1/products", "/api/v1/products/facets"] {
            assert_problem(
                &app.get(&format!("{base}?{query}")).await,
                400,
                "invalid_query",
                Some(pointer),
            );
        }
    }
    assert_problem(
        &app.get("/api/v1/products?sort=relevance").await,
        400,
        "invalid_query",
        Some("#/query/sort"),
    );
    // The facets accept and ignore sort, limit and cursor.
    assert_eq!(
        app.get("/api/v1/products/facets?sort=relevance&limit=5000&cursor=x")
            .await
            .status,
        200
    );
    // 100 ids are fine.
    let ok: Page<ProductSummary> = app
        .json(&format!(
            "/api/v1/products?ids={}&limit=100",
            ids[..100].join(",")
        ))
        .await;
    assert_eq!(ok.total, 60);
    for q in [
        "brand=Nobody",
        "color=plaid",
        "size=99",
        "ids=nope",
        "brand=halden",
    ] {
        let page: Page<ProductSummary> = app.json(&format!("/api/v1/products?{q}")).await;
        assert_eq!(page.total, 0, "{q}");
    }
    for base in ["/api/v1/products", "/api/v1/products/facets"] {
        assert_problem(
            &app.get(&format!("{base}?category=shoes&category=nope"))
                .await,
            404,
            "not_found",
            Some("#/query/category"),
        );
    }
    // A cursor only continues its own query, whatever filter changed.
    let page: Page<ProductSummary> = app.json("/api/v1/products?limit=2&color=black").await;
    let cursor = enc(&page.next_cursor.unwrap());
    assert_eq!(
        app.get(&format!(
            "/api/v1/products?limit=2&color=black&cursor={cursor}"
        ))
        .await
        .status,
        200
    );
    for other in [
        "color=navy",
        "color=black&on_sale=true",
        "color=black&brand=Halden",
        "color=black&price=0-10000",
        "color=black&q=a",
    ] {
        assert_problem(
            &app.get(&format!("/api/v1/products?limit=2&{other}&cursor={cursor}"))
                .await,
            400,
            "invalid_query",
            Some("#/query/cursor"),
        );
    }
}

#[tokio::test]
async fn link_next_carries_every_parameter() {
    let app = spawn().await;
    let query = format!(
        "category=shoes&q={}&brand=Northshore&brand=Tidewell&color=black&color=navy&price=0-50000&price=50000-&on_sale=true&sort=price_asc&limit=2",
        enc("鞋")
    );
    let r = app.get(&format!("/api/v1/products?{query}")).await;
    assert_eq!(r.status, 200);
    let page: Page<ProductSummary> = r.json();
    assert!(page.total > 2, "{}", page.total);
    let link = r.header("link").to_owned();
    let next_uri = &link[1..link.find('>').unwrap()];
    for part in [
        "category=shoes",
        "brand=Northshore",
        "brand=Tidewell",
        "color=black",
        "color=navy",
        "price=0-50000",
        "price=50000-",
        "on_sale=true",
        "sort=price_asc",
        "limit=2",
        "q=%E9%9E%8B",
    ] {
        assert!(next_uri.contains(part), "{part} missing from {next_uri}");
    }
    let via_link: Page<ProductSummary> = app.json(next_uri).await;
    let via_cursor: Page<ProductSummary> = app
        .json(&format!(
            "/api/v1/products?{query}&cursor={}",
            enc(page.next_cursor.as_ref().unwrap())
        ))
        .await;
    assert_eq!(via_link, via_cursor);
    // Values in another order are the same query: the cursor still fits.
    let reordered = format!(
        "/api/v1/products?brand=Tidewell&brand=Northshore&color=navy&color=black&price=50000-&price=0-50000&on_sale=true&q={}&category=shoes&sort=price_asc&limit=2&cursor={}",
        enc("鞋"),
        enc(page.next_cursor.as_ref().unwrap())
    );
    let again: Page<ProductSummary> = app.json(&reordered).await;
    assert_eq!(again, via_cursor);
}

#[tokio::test]
async fn a_catalogue_from_before_the_search_index_is_brought_up_to_date() {
    let app = spawn_with(80, None).await;
    let before: Page<ProductSummary> = search(&app, "yundongxie").await;
    let detail: Product = app.json("/api/v1/products/p_000005").await;
    // Remove everything the search migration's Rust side writes.
    let path = app.dir.path().join("nested").join("test.db");
    let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    for sql in [
        "DELETE FROM search_docs",
        "DELETE FROM search_vocab",
        "DELETE FROM product_specs",
        "DELETE FROM popular_queries",
    ] {
        sqlx::query(sql).execute(&db).await.unwrap();
    }
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM product_search WHERE product_search MATCH '\"xie\"'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(n, 0, "the FTS index follows the documents");
    db.close().await;
    // Start again on the same file.
    let mut config =
        storefront_server::Config::new(format!("sqlite://{}", path.display()), app.dir.path());
    config.products = 80;
    let again = TestApp {
        router: storefront_server::app(&config).await.unwrap(),
        dir: app.dir,
    };
    let after: Page<ProductSummary> = search(&again, "yundongxie").await;
    assert_eq!(after, before);
    assert!(after.total > 0);
    let d: Product = again.json("/api/v1/products/p_000005").await;
    assert_eq!(d, detail);
    let s: SearchSuggestions = again.json("/api/v1/search/suggest").await;
    assert_eq!(s.queries.len(), 8);
    let f: ProductFacets = again.json("/api/v1/products/facets?q=jakcet").await;
    assert_eq!(f.did_you_mean.as_deref(), Some("jacket"));
}
