//! Tests of the listing's pure rules.
#![allow(clippy::unwrap_used)]

use super::*;
use storefront_api_types::LocalizedText;

fn value(v: &str, children: Vec<FacetValue>) -> FacetValue {
    FacetValue {
        value: v.into(),
        label: LocalizedText::new(v, v),
        count: 1,
        selected: false,
        swatch: None,
        children,
    }
}

#[test]
fn column_count_follows_the_width() {
    assert_eq!(columns_for_width(328.0, 12.0), 2); // 360 px phone
    assert_eq!(columns_for_width(0.0, 12.0), 2);
    assert_eq!(columns_for_width(f64::NAN, 12.0), 2);
    assert_eq!(columns_for_width(720.0, 16.0), 3); // 768 px tablet
    assert_eq!(columns_for_width(920.0, 20.0), 4); // 1280 px desktop with sidebar
    assert_eq!(columns_for_width(1440.0, 24.0), 6); // 1920 px kiosk with sidebar
    assert_eq!(columns_for_width(5000.0, 24.0), 6);
}

#[test]
fn window_covers_the_viewport_and_a_buffer() {
    // grid below the fold: the first rows only
    assert_eq!(window_rows(-500.0, 740.0, 300.0, 100, 1), (0, 2));
    // scrolled 10 rows down, 740 px viewport with 300 px rows: rows 10..13 + buffer
    assert_eq!(window_rows(3000.0, 740.0, 300.0, 100, 1), (9, 14));
    // clamped at the end and past it
    assert_eq!(window_rows(29_900.0, 740.0, 300.0, 100, 2), (97, 100));
    assert_eq!(window_rows(1e9, 740.0, 300.0, 100, 2), (98, 100));
    assert_eq!(window_rows(0.0, 740.0, 300.0, 0, 2), (0, 0));
    // a zero row height never divides by zero
    let (a, b) = window_rows(10.0, 740.0, 0.0, 5, 1);
    assert!(a <= b && b <= 5);
}

#[test]
fn ten_thousand_items_render_a_few_rows() {
    let rows = row_count(10_000, 6);
    assert_eq!(rows, 1667);
    let range = window_rows(400_000.0, 1080.0, 420.0, rows, 2);
    let items = rendered_items(range, None, 6, 10_000);
    assert!(items.len() <= 6 * 8, "{}", items.len());
    assert!(items.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn the_focused_row_and_its_neighbours_stay_rendered() {
    let items = rendered_items((10, 12), Some(2), 2, 100);
    assert_eq!(items, [2, 3, 4, 5, 6, 7, 20, 21, 22, 23]);
    // overlapping the window: no duplicates; the last row may be short
    assert_eq!(rendered_items((0, 2), Some(1), 3, 7), [0, 1, 2, 3, 4, 5, 6]);
}

#[test]
fn scroll_anchor_round_trips() {
    let (anchor, within) = scroll_anchor(3100.0, 300.0, 4);
    assert_eq!((anchor, within), (40, 100.0));
    assert_eq!(anchor_offset(anchor, within, 300.0, 4), 3100.0);
    // the same item with other columns lands on its new row
    assert_eq!(anchor_offset(40, 100.0, 300.0, 2), 6100.0);
    assert_eq!(scroll_anchor(-20.0, 300.0, 4), (0, -20.0));
}

#[test]
fn queries_and_sorts_per_scope() {
    let filters = ListingFilters {
        category: vec!["tops".into()],
        brand: vec!["Acme".into()],
        sort: Some(ProductSort::Relevance),
        ..Default::default()
    };
    let cat = ListingScope::Category("women".into());
    assert!(!cat.sorts().contains(&ProductSort::Relevance));
    assert_eq!(cat.sort(&filters), ProductSort::Newest);
    let q = cat.query(&filters);
    assert_eq!(q.category, ["tops"]);
    assert_eq!(q.brand, ["Acme"]);
    assert_eq!(q.limit, Some(PAGE_SIZE));
    assert_eq!(cat.query(&ListingFilters::default()).category, ["women"]);

    let search = ListingScope::Search(" 鞋 ".into());
    assert_eq!(search.sort(&filters), ProductSort::Relevance);
    assert_eq!(search.query(&filters).q.as_deref(), Some("鞋"));
    assert_eq!(
        search.with_sort(&filters, ProductSort::Relevance).sort,
        None
    );
    assert_eq!(
        search.with_sort(&filters, ProductSort::PriceAsc).sort,
        Some(ProductSort::PriceAsc)
    );
    let all = ListingScope::Search(String::new());
    assert_eq!(all.query(&filters).q, None);
    assert_eq!(all.default_sort(), ProductSort::Newest);
    assert_eq!(all.sorts().len(), ProductSort::ALL.len() - 1);
}

#[test]
fn category_facet_per_scope() {
    let facet = Facet {
        code: FacetCode::Category,
        name: LocalizedText::new("分类", "Category"),
        values: vec![
            value(
                "women",
                vec![value("tops", vec![]), value("dresses", vec![])],
            ),
            value("men", vec![]),
        ],
    };
    let children = category_values(&facet, &ListingScope::Category("women".into()));
    assert_eq!(children.len(), 2);
    assert!(category_values(&facet, &ListingScope::Category("men".into())).is_empty());
    assert!(category_values(&facet, &ListingScope::Category("tops".into())).is_empty());
    assert_eq!(
        category_values(&facet, &ListingScope::Search("x".into())).len(),
        2
    );
    assert_eq!(
        find_value(&facet.values, "dresses").unwrap().value, // ok: test only
        "dresses"
    );
}

#[test]
fn facet_rows_drill_down_and_limit() {
    let tree = vec![
        value(
            "women",
            vec![value("tops", vec![]), value("dresses", vec![])],
        ),
        value("men", vec![value("shirts", vec![])]),
    ];
    let facet = Facet {
        code: FacetCode::Category,
        name: LocalizedText::new("分类", "Category"),
        values: tree.clone(),
    };
    let search = ListingScope::Search(String::new());
    let none = ListingFilters::default();
    let (rows, more) = facet_rows(&facet, &search, &none, None);
    assert_eq!(
        rows,
        [("women".to_owned(), false), ("men".to_owned(), false)]
    );
    assert!(!more);
    let f = toggle_category(&none, &tree, "women");
    assert_eq!(f.category, ["women"]);
    let (rows, _) = facet_rows(&facet, &search, &f, None);
    assert_eq!(rows.len(), 4);
    assert!(rows[1].1 && rows[2].1 && !rows[3].1);
    // a child replaces its parent, and the children stay listed
    let f = toggle_category(&f, &tree, "dresses");
    assert_eq!(f.category, ["dresses"]);
    assert_eq!(facet_rows(&facet, &search, &f, None).0.len(), 4);
    // the parent again replaces its children
    assert_eq!(toggle_category(&f, &tree, "women").category, ["women"]);
    // unselecting
    assert!(toggle_category(&f, &tree, "dresses").category.is_empty());
    // on a category page: that category's children, no drill-down above it
    let page = ListingScope::Category("women".into());
    let (rows, _) = facet_rows(&facet, &page, &none, None);
    assert_eq!(
        rows,
        [("tops".to_owned(), false), ("dresses".to_owned(), false)]
    );
    // limit: hidden values come back when selected
    let brands = Facet {
        code: FacetCode::Brand,
        name: LocalizedText::new("品牌", "Brand"),
        values: (0..12)
            .map(|i| value(&format!("b{i:02}"), vec![]))
            .collect(),
    };
    let f = ListingFilters {
        brand: vec!["b10".into()],
        ..Default::default()
    };
    let (rows, more) = facet_rows(&brands, &search, &f, Some(FACET_LIMIT));
    assert!(more);
    assert_eq!(rows.len(), FACET_LIMIT + 1);
    assert_eq!(rows.last().unwrap().0, "b10"); // ok: test only
                                               // values without products go last
    let mut brands = brands;
    brands.values[0].count = 0;
    let (rows, _) = facet_rows(&brands, &search, &none, None);
    assert_eq!(rows[0].0, "b01");
    assert_eq!(rows.last().unwrap().0, "b00"); // ok: test only
}

#[test]
fn chips_in_panel_order() {
    let f = ListingFilters {
        brand: vec!["Acme".into()],
        price: vec!["0-10000".into()],
        on_sale: true,
        ..Default::default()
    };
    assert_eq!(
        selected_values(&f),
        [
            (FacetCode::Price, "0-10000".to_owned()),
            (FacetCode::Brand, "Acme".to_owned()),
            (FacetCode::OnSale, "true".to_owned())
        ]
    );
    assert_eq!(fill("Show {} results", 12), "Show 12 results");
    assert_eq!(facet_code("on_sale"), Some(FacetCode::OnSale));
    assert_eq!(facet_code("price"), Some(FacetCode::Price));
    assert_eq!(facet_code("q"), None);
}
