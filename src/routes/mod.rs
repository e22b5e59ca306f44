//! Every SPA URL is spelled here and nowhere else: [`AppRoute`] builds hrefs with
//! [`AppRoute::to_href`] and reads them back with [`AppRoute::parse`].
//!
//! Listings (category and search) carry their [`ListingFilters`] in the query string, in
//! one canonical order (`q`, `category`, `brand`, `color`, `size`, `price`, `on_sale`,
//! `sort`), each repeated key's values sorted and without duplicates, so one selection has
//! exactly one URL: `/category/women?category=dresses&category=tops&brand=B%26O&price=0-10000&on_sale=true&sort=price_asc`.

mod tenths;

use storefront_api_types::{
    encode_query, percent_decode, percent_encode, FacetCode, PriceRange, ProductQuery, ProductSort,
};
pub use tenths::{format_tenths, parse_tenths};

/// Path segment of category listings: `/category/{slug}`.
pub const SEG_CATEGORY: &str = "category";
/// Path segment of product pages: `/product/{slug}`.
pub const SEG_PRODUCT: &str = "product";
/// Path segment of the search page: `/search`.
pub const SEG_SEARCH: &str = "search";
/// Path segment of the store list: `/stores`.
pub const SEG_STORES: &str = "stores";
/// Path segment of a store's virtual tour: `/stores/{id}/tour`.
pub const SEG_TOUR: &str = "tour";
/// Path segment of the wishlist: `/wishlist`.
pub const SEG_WISHLIST: &str = "wishlist";
/// Path segment of pickup reservations: `/reservations`, `/reservations/{code}`.
pub const SEG_RESERVATIONS: &str = "reservations";
/// Path segment of the member pages: `/member`, `/member/code`.
pub const SEG_MEMBER: &str = "member";
/// `/member/code`: the rotating member QR.
pub const SEG_MEMBER_CODE: &str = "code";
/// Path segment of the coupon wallet: `/wallet`, `/wallet/{id}`.
pub const SEG_WALLET: &str = "wallet";
/// Path segment of coupon deep links on posters and campaigns: `/c/{code}`.
pub const SEG_CLAIM: &str = "c";
/// Path the not-found route renders to (any unknown path parses to [`AppRoute::NotFound`]).
const NOT_FOUND_PATH: &str = "/404";

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
    /// Only products in stock at the shopper's store.
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

    /// The same sort with no facet selected.
    pub fn cleared(&self) -> ListingFilters {
        ListingFilters {
            sort: self.sort,
            store: self.store.clone(),
            ..Default::default()
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
    fn push_pairs(&self, pairs: &mut Vec<(&'static str, String)>) {
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
        if self.in_stock {
            pairs.push(("in_stock", "true".to_owned()));
        }
        if let Some(s) = self.sort {
            pairs.push(("sort", s.as_str().to_owned()));
        }
    }

    /// Reads the filters from a query string (without `?`); unknown keys and malformed
    /// values are dropped.
    pub fn from_query(query: &str) -> ListingFilters {
        let mut f = ListingFilters::default();
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

/// A screen of the app with everything its URL carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AppRoute {
    /// `/`
    #[default]
    Home,
    /// `/category/{slug}?category=&brand=&color=&size=&price=&on_sale=&sort=`
    Category {
        /// Category slug.
        slug: String,
        /// Sub-category selection, facets and sort.
        filters: ListingFilters,
    },
    /// `/product/{slug}?variant=`
    Product {
        /// Product slug.
        slug: String,
        /// Selected variant id.
        variant: Option<String>,
    },
    /// `/search?q=&category=&brand=&color=&size=&price=&on_sale=&sort=`
    Search {
        /// The words searched for (may be empty: every product).
        q: String,
        /// Facets and sort.
        filters: ListingFilters,
    },
    /// `/stores`
    Stores,
    /// `/stores/{store}/tour?scene=&yaw=&pitch=&fov=`: a store's virtual tour, at a scene
    /// and a view (so a shared link or a kiosk QR opens the same view).
    Tour {
        /// Store id.
        store: String,
        /// Scene id; the tour's start scene when absent.
        scene: Option<String>,
        /// Yaw in tenths of a degree (see [`parse_tenths`]).
        yaw: Option<i32>,
        /// Pitch in tenths of a degree.
        pitch: Option<i32>,
        /// Horizontal field of view in tenths of a degree.
        fov: Option<i32>,
    },
    /// `/wishlist`
    Wishlist,
    /// `/reservations`: the pickup passes kept on this device.
    Reservations,
    /// `/reservations/{code}`: one pickup pass.
    Reservation {
        /// Reservation code.
        code: String,
    },
    /// `/member`: the member page (sign-in or join when signed out).
    Member,
    /// `/member/code`: the rotating member QR for points at the till.
    MemberCode,
    /// `/wallet`: offers to claim and the member's coupons.
    Wallet,
    /// `/wallet/{id}`: one wallet coupon with its redeem QR.
    Coupon {
        /// Wallet coupon id.
        id: String,
    },
    /// `/c/{code}`: claim the offer `code` (posters, campaigns).
    Claim {
        /// Offer code.
        code: String,
    },
    /// Any other path.
    NotFound,
}

impl AppRoute {
    /// A category listing with no filter and the default sort.
    pub fn category(slug: impl Into<String>) -> Self {
        AppRoute::Category {
            slug: slug.into(),
            filters: ListingFilters::default(),
        }
    }

    /// A product page without a preselected variant.
    pub fn product(slug: impl Into<String>) -> Self {
        AppRoute::Product {
            slug: slug.into(),
            variant: None,
        }
    }

    /// A search for `q` with no filter and the default sort.
    pub fn search(q: impl Into<String>) -> Self {
        AppRoute::Search {
            q: q.into(),
            filters: ListingFilters::default(),
        }
    }

    /// A search for `q` sorted by `sort` (e.g. every product, newest first).
    pub fn search_sorted(q: impl Into<String>, sort: ProductSort) -> Self {
        AppRoute::Search {
            q: q.into(),
            filters: ListingFilters {
                sort: Some(sort),
                ..Default::default()
            },
        }
    }

    /// The listing filters of a category or search route.
    pub fn filters(&self) -> Option<&ListingFilters> {
        match self {
            AppRoute::Category { filters, .. } | AppRoute::Search { filters, .. } => Some(filters),
            _ => None,
        }
    }

    /// The same listing with other filters (other routes are returned unchanged).
    pub fn with_filters(self, filters: ListingFilters) -> Self {
        match self {
            AppRoute::Category { slug, .. } => AppRoute::Category { slug, filters },
            AppRoute::Search { q, .. } => AppRoute::Search { q, filters },
            other => other,
        }
    }

    /// The href of this route: path and query, percent-encoded.
    pub fn to_href(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let path = match self {
            AppRoute::Home => "/".to_owned(),
            AppRoute::Category { slug, filters } => {
                filters.push_pairs(&mut pairs);
                format!("/{SEG_CATEGORY}/{}", percent_encode(slug))
            }
            AppRoute::Product { slug, variant } => {
                if let Some(v) = variant.as_ref().filter(|v| !v.is_empty()) {
                    pairs.push(("variant", v.clone()));
                }
                format!("/{SEG_PRODUCT}/{}", percent_encode(slug))
            }
            AppRoute::Search { q, filters } => {
                if !q.is_empty() {
                    pairs.push(("q", q.clone()));
                }
                filters.push_pairs(&mut pairs);
                format!("/{SEG_SEARCH}")
            }
            AppRoute::Stores => format!("/{SEG_STORES}"),
            AppRoute::Tour {
                store,
                scene,
                yaw,
                pitch,
                fov,
            } => {
                if let Some(s) = scene.as_ref().filter(|s| !s.is_empty()) {
                    pairs.push(("scene", s.clone()));
                }
                for (key, v) in [("yaw", yaw), ("pitch", pitch), ("fov", fov)] {
                    if let Some(t) = v {
                        pairs.push((key, format_tenths(*t)));
                    }
                }
                format!("/{SEG_STORES}/{}/{SEG_TOUR}", percent_encode(store))
            }
            AppRoute::Wishlist => format!("/{SEG_WISHLIST}"),
            AppRoute::Reservations => format!("/{SEG_RESERVATIONS}"),
            AppRoute::Reservation { code } => {
                format!("/{SEG_RESERVATIONS}/{}", percent_encode(code))
            }
            AppRoute::Member => format!("/{SEG_MEMBER}"),
            AppRoute::MemberCode => format!("/{SEG_MEMBER}/{SEG_MEMBER_CODE}"),
            AppRoute::Wallet => format!("/{SEG_WALLET}"),
            AppRoute::Coupon { id } => format!("/{SEG_WALLET}/{}", percent_encode(id)),
            AppRoute::Claim { code } => format!("/{SEG_CLAIM}/{}", percent_encode(code)),
            AppRoute::NotFound => NOT_FOUND_PATH.to_owned(),
        };
        if pairs.is_empty() {
            path
        } else {
            format!("{path}?{}", encode_query(&pairs))
        }
    }

    /// Reads a route from a URL path (encoded or not) and query string (with or without `?`).
    pub fn parse(path: &str, query: &str) -> AppRoute {
        let trimmed = path.strip_prefix('/').unwrap_or(path).trim_end_matches('/');
        let segments: Vec<&str> = if trimmed.is_empty() {
            Vec::new()
        } else {
            trimmed.split('/').collect()
        };
        let query = query.strip_prefix('?').unwrap_or(query);
        match segments.as_slice() {
            [] => AppRoute::Home,
            [seg, slug] if *seg == SEG_CATEGORY && !slug.is_empty() => AppRoute::Category {
                slug: decode_segment(slug),
                filters: ListingFilters::from_query(query),
            },
            [seg, slug] if *seg == SEG_PRODUCT && !slug.is_empty() => AppRoute::Product {
                slug: decode_segment(slug),
                variant: query_value(query, "variant").filter(|v| !v.is_empty()),
            },
            [seg] if *seg == SEG_SEARCH => AppRoute::Search {
                q: query_value(query, "q").unwrap_or_default(),
                filters: ListingFilters::from_query(query),
            },
            [seg] if *seg == SEG_STORES => AppRoute::Stores,
            [seg, store, sub] if *seg == SEG_STORES && *sub == SEG_TOUR && !store.is_empty() => {
                let tenths = |key| query_value(query, key).and_then(|v| parse_tenths(&v));
                AppRoute::Tour {
                    store: decode_segment(store),
                    scene: query_value(query, "scene").filter(|v| !v.is_empty()),
                    yaw: tenths("yaw"),
                    pitch: tenths("pitch"),
                    fov: tenths("fov"),
                }
            }
            [seg] if *seg == SEG_WISHLIST => AppRoute::Wishlist,
            [seg] if *seg == SEG_RESERVATIONS => AppRoute::Reservations,
            [seg, code] if *seg == SEG_RESERVATIONS && !code.is_empty() => AppRoute::Reservation {
                code: decode_segment(code),
            },
            [seg] if *seg == SEG_MEMBER => AppRoute::Member,
            [seg, sub] if *seg == SEG_MEMBER && *sub == SEG_MEMBER_CODE => AppRoute::MemberCode,
            [seg] if *seg == SEG_WALLET => AppRoute::Wallet,
            [seg, id] if *seg == SEG_WALLET && !id.is_empty() => AppRoute::Coupon {
                id: decode_segment(id),
            },
            [seg, code] if *seg == SEG_CLAIM && !code.is_empty() => AppRoute::Claim {
                code: decode_segment(code),
            },
            _ => AppRoute::NotFound,
        }
    }
}

/// A path segment: `+` is literal there, unlike in a query.
fn decode_segment(s: &str) -> String {
    percent_decode(&s.replace('+', "%2B"))
}

/// The first value of `key` in a query string, decoded.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k) == key).then(|| percent_decode(v))
    })
}

#[cfg(test)]
mod tests;
