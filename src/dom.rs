//! Small browser helpers that have no pure part: focus, the clock of a time zone.

use storefront_api_types::Weekday;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::logic::hours::weekday_from_name;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound here so an unknown time zone is an `Err`, not a trap.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type ZoneFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locales: &str, options: &JsValue) -> Result<ZoneFormat, JsValue>;

    #[wasm_bindgen(method, js_name = formatToParts)]
    fn format_to_parts(this: &ZoneFormat, date: &js_sys::Date) -> js_sys::Array;
}

/// The weekday and `HH:MM` now in the IANA time zone `zone`, or `None` if the browser
/// does not know it.
pub fn now_in_zone(zone: &str) -> Option<(Weekday, String)> {
    let options = js_sys::Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("weekday", "short"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
    }
    let format = ZoneFormat::new("en-US", &options).ok()?;
    let parts = format.format_to_parts(&js_sys::Date::new_0());
    let mut weekday = None;
    let (mut hour, mut minute) = (None, None);
    for part in parts.iter() {
        let get = |k: &str| {
            js_sys::Reflect::get(&part, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_string())
        };
        match get("type").as_deref() {
            Some("weekday") => weekday = get("value").as_deref().and_then(weekday_from_name),
            Some("hour") => hour = get("value"),
            Some("minute") => minute = get("value"),
            _ => {}
        }
    }
    Some((weekday?, format!("{:0>2}:{:0>2}", hour?, minute?)))
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
