//! The events the app sends after analytics consent: GA4's recommended event names and
//! parameters where one exists, our own for the rest. Nothing here names a person: a batch
//! carries a session id that is random per visit; the server links a signed-in member
//! (through a random per-member reference) only when that member's receipt grants
//! analytics.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{ProductId, StoreId, VariantId};
use crate::problems::FieldError;
use crate::time::Timestamp;

/// At most this many events in one batch.
pub const EVENT_BATCH_MAX: usize = 50;
/// At most this many items in one event.
pub const EVENT_ITEMS_MAX: usize = 50;
/// A text parameter (search term, list id, promotion, coupon, hotspot, UTM): at most this
/// many characters.
pub const EVENT_TEXT_MAX: usize = 100;
/// An event's time may be at most this many seconds before the server's clock.
pub const EVENT_PAST_SECONDS: i64 = 3_600;
/// An event's time may be at most this many seconds after the server's clock.
pub const EVENT_FUTURE_SECONDS: i64 = 300;
/// The schema pattern of a visit's session id: 22 base64url characters (128 random bits).
pub const EVENT_SESSION_PATTERN: &str = "^[A-Za-z0-9_-]{22}$";
/// Largest body of `POST /api/v1/events`, in bytes.
pub const EVENT_BODY_MAX: usize = 64 * 1024;
/// The largest `index` of an item (its position in a list).
pub const EVENT_INDEX_MAX: u32 = 10_000;
/// The largest `results` of a search.
pub const EVENT_RESULTS_MAX: u32 = 1_000_000;

/// An optional integer written as `5` or `5.0` (see [`crate::whole`]).
fn optional_whole<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    #[derive(Deserialize)]
    struct Whole(#[serde(deserialize_with = "crate::whole")] u32);
    Ok(Option::<Whole>::deserialize(d)?.map(|w| w.0))
}

/// Where the app runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppChannel {
    /// A shopper's own browser.
    Phone,
    /// An in-store kiosk.
    Kiosk,
    /// A campaign embedded in another site.
    Embed,
}

impl AppChannel {
    /// Every channel.
    pub const ALL: [AppChannel; 3] = [AppChannel::Phone, AppChannel::Kiosk, AppChannel::Embed];

    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            AppChannel::Phone => "phone",
            AppChannel::Kiosk => "kiosk",
            AppChannel::Embed => "embed",
        }
    }
}

/// An event's name: GA4's recommended names where one exists, then our own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventName {
    /// A list of products shown (`item_list_id`, `items`). GA4.
    ViewItemList,
    /// A product chosen from a list (`item_list_id`, one item). GA4.
    SelectItem,
    /// A product page seen (one item, its variant when chosen). GA4.
    ViewItem,
    /// A search made (`search_term`, `results`). GA4.
    Search,
    /// A product saved to the wishlist (one item). GA4.
    AddToWishlist,
    /// A campaign seen (`promotion_id`). GA4.
    ViewPromotion,
    /// A campaign's call to action followed (`promotion_id`). GA4.
    SelectPromotion,
    /// A variant's stock at a store seen (one item with its variant, `store_id`).
    ViewStoreStock,
    /// A reservation for pickup made (one item with its variant, `store_id`).
    Reserve,
    /// A coupon claimed (`coupon`: the offer's code).
    ClaimCoupon,
    /// The virtual tour opened (`store_id`: whose shop).
    TourVisit,
    /// A hotspot of the tour opened (`hotspot_id`, `store_id`; one item when it shows one).
    TourViewHotspot,
    /// A shopping-guide appointment booked (`store_id`).
    BookGuide,
}

impl EventName {
    /// Every name.
    pub const ALL: [EventName; 13] = [
        EventName::ViewItemList,
        EventName::SelectItem,
        EventName::ViewItem,
        EventName::Search,
        EventName::AddToWishlist,
        EventName::ViewPromotion,
        EventName::SelectPromotion,
        EventName::ViewStoreStock,
        EventName::Reserve,
        EventName::ClaimCoupon,
        EventName::TourVisit,
        EventName::TourViewHotspot,
        EventName::BookGuide,
    ];

    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            EventName::ViewItemList => "view_item_list",
            EventName::SelectItem => "select_item",
            EventName::ViewItem => "view_item",
            EventName::Search => "search",
            EventName::AddToWishlist => "add_to_wishlist",
            EventName::ViewPromotion => "view_promotion",
            EventName::SelectPromotion => "select_promotion",
            EventName::ViewStoreStock => "view_store_stock",
            EventName::Reserve => "reserve",
            EventName::ClaimCoupon => "claim_coupon",
            EventName::TourVisit => "tour_visit",
            EventName::TourViewHotspot => "tour_view_hotspot",
            EventName::BookGuide => "book_guide",
        }
    }

    /// The name of a wire name.
    pub fn parse(s: &str) -> Option<EventName> {
        EventName::ALL.into_iter().find(|n| n.as_str() == s)
    }

    /// How many items the event carries: (least, most).
    pub const fn items(self) -> (usize, usize) {
        match self {
            EventName::ViewItemList => (1, EVENT_ITEMS_MAX),
            EventName::SelectItem
            | EventName::ViewItem
            | EventName::AddToWishlist
            | EventName::ViewStoreStock
            | EventName::Reserve => (1, 1),
            EventName::TourViewHotspot => (0, 1),
            _ => (0, 0),
        }
    }
}

/// A product in an event (GA4's `items[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EventItem {
    /// The product.
    pub item_id: ProductId,
    /// The variant, when one is chosen (required by `view_store_stock` and `reserve`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_variant: Option<VariantId>,
    /// Its position in the list, from 0 (at most [`EVENT_INDEX_MAX`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_whole"
    )]
    #[cfg_attr(feature = "openapi", schema(maximum = 10000))]
    pub index: Option<u32>,
}

/// An event's parameters; which ones an event takes depends on its name
/// ([`check_event_batch`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct EventParams {
    /// The products (GA4 `items`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub items: Vec<EventItem>,
    /// The list: a category's slug, `search`, `home`, `wishlist`, `recommended`,
    /// `campaign` or `tour`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub item_list_id: Option<String>,
    /// What was searched for (GA4 `search_term`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub search_term: Option<String>,
    /// How many products the search found (at most [`EVENT_RESULTS_MAX`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_whole"
    )]
    #[cfg_attr(feature = "openapi", schema(maximum = 1000000))]
    pub results: Option<u32>,
    /// The campaign's slug (GA4 `promotion_id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub promotion_id: Option<String>,
    /// The offer's code (GA4 `coupon`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub coupon: Option<String>,
    /// The tour hotspot's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub hotspot_id: Option<String>,
    /// The store in context: the shopper's chosen store, the kiosk's, the tour's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_id: Option<StoreId>,
    /// The campaign (slug) that brought the visit, when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub campaign: Option<String>,
    /// UTM source of the visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub utm_source: Option<String>,
    /// UTM medium of the visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub utm_medium: Option<String>,
    /// UTM campaign of the visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub utm_campaign: Option<String>,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// What happened.
    pub name: EventName,
    /// When, on the device's clock (within an hour before and five minutes after the
    /// server's).
    pub at: Timestamp,
    /// Its parameters.
    #[serde(default)]
    pub params: EventParams,
}

/// `POST /api/v1/events` (`202` with [`EventsAccepted`]): a batch of one visit's events,
/// sent only after analytics consent (`fetch` with `keepalive`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EventBatch {
    /// Random per visit (22 base64url characters): no fingerprint, no cross-site id.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{22}$"))]
    pub session_id: String,
    /// Where the app runs.
    pub channel: AppChannel,
    /// 1 to 50 events.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub events: Vec<Event>,
}

/// The answer to an accepted batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EventsAccepted {
    /// Events stored.
    pub accepted: u32,
    /// Events dropped and counted, never stored: they name a product, variant or store
    /// the server does not know (any more). The rest of the batch is stored.
    pub dropped: u32,
}

/// Whether `s` is a visit's session id: 22 base64url characters.
pub fn is_event_session(s: &str) -> bool {
    s.len() == 22
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// An id as every endpoint takes one: 1 to 100 characters.
fn is_event_id(s: &str) -> bool {
    (1..=100).contains(&s.chars().count())
}

fn is_event_text(s: &str) -> bool {
    let n = s.chars().count();
    (1..=EVENT_TEXT_MAX).contains(&n) && !s.chars().any(char::is_control)
}

/// The faults of a batch, each at its field (`/events/3/params/search_term`), judged
/// against the server's clock `now` (Unix seconds). Empty when the batch is acceptable.
/// Whether the products, variants and stores exist is the server's to check.
pub fn check_event_batch(batch: &EventBatch, now: i64) -> Vec<FieldError> {
    let mut faults = Vec::new();
    let mut fault = |pointer: String, message: &str| {
        faults.push(FieldError {
            pointer,
            message: message.to_owned(),
        })
    };
    if !is_event_session(&batch.session_id) {
        fault(
            "/session_id".into(),
            "must be 22 base64url characters, random per visit",
        );
    }
    if batch.events.is_empty() || batch.events.len() > EVENT_BATCH_MAX {
        fault("/events".into(), "must hold 1 to 50 events");
    }
    for (i, e) in batch.events.iter().enumerate().take(EVENT_BATCH_MAX) {
        let at = |field: &str| format!("/events/{i}{field}");
        let t = e.at.unix();
        if t < now - EVENT_PAST_SECONDS || t > now + EVENT_FUTURE_SECONDS {
            fault(
                at("/at"),
                "must be within an hour before and five minutes after now",
            );
        }
        let p = &e.params;
        let (least, most) = e.name.items();
        if p.items.len() < least || p.items.len() > most {
            fault(
                at("/params/items"),
                "has the wrong number of items for this event",
            );
        }
        let needs_variant = matches!(e.name, EventName::ViewStoreStock | EventName::Reserve);
        for (j, item) in p.items.iter().enumerate().take(EVENT_ITEMS_MAX) {
            let field = |name: &str| at(&format!("/params/items/{j}/{name}"));
            if !is_event_id(&item.item_id.0) {
                fault(field("item_id"), "must be 1 to 100 characters");
            }
            match &item.item_variant {
                None if needs_variant => {
                    fault(field("item_variant"), "this event needs the variant")
                }
                Some(v) if !is_event_id(&v.0) => {
                    fault(field("item_variant"), "must be 1 to 100 characters")
                }
                _ => {}
            }
            if item.index.is_some_and(|i| i > EVENT_INDEX_MAX) {
                fault(field("index"), "must be at most 10000");
            }
        }
        if p.results.is_some_and(|r| r > EVENT_RESULTS_MAX) {
            fault(at("/params/results"), "must be at most 1000000");
        }
        if p.store_id.as_ref().is_some_and(|s| !is_event_id(&s.0)) {
            fault(at("/params/store_id"), "must be 1 to 100 characters");
        }
        let texts = [
            ("item_list_id", &p.item_list_id),
            ("search_term", &p.search_term),
            ("promotion_id", &p.promotion_id),
            ("coupon", &p.coupon),
            ("hotspot_id", &p.hotspot_id),
            ("campaign", &p.campaign),
            ("utm_source", &p.utm_source),
            ("utm_medium", &p.utm_medium),
            ("utm_campaign", &p.utm_campaign),
        ];
        for (name, value) in texts {
            if value.as_deref().is_some_and(|v| !is_event_text(v)) {
                fault(
                    at(&format!("/params/{name}")),
                    "must be 1 to 100 characters without control characters",
                );
            }
        }
        // Each event's own parameters: required ones present, others absent.
        let own: &[(&str, bool)] = &[
            (
                "item_list_id",
                matches!(e.name, EventName::ViewItemList | EventName::SelectItem),
            ),
            ("search_term", e.name == EventName::Search),
            ("results", e.name == EventName::Search),
            (
                "promotion_id",
                matches!(
                    e.name,
                    EventName::ViewPromotion | EventName::SelectPromotion
                ),
            ),
            ("coupon", e.name == EventName::ClaimCoupon),
            ("hotspot_id", e.name == EventName::TourViewHotspot),
        ];
        for &(name, wanted) in own {
            let present = match name {
                "item_list_id" => p.item_list_id.is_some(),
                "search_term" => p.search_term.is_some(),
                "results" => p.results.is_some(),
                "promotion_id" => p.promotion_id.is_some(),
                "coupon" => p.coupon.is_some(),
                _ => p.hotspot_id.is_some(),
            };
            if wanted && !present {
                fault(at(&format!("/params/{name}")), "this event needs it");
            } else if !wanted && present {
                fault(
                    at(&format!("/params/{name}")),
                    "this event does not take it",
                );
            }
        }
        let needs_store = matches!(
            e.name,
            EventName::ViewStoreStock
                | EventName::Reserve
                | EventName::TourVisit
                | EventName::TourViewHotspot
                | EventName::BookGuide
        );
        if needs_store && p.store_id.is_none() {
            fault(at("/params/store_id"), "this event needs the store");
        }
    }
    faults
}

#[cfg(test)]
mod tests;
