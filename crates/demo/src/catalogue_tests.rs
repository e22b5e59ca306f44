//! Tests of the generated catalogue (`catalogue.rs`).
use super::*;
use std::collections::HashSet;

#[test]
fn category_tree_has_two_levels_with_unique_slugs() {
    let cats = categories();
    assert!(cats.len() >= 12);
    let tops: Vec<_> = cats.iter().filter(|c| c.parent_id.is_none()).collect();
    assert!((4..=6).contains(&tops.len()));
    for t in &tops {
        assert!(
            cats.iter()
                .filter(|c| c.parent_id.as_deref() == Some(&t.id))
                .count()
                >= 3
        );
    }
    let slugs: HashSet<_> = cats.iter().map(|c| &c.slug).collect();
    assert_eq!(slugs.len(), cats.len());
    assert!(cats.iter().all(|c| c
        .slug
        .chars()
        .all(|ch| ch.is_ascii_lowercase() || ch == '-')));
}

#[test]
fn products_are_deterministic_and_realistic() {
    assert_eq!(product(42), product(42));
    let all: Vec<GenProduct> = (1..=360).map(product).collect();
    let slugs: HashSet<_> = all.iter().map(|p| &p.slug).collect();
    assert_eq!(slugs.len(), 360);
    let skus: HashSet<_> = all
        .iter()
        .flat_map(|p| p.variants.iter().map(|v| &v.sku))
        .collect();
    assert_eq!(
        skus.len(),
        all.iter().map(|p| p.variants.len()).sum::<usize>()
    );
    let mut on_sale = 0;
    let mut missing_combo = 0;
    for p in &all {
        assert!(!p.variants.is_empty());
        assert!((2..=4.max(p.images.len())).contains(&p.images.len()));
        // a picture of every colour the product comes in
        for v in &p.variants {
            let hex = COLOURS.iter().find(|c| c.0 == v.option1).map(|c| c.3);
            assert!(
                p.images.iter().any(|i| Some(i.color_hex.as_str()) == hex),
                "{} has no {} picture",
                p.id,
                v.option1
            );
        }
        assert!(p.name_en.split(' ').count() >= 3, "{}", p.name_en);
        let sentences = p.description_en.matches(". ").count() + 1;
        assert!((2..=4).contains(&sentences), "{}", p.description_en);
        for v in &p.variants {
            assert!((5_900..=299_900).contains(&v.price), "{}", v.price);
            let yuan = v.price / 100;
            assert!(
                v.price % 100 == 0 && (yuan % 10 == 9 || yuan % 10 == 0),
                "{}",
                v.price
            );
            if let Some(c) = v.compare_at_price {
                assert!(c > v.price);
            }
        }
        if p.variants[0].compare_at_price.is_some() {
            on_sale += 1;
        }
        let combos: usize = p.options.iter().map(|o| o.values.len()).product();
        if combos > p.variants.len() {
            missing_combo += 1;
        }
        assert!(p.created_at <= EPOCH_END && p.created_at > EPOCH_END - 560 * 86_400);
    }
    assert!((60..=120).contains(&on_sale), "{on_sale} on sale");
    assert!(missing_combo > 50);
}

#[test]
fn slugify_makes_url_safe_words() {
    assert_eq!(slugify("Slim-fit Crew-neck Tee"), "slim-fit-crew-neck-tee");
    assert_eq!(slugify("  Kestrel & Co. "), "kestrel-co");
}

#[test]
fn stock_has_healthy_low_and_zero_levels() {
    let levels: Vec<i64> = (0..2_000).map(|v| stock_level(v, 3).0).collect();
    assert!(levels.contains(&0));
    assert!(levels.iter().any(|&q| (1..=3).contains(&q)));
    assert!(levels.iter().filter(|&&q| q >= 4).count() > 1_200);
}
