//! "My store": the store the shopper chose, remembered on the device, shown in the header
//! and used for stock everywhere; and the shopper's position when they shared it (kept
//! for the session only).

use leptos::prelude::*;
use storefront_api_types::{GeoPoint, LocalizedText, Store};

use crate::storage::{self, keys};

/// The chosen store, as much of it as the header and the stock views need.
#[derive(Debug, Clone, PartialEq)]
pub struct StoreChoice {
    /// Store id.
    pub id: String,
    /// Display name.
    pub name: LocalizedText,
    /// Where it is (the centre of "stores near you" when the shopper's position is unknown).
    pub at: GeoPoint,
}

impl StoreChoice {
    /// The stored form `[id, zh, en, lat, lng]`.
    fn to_strings(&self) -> [String; 5] {
        [
            self.id.clone(),
            self.name.zh_cn.clone(),
            self.name.en.clone(),
            micro(self.at.lat).to_string(),
            micro(self.at.lng).to_string(),
        ]
    }

    /// Reads the stored form; `None` when it is not one.
    pub fn from_strings(v: &[String]) -> Option<StoreChoice> {
        let [id, zh, en, lat, lng] = v else {
            return None;
        };
        let (lat, lng) = (lat.parse::<i64>().ok()?, lng.parse::<i64>().ok()?);
        let at = GeoPoint {
            lat: lat as f64 / 1e6,
            lng: lng as f64 / 1e6,
        };
        let valid = (-90.0..=90.0).contains(&at.lat) && (-180.0..=180.0).contains(&at.lng);
        (valid && !id.is_empty()).then(|| StoreChoice {
            id: id.clone(),
            name: LocalizedText::new(zh.clone(), en.clone()),
            at,
        })
    }
}

/// Degrees as integer micro-degrees (stored without float formatting or parsing, which
/// would bring large routines into the wasm).
fn micro(deg: f64) -> i64 {
    (deg * 1e6).round() as i64
}

/// The shopper's store and position.
#[derive(Debug, Clone, Copy)]
pub struct MyStore {
    choice: RwSignal<Option<StoreChoice>>,
    /// The shopper's position, when they shared it this session.
    pub position: RwSignal<Option<GeoPoint>>,
}

impl MyStore {
    /// Reads the remembered store.
    pub fn load() -> Self {
        let stored = storage::read_json::<Vec<String>>(keys::MY_STORE).unwrap_or_default();
        MyStore {
            choice: RwSignal::new(StoreChoice::from_strings(&stored)),
            position: RwSignal::new(None),
        }
    }

    /// The chosen store (tracked).
    pub fn get(&self) -> Option<StoreChoice> {
        self.choice.get()
    }

    /// The chosen store's id (tracked).
    pub fn id(&self) -> Option<String> {
        self.choice.with(|c| c.as_ref().map(|c| c.id.clone()))
    }

    /// Makes `store` the shopper's store and remembers it (in memory only when the
    /// browser keeps nothing).
    pub fn choose(&self, store: &Store) {
        let choice = StoreChoice {
            id: store.id.to_string(),
            name: store.name.clone(),
            at: store.location,
        };
        let _ = storage::write_json(keys::MY_STORE, &choice.to_strings());
        self.choice.set(Some(choice));
    }

    /// Where "near you" is: the shared position, else the chosen store (tracked).
    pub fn centre(&self) -> Option<GeoPoint> {
        self.position
            .get()
            .or_else(|| self.choice.with(|c| c.as_ref().map(|c| c.at)))
    }
}

/// The my-store context (created on first use when the app did not provide it).
pub fn use_my_store() -> MyStore {
    use_context::<MyStore>().unwrap_or_else(|| {
        let s = MyStore::load();
        provide_context(s);
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_round_trips_and_rejects_junk() {
        let c = StoreChoice {
            id: "s_sh_jingan".into(),
            name: LocalizedText::new("上海静安店", "Shanghai Jing'an"),
            at: GeoPoint {
                lat: 31.2243,
                lng: 121.4468,
            },
        };
        assert_eq!(StoreChoice::from_strings(&c.to_strings()), Some(c));
        let junk = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(StoreChoice::from_strings(&junk(&["a", "b"])), None);
        assert_eq!(
            StoreChoice::from_strings(&junk(&["", "b", "c", "1", "2"])),
            None
        );
        assert_eq!(
            StoreChoice::from_strings(&junk(&["a", "b", "c", "x", "2"])),
            None
        );
        assert_eq!(
            StoreChoice::from_strings(&junk(&["a", "b", "c", "95000000", "2"])),
            None
        );
    }
}
