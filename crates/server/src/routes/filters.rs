//! The filters shared by `GET /products` and `GET /products/facets`: parsing and
//! validation of the query string, and resolution against the in-memory catalogue
//! (category slugs with their descendants, facet values, ids, the search plan).
//!
//! Within a facet, values combine with OR; facets combine with AND. Category, brand,
//! colour, size, price and on-sale are the facets; `q` and `ids` always apply.

use std::sync::Arc;
use storefront_api_types::{FieldError, PriceRange};

use crate::catalog::{Catalog, Matches, Selection};
use crate::error::ApiError;
use crate::search::text::normalized_query;
use crate::search::{self, SearchPlan};
use crate::state::AppState;

/// The parameters of the product list and its facets that may be repeated (one value of a
/// facet each, or a batch of `ids`); every other one takes one value.
pub const REPEATABLE: &[&str] = &["category", "brand", "color", "size", "price", "ids"];

/// Longest accepted search text, in characters.
pub const Q_MAX_CHARS: usize = 200;
/// Most values of one facet in a query.
pub const MAX_VALUES: usize = 20;
/// Longest value of a facet (or of an id), in characters.
pub const MAX_VALUE_CHARS: usize = 100;
/// Most products of `ids`.
pub const MAX_IDS: usize = 100;

/// The validated filters of a query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterParams {
    /// Category slugs or ids as given (duplicates removed).
    pub category: Vec<String>,
    /// Search text, trimmed; `None` when absent or blank.
    pub q: Option<String>,
    /// Brand codes.
    pub brand: Vec<String>,
    /// Colour codes.
    pub color: Vec<String>,
    /// Size codes.
    pub size: Vec<String>,
    /// Price ranges.
    pub price: Vec<PriceRange>,
    /// Whether some variant is on sale.
    pub on_sale: bool,
    /// Product ids or slugs (duplicates removed).
    pub ids: Vec<String>,
    /// The shopper's store (id or slug as given): the in-stock facet counts stock there.
    pub store: Option<String>,
    /// Only products with a variant in stock at `store`.
    pub in_stock: bool,
}

/// Every value of a repeatable parameter, trimmed, blanks and duplicates dropped.
pub fn values(pairs: &[(String, String)], key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, v) in pairs {
        if k == key {
            let v = v.trim();
            if !v.is_empty() && !out.iter().any(|o| o == v) {
                out.push(v.to_owned());
            }
        }
    }
    out
}

fn err(errors: &mut Vec<FieldError>, field: &str, message: String) {
    errors.push(FieldError {
        pointer: format!("#/query/{field}"),
        message,
    });
}

fn facet_values(
    pairs: &[(String, String)],
    key: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
    // the limits apply to the values as sent (the schema's maxItems and maxLength)
    let sent: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect();
    let vals = values(pairs, key);
    if sent.len() > MAX_VALUES {
        err(
            errors,
            key,
            format!("expected at most {MAX_VALUES} values, got {}", sent.len()),
        );
    } else if let Some(v) = sent.iter().find(|v| v.chars().count() > MAX_VALUE_CHARS) {
        err(
            errors,
            key,
            format!(
                "expected values of at most {MAX_VALUE_CHARS} characters, got one of {}",
                v.chars().count()
            ),
        );
    }
    vals
}

/// The search text of `q`: trimmed, `None` when blank; an error past [`Q_MAX_CHARS`].
pub fn parse_q(pairs: &[(String, String)], errors: &mut Vec<FieldError>) -> Option<String> {
    let sent = pairs
        .iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.as_str());
    let q = sent
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if let Some(q) = sent {
        let n = q.chars().count();
        if n > Q_MAX_CHARS {
            err(
                errors,
                "q",
                format!("expected at most {Q_MAX_CHARS} characters, got {n}"),
            );
        }
    }
    q
}

impl FilterParams {
    /// Parses the filters, adding an error for each invalid one.
    pub fn parse(pairs: &[(String, String)], errors: &mut Vec<FieldError>) -> FilterParams {
        let category = facet_values(pairs, "category", errors);
        let q = parse_q(pairs, errors);
        let brand = facet_values(pairs, "brand", errors);
        let color = facet_values(pairs, "color", errors);
        let size = facet_values(pairs, "size", errors);

        // every band as sent, blank or not, must have the schema's shape
        let _ = facet_values(pairs, "price", errors);
        let mut price: Vec<PriceRange> = Vec::new();
        for raw in pairs.iter().filter(|(k, _)| k == "price").map(|(_, v)| v) {
            match PriceRange::parse(raw) {
                Some(r) => {
                    if !price.contains(&r) {
                        price.push(r);
                    }
                }
                None => {
                    err(
                        errors,
                        "price",
                        format!("expected a price band `min-max` or `min-` in minor units (0 <= min < max), got {raw:?}"),
                    );
                    break;
                }
            }
        }

        let mut on_sale = false;
        if let Some((_, v)) = pairs.iter().rev().find(|(k, _)| k == "on_sale") {
            match v.as_str() {
                "true" => on_sale = true,
                "false" => on_sale = false,
                other => err(
                    errors,
                    "on_sale",
                    format!("expected true or false, got {other:?}"),
                ),
            }
        }

        // as sent (the schema): at most MAX_IDS values, each at most MAX_IDS comma-separated
        // ids of at most MAX_VALUE_CHARS; and at most MAX_IDS distinct ids in all
        let sent: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "ids")
            .map(|(_, v)| v.as_str())
            .collect();
        let mut ids: Vec<String> = Vec::new();
        for v in &sent {
            for id in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if !ids.iter().any(|i| i == id) {
                    ids.push(id.to_owned());
                }
            }
        }
        let parts = |v: &&str| v.split(',').count();
        if sent.len() > MAX_IDS || ids.len() > MAX_IDS || sent.iter().any(|v| parts(v) > MAX_IDS) {
            err(
                errors,
                "ids",
                format!(
                    "expected at most {MAX_IDS} ids, got {}",
                    ids.len().max(sent.len())
                ),
            );
        } else if sent
            .iter()
            .any(|v| v.split(',').any(|id| id.chars().count() > MAX_VALUE_CHARS))
        {
            err(
                errors,
                "ids",
                format!("expected ids or slugs of at most {MAX_VALUE_CHARS} characters"),
            );
        }

        let sent = pairs
            .iter()
            .rev()
            .find(|(k, _)| k == "store")
            .map(|(_, v)| v);
        let store = sent.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        if sent.is_some_and(|s| s.chars().count() > MAX_VALUE_CHARS) {
            err(
                errors,
                "store",
                format!("expected a store id of at most {MAX_VALUE_CHARS} characters"),
            );
        }
        let mut in_stock = false;
        if let Some((_, v)) = pairs.iter().rev().find(|(k, _)| k == "in_stock") {
            match v.as_str() {
                "true" => in_stock = true,
                "false" => in_stock = false,
                other => err(
                    errors,
                    "in_stock",
                    format!("expected true or false, got {other:?}"),
                ),
            }
        }
        if in_stock && store.is_none() {
            err(
                errors,
                "in_stock",
                "in_stock needs a store: add store=<store id>".to_owned(),
            );
        }

        FilterParams {
            category,
            q,
            brand,
            color,
            size,
            price,
            on_sale,
            ids,
            store,
            in_stock,
        }
    }
}

/// The filters resolved against the catalogue.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The catalogue.
    pub catalog: Arc<Catalog>,
    /// The filters as given.
    pub filters: FilterParams,
    /// Indices of the selected categories (in the order given).
    pub selected_categories: Vec<u32>,
    /// The filters.
    pub selection: Selection,
    /// The search, when `q` is given.
    pub search: Option<SearchPlan>,
    /// `q` normalised (for fingerprints).
    pub q_normalized: Option<String>,
    /// The store of `store=`: its id and names.
    pub store: Option<crate::directory::StoreInfoRef>,
}

/// A mask over `dict` of the values selected (unknown values select nothing).
fn mask<T>(dict: &[T], selected: &[String], key: impl Fn(&T) -> &str) -> Option<Vec<bool>> {
    if selected.is_empty() {
        return None;
    }
    Some(
        dict.iter()
            .map(|d| selected.iter().any(|s| s == key(d)))
            .collect(),
    )
}

impl Resolved {
    /// Resolves categories (404 naming `#/query/category` for an unknown one), the store
    /// (400 naming `#/query/store` for an unknown one), facet values and ids, and plans
    /// the search.
    pub async fn new(state: &AppState, f: &FilterParams) -> Result<Resolved, ApiError> {
        let catalog = state.search.catalog(&state.db).await?;
        let (store, stock) = match &f.store {
            Some(key) => {
                let directory = state.stores.get(&state.db).await?;
                let info = directory.get(key).ok_or_else(|| ApiError::NotFoundField {
                    detail: format!("no store {key:?}"),
                    pointer: "#/query/store".to_owned(),
                })?;
                let mask = catalog.in_stock_at(&state.db, &info.id).await?;
                (Some(info.reference()), Some(mask))
            }
            None => (None, None),
        };
        let mut selected: Vec<u32> = Vec::new();
        for key in &f.category {
            let i = catalog
                .categories
                .iter()
                .position(|c| c.id == *key || c.slug == *key)
                .ok_or_else(|| ApiError::NotFoundField {
                    detail: format!("no category {key:?}"),
                    pointer: "#/query/category".to_owned(),
                })? as u32;
            if !selected.contains(&i) {
                selected.push(i);
            }
        }
        let only = (!f.ids.is_empty()).then(|| {
            let mut m = vec![false; catalog.items.len()];
            for key in &f.ids {
                if let Some(i) = catalog.index_of_key(key) {
                    m[i as usize] = true;
                }
            }
            m
        });
        let selection = Selection {
            categories: (!selected.is_empty()).then(|| catalog.descendants(&selected)),
            brands: mask(&catalog.brands, &f.brand, |b| b.as_str()),
            colours: mask(&catalog.colours, &f.color, |v| v.value.as_str()),
            sizes: mask(&catalog.sizes, &f.size, |v| v.value.as_str()),
            prices: f.price.clone(),
            on_sale: f.on_sale,
            only,
            stock,
            in_stock: f.in_stock,
        };
        let search = match &f.q {
            Some(q) => {
                let vocab = state.search.vocab(&state.db).await?;
                Some(SearchPlan::new(q, &vocab))
            }
            None => None,
        };
        Ok(Resolved {
            selected_categories: selected,
            selection,
            search,
            q_normalized: f.q.as_deref().map(normalized_query),
            filters: f.clone(),
            catalog,
            store,
        })
    }

    /// The products matching the search (`None` without `q`).
    pub async fn matches(
        &self,
        state: &AppState,
        scored: bool,
    ) -> Result<Option<Matches>, sqlx::Error> {
        match &self.search {
            Some(plan) => Ok(Some(
                search::find(&state.db, &self.catalog, plan, scored).await?,
            )),
            None => Ok(None),
        }
    }

    /// A stable text of everything that selects products (sorted within each facet).
    pub fn fingerprint_text(&self) -> String {
        let sorted = |v: &[String]| {
            let mut v = v.to_vec();
            v.sort();
            v.join(",")
        };
        let cats: Vec<String> = self
            .selected_categories
            .iter()
            .map(|&i| self.catalog.categories[i as usize].id.clone())
            .collect();
        let f = &self.filters;
        let prices: Vec<String> = f.price.iter().map(|p| p.to_param()).collect();
        format!(
            "c={}|q={}|b={}|co={}|s={}|p={}|o={}|i={}|st={}|is={}",
            sorted(&cats),
            self.q_normalized
                .as_deref()
                .map_or_else(|| "-".to_owned(), |q| format!("+{q}")),
            sorted(&f.brand),
            sorted(&f.color),
            sorted(&f.size),
            sorted(&prices),
            f.on_sale,
            sorted(&f.ids),
            self.store.as_ref().map_or("", |s| s.id.as_str()),
            f.in_stock,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::extract::parse_pairs;

    fn parse(q: &str) -> Result<FilterParams, Vec<FieldError>> {
        let mut errors = Vec::new();
        let f = FilterParams::parse(&parse_pairs(q), &mut errors);
        if errors.is_empty() {
            Ok(f)
        } else {
            Err(errors)
        }
    }

    #[test]
    fn repeatable_values_and_bands() {
        let f = parse("brand=A&brand=B&brand=A&brand=&price=0-10000&price=50000-&on_sale=true&ids=p_1,p_2&ids=p_3")
            .unwrap_or_default();
        assert_eq!(f.brand, ["A", "B"]);
        assert_eq!(f.price.len(), 2);
        assert!(f.on_sale);
        assert_eq!(f.ids, ["p_1", "p_2", "p_3"]);
    }

    #[test]
    fn invalid_values_name_the_field() {
        let many = (0..21)
            .map(|i| format!("color=c{i}"))
            .collect::<Vec<_>>()
            .join("&");
        let ids = (0..101)
            .map(|i| format!("p{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let long = "x".repeat(101);
        for (q, field) in [
            ("price=abc", "price"),
            ("price=200-100", "price"),
            ("price=-5-10", "price"),
            (many.as_str(), "color"),
            (&format!("ids={ids}"), "ids"),
            (&format!("brand={long}"), "brand"),
            ("on_sale=maybe", "on_sale"),
            ("in_stock=true", "in_stock"),
            ("store=s_sh_jingan&in_stock=maybe", "in_stock"),
            // exactly the schema's shapes: no spaces, signs or 1/0 for booleans
            ("on_sale=1", "on_sale"),
            ("in_stock=%20true&store=s", "in_stock"),
            ("price=%2B5-10", "price"),
            ("price=%205-10", "price"),
            (&format!("q={}", " ".repeat(201)), "q"),
            (
                &(0..21)
                    .map(|_| "size=".to_owned())
                    .collect::<Vec<_>>()
                    .join("&"),
                "size",
            ),
            (
                &(0..101)
                    .map(|i| format!("ids=p{i}"))
                    .collect::<Vec<_>>()
                    .join("&"),
                "ids",
            ),
        ] {
            let e = parse(q).err().unwrap_or_default();
            assert_eq!(e.len(), 1, "{q}");
            assert_eq!(e[0].pointer, format!("#/query/{field}"), "{q}");
        }
    }
}
