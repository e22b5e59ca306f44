//! The catalogue: categories, products, variants and their options.

mod listing;

pub use listing::*;

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{CategoryId, Image, LocalizedText, Money, ProductId, VariantId};
use crate::time::Timestamp;

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
