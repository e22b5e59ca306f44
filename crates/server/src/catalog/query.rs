//! Filtering, sorting, facet counting and related products over the in-memory catalogue.

use std::sync::Arc;

use storefront_api_types::{FacetCode, PriceRange, ProductSort};

use super::{Catalog, Item};

/// Display order of a colour code: the brand's palette order, then others alphabetically.
pub fn colour_rank(code: &str) -> (usize, String) {
    use storefront_demo::data::COLOURS;
    (
        COLOURS
            .iter()
            .position(|c| c.0 == code)
            .unwrap_or(COLOURS.len()),
        code.to_owned(),
    )
}

/// Display order of a size code: XS–XXL, then numeric sizes ascending, then others.
pub fn size_rank(code: &str) -> (u8, u64, String) {
    use storefront_demo::data::CLOTHING_SIZES;
    if let Some(i) = CLOTHING_SIZES
        .iter()
        .position(|s| s.eq_ignore_ascii_case(code))
    {
        (0, i as u64, String::new())
    } else if let Ok(n) = code.parse::<u64>() {
        (1, n, String::new())
    } else {
        (2, 0, code.to_owned())
    }
}

/// Facet selections resolved against the catalogue. `None` = the facet is not filtered.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Allowed categories (mask by category index), or any.
    pub categories: Option<Vec<bool>>,
    /// Allowed brands (mask by brand index), or any.
    pub brands: Option<Vec<bool>>,
    /// Allowed colours (mask by colour index), or any.
    pub colours: Option<Vec<bool>>,
    /// Allowed sizes (mask by size index), or any.
    pub sizes: Option<Vec<bool>>,
    /// Allowed price ranges (any of them), or any price when empty.
    pub prices: Vec<PriceRange>,
    /// Only products on sale.
    pub on_sale: bool,
    /// Only these items (`ids`).
    pub only: Option<Vec<bool>>,
    /// With `store`: per item, in stock there (counted by the in-stock facet).
    pub stock: Option<Arc<Vec<bool>>>,
    /// `in_stock=true`: only items in `stock`.
    pub in_stock: bool,
}

/// Facet order of [`Selection::checks`].
pub const FACETS: [FacetCode; 7] = FacetCode::ALL;

fn flag(mask: &[bool], index: u32) -> bool {
    mask.get(index as usize).copied().unwrap_or(false)
}

fn any_of(mask: &[bool], values: &[u32]) -> bool {
    values
        .iter()
        .any(|&v| mask.get(v as usize).copied().unwrap_or(false))
}

impl Selection {
    /// Whether item `index` passes each facet's selection, in [`FACETS`] order.
    pub fn checks(&self, index: u32, item: &Item) -> [bool; 7] {
        [
            !self.in_stock || self.stock.as_ref().is_some_and(|m| flag(m, index)),
            self.categories
                .as_ref()
                .is_none_or(|m| m.get(item.category as usize).copied().unwrap_or(false)),
            self.prices.is_empty() || self.prices.iter().any(|b| b.contains(item.min_price)),
            self.brands
                .as_ref()
                .is_none_or(|m| m.get(item.brand as usize).copied().unwrap_or(false)),
            self.colours
                .as_ref()
                .is_none_or(|m| any_of(m, &item.colours)),
            self.sizes.as_ref().is_none_or(|m| any_of(m, &item.sizes)),
            !self.on_sale || item.on_sale,
        ]
    }

    fn allows(&self, index: u32) -> bool {
        self.only
            .as_ref()
            .is_none_or(|m| m.get(index as usize).copied().unwrap_or(false))
    }
}

/// Products matching a search: item index → score (lower is better).
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// The matching items with their relevance scores.
    pub scores: Vec<(u32, f64)>,
    /// `scores` as a membership mask over items.
    pub mask: Vec<bool>,
}

impl Matches {
    /// The matches of a search, scored.
    pub fn new(catalog: &Catalog, scores: Vec<(u32, f64)>) -> Self {
        let mut mask = vec![false; catalog.items.len()];
        for (i, _) in &scores {
            if let Some(m) = mask.get_mut(*i as usize) {
                *m = true;
            }
        }
        Matches { scores, mask }
    }
}

/// One page of a listing: item `seq`s and how many match in all.
pub fn list(
    catalog: &Catalog,
    sel: &Selection,
    matches: Option<&Matches>,
    sort: ProductSort,
    offset: usize,
    limit: usize,
) -> (Vec<i64>, u64) {
    let passes =
        |i: u32| sel.allows(i) && sel.checks(i, &catalog.items[i as usize]).iter().all(|c| *c);
    match (sort, matches) {
        (ProductSort::Relevance, Some(m)) => {
            let mut hits: Vec<(u32, f64)> = m
                .scores
                .iter()
                .copied()
                .filter(|(i, _)| passes(*i))
                .collect();
            let total = hits.len() as u64;
            let key = |&(i, s): &(u32, f64)| {
                let it = &catalog.items[i as usize];
                (s, std::cmp::Reverse(it.sales), it.seq)
            };
            let cmp = |a: &(u32, f64), b: &(u32, f64)| {
                let (ka, kb) = (key(a), key(b));
                ka.0.total_cmp(&kb.0)
                    .then(ka.1.cmp(&kb.1))
                    .then(ka.2.cmp(&kb.2))
            };
            // Only the first offset + limit need an order.
            let wanted = offset.saturating_add(limit);
            if wanted < hits.len() {
                hits.select_nth_unstable_by(wanted, cmp);
                hits.truncate(wanted);
            }
            hits.sort_by(cmp);
            let page = hits
                .iter()
                .skip(offset)
                .take(limit)
                .map(|(i, _)| catalog.items[*i as usize].seq)
                .collect();
            (page, total)
        }
        _ => {
            let mut total = 0u64;
            let mut page = Vec::with_capacity(limit);
            for &i in catalog.order(sort) {
                if matches.is_some_and(|m| !m.mask.get(i as usize).copied().unwrap_or(false))
                    || !passes(i)
                {
                    continue;
                }
                if total as usize >= offset && page.len() < limit {
                    page.push(catalog.items[i as usize].seq);
                }
                total += 1;
            }
            (page, total)
        }
    }
}

/// Disjunctive counts: each facet's values counted over the products that pass every other
/// facet (and the search and `ids`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Per category index, products directly in it.
    pub categories: Vec<u64>,
    /// Per brand index, matching products.
    pub brands: Vec<u64>,
    /// Per colour index, matching products.
    pub colours: Vec<u64>,
    /// Per size index, matching products.
    pub sizes: Vec<u64>,
    /// Per band of the `bands` argument.
    pub prices: Vec<u64>,
    /// Matching products on sale.
    pub on_sale: u64,
    /// In stock at the selection's store (0 without one).
    pub in_stock: u64,
    /// Matching products.
    pub total: u64,
}

/// Counts the facets in one pass.
pub fn facet_counts(
    catalog: &Catalog,
    sel: &Selection,
    matches: Option<&Matches>,
    bands: &[PriceRange],
) -> FacetCounts {
    let mut c = FacetCounts {
        categories: vec![0; catalog.categories.len()],
        brands: vec![0; catalog.brands.len()],
        colours: vec![0; catalog.colours.len()],
        sizes: vec![0; catalog.sizes.len()],
        prices: vec![0; bands.len()],
        ..FacetCounts::default()
    };
    let bump = |v: &mut Vec<u64>, i: u32| {
        if let Some(x) = v.get_mut(i as usize) {
            *x += 1;
        }
    };
    let mut visit = |i: u32| {
        if !sel.allows(i) {
            return;
        }
        let item = &catalog.items[i as usize];
        let checks = sel.checks(i, item);
        let failed = checks.iter().filter(|c| !**c).count();
        if failed > 1 {
            return;
        }
        // With one failed facet, only that facet counts this product.
        let counts_for = |f: usize| failed == 0 || !checks[f];
        if counts_for(0) && sel.stock.as_ref().is_some_and(|m| flag(m, i)) {
            c.in_stock += 1;
        }
        if counts_for(1) {
            bump(&mut c.categories, item.category);
        }
        if counts_for(2) {
            for (b, band) in bands.iter().enumerate() {
                if band.contains(item.min_price) {
                    c.prices[b] += 1;
                }
            }
        }
        if counts_for(3) {
            bump(&mut c.brands, item.brand);
        }
        if counts_for(4) {
            for &v in &item.colours {
                bump(&mut c.colours, v);
            }
        }
        if counts_for(5) {
            for &v in &item.sizes {
                bump(&mut c.sizes, v);
            }
        }
        if counts_for(6) && item.on_sale {
            c.on_sale += 1;
        }
        if failed == 0 {
            c.total += 1;
        }
    };
    match matches {
        Some(m) => m.scores.iter().for_each(|(i, _)| visit(*i)),
        None => (0..catalog.items.len() as u32).for_each(&mut visit),
    }
    c
}

/// Products related to item `index`, best first: same category, then same top-level
/// category, then the rest; within each, a shared brand (+40), each shared colour (+15) and
/// a close price (−100 × relative difference) score; ties go to best sellers. Never the
/// product itself.
pub fn related(catalog: &Catalog, index: u32, limit: usize) -> Vec<i64> {
    let Some(me) = catalog.items.get(index as usize) else {
        return Vec::new();
    };
    let top_of = |c: u32| -> u32 {
        catalog
            .categories
            .get(c as usize)
            .and_then(|cat| cat.parent_id.as_ref())
            .and_then(|p| catalog.categories.iter().position(|x| &x.id == p))
            .map_or(c, |p| p as u32)
    };
    let tops: Vec<u32> = (0..catalog.categories.len() as u32).map(top_of).collect();
    let top = |c: u32| tops.get(c as usize).copied().unwrap_or(u32::MAX);
    let my_top = top(me.category);
    let price = me.min_price.max(1) as f64;
    let mut scored: Vec<(f64, i64, i64)> = catalog
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| *i as u32 != index)
        .map(|(_, it)| {
            let mut score = 0.0;
            if it.category == me.category {
                score += 1000.0;
            }
            if top(it.category) == my_top {
                score += 500.0;
            }
            if it.brand == me.brand {
                score += 40.0;
            }
            score += 15.0 * it.colours.iter().filter(|c| me.colours.contains(c)).count() as f64;
            score -= 100.0 * (it.min_price - me.min_price).abs() as f64 / price;
            (-score, -it.sales, it.seq)
        })
        .collect();
    let cmp = |a: &(f64, i64, i64), b: &(f64, i64, i64)| {
        a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    };
    if limit < scored.len() {
        scored.select_nth_unstable_by(limit, cmp);
        scored.truncate(limit);
    }
    scored.sort_by(cmp);
    scored.into_iter().map(|s| s.2).collect()
}
