//! The editor's form: one signal per field, filled from a saved campaign and read back as
//! the contract's [`CampaignInput`], with the faults found before sending (a date not
//! chosen, an amount that is not one) as field errors like the server's.

use leptos::prelude::*;
use storefront_api_types::{
    CampaignInput, CampaignReward, Currency, FieldError, LocalizedText, Money, ProductId,
    ProductSummary, StoreId, Timestamp, HERO_THEMES,
};

use super::logic::{origin_lines, parse_yuan, yuan_text};

/// The editor's fields.
#[derive(Clone, Copy)]
pub struct Form {
    /// `/slug`.
    pub slug: RwSignal<String>,
    /// `/title/zh-CN`, `/title/en`.
    pub title: [RwSignal<String>; 2],
    /// `/copy/zh-CN`, `/copy/en`.
    pub copy: [RwSignal<String>; 2],
    /// `/hero_alt/zh-CN`, `/hero_alt/en`.
    pub hero_alt: [RwSignal<String>; 2],
    /// `/hero_theme`.
    pub theme: RwSignal<String>,
    /// `/product_ids`: the picked products, in order.
    pub products: RwSignal<Vec<ProductSummary>>,
    /// `/offer_code` (empty: none).
    pub offer: RwSignal<String>,
    /// `/starts_at` as a `datetime-local` value.
    pub starts: RwSignal<String>,
    /// `/ends_at` as a `datetime-local` value.
    pub ends: RwSignal<String>,
    /// `/store_ids`.
    pub stores: RwSignal<Vec<String>>,
    /// `/allowed_origins`, one per line.
    pub origins: RwSignal<String>,
    /// Whether `/reward` is set.
    pub reward_on: RwSignal<bool>,
    /// `/reward/min_spend`, in yuan.
    pub min_spend: RwSignal<String>,
    /// `/published`.
    pub published: RwSignal<bool>,
}

impl Form {
    /// An empty form: a week from the next hour, the first hero design.
    pub fn new() -> Form {
        let now = crate::dom::now_unix();
        let start = (now / 3600 + 1) * 3600;
        let text = || RwSignal::new(String::new());
        Form {
            slug: text(),
            title: [text(), text()],
            copy: [text(), text()],
            hero_alt: [text(), text()],
            theme: RwSignal::new(HERO_THEMES[0].to_owned()),
            products: RwSignal::new(Vec::new()),
            offer: text(),
            starts: RwSignal::new(local_input(start)),
            ends: RwSignal::new(local_input(start + 7 * 86_400)),
            stores: RwSignal::new(Vec::new()),
            origins: text(),
            reward_on: RwSignal::new(false),
            min_spend: text(),
            published: RwSignal::new(false),
        }
    }

    /// Fills the fields from a saved campaign (its products as already fetched).
    pub fn fill(&self, input: &CampaignInput, products: Vec<ProductSummary>) {
        self.slug.set(input.slug.clone());
        for (pair, text) in [
            (self.title, &input.title),
            (self.copy, &input.copy),
            (self.hero_alt, &input.hero_alt),
        ] {
            pair[0].set(text.zh_cn.clone());
            pair[1].set(text.en.clone());
        }
        self.theme.set(input.hero_theme.clone());
        self.products.set(products);
        self.offer.set(input.offer_code.clone().unwrap_or_default());
        self.starts.set(local_input(input.starts_at.unix()));
        self.ends.set(local_input(input.ends_at.unix()));
        self.stores
            .set(input.store_ids.iter().map(|s| s.0.clone()).collect());
        self.origins.set(input.allowed_origins.join("\n"));
        self.reward_on.set(input.reward.is_some());
        self.min_spend.set(
            input
                .reward
                .map(|r| yuan_text(r.min_spend.amount_minor))
                .unwrap_or_default(),
        );
        self.published.set(input.published);
    }

    /// The contract's body, or the faults found before sending.
    pub fn read(&self) -> Result<CampaignInput, Vec<FieldError>> {
        let mut faults = Vec::new();
        let mut fault = |pointer: &str, message: &str| {
            faults.push(FieldError {
                pointer: pointer.to_owned(),
                message: message.to_owned(),
            })
        };
        let pair = |p: [RwSignal<String>; 2]| {
            LocalizedText::new(p[0].get_untracked(), p[1].get_untracked())
        };
        let starts = parse_local(&self.starts.get_untracked());
        let ends = parse_local(&self.ends.get_untracked());
        if starts.is_none() {
            fault("/starts_at", "choose a date and time");
        }
        if ends.is_none() {
            fault("/ends_at", "choose a date and time");
        }
        let reward = if self.reward_on.get_untracked() {
            match parse_yuan(&self.min_spend.get_untracked()) {
                Some(fen) => Some(CampaignReward {
                    min_spend: Money {
                        amount_minor: fen,
                        currency: Currency::Cny,
                    },
                }),
                None => {
                    fault("/reward/min_spend", "enter an amount in yuan, such as 200");
                    None
                }
            }
        } else {
            None
        };
        let (Some(starts), Some(ends)) = (starts, ends) else {
            return Err(faults);
        };
        if !faults.is_empty() {
            return Err(faults);
        }
        let offer = self.offer.get_untracked();
        Ok(CampaignInput {
            slug: self.slug.get_untracked().trim().to_owned(),
            title: pair(self.title),
            copy: pair(self.copy),
            hero_theme: self.theme.get_untracked(),
            hero_alt: pair(self.hero_alt),
            product_ids: self
                .products
                .get_untracked()
                .into_iter()
                .map(|p| ProductId(p.id.0))
                .collect(),
            offer_code: (!offer.is_empty()).then_some(offer),
            starts_at: starts,
            ends_at: ends,
            store_ids: self
                .stores
                .get_untracked()
                .into_iter()
                .map(StoreId)
                .collect(),
            allowed_origins: origin_lines(&self.origins.get_untracked()),
            reward,
            published: self.published.get_untracked(),
        })
    }
}

/// A `datetime-local` value (`2026-12-06T10:00`) of an instant, on this device's clock.
pub fn local_input(unix: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The instant of a `datetime-local` value, read on this device's clock; `None` when empty
/// or not a date.
pub fn parse_local(value: &str) -> Option<Timestamp> {
    let v = value.trim();
    if v.len() < 16 {
        return None;
    }
    let ms = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(v)).get_time();
    ms.is_finite()
        .then(|| Timestamp::from_unix((ms / 1000.0) as i64))
}
