//! The storefront's REST wire contract (`/api/v1`).
//!
//! Plain serde types, used by both the SPA and the reference backend, so a change of the
//! contract is one edit that both sides see at compile time. No web framework, no
//! database: only `serde` and (behind the `openapi` feature, server only)
//! `utoipa` schema derives.
//!
//! Conventions:
//! - Money is integer minor units plus an ISO 4217 currency ([`Money`]); never floats.
//! - IDs are opaque strings wrapped in newtypes.
//! - Timestamps are RFC 3339 UTC.
//! - Lists are [`Page`]s with an opaque `next_cursor`.
//! - Errors are RFC 9457 problem details ([`Problem`]) with a machine `code` and
//!   per-field `errors`.

use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

mod encode;
pub use encode::*;

/// The path prefix of every versioned endpoint, relative to the API base (`/api`).
pub const API_VERSION_PREFIX: &str = "/v1";
/// Smallest accepted `limit` for list endpoints.
pub const LIMIT_MIN: u32 = 1;
/// Largest accepted `limit` for list endpoints.
pub const LIMIT_MAX: u32 = 100;
/// `limit` used when the query does not give one.
pub const LIMIT_DEFAULT: u32 = 24;
/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The opaque identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

id_newtype!(
    /// Opaque category identifier.
    CategoryId
);
id_newtype!(
    /// Opaque product identifier.
    ProductId
);
id_newtype!(
    /// Opaque variant (SKU) identifier.
    VariantId
);
id_newtype!(
    /// Opaque store identifier.
    StoreId
);

/// The languages the storefront speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum Lang {
    /// Simplified Chinese (`zh-CN`), the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English (`en`).
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every supported language, default first.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// BCP 47 tag, as used in `<html lang>` and `Accept-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a BCP 47 tag loosely: any `zh*` is Chinese, any `en*` English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A text in every supported language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LocalizedText {
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    /// English.
    pub en: String,
}

impl LocalizedText {
    /// Builds a text from its Chinese and English forms.
    pub fn new(zh_cn: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh_cn: zh_cn.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh_cn,
            Lang::En => &self.en,
        }
    }
}

/// ISO 4217 currency code. The demo brand sells in CNY only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum Currency {
    /// Chinese yuan renminbi: 100 minor units (fen) to the yuan.
    #[default]
    #[serde(rename = "CNY")]
    Cny,
}

impl Currency {
    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
        }
    }

    /// How many decimal places the minor unit has.
    pub fn exponent(self) -> u32 {
        match self {
            Currency::Cny => 2,
        }
    }
}

/// An amount of money in integer minor units (fen for CNY). Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Money {
    /// Amount in minor units: `12900` with `CNY` is ¥129.00.
    pub amount_minor: i64,
    /// ISO 4217 currency code.
    pub currency: Currency,
}

impl Money {
    /// An amount in yuan fen.
    pub const fn cny(amount_minor: i64) -> Self {
        Self {
            amount_minor,
            currency: Currency::Cny,
        }
    }
}

/// An image with its intrinsic size and alternative text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Image {
    /// URL, absolute or relative to the API origin.
    pub url: String,
    /// Intrinsic width in CSS pixels.
    pub width: u32,
    /// Intrinsic height in CSS pixels.
    pub height: u32,
    /// Alternative text.
    pub alt: LocalizedText,
    /// The same picture at other widths, narrowest first, for `srcset`. May be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub srcset: Vec<ImageSource>,
}

/// One width of an [`Image`], for the `srcset` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImageSource {
    /// URL of the picture at this width.
    pub url: String,
    /// Its width in pixels (the `w` descriptor).
    pub width: u32,
}

/// One page of a list, with an opaque cursor to the next page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// How many items the whole list has.
    pub total: u64,
}

/// Service health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    /// `"ok"` when the service and its database answer.
    pub status: String,
    /// Server version.
    pub version: String,
}

// ---------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------

/// An instant, to the second. On the wire an RFC 3339 string in UTC such as
/// `2025-03-01T08:00:00Z`; on input fractions of a second and numeric offsets
/// (`2025-03-01T16:00:00.5+08:00`) are accepted too. Kept as Unix seconds, so the SPA
/// needs no date library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's algorithm).
pub const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month 1-12, day 1-31)` of a day count from 1970-01-01.
pub const fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

const fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Timestamp {
    /// The instant `secs` seconds after 1970-01-01T00:00:00Z.
    pub const fn from_unix(secs: i64) -> Self {
        Self(secs)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub const fn unix(self) -> i64 {
        self.0
    }

    /// The calendar date `(year, month 1-12, day 1-31)` at a fixed UTC offset in seconds
    /// (China is `8 * 3600`).
    pub const fn date_at_offset(self, offset_secs: i64) -> (i64, u32, u32) {
        civil_from_days((self.0 + offset_secs).div_euclid(86_400))
    }

    /// Parses RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, `T` or a space, any case);
    /// `None` for anything else, including impossible dates such as February 30th.
    pub fn parse_rfc3339(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let digits = b.get(from..from + len)?;
            digits.iter().try_fold(0i64, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
            })
        };
        let at = |i: usize, c: u8| b.get(i).is_some_and(|&x| x.eq_ignore_ascii_case(&c));
        if !(at(4, b'-')
            && at(7, b'-')
            && (at(10, b'T') || at(10, b' '))
            && at(13, b':')
            && at(16, b':'))
        {
            return None;
        }
        let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (h, mi, sec) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        if !(1..=12).contains(&mo)
            || d < 1
            || d > days_in_month(y, mo)
            || h > 23
            || mi > 59
            || sec > 60
        {
            return None;
        }
        let mut i = 19;
        if at(i, b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
        let offset = if at(i, b'Z') && i + 1 == b.len() {
            0
        } else if (at(i, b'+') || at(i, b'-')) && at(i + 3, b':') && i + 6 == b.len() {
            let (oh, om) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if at(i, b'-') {
                -o
            } else {
                o
            }
        } else {
            return None;
        };
        // a leap second is read as the second after it
        let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset;
        Some(Self(secs))
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC: `2025-03-01T08:00:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.date_at_offset(0);
        let t = self.0.rem_euclid(86_400);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            t / 3600,
            t / 60 % 60,
            t % 60
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Rfc3339;
        impl serde::de::Visitor<'_> for Rfc3339 {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse_rfc3339(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(Rfc3339)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Timestamp {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .description(Some("RFC 3339 date-time in UTC"))
            .examples(["2025-03-01T08:00:00Z"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl ToSchema for Timestamp {}

// ---------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------

/// A category in the tree (two levels in the demo brand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Category {
    /// Opaque id.
    pub id: CategoryId,
    /// URL slug, unique.
    pub slug: String,
    /// Display name.
    pub name: LocalizedText,
    /// Parent category, absent for top-level categories.
    #[serde(default)]
    pub parent_id: Option<CategoryId>,
    /// Products in this category and its descendants.
    pub product_count: u64,
    /// A picture for the category tile.
    #[serde(default)]
    pub image: Option<Image>,
    /// Sub-categories, in display order.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<Category>,
}

/// `GET /v1/categories`: the category tree, top level first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CategoryTree {
    /// Top-level categories with their children.
    pub data: Vec<Category>,
}

/// A short reference to a category, embedded in products.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CategoryRef {
    /// Opaque id.
    pub id: CategoryId,
    /// URL slug.
    pub slug: String,
    /// Display name.
    pub name: LocalizedText,
}

/// A product as shown on cards in listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductSummary {
    /// Opaque id.
    pub id: ProductId,
    /// URL slug, unique.
    pub slug: String,
    /// Display name.
    pub name: LocalizedText,
    /// Brand name (brand names are not translated).
    pub brand: String,
    /// The category the product belongs to.
    pub category: CategoryRef,
    /// The card image.
    pub image: Image,
    /// Lowest variant price ("from").
    pub price: Money,
    /// Compare-at price of that cheapest variant, when it is on sale.
    #[serde(default)]
    pub compare_at_price: Option<Money>,
    /// When the product was added to the catalogue.
    pub created_at: Timestamp,
}

/// A product option such as colour or size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductOption {
    /// Machine code: `color`, `size`.
    pub code: String,
    /// Display name.
    pub name: LocalizedText,
    /// The values this product offers, in display order.
    pub values: Vec<OptionValue>,
}

/// One value of a product option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OptionValue {
    /// Machine code, unique within the option: `black`, `m`, `42`.
    pub code: String,
    /// Display label.
    pub label: LocalizedText,
    /// For colours: a CSS hex swatch such as `#1f2937`.
    #[serde(default)]
    pub swatch: Option<String>,
}

/// A purchasable variant (one SKU).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Variant {
    /// Opaque id.
    pub id: VariantId,
    /// Stock-keeping unit code.
    pub sku: String,
    /// One option value code per product option, in the order of `Product::options`.
    pub option_values: Vec<String>,
    /// Selling price.
    pub price: Money,
    /// Previous price, present when the variant is on sale.
    #[serde(default)]
    pub compare_at_price: Option<Money>,
}

/// `GET /v1/products/{id_or_slug}`: everything the product page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Product {
    /// Opaque id.
    pub id: ProductId,
    /// URL slug, unique.
    pub slug: String,
    /// Display name.
    pub name: LocalizedText,
    /// Brand name.
    pub brand: String,
    /// Long description.
    pub description: LocalizedText,
    /// The category the product belongs to.
    pub category: CategoryRef,
    /// Gallery images, the first is the main one.
    pub images: Vec<Image>,
    /// Options that distinguish variants.
    pub options: Vec<ProductOption>,
    /// Every variant that exists.
    pub variants: Vec<Variant>,
    /// Specifications (material, care, origin...), in display order.
    #[serde(default)]
    pub specs: Vec<Spec>,
    /// When the product was added to the catalogue.
    pub created_at: Timestamp,
}

/// One line of a product's specifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Spec {
    /// What is specified: "Material".
    pub name: LocalizedText,
    /// Its value: "100% cotton".
    pub value: LocalizedText,
}

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

    /// Parses `min-max` / `min-`; `None` when malformed, negative or empty (`max <= min`).
    pub fn parse(s: &str) -> Option<PriceRange> {
        let (min, max) = s.trim().split_once('-')?;
        let min: i64 = min.trim().parse().ok()?;
        if min < 0 {
            return None;
        }
        let max = match max.trim() {
            "" => None,
            m => {
                let m: i64 = m.parse().ok()?;
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

/// Query of `GET /v1/products` and `GET /v1/products/facets`. Every field is optional.
///
/// Repeated parameters (`brand=a&brand=b`) select several values of one facet: a product
/// matches when it has any of them (OR); different facets combine with AND.
///
/// The server validates it and answers 400 problem+json naming the field when a value is
/// malformed (`limit=abc`) or out of range (`limit=1000`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProductQuery {
    /// Category slugs or ids, repeatable; each includes its sub-categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<String>,
    /// Search text: names, brands, categories and descriptions in both languages, Chinese
    /// substrings, full pinyin and pinyin initials, prefixes and one typo per Latin word.
    /// At most 200 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Brands, repeatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub brand: Vec<String>,
    /// Colour codes (`black`), repeatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub color: Vec<String>,
    /// Size codes (`m`, `42`), repeatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub size: Vec<String>,
    /// Price bands `min-max` in minor units (`0-10000`, `50000-`), repeatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price: Vec<String>,
    /// `true`: only products with a variant on sale.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_sale: bool,
    /// The shopper's store (id): the `in_stock` facet counts stock there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
    /// `true`: only products with a variant in stock at `store` (which it requires).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_stock: bool,
    /// Only these products (comma-separated ids or slugs, at most 100), e.g. a wishlist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// Sort order; `relevance` with `q`, `newest` without, when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<ProductSort>,
    /// Page size, 1..=100, default 24.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    /// Popular past searches that start with or contain the query, at most 5.
    pub queries: Vec<String>,
    /// Matching categories, at most 3.
    pub categories: Vec<CategoryRef>,
    /// Best matching products, at most 5.
    pub products: Vec<ProductSummary>,
}

/// Percent-encodes `key=value` pairs for a URL query (RFC 3986 unreserved kept as is,
/// everything else `%XX`, UTF-8).
pub fn encode_query(pairs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode_into(k, &mut out);
        out.push('=');
        percent_encode_into(v, &mut out);
    }
    out
}

/// Percent-encodes one URL component (path segment or query value).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    percent_encode_into(s, &mut out);
    out
}

fn percent_encode_into(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0x0f) as usize] as char);
        }
    }
}

/// Decodes a percent-encoded URL component; `+` becomes a space (form encoding).
/// Invalid escapes are kept literally; invalid UTF-8 is replaced with U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let hi = (bytes[i + 1] as char).to_digit(16);
                let lo = (bytes[i + 2] as char).to_digit(16);
                match (hi, lo) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------------
// Stores
// ---------------------------------------------------------------------------------------

/// A point on the earth (WGS-84 degrees).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GeoPoint {
    /// Latitude, -90..=90.
    pub lat: f64,
    /// Longitude, -180..=180.
    pub lng: f64,
}

/// Day of the week, ISO numbering (Monday first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
}

/// Opening hours of one weekday, in the store's local time. `open`/`close` are `HH:MM`;
/// a `close` earlier than `open` means the store closes after midnight. Both absent: closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DayHours {
    /// The weekday.
    pub weekday: Weekday,
    /// Opening time, `HH:MM` local; absent when closed all day.
    #[serde(default)]
    pub open: Option<String>,
    /// Closing time, `HH:MM` local; absent when closed all day.
    #[serde(default)]
    pub close: Option<String>,
}

/// Services a store offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StoreService {
    /// Order online, pick up in store.
    Pickup,
    /// Fitting rooms.
    FittingRooms,
    /// One-to-one shopping guide.
    ShoppingGuide,
    /// Returns of online orders.
    Returns,
}

/// A physical store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Store {
    /// Opaque id.
    pub id: StoreId,
    /// URL slug.
    pub slug: String,
    /// Display name.
    pub name: LocalizedText,
    /// City name.
    pub city: LocalizedText,
    /// Street address.
    pub address: LocalizedText,
    /// Telephone number, as dialled in China.
    pub phone: String,
    /// Where the store is.
    pub location: GeoPoint,
    /// IANA time zone of the store, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    /// Regular weekly hours, Monday first, seven entries.
    pub hours: Vec<DayHours>,
    /// Services offered.
    pub services: Vec<StoreService>,
    /// Dates in the coming 60 days whose hours differ from `hours` (holidays).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<HoursException>,
    /// Open now (or at `at`), computed in the store's time zone with its exceptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OpenStatus>,
    /// Great-circle distance from the request's `near`, in metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
}

/// `GET /v1/stores`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StoreList {
    /// Stores: nearest first with `near`, otherwise by city then name.
    pub data: Vec<Store>,
}

/// A date whose hours differ from the weekly pattern (a holiday, a late opening).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HoursException {
    /// The store's local date, `YYYY-MM-DD`.
    pub date: String,
    /// Opening time that day, `HH:MM`; absent (with `close`) when closed all day.
    #[serde(default)]
    pub open: Option<String>,
    /// Closing time that day, `HH:MM`; earlier than `open` means after midnight.
    #[serde(default)]
    pub close: Option<String>,
    /// Why (`春节`, `Christmas Eve`).
    pub note: LocalizedText,
}

/// Whether a store is open at the instant of the request (or `at`), computed in the
/// store's own time zone with its exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OpenStatus {
    /// Open now.
    pub open: bool,
    /// The store's local weekday now.
    pub today: Weekday,
    /// The store's local date now, `YYYY-MM-DD`.
    pub local_date: String,
    /// When it next closes (open) or opens (closed); absent when it does not open again
    /// within the next 14 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_change: Option<OpenChange>,
    /// Today's exception, when today is one (a holiday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<LocalizedText>,
}

/// The next opening or closing of a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OpenChange {
    /// The instant.
    pub at: Timestamp,
    /// The same instant on the store's clock, `HH:MM`.
    pub local_time: String,
    /// Days from the store's today to that day: 0 today, 1 tomorrow...
    pub in_days: u32,
    /// The store's local weekday of that day.
    pub weekday: Weekday,
}

/// `GET /v1/stores` query.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct StoreQuery {
    /// The shopper's position `lat,lng` (degrees, WGS-84): stores come nearest first with
    /// their great-circle `distance_m`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near: Option<String>,
    /// Words of a district, address, city or store name in either language; only
    /// stores matching every word. At most 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// The instant to compute `status` for (RFC 3339); now when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// Formats `lat,lng` for a `near=` parameter (6 decimals, about 0.1 m).
pub fn near_param(p: GeoPoint) -> String {
    format!("{},{}", fixed6(p.lat), fixed6(p.lng))
}

/// `x` with 6 decimals, by integer arithmetic (float formatting would bring a large
/// formatter into the wasm).
pub fn fixed6(x: f64) -> String {
    let n = (x * 1e6).round();
    let n = if n.is_finite() { n as i64 } else { 0 };
    let sign = if n < 0 { "-" } else { "" };
    let a = n.unsigned_abs();
    format!("{sign}{}.{:06}", a / 1_000_000, a % 1_000_000)
}

/// Parses a `near=` value `lat,lng`: both finite, latitude in -90..=90 and longitude in
/// -180..=180. The error says which part is wrong.
pub fn parse_near(s: &str) -> Result<GeoPoint, &'static str> {
    let (lat, lng) = s
        .split_once(',')
        .ok_or("expected `lat,lng` in degrees, e.g. 31.2304,121.4737")?;
    let lat: f64 = lat.trim().parse().map_err(|_| "latitude is not a number")?;
    let lng: f64 = lng
        .trim()
        .parse()
        .map_err(|_| "longitude is not a number")?;
    if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
        return Err("latitude must be between -90 and 90");
    }
    if !lng.is_finite() || !(-180.0..=180.0).contains(&lng) {
        return Err("longitude must be between -180 and 180");
    }
    Ok(GeoPoint { lat, lng })
}

/// Great-circle distance in metres (haversine, mean earth radius 6,371,008.8 m).
pub fn distance_m(a: GeoPoint, b: GeoPoint) -> f64 {
    const R: f64 = 6_371_008.8;
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lng - a.lng).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * h.sqrt().min(1.0).asin()
}

// ---------------------------------------------------------------------------------------
// Stock and availability
// ---------------------------------------------------------------------------------------

/// At or below this many units a store shows "low stock" with the quantity.
pub const LOW_STOCK_AT: u32 = 3;

/// Stock of one variant at one store, as the shopper sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StockStatus {
    /// More than [`LOW_STOCK_AT`] units.
    InStock,
    /// 1..=[`LOW_STOCK_AT`] units.
    LowStock,
    /// None.
    OutOfStock,
}

impl StockStatus {
    /// The status of `quantity` units.
    pub fn of(quantity: u32) -> StockStatus {
        match quantity {
            0 => StockStatus::OutOfStock,
            q if q <= LOW_STOCK_AT => StockStatus::LowStock,
            _ => StockStatus::InStock,
        }
    }
}

/// One store's stock of a variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StoreAvailability {
    /// The store.
    pub store_id: StoreId,
    /// Its display name.
    pub store_name: LocalizedText,
    /// Its city.
    pub city: LocalizedText,
    /// In stock, low or out.
    pub status: StockStatus,
    /// Units on hand and not held by reservations, when the store reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// Whether the store offers reserve-for-pickup.
    pub pickup: bool,
    /// When a reservation made now would be ready to collect (absent when out of stock
    /// or the store offers no pickup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_ready_at: Option<Timestamp>,
    /// When the store last reported this figure.
    pub updated_at: Timestamp,
    /// Great-circle distance from `near`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
}

/// `GET /v1/variants/{id}/availability`: the variant at every store, nearest first with
/// `near`, otherwise by city then name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct VariantAvailability {
    /// The variant.
    pub variant_id: VariantId,
    /// Stores holding at least one unit.
    pub in_stock_stores: u32,
    /// Every store.
    pub data: Vec<StoreAvailability>,
}

/// `PUT /v1/staff/stores/{store_id}/stock/{variant_id}` body: the units on hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StockUpdate {
    /// Units on hand and free to sell, 0..=100000.
    pub quantity: u32,
}

/// A store's stock figure after a staff update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StockLevel {
    /// The store.
    pub store_id: StoreId,
    /// The variant.
    pub variant_id: VariantId,
    /// Units now.
    pub quantity: u32,
    /// When it was set.
    pub updated_at: Timestamp,
}

// ---------------------------------------------------------------------------------------
// Reserve for pickup
// ---------------------------------------------------------------------------------------

/// Most units one reservation may hold.
pub const RESERVE_MAX_QUANTITY: u32 = 5;
/// Longest name on a reservation, in characters.
pub const RESERVE_NAME_MAX: usize = 40;

/// Normalises a mainland China mobile number: optional `+86`/`86`/`0086` prefix, then
/// 11 digits starting `1[3-9]`; spaces and dashes are ignored. `None` for any other shape.
pub fn normalize_cn_mobile(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let rest = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .or_else(|| {
            (digits.len() == 13)
                .then(|| digits.strip_prefix("86"))
                .flatten()
        })
        .unwrap_or(&digits);
    let b = rest.as_bytes();
    (b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1]))
    .then(|| rest.to_owned())
}

/// `POST /v1/reservations` body (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReservationRequest {
    /// The variant to hold.
    pub variant_id: VariantId,
    /// The store to collect from.
    pub store_id: StoreId,
    /// Units, 1..=[`RESERVE_MAX_QUANTITY`].
    pub quantity: u32,
    /// The guest's name, 1..=40 characters.
    pub name: String,
    /// The guest's mainland China mobile number (see [`normalize_cn_mobile`]).
    pub phone: String,
}

/// Where a reservation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    /// Held for the shopper.
    Active,
    /// Collected at the store.
    Collected,
    /// Cancelled by the shopper; stock released.
    Cancelled,
    /// Not collected in time; stock released.
    Expired,
}

/// The reserved item, as it was when reserved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReservedItem {
    /// The product.
    pub product_id: ProductId,
    /// Its slug (product page link).
    pub product_slug: String,
    /// The variant.
    pub variant_id: VariantId,
    /// Its SKU.
    pub sku: String,
    /// Product name.
    pub name: LocalizedText,
    /// The variant's option labels in order ("黑色 / M").
    pub options: LocalizedText,
    /// Unit price.
    pub price: Money,
    /// The product's main picture.
    pub image: Image,
}

/// A reservation: the pickup pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Reservation {
    /// Reservation code shown at the till and carried by the pass's QR code
    /// (10 characters of `0-9A-Z` without `I`, `L`, `O`, `U`); it also reads the reservation.
    pub code: String,
    /// Where it stands.
    pub status: ReservationStatus,
    /// Units held.
    pub quantity: u32,
    /// The item.
    pub item: ReservedItem,
    /// The store, with hours and status.
    pub store: Store,
    /// The guest's name.
    pub name: String,
    /// The phone number with its middle digits hidden (`138****5678`).
    pub phone_masked: String,
    /// When it was made.
    pub created_at: Timestamp,
    /// When the item will be ready to collect.
    pub ready_at: Timestamp,
    /// Until when it is held; then it expires and the stock is released.
    pub hold_until: Timestamp,
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldError {
    /// Where the problem is: a JSON pointer into the body (`/quantity`) or, for a query
    /// parameter or path segment, `#/query/limit` / `#/path/id`.
    pub pointer: String,
    /// What is wrong, in English, for developers.
    pub message: String,
}

/// RFC 9457 problem details, the body of every error (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type", default = "about_blank")]
    pub type_: String,
    /// Short summary of the problem type.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// Explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Machine-readable code, stable across versions: `not_found`, `invalid_query`...
    pub code: String,
    /// The fields that were invalid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

/// Machine codes the server uses in [`Problem::code`].
pub mod codes {
    /// A query parameter is malformed or out of range (400).
    pub const INVALID_QUERY: &str = "invalid_query";
    /// A path segment is malformed (400).
    pub const INVALID_PATH: &str = "invalid_path";
    /// The body is not valid JSON or has the wrong shape (400/422).
    pub const INVALID_BODY: &str = "invalid_body";
    /// The resource does not exist (404).
    pub const NOT_FOUND: &str = "not_found";
    /// The method is not allowed on this path (405).
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// Something failed on the server; details are in its log, never in the answer (500).
    pub const INTERNAL: &str = "internal";
    /// The service cannot answer now (503).
    pub const UNAVAILABLE: &str = "unavailable";
    /// A required header is missing or malformed (400), e.g. `Idempotency-Key`.
    pub const INVALID_HEADER: &str = "invalid_header";
    /// Not enough units at the store for the reservation (409).
    pub const OUT_OF_STOCK: &str = "out_of_stock";
    /// The reservation is no longer active: collected, cancelled or expired (409).
    pub const NOT_ACTIVE: &str = "not_active";
    /// The store does not offer reserve-for-pickup (409).
    pub const PICKUP_UNAVAILABLE: &str = "pickup_unavailable";
    /// The `Idempotency-Key` was used before with a different body (422).
    pub const IDEMPOTENCY_CONFLICT: &str = "idempotency_conflict";
    /// No or an unknown store API key (401).
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// The store API key belongs to another store (403).
    pub const FORBIDDEN: &str = "forbidden";
    /// Every shopping guide of the slot is booked (409).
    pub const SLOT_FULL: &str = "slot_full";
    /// The requested start is not an offered slot: outside the store's hours that day, in
    /// the past, off the half-hour grid or too far ahead (422, pointer `/start`).
    pub const SLOT_UNAVAILABLE: &str = "slot_unavailable";
    /// The store offers no shopping-guide appointments (409).
    pub const GUIDE_UNAVAILABLE: &str = "guide_unavailable";
}

// ---------------------------------------------------------------------------------------
// Virtual tour
// ---------------------------------------------------------------------------------------

/// Smallest field of view a [`View`] may ask for, in degrees.
pub const TOUR_FOV_MIN: f64 = 30.0;
/// Largest field of view a [`View`] may ask for, in degrees.
pub const TOUR_FOV_MAX: f64 = 100.0;

/// A direction and zoom in a panorama, in degrees.
///
/// `yaw` is measured from the panorama's centre column (0), positive to the right,
/// -180..=180; `pitch` is positive up, -90..=90 (0 is the horizon); `fov` is the
/// horizontal field of view, [`TOUR_FOV_MIN`]..=[`TOUR_FOV_MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct View {
    /// Degrees right of the panorama's centre, -180..=180.
    pub yaw: f64,
    /// Degrees above the horizon, -90..=90.
    pub pitch: f64,
    /// Horizontal field of view in degrees, 30..=100.
    pub fov: f64,
}

/// A point on a floor plan as fractions of its width (`x`, from the left) and height
/// (`y`, from the top), each 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanPoint {
    /// Fraction of the plan's width from its left edge, 0..=1.
    pub x: f64,
    /// Fraction of the plan's height from its top edge, 0..=1.
    pub y: f64,
}

/// An equirectangular (2:1) panorama: yaw -180..180 left to right, pitch 90..-90 top
/// to bottom, yaw 0 in the centre column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Panorama {
    /// A small version to show at once (512 x 256).
    pub preview: Image,
    /// The full resolution (4096 x 2048).
    pub full: Image,
}

/// What a hotspot leads to. On the wire an object with a `type` of `scene`, `product`
/// or `info` and that kind's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum HotspotTarget {
    /// Walk to another scene of the same tour.
    Scene {
        /// The scene's id in this tour.
        scene_id: String,
    },
    /// A product shown at this spot (link to its page, add to bag).
    Product {
        /// The product.
        product_id: ProductId,
        /// The variant on display (the colour shown), when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        variant_id: Option<VariantId>,
    },
    /// A note about this spot (fitting rooms, the cash desk).
    Info {
        /// The note.
        text: LocalizedText,
    },
}

/// A clickable point in a panorama.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Hotspot {
    /// Unique within its scene.
    pub id: String,
    /// Degrees right of the panorama's centre, -180..=180 (see [`View`]).
    pub yaw: f64,
    /// Degrees above the horizon, -90..=90.
    pub pitch: f64,
    /// Short label (a product's name, the next scene's name).
    pub label: LocalizedText,
    /// What it leads to.
    pub target: HotspotTarget,
}

/// One standpoint of a tour: its panorama and hotspots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Scene {
    /// Unique within the tour (`entrance`).
    pub id: String,
    /// Display name.
    pub name: LocalizedText,
    /// The panorama taken here.
    pub panorama: Panorama,
    /// Where the viewer looks on arrival.
    pub initial_view: View,
    /// Bearing on the floor plan (degrees clockwise from the plan's up) of the panorama's
    /// yaw 0; a yaw plus this is the direction on the plan. 0..360.
    pub north_offset: f64,
    /// Where the scene is on the floor plan.
    pub plan_position: PlanPoint,
    /// Clickable points: other scenes, products on display, notes.
    pub hotspots: Vec<Hotspot>,
}

/// `GET /v1/stores/{id}/tour`: a store's virtual tour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Tour {
    /// The store.
    pub store_id: StoreId,
    /// A drawing of the shop floor with the scenes marked (north up).
    pub floor_plan: Image,
    /// The scenes, at least one.
    pub scenes: Vec<Scene>,
    /// The id of the scene to start in.
    pub start_scene: String,
}

// ---------------------------------------------------------------------------------------
// Appointments
// ---------------------------------------------------------------------------------------

/// Length of a shopping-guide appointment, in minutes.
pub const GUIDE_SLOT_MINUTES: u32 = 30;
/// How many days after the store's today appointments can be booked (today included).
pub const GUIDE_DAYS_AHEAD: u32 = 14;

/// `GET /v1/stores/{id}/guide-slots` query.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct GuideSlotQuery {
    /// The store's local date, `YYYY-MM-DD`, from its today to 14 days later; its today
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// One bookable half hour with a shopping guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GuideSlot {
    /// When it starts.
    pub start: Timestamp,
    /// When it ends ([`GUIDE_SLOT_MINUTES`] later).
    pub end: Timestamp,
    /// The start on the store's clock, `HH:MM` (pass `date` + `T` + this as `start`).
    pub local_time: String,
    /// Guides on duty in this slot.
    pub capacity: u32,
    /// Guides still free.
    pub remaining: u32,
}

/// The slots of one store on one local date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GuideSlots {
    /// The store.
    pub store_id: StoreId,
    /// The store's local date, `YYYY-MM-DD`.
    pub date: String,
    /// The store's IANA time zone.
    pub time_zone: String,
    /// The slots within that day's opening hours (exceptions included) that have not
    /// started yet, in order; full ones with `remaining` 0. Empty when closed.
    pub slots: Vec<GuideSlot>,
}

/// `POST /v1/appointments` body (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppointmentRequest {
    /// The store.
    pub store_id: StoreId,
    /// The slot's start: an RFC 3339 instant, or the store's local time
    /// `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// The guest's name, 1..=40 characters.
    pub name: String,
    /// The guest's mainland China mobile number (see [`normalize_cn_mobile`]).
    pub phone: String,
}

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// A guide is booked for the guest.
    Booked,
    /// Cancelled by the guest; the slot is free again.
    Cancelled,
}

/// A booked half hour with a shopping guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Appointment {
    /// Appointment code shown at the store and carried by the QR code (10 characters of
    /// `0-9A-Z` without `I`, `L`, `O`, `U`); it also reads the appointment.
    pub code: String,
    /// Where it stands.
    pub status: AppointmentStatus,
    /// The store, with hours and status.
    pub store: Store,
    /// When it starts.
    pub start: Timestamp,
    /// When it ends.
    pub end: Timestamp,
    /// The store's local date of the start, `YYYY-MM-DD`.
    pub local_date: String,
    /// The start on the store's clock, `HH:MM`.
    pub local_time: String,
    /// The guest's name.
    pub name: String,
    /// The phone number with its middle digits hidden (`138****5678`).
    pub phone_masked: String,
    /// When it was booked.
    pub created_at: Timestamp,
}

// ---------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------

/// Machine codes of the member, sign-in, till and coupon problems (`Problem::code`).
pub mod member_codes {
    /// No session: sign in first (401).
    pub const UNAUTHENTICATED: &str = "unauthenticated";
    /// A state-changing request without `X-Requested-With: storefront` or a same-origin
    /// `Origin` (403).
    pub const CSRF: &str = "csrf";
    /// Too many codes sent or tried for this login or client; `Retry-After` says when (429).
    pub const RATE_LIMITED: &str = "rate_limited";
    /// The one-time code is wrong, expired or already used (422, pointer `/code`).
    pub const CODE_INVALID: &str = "code_invalid";
    /// Joining needs agreement to the terms and privacy notice (422, pointer `/agree_terms`).
    pub const TERMS_REQUIRED: &str = "terms_required";
    /// The token's time window has passed (422, pointer to the token field: `/scan_token` at
    /// earn, `/coupon_token` at redeem, `/token` at verify).
    pub const TOKEN_EXPIRED: &str = "token_expired";
    /// The token was used before (409, pointer to the token field, as for [`TOKEN_EXPIRED`]).
    pub const TOKEN_USED: &str = "token_used";
    /// The token is malformed, its signature is wrong, it is of the other kind or not yet
    /// valid (422, pointer to the token field, as for [`TOKEN_EXPIRED`]).
    pub const TOKEN_INVALID: &str = "token_invalid";
    /// The store id is unknown (404, pointer `/store_id`).
    pub const UNKNOWN_STORE: &str = "unknown_store";
    /// This receipt of this store already earned points (409, pointer `/receipt_no`).
    pub const RECEIPT_USED: &str = "receipt_used";
    /// The member holds as many coupons of this offer as allowed (409).
    pub const ALREADY_CLAIMED: &str = "already_claimed";
    /// No coupons of this offer are left (409).
    pub const SOLD_OUT: &str = "sold_out";
    /// The offer is not claimable now: before or after its window (409).
    pub const OFFER_INACTIVE: &str = "offer_inactive";
    /// The wallet coupon was redeemed before (409; at the till, pointer `/coupon_token`).
    pub const COUPON_USED: &str = "coupon_used";
    /// The wallet coupon's validity has ended (409; at the till, pointer `/coupon_token`).
    pub const COUPON_EXPIRED: &str = "coupon_expired";
    /// The coupon is not valid at this store or in store at all (409, pointer `/store_id`).
    pub const COUPON_NOT_VALID_HERE: &str = "coupon_not_valid_here";
}

/// Membership tier, from the points a member has earned in total (lifetime).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// From joining.
    Regular,
    /// From 1,000 lifetime points.
    Silver,
    /// From 5,000 lifetime points.
    Gold,
    /// From 20,000 lifetime points.
    Platinum,
}

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: [Tier; 4] = [Tier::Regular, Tier::Silver, Tier::Gold, Tier::Platinum];

    /// Lifetime points from which a member has this tier.
    pub const fn threshold(self) -> i64 {
        match self {
            Tier::Regular => 0,
            Tier::Silver => 1_000,
            Tier::Gold => 5_000,
            Tier::Platinum => 20_000,
        }
    }

    /// The tier of a lifetime points figure.
    pub fn of(lifetime_points: i64) -> Tier {
        Tier::ALL
            .into_iter()
            .rev()
            .find(|t| lifetime_points >= t.threshold())
            .unwrap_or(Tier::Regular)
    }

    /// The next tier up, `None` at the top.
    pub fn next(self) -> Option<Tier> {
        match self {
            Tier::Regular => Some(Tier::Silver),
            Tier::Silver => Some(Tier::Gold),
            Tier::Gold => Some(Tier::Platinum),
            Tier::Platinum => None,
        }
    }

    /// Points per yuan spent, in tenths: 10 (×1), 12 (×1.2), 15 (×1.5), 20 (×2).
    pub const fn earn_tenths(self) -> i64 {
        match self {
            Tier::Regular => 10,
            Tier::Silver => 12,
            Tier::Gold => 15,
            Tier::Platinum => 20,
        }
    }

    /// Points earned for an amount in fen: 1 point per whole yuan, times the tier's rate,
    /// rounded down; never negative.
    pub fn points_for(self, amount_minor: i64) -> i64 {
        (amount_minor.max(0) / 100).saturating_mul(self.earn_tenths()) / 10
    }

    /// The wire name (`"silver"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Regular => "regular",
            Tier::Silver => "silver",
            Tier::Gold => "gold",
            Tier::Platinum => "platinum",
        }
    }
}

/// A tier with its name and benefits, as shown on the member page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TierInfo {
    /// The tier.
    pub tier: Tier,
    /// Display name.
    pub name: LocalizedText,
    /// Benefits (for example "10% off in store").
    pub benefits: LocalizedText,
    /// Lifetime points from which it applies.
    pub threshold: i64,
}

/// The signed-in member (`GET /api/v1/me`, and the same at `GET /api/v1/me/loyalty`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Member {
    /// Member number, 10 digits: the cashier's fallback when the QR cannot be scanned.
    pub member_no: String,
    /// Masked login (`138****5678` or `w***@example.com`).
    pub login_masked: String,
    /// Current tier with its benefits.
    pub tier: TierInfo,
    /// Points balance (spendable).
    pub points: i64,
    /// Points earned in total (decides the tier).
    pub lifetime_points: i64,
    /// The next tier, `None` at platinum.
    #[serde(default)]
    pub next_tier: Option<TierInfo>,
    /// Lifetime points still needed for the next tier (0 at platinum).
    pub points_to_next: i64,
    /// When the member joined.
    pub joined_at: Timestamp,
}

/// One row of the append-only points ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LedgerEntry {
    /// Ledger id (`l_<n>`).
    pub id: String,
    /// Points added (positive) or taken (negative).
    pub points: i64,
    /// Why: `purchase`, `welcome`, `adjustment`.
    pub reason: String,
    /// The store of an in-store purchase.
    #[serde(default)]
    pub store_id: Option<StoreId>,
    /// Its name.
    #[serde(default)]
    pub store_name: Option<LocalizedText>,
    /// The till's receipt number.
    #[serde(default)]
    pub receipt: Option<String>,
    /// The purchase amount.
    #[serde(default)]
    pub amount: Option<Money>,
    /// When.
    pub at: Timestamp,
}

/// A page of the ledger, newest first (`GET /api/v1/me/loyalty/transactions?cursor=&limit=`).
pub type LedgerPage = Page<LedgerEntry>;

/// One short-lived signed token for a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignedToken {
    /// The QR payload: base64url, 56 characters.
    pub token: String,
    /// Shown from this instant...
    pub valid_from: Timestamp,
    /// ...until this one (exclusive).
    pub valid_until: Timestamp,
}

/// A batch of tokens covering at least ten minutes, to keep on the device: the member QR
/// (`POST /api/v1/me/loyalty/scan-tokens`) or a wallet coupon's redeem QR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenBatch {
    /// Member number (the cashier's fallback).
    pub member_no: String,
    /// Seconds each token is shown.
    pub step_seconds: u32,
    /// Tokens in time order, consecutive windows.
    pub tokens: Vec<SignedToken>,
    /// When the batch was issued.
    pub issued_at: Timestamp,
}

/// `POST /api/v1/auth/code`: send a one-time code to a mobile number or an email address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInCodeRequest {
    /// Mainland China mobile (`138 1234 5678`, `+86` optional) or an email address.
    pub login: String,
}

/// The answer to [`SignInCodeRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInCodeSent {
    /// The login in canonical form (11 digits, or the email in lower case).
    pub login: String,
    /// Whether a member with this login exists (if not, verifying joins and needs
    /// `agree_terms`).
    pub member_exists: bool,
    /// When the code expires.
    pub expires_at: Timestamp,
    /// Seconds before another code can be sent to this login.
    pub resend_after_seconds: u32,
}

/// `POST /api/v1/auth/verify`: the code; joining needs `agree_terms: true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignInVerify {
    /// The login the code was sent to.
    pub login: String,
    /// The six digits.
    pub code: String,
    /// Agreement to the terms and privacy notice (required when joining). We keep only the
    /// login, the points ledger and the wallet, to run the membership.
    #[serde(default)]
    pub agree_terms: bool,
}

/// The answer to [`SignInVerify`] (the session is in the `sf_session` cookie).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignedIn {
    /// Whether this sign-in created the member.
    pub joined: bool,
    /// The member.
    pub member: Member,
}

/// The demo-only last code of a login (`GET /api/v1/demo/last-code?login=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DemoCode {
    /// Canonical login.
    pub login: String,
    /// The code last sent.
    pub code: String,
}

/// Everything stored about the member (`GET /api/v1/me/export`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MemberExport {
    /// The login in full.
    pub login: String,
    /// The member.
    pub member: Member,
    /// When the terms were accepted.
    pub terms_accepted_at: Timestamp,
    /// The whole ledger, newest first.
    pub ledger: Vec<LedgerEntry>,
    /// The whole wallet.
    pub coupons: Vec<WalletCoupon>,
}

/// `POST /api/v1/pos/loyalty/earn` (store key, `Idempotency-Key`): points for a purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EarnRequest {
    /// The scanned member token (from the member QR).
    pub scan_token: String,
    /// The till's store.
    pub store_id: StoreId,
    /// The receipt number, 1 to 64 visible ASCII characters; a receipt earns once per store.
    pub receipt_no: String,
    /// The amount paid (CNY).
    pub amount: Money,
}

/// The answer to [`EarnRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EarnResult {
    /// Member number.
    pub member_no: String,
    /// Tier the points were computed with.
    pub tier: Tier,
    /// Points added.
    pub points: i64,
    /// Balance after.
    pub balance: i64,
    /// The ledger row written.
    pub entry: LedgerEntry,
}

/// `POST /api/v1/pos/loyalty/verify` (store key): checks a member token without using it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenCheck {
    /// The scanned token.
    pub token: String,
    /// The till's store.
    pub store_id: StoreId,
}

/// The answer to [`TokenCheck`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenChecked {
    /// Member number.
    pub member_no: String,
    /// Tier.
    pub tier: Tier,
    /// Until when the token is accepted (its window plus the tolerance).
    pub accepted_until: Timestamp,
}

// ---------------------------------------------------------------------------------------
// Coupons
// ---------------------------------------------------------------------------------------

/// How a coupon takes money off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Discount {
    /// Percent off (1..=90).
    Percent {
        /// Percent.
        percent: u32,
    },
    /// A fixed amount off.
    Amount {
        /// The amount.
        off: Money,
    },
}

/// Where a coupon can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Online only.
    Online,
    /// In store only.
    InStore,
    /// Both.
    Both,
}

/// A claimable coupon (`GET /api/v1/coupons`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Offer {
    /// Code, also the deep link `/c/{code}` (upper case letters and digits).
    pub code: String,
    /// Title.
    pub title: LocalizedText,
    /// Terms.
    pub terms: LocalizedText,
    /// The discount.
    pub discount: Discount,
    /// Spend at least this much; `None` without a threshold.
    #[serde(default)]
    pub min_spend: Option<Money>,
    /// Where it can be used.
    pub channel: Channel,
    /// Stores where valid in store; empty means every store.
    #[serde(default)]
    pub store_ids: Vec<StoreId>,
    /// Category the coupon applies to (`None`: everything).
    #[serde(default)]
    pub category_id: Option<String>,
    /// Claimable and usable from...
    pub valid_from: Timestamp,
    /// ...until (exclusive).
    pub valid_until: Timestamp,
    /// Coupons left to claim.
    pub remaining: u32,
    /// Coupons issued in total.
    pub total: u32,
    /// How many one member may hold.
    pub per_member_limit: u32,
}

/// The offers (`GET /api/v1/coupons`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OfferList {
    /// Claimable now, soonest ending first.
    pub data: Vec<Offer>,
}

/// Status of a wallet coupon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CouponStatus {
    /// Can be used.
    Available,
    /// Redeemed.
    Used,
    /// Its validity ended unused.
    Expired,
}

/// A coupon in the member's wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WalletCoupon {
    /// Wallet coupon id (`wc_<n>`).
    pub id: String,
    /// The code as text for the cashier (`<offer code>-<n>`).
    pub code: String,
    /// Status now.
    pub status: CouponStatus,
    /// The offer it was claimed from.
    pub offer: Offer,
    /// When claimed.
    pub claimed_at: Timestamp,
    /// Usable until (exclusive).
    pub expires_at: Timestamp,
    /// When redeemed.
    #[serde(default)]
    pub used_at: Option<Timestamp>,
    /// Where redeemed.
    #[serde(default)]
    pub used_store_id: Option<StoreId>,
    /// The receipt it was redeemed on.
    #[serde(default)]
    pub used_receipt: Option<String>,
}

/// The wallet grouped by status (`GET /api/v1/me/wallet/coupons?status=`; with `status`,
/// only that group is filled and the others are empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Wallet {
    /// Available, soonest expiry first.
    pub available: Vec<WalletCoupon>,
    /// Used, latest first.
    pub used: Vec<WalletCoupon>,
    /// Expired, latest first.
    pub expired: Vec<WalletCoupon>,
}

/// `POST /api/v1/me/wallet/coupons` (optional `Idempotency-Key`): claim a coupon of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ClaimRequest {
    /// The offer code (any case).
    pub offer: String,
}

/// `POST /api/v1/pos/coupons/redeem` (store key): redeem a wallet coupon from its scanned
/// token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RedeemRequest {
    /// The scanned coupon token (from the wallet coupon's QR).
    pub coupon_token: String,
    /// The till's store.
    pub store_id: StoreId,
    /// The receipt number, 1 to 64 visible ASCII characters.
    pub receipt_no: String,
}

/// The answer to [`RedeemRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RedeemResult {
    /// The coupon, now used.
    pub coupon: WalletCoupon,
    /// The member's number.
    pub member_no: String,
}

/// The member's coupons that apply to a product
/// (`GET /api/v1/me/wallet/coupons/applicable?product=`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApplicableCoupons {
    /// The product.
    pub product_id: ProductId,
    /// Available coupons that apply to it.
    pub data: Vec<WalletCoupon>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn near_parses_and_names_the_wrong_part() {
        let p = parse_near("31.2304, 121.4737").unwrap();
        assert_eq!((p.lat, p.lng), (31.2304, 121.4737));
        assert_eq!(near_param(p), "31.230400,121.473700");
        assert_eq!(fixed6(-0.0000004), "0.000000");
        assert_eq!(fixed6(-12.5), "-12.500000");
        assert_eq!(fixed6(-0.25), "-0.250000");
        assert_eq!(
            parse_near("91,0"),
            Err("latitude must be between -90 and 90")
        );
        assert_eq!(
            parse_near("0,-180.5"),
            Err("longitude must be between -180 and 180")
        );
        assert_eq!(
            parse_near("NaN,0"),
            Err("latitude must be between -90 and 90")
        );
        assert_eq!(parse_near("a,0"), Err("latitude is not a number"));
        assert!(parse_near("31.2").is_err());
    }

    #[test]
    fn great_circle_distances() {
        let shanghai = GeoPoint {
            lat: 31.2304,
            lng: 121.4737,
        };
        let beijing = GeoPoint {
            lat: 39.9042,
            lng: 116.4074,
        };
        let d = distance_m(shanghai, beijing);
        assert!((1_060_000.0..1_075_000.0).contains(&d), "{d}");
        assert_eq!(distance_m(shanghai, shanghai), 0.0);
        let antipode = GeoPoint {
            lat: -31.2304,
            lng: -58.5263,
        };
        assert!((distance_m(shanghai, antipode) - 20_015_114.0).abs() < 1_000.0);
    }

    #[test]
    fn mainland_mobile_numbers() {
        for ok in [
            "13812345678",
            "+86 138 1234 5678",
            "0086-138-1234-5678",
            "8619912345678",
        ] {
            assert!(normalize_cn_mobile(ok).is_some(), "{ok}");
        }
        assert_eq!(
            normalize_cn_mobile("+86 138-1234-5678").as_deref(),
            Some("13812345678")
        );
        for bad in [
            "",
            "1381234567",
            "138123456789",
            "12812345678",
            "23812345678",
            "1381234567a",
            "+1 138 1234 5678",
            "021-12345678",
        ] {
            assert_eq!(normalize_cn_mobile(bad), None, "{bad}");
        }
    }

    #[test]
    fn stock_status_thresholds() {
        assert_eq!(StockStatus::of(0), StockStatus::OutOfStock);
        assert_eq!(StockStatus::of(1), StockStatus::LowStock);
        assert_eq!(StockStatus::of(LOW_STOCK_AT), StockStatus::LowStock);
        assert_eq!(StockStatus::of(LOW_STOCK_AT + 1), StockStatus::InStock);
    }

    #[test]
    fn timestamps_are_rfc3339_utc_on_the_wire() {
        let t = Timestamp::parse_rfc3339("2025-03-01T08:00:00Z").unwrap();
        assert_eq!(t.unix(), 1_740_816_000);
        assert_eq!(t.to_string(), "2025-03-01T08:00:00Z");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#""2025-03-01T08:00:00Z""#
        );
        let back: Timestamp = serde_json::from_str(r#""2025-03-01T08:00:00Z""#).unwrap();
        assert_eq!(back, t);
        // offsets, fractions, a space and lower case name the same instant
        for same in [
            "2025-03-01T16:00:00+08:00",
            "2025-03-01T08:00:00.999Z",
            "2025-03-01 08:00:00z",
            "2025-03-01t03:30:00-04:30",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(same), Some(t), "{same}");
        }
        // the epoch, before it, leap days, the end of a year
        assert_eq!(Timestamp::from_unix(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_unix(-1).to_string(), "1969-12-31T23:59:59Z");
        let leap = Timestamp::parse_rfc3339("2024-02-29T23:59:59Z").unwrap();
        assert_eq!(leap.to_string(), "2024-02-29T23:59:59Z");
        assert_eq!(
            Timestamp::from_unix(leap.unix() + 1).to_string(),
            "2024-03-01T00:00:00Z"
        );
        let eve = Timestamp::parse_rfc3339("2024-12-31T20:00:00Z").unwrap();
        assert_eq!(eve.date_at_offset(0), (2024, 12, 31));
        assert_eq!(eve.date_at_offset(8 * 3600), (2025, 1, 1));
        // every day of four centuries survives a round trip
        let mut day = Timestamp::parse_rfc3339("1900-01-01T12:00:00Z")
            .unwrap()
            .unix();
        let end = Timestamp::parse_rfc3339("2300-01-01T12:00:00Z")
            .unwrap()
            .unix();
        while day < end {
            let text = Timestamp::from_unix(day).to_string();
            assert_eq!(
                Timestamp::parse_rfc3339(&text).unwrap().unix(),
                day,
                "{text}"
            );
            day += 86_400;
        }
    }

    #[test]
    fn bad_timestamps_are_refused() {
        for bad in [
            "",
            "2025-03-01",
            "2025-03-01T08:00:00",
            "2025-02-29T08:00:00Z",
            "2024-02-30T08:00:00Z",
            "2025-13-01T08:00:00Z",
            "2025-00-10T08:00:00Z",
            "2025-04-31T08:00:00Z",
            "2025-03-01T24:00:00Z",
            "2025-03-01T08:60:00Z",
            "2025-03-01T08:00:00.Z",
            "2025-03-01T08:00:00+8:00",
            "2025-03-01T08:00:00+08:00x",
            "2025-03-01T08:00:00Zjunk",
            "２０２５-03-01T08:00:00Z",
            "+025-03-01T08:00:00Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(bad), None, "{bad:?}");
        }
        let err = serde_json::from_str::<Timestamp>(r#""yesterday""#).unwrap_err();
        assert!(err.to_string().contains("RFC 3339"), "{err}");
        assert!(serde_json::from_str::<Timestamp>("1740816000").is_err());
    }

    #[test]
    fn money_serializes_as_minor_units_and_iso_code() {
        let json = serde_json::to_string(&Money::cny(12_900)).unwrap();
        assert_eq!(json, r#"{"amount_minor":12900,"currency":"CNY"}"#);
    }

    #[test]
    fn localized_text_uses_bcp47_keys() {
        let t = LocalizedText::new("运动鞋", "Sneakers");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"zh-CN":"运动鞋","en":"Sneakers"}"#);
        assert_eq!(t.get(Lang::En), "Sneakers");
        assert_eq!(t.get(Lang::ZhCn), "运动鞋");
    }

    #[test]
    fn lang_parses_browser_tags() {
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }

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
    fn percent_decode_inverts_encode() {
        for s in ["运动鞋", "a b&c=d", "100%", "😀 mixed 中文", ""] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
        assert_eq!(percent_decode("a+b%2"), "a b%2");
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

    #[test]
    fn problem_omits_empty_fields_and_names_type() {
        let p = Problem {
            type_: "about:blank".into(),
            title: "Not Found".into(),
            status: 404,
            detail: None,
            code: codes::NOT_FOUND.into(),
            errors: vec![],
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"type":"about:blank","title":"Not Found","status":404,"code":"not_found"}"#
        );
    }

    #[test]
    fn tour_targets_are_tagged_objects() {
        let t = HotspotTarget::Product {
            product_id: ProductId::from("p_000001"),
            variant_id: None,
        };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"type":"product","product_id":"p_000001"}"#
        );
        let s: HotspotTarget =
            serde_json::from_str(r#"{"type":"scene","scene_id":"back"}"#).unwrap();
        assert_eq!(
            s,
            HotspotTarget::Scene {
                scene_id: "back".to_owned()
            }
        );
        let i: HotspotTarget = serde_json::from_str(
            r#"{"type":"info","text":{"zh-CN":"试衣间","en":"Fitting rooms"}}"#,
        )
        .unwrap();
        assert!(matches!(i, HotspotTarget::Info { .. }));
        assert!(serde_json::from_str::<HotspotTarget>(r#"{"type":"door"}"#).is_err());
    }

    #[test]
    fn tiers_and_points() {
        assert_eq!(Tier::of(0), Tier::Regular);
        assert_eq!(Tier::of(999), Tier::Regular);
        assert_eq!(Tier::of(1_000), Tier::Silver);
        assert_eq!(Tier::of(25_000), Tier::Platinum);
        assert_eq!(Tier::Regular.points_for(19_900), 199);
        assert_eq!(Tier::Silver.points_for(19_900), 238);
        assert_eq!(Tier::Platinum.points_for(19_999), 398);
        assert_eq!(Tier::Gold.points_for(-5), 0);
        assert_eq!(serde_json::to_string(&Tier::Gold).unwrap(), r#""gold""#);
        let d = Discount::Amount {
            off: Money::cny(2_000),
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"type":"amount","off":{"amount_minor":2000,"currency":"CNY"}}"#
        );
        assert_eq!(
            serde_json::to_string(&Channel::InStore).unwrap(),
            r#""in_store""#
        );
    }

    #[test]
    fn till_requests_use_the_contract_field_names() {
        let earn = EarnRequest {
            scan_token: "t".to_owned(),
            store_id: StoreId("s_sh_jingan".to_owned()),
            receipt_no: "R1".to_owned(),
            amount: Money::cny(100),
        };
        assert_eq!(
            serde_json::to_string(&earn).unwrap(),
            r#"{"scan_token":"t","store_id":"s_sh_jingan","receipt_no":"R1","amount":{"amount_minor":100,"currency":"CNY"}}"#
        );
        let old = r#"{"token":"t","store_id":"s_sh_jingan","receipt":"R1","amount":{"amount_minor":100,"currency":"CNY"}}"#;
        let err = serde_json::from_str::<EarnRequest>(old).unwrap_err();
        assert!(err.to_string().contains("scan_token"), "{err}");
        let redeem = RedeemRequest {
            coupon_token: "c".to_owned(),
            store_id: StoreId("s_sh_jingan".to_owned()),
            receipt_no: "R2".to_owned(),
        };
        assert_eq!(
            serde_json::to_string(&redeem).unwrap(),
            r#"{"coupon_token":"c","store_id":"s_sh_jingan","receipt_no":"R2"}"#
        );
        let old = r#"{"token":"c","store_id":"s_sh_jingan","receipt":"R2"}"#;
        let err = serde_json::from_str::<RedeemRequest>(old).unwrap_err();
        assert!(err.to_string().contains("coupon_token"), "{err}");
    }
}
