//! Sending the queued events (`crate::state::events`): the visit's random session id, the
//! channel, what brought the visit, and the request.

use storefront_api_types::{
    AppChannel, Event, EventBatch, EventItem, EventName, EventParams, ProductId, StoreId,
    Timestamp, VariantId, EVENT_BATCH_MAX,
};

use crate::state::events::Raw;

use crate::state::use_api;
use crate::storage::keys;

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The visit's session id: 22 base64url characters of 16 random bytes, kept in
/// `sessionStorage` (gone when the tab closes, or a kiosk starts over). Not derived from
/// anything about the device: no fingerprint, no cross-site id.
pub fn visit_id() -> Option<String> {
    let store = session();
    if let Some(id) = store
        .as_ref()
        .and_then(|s| s.get_item(keys::VISIT_ID).ok().flatten())
        .filter(|id| storefront_api_types::is_event_session(id))
    {
        return Some(id);
    }
    let mut bytes = [0u8; 16];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    let id = base64url(&bytes);
    if let Some(s) = store {
        let _ = s.set_item(keys::VISIT_ID, &id);
    }
    Some(id)
}

/// The visit's id if one was made (analytics was on during this visit).
pub fn existing_visit_id() -> Option<String> {
    session()?.get_item(keys::VISIT_ID).ok().flatten()
}

/// Forgets the visit's id: events after a new consent belong to a new visit.
pub fn forget_visit_id() {
    if let Some(s) = session() {
        let _ = s.remove_item(keys::VISIT_ID);
    }
}

/// Base64url without padding (RFC 4648 §5). By hand: 10 lines, where a crate would add
/// its tables to the module.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Where the app runs: a kiosk, a campaign framed by another site, or a shopper's browser.
fn channel() -> AppChannel {
    if crate::dom::is_kiosk() {
        AppChannel::Kiosk
    } else if web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|path| crate::routes::AppRoute::parse(&path, "").is_embed())
    {
        AppChannel::Embed
    } else {
        AppChannel::Phone
    }
}

/// The contract's event of a recorded one: its text and number go to the parameters its
/// name takes (GA4's where GA4 has them).
pub fn to_event(raw: Raw) -> Event {
    let Raw {
        name,
        at,
        items,
        text,
        n,
        store,
    } = raw;
    let selected = name == EventName::SelectItem;
    let items = items
        .into_iter()
        .enumerate()
        .map(|(i, (product, variant))| EventItem {
            item_id: ProductId(product),
            item_variant: variant.map(VariantId),
            index: match name {
                EventName::ViewItemList => u32::try_from(i).ok(),
                _ if selected => n,
                _ => None,
            },
        })
        .collect();
    let mut params = EventParams {
        items,
        store_id: store.map(StoreId),
        ..EventParams::default()
    };
    match name {
        EventName::ViewItemList | EventName::SelectItem => params.item_list_id = text,
        EventName::Search => {
            params.search_term = text;
            params.results = Some(n.unwrap_or(0));
        }
        EventName::ViewPromotion | EventName::SelectPromotion => {
            params.campaign.clone_from(&text);
            params.promotion_id = text;
        }
        EventName::ClaimCoupon => params.coupon = text,
        EventName::TourViewHotspot => params.hotspot_id = text,
        _ => {}
    }
    Event {
        name,
        at: Timestamp::from_unix(at),
        params,
    }
}

/// Sends `events` (if analytics is still on), with the visit's campaign and UTM on each
/// event that has none of its own.
pub fn send(events: Vec<Raw>) {
    if !crate::state::events::enabled() || events.is_empty() {
        return;
    }
    let Some(session_id) = visit_id() else {
        return;
    };
    let mut events: Vec<Event> = events.into_iter().map(to_event).collect();
    let visit = crate::state::attribution::current();
    let some = |s: &Option<String>| s.clone().filter(|v| !v.is_empty());
    for e in &mut events {
        let p = &mut e.params;
        if p.campaign.is_none() {
            p.campaign = some(&visit.campaign);
        }
        if p.utm_source.is_none() {
            p.utm_source = some(&visit.utm_source);
            p.utm_medium = some(&visit.utm_medium);
            p.utm_campaign = some(&visit.utm_campaign);
        }
    }
    let api = use_api();
    let channel = channel();
    while !events.is_empty() {
        let rest = events.split_off(events.len().min(EVENT_BATCH_MAX));
        api.send_events(&EventBatch {
            session_id: session_id.clone(),
            channel,
            events,
        });
        events = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(name: EventName, text: Option<&str>, n: Option<u32>) -> Raw {
        Raw {
            name,
            at: 1_000,
            items: vec![("p1".into(), None), ("p2".into(), Some("v2".into()))],
            text: text.map(str::to_owned),
            n,
            store: Some("s1".into()),
        }
    }

    #[test]
    fn recorded_events_become_ga4_shaped_events_that_pass_the_servers_check() {
        let list = to_event(raw(EventName::ViewItemList, Some("women"), None));
        assert_eq!(list.params.item_list_id.as_deref(), Some("women"));
        assert_eq!(list.params.items[1].index, Some(1));
        assert_eq!(
            list.params.items[1].item_variant,
            Some(VariantId("v2".into()))
        );
        let search = to_event(Raw {
            items: Vec::new(),
            ..raw(EventName::Search, Some("dress"), Some(0))
        });
        assert_eq!(search.params.search_term.as_deref(), Some("dress"));
        assert_eq!(search.params.results, Some(0));
        let promo = to_event(Raw {
            items: Vec::new(),
            ..raw(EventName::ViewPromotion, Some("autumn"), None)
        });
        assert_eq!(promo.params.promotion_id.as_deref(), Some("autumn"));
        let selected = to_event(Raw {
            items: vec![("p9".into(), None)],
            ..raw(EventName::SelectItem, Some("search"), Some(7))
        });
        assert_eq!(selected.params.items[0].index, Some(7));
        let batch = EventBatch {
            session_id: base64url(&[1u8; 16]),
            channel: AppChannel::Phone,
            events: vec![list, search, promo, selected],
        };
        assert_eq!(
            storefront_api_types::check_event_batch(&batch, 1_000),
            vec![]
        );
    }

    #[test]
    fn base64url_matches_rfc4648() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url(&[7u8; 16]).len(), 22);
    }
}
