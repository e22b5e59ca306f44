//! Filters with every sort, paging, bad filters and the `Link` header.

use super::*;

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
    let tree: CategoryTree = app.categories().json().await;
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
        &app.products("sort=relevance").await,
        400,
        "invalid_query",
        Some("#/query/sort"),
    );
    // The facets validate sort, limit and cursor like the list (one query string means the
    // same on both), then ignore them.
    assert_eq!(
        app.facets("q=shoe&sort=relevance&limit=5&cursor=x")
            .await
            .status,
        200
    );
    assert_problem(
        &app.facets("limit=5000").await,
        400,
        "invalid_query",
        Some("#/query/limit"),
    );
    // 100 ids are fine.
    let ok: Page<ProductSummary> = app
        .products(&format!("ids={}&limit=100", ids[..100].join(",")))
        .json()
        .await;
    assert_eq!(ok.total, 60);
    for q in [
        "brand=Nobody",
        "color=plaid",
        "size=99",
        "ids=nope",
        "brand=halden",
    ] {
        let page: Page<ProductSummary> = app.products(q).json().await;
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
    let page: Page<ProductSummary> = app.products("limit=2&color=black").json().await;
    let cursor = enc(&page.next_cursor.unwrap());
    assert_eq!(
        app.products(&format!("limit=2&color=black&cursor={cursor}"))
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
            &app.products(&format!("limit=2&{other}&cursor={cursor}"))
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
    let r = app.products(&query).await;
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
        .products(&format!(
            "{query}&cursor={}",
            enc(page.next_cursor.as_ref().unwrap())
        ))
        .json()
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
