//! Small browser helpers that have no pure part: focus, the clock of a time zone.

use storefront_api_types::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Id of `<main>`, the skip link's target.
pub const MAIN_ID: &str = "main";

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound here so an unknown time zone is an `Err`, not a trap.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type ZoneFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locales: &str, options: &JsValue) -> Result<ZoneFormat, JsValue>;

    #[wasm_bindgen(method)]
    fn format(this: &ZoneFormat, date: &js_sys::Date) -> String;
}

/// The instant `unix` (seconds) as the clock and calendar of the IANA time zone `zone`
/// (the shopper's own when `zone` is empty) show it, in `lang`: "11月24日周二 15:30" / "Tue, Nov 24, 15:30". `None` if the
/// browser does not know the zone.
pub fn format_in_zone(unix: i64, zone: &str, lang: Lang) -> Option<String> {
    let options = js_sys::Object::new();
    for (k, v) in [
        ("timeZone", if zone.is_empty() { "UTC" } else { zone }),
        ("weekday", "short"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        // no zone: the shopper's own clock
        if !(k == "timeZone" && zone.is_empty()) {
            js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
        }
    }
    let locale = match lang {
        Lang::ZhCn => "zh-CN",
        Lang::En => "en-US",
    };
    let format = ZoneFormat::new(locale, &options).ok()?;
    Some(format.format(&js_sys::Date::new(&JsValue::from_f64(unix as f64 * 1000.0))))
}

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Moves keyboard focus to the element with `id` (without scrolling).
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = element {
        let _ = el.focus();
    }
}
