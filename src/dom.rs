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

/// Fields of a date and time: "11月24日周二 15:30" / "Tue, Nov 24, 15:30".
const DATE_TIME: &[(&str, &str)] = &[
    ("weekday", "short"),
    ("month", "short"),
    ("day", "numeric"),
    ("hour", "2-digit"),
    ("minute", "2-digit"),
    ("hourCycle", "h23"),
];
/// The same with the year.
const DATE_TIME_YEAR: &[(&str, &str)] = &[
    ("year", "numeric"),
    ("weekday", "short"),
    ("month", "short"),
    ("day", "numeric"),
    ("hour", "2-digit"),
    ("minute", "2-digit"),
    ("hourCycle", "h23"),
];
/// The year alone.
const YEAR: &[(&str, &str)] = &[("year", "numeric")];

thread_local! {
    /// The formatters made so far, by fields, locale and zone.
    static FORMATS: std::cell::RefCell<Vec<(String, ZoneFormat)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An `Intl.DateTimeFormat` of `fields` in `locale` on the clock of `zone` (the shopper's
/// own when empty), made once and kept: making one costs far more than using it, and a
/// stock block formats its stores' times on every poll.
fn formatter(fields: &'static [(&str, &str)], locale: &str, zone: &str) -> Option<ZoneFormat> {
    let key = format!("{:p}|{locale}|{zone}", fields.as_ptr());
    if let Some(f) = FORMATS.with_borrow(|c| {
        c.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| JsValue::clone(f).unchecked_into::<ZoneFormat>())
    }) {
        return Some(f);
    }
    let options = js_sys::Object::new();
    if !zone.is_empty() {
        js_sys::Reflect::set(
            &options,
            &JsValue::from_str("timeZone"),
            &JsValue::from_str(zone),
        )
        .ok()?;
    }
    for (k, v) in fields {
        js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
    }
    let f = ZoneFormat::new(locale, &options).ok()?;
    FORMATS.with_borrow_mut(|c| c.push((key, JsValue::clone(&f).unchecked_into())));
    Some(f)
}

fn date_of(unix: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(unix as f64 * 1000.0))
}

/// The browser window; `None` natively (a server rendering the first screen,
/// `crate::first_screen`), where there is none to ask.
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The instant `unix` (seconds) as the clock and calendar of the IANA time zone `zone`
/// (the shopper's own when `zone` is empty) show it, in `lang`: "11月24日周二 15:30" /
/// "Tue, Nov 24, 15:30", with the year when it is not this year's (a points entry of last
/// December). `None` if the browser does not know the zone.
pub fn format_in_zone(unix: i64, zone: &str, lang: Lang) -> Option<String> {
    let locale = match lang {
        Lang::ZhCn => "zh-CN",
        Lang::En => "en-US",
    };
    let year = formatter(YEAR, "en-US", zone)?;
    let fields = if year.format(&date_of(unix)) == year.format(&date_of(now_unix())) {
        DATE_TIME
    } else {
        DATE_TIME_YEAR
    };
    Some(formatter(fields, locale, zone)?.format(&date_of(unix)))
}

/// Whether the clock of the IANA time zone `zone` shows another time than the shopper's
/// now (a store in Shanghai seen from a phone set to London).
pub fn zone_differs(zone: &str) -> bool {
    // natively (a server's first screen) the shopper's clock is unknown: the app says it
    if cfg!(not(target_arch = "wasm32")) {
        return false;
    }
    let now = now_unix();
    !zone.is_empty() && format_in_zone(now, zone, Lang::En) != format_in_zone(now, "", Lang::En)
}

/// Asks the browser for the position once; `done` gets it, or the error code (1 = denied).
pub fn locate(done: impl FnOnce(Result<storefront_api_types::GeoPoint, u16>) + 'static) {
    let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        done(Err(0));
        return;
    };
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |r: Result<storefront_api_types::GeoPoint, u16>| {
            if let Some(f) = done.borrow_mut().take() {
                f(r);
            }
        }
    };
    let ok = {
        let finish = finish.clone();
        Closure::once_into_js(move |pos: JsValue| {
            let num = |o: &JsValue, k: &str| {
                js_sys::Reflect::get(o, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            let coords = js_sys::Reflect::get(&pos, &JsValue::from_str("coords")).ok();
            let point = coords.and_then(|c| {
                Some(storefront_api_types::GeoPoint {
                    lat: num(&c, "latitude")?,
                    lng: num(&c, "longitude")?,
                })
            });
            finish(point.ok_or(0));
        })
    };
    let err = Closure::once_into_js(move |e: JsValue| {
        let code = js_sys::Reflect::get(&e, &JsValue::from_str("code"))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        finish(Err(code as u16));
    });
    if geo
        .get_current_position_with_error_callback(ok.unchecked_ref(), Some(err.unchecked_ref()))
        .is_err()
    {
        if let Some(f) = done.borrow_mut().take() {
            f(Err(0));
        }
    }
}

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Moves keyboard focus to the element with `id` without scrolling (a new page keeps its
/// header in view; the browser would scroll the focused element to the top).
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = element {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

// Whether this browser is a store's paired kiosk. The server marks the document
// (`<html data-kiosk>`) when the request carries the kiosk's device cookie (HttpOnly: the
// app never sees the secret); the kiosk's code itself is in its own module
// (`crate::features::kiosk`), which confirms the pairing with the server.
thread_local! {
    static KIOSK: bool = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.has_attribute("data-kiosk"));
}

/// A kiosk's hand-off whose page the server named (`<meta name="sf-handoff-route">` of the
/// phone's `/h/{token}`, while it is unused): moves the URL to that page, so the app starts
/// on it as fast as from its own link, and answers whether it did (the hand-off module then
/// takes the hand-off alongside, `crate::features::kiosk`).
pub fn open_named_handoff() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let route = w
        .document()
        .and_then(|d| {
            d.query_selector("meta[name=sf-handoff-route]")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"));
    route.is_some_and(|r| {
        w.history().is_ok_and(|h| {
            h.replace_state_with_url(&JsValue::NULL, "", Some(&r))
                .is_ok()
        })
    })
}

/// Whether the document was served to a paired kiosk.
pub fn is_kiosk() -> bool {
    KIOSK.with(|k| *k)
}

/// Adds the stylesheet `href` (a file Trunk copies to the build, e.g. `/marketing.css`) to the
/// page once, as `<link id=…>`: the CSS of a split module's screens loads with them only.
pub fn ensure_stylesheet(id: &str, href: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(id).is_some() {
        return;
    }
    let Ok(link) = document.create_element("link") else {
        return;
    };
    let _ = link.set_attribute("id", id);
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    if let Some(head) = document.head() {
        let _ = head.append_child(&link);
    }
}
