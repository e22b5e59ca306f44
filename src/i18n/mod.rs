//! The zh-CN and English strings, the start-up language, and the document's language.
//!
//! No i18n crate: [`Key`] names every fixed string and [`Key::get`] gives it per language;
//! texts with numbers are small functions below.

mod strings;

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
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.tag());
    }
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.tag());
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

/// "Open now · until 22:00" and friends.
pub fn open_until(lang: Lang, closes: &str) -> String {
    match lang {
        Lang::ZhCn => format!("营业中 · {closes} 打烊"),
        Lang::En => format!("Open now · until {closes}"),
    }
}

/// "Opens at 10:00".
pub fn opens_at(lang: Lang, opens: &str) -> String {
    match lang {
        Lang::ZhCn => format!("未营业 · {opens} 开门"),
        Lang::En => format!("Closed · opens at {opens}"),
    }
}

/// Today's opening window, "10:00–22:00".
pub fn today_hours(lang: Lang, open: &str, close: &str) -> String {
    match lang {
        Lang::ZhCn | Lang::En => format!("{open}–{close}"),
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
    fn every_key_has_both_languages() {
        for key in Key::ALL {
            assert!(!key.get(Lang::ZhCn).is_empty(), "{key:?} zh");
            assert!(!key.get(Lang::En).is_empty(), "{key:?} en");
        }
    }

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
    fn counts() {
        assert_eq!(item_count(Lang::En, 1), "1 item");
        assert_eq!(item_count(Lang::En, 360), "360 items");
        assert_eq!(item_count(Lang::ZhCn, 360), "共 360 件商品");
        assert_eq!(showing(Lang::En, 24, 360), "Showing 24 of 360 items");
    }
}
