//! The listing filters a category or search URL carries (see [`ListingFilters`]).

use storefront_api_types::{percent_decode, FacetCode, PriceRange, ProductQuery, ProductSort};

/// What a listing shows besides its category or words: facet selections and sort. Kept
/// canonical (see [`ListingFilters::canonical`]) so equal selections compare equal.
///
/// To add a facet (e.g. the stores issue's "in stock at my store"): add a field, its line
/// in [`ListingFilters::push_pairs`] and [`ListingFilters::from_query`], and its arm in
/// [`ListingFilters::values`] / [`ListingFilters::toggle`] / [`ListingFilters::apply`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListingFilters {
    /// Category slugs: sub-categories on a category page, any category on search.
    pub category: Vec<String>,
    /// Brands.
    pub brand: Vec<String>,
    /// Colour codes.
    pub color: Vec<String>,
    /// Size codes.
    pub size: Vec<String>,
    /// Price bands, `min-max` minor units (see [`PriceRange`]).
    pub price: Vec<String>,
    /// Only products on sale.
    pub on_sale: bool,
    /// Only products in stock at the shopper's store. On by default on a kiosk (see
    /// [`stock_default`]): its URL then says `in_stock=false` when the shopper turns it off
    /// (any other value turns it off too).
    pub in_stock: bool,
    /// The shopper's store (not in the URL: it comes from "my store").
    pub store: Option<String>,
    /// Sort order; `None` is the listing's default.
    pub sort: Option<ProductSort>,
}

impl ListingFilters {
    /// The selected values of a repeatable facet (`on_sale` has none: see [`Self::is_selected`]).
    pub fn values(&self, code: FacetCode) -> &[String] {
        match code {
            FacetCode::Category => &self.category,
            FacetCode::Brand => &self.brand,
            FacetCode::Color => &self.color,
            FacetCode::Size => &self.size,
            FacetCode::Price => &self.price,
            FacetCode::OnSale | FacetCode::InStock => &[],
        }
    }

    /// Whether `value` of facet `code` is selected.
    pub fn is_selected(&self, code: FacetCode, value: &str) -> bool {
        match code {
            FacetCode::OnSale => self.on_sale,
            FacetCode::InStock => self.in_stock,
            _ => self.values(code).iter().any(|v| v == value),
        }
    }

    /// These filters with `value` of `code` selected or, when it was, unselected.
    pub fn toggle(&self, code: FacetCode, value: &str) -> ListingFilters {
        let mut f = self.clone();
        let list = match code {
            FacetCode::OnSale => {
                f.on_sale = !f.on_sale;
                return f;
            }
            FacetCode::InStock => {
                f.in_stock = !f.in_stock;
                return f;
            }
            FacetCode::Category => &mut f.category,
            FacetCode::Brand => &mut f.brand,
            FacetCode::Color => &mut f.color,
            FacetCode::Size => &mut f.size,
            FacetCode::Price => &mut f.price,
        };
        if list.iter().any(|v| v == value) {
            list.retain(|v| v != value);
        } else {
            list.push(value.to_owned());
        }
        f.canonical()
    }

    /// How many facet values are selected (the "Filters (n)" badge).
    pub fn count(&self) -> usize {
        self.category.len()
            + self.brand.len()
            + self.color.len()
            + self.size.len()
            + self.price.len()
            + usize::from(self.on_sale)
            + usize::from(self.in_stock)
    }

    /// The same sort with no facet selected ("in stock here" as the listing's default).
    pub fn cleared(&self) -> ListingFilters {
        ListingFilters {
            sort: self.sort,
            store: self.store.clone(),
            ..Self::from_query("")
        }
    }

    /// Values sorted and unique; prices valid, normalised and in ascending order.
    pub fn canonical(mut self) -> ListingFilters {
        let text = |v: &String| Some(v.clone()).filter(|v| !v.is_empty());
        for list in [
            &mut self.category,
            &mut self.brand,
            &mut self.color,
            &mut self.size,
        ] {
            *list = sorted_unique(list, text);
        }
        // a price band sorts by its bounds, written as fixed-width digits
        self.price = sorted_unique(&self.price, |p| {
            let r = PriceRange::parse(p)?;
            Some(format!(
                "{:020}{:020}{}",
                r.min,
                r.max.unwrap_or(i64::MAX),
                r.to_param()
            ))
        })
        .into_iter()
        .filter_map(|k| k.get(40..).map(str::to_owned))
        .collect();
        self
    }

    /// Appends the query pairs, in canonical order.
    pub(super) fn push_pairs(&self, pairs: &mut Vec<(&'static str, String)>) {
        for (key, list) in [
            ("category", &self.category),
            ("brand", &self.brand),
            ("color", &self.color),
            ("size", &self.size),
            ("price", &self.price),
        ] {
            pairs.extend(list.iter().map(|v| (key, v.clone())));
        }
        if self.on_sale {
            pairs.push(("on_sale", "true".to_owned()));
        }
        if self.in_stock != stock_default() {
            let on = if self.in_stock { "true" } else { "false" };
            pairs.push(("in_stock", on.to_owned()));
        }
        if let Some(s) = self.sort {
            pairs.push(("sort", s.as_str().to_owned()));
        }
    }

    /// Reads the filters from a query string (without `?`); unknown keys and malformed
    /// values are dropped.
    pub fn from_query(query: &str) -> ListingFilters {
        let mut f = ListingFilters {
            in_stock: stock_default(),
            ..ListingFilters::default()
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = percent_decode(v);
            match percent_decode(k).as_str() {
                "category" => f.category.push(v),
                "brand" => f.brand.push(v),
                "color" => f.color.push(v),
                "size" => f.size.push(v),
                "price" => f.price.push(v),
                "on_sale" => f.on_sale = v == "true",
                "in_stock" => f.in_stock = v == "true",
                "sort" => f.sort = ProductSort::parse(&v).or(f.sort),
                _ => {}
            }
        }
        f.canonical()
    }

    /// Copies the facet selections into an API query (not the sort: see the listing).
    pub fn apply(&self, q: &mut ProductQuery) {
        q.brand.clone_from(&self.brand);
        q.color.clone_from(&self.color);
        q.size.clone_from(&self.size);
        q.price.clone_from(&self.price);
        q.on_sale = self.on_sale;
        q.store.clone_from(&self.store);
        q.in_stock = self.in_stock && self.store.is_some();
    }
}

/// Whether "in stock here" is on when a listing's URL does not say: on a kiosk, where the
/// shopper can take it home now.
pub fn stock_default() -> bool {
    #[cfg(target_arch = "wasm32")]
    return crate::dom::is_kiosk();
    #[cfg(not(target_arch = "wasm32"))]
    return TEST_STOCK_DEFAULT.with(std::cell::Cell::get);
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static TEST_STOCK_DEFAULT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Sets [`stock_default`] (native tests).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub fn set_stock_default(on: bool) {
    TEST_STOCK_DEFAULT.with(|d| d.set(on));
}

/// `list` mapped by `key` (dropping `None`), ascending, without duplicates. An insertion
/// sort: lists are a handful of values, and it keeps a generic sort out of the wasm.
fn sorted_unique(list: &[String], key: impl Fn(&String) -> Option<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for k in list.iter().filter_map(key) {
        if let Err(i) = out.binary_search(&k) {
            out.insert(i, k);
        }
    }
    out
}
