//! Adding the shop to the home screen where the browser offers no prompt of its own (split
//! module `install`): on an iPhone or iPad in Safari, the app says once how to do it, and
//! the shopper can dismiss it. Chrome and Edge read the web app manifest
//! (`public/manifest.webmanifest`) and offer installing themselves.
//!
//! The main module only decides whether to load it ([`wants_ios_hint`], from a mark the
//! boot script in index.html sets): an iOS browser that can add to the home screen, not
//! already opened from there, not a kiosk, not shown before on this device, and a page
//! that is not framed.
#![allow(improper_ctypes_definitions)]

mod hint;
pub mod i18n;

pub use hint::IosInstallHint;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// The once-only "Add to Home Screen" hint for iOS.
    install fn ios_install_hint() => view! { <IosInstallHint /> }
}

/// Whether this visit should be shown the iOS hint: index.html's boot script marks the
/// document `data-ios-hint` (an iOS browser that can add to the home screen, not opened from
/// there, not shown before: the rules in [`ios_can_add`], kept in step with that script by
/// the e2e journey), and a kiosk never shows it. The detection is script in the document,
/// not code in the main module.
pub fn wants_ios_hint() -> bool {
    !crate::dom::is_kiosk()
        && web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .is_some_and(|e| e.has_attribute("data-ios-hint"))
}

/// Whether a browser with user agent `ua` (and `touch_points`) is iOS or iPadOS where
/// "Add to Home Screen" exists: Safari and the other iOS browsers (their share menu has it
/// since iOS 16.4), but not WeChat's in-app browser, which has no such menu. (The rule
/// index.html's boot script applies, stated here with its tests.)
pub fn ios_can_add(ua: &str, touch_points: i32) -> bool {
    // iPadOS asks for desktop pages: it says "Macintosh" but has a touch screen
    let ios = ua.contains("iPhone")
        || ua.contains("iPad")
        || (ua.contains("Macintosh") && touch_points > 1);
    ios && !ua.contains("MicroMessenger")
}

#[cfg(test)]
mod tests {
    use super::ios_can_add;

    #[test]
    fn only_ios_browsers_that_can_add_to_the_home_screen() {
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert!(ios_can_add(safari, 5));
        let ipad = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
        assert!(ios_can_add(ipad, 5));
        // a Mac has no touch screen
        assert!(!ios_can_add(ipad, 0));
        let wechat = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN";
        assert!(!ios_can_add(wechat, 5));
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert!(!ios_can_add(android, 5));
    }
}
