//! What brought the shopper on this visit: the UTM parameters, the campaign, the poster's
//! store and the embedding page's origin, read from the URL of the visit's first page that
//! has any. The first non-empty set is kept in `sessionStorage` (nothing about a visit
//! outlives it; kept as the URL's query and cleaned whenever it is read) and sent with the claim, the reservation and the guide booking
//! ([`current`]).

use storefront_api_types::{percent_decode, Attribution, StoreId};

use crate::storage::keys;

/// The attribution in a query string (with or without `?`): `utm_source`, `utm_medium`,
/// `utm_campaign`, `campaign`, `store` (a poster's) and `parent` (the embedding origin),
/// cleaned (see [`Attribution::cleaned`]); the first value of a repeated key counts.
pub fn from_query(query: &str) -> Attribution {
    let mut a = Attribution::default();
    let query = query.strip_prefix('?').unwrap_or(query);
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match k {
            "utm_source" => &mut a.utm_source,
            "utm_medium" => &mut a.utm_medium,
            "utm_campaign" => &mut a.utm_campaign,
            "campaign" => &mut a.campaign,
            "parent" => &mut a.embed_origin,
            "store" => {
                if a.store_id.is_none() {
                    a.store_id = Some(StoreId(percent_decode(v)));
                }
                continue;
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(percent_decode(v));
        }
    }
    a.cleaned()
}

/// The query keys that carry attribution.
const KEYS: [&str; 6] = [
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "campaign",
    "store",
    "parent",
];

/// Whether a query string has a non-empty attribution parameter (checked without decoding
/// or cleaning: start-up keeps the raw query, [`from_query`] cleans it when it is read).
fn has_attribution(query: &str) -> bool {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').any(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        !v.is_empty() && KEYS.contains(&k)
    })
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The visit's kept query (as the URL had it).
fn stored() -> Option<String> {
    session()?.get_item(keys::VISIT_ATTRIBUTION).ok().flatten()
}

fn store(query: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(keys::VISIT_ATTRIBUTION, query);
    }
}

fn url_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Called at start-up: keeps the URL's attribution parameters when the visit has none yet.
/// (Small on purpose: it is in the main module; the parsing is done by whoever reads it.)
pub fn remember_visit() {
    let query = url_query();
    if stored().is_none() && has_attribution(&query) {
        store(&query);
    }
}

/// Called by a campaign page: the visit's attribution names `slug` when it names no
/// campaign yet.
pub fn remember_campaign(slug: &str) {
    let kept = stored().unwrap_or_else(url_query);
    if from_query(&kept).campaign.is_none() {
        let pair = storefront_api_types::encode_query(&[("campaign", slug.to_owned())]);
        let sep = if kept.is_empty() { "?" } else { "&" };
        store(&format!("{kept}{sep}{pair}"));
    }
}

/// What brought the shopper on this visit (the current URL's when nothing could be kept).
pub fn current() -> Attribution {
    from_query(&stored().unwrap_or_else(url_query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_visit_parameters_cleaned() {
        let a = from_query(
            "?q=x&utm_source=news%20letter&utm_medium=email&utm_campaign=%3Cb%3Eautumn&campaign=autumn-edit&store=s_sh_jingan&parent=https%3A%2F%2Fp.example&utm_source=second",
        );
        assert_eq!(a.utm_source.as_deref(), Some("news letter"));
        assert_eq!(a.utm_medium.as_deref(), Some("email"));
        assert_eq!(a.utm_campaign.as_deref(), Some("bautumn"));
        assert_eq!(a.campaign.as_deref(), Some("autumn-edit"));
        assert_eq!(a.store_id, Some(StoreId("s_sh_jingan".into())));
        assert_eq!(a.embed_origin.as_deref(), Some("https://p.example"));
    }

    #[test]
    fn empty_huge_and_markup_values() {
        assert!(from_query("").is_empty());
        assert!(from_query("?utm_source=&utm_medium=%20&other=1").is_empty());
        let huge = format!("utm_source={}", "x".repeat(5000));
        assert_eq!(from_query(&huge).utm_source.map(|v| v.len()), Some(100));
        assert!(from_query("utm_source=%3C%3E%22").is_empty());
    }

    #[test]
    fn only_queries_with_a_value_are_kept() {
        assert!(has_attribution("?utm_source=x"));
        assert!(has_attribution("q=shoes&parent=https%3A%2F%2Fp.example"));
        assert!(has_attribution("store=s1"));
        assert!(!has_attribution(""));
        assert!(!has_attribution("?utm_source=&campaign"));
        assert!(!has_attribution("?q=coat&variant=v1&utm_sourcex=1"));
    }
}
