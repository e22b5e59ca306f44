//! Full-text search: Chinese, pinyin, English, typos, relevance, hostile queries, and an old
//! catalogue brought up to date.

use super::*;

#[tokio::test]
async fn search_finds_chinese_pinyin_english_typos_and_mixed_queries() {
    let app = spawn().await;
    let tree: CategoryTree = app.categories().json().await;
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
    let r = app.products(&format!("q={}", enc(&long))).await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/q"));
    let r = app.suggest(&format!("q={}", enc(&long))).await;
    assert_problem(&r, 400, "invalid_query", Some("#/query/q"));
    // Nothing was harmed.
    let page: Page<ProductSummary> = app.products("limit=1").json().await;
    assert_eq!(page.total, 120);
    // Pure syntax matches nothing; a syntax word is a plain word.
    for q in ["*", "()", "\"", "^", "{}"] {
        let page: Page<ProductSummary> = app.products(&format!("q={}", enc(q))).json().await;
        assert_eq!(page.total, 0, "{q}");
    }
}

#[tokio::test]
async fn a_catalogue_from_before_the_search_index_is_brought_up_to_date() {
    let app = spawn_with(80, None).await;
    let before: Page<ProductSummary> = search(&app, "yundongxie").await;
    let detail: Product = app.product("p_000005").json().await;
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
    let again = TestApp::new(storefront_server::app(&config).await.unwrap(), app.dir);
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
