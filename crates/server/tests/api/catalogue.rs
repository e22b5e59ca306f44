//! Catalogue endpoints as a client observes them.

use crate::helpers::*;
use std::collections::HashSet;
use storefront_api_types::{
    CategoryTree, Currency, Health, Page, Product, ProductSummary, Store, StoreList, Weekday,
};

#[tokio::test]
async fn health_reports_ok_and_version() {
    let app = spawn_with(5, None).await;
    let h: Health = app.health().json().await;
    assert_eq!(h.status, "ok");
    assert!(!h.version.is_empty());
}

#[tokio::test]
async fn category_tree_has_two_levels_and_counts_add_up() {
    let app = spawn().await;
    let tree: CategoryTree = app.categories().json().await;
    assert!((4..=6).contains(&tree.data.len()));
    let all: usize = tree.data.iter().map(|c| 1 + c.children.len()).sum();
    assert!(all >= 12, "{all} categories");
    let mut total = 0;
    for top in &tree.data {
        assert!(top.parent_id.is_none());
        assert!(top.children.len() >= 3);
        assert_eq!(
            top.product_count,
            top.children.iter().map(|c| c.product_count).sum::<u64>()
        );
        total += top.product_count;
        for c in std::iter::once(top).chain(top.children.iter()) {
            let img = c.image.as_ref().expect("tile image");
            assert_eq!(img.url, format!("/media/categories/{}.jpg", c.slug));
            assert!(
                img.width > 0
                    && img.height > 0
                    && !img.alt.zh_cn.is_empty()
                    && !img.alt.en.is_empty()
            );
            assert!(!c.name.zh_cn.is_empty() && !c.name.en.is_empty());
        }
        for child in &top.children {
            assert_eq!(child.parent_id.as_ref(), Some(&top.id));
            assert!(child.children.is_empty());
            assert!(child.product_count > 0);
        }
    }
    assert_eq!(total, 360);
    let tile = app.get(&tree.data[0].image.as_ref().unwrap().url).await;
    assert_eq!(tile.status, 200);
    assert_eq!(tile.header("content-type"), "image/jpeg");
    assert_eq!(tile.jpeg_size(), Some((600, 400)));
}

#[tokio::test]
async fn default_list_is_24_newest_with_cursor_link_and_total() {
    let app = spawn().await;
    let r = app.products("").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "public, max-age=60");
    let page: Page<ProductSummary> = r.json();
    assert_eq!(page.data.len(), 24);
    assert!(page.total >= 300);
    let cursor = page.next_cursor.clone().expect("next_cursor");
    assert_eq!(
        r.header("link"),
        format!(
            "</api/v1/products?cursor={}>; rel=\"next\"",
            storefront_api_types::percent_encode(&cursor)
        )
    );
    for p in &page.data {
        assert_eq!(p.price.currency, Currency::Cny);
        assert!(
            p.price.amount_minor >= 5_900 && p.price.amount_minor % 100 == 0,
            "fen: {}",
            p.price.amount_minor
        );
        if let Some(c) = p.compare_at_price {
            assert!(c.amount_minor > p.price.amount_minor);
        }
        assert_eq!(p.image.url, format!("/media/products/{}/0.jpg", p.id));
        assert_eq!((p.image.width, p.image.height), (800, 1000));
        assert!(
            p.image.alt.zh_cn.starts_with(&p.name.zh_cn) && p.image.alt.en.starts_with(&p.name.en)
        );
    }
    // The Link header continues the list exactly like next_cursor.
    let link = r.header("link");
    let next_uri = &link[1..link.find('>').unwrap()];
    let next: Page<ProductSummary> = app.json(next_uri).await;
    assert_eq!(next.data.len(), 24);
    assert!(next
        .data
        .iter()
        .all(|p| !page.data.iter().any(|q| q.id == p.id)));
}

async fn walk(app: &TestApp, query: &str) -> (Vec<ProductSummary>, u64) {
    app.walk(query).await
}

#[tokio::test]
async fn paging_yields_every_product_exactly_once_in_each_sort_order() {
    let app = spawn().await;
    for sort in ["newest", "price_asc", "price_desc", "best_selling", "name"] {
        let (all, total) = walk(&app, &format!("sort={sort}&limit=37")).await;
        assert_eq!(all.len() as u64, total, "{sort}");
        assert_eq!(total, 360);
        let ids: HashSet<_> = all.iter().map(|p| p.id.clone()).collect();
        assert_eq!(ids.len(), 360, "{sort}: duplicates or gaps");
        for w in all.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            match sort {
                "newest" => assert!(a.created_at >= b.created_at),
                "price_asc" => assert!(a.price.amount_minor <= b.price.amount_minor),
                "price_desc" => assert!(a.price.amount_minor >= b.price.amount_minor),
                "best_selling" => {} // checked against the database in tests/search.rs
                _ => assert!(
                    a.name.en.to_lowercase() <= b.name.en.to_lowercase(),
                    "{} > {}",
                    a.name.en,
                    b.name.en
                ),
            }
        }
    }
}

#[tokio::test]
async fn category_filter_by_slug_or_id_includes_children() {
    let app = spawn().await;
    let tree: CategoryTree = app.categories().json().await;
    let shoes = tree.data.iter().find(|c| c.slug == "shoes").expect("shoes");
    let child_ids: HashSet<_> = shoes.children.iter().map(|c| c.id.clone()).collect();
    for key in [shoes.slug.as_str(), shoes.id.as_str()] {
        let (all, total) = walk(&app, &format!("category={key}&limit=100")).await;
        assert_eq!(total, shoes.product_count);
        assert_eq!(all.len() as u64, total);
        assert!(all.iter().all(|p| child_ids.contains(&p.category.id)));
        // Several sub-categories are present, not just one.
        let seen: HashSet<_> = all.iter().map(|p| p.category.id.clone()).collect();
        assert_eq!(seen.len(), shoes.children.len());
    }
    let leaf = &shoes.children[0];
    let page: Page<ProductSummary> = app
        .products(&format!("category={}&limit=100", leaf.slug))
        .json()
        .await;
    assert_eq!(page.total, leaf.product_count);
    assert!(page.data.iter().all(|p| p.category.id == leaf.id));
}

#[tokio::test]
async fn search_matches_chinese_english_and_brand_case_insensitively() {
    let app = spawn().await;
    let zh: Page<ProductSummary> = app
        .products("q=%E8%B7%91%E6%AD%A5%E9%9E%8B&limit=100")
        .json()
        .await; // 跑步鞋
    assert!(zh.total > 0);
    // Names first, then products whose category is called so.
    let name_hits = zh
        .data
        .iter()
        .take_while(|p| p.name.zh_cn.contains("跑步鞋"))
        .count();
    assert!(name_hits > 0);
    assert!(zh.data[name_hits..]
        .iter()
        .all(|p| p.category.name.zh_cn.contains("跑步鞋")));
    let en: Page<ProductSummary> = app.products("q=RUNNING&limit=100").json().await;
    assert!(en.total > 0);
    assert!(en
        .data
        .iter()
        .all(|p| p.name.en.to_lowercase().contains("running")
            || p.category.name.en.to_lowercase().contains("running")));
    let two_words: Page<ProductSummary> = app.products("q=running+shoes&limit=100").json().await;
    assert!(two_words.total > 0 && two_words.total <= en.total);
    let brand: Page<ProductSummary> = app.products("q=kestrel&limit=100").json().await;
    assert!(brand.total > 0);
    assert!(brand.data.iter().all(|p| p.brand == "Kestrel & Co."));
    // LIKE wildcards are literal.
    for q in ["%25", "_", "%25%25"] {
        let none: Page<ProductSummary> = app.products(&format!("q={q}")).json().await;
        assert_eq!(none.total, 0, "q={q}");
        assert!(none.data.is_empty() && none.next_cursor.is_none());
    }
    // Search composes with category.
    let both: Page<ProductSummary> = app.products("q=shoes&category=men").json().await;
    assert_eq!(both.total, 0);
}

#[tokio::test]
async fn product_detail_by_id_and_slug() {
    let app = spawn().await;
    let page: Page<ProductSummary> = app.products("category=shoes&limit=5").json().await;
    let summary = &page.data[0];
    let by_id: Product = app.product(&summary.id).json().await;
    let by_slug: Product = app.product(&summary.slug).json().await;
    assert_eq!(by_id, by_slug);
    let p = by_id;
    assert_eq!(p.name, summary.name);
    assert!(!p.description.zh_cn.is_empty() && p.description.en.ends_with('.'));
    assert!((2..=4).contains(&p.images.len()));
    for (i, img) in p.images.iter().enumerate() {
        assert_eq!(img.url, format!("/media/products/{}/{i}.jpg", p.id));
        assert_eq!((img.width, img.height), (800, 1000));
        assert!(img.alt.zh_cn.contains(&p.name.zh_cn) && img.alt.en.contains(&p.name.en));
        let pic = app.get(&img.url).await;
        assert_eq!(pic.status, 200);
        assert_eq!(pic.header("content-type"), "image/jpeg");
        assert_eq!(pic.header("cache-control"), "public, max-age=86400");
        assert_eq!(pic.jpeg_size(), Some((800, 1000)));
        // A drawing, not a flat fill (which compresses to about 2 KB), and light enough for phones.
        assert!(
            (6_000..60_000).contains(&pic.body.len()),
            "{} bytes",
            pic.body.len()
        );
    }
    let codes: Vec<_> = p.options.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, ["color", "size"]);
    assert!(p.options[0].values.iter().all(|v| v
        .swatch
        .as_deref()
        .is_some_and(|s| s.starts_with('#') && s.len() == 7)));
    assert!(p.options[1]
        .values
        .iter()
        .all(|v| v.code.parse::<u32>().is_ok_and(|n| (36..=45).contains(&n))));
    let mut skus = HashSet::new();
    for v in &p.variants {
        assert_eq!(v.option_values.len(), 2);
        for (value, option) in v.option_values.iter().zip(&p.options) {
            assert!(
                option.values.iter().any(|o| &o.code == value),
                "{value} not in {}",
                option.code
            );
        }
        assert!(skus.insert(v.sku.clone()));
        assert_eq!(v.price.currency, Currency::Cny);
        assert!(v.price.amount_minor >= summary.price.amount_minor);
    }
    let min = p
        .variants
        .iter()
        .map(|v| v.price.amount_minor)
        .min()
        .unwrap();
    assert_eq!(min, summary.price.amount_minor);

    // A homeware product has colour only; an accessory has one size.
    let home: Page<ProductSummary> = app.products("category=home&limit=1").json().await;
    let h: Product = app.product(&home.data[0].id).json().await;
    assert_eq!(h.options.len(), 1);
    assert!(h.variants.iter().all(|v| v.option_values.len() == 1));
}

#[tokio::test]
async fn some_products_are_on_sale_and_not_every_combination_exists() {
    let app = spawn().await;
    let (all, _) = walk(&app, "limit=100").await;
    let on_sale = all.iter().filter(|p| p.compare_at_price.is_some()).count();
    assert!((50..=130).contains(&on_sale), "{on_sale} of 360 on sale");
    let mut missing = 0;
    for p in all.iter().take(40) {
        let d: Product = app.product(&p.id).json().await;
        let combos: usize = d.options.iter().map(|o| o.values.len()).product();
        if d.variants.len() < combos {
            missing += 1;
        }
    }
    assert!(missing > 0);
}

#[tokio::test]
async fn stores_cover_cities_hours_and_time_zones() {
    let app = spawn_with(5, None).await;
    let list: StoreList = app.stores("").json().await;
    assert!(list.data.len() >= 6);
    let cities: HashSet<_> = list.data.iter().map(|s| s.city.en.clone()).collect();
    assert!(cities.len() >= 2);
    let sorted: Vec<_> = list
        .data
        .iter()
        .map(|s| (s.city.en.clone(), s.name.en.clone()))
        .collect();
    let mut expected = sorted.clone();
    expected.sort();
    assert_eq!(sorted, expected, "ordered by city then name");
    for s in &list.data {
        assert_eq!(s.hours.len(), 7);
        assert_eq!(
            s.hours.iter().map(|h| h.weekday).collect::<Vec<_>>(),
            Weekday::ALL.to_vec()
        );
        assert!(s.time_zone.starts_with("Asia/"));
        assert!((18.0..54.0).contains(&s.location.lat) && (73.0..135.0).contains(&s.location.lng));
        assert!(s.phone.starts_with('0'));
        assert!(!s.services.is_empty());
    }
    let late = list.data.iter().any(|s| {
        s.hours
            .iter()
            .any(|h| matches!((&h.open, &h.close), (Some(o), Some(c)) if c < o))
    });
    assert!(late, "one store closes after midnight");
    let closed = list.data.iter().any(|s| {
        s.hours
            .iter()
            .any(|h| h.open.is_none() && h.close.is_none())
    });
    assert!(closed, "one store closes on a weekday");
    assert!(list.data.iter().any(|s| s.time_zone == "Asia/Urumqi"));

    let first = &list.data[0];
    let by_id: Store = app.store(&first.id, "").json().await;
    let by_slug: Store = app.store(&first.slug, "").json().await;
    assert_eq!(&by_id, first);
    assert_eq!(by_slug, by_id);
}

#[tokio::test]
async fn etag_gives_304_when_unchanged() {
    let app = spawn_with(30, None).await;
    for uri in [
        "/api/v1/categories",
        "/api/v1/products?limit=5",
        "/api/v1/stores",
        "/api/v1/products/p_000001",
    ] {
        let r = app.get(uri).await;
        let etag = r.header("etag").to_owned();
        assert!(etag.starts_with("W/\""), "{uri}");
        let again = app.get_with(uri, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, 304, "{uri}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), etag);
        let other = app.get_with(uri, &[("if-none-match", "W/\"stale\"")]).await;
        assert_eq!(other.status, 200);
    }
}

#[tokio::test]
async fn seeding_is_deterministic() {
    let a = spawn_with(120, None).await;
    let b = spawn_with(120, None).await;
    let (pa, _) = walk(&a, "limit=100").await;
    let (pb, _) = walk(&b, "limit=100").await;
    assert_eq!(pa, pb);
    let da: Product = a.product("p_000042").json().await;
    let db: Product = b.product("p_000042").json().await;
    assert_eq!(da, db);
    assert_eq!(
        a.get("/media/products/p_000042/1.jpg").await.body,
        b.get("/media/products/p_000042/1.jpg").await.body
    );
    // Product n does not depend on the catalogue size.
    let c = spawn_with(60, None).await;
    let dc: Product = c.json("/api/v1/products/p_000042").await;
    assert_eq!(da, dc);
}

#[tokio::test]
async fn seeding_2000_products_works() {
    let started = std::time::Instant::now();
    let app = spawn_with(2000, None).await;
    let page: Page<ProductSummary> = app.products("limit=100&sort=price_desc").json().await;
    assert_eq!(page.total, 2000);
    let last: Product = app.product("p_002000").json().await;
    assert!(!last.variants.is_empty());
    assert!(
        started.elapsed().as_secs() < 60,
        "seeding took {:?}",
        started.elapsed()
    );
}

/// Under a colour (and size) filter each card is the matching variant: the picture of that
/// colour and the cheapest matching price, not the product's first picture (issue 13).
#[tokio::test]
async fn cards_under_a_colour_filter_show_that_colours_variant() {
    let app = spawn_with(120, None).await;
    let pool = app.pool().await;
    for query in [
        "color=black",
        "color=olive&size=m",
        "color=camel&color=navy",
    ] {
        let colours: Vec<String> = query
            .split('&')
            .filter_map(|kv| kv.strip_prefix("color="))
            .map(str::to_owned)
            .collect();
        let size = query.split('&').find_map(|kv| kv.strip_prefix("size="));
        let page: Page<ProductSummary> = app.products(&format!("{query}&limit=50")).json().await;
        assert!(!page.data.is_empty(), "{query}");
        for card in &page.data {
            let id = card.id.as_str();
            let position: i64 = card
                .image
                .url
                .rsplit('/')
                .next()
                .and_then(|f| f.strip_suffix(".jpg"))
                .and_then(|n| n.parse().ok())
                .unwrap();
            let (hex,): (String,) = sqlx::query_as(
                "SELECT color_hex FROM product_images WHERE product_id = ? AND position = ?",
            )
            .bind(id)
            .bind(position)
            .fetch_one(&pool)
            .await
            .unwrap();
            let swatches: Vec<(String, String)> = sqlx::query_as(
                "SELECT code, lower(swatch) FROM option_values WHERE product_id = ? AND option_position = 0",
            )
            .bind(id)
            .fetch_all(&pool)
            .await
            .unwrap();
            let shown = swatches
                .iter()
                .find(|(_, s)| *s == hex.to_lowercase())
                .map(|(c, _)| c.clone());
            assert!(
                shown.as_ref().is_some_and(|c| colours.contains(c)),
                "{query}: {id} shows {hex} ({shown:?})"
            );
            // the variants of both filters, else those of the colour (they combine per product)
            let colour_in = colours
                .iter()
                .map(|c| format!("'{c}'"))
                .collect::<Vec<_>>()
                .join(",");
            let size_and = size
                .map(|s| format!("AND option2 = '{s}'"))
                .unwrap_or_default();
            let mut min = None;
            for extra in [size_and.as_str(), ""] {
                let (m,): (Option<i64>,) = sqlx::query_as(&format!(
                    "SELECT MIN(price) FROM variants WHERE product_id = ? AND option1 IN ({colour_in}) {extra}"
                ))
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap();
                if m.is_some() {
                    min = m;
                    break;
                }
            }
            let min = min.unwrap();
            assert_eq!(card.price.amount_minor, min, "{query}: {id} price");
        }
    }
}
