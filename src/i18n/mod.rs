//! The zh-CN and English strings, the start-up language, and the document's language.
//!
//! No i18n crate: [`Key`] names every fixed string and [`Key::get`] gives it per language;
//! texts with numbers are small functions below.

pub(crate) mod strings;

pub use strings::Key;

use storefront_api_types::{Lang, StoreService, Weekday};

/// The localStorage key that remembers the shopper's language.
pub const STORAGE_KEY: &str = "storefront.lang";
/// The brand, as the header and titles show it.
pub const BRAND_ZH: &str = "优品生活";
/// The brand's Latin wordmark.
pub const BRAND_EN: &str = "YOUPIN LIVING";

/// The language to start in: the remembered choice, else the browser's first zh/en
/// preference, else zh-CN.
pub fn initial_lang() -> Lang {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let browser: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    choose_lang(stored.as_deref(), &browser)
}

/// Pure part of [`initial_lang`].
pub fn choose_lang(stored: Option<&str>, browser: &[String]) -> Lang {
    stored
        .and_then(Lang::from_tag)
        .or_else(|| browser.iter().find_map(|t| Lang::from_tag(t)))
        .unwrap_or(Lang::ZhCn)
}

/// Sets `<html lang>` and remembers the choice. Failures (private mode) are ignored.
pub fn apply_lang(lang: Lang) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut kiosk = false;
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.tag());
        kiosk = root.has_attribute("data-kiosk");
    }
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.tag());
    }
    // and tells the server, whose first screen of the next page is then in it (index.html's
    // boot script does the same from the storage at each load); not a kiosk's: it gets no
    // first screen, and its reset leaves nothing of a shopper
    if kiosk {
        return;
    }
    use wasm_bindgen::JsCast;
    if let Some(doc) = window
        .document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    {
        let _ = doc.set_cookie(&format!(
            "storefront_lang={}; path=/; max-age=31536000; samesite=lax",
            lang.tag()
        ));
    }
}

/// Sets `document.title` to `page · brand`.
pub fn set_title(page: &str, lang: Lang) {
    let brand = match lang {
        Lang::ZhCn => BRAND_ZH,
        Lang::En => "Youpin Living",
    };
    let title = if page.is_empty() {
        brand.to_owned()
    } else {
        format!("{page} · {brand}")
    };
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&title);
    }
}

/// "24 items" / "共 24 件商品".
pub fn item_count(lang: Lang, n: u64) -> String {
    match lang {
        Lang::ZhCn => format!("共 {n} 件商品"),
        Lang::En if n == 1 => "1 item".to_owned(),
        Lang::En => format!("{n} items"),
    }
}

/// "Showing 24 of 360" for the load-more live region.
pub fn showing(lang: Lang, shown: usize, total: u64) -> String {
    match lang {
        Lang::ZhCn => format!("已显示 {shown} / {total} 件商品"),
        Lang::En => format!("Showing {shown} of {total} items"),
    }
}

/// Search heading: `“q” 的搜索结果` / `Results for “q”`.
pub fn results_for(lang: Lang, q: &str) -> String {
    match lang {
        Lang::ZhCn => format!("“{q}”的搜索结果"),
        Lang::En => format!("Results for “{q}”"),
    }
}

/// "No products match “q”".
pub fn no_results(lang: Lang, q: &str) -> String {
    match lang {
        Lang::ZhCn => format!("没有找到与“{q}”相关的商品。换个关键词试试？"),
        Lang::En => format!("No products match “{q}”. Try another word?"),
    }
}

/// "Image 2 of 4".
pub fn image_n_of(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::ZhCn => format!("第 {n} 张图片，共 {of} 张"),
        Lang::En => format!("Image {n} of {of}"),
    }
}

/// "Save ¥20.00 (20%)".
pub fn you_save(lang: Lang, amount: &str, percent: u32) -> String {
    match lang {
        Lang::ZhCn => format!("立省 {amount}（{percent}%）"),
        Lang::En => format!("You save {amount} ({percent}%)"),
    }
}

/// "-20%" badge text.
pub fn percent_off(lang: Lang, percent: u32) -> String {
    match lang {
        Lang::ZhCn if percent > 0 => format!("省{percent}%"),
        Lang::En if percent > 0 => format!("−{percent}%"),
        _ => Key::Sale.get(lang).to_owned(),
    }
}

/// "HTTP error 502" fallback detail.
pub fn error_code(lang: Lang, code: &str) -> String {
    match lang {
        Lang::ZhCn => format!("错误代码：{code}"),
        Lang::En => format!("Error code: {code}"),
    }
}

/// "Added 3 May 2024".
pub fn added_on(lang: Lang, date: &str) -> String {
    match lang {
        Lang::ZhCn => format!("上架日期：{date}"),
        Lang::En => format!("Added {date}"),
    }
}

/// "350 m" / "2.3 km".
pub fn distance(lang: Lang, m: u32) -> String {
    let (unit_m, unit_km) = match lang {
        Lang::ZhCn => (" 米", " 公里"),
        Lang::En => (" m", " km"),
    };
    if m < 1000 {
        format!("{m}{unit_m}")
    } else if m < 100_000 {
        let tenths = (m + 50) / 100;
        format!("{}.{}{unit_km}", tenths / 10, tenths % 10)
    } else {
        format!("{}{unit_km}", (m + 500) / 1000)
    }
}

/// "Open now, closes 22:00" / "Closed, opens tomorrow 10:00".
pub fn open_status(lang: Lang, s: &storefront_api_types::OpenStatus) -> String {
    let zh = lang == Lang::ZhCn;
    let mut out = match (&s.next_change, s.open) {
        (Some(c), true) => {
            let when = match (c.in_days, zh) {
                (0, _) => String::new(),
                (1, true) => "次日 ".to_owned(),
                (1, false) => " tomorrow".to_owned(),
                (_, true) => format!("{} ", weekday(lang, c.weekday)),
                (_, false) => format!(" {}", weekday(lang, c.weekday)),
            };
            if zh {
                format!("营业中，{when}{} 打烊", c.local_time)
            } else {
                format!("Open now, closes{when} {}", c.local_time)
            }
        }
        (Some(c), false) => {
            let day = match (c.in_days, zh) {
                (0, true) => "今天",
                (0, false) => "today",
                (1, true) => "明天",
                (1, false) => "tomorrow",
                _ => weekday(lang, c.weekday),
            };
            if zh {
                format!("休息中，{day} {} 开门", c.local_time)
            } else {
                format!("Closed, opens {day} {}", c.local_time)
            }
        }
        (None, true) => Key::OpenNow.get(lang).to_owned(),
        (None, false) => Key::ClosedNow.get(lang).to_owned(),
    };
    if let Some(note) = &s.exception {
        out.push_str(" · ");
        out.push_str(note.get(lang));
    }
    out
}

/// "updated 2 min ago".
pub fn updated_ago(lang: Lang, secs: i64) -> String {
    let secs = secs.max(0);
    let (n, zh, en) = if secs < 60 {
        return match lang {
            Lang::ZhCn => "刚刚更新".to_owned(),
            Lang::En => "updated just now".to_owned(),
        };
    } else if secs < 3600 {
        (secs / 60, "分钟", "min")
    } else if secs < 86_400 {
        (secs / 3600, "小时", "h")
    } else {
        (secs / 86_400, "天", "d")
    };
    match lang {
        Lang::ZhCn => format!("{n} {zh}前更新"),
        Lang::En => format!("updated {n} {en} ago"),
    }
}

/// A store's time as its clock shows it (the instant `unix` in the store's `zone`), with
/// "(store time)" when the shopper's clock shows another: one rule for every time of a
/// store (ready from, held until, updated at).
pub fn store_time(unix: i64, zone: &str, lang: Lang) -> String {
    let t = crate::dom::format_in_zone(unix, zone, lang).unwrap_or_default();
    format!("{t}{}", store_clock(zone, lang))
}

/// The label of a store's local time (opening hours, guide slots): "(store time)" when the
/// shopper's clock differs from the store's `zone`, else nothing.
pub fn store_clock(zone: &str, lang: Lang) -> &'static str {
    if crate::dom::zone_differs(zone) {
        Key::StoreClock.get(lang)
    } else {
        ""
    }
}

/// What "nearby" is measured from: the shopper's shared position, their chosen store
/// (named), or nothing (every store counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nearby {
    /// The shopper's position.
    You,
    /// The chosen store, by name.
    Store(String),
    /// No position and no store.
    Anywhere,
}

/// "Available at 3 stores near you" / "… near Jing'an" / "Available at 3 stores": "near
/// you" only when the shopper's position is known.
pub fn available_at(lang: Lang, n: u32, basis: &Nearby) -> String {
    let stores = |n: u32| {
        if n == 1 {
            "1 store".to_owned()
        } else {
            format!("{n} stores")
        }
    };
    match (lang, basis, n) {
        (Lang::ZhCn, Nearby::You, 0) => "附近门店暂时无货".to_owned(),
        (Lang::ZhCn, Nearby::You, n) => format!("附近 {n} 家门店有货"),
        (Lang::ZhCn, Nearby::Store(s), 0) => format!("{s}附近的门店暂时无货"),
        (Lang::ZhCn, Nearby::Store(s), n) => format!("{s}附近 {n} 家门店有货"),
        (Lang::ZhCn, Nearby::Anywhere, 0) => "各门店暂时无货".to_owned(),
        (Lang::ZhCn, Nearby::Anywhere, n) => format!("{n} 家门店有货"),
        (Lang::En, Nearby::You, 0) => "Not in stock at stores near you".to_owned(),
        (Lang::En, Nearby::You, n) => format!("Available at {} near you", stores(n)),
        (Lang::En, Nearby::Store(s), 0) => format!("Not in stock at stores near {s}"),
        (Lang::En, Nearby::Store(s), n) => format!("Available at {} near {s}", stores(n)),
        (Lang::En, Nearby::Anywhere, 0) => "Not in stock at any store".to_owned(),
        (Lang::En, Nearby::Anywhere, n) => format!("Available at {}", stores(n)),
    }
}

/// "Low stock: 2 left".
pub fn stock_text(lang: Lang, status: storefront_api_types::StockStatus, q: Option<u32>) -> String {
    use storefront_api_types::StockStatus as S;
    match (status, q) {
        (S::LowStock, Some(q)) => match lang {
            Lang::ZhCn => format!("库存紧张：仅剩 {q} 件"),
            Lang::En => format!("Low stock: {q} left"),
        },
        (S::InStock, _) => Key::InStock.get(lang).to_owned(),
        (S::LowStock, None) => Key::LowStock.get(lang).to_owned(),
        (S::OutOfStock, _) => Key::OutOfStock.get(lang).to_owned(),
    }
}

/// Weekday names.
pub fn weekday(lang: Lang, day: Weekday) -> &'static str {
    let (zh, en) = match day {
        Weekday::Mon => ("周一", "Monday"),
        Weekday::Tue => ("周二", "Tuesday"),
        Weekday::Wed => ("周三", "Wednesday"),
        Weekday::Thu => ("周四", "Thursday"),
        Weekday::Fri => ("周五", "Friday"),
        Weekday::Sat => ("周六", "Saturday"),
        Weekday::Sun => ("周日", "Sunday"),
    };
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// Store service names.
pub fn service(lang: Lang, s: StoreService) -> &'static str {
    let (zh, en) = match s {
        StoreService::Pickup => ("线上下单 门店自提", "Click & collect"),
        StoreService::FittingRooms => ("试衣间", "Fitting rooms"),
        StoreService::ShoppingGuide => ("一对一导购", "Personal shopper"),
        StoreService::Returns => ("线上订单退换", "Online returns"),
    };
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_language() {
        let en = vec!["en-US".to_owned(), "zh-CN".to_owned()];
        let zh = vec!["zh-TW".to_owned()];
        let fr = vec!["fr-FR".to_owned()];
        assert_eq!(choose_lang(None, &en), Lang::En);
        assert_eq!(choose_lang(None, &zh), Lang::ZhCn);
        assert_eq!(choose_lang(None, &fr), Lang::ZhCn);
        assert_eq!(choose_lang(None, &[]), Lang::ZhCn);
        assert_eq!(choose_lang(Some("zh-CN"), &en), Lang::ZhCn);
        assert_eq!(choose_lang(Some("garbage"), &en), Lang::En);
    }

    #[test]
    fn distances_and_freshness() {
        assert_eq!(distance(Lang::En, 350), "350 m");
        assert_eq!(distance(Lang::En, 2_349), "2.3 km");
        assert_eq!(distance(Lang::ZhCn, 2_350), "2.4 公里");
        assert_eq!(distance(Lang::En, 1_068_000), "1068 km");
        assert_eq!(updated_ago(Lang::En, 30), "updated just now");
        assert_eq!(updated_ago(Lang::En, 150), "updated 2 min ago");
        assert_eq!(updated_ago(Lang::ZhCn, 7200), "2 小时前更新");
        assert_eq!(
            available_at(Lang::En, 3, &Nearby::You),
            "Available at 3 stores near you"
        );
        // "near you" only with the shopper's position
        let jingan = Nearby::Store("Jing'an".to_owned());
        assert_eq!(
            available_at(Lang::En, 1, &jingan),
            "Available at 1 store near Jing'an"
        );
        assert_eq!(
            available_at(Lang::En, 13, &Nearby::Anywhere),
            "Available at 13 stores"
        );
        assert_eq!(
            available_at(Lang::ZhCn, 0, &Nearby::Anywhere),
            "各门店暂时无货"
        );
    }

    #[test]
    fn open_status_texts() {
        use storefront_api_types::{OpenChange, OpenStatus, Timestamp};
        let change = |in_days, weekday, t: &str| {
            Some(OpenChange {
                at: Timestamp::from_unix(0),
                local_time: t.to_owned(),
                in_days,
                weekday,
            })
        };
        let mut s = OpenStatus {
            open: true,
            today: Weekday::Fri,
            local_date: "2026-11-27".into(),
            next_change: change(0, Weekday::Fri, "22:00"),
            exception: None,
        };
        assert_eq!(open_status(Lang::En, &s), "Open now, closes 22:00");
        assert_eq!(open_status(Lang::ZhCn, &s), "营业中，22:00 打烊");
        s.next_change = change(1, Weekday::Sat, "02:00");
        assert_eq!(open_status(Lang::En, &s), "Open now, closes tomorrow 02:00");
        s.open = false;
        assert_eq!(open_status(Lang::En, &s), "Closed, opens tomorrow 02:00");
        s.next_change = change(0, Weekday::Fri, "10:00");
        assert_eq!(open_status(Lang::ZhCn, &s), "休息中，今天 10:00 开门");
        s.next_change = change(3, Weekday::Mon, "10:00");
        s.exception = Some(storefront_api_types::LocalizedText::new(
            "春节",
            "Spring Festival",
        ));
        assert_eq!(
            open_status(Lang::En, &s),
            "Closed, opens Monday 10:00 · Spring Festival"
        );
    }

    #[test]
    fn counts() {
        assert_eq!(item_count(Lang::En, 1), "1 item");
        assert_eq!(item_count(Lang::En, 360), "360 items");
        assert_eq!(item_count(Lang::ZhCn, 360), "共 360 件商品");
        assert_eq!(showing(Lang::En, 24, 360), "Showing 24 of 360 items");
    }
}
