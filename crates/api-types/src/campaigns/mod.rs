//! Campaigns: the public campaign page, the marketing workspace's campaigns and their
//! results, attribution (what brought a shopper), page views, and the claim hand-off that
//! lets a shopper claim from inside an embed without third-party cookies.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::catalogue::ProductSummary;
use crate::common::{Image, LocalizedText, Money, ProductId, StoreId};
use crate::coupons::Offer;
use crate::time::Timestamp;

mod origin;
pub use origin::*;

/// A campaign slug: 1 to 48 lower-case letters, digits and inner hyphens.
pub const CAMPAIGN_SLUG_PATTERN: &str = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$";
/// At most this many origins may embed one campaign.
pub const MAX_ALLOWED_ORIGINS: usize = 20;
/// At most this many products are picked for one campaign.
pub const MAX_CAMPAIGN_PRODUCTS: usize = 24;
/// Attribution values longer than this many characters are cut.
pub const ATTRIBUTION_MAX_CHARS: usize = 100;
/// The hero designs the project draws (`CampaignInput::hero_theme`).
pub const HERO_THEMES: [&str; 4] = ["autumn", "spring", "city", "home"];

/// Whether `s` is a campaign slug ([`CAMPAIGN_SLUG_PATTERN`]).
pub fn is_campaign_slug(s: &str) -> bool {
    let b = s.as_bytes();
    let inner = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    (1..=48).contains(&b.len())
        && b.first().is_some_and(inner)
        && b.last().is_some_and(inner)
        && b.iter().all(|c| inner(c) || *c == b'-')
}

/// The state of a campaign at `now`: a draft unless published; then scheduled before
/// `starts_at`, live from `starts_at` (inclusive) to `ends_at` (exclusive), ended after.
pub fn campaign_state(
    published: bool,
    starts_at: Timestamp,
    ends_at: Timestamp,
    now: Timestamp,
) -> CampaignState {
    if !published {
        CampaignState::Draft
    } else if now < starts_at {
        CampaignState::Scheduled
    } else if now < ends_at {
        CampaignState::Live
    } else {
        CampaignState::Ended
    }
}

/// Where a campaign stands, evaluated on the server's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CampaignState {
    /// Not published: only the marketing workspace sees it.
    Draft,
    /// Published, starts later.
    Scheduled,
    /// Published and between its start and end: public.
    Live,
    /// Past its end.
    Ended,
}

/// What brought a shopper to a write (a claim, a reservation, a guide booking): the
/// campaign, the UTM parameters of the first page of the visit, the origin of the page
/// that embedded the shop and the store a poster was printed for.
///
/// Attribution never makes a write fail: values are trimmed, control characters and
/// markup characters (`<>"'&`) dropped, cut at [`ATTRIBUTION_MAX_CHARS`], an unknown
/// campaign or store is dropped, and an `embed_origin` that is not an origin is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Attribution {
    /// The campaign's slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// `utm_source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utm_source: Option<String>,
    /// `utm_medium` (`poster` for the in-store poster's QR).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utm_medium: Option<String>,
    /// `utm_campaign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utm_campaign: Option<String>,
    /// The origin (`https://partner.example`) of the page that embedded the shop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embed_origin: Option<String>,
    /// The store a poster was printed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<StoreId>,
}

impl Attribution {
    /// Whether nothing is attributed.
    pub fn is_empty(&self) -> bool {
        *self == Attribution::default()
    }

    /// The same attribution with each value cleaned by [`clean_attribution_value`] (values
    /// that end up empty become `None`). Unknown campaigns, stores and origins are the
    /// server's to drop.
    pub fn cleaned(&self) -> Attribution {
        let c = |v: &Option<String>| v.as_deref().and_then(clean_attribution_value);
        Attribution {
            campaign: c(&self.campaign),
            utm_source: c(&self.utm_source),
            utm_medium: c(&self.utm_medium),
            utm_campaign: c(&self.utm_campaign),
            embed_origin: c(&self.embed_origin),
            store_id: self
                .store_id
                .as_ref()
                .and_then(|s| clean_attribution_value(&s.0))
                .map(StoreId),
        }
    }
}

/// An attribution value as it is kept: trimmed, without control or markup characters
/// (`<>"'&` and backquote), at most [`ATTRIBUTION_MAX_CHARS`] characters; `None` when
/// nothing is left.
pub fn clean_attribution_value(v: &str) -> Option<String> {
    let kept: String = v
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | '"' | '\'' | '&' | '`'))
        .collect();
    let cut: String = kept.trim().chars().take(ATTRIBUTION_MAX_CHARS).collect();
    let cut = cut.trim_end().to_owned();
    (!cut.is_empty()).then_some(cut)
}

/// A campaign's in-store reward: a till earn of at least `min_spend` at one of the
/// campaign's stores, while the campaign is live, drops the campaign's coupon into the
/// member's wallet, once per member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CampaignReward {
    /// The smallest purchase that earns the reward.
    pub min_spend: Money,
}

/// A live campaign as shoppers see it (`GET /api/v1/campaigns/{slug}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Campaign {
    /// Slug, also the page `/campaign/{slug}`.
    pub slug: String,
    /// Headline.
    pub title: LocalizedText,
    /// The campaign's copy (plain text; paragraphs separated by a blank line).
    pub copy: LocalizedText,
    /// The hero picture (with width, height and alt text).
    pub hero: Image,
    /// The picked products, in the marketer's order (products no longer sold are left
    /// out).
    pub products: Vec<ProductSummary>,
    /// The coupon the campaign offers, when it has one.
    #[serde(default)]
    pub offer: Option<Offer>,
    /// Starts (inclusive).
    pub starts_at: Timestamp,
    /// Ends (exclusive).
    pub ends_at: Timestamp,
    /// `live` on the public endpoint; the marketing preview
    /// (`GET /api/v1/marketing/campaigns/{slug}/preview`) gives the state now.
    pub state: CampaignState,
    /// The stores it applies to; empty means every store.
    #[serde(default)]
    pub store_ids: Vec<StoreId>,
    /// The in-store reward, when it has one.
    #[serde(default)]
    pub reward: Option<CampaignReward>,
}

/// A campaign as marketing writes it (`POST /api/v1/marketing/campaigns`,
/// `PUT /api/v1/marketing/campaigns/{slug}`). Every field is checked, and every fault is
/// answered at once: 400 `invalid_body` with one error per field (`/slug`,
/// `/allowed_origins/2`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CampaignInput {
    /// Slug ([`CAMPAIGN_SLUG_PATTERN`]); unique. Changing it on `PUT` renames the campaign.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$")
    )]
    pub slug: String,
    /// Headline, 1 to 80 characters in each language.
    pub title: LocalizedText,
    /// Copy, 1 to 2,000 characters in each language.
    pub copy: LocalizedText,
    /// One of [`HERO_THEMES`]: the hero picture the project draws for the campaign.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(autumn|spring|city|home)$"))]
    pub hero_theme: String,
    /// The hero's alternative text, 1 to 160 characters in each language.
    pub hero_alt: LocalizedText,
    /// Picked products, 1 to [`MAX_CAMPAIGN_PRODUCTS`], no repeats, each a product that
    /// exists.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 24))]
    pub product_ids: Vec<ProductId>,
    /// The offer (coupon) the campaign gives, an existing offer with coupons left.
    #[serde(default)]
    pub offer_code: Option<String>,
    /// Starts (inclusive).
    pub starts_at: Timestamp,
    /// Ends (exclusive), after `starts_at`.
    pub ends_at: Timestamp,
    /// The stores it applies to (each must exist); empty means every store.
    #[serde(default)]
    pub store_ids: Vec<StoreId>,
    /// Origins allowed to embed the campaign, at most [`MAX_ALLOWED_ORIGINS`]: `https://host`
    /// with an optional port and at most one leading `*.` label; `http:` only for
    /// `localhost` and `127.0.0.1`; no path, query or fragment.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub allowed_origins: Vec<String>,
    /// The in-store reward (needs `offer_code`).
    #[serde(default)]
    pub reward: Option<CampaignReward>,
    /// Published (scheduled, live or ended by its dates) or a draft.
    pub published: bool,
}

/// A campaign's figures over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CampaignFigures {
    /// Views of the campaign page and its embeds (counted without cookies).
    pub views: u64,
    /// Coupons claimed (including in-store rewards).
    pub claims: u64,
    /// Pickup reservations.
    pub reservations: u64,
    /// Shopping-guide bookings.
    pub appointments: u64,
    /// Campaign coupons redeemed at a till.
    pub redemptions: u64,
}

/// A campaign in the marketing workspace (`GET /api/v1/marketing/campaigns/{slug}`): what
/// was written, its state, its hero and its figures so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MarketingCampaign {
    /// As written.
    pub input: CampaignInput,
    /// State now.
    pub state: CampaignState,
    /// The hero picture.
    pub hero: Image,
    /// Created.
    pub created_at: Timestamp,
    /// Last changed.
    pub updated_at: Timestamp,
    /// Figures since the campaign began.
    pub figures: CampaignFigures,
}

/// The campaigns, newest first (`GET /api/v1/marketing/campaigns`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MarketingCampaignList {
    /// Every campaign.
    pub data: Vec<MarketingCampaign>,
}

/// One row of a breakdown of a campaign's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FunnelRow {
    /// The origin, UTM source, store or day (`YYYY-MM-DD`); `""` for none (direct visits,
    /// the shop itself).
    pub key: String,
    /// Its figures.
    pub figures: CampaignFigures,
}

/// A campaign's results over a period
/// (`GET /api/v1/marketing/campaigns/{slug}/results?from=&to=`; `format=csv` answers the
/// same as `text/csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CampaignResults {
    /// The campaign.
    pub slug: String,
    /// First day (`YYYY-MM-DD`, China Standard Time), inclusive.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// Over the whole period.
    pub totals: CampaignFigures,
    /// By embedding origin, most views first.
    pub by_origin: Vec<FunnelRow>,
    /// By UTM source, most views first.
    pub by_source: Vec<FunnelRow>,
    /// By poster store, most claims first.
    pub by_store: Vec<FunnelRow>,
    /// By day, in order, every day of the period.
    pub by_day: Vec<FunnelRow>,
}

/// `POST /api/v1/marketing/session`: sign in to the marketing workspace with a marketing
/// key (`mk_…`), or with a store's staff key (`sk_…`) for that store's insight reports only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarketingSignIn {
    /// The marketing key, or a store's staff key.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub key: String,
}

/// The marketing session (`GET|POST /api/v1/marketing/session`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MarketingSession {
    /// The key's label (who signed in).
    pub label: String,
    /// The session ends at.
    pub expires_at: Timestamp,
    /// The store of a staff key's session, which sees that store's insight reports and
    /// nothing else of the workspace; `null` for marketing and head office (everything).
    #[serde(default)]
    pub store_id: Option<StoreId>,
}

/// `POST /api/v1/campaigns/{slug}/views` (no cookie, no body needed): a view of the
/// campaign page or its embed, counted per day, campaign, origin and UTM source (204).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CampaignView {
    /// What brought the viewer (its `campaign` is the path's).
    #[serde(default)]
    pub attribution: Attribution,
    /// Seen inside an embed.
    #[serde(default)]
    pub embedded: bool,
}

/// `POST /api/v1/campaigns/{slug}/handoffs`: the embed asks for a single-use hand-off
/// before opening the shop in a top-level window to claim the campaign's coupon there.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HandoffRequest {
    /// What brought the shopper (kept with the claim made through the hand-off).
    #[serde(default)]
    pub attribution: Attribution,
}

/// Where a hand-off stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandoffState {
    /// Waiting for the claim in the top-level window.
    Pending,
    /// The coupon was claimed through it.
    Claimed,
    /// Its time ran out unused.
    Expired,
}

/// A claim hand-off (`POST /api/v1/campaigns/{slug}/handoffs`,
/// `GET /api/v1/handoffs/{token}`): the token is the only credential, single-use, valid
/// for 15 minutes; its holder learns only whether it was claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Handoff {
    /// The token (`ho_` and 43 base64url characters).
    pub token: String,
    /// The campaign.
    pub campaign: String,
    /// Where it stands.
    pub state: HandoffState,
    /// Usable until.
    pub expires_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["a", "autumn-2026", "x1", "a-b-c"] {
            assert!(is_campaign_slug(ok), "{ok}");
        }
        let long = "a".repeat(49);
        for bad in ["", "-a", "a-", "A", "a_b", "a b", "é", long.as_str()] {
            assert!(!is_campaign_slug(bad), "{bad}");
        }
        assert!(is_campaign_slug(&"a".repeat(48)));
    }

    #[test]
    fn states() {
        let t = Timestamp::from_unix;
        assert_eq!(
            campaign_state(false, t(10), t(20), t(15)),
            CampaignState::Draft
        );
        assert_eq!(
            campaign_state(true, t(10), t(20), t(9)),
            CampaignState::Scheduled
        );
        assert_eq!(
            campaign_state(true, t(10), t(20), t(10)),
            CampaignState::Live
        );
        assert_eq!(
            campaign_state(true, t(10), t(20), t(19)),
            CampaignState::Live
        );
        assert_eq!(
            campaign_state(true, t(10), t(20), t(20)),
            CampaignState::Ended
        );
    }

    #[test]
    fn attribution_values_are_cleaned() {
        assert_eq!(clean_attribution_value("  news "), Some("news".to_owned()));
        assert_eq!(
            clean_attribution_value("<script>alert(1)</script>"),
            Some("scriptalert(1)/script".to_owned())
        );
        assert_eq!(clean_attribution_value(" \u{0} \t"), None);
        let huge = "x".repeat(10_000);
        assert_eq!(
            clean_attribution_value(&huge).map(|v| v.chars().count()),
            Some(ATTRIBUTION_MAX_CHARS)
        );
        let a = Attribution {
            utm_source: Some("<>".to_owned()),
            utm_medium: Some(" poster ".to_owned()),
            ..Attribution::default()
        }
        .cleaned();
        assert_eq!(a.utm_source, None);
        assert_eq!(a.utm_medium.as_deref(), Some("poster"));
        assert!(Attribution::default().is_empty());
    }
}
