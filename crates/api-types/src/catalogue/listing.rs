//! Product listings: the query of `GET /v1/products` with its sort and price bands, the
//! facets and the search suggestions.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use super::{CategoryRef, ProductSummary};
use crate::common::LocalizedText;
use crate::query::encode_query;

/// Sort orders of the product list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductSort {
    /// Best match first; only with `q` (the default when `q` is given).
    Relevance,
    /// Newest first (the default without `q`).
    #[default]
    Newest,
    /// Cheapest first.
    PriceAsc,
    /// Dearest first.
    PriceDesc,
    /// Most sold first.
    BestSelling,
    /// By name, A to Z (English name).
    Name,
}

impl ProductSort {
    /// Every sort, in the order the UI offers them.
    pub const ALL: [ProductSort; 6] = [
        ProductSort::Relevance,
        ProductSort::Newest,
        ProductSort::PriceAsc,
        ProductSort::PriceDesc,
        ProductSort::BestSelling,
        ProductSort::Name,
    ];

    /// The query-string value.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductSort::Relevance => "relevance",
            ProductSort::Newest => "newest",
            ProductSort::PriceAsc => "price_asc",
            ProductSort::PriceDesc => "price_desc",
            ProductSort::BestSelling => "best_selling",
            ProductSort::Name => "name",
        }
    }

    /// Parses the query-string value.
    pub fn parse(s: &str) -> Option<ProductSort> {
        ProductSort::ALL.into_iter().find(|sort| sort.as_str() == s)
    }

    /// The sort used when none is given: relevance for a search, newest otherwise.
    pub fn default_for(has_query: bool) -> ProductSort {
        if has_query {
            ProductSort::Relevance
        } else {
            ProductSort::Newest
        }
    }
}

/// A price band of the price facet: `min` inclusive, `max` exclusive, minor units.
/// Written `min-max` in a query string (`0-10000`, `50000-` for "50000 and up").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PriceRange {
    /// Lowest price included, minor units.
    pub min: i64,
    /// First price no longer included, minor units; absent = no upper bound.
    #[serde(default)]
    pub max: Option<i64>,
}

impl PriceRange {
    /// The query-string form, `min-max` or `min-`.
    pub fn to_param(self) -> String {
        match self.max {
            Some(max) => format!("{}-{}", self.min, max),
            None => format!("{}-", self.min),
        }
    }

    /// Parses `min-max` / `min-` (1 to 15 digits each, nothing else); `None` when malformed
    /// or empty (`max <= min`).
    pub fn parse(s: &str) -> Option<PriceRange> {
        let (min, max) = s.split_once('-')?;
        let number = |d: &str| {
            ((1..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
                .then(|| d.parse::<i64>().ok())
                .flatten()
        };
        let min = number(min)?;
        let max = match max {
            "" => None,
            m => {
                let m: i64 = number(m)?;
                if m <= min {
                    return None;
                }
                Some(m)
            }
        };
        Some(PriceRange { min, max })
    }

    /// Whether a price (minor units) falls in the band.
    pub fn contains(self, amount_minor: i64) -> bool {
        amount_minor >= self.min && self.max.is_none_or(|m| amount_minor < m)
    }
}

/// An array of at most `items` strings of at most 100 characters, or of `pattern`.
#[cfg(feature = "openapi")]
fn strings_schema(items: usize, pattern: Option<&str>) -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(pattern.is_none().then_some(100))
                .pattern(pattern),
        )
        .max_items(Some(items))
        .build()
}

#[cfg(feature = "openapi")]
fn facet_values_schema() -> utoipa::openapi::schema::Array {
    strings_schema(20, None)
}

#[cfg(feature = "openapi")]
fn price_bands_schema() -> utoipa::openapi::schema::Array {
    strings_schema(20, Some("^[0-9]{1,15}-([0-9]{1,15})?$"))
}

#[cfg(feature = "openapi")]
fn ids_schema() -> utoipa::openapi::schema::Array {
    // one value may carry several ids, comma-separated (a wishlist in one parameter)
    strings_schema(100, Some("^[^,]{0,100}(,[^,]{0,100}){0,99}$"))
}

/// Query of `GET /v1/products` and `GET /v1/products/facets`. Every field is optional.
///
/// Repeated parameters (`brand=a&brand=b`) select several values of one facet: a product
/// matches when it has any of them (OR); different facets combine with AND.
/// Only the facets (`category`, `brand`, `color`, `size`, `price`) and `ids` repeat; any
/// other parameter given twice is a 400 naming it.
///
/// The server validates it and answers 400 problem+json naming the field when a value is
/// malformed (`limit=abc`) or out of range (`limit=1000`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProductQuery {
    /// Category slugs or ids, repeatable; each includes its sub-categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", param(schema_with = facet_values_schema))]
    pub category: Vec<String>,
    /// Search text: names, brands, categories and descriptions in both languages, Chinese
    /// substrings, full pinyin and pinyin initials, prefixes and one typo per Latin word.
    /// At most 200 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// Brands, repeatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", param(schema_with = facet_values_schema))]
    pub brand: Vec<String>,
    /// Colour codes (`black`), repeatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", param(schema_with = facet_values_schema))]
    pub color: Vec<String>,
    /// Size codes (`m`, `42`), repeatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", param(schema_with = facet_values_schema))]
    pub size: Vec<String>,
    /// Price bands `min-max` in minor units (`0-10000`, `50000-`), repeatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", param(schema_with = price_bands_schema))]
    pub price: Vec<String>,
    /// `true`: only products with a variant on sale.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_sale: bool,
    /// The shopper's store (id): the `in_stock` facet counts stock there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub store: Option<String>,
    /// `true`: only products with a variant in stock at `store` (which it requires).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_stock: bool,
    /// Only these products (comma-separated ids or slugs, at most 100), e.g. a wishlist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", param(schema_with = ids_schema))]
    pub ids: Vec<String>,
    /// Sort order; `relevance` with `q`, `newest` without, when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<ProductSort>,
    /// Page size, 1..=100, default 24.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl ProductQuery {
    /// The query string (without `?`), percent-encoded, fields in a fixed order.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for c in &self.category {
            pairs.push(("category", c.clone()));
        }
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        for b in &self.brand {
            pairs.push(("brand", b.clone()));
        }
        for c in &self.color {
            pairs.push(("color", c.clone()));
        }
        for s in &self.size {
            pairs.push(("size", s.clone()));
        }
        for p in &self.price {
            pairs.push(("price", p.clone()));
        }
        if self.on_sale {
            pairs.push(("on_sale", "true".to_owned()));
        }
        if let Some(st) = &self.store {
            pairs.push(("store", st.clone()));
        }
        if self.in_stock {
            pairs.push(("in_stock", "true".to_owned()));
        }
        if !self.ids.is_empty() {
            pairs.push(("ids", self.ids.join(",")));
        }
        if let Some(s) = self.sort {
            pairs.push(("sort", s.as_str().to_owned()));
        }
        if let Some(l) = self.limit {
            pairs.push(("limit", l.to_string()));
        }
        if let Some(c) = &self.cursor {
            pairs.push(("cursor", c.clone()));
        }
        encode_query(&pairs)
    }
}

/// Which facet a [`Facet`] is; its query parameter is [`FacetCode::param`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FacetCode {
    /// The category tree (`category=`).
    Category,
    /// Price bands (`price=`).
    Price,
    /// Brands (`brand=`).
    Brand,
    /// Colours (`color=`).
    Color,
    /// Sizes (`size=`).
    Size,
    /// On sale (`on_sale=true`), one value `true`.
    OnSale,
    /// In stock at the shopper's store (`in_stock=true` with `store=`), one value `true`;
    /// listed only when the query names a `store`.
    InStock,
}

impl FacetCode {
    /// Every facet, in the order the app shows them.
    pub const ALL: [FacetCode; 7] = [
        FacetCode::InStock,
        FacetCode::Category,
        FacetCode::Price,
        FacetCode::Brand,
        FacetCode::Color,
        FacetCode::Size,
        FacetCode::OnSale,
    ];

    /// The facet selected by the query parameter `param`.
    pub fn from_param(param: &str) -> Option<FacetCode> {
        FacetCode::ALL.into_iter().find(|c| c.param() == param)
    }

    /// The query parameter that selects values of this facet.
    pub fn param(self) -> &'static str {
        match self {
            FacetCode::Category => "category",
            FacetCode::Price => "price",
            FacetCode::Brand => "brand",
            FacetCode::Color => "color",
            FacetCode::Size => "size",
            FacetCode::OnSale => "on_sale",
            FacetCode::InStock => "in_stock",
        }
    }
}

/// One value of a facet with how many products it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FacetValue {
    /// The query-parameter value (`black`, `0-10000`, a category slug, `true`).
    pub value: String,
    /// Display label.
    pub label: LocalizedText,
    /// Products matching every other selected facet plus this value. A value with 0 is
    /// still listed (shown disabled).
    pub count: u64,
    /// Whether the query selects this value.
    pub selected: bool,
    /// For colours: a CSS hex swatch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swatch: Option<String>,
    /// For the category tree: sub-categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<FacetValue>,
}

/// One facet of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Facet {
    /// Which facet.
    pub code: FacetCode,
    /// Display name.
    pub name: LocalizedText,
    /// Its values in display order.
    pub values: Vec<FacetValue>,
}

/// `GET /v1/products/facets`: live facet counts for the same query as `GET /v1/products`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductFacets {
    /// Products matching the whole query.
    pub total: u64,
    /// Facets in display order: in_stock (only with `store`), category, price, brand,
    /// color, size, on_sale.
    pub facets: Vec<Facet>,
    /// With `q`: the query with misspelt words corrected, when a correction exists
    /// ("Did you mean" / "Including results for").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
    /// With `q`: categories whose names match the search, for an empty result page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_categories: Vec<CategoryRef>,
}

/// `GET /v1/search/suggest?q=`: what the search box offers while the shopper types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SearchSuggestions {
    /// The query these suggestions answer (as received, trimmed).
    pub query: String,
    /// Popular past searches that start with or contain the query, at most 5 (8 for an
    /// empty query): searches whose results shoppers opened, each of which finds products.
    pub queries: Vec<String>,
    /// Matching categories, at most 3.
    pub categories: Vec<CategoryRef>,
    /// Best matching products, at most 5.
    pub products: Vec<ProductSummary>,
}

/// `POST /v1/search/clicks`: the shopper opened `product` from the results of the search
/// `q`. The server counts `q` among the popular searches only when `product` is one of its
/// results (in its corrected spelling, at most once per client and query a day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SearchClick {
    /// The search text as the shopper sent it with `GET /v1/products?q=`, 1..=200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub q: String,
    /// The product opened from its results: id (`p_000042`) or slug, 1..=100 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub product: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn product_query_encodes_unicode_and_reserved_characters() {
        let q = ProductQuery {
            category: vec!["shoes".into()],
            q: Some("运动 & \"鞋\"".into()),
            brand: vec!["Acme".into(), "B&O".into()],
            on_sale: true,
            sort: Some(ProductSort::PriceAsc),
            limit: Some(10),
            ..ProductQuery::default()
        };
        assert_eq!(
            q.to_query_string(),
            "category=shoes&q=%E8%BF%90%E5%8A%A8%20%26%20%22%E9%9E%8B%22&brand=Acme&brand=B%26O&on_sale=true&sort=price_asc&limit=10"
        );
    }

    #[test]
    fn sort_round_trips_through_its_query_value() {
        for s in ProductSort::ALL {
            assert_eq!(ProductSort::parse(s.as_str()), Some(s));
        }
        assert_eq!(ProductSort::parse("cheapest"), None);
    }

    #[test]
    fn price_ranges_parse_and_print() {
        let r = PriceRange::parse("10000-20000").unwrap();
        assert_eq!(
            r,
            PriceRange {
                min: 10_000,
                max: Some(20_000)
            }
        );
        assert!(r.contains(10_000) && r.contains(19_999) && !r.contains(20_000));
        assert_eq!(r.to_param(), "10000-20000");
        let open = PriceRange::parse("50000-").unwrap();
        assert!(open.contains(i64::MAX) && !open.contains(49_999));
        assert_eq!(open.to_param(), "50000-");
        for bad in ["", "-", "abc", "-5-10", "20-10", "10-10", "1.5-3", "5"] {
            assert_eq!(PriceRange::parse(bad), None, "{bad:?}");
        }
    }
}
