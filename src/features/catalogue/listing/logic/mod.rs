//! The pure rules of product listings: what to ask the API, which sorts to offer, how many
//! grid columns fit, which rows of a long grid to render, where to scroll back to.

use storefront_api_types::{Facet, FacetCode, FacetValue, ProductQuery, ProductSort};

use crate::routes::{AppRoute, ListingFilters};

/// Products per page while scrolling.
pub const PAGE_SIZE: u32 = 48;
/// Products per request when re-fetching what a shopper had loaded before a reload.
pub const RESTORE_PAGE_SIZE: u32 = 100;
/// Narrowest card the grid lays out, CSS px.
pub const MIN_CARD_PX: f64 = 200.0;
/// Fewest and most grid columns.
pub const COLUMNS: (usize, usize) = (2, 6);

/// What a listing lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingScope {
    /// A category by slug.
    Category(String),
    /// The words searched for (empty: every product).
    Search(String),
}

impl Default for ListingScope {
    fn default() -> Self {
        ListingScope::Search(String::new())
    }
}

impl ListingScope {
    /// The words searched for, when there are any.
    pub fn words(&self) -> Option<&str> {
        match self {
            ListingScope::Search(q) if !q.trim().is_empty() => Some(q.trim()),
            _ => None,
        }
    }

    /// The route of this listing with `filters`.
    pub fn route(&self, filters: ListingFilters) -> AppRoute {
        match self {
            ListingScope::Category(slug) => AppRoute::Category {
                slug: slug.clone(),
                filters,
            },
            ListingScope::Search(q) => AppRoute::Search {
                q: q.clone(),
                filters,
            },
        }
    }

    /// The sort used when the URL names none.
    pub fn default_sort(&self) -> ProductSort {
        ProductSort::default_for(self.words().is_some())
    }

    /// The sorts offered: relevance only for a search with words.
    pub fn sorts(&self) -> Vec<ProductSort> {
        let words = self.words().is_some();
        ProductSort::ALL
            .into_iter()
            .filter(|s| words || *s != ProductSort::Relevance)
            .collect()
    }

    /// The sort in effect: the URL's when offered here, else the default.
    pub fn sort(&self, filters: &ListingFilters) -> ProductSort {
        filters
            .sort
            .filter(|s| self.sorts().contains(s))
            .unwrap_or_else(|| self.default_sort())
    }

    /// `filters` with `sort`, which is left out of the URL when it is the default.
    pub fn with_sort(&self, filters: &ListingFilters, sort: ProductSort) -> ListingFilters {
        ListingFilters {
            sort: (sort != self.default_sort()).then_some(sort),
            ..filters.clone()
        }
    }

    /// The API query of the first page (no cursor).
    pub fn query(&self, filters: &ListingFilters) -> ProductQuery {
        let mut q = ProductQuery {
            sort: Some(self.sort(filters)),
            limit: Some(PAGE_SIZE),
            ..Default::default()
        };
        filters.apply(&mut q);
        match self {
            ListingScope::Category(slug) => {
                q.category = if filters.category.is_empty() {
                    vec![slug.clone()]
                } else {
                    filters.category.clone()
                };
            }
            ListingScope::Search(_) => {
                q.q = self.words().map(str::to_owned);
                q.category.clone_from(&filters.category);
            }
        }
        q
    }
}

/// The facet values to show for the category facet: on a category page the children of
/// that category (none when it has none), on search the whole tree.
pub fn category_values<'a>(facet: &'a Facet, scope: &ListingScope) -> &'a [FacetValue] {
    match scope {
        ListingScope::Search(_) => &facet.values,
        ListingScope::Category(slug) => find_value(&facet.values, slug)
            .map(|v| v.children.as_slice())
            .unwrap_or(&[]),
    }
}

/// The value `value` anywhere in a facet tree.
pub fn find_value<'a>(values: &'a [FacetValue], value: &str) -> Option<&'a FacetValue> {
    values.iter().find_map(|v| {
        if v.value == value {
            Some(v)
        } else {
            find_value(&v.children, value)
        }
    })
}

/// The facet whose query parameter is `param`.
pub fn facet_code(param: &str) -> Option<FacetCode> {
    FacetCode::from_param(param)
}

/// Values a facet shows before "Show more".
pub const FACET_LIMIT: usize = 8;

/// The rows of a facet in the panel: `(value, is_child)`. The category facet shows the
/// scope's values (see [`category_values`]) and the children of a value that is selected
/// or has a selected child (drill-down). With `limit`, values past it are left out unless
/// selected. Also says whether there were more values than `limit`.
pub fn facet_rows(
    facet: &Facet,
    scope: &ListingScope,
    filters: &ListingFilters,
    limit: Option<usize>,
) -> (Vec<(String, bool)>, bool) {
    let selected = |v: &FacetValue| filters.is_selected(facet.code, &v.value);
    let values = if facet.code == FacetCode::Category {
        category_values(facet, scope)
    } else {
        &facet.values
    };
    // brands, colours and sizes list what has products first (the others stay, disabled)
    let ordered = matches!(facet.code, FacetCode::Category | FacetCode::Price);
    let values = values
        .iter()
        .filter(|v| ordered || v.count > 0)
        .chain(values.iter().filter(|v| !ordered && v.count == 0));
    let mut rows = Vec::new();
    let len = values.clone().count();
    for (i, v) in values.enumerate() {
        let open = selected(v) || v.children.iter().any(selected);
        if limit.is_some_and(|n| i >= n) && !open {
            continue;
        }
        rows.push((v.value.clone(), false));
        if open {
            rows.extend(v.children.iter().map(|c| (c.value.clone(), true)));
        }
    }
    (rows, limit.is_some_and(|n| len > n))
}

/// Selects or unselects a category of the tree. Selecting a value narrows: its parent
/// and its children are unselected (a shopper refining "Women" to "Dresses").
pub fn toggle_category(
    filters: &ListingFilters,
    tree: &[FacetValue],
    value: &str,
) -> ListingFilters {
    let mut f = filters.toggle(FacetCode::Category, value);
    if f.category.iter().any(|v| v == value) {
        let parent = tree
            .iter()
            .find(|p| p.children.iter().any(|c| c.value == value));
        let node = find_value(tree, value);
        f.category.retain(|v| {
            parent.is_none_or(|p| p.value != *v)
                && node.is_none_or(|n| n.children.iter().all(|c| c.value != *v))
        });
    }
    f
}

/// The selected values of `filters`, each with its facet, in panel order: what the
/// "selected filters" chips show.
pub fn selected_values(filters: &ListingFilters) -> Vec<(FacetCode, String)> {
    let mut out = Vec::new();
    for code in [
        FacetCode::Category,
        FacetCode::Price,
        FacetCode::Brand,
        FacetCode::Color,
        FacetCode::Size,
    ] {
        out.extend(filters.values(code).iter().map(|v| (code, v.clone())));
    }
    if filters.on_sale {
        out.push((FacetCode::OnSale, "true".to_owned()));
    }
    if filters.in_stock && filters.store.is_some() {
        out.push((FacetCode::InStock, "true".to_owned()));
    }
    out
}

/// How many grid columns fit in `width` px with `gap` px between them.
pub fn columns_for_width(width: f64, gap: f64) -> usize {
    let fit = ((width + gap) / (MIN_CARD_PX + gap)).floor();
    let fit = if fit.is_finite() && fit > 0.0 {
        fit as usize
    } else {
        0
    };
    fit.clamp(COLUMNS.0, COLUMNS.1)
}

/// The rows `[first, end)` to render: those within the viewport plus `buffer` rows on
/// each side. `offset` is how far the viewport's top is below the grid's top (negative
/// while the grid starts below the viewport's top).
pub fn window_rows(
    offset: f64,
    viewport: f64,
    row_h: f64,
    rows: usize,
    buffer: usize,
) -> (usize, usize) {
    if rows == 0 {
        return (0, 0);
    }
    let row_h = row_h.max(1.0);
    let top = (offset / row_h).floor();
    let bottom = ((offset + viewport.max(0.0)) / row_h).ceil();
    let clamp = |x: f64| -> usize {
        if x <= 0.0 {
            0
        } else {
            (x as usize).min(rows)
        }
    };
    let first = clamp(top).saturating_sub(buffer);
    let end = (clamp(bottom) + buffer).min(rows);
    (first.min(end), end)
}

/// The item indexes to render: every item of rows `[first, end)` plus the rows around a
/// focused row (kept so keyboard focus is never lost to a row that scrolled away, and so
/// Tab and Shift+Tab reach the neighbours), ascending, within `len` items.
pub fn rendered_items(
    (first, end): (usize, usize),
    focus_row: Option<usize>,
    cols: usize,
    len: usize,
) -> Vec<usize> {
    let cols = cols.max(1);
    let around = focus_row.map_or(0..0, |f| f.saturating_sub(1)..f + 2);
    // the focused rows before the window, the window, the focused rows after it
    let rows = (around.start..around.end.min(first))
        .chain(first..end)
        .chain(around.start.max(end)..around.end);
    rows.flat_map(|r| r * cols..(r + 1) * cols)
        .filter(|i| *i < len)
        .collect()
}

/// Rows needed for `len` items.
pub fn row_count(len: usize, cols: usize) -> usize {
    len.div_ceil(cols.max(1))
}

/// Where the shopper is in a grid: the first item of the top visible row and how far
/// (px) the viewport's top is below that row's top.
pub fn scroll_anchor(offset: f64, row_h: f64, cols: usize) -> (usize, f64) {
    if offset <= 0.0 || row_h <= 0.0 {
        return (0, offset.min(0.0));
    }
    let row = (offset / row_h).floor();
    (row as usize * cols.max(1), offset - row * row_h)
}

/// The offset (viewport top below grid top) that shows `anchor` as [`scroll_anchor`] saw it,
/// with the grid's current columns and row height.
pub fn anchor_offset(anchor: usize, within: f64, row_h: f64, cols: usize) -> f64 {
    (anchor / cols.max(1)) as f64 * row_h + within
}

/// A fixed string with `{}` replaced by `value` (the i18n texts with one number).
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    template.replacen("{}", &value.to_string(), 1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
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
}
