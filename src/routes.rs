//! Every SPA URL is spelled here and nowhere else: [`AppRoute`] builds hrefs with
//! [`AppRoute::to_href`] and reads them back with [`AppRoute::parse`].

use storefront_api_types::{encode_query, percent_decode, percent_encode, ProductSort};

/// Path segment of category listings: `/category/{slug}`.
pub const SEG_CATEGORY: &str = "category";
/// Path segment of product pages: `/product/{slug}`.
pub const SEG_PRODUCT: &str = "product";
/// Path segment of the search page: `/search`.
pub const SEG_SEARCH: &str = "search";
/// Path segment of the store list: `/stores`.
pub const SEG_STORES: &str = "stores";
/// Path the not-found route renders to (any unknown path parses to [`AppRoute::NotFound`]).
const NOT_FOUND_PATH: &str = "/404";

/// A screen of the app with everything its URL carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AppRoute {
    /// `/`
    #[default]
    Home,
    /// `/category/{slug}?sort=`
    Category {
        /// Category slug.
        slug: String,
        /// Sort order, absent for the default.
        sort: Option<ProductSort>,
    },
    /// `/product/{slug}?variant=`
    Product {
        /// Product slug.
        slug: String,
        /// Selected variant id.
        variant: Option<String>,
    },
    /// `/search?q=&sort=`
    Search {
        /// The words searched for (may be empty).
        q: String,
        /// Sort order, absent for the default.
        sort: Option<ProductSort>,
    },
    /// `/stores`
    Stores,
    /// Any other path.
    NotFound,
}

impl AppRoute {
    /// A category listing with the default sort.
    pub fn category(slug: impl Into<String>) -> Self {
        AppRoute::Category {
            slug: slug.into(),
            sort: None,
        }
    }

    /// A product page without a preselected variant.
    pub fn product(slug: impl Into<String>) -> Self {
        AppRoute::Product {
            slug: slug.into(),
            variant: None,
        }
    }

    /// A search for `q` with the default sort.
    pub fn search(q: impl Into<String>) -> Self {
        AppRoute::Search {
            q: q.into(),
            sort: None,
        }
    }

    /// The href of this route: path and query, percent-encoded.
    pub fn to_href(&self) -> String {
        match self {
            AppRoute::Home => "/".to_owned(),
            AppRoute::Category { slug, sort } => {
                let mut pairs = Vec::new();
                if let Some(s) = sort {
                    pairs.push(("sort", s.as_str().to_owned()));
                }
                with_query(format!("/{SEG_CATEGORY}/{}", percent_encode(slug)), &pairs)
            }
            AppRoute::Product { slug, variant } => {
                let mut pairs = Vec::new();
                if let Some(v) = variant.as_ref().filter(|v| !v.is_empty()) {
                    pairs.push(("variant", v.clone()));
                }
                with_query(format!("/{SEG_PRODUCT}/{}", percent_encode(slug)), &pairs)
            }
            AppRoute::Search { q, sort } => {
                let mut pairs = Vec::new();
                if !q.is_empty() {
                    pairs.push(("q", q.clone()));
                }
                if let Some(s) = sort {
                    pairs.push(("sort", s.as_str().to_owned()));
                }
                with_query(format!("/{SEG_SEARCH}"), &pairs)
            }
            AppRoute::Stores => format!("/{SEG_STORES}"),
            AppRoute::NotFound => NOT_FOUND_PATH.to_owned(),
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
        let sort = || query_value(query, "sort").and_then(|s| ProductSort::parse(&s));
        match segments.as_slice() {
            [] => AppRoute::Home,
            [seg, slug] if *seg == SEG_CATEGORY && !slug.is_empty() => AppRoute::Category {
                slug: decode_segment(slug),
                sort: sort(),
            },
            [seg, slug] if *seg == SEG_PRODUCT && !slug.is_empty() => AppRoute::Product {
                slug: decode_segment(slug),
                variant: query_value(query, "variant").filter(|v| !v.is_empty()),
            },
            [seg] if *seg == SEG_SEARCH => AppRoute::Search {
                q: query_value(query, "q").unwrap_or_default(),
                sort: sort(),
            },
            [seg] if *seg == SEG_STORES => AppRoute::Stores,
            _ => AppRoute::NotFound,
        }
    }
}

fn with_query(path: String, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        path
    } else {
        format!("{path}?{}", encode_query(pairs))
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn round_trip(route: AppRoute) {
        let href = route.to_href();
        let (path, query) = href.split_once('?').unwrap_or((&href, ""));
        assert_eq!(AppRoute::parse(path, query), route, "href {href}");
    }

    #[test]
    fn every_route_round_trips() {
        round_trip(AppRoute::Home);
        round_trip(AppRoute::Stores);
        round_trip(AppRoute::NotFound);
        round_trip(AppRoute::category("shoes"));
        round_trip(AppRoute::Category {
            slug: "shoes".into(),
            sort: Some(ProductSort::PriceDesc),
        });
        round_trip(AppRoute::product("air-runner"));
        round_trip(AppRoute::Product {
            slug: "air-runner".into(),
            variant: Some("v_12".into()),
        });
        round_trip(AppRoute::search(""));
        round_trip(AppRoute::Search {
            q: "运动鞋".into(),
            sort: Some(ProductSort::Name),
        });
        for sort in ProductSort::ALL {
            round_trip(AppRoute::Category {
                slug: "a".into(),
                sort: Some(sort),
            });
        }
    }

    #[test]
    fn chinese_and_reserved_characters_are_encoded_and_survive() {
        let route = AppRoute::Search {
            q: "运动 & \"鞋\"?#/+=%".into(),
            sort: None,
        };
        let href = route.to_href();
        assert!(href.starts_with("/search?q=%E8%BF%90"), "{href}");
        assert!(
            !href[8..].contains(['&', '#', '/', '+', '"', ' ']),
            "{href}"
        );
        round_trip(route);
        let slug = AppRoute::category("女装/上衣 a+b");
        assert_eq!(slug.to_href().matches('/').count(), 2);
        round_trip(slug);
    }

    #[test]
    fn expected_hrefs() {
        assert_eq!(AppRoute::Home.to_href(), "/");
        assert_eq!(AppRoute::category("shoes").to_href(), "/category/shoes");
        assert_eq!(
            AppRoute::Category {
                slug: "shoes".into(),
                sort: Some(ProductSort::PriceAsc)
            }
            .to_href(),
            "/category/shoes?sort=price_asc"
        );
        assert_eq!(
            AppRoute::Product {
                slug: "p".into(),
                variant: Some("v1".into())
            }
            .to_href(),
            "/product/p?variant=v1"
        );
        assert_eq!(AppRoute::search("a b").to_href(), "/search?q=a%20b");
        assert_eq!(AppRoute::Stores.to_href(), "/stores");
    }

    #[test]
    fn parses_browser_forms() {
        assert_eq!(AppRoute::parse("/", ""), AppRoute::Home);
        assert_eq!(AppRoute::parse("", ""), AppRoute::Home);
        assert_eq!(AppRoute::parse("/stores/", ""), AppRoute::Stores);
        // an unencoded path as a browser may show it, and a form-encoded query
        assert_eq!(
            AppRoute::parse("/category/鞋履", "?sort=name"),
            AppRoute::Category {
                slug: "鞋履".into(),
                sort: Some(ProductSort::Name)
            }
        );
        assert_eq!(
            AppRoute::parse("/search", "q=red+shoes&x=1"),
            AppRoute::search("red shoes")
        );
        assert_eq!(
            AppRoute::parse("/search", "sort=bogus"),
            AppRoute::search("")
        );
        assert_eq!(
            AppRoute::parse("/product/p", "variant="),
            AppRoute::product("p")
        );
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for p in [
            "/c/coupon",
            "/category",
            "/category/",
            "/category/a/b",
            "/product",
            "/x",
            "/stores/1",
        ] {
            assert_eq!(AppRoute::parse(p, ""), AppRoute::NotFound, "{p}");
        }
    }
}
