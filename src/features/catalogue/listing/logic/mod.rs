//! The pure rules of product listings: what to ask the API, which sorts to offer, how many
//! grid columns fit, which rows of a long grid to render, where to scroll back to.

use storefront_api_types::{Facet, FacetCode, FacetValue, ProductQuery, ProductSort};

use crate::routes::{AppRoute, ListingFilters};

/// Products per page while scrolling (shared with the server's preload of the first page).
pub const PAGE_SIZE: u32 = storefront_api_types::LISTING_PAGE_SIZE;
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
mod tests;
