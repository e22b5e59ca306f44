//! Things kept on the device (`localStorage`) as JSON: the wishlist, recently viewed
//! products, recent searches. Every failure (storage disabled, quota, private mode,
//! a corrupt value) is a value: reads fall back to `None`, writes return `Err`.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// localStorage keys, all in one place so two features never share one by accident.
pub mod keys {
    /// `Vec<String>` of product ids, newest first.
    pub const WISHLIST: &str = "storefront.wishlist";
    /// `Vec<String>` of product ids, most recent first.
    pub const RECENTLY_VIEWED: &str = "storefront.recently_viewed";
    /// `Vec<String>` of search texts, most recent first.
    pub const RECENT_SEARCHES: &str = "storefront.recent_searches";
}

/// Why a value could not be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser offers no storage (disabled, sandboxed iframe, private mode).
    Unavailable,
    /// The browser refused the write (quota exceeded).
    Refused,
    /// The value could not be encoded.
    Encode,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value under `key`, or `None` when absent, unreadable or not of type `T`.
pub fn read_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = local_storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

/// Stores `value` under `key`.
pub fn write_json<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    let raw = serde_json::to_string(value).map_err(|_| StorageError::Encode)?;
    storage
        .set_item(key, &raw)
        .map_err(|_| StorageError::Refused)
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
}
