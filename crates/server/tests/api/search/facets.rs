//! Facet counts, spelling suggestions, search suggestions, related products and media widths.

use super::*;

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
        let f: ProductFacets = app.facets(base).json().await;
        let listed: Page<ProductSummary> = app.products(&format!("{base}&limit=1")).json().await;
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
                let page: Page<ProductSummary> =
                    app.products(&format!("{applied}&limit=1")).json().await;
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
    let f: ProductFacets = app.facets("category=women").json().await;
    let size42 = f.facets[4].values.iter().find(|v| v.value == "42").unwrap();
    assert_eq!(size42.count, 0);
    // Every price band has products.
    let all: ProductFacets = app.facets("").json().await;
    assert!(
        all.facets[1].values.iter().all(|v| v.count > 0),
        "{:?}",
        all.facets[1]
    );
    let on_sale = all.facets[5].values[0].count as f64 / all.total as f64;
    assert!((0.15..0.35).contains(&on_sale), "{on_sale}");

    // Selected values the catalogue does not know are echoed with 0.
    let f: ProductFacets = app
        .facets("brand=Nobody&color=plaid&size=99&price=12345-23456")
        .json()
        .await;
    assert_eq!(f.total, 0);
    for (i, v) in [(2, "Nobody"), (3, "plaid"), (4, "99"), (1, "12345-23456")] {
        let value = f.facets[i].values.iter().find(|x| x.value == v).unwrap();
        assert!(value.selected && value.count == 0, "{v}");
    }
    // Selecting a category marks it.
    let f: ProductFacets = app
        .facets("category=women-dresses&category=shoes")
        .json()
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
    let f: ProductFacets = app.facets("q=jakcet").json().await;
    assert_eq!(f.did_you_mean.as_deref(), Some("jacket"));
    assert!(f.total > 0);
    assert!(f.related_categories.iter().any(|c| c.slug == "women-coats"));
    let f: ProductFacets = app.facets("q=jacket").json().await;
    assert_eq!(f.did_you_mean, None);
    let f: ProductFacets = app.facets("q=Sneakrs%20cotton").json().await;
    assert_eq!(f.did_you_mean.as_deref(), Some("sneakers cotton"));
    let f: ProductFacets = app.facets("").json().await;
    assert!(f.did_you_mean.is_none() && f.related_categories.is_empty());
    let f: ProductFacets = app
        .facets(&format!("q={}", enc("运动鞋 紫色")))
        .json()
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
    let f: ProductFacets = app.facets("q=lianyiqun").json().await;
    assert!(f
        .related_categories
        .iter()
        .any(|c| c.slug == "women-dresses"));
    let f: ProductFacets = app.facets("q=qqqqzzzz").json().await;
    assert!(f.did_you_mean.is_none() && f.related_categories.is_empty() && f.total == 0);
}

#[tokio::test]
async fn suggestions_offer_popular_queries_categories_and_products() {
    let app = spawn().await;
    for q in ["", "%20%20", "%E3%80%80"] {
        let s: SearchSuggestions = app.suggest(&format!("q={q}")).json().await;
        assert_eq!(s.queries.len(), 8, "{q}");
        assert!(s.categories.is_empty() && s.products.is_empty());
        assert_eq!(s.query, "");
    }
    let s: SearchSuggestions = app.suggest("").json().await;
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
        let s: SearchSuggestions = app.suggest(&format!("q={}", enc(q))).json().await;
        assert!(
            s.queries.contains(&query.to_owned()),
            "{q}: {:?}",
            s.queries
        );
        assert!(s.queries.len() <= 5 && s.categories.len() <= 3 && s.products.len() <= 5);
    }
    let s: SearchSuggestions = app.suggest("q=jack").json().await;
    assert_eq!(s.queries[0], "jacket", "prefix first: {:?}", s.queries);
    assert!(s.queries.contains(&"down jacket".to_owned()));
    assert!(s.categories.iter().any(|c| c.slug == "women-coats"));
    assert_eq!(s.products.len(), 5);
    assert!(s
        .products
        .iter()
        .all(|p| p.name.en.to_lowercase().contains("jack")
            || p.category.name.en.to_lowercase().contains("jack")));
    let s: SearchSuggestions = app.suggest(&format!("q={}", enc(" 连衣裙 "))).json().await;
    assert_eq!(s.query, "连衣裙");
    assert_eq!(s.categories[0].slug, "women-dresses");
    assert!(s
        .products
        .iter()
        .all(|p| p.name.zh_cn.contains("连衣裙") || p.category.slug == "women-dresses"));
    let s: SearchSuggestions = app.suggest("q=lianyiqun").json().await;
    assert_eq!(s.categories[0].slug, "women-dresses");
    assert!(!s.products.is_empty());
    let s: SearchSuggestions = app.suggest("q=jakc").json().await;
    assert!(!s.products.is_empty(), "typo while typing");

    // Searches whose results are opened are counted (in the background); searches without
    // results are not.
    for _ in 0..3 {
        let p: Page<ProductSummary> = app.products("q=Chore%20Jacket").json().await;
        assert!(p.total > 0);
        let body = format!(r#"{{"q":"Chore Jacket","product":"{}"}}"#, p.data[0].id.0);
        assert_eq!(app.search_click(&body).await.status, 204);
        let p: Page<ProductSummary> = app.products("q=qqqqzzzz").json().await;
        assert_eq!(p.total, 0);
    }
    let mut seen = false;
    for _ in 0..50 {
        let s: SearchSuggestions = app.suggest("q=chore").json().await;
        if s.queries.contains(&"chore jacket".to_owned()) {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(seen, "the search was not recorded");
    let s: SearchSuggestions = app.suggest("q=qqqq").json().await;
    assert!(s.queries.is_empty());
}

#[tokio::test]
async fn related_products_share_the_category_and_never_include_the_product() {
    let app = spawn().await;
    let facts = facts(&app).await;
    let me = &facts["p_000001"];
    let page: Page<ProductSummary> = app.related("p_000001", "").json().await;
    assert_eq!(page.data.len(), 8);
    assert!(page.next_cursor.is_none());
    let by_slug: Page<ProductSummary> = app.related(&me.slug, "").json().await;
    assert_eq!(page, by_slug);
    let page: Page<ProductSummary> = app.related("p_000001", "limit=24").json().await;
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
            &app.related("p_000001", bad).await,
            400,
            "invalid_query",
            Some("#/query/limit"),
        );
    }
    assert_problem(&app.related("nope", "").await, 404, "not_found", None);
}

#[tokio::test]
async fn specs_srcset_and_media_widths() {
    let app = spawn_with(40, None).await;
    for n in 1..=40 {
        let p: Product = app.product(format!("p_{n:06}")).json().await;
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
    let page: Page<ProductSummary> = app.products("limit=40").json().await;
    for p in &page.data {
        let widths: Vec<u32> = p.image.srcset.iter().map(|s| s.width).collect();
        assert_eq!(widths, [400, 800]);
    }
    let tree: CategoryTree = app.categories().json().await;
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

/// Two words of a name that are the same: an English word (split at spaces and hyphens,
/// any case) or a pair of Chinese characters ("透气透气网布越野跑鞋", "透气帆布帆布鞋").
fn said_twice(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split([' ', '-'])
        .filter(|w| w.is_ascii() && !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let chars: Vec<char> = name.chars().filter(|c| !c.is_ascii()).collect();
    let pairs: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    [words, pairs]
        .into_iter()
        .flat_map(|list| {
            let list2 = list.clone();
            list.into_iter()
                .enumerate()
                .filter(move |(i, w)| list2[i + 1..].contains(w))
                .map(|(_, w)| w)
        })
        .next()
}

#[tokio::test]
async fn every_product_has_its_own_name_and_suggestions_never_show_two_alike() {
    let app = spawn().await;
    let (all, total) = walk(&app, "sort=newest", 100).await;
    assert_eq!((all.len(), total), (360, 360));
    let zh: HashSet<&str> = all.iter().map(|p| p.name.zh_cn.as_str()).collect();
    let en: HashSet<&str> = all.iter().map(|p| p.name.en.as_str()).collect();
    assert_eq!((zh.len(), en.len()), (360, 360), "names used twice");
    for p in &all {
        assert_eq!(said_twice(&p.name.zh_cn), None, "{}", p.name.zh_cn);
        assert_eq!(said_twice(&p.name.en), None, "{}", p.name.en);
    }
    assert_eq!(said_twice("透气帆布帆布鞋").as_deref(), Some("帆布"));
    assert_eq!(
        said_twice("Classic Canvas canvas Shoes").as_deref(),
        Some("canvas")
    );
    for q in [
        "鞋", "靴", "衬衫", "羊毛", "shoes", "boots", "wool", "classic", "retro",
    ] {
        let s: SearchSuggestions = app.suggest(&format!("q={}", enc(q))).json().await;
        assert!(!s.products.is_empty(), "{q}");
        let names: HashSet<&str> = s.products.iter().map(|p| p.name.en.as_str()).collect();
        assert_eq!(names.len(), s.products.len(), "{q}: {:?}", s.products);
    }
}

#[tokio::test]
async fn every_seeded_popular_search_finds_products() {
    let app = spawn().await;
    for (q, _) in storefront_server::search::popular::SEED {
        let page = search(&app, q).await;
        assert!(page.total > 0, "{q} finds nothing");
    }
}
