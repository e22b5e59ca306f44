//! One demo visit at a time: its channel, store, campaign and member, then 3 to 30 events
//! that follow one another as a shopper's would (a list, then a product from it, its stock
//! at a store, maybe a reservation).

use storefront_api_types::{AppChannel, EventName};

use super::world::World;
use crate::campaigns::china_day;
use crate::events::row::EventRow;

/// A small deterministic generator (SplitMix64): the same seed, the same events.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// Searches the catalogue has nothing for (no results).
const MISSES: &[&str] = &[
    "滑雪板",
    "kayak",
    "espresso machine",
    "婴儿车",
    "electric scooter",
    "露营帐篷",
    "3d printer",
    "钓鱼竿",
    "智能手表",
    "surfboard",
];

/// UTM source and medium of visits that came from somewhere.
const UTM: &[(&str, &str)] = &[
    ("wechat", "social"),
    ("weibo", "social"),
    ("xiaohongshu", "social"),
    ("baidu", "cpc"),
    ("newsletter", "email"),
];

/// Visits per hour of the day, China time (relative).
const HOURS: [f64; 24] = [
    1.0, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3.0, 3.2, 3.5, 4.0, 3.8, 3.5, 3.5, 3.6, 3.8, 4.2,
    5.0, 5.5, 5.0, 3.5, 2.0,
];

/// Lists other than a category's.
const LISTS: &[&str] = &["home", "search", "recommended", "wishlist"];

const ID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// What one visit shares across its events.
struct Visit {
    session_id: String,
    channel: &'static str,
    member_ref: Option<i64>,
    store: Option<u16>,
    campaign: Option<String>,
    utm: Option<(&'static str, &'static str)>,
    product: Option<u32>,
    list: Option<(String, Vec<u32>)>,
}

/// The weight of the hour starting at `t` (Unix seconds): its China-time hour's.
fn hour_weight(t: i64) -> f64 {
    HOURS[((t + 8 * 3_600).div_euclid(3_600)).rem_euclid(24) as usize]
}

/// The generator of visits over a period ending now, in time order: hour by hour, each
/// hour given its share of the events by its weight (so the time-ordered indexes of the
/// events table grow at their end, and writing a million events stays fast).
pub struct Visits<'a> {
    w: &'a World,
    rng: Rng,
    /// The hour whose visits are being made (its start, Unix seconds).
    hour: i64,
    /// The last hour a visit may start in.
    last_hour: i64,
    /// Events per unit of hour weight.
    per_weight: f64,
    /// Events the current hour still has room for.
    budget: f64,
    now: i64,
    day: (i64, String),
}

impl<'a> Visits<'a> {
    /// Visits of `w` making `events` events over the `days` days before `now`.
    pub fn new(w: &'a World, rng: Rng, now: i64, days: u32, events: u64) -> Self {
        // an hour of margin at the old end (retention counts from receipt) and two hours
        // at the new end for the visit to unfold before now
        let first = (now - i64::from(days) * 86_400 + 3_600).div_euclid(3_600) * 3_600 + 3_600;
        let last_hour = ((now - 2 * 3_600).div_euclid(3_600) * 3_600).max(first);
        let total: f64 = (0..=(last_hour - first) / 3_600)
            .map(|h| hour_weight(first + h * 3_600))
            .sum();
        let per_weight = events as f64 / total.max(1.0);
        Visits {
            w,
            rng,
            hour: first,
            last_hour,
            per_weight,
            budget: hour_weight(first) * per_weight,
            now,
            day: (i64::MIN, String::new()),
        }
    }

    fn product(&mut self) -> u32 {
        let last = self.w.popularity.last().copied().unwrap_or(0.0);
        let x = self.rng.unit() * last;
        let i = self.w.popularity.partition_point(|&c| c < x);
        i.min(self.w.products.len().saturating_sub(1)) as u32
    }

    fn variant(&mut self, product: u32) -> Option<u32> {
        let p = &self.w.products[product as usize];
        self.rng.pick(&p.variants).copied()
    }

    fn store(&mut self) -> u16 {
        self.rng.below(self.w.stores.len()) as u16
    }

    fn china_day(&mut self, t: i64) -> String {
        let d = (t + 8 * 3_600).div_euclid(86_400);
        if self.day.0 != d {
            self.day = (d, china_day(t));
        }
        self.day.1.clone()
    }

    /// When a visit of `len` events starts: in the first hour with room for it.
    fn start_time(&mut self, len: usize) -> i64 {
        while self.budget <= 0.0 && self.hour < self.last_hour {
            self.hour += 3_600;
            self.budget += hour_weight(self.hour) * self.per_weight;
        }
        self.budget -= len as f64;
        self.hour + self.rng.below(3_600) as i64
    }

    fn visit(&mut self) -> Visit {
        let channel = match self.rng.unit() {
            x if x < 0.7 => AppChannel::Phone,
            x if x < 0.9 => AppChannel::Kiosk,
            _ => AppChannel::Embed,
        };
        let mut id = String::with_capacity(22);
        let mut bits = self.rng.next();
        for i in 0..22 {
            if i == 10 {
                bits = self.rng.next();
            }
            id.push(ID_CHARS[(bits & 63) as usize] as char);
            bits >>= 6;
        }
        let store = match channel {
            AppChannel::Kiosk => Some(self.store()),
            AppChannel::Phone if self.rng.chance(0.55) => Some(self.store()),
            _ => None,
        };
        let (campaign, utm) = match channel {
            AppChannel::Embed => (
                self.rng.pick(&self.w.campaigns).cloned(),
                Some(("partner", "referral")),
            ),
            AppChannel::Phone if self.rng.chance(0.2) => {
                let campaign = if self.rng.chance(0.3) {
                    self.rng.pick(&self.w.campaigns).cloned()
                } else {
                    None
                };
                (campaign, self.rng.pick(UTM).copied())
            }
            _ => (None, None),
        };
        let member_ref = if channel == AppChannel::Phone && self.rng.chance(0.12) {
            self.rng.pick(&self.w.members).copied()
        } else {
            None
        };
        Visit {
            session_id: id,
            channel: channel.as_str(),
            member_ref,
            store,
            campaign,
            utm,
            product: None,
            list: None,
        }
    }

    fn row(&mut self, v: &Visit, name: EventName, at: i64) -> EventRow {
        let received = (at + self.rng.below(10) as i64).min(self.now);
        EventRow {
            name: name.as_str(),
            at,
            day: self.china_day(at),
            received_at: received,
            session_id: v.session_id.clone(),
            channel: v.channel,
            member_ref: v.member_ref,
            store_id: v.store.map(|s| self.w.stores[s as usize].id.clone()),
            campaign: v.campaign.clone(),
            utm_source: v.utm.map(|u| u.0.to_owned()),
            utm_medium: v.utm.map(|u| u.1.to_owned()),
            utm_campaign: v.utm.and(v.campaign.clone()),
            ..EventRow::default()
        }
    }

    fn with_product(&self, mut r: EventRow, product: u32, variant: Option<u32>) -> EventRow {
        let p = &self.w.products[product as usize];
        r.product_id = Some(p.id.clone());
        r.category_id = Some(p.category_id.clone());
        r.variant_id = variant.map(|v| self.w.variants[v as usize].clone());
        r.items = 1;
        r
    }

    /// Appends one visit's events (at most `left`, at least one) to `out`.
    pub fn next_visit(&mut self, out: &mut Vec<EventRow>, left: u64) {
        let len = (3 + self.rng.below(28)).min(usize::try_from(left).unwrap_or(usize::MAX));
        let mut v = self.visit();
        let mut t = self.start_time(len);
        for i in 0..len.max(1) {
            let kind = if i == 0 {
                match v.channel {
                    "embed" => 8,
                    "kiosk" if self.rng.chance(0.3) => 10,
                    _ => [0, 0, 0, 3, 3, 2][self.rng.below(6)],
                }
            } else {
                const WEIGHTS: [(usize, u32); 13] = [
                    (0, 14),
                    (1, 10),
                    (2, 28),
                    (3, 10),
                    (4, 14),
                    (5, 6),
                    (6, 3),
                    (7, 2),
                    (8, 2),
                    (9, 2),
                    (10, 3),
                    (11, 4),
                    (12, 1),
                ];
                let mut x = self.rng.below(99) as u32;
                WEIGHTS
                    .iter()
                    .find(|(_, w)| {
                        let hit = x < *w;
                        x = x.saturating_sub(*w);
                        hit
                    })
                    .map_or(2, |k| k.0)
            };
            let row = self.event(&mut v, kind, t);
            out.push(row);
            t = (t + 5 + self.rng.below(115) as i64).min(self.now);
        }
    }

    /// One event of `kind` (see the weights in [`Visits::next_visit`]); a kind whose needs
    /// the visit lacks becomes a product view.
    fn event(&mut self, v: &mut Visit, kind: usize, at: i64) -> EventRow {
        let w = self.w;
        match kind {
            0 => {
                let list = match self.rng.chance(0.6) {
                    true => self.rng.pick(&w.lists).cloned(),
                    false => None,
                }
                .unwrap_or_else(|| LISTS[self.rng.below(LISTS.len())].to_owned());
                let n = 8 + self.rng.below(17);
                let items: Vec<u32> = (0..n).map(|_| self.product()).collect();
                let mut r = {
                    let r = self.row(v, EventName::ViewItemList, at);
                    self.with_product(r, items[0], None)
                };
                r.items = n as i64;
                r.item_list_id = Some(list.clone());
                v.list = Some((list, items));
                r
            }
            1 if v.list.is_some() => {
                let (list, items) = v.list.clone().unwrap_or_default();
                let product = items[self.rng.below(items.len().min(6))];
                v.product = Some(product);
                let mut r = {
                    let r = self.row(v, EventName::SelectItem, at);
                    self.with_product(r, product, None)
                };
                r.item_list_id = Some(list);
                r
            }
            3 => {
                let mut r = self.row(v, EventName::Search, at);
                if self.rng.chance(0.12) {
                    r.search_term = Some(MISSES[self.rng.below(MISSES.len())].to_owned());
                    r.results = Some(0);
                } else {
                    // popular searches more often
                    let n = w.searches.len();
                    let i = self.rng.below(n).min(self.rng.below(n));
                    r.search_term = w.searches.get(i).cloned();
                    r.results = Some(3 + self.rng.below(200) as i64);
                }
                r.search_term.get_or_insert_with(|| "jacket".to_owned());
                r
            }
            4 | 6 => self.stock_or_reserve(v, kind == 6, at),
            5 if v.product.is_some() => {
                let product = v.product.unwrap_or_default();
                {
                    let r = self.row(v, EventName::AddToWishlist, at);
                    self.with_product(r, product, None)
                }
            }
            7 if !w.offers.is_empty() => {
                let mut r = self.row(v, EventName::ClaimCoupon, at);
                r.coupon = self.rng.pick(&w.offers).cloned();
                r
            }
            8 | 9 if !w.campaigns.is_empty() => {
                let name = if kind == 8 {
                    EventName::ViewPromotion
                } else {
                    EventName::SelectPromotion
                };
                let mut r = self.row(v, name, at);
                r.promotion_id = v
                    .campaign
                    .clone()
                    .or_else(|| self.rng.pick(&w.campaigns).cloned());
                r
            }
            10 | 11 if !w.tours.is_empty() => {
                let tour = &w.tours[self.rng.below(w.tours.len())];
                v.store = Some(tour.store);
                if kind == 10 {
                    return self.row(v, EventName::TourVisit, at);
                }
                let mut r = self.row(v, EventName::TourViewHotspot, at);
                if let Some((id, product)) = self.rng.pick(&tour.hotspots) {
                    r.hotspot_id = Some(id.clone());
                    if let Some(p) = product {
                        r = self.with_product(r, *p, None);
                    }
                }
                r.hotspot_id.get_or_insert_with(|| "entrance".to_owned());
                r
            }
            12 => {
                let guides: Vec<u16> = (0..w.stores.len() as u16)
                    .filter(|&s| w.stores[s as usize].guide)
                    .collect();
                match v
                    .store
                    .filter(|s| w.stores[*s as usize].guide)
                    .or_else(|| self.rng.pick(&guides).copied())
                {
                    Some(s) => {
                        v.store = Some(s);
                        self.row(v, EventName::BookGuide, at)
                    }
                    None => self.view_item(v, at),
                }
            }
            _ => self.view_item(v, at),
        }
    }

    fn view_item(&mut self, v: &mut Visit, at: i64) -> EventRow {
        let product = self.product();
        v.product = Some(product);
        {
            let r = self.row(v, EventName::ViewItem, at);
            self.with_product(r, product, None)
        }
    }

    /// A stock view of the visit's product at its store (chosen now if none), or a
    /// reservation where the variant has units; a product view when neither can be.
    fn stock_or_reserve(&mut self, v: &mut Visit, reserve: bool, at: i64) -> EventRow {
        let Some(product) = v.product else {
            return self.view_item(v, at);
        };
        let Some(variant) = self.variant(product) else {
            return self.view_item(v, at);
        };
        let store = match v.store {
            Some(s) => s,
            None => {
                let s = self.store();
                v.store = Some(s);
                s
            }
        };
        let w = self.w;
        let have = &w.stocked[variant as usize];
        let nearest = || {
            w.nearest[store as usize]
                .iter()
                .copied()
                .find(|s| have.contains(s))
        };
        let in_stock = have.contains(&store);
        if reserve {
            let Some(at_store) = (if in_stock { Some(store) } else { nearest() }) else {
                return self.view_item(v, at);
            };
            v.store = Some(at_store);
            return {
                let r = self.row(v, EventName::Reserve, at);
                self.with_product(r, product, Some(variant))
            };
        }
        let near = if in_stock { None } else { nearest() };
        let mut r = {
            let r = self.row(v, EventName::ViewStoreStock, at);
            self.with_product(r, product, Some(variant))
        };
        r.out_of_stock = Some(i64::from(!in_stock));
        r.nearest_store_id = near.map(|s| w.stores[s as usize].id.clone());
        r
    }
}
