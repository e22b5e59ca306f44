//! `GET /api/v1/products/facets`: live, disjunctive facet counts for a product query.
//!
//! Each facet's counts apply the search, `ids` and every *other* facet's selection, so
//! several values of one facet can be selected and each still shows what it adds. The
//! search runs once (FTS5); the counts are one pass over the in-memory catalogue
//! ([`crate::catalog::facet_counts`]), the same filters the product list applies.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use storefront_api_types::{
    CategoryId, CategoryRef, Facet, FacetCode, FacetValue, FieldError, LocalizedText, PriceRange,
    Problem, ProductFacets, ProductQuery,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::filters::{FilterParams, Resolved};
use crate::catalog::{facet_counts, AttrValue, CategoryRow};
use crate::error::ApiResult;
use crate::http::cache::{cached_json, live_json};
use crate::http::extract::{ApiQuery, FromQuery};
use crate::search::text::{is_han, pinyin_runs};
use crate::state::AppState;

/// The price bands offered, in display order.
pub const PRICE_BANDS: [PriceRange; 5] = [
    PriceRange {
        min: 0,
        max: Some(10_000),
    },
    PriceRange {
        min: 10_000,
        max: Some(20_000),
    },
    PriceRange {
        min: 20_000,
        max: Some(50_000),
    },
    PriceRange {
        min: 50_000,
        max: Some(100_000),
    },
    PriceRange {
        min: 100_000,
        max: None,
    },
];

/// Most related categories returned.
const MAX_RELATED: usize = 6;

/// The facets' query: the product list's (its filters count; `sort`, `limit` and `cursor`
/// are validated like the list's, so one query string means the same on both, then
/// ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetParams(pub FilterParams);

impl FromQuery for FacetParams {
    const REPEATABLE: &'static [&'static str] = super::filters::REPEATABLE;

    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        super::products::ListParams::from_pairs(pairs).map(|l| FacetParams(l.filters))
    }
}

/// Money in yuan for labels: `1,000` (English) or `1000` (Chinese), decimals only when needed.
fn yuan(fen: i64, en: bool) -> String {
    let whole = fen / 100;
    let cents = fen % 100;
    let mut digits = whole.to_string();
    if en && whole >= 1_000 {
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        digits = out;
    }
    if cents == 0 {
        digits
    } else {
        format!("{digits}.{cents:02}")
    }
}

/// The label of a price band: "100–200元" / "¥100–¥200".
pub fn band_label(b: PriceRange) -> LocalizedText {
    match (b.min, b.max) {
        (0, Some(max)) => LocalizedText::new(
            format!("{}元以下", yuan(max, false)),
            format!("Under ¥{}", yuan(max, true)),
        ),
        (min, None) => LocalizedText::new(
            format!("{}元以上", yuan(min, false)),
            format!("¥{} and up", yuan(min, true)),
        ),
        (min, Some(max)) => LocalizedText::new(
            format!("{}–{}元", yuan(min, false), yuan(max, false)),
            format!("¥{}–¥{}", yuan(min, true), yuan(max, true)),
        ),
    }
}

/// The names of a category that words can match: zh, en (lowercase), full pinyin and initials.
struct CategoryNames {
    zh: String,
    en: String,
    pinyin: String,
    initials: String,
}

impl CategoryNames {
    fn of(c: &CategoryRow) -> Self {
        let runs = pinyin_runs(&c.name_zh);
        CategoryNames {
            zh: c.name_zh.to_lowercase(),
            en: c.name_en.to_lowercase(),
            pinyin: runs.iter().map(|r| r.0.as_str()).collect(),
            initials: runs.iter().map(|r| r.1.as_str()).collect(),
        }
    }

    /// How well one (normalised) word matches: 0 = a name starts with it, 1 = contains it.
    fn rank(&self, word: &str) -> Option<u8> {
        if word.is_empty() {
            return None;
        }
        if word.chars().any(is_han) {
            if self.zh.starts_with(word) {
                Some(0)
            } else if self.zh.contains(word) || word.contains(&self.zh) {
                Some(1)
            } else {
                None
            }
        } else if self
            .en
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(word))
            || self.pinyin.starts_with(word)
            || (word.len() >= 2 && self.initials.starts_with(word))
        {
            Some(0)
        } else if (word.len() >= 3 && (self.en.contains(word) || self.pinyin.contains(word)))
            || (word.len() >= 4 && word.contains(&self.en))
        {
            Some(1)
        } else {
            None
        }
    }
}

fn category_ref(c: &CategoryRow) -> CategoryRef {
    CategoryRef {
        id: CategoryId(c.id.clone()),
        slug: c.slug.clone(),
        name: LocalizedText::new(&c.name_zh, &c.name_en),
    }
}

/// Categories whose names match `words` (any of them), best match first, then tree order.
/// With `head_fallback`, when nothing matches, a Chinese word's last character (the head of
/// a compound: 运动**鞋**) is tried too.
pub fn matching_categories(
    categories: &[CategoryRow],
    words: &[String],
    limit: usize,
    head_fallback: bool,
) -> Vec<CategoryRef> {
    let names: Vec<CategoryNames> = categories.iter().map(CategoryNames::of).collect();
    let rank_all = |words: &[String]| {
        let mut hits: Vec<(u8, usize)> = names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| words.iter().filter_map(|w| n.rank(w)).min().map(|r| (r, i)))
            .collect();
        hits.sort();
        hits
    };
    let mut hits = rank_all(words);
    if hits.is_empty() && head_fallback {
        let heads: Vec<String> = words
            .iter()
            .filter(|w| w.chars().count() >= 2 && w.chars().all(is_han))
            .filter_map(|w| w.chars().last().map(String::from))
            .collect();
        hits = rank_all(&heads);
    }
    hits.into_iter()
        .take(limit)
        .map(|(_, i)| category_ref(&categories[i]))
        .collect()
}

fn value(v: &str, label: LocalizedText, count: u64, selected: bool) -> FacetValue {
    FacetValue {
        value: v.to_owned(),
        label,
        count,
        selected,
        swatch: None,
        children: Vec::new(),
    }
}

/// The category facet: the tree, each count including its descendants.
fn category_values(cats: &[CategoryRow], counts: &[u64], selected: &[u32]) -> Vec<FacetValue> {
    fn build(i: usize, cats: &[CategoryRow], counts: &[u64], selected: &[u32]) -> FacetValue {
        let c = &cats[i];
        let children: Vec<FacetValue> = cats
            .iter()
            .enumerate()
            .filter(|(_, x)| x.parent_id.as_deref() == Some(c.id.as_str()))
            .map(|(j, _)| build(j, cats, counts, selected))
            .collect();
        let own = counts.get(i).copied().unwrap_or(0);
        FacetValue {
            value: c.slug.clone(),
            label: LocalizedText::new(&c.name_zh, &c.name_en),
            count: own + children.iter().map(|x| x.count).sum::<u64>(),
            selected: selected.contains(&(i as u32)),
            swatch: None,
            children,
        }
    }
    cats.iter()
        .enumerate()
        .filter(|(_, c)| c.parent_id.is_none())
        .map(|(i, _)| build(i, cats, counts, selected))
        .collect()
}

/// Values of an attribute facet in catalogue order, then selected values the catalogue
/// does not have (count 0).
fn attribute_values(dict: &[AttrValue], counts: &[u64], selected: &[String]) -> Vec<FacetValue> {
    let mut vals: Vec<FacetValue> = dict
        .iter()
        .zip(counts)
        .map(|(a, n)| FacetValue {
            swatch: a.swatch.clone(),
            ..value(
                &a.value,
                LocalizedText::new(&a.label_zh, &a.label_en),
                *n,
                selected.contains(&a.value),
            )
        })
        .collect();
    for s in selected {
        if !dict.iter().any(|a| &a.value == s) {
            vals.push(value(s, LocalizedText::new(s, s), 0, true));
        }
    }
    vals
}

/// Computes the facets of a resolved query.
pub async fn facets(state: &AppState, r: &Resolved) -> Result<ProductFacets, sqlx::Error> {
    let cat = &r.catalog;
    let mut bands: Vec<PriceRange> = PRICE_BANDS.to_vec();
    for b in &r.filters.price {
        if !bands.contains(b) {
            bands.push(*b);
        }
    }
    let matches = r.matches(state, false).await?;
    let counts = facet_counts(cat, &r.selection, matches.as_ref(), &bands);

    // Brands: alphabetical, selected unknown ones included.
    let mut brand_values: Vec<FacetValue> = cat
        .brands
        .iter()
        .zip(&counts.brands)
        .map(|(b, n)| value(b, LocalizedText::new(b, b), *n, r.filters.brand.contains(b)))
        .collect();
    for b in &r.filters.brand {
        if !cat.brands.contains(b) {
            brand_values.push(value(b, LocalizedText::new(b, b), 0, true));
        }
    }
    brand_values.sort_by_key(|v| (v.value.to_lowercase(), v.value.clone()));

    let price_values = bands
        .iter()
        .zip(&counts.prices)
        .map(|(b, n)| {
            value(
                &b.to_param(),
                band_label(*b),
                *n,
                r.filters.price.contains(b),
            )
        })
        .collect();

    let mut facets = Vec::with_capacity(7);
    if let Some(store) = &r.store {
        facets.push(Facet {
            code: FacetCode::InStock,
            name: LocalizedText::new("门店库存", "Store stock"),
            values: vec![value(
                "true",
                LocalizedText::new(
                    format!("有货：{}", store.name.zh_cn),
                    format!("In stock at {}", store.name.en),
                ),
                counts.in_stock,
                r.filters.in_stock,
            )],
        });
    }
    facets.extend([
        Facet {
            code: FacetCode::Category,
            name: LocalizedText::new("分类", "Category"),
            values: category_values(&cat.categories, &counts.categories, &r.selected_categories),
        },
        Facet {
            code: FacetCode::Price,
            name: LocalizedText::new("价格", "Price"),
            values: price_values,
        },
        Facet {
            code: FacetCode::Brand,
            name: LocalizedText::new("品牌", "Brand"),
            values: brand_values,
        },
        Facet {
            code: FacetCode::Color,
            name: LocalizedText::new("颜色", "Colour"),
            values: attribute_values(&cat.colours, &counts.colours, &r.filters.color),
        },
        Facet {
            code: FacetCode::Size,
            name: LocalizedText::new("尺码", "Size"),
            values: attribute_values(&cat.sizes, &counts.sizes, &r.filters.size),
        },
        Facet {
            code: FacetCode::OnSale,
            name: LocalizedText::new("优惠", "On sale"),
            values: vec![value(
                "true",
                LocalizedText::new("特价", "On sale"),
                counts.on_sale,
                r.filters.on_sale,
            )],
        },
    ]);

    let (did_you_mean, related_categories) = match &r.search {
        Some(plan) => (
            plan.did_you_mean(),
            matching_categories(&cat.categories, &plan.all_words(), MAX_RELATED, true),
        ),
        None => (None, Vec::new()),
    };
    Ok(ProductFacets {
        total: counts.total,
        facets,
        did_you_mean,
        related_categories,
    })
}

/// Facet counts for the same query as `GET /api/v1/products`: each facet's values with how
/// many products they would show given the search and every *other* facet's selection
/// (values with 0 are listed too), the category facet as a tree, and with `q` a spelling
/// suggestion and related categories.
#[utoipa::path(
    get,
    path = "/api/v1/products/facets",
    operation_id = "getProductFacets",
    tag = "catalogue",
    params(ProductQuery, ("If-None-Match" = Option<String>, Header, description = "ETag of a copy the client has")),
    responses(
        (status = 200, description = "Facets in display order: in_stock (only with `store`), category, price, brand, color, size, on_sale", body = ProductFacets,
            headers(("ETag" = String, description = "Weak validator of the body"), ("Cache-Control" = String))),
        (status = 304, description = "The client's copy is current"),
        (status = 400, description = "As for the product list: a query parameter is malformed or out of range, or breaks a rule between parameters: `in_stock=true` needs `store`, `sort=relevance` needs `q`, a price band needs max > min, at most 100 `ids` in all, a `cursor` only continues the query that issued it; `errors` names it (`#/query/limit`, `#/query/in_stock`…)",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A category (`#/query/category`) or the store (`#/query/store`) does not exist", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Server failure", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(FacetParams(filters)): ApiQuery<FacetParams>,
) -> ApiResult<Response> {
    let resolved = Resolved::new(&state, &filters).await?;
    let body = facets(&state, &resolved).await?;
    if resolved.store.is_some() {
        live_json(&headers, &body)
    } else {
        cached_json(&headers, &body)
    }
}

/// This module's routes with their OpenAPI operations.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_labels() {
        let l: Vec<String> = PRICE_BANDS.iter().map(|b| band_label(*b).en).collect();
        assert_eq!(
            l,
            [
                "Under ¥100",
                "¥100–¥200",
                "¥200–¥500",
                "¥500–¥1,000",
                "¥1,000 and up"
            ]
        );
        assert_eq!(band_label(PRICE_BANDS[1]).zh_cn, "100–200元");
        assert_eq!(
            band_label(PriceRange {
                min: 9_950,
                max: None
            })
            .zh_cn,
            "99.50元以上"
        );
    }

    #[test]
    fn sizes_and_colours_have_a_fixed_order() {
        use crate::catalog::{colour_rank, size_rank};
        let mut s = vec!["42", "xl", "one-size", "s", "36", "xxl", "m"];
        s.sort_by_key(|c| size_rank(c));
        assert_eq!(s, ["s", "m", "xl", "xxl", "36", "42", "one-size"]);
        let mut c = vec!["navy", "zebra", "black", "white"];
        c.sort_by_key(|c| colour_rank(c));
        assert_eq!(c, ["black", "white", "navy", "zebra"]);
    }

    #[test]
    fn categories_match_names_pinyin_and_heads() {
        let cat = |id: &str, zh: &str, en: &str| CategoryRow {
            id: id.into(),
            slug: id.into(),
            parent_id: None,
            name_zh: zh.into(),
            name_en: en.into(),
        };
        let cats = vec![
            cat("running", "跑步鞋", "Running Shoes"),
            cat("coats", "外套", "Coats & Jackets"),
            cat("dresses", "连衣裙", "Dresses"),
        ];
        let names = |w: &[&str], fallback| {
            let words: Vec<String> = w.iter().map(|s| (*s).to_owned()).collect();
            matching_categories(&cats, &words, 6, fallback)
                .into_iter()
                .map(|c| c.slug)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&["jacket"], false), ["coats"]);
        assert_eq!(names(&["paobu"], false), ["running"]);
        assert_eq!(names(&["lyq"], false), ["dresses"]);
        assert_eq!(names(&["运动鞋"], true), ["running"]);
        assert!(names(&["运动鞋"], false).is_empty());
        assert!(names(&["zzz"], true).is_empty());
    }
}
