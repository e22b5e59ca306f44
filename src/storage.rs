//! Things kept on the device (`localStorage`) as JSON: the wishlist, recently viewed
//! products, recent searches. Every failure (storage disabled, quota, private mode,
//! a corrupt value) is a value: reads fall back to `None`, writes return `Err`.

use serde::de::DeserializeOwned;

/// localStorage keys, all in one place so two features never share one by accident.
pub mod keys {
    /// `Vec<String>` of product ids, newest first.
    pub const WISHLIST: &str = "storefront.wishlist";
    /// `Vec<String>` of product ids, most recent first.
    pub const RECENTLY_VIEWED: &str = "storefront.recently_viewed";
    /// `Vec<String>` of search texts, most recent first.
    pub const RECENT_SEARCHES: &str = "storefront.recent_searches";
    /// The shopper's store: `[id, name zh, name en, lat, lng]`.
    pub const MY_STORE: &str = "storefront.my_store";
    /// `Vec<String>` of pickup reservation codes, newest first.
    pub const RESERVATIONS: &str = "storefront.reservations";
    /// `Vec<String>` of shopping-guide appointment codes, newest first.
    pub const APPOINTMENTS: &str = "storefront.appointments";
    /// The signed-in member as last fetched: `{"saved_at": unix, "data": Member}`. Its
    /// presence also tells the catalogue pages that someone is signed in.
    pub const MEMBER: &str = "storefront.member";
    /// The member QR codes kept for offline use: `{"saved_at", "data": TokenBatch}`.
    pub const MEMBER_TOKENS: &str = "storefront.member_tokens";
    /// The wallet as last fetched: `{"saved_at", "data": Wallet}`.
    pub const WALLET: &str = "storefront.wallet";
    /// Prefix of one wallet coupon's redeem codes: `storefront.coupon_tokens.<id>`.
    pub const COUPON_TOKENS: &str = "storefront.coupon_tokens.";
    /// The privacy choice: `"{policy version}:{analytics}{personalisation}"`
    /// (`crate::state::consent`); never on a kiosk.
    pub const CONSENT: &str = "storefront.consent";
    /// The iOS "Add to Home Screen" hint was shown (`1`): it is shown once per device.
    pub const INSTALL_HINT: &str = "storefront.install_hint";
    /// In `sessionStorage`: the visit's random event session id (`crate::features::privacy`).
    pub const VISIT_ID: &str = "storefront.visit";
    /// In `sessionStorage` (a visit's only): what brought the shopper, the query string of
    /// the visit's first URL that had any (see `crate::state::attribution`).
    pub const VISIT_ATTRIBUTION: &str = "storefront.attribution";
}

/// Why a value could not be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser offers no storage (disabled, sandboxed iframe, private mode).
    Unavailable,
    /// The browser refused the write (quota exceeded).
    Refused,
}

fn local_storage() -> Option<web_sys::Storage> {
    // natively (a server rendering the first screen) there is no device: nothing stored
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value under `key`, or `None` when absent, unreadable or not of type `T`.
pub fn read_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = local_storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

/// Stores a list of strings under `key`, as a JSON array.
pub fn write_json(key: &str, value: &[String]) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    let raw = encode_strings(value);
    storage
        .set_item(key, &raw)
        .map_err(|_| StorageError::Refused)
}

/// A JSON array of strings. (Written by hand: serde_json's writer would bring its I/O
/// error machinery into the wasm for these few lists.)
pub fn encode_strings(list: &[String]) -> String {
    let mut out = String::with_capacity(2 + list.iter().map(|s| s.len() + 3).sum::<usize>());
    out.push('[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, s);
    }
    out.push(']');
    out
}

pub use storefront_api_types::push_json_string;

/// Stores `raw` (already JSON) under `key`.
pub fn write_raw(key: &str, raw: &str) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    storage
        .set_item(key, raw)
        .map_err(|_| StorageError::Refused)
}

/// Whether anything is stored under `key`.
pub fn has(key: &str) -> bool {
    local_storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .is_some()
}

/// Removes every key that starts with `prefix`.
pub fn remove_prefixed(prefix: &str) {
    let Some(storage) = local_storage() else {
        return;
    };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in keys {
        let _ = storage.remove_item(&k);
    }
}

/// Removes `key`.
pub fn remove(key: &str) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    storage.remove_item(key).map_err(|_| StorageError::Refused)
}

/// `list` with `item` moved (or added) to the front, without duplicates, at most `max` long.
pub fn push_front_unique(list: &mut Vec<String>, item: &str, max: usize) {
    list.retain(|x| x != item);
    list.insert(0, item.to_owned());
    list.truncate(max);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn push_front_moves_existing_and_caps_length() {
        let mut v = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        push_front_unique(&mut v, "c", 3);
        assert_eq!(v, ["c", "a", "b"]);
        push_front_unique(&mut v, "d", 3);
        assert_eq!(v, ["d", "c", "a"]);
    }

    #[test]
    fn string_lists_round_trip_through_json() {
        let cases: [&[&str]; 4] = [
            &[],
            &["p_000001"],
            &[
                "运动鞋",
                "a \"quoted\" \\ path",
                "tab\tnew\nline\r",
                "\u{1}\u{8}\u{c}\u{1f}😀",
            ],
            &["", " ", "</script>"],
        ];
        for case in cases {
            let list: Vec<String> = case.iter().map(|s| (*s).to_owned()).collect();
            let json = encode_strings(&list);
            let back: Vec<String> = serde_json::from_str(&json).unwrap(); // ok: test only
            assert_eq!(back, list, "{json}");
            assert_eq!(json, serde_json::to_string(&list).unwrap()); // ok: test only
        }
    }
}
