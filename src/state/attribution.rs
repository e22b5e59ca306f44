//! What brought the shopper on this visit: the UTM parameters, the campaign, the poster's
//! store and the embedding page's origin, read from the URL of the visit's first page that
//! has any. The first non-empty set is kept in `sessionStorage` (nothing about a visit
//! outlives it) and sent with the claim, the reservation and the guide booking
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

/// The stored form: six strings, `""` for none (a string list, which the app already
/// reads and writes without more code).
fn to_strings(a: &Attribution) -> Vec<String> {
    [
        &a.campaign,
        &a.utm_source,
        &a.utm_medium,
        &a.utm_campaign,
        &a.embed_origin,
    ]
    .into_iter()
    .map(|v| v.clone().unwrap_or_default())
    .chain([a.store_id.as_ref().map(|s| s.0.clone()).unwrap_or_default()])
    .collect()
}

/// Reads the stored form back (cleaned again: storage is input too).
fn from_strings(v: &[String]) -> Attribution {
    let at = |i: usize| v.get(i).filter(|s| !s.is_empty()).cloned();
    Attribution {
        campaign: at(0),
        utm_source: at(1),
        utm_medium: at(2),
        utm_campaign: at(3),
        embed_origin: at(4),
        store_id: at(5).map(StoreId),
    }
    .cleaned()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn stored() -> Option<Attribution> {
    let raw = session()?
        .get_item(keys::VISIT_ATTRIBUTION)
        .ok()
        .flatten()?;
    let list: Vec<String> = serde_json::from_str(&raw).ok()?;
    Some(from_strings(&list)).filter(|a| !a.is_empty())
}

fn store(a: &Attribution) {
    if let Some(s) = session() {
        let _ = s.set_item(
            keys::VISIT_ATTRIBUTION,
            &crate::storage::encode_strings(&to_strings(a)),
        );
    }
}

fn url_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Called at start-up: keeps the URL's attribution when the visit has none yet.
pub fn remember_visit() {
    if stored().is_none() {
        let a = from_query(&url_query());
        if !a.is_empty() {
            store(&a);
        }
    }
}

/// Called by a campaign page: the visit's attribution names `slug` when it names no
/// campaign yet.
pub fn remember_campaign(slug: &str) {
    let mut a = current();
    if a.campaign.is_none() {
        a.campaign = Some(slug.to_owned());
        store(&a.cleaned());
    }
}

/// What brought the shopper on this visit (the current URL's when nothing could be kept).
pub fn current() -> Attribution {
    stored().unwrap_or_else(|| from_query(&url_query()))
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
    fn stored_form_round_trips() {
        let a = from_query("utm_source=s&campaign=c&store=st&parent=http%3A%2F%2Flocalhost%3A8090");
        assert_eq!(from_strings(&to_strings(&a)), a);
        assert_eq!(from_strings(&[]), Attribution::default());
        assert_eq!(
            from_strings(&["<>".into(), "ok".into()])
                .utm_source
                .as_deref(),
            Some("ok")
        );
    }
}
