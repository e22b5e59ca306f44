//! Every SPA URL is spelled here and nowhere else: [`AppRoute`] builds hrefs with
//! [`AppRoute::to_href`] and reads them back with [`AppRoute::parse`].
//!
//! Listings (category and search) carry their [`ListingFilters`] in the query string, in
//! one canonical order (`q`, `category`, `brand`, `color`, `size`, `price`, `on_sale`,
//! `sort`), each repeated key's values sorted and without duplicates, so one selection has
//! exactly one URL: `/category/women?category=dresses&category=tops&brand=B%26O&price=0-10000&on_sale=true&sort=price_asc`.

mod filters;
mod tenths;

pub use filters::ListingFilters;

use storefront_api_types::{encode_query, percent_decode, percent_encode, ProductSort};
pub use tenths::{format_tenths, parse_tenths};

/// Path segment of category listings: `/category/{slug}`.
pub const SEG_CATEGORY: &str = "category";
/// Path segment of product pages: `/product/{slug}`.
pub const SEG_PRODUCT: &str = "product";
/// Path segment of the search page: `/search`.
pub const SEG_SEARCH: &str = "search";
/// The search page's path (`/` + [`SEG_SEARCH`]): the search form's `action`, where the words
/// go as `q` when the app has not taken over a server's copy of the page yet.
pub const SEARCH_PATH: &str = "/search";
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
/// Path segment of the marketing workspace: `/marketing`, `/marketing/new`,
/// `/marketing/campaigns/{slug}`, `/marketing/campaigns/{slug}/results`.
pub const SEG_MARKETING: &str = "marketing";
/// `/marketing/new`: a new campaign.
pub const SEG_MARKETING_NEW: &str = "new";
/// `/marketing/campaigns/{slug}`.
pub const SEG_MARKETING_CAMPAIGNS: &str = "campaigns";
/// `/marketing/campaigns/{slug}/results`.
pub const SEG_MARKETING_RESULTS: &str = "results";
/// `/marketing/insight`: the insight dashboard (marketing and store staff).
pub const SEG_MARKETING_INSIGHT: &str = "insight";
/// `/privacy`: the shopper's privacy choices and the notice.
pub const SEG_PRIVACY: &str = "privacy";
/// Path segment of campaign pages: `/campaign/{slug}`.
pub const SEG_CAMPAIGN: &str = "campaign";
/// Path segment of embedded pages: `/embed/campaign/{slug}` (framed by partner sites).
pub const SEG_EMBED: &str = "embed";
/// `/kiosk`: pairing this screen as a store's kiosk.
pub const SEG_KIOSK: &str = "kiosk";
/// `/h/{token}`: a kiosk's hand-off, opened on the shopper's phone.
pub const SEG_HANDOFF: &str = "h";
/// Path the not-found route renders to (any unknown path parses to [`AppRoute::NotFound`]).
const NOT_FOUND_PATH: &str = "/404";

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
    /// `/marketing`: the marketing workspace (sign-in, then the campaigns).
    Marketing,
    /// `/marketing/new` (no slug) or `/marketing/campaigns/{slug}`: the campaign editor.
    MarketingEditor {
        /// The campaign's slug; `None` for a new campaign.
        slug: Option<String>,
    },
    /// `/marketing/campaigns/{slug}/results`: a campaign's results.
    MarketingResults {
        /// The campaign's slug.
        slug: String,
    },
    /// `/marketing/insight`: the insight dashboard (funnel, stock-outs, coupons, tour,
    /// search).
    MarketingInsight,
    /// `/privacy`: the shopper's privacy choices (per purpose) and the notice.
    Privacy,
    /// `/campaign/{slug}?handoff=&preview=1`: a campaign page; `handoff` is the token of a
    /// claim started inside an embed, completed here.
    Campaign {
        /// Campaign slug.
        slug: String,
        /// Claim hand-off token.
        handoff: Option<String>,
        /// The marketing editor's preview (any state, read with the marketing session).
        preview: bool,
    },
    /// `/embed/campaign/{slug}?parent=&lang=`: the campaign page framed by a partner site
    /// (no header, footer or tab bar), talking to `parent` (the host page's origin).
    CampaignEmbed {
        /// Campaign slug.
        slug: String,
        /// The origin of the host page.
        parent: Option<String>,
        /// The language the host asked for (`zh-CN`, `en`).
        lang: Option<String>,
        /// The marketing editor's preview.
        preview: bool,
    },
    /// `/kiosk`: pairing this screen as a store's kiosk (with a code from the staff API).
    Kiosk,
    /// `/h/{token}`: what a kiosk handed over, restored on the shopper's phone.
    Handoff {
        /// The single-use hand-off token.
        token: String,
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
            AppRoute::Marketing => format!("/{SEG_MARKETING}"),
            AppRoute::MarketingInsight => format!("/{SEG_MARKETING}/{SEG_MARKETING_INSIGHT}"),
            AppRoute::Privacy => format!("/{SEG_PRIVACY}"),
            AppRoute::Kiosk => format!("/{SEG_KIOSK}"),
            AppRoute::Handoff { token } => format!("/{SEG_HANDOFF}/{}", percent_encode(token)),
            AppRoute::MarketingEditor { slug: None } => {
                format!("/{SEG_MARKETING}/{SEG_MARKETING_NEW}")
            }
            AppRoute::MarketingEditor { slug: Some(slug) } => format!(
                "/{SEG_MARKETING}/{SEG_MARKETING_CAMPAIGNS}/{}",
                percent_encode(slug)
            ),
            AppRoute::MarketingResults { slug } => format!(
                "/{SEG_MARKETING}/{SEG_MARKETING_CAMPAIGNS}/{}/{SEG_MARKETING_RESULTS}",
                percent_encode(slug)
            ),
            AppRoute::Campaign {
                slug,
                handoff,
                preview,
            } => {
                if let Some(h) = handoff.as_ref().filter(|h| !h.is_empty()) {
                    pairs.push(("handoff", h.clone()));
                }
                if *preview {
                    pairs.push(("preview", "1".to_owned()));
                }
                format!("/{SEG_CAMPAIGN}/{}", percent_encode(slug))
            }
            AppRoute::CampaignEmbed {
                slug,
                parent,
                lang,
                preview,
            } => {
                if *preview {
                    pairs.push(("preview", "1".to_owned()));
                }
                for (key, v) in [("parent", parent), ("lang", lang)] {
                    if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                        pairs.push((key, v.clone()));
                    }
                }
                format!("/{SEG_EMBED}/{SEG_CAMPAIGN}/{}", percent_encode(slug))
            }
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
            [seg] if *seg == SEG_KIOSK => AppRoute::Kiosk,
            [seg, token] if *seg == SEG_HANDOFF && !token.is_empty() => AppRoute::Handoff {
                token: decode_segment(token),
            },
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
            [seg] if *seg == SEG_MARKETING => AppRoute::Marketing,
            [seg, sub] if *seg == SEG_MARKETING && *sub == SEG_MARKETING_NEW => {
                AppRoute::MarketingEditor { slug: None }
            }
            [seg, sub] if *seg == SEG_MARKETING && *sub == SEG_MARKETING_INSIGHT => {
                AppRoute::MarketingInsight
            }
            [seg] if *seg == SEG_PRIVACY => AppRoute::Privacy,
            [seg, sub, slug]
                if *seg == SEG_MARKETING && *sub == SEG_MARKETING_CAMPAIGNS && !slug.is_empty() =>
            {
                AppRoute::MarketingEditor {
                    slug: Some(decode_segment(slug)),
                }
            }
            [seg, sub, slug, results]
                if *seg == SEG_MARKETING
                    && *sub == SEG_MARKETING_CAMPAIGNS
                    && *results == SEG_MARKETING_RESULTS
                    && !slug.is_empty() =>
            {
                AppRoute::MarketingResults {
                    slug: decode_segment(slug),
                }
            }
            [seg, slug] if *seg == SEG_CAMPAIGN && !slug.is_empty() => AppRoute::Campaign {
                slug: decode_segment(slug),
                handoff: query_value(query, "handoff").filter(|v| !v.is_empty()),
                preview: query_value(query, "preview").as_deref() == Some("1"),
            },
            [seg, sub, slug] if *seg == SEG_EMBED && *sub == SEG_CAMPAIGN && !slug.is_empty() => {
                let value = |key| query_value(query, key).filter(|v| !v.is_empty());
                AppRoute::CampaignEmbed {
                    slug: decode_segment(slug),
                    parent: value("parent"),
                    lang: value("lang"),
                    preview: query_value(query, "preview").as_deref() == Some("1"),
                }
            }
            _ => AppRoute::NotFound,
        }
    }

    /// Whether the consent sheet may show here: every shopper's page, not the staff's
    /// (kiosk pairing, the marketing workspace) nor the privacy page, which is the same
    /// choice at full length.
    pub fn asks_consent(&self) -> bool {
        !matches!(
            self,
            AppRoute::Kiosk
                | AppRoute::Privacy
                | AppRoute::Marketing
                | AppRoute::MarketingEditor { .. }
                | AppRoute::MarketingResults { .. }
                | AppRoute::MarketingInsight
        )
    }

    /// Whether this is a page framed by another site (no header, footer or tab bar).
    pub fn is_embed(&self) -> bool {
        matches!(self, AppRoute::CampaignEmbed { .. })
    }

    /// The wasm split modules (`split_view!` in the features' `mod.rs`) that this route's
    /// page loads as it is built, its own first, for a server to preload with the document:
    /// none for a page of the main module, nor for pages whose documents decide their own
    /// loading (a campaign's hero goes first; a kiosk's documents name their own).
    pub fn modules(&self) -> &'static [&'static str] {
        match self {
            AppRoute::Category { .. } | AppRoute::Search { .. } => &["listing"],
            // with its stock block and share button (`stores`) and its gallery's zoom view
            AppRoute::Product { .. } => &["product", "stores", "zoom"],
            AppRoute::Stores | AppRoute::Reservations | AppRoute::Reservation { .. } => &["stores"],
            AppRoute::Tour { .. } => &["tour"],
            AppRoute::Wishlist => &["wishlist"],
            AppRoute::Member
            | AppRoute::MemberCode
            | AppRoute::Wallet
            | AppRoute::Coupon { .. }
            | AppRoute::Claim { .. } => &["member"],
            _ => &[],
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
