//! The stores held in memory: their details, weekly hours and exceptions as a
//! [`Schedule`] in their own time zone, loaded from SQLite once per process (there is no
//! API that edits stores; [`StoreCache::invalidate`] forgets them).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use storefront_api_types::{
    DayHours, GeoPoint, LocalizedText, Store, StoreId, StoreService, Weekday,
};

use crate::hours::{Exception, Schedule, Span};

/// One store.
#[derive(Debug, Clone)]
pub struct StoreInfo {
    /// Its id.
    pub id: String,
    /// The store as the API shows it, without `status`, `exceptions` and `distance_m`.
    pub store: Store,
    /// Weekly hours and exceptions.
    pub schedule: Schedule,
    /// Offers reserve-for-pickup.
    pub pickup: bool,
    /// Names, cities and addresses of both languages, lowercased (for `q`).
    search_text: String,
}

/// A store's id and names (for labels).
#[derive(Debug, Clone)]
pub struct StoreInfoRef {
    /// Its id.
    pub id: String,
    /// Name.
    pub name: LocalizedText,
}

impl StoreInfo {
    /// The store with its status at `now` and its coming exceptions.
    pub fn at(&self, now: DateTime<Utc>) -> Store {
        Store {
            status: Some(self.schedule.status(now)),
            exceptions: self.schedule.upcoming_exceptions(now),
            ..self.store.clone()
        }
    }

    /// The store as a reference in other answers.
    pub fn reference(&self) -> StoreInfoRef {
        StoreInfoRef {
            id: self.id.clone(),
            name: self.store.name.clone(),
        }
    }

    /// Where the store is.
    pub fn location(&self) -> GeoPoint {
        self.store.location
    }

    /// Whether every word (lowercase) occurs in the store's names, city or address.
    pub fn matches(&self, words: &[String]) -> bool {
        words.iter().all(|w| self.search_text.contains(w.as_str()))
    }
}

/// Every store, by city then name.
#[derive(Debug, Default)]
pub struct Directory {
    /// The stores.
    pub stores: Vec<StoreInfo>,
    /// Id and slug → index.
    index: HashMap<String, usize>,
}

impl Directory {
    /// The store with this id or slug.
    pub fn get(&self, key: &str) -> Option<&StoreInfo> {
        self.index.get(key).and_then(|&i| self.stores.get(i))
    }

    /// The index of a store id or slug in [`Directory::stores`].
    pub fn position(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }
}

#[derive(Debug, sqlx::FromRow)]
struct StoreRow {
    id: String,
    slug: String,
    name_zh: String,
    name_en: String,
    city_zh: String,
    city_en: String,
    address_zh: String,
    address_en: String,
    phone: String,
    lat: f64,
    lng: f64,
    time_zone: String,
    services: String,
}

#[derive(Debug, sqlx::FromRow)]
struct HoursRow {
    store_id: String,
    weekday: i64,
    open: Option<String>,
    close: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
struct ExceptionRow {
    store_id: String,
    date: String,
    open: Option<String>,
    close: Option<String>,
    note_zh: String,
    note_en: String,
}

fn service(s: &str) -> Option<StoreService> {
    match s.trim() {
        "pickup" => Some(StoreService::Pickup),
        "fitting_rooms" => Some(StoreService::FittingRooms),
        "shopping_guide" => Some(StoreService::ShoppingGuide),
        "returns" => Some(StoreService::Returns),
        _ => None,
    }
}

/// The zone of an IANA name; an unknown name falls back to China's (logged).
fn zone(name: &str, store: &str) -> Tz {
    name.parse::<Tz>().unwrap_or_else(|_| {
        tracing::warn!(
            store,
            time_zone = name,
            "unknown time zone, using Asia/Shanghai"
        );
        chrono_tz::Asia::Shanghai
    })
}

impl Directory {
    /// Loads every store with its hours and exceptions.
    pub async fn load(db: &SqlitePool) -> Result<Directory, sqlx::Error> {
        let rows: Vec<StoreRow> = sqlx::query_as(
            "SELECT id, slug, name_zh, name_en, city_zh, city_en, address_zh, address_en, phone, lat, lng, time_zone, services \
             FROM stores ORDER BY city_en, name_en",
        )
        .fetch_all(db)
        .await?;
        let hours: Vec<HoursRow> =
            sqlx::query_as("SELECT store_id, weekday, open, close FROM store_hours")
                .fetch_all(db)
                .await?;
        let exceptions: Vec<ExceptionRow> = sqlx::query_as(
            "SELECT store_id, date, open, close, note_zh, note_en FROM store_hours_exceptions ORDER BY store_id, date",
        )
        .fetch_all(db)
        .await?;
        let mut dir = Directory::default();
        for r in rows {
            let day = |i: usize| {
                hours
                    .iter()
                    .find(|h| h.store_id == r.id && h.weekday == i as i64 + 1)
            };
            let week: Vec<DayHours> = Weekday::ALL
                .iter()
                .enumerate()
                .map(|(i, &weekday)| DayHours {
                    weekday,
                    open: day(i).and_then(|h| h.open.clone()),
                    close: day(i).and_then(|h| h.close.clone()),
                })
                .collect();
            let mut weekly = [None; 7];
            for (slot, h) in weekly.iter_mut().zip(&week) {
                *slot = Span::parse(h.open.as_deref(), h.close.as_deref());
            }
            let mut own: Vec<Exception> = exceptions
                .iter()
                .filter(|e| e.store_id == r.id)
                .filter_map(|e| {
                    Some(Exception {
                        date: NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").ok()?,
                        hours: Span::parse(e.open.as_deref(), e.close.as_deref()),
                        open: e.open.clone(),
                        close: e.close.clone(),
                        note: LocalizedText::new(&e.note_zh, &e.note_en),
                    })
                })
                .collect();
            own.sort_by_key(|e| e.date);
            own.dedup_by_key(|e| e.date);
            let services: Vec<StoreService> = r.services.split(',').filter_map(service).collect();
            let search_text = [
                &r.name_zh,
                &r.name_en,
                &r.city_zh,
                &r.city_en,
                &r.address_zh,
                &r.address_en,
                &r.slug,
            ]
            .iter()
            .map(|s| s.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
            let info = StoreInfo {
                id: r.id.clone(),
                pickup: services.contains(&StoreService::Pickup),
                schedule: Schedule {
                    tz: zone(&r.time_zone, &r.id),
                    weekly,
                    exceptions: own,
                },
                search_text,
                store: Store {
                    id: StoreId(r.id.clone()),
                    slug: r.slug.clone(),
                    name: LocalizedText::new(r.name_zh, r.name_en),
                    city: LocalizedText::new(r.city_zh, r.city_en),
                    address: LocalizedText::new(r.address_zh, r.address_en),
                    phone: r.phone,
                    location: GeoPoint {
                        lat: r.lat,
                        lng: r.lng,
                    },
                    time_zone: r.time_zone,
                    hours: week,
                    services,
                    exceptions: Vec::new(),
                    status: None,
                    distance_m: None,
                },
            };
            let i = dir.stores.len();
            dir.index.insert(r.id, i);
            dir.index.insert(r.slug, i);
            dir.stores.push(info);
        }
        Ok(dir)
    }
}

/// The stores of one process, loaded on first use.
#[derive(Debug, Default)]
pub struct StoreCache {
    slot: RwLock<Option<Arc<Directory>>>,
}

impl StoreCache {
    /// The stores, loaded the first time.
    pub async fn get(&self, db: &SqlitePool) -> Result<Arc<Directory>, sqlx::Error> {
        if let Some(d) = self.slot.read().ok().and_then(|g| g.clone()) {
            return Ok(d);
        }
        let d = Arc::new(Directory::load(db).await?);
        if let Ok(mut g) = self.slot.write() {
            *g = Some(d.clone());
        }
        Ok(d)
    }

    /// Forgets the stores (after they were edited in the database).
    pub fn invalidate(&self) {
        if let Ok(mut g) = self.slot.write() {
            *g = None;
        }
    }
}
