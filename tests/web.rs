//! Component tests in a real browser (headless Chromium via wasm-bindgen-test-runner):
//! `cargo test -p storefront --target wasm32-unknown-unknown`.
//! Components are mounted into a fresh element; no live service is called.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use storefront::api::ApiError;
use storefront::components::{ErrorPanel, Price, ProductCard, ProductGrid, WishlistLink};
use storefront::features::catalogue::gallery::Gallery;
use storefront::i18n::Key;
use storefront::layout::LanguageSwitch;
use storefront::state::{Locale, Wishlist};
use storefront_api_types::{Lang, Money, ProductSummary};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element appended to `<body>`.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let el = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
        .text_content()
        .unwrap_or_default()
}

fn summary(slug: &str, price: i64, compare_at: Option<i64>) -> ProductSummary {
    let compare = compare_at
        .map(|c| format!(r#","compare_at_price":{{"amount_minor":{c},"currency":"CNY"}}"#))
        .unwrap_or_default();
    serde_json::from_str(&format!(
        r#"{{"id":"p_{slug}","slug":"{slug}","name":{{"zh-CN":"轻盈羊绒外套","en":"Featherlight Blazer"}},
            "brand":"Linwei Studio",
            "category":{{"id":"c_coats","slug":"coats","name":{{"zh-CN":"外套","en":"Coats"}}}},
            "image":{{"url":"/media/products/p_{slug}/0.svg","width":800,"height":1000,
                      "alt":{{"zh-CN":"轻盈羊绒外套，正面","en":"Featherlight Blazer, front view"}}}},
            "price":{{"amount_minor":{price},"currency":"CNY"}}{compare},
            "created_at":"2025-03-01T08:00:00Z"}}"#
    ))
    .unwrap()
}

#[wasm_bindgen_test]
async fn price_on_sale_strikes_through_the_compare_at_price() {
    let root = container();
    let _handle = mount_to(root.clone(), || {
        view! { <Price price=Money::cny(129_900) compare_at=Money::cny(159_900) /> }
    });
    tick().await;
    assert_eq!(text(&root, ".price-now"), "¥1,299.00");
    assert!(root
        .query_selector(".price-now.price-sale")
        .unwrap()
        .is_some());
    let was = text(&root, "del.price-was");
    assert!(was.ends_with("¥1,599.00"), "{was}");
}

#[wasm_bindgen_test]
async fn regular_price_has_no_strike_through_and_follows_the_language() {
    let root = container();
    let lang = RwSignal::new(Lang::En);
    let _handle = mount_to(root.clone(), move || {
        provide_context(Locale(lang));
        view! { <Price price=Money::cny(0) /> }
    });
    tick().await;
    assert_eq!(text(&root, ".price-now"), "CN¥0.00");
    assert!(root.query_selector("del").unwrap().is_none());
    lang.set(Lang::ZhCn);
    tick().await;
    assert_eq!(text(&root, ".price-now"), "¥0.00");
}

#[wasm_bindgen_test]
async fn product_card_links_and_describes_its_image() {
    let root = container();
    let product = summary("featherlight-blazer", 46_900, Some(62_900));
    let _handle = mount_to(root.clone(), move || {
        view! {
            <ProductCard product=product eager=true />
        }
    });
    tick().await;
    let link = root.query_selector("a.card-link").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/product/featherlight-blazer")
    );
    let img = root.query_selector("img").unwrap().unwrap();
    assert_eq!(img.get_attribute("width").as_deref(), Some("800"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("1000"));
    assert_eq!(
        img.get_attribute("alt").as_deref(),
        Some("轻盈羊绒外套，正面")
    );
    assert_eq!(img.get_attribute("loading").as_deref(), Some("eager"));
    assert_eq!(img.get_attribute("fetchpriority").as_deref(), Some("high"));
    assert_eq!(text(&root, ".card-name"), "轻盈羊绒外套");
    assert_eq!(text(&root, ".card-brand"), "Linwei Studio");
    assert_eq!(text(&root, ".badge-sale"), "省25%");
    assert_eq!(text(&root, ".price-now"), "¥469.00");
}

#[wasm_bindgen_test]
async fn only_the_first_row_of_a_grid_loads_eagerly() {
    let root = container();
    let products: Vec<_> = (0..6)
        .map(|i| summary(&format!("p{i}"), 10_000, None))
        .collect();
    let _handle = mount_to(
        root.clone(),
        move || view! { <ProductGrid products=products /> },
    );
    tick().await;
    let loading: Vec<String> = (1..=6)
        .map(|n| {
            let img = root
                .query_selector(&format!("ul.product-grid > li:nth-child({n}) img"))
                .unwrap()
                .unwrap();
            img.get_attribute("loading").unwrap_or_default()
        })
        .collect();
    assert_eq!(
        loading,
        ["eager", "eager", "eager", "eager", "lazy", "lazy"]
    );
    assert!(
        root.query_selector(".badge").unwrap().is_none(),
        "no sale, no badge"
    );
}

#[wasm_bindgen_test]
async fn error_panel_explains_and_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let _handle = mount_to(root.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::En)));
        view! { <ErrorPanel error=ApiError::Network on_retry=move |()| retries.update(|n| *n += 1) /> }
    });
    tick().await;
    let panel = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let message = panel.text_content().unwrap_or_default();
    assert!(
        message.contains(Key::ErrNetworkTitle.get(Lang::En)),
        "{message}"
    );
    let button: web_sys::HtmlElement = panel
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        button.text_content().unwrap_or_default().trim(),
        "Try again"
    );
    button.click();
    button.click();
    tick().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn error_panel_names_server_problems() {
    let root = container();
    let error = ApiError::Http {
        status: 503,
        problem: None,
    };
    let _handle = mount_to(root.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::ZhCn)));
        view! { <ErrorPanel error=error on_retry=|()| {} /> }
    });
    tick().await;
    assert_eq!(
        text(&root, ".error-title"),
        Key::ErrServerTitle.get(Lang::ZhCn)
    );
    // the technical code only as a detail (closed until asked for)
    assert!(text(&root, ".error-code").ends_with("错误代码：http_503"));
    assert!(root
        .query_selector("details.error-code[open]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
fn dates_of_another_year_carry_the_year() {
    use storefront::dom::{format_in_zone, now_unix};
    let old = format_in_zone(1_577_880_000, "Asia/Shanghai", Lang::En).unwrap_or_default();
    assert!(old.contains("2020"), "{old}");
    let now = now_unix();
    let this_year = format_in_zone(now, "Asia/Shanghai", Lang::En).unwrap_or_default();
    let year = js_sys::Date::new_0().get_full_year().to_string();
    assert!(!this_year.contains(&year), "{this_year}");
}

#[wasm_bindgen_test]
async fn language_switch_changes_the_text() {
    let root = container();
    let lang = RwSignal::new(Lang::ZhCn);
    let _handle = mount_to(root.clone(), move || {
        let locale = Locale(lang);
        provide_context(locale);
        view! {
            <LanguageSwitch />
            <p id="greeting">{move || locale.t(Key::NavHome)}</p>
        }
    });
    tick().await;
    let button: web_sys::HtmlElement = root
        .query_selector("button[data-lang-switch]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("EN"));
    assert_eq!(button.get_attribute("lang").as_deref(), Some("en"));
    assert!(button
        .get_attribute("aria-label")
        .unwrap_or_default()
        .contains("Switch to English"));
    assert_eq!(text(&root, "#greeting"), "首页");

    button.click();
    tick().await;
    assert_eq!(lang.get_untracked(), Lang::En);
    assert_eq!(text(&root, "#greeting"), "Home");
    assert_eq!(button.text_content().as_deref(), Some("中文"));
    assert_eq!(button.get_attribute("lang").as_deref(), Some("zh-CN"));

    button.click();
    tick().await;
    assert_eq!(text(&root, "#greeting"), "首页");
}

fn wishlist_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn stored_wishlist() -> Vec<String> {
    wishlist_storage()
        .get_item(storefront::storage::keys::WISHLIST)
        .unwrap()
        .map(|raw| serde_json::from_str(&raw).unwrap())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn wishlist_heart_toggles_aria_pressed_persists_and_follows_other_tabs() {
    wishlist_storage()
        .remove_item(storefront::storage::keys::WISHLIST)
        .unwrap();
    let root = container();
    let product = summary("heart-test", 10_000, None);
    let _handle = mount_to(root.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::En)));
        provide_context(Wishlist::load());
        view! {
                <WishlistLink />
                <ProductCard product=product />
        }
    });
    tick().await;
    let button: web_sys::HtmlElement = root
        .query_selector("button.wish-button")
        .unwrap()
        .expect("a heart")
        .unchecked_into();
    assert!(
        button.closest("a").unwrap().is_none(),
        "the heart is not inside the card link"
    );
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(
        button.get_attribute("aria-label").as_deref(),
        Some("Add Featherlight Blazer to wishlist")
    );
    let link = root.query_selector("a.wishlist-link").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/wishlist"));
    assert_eq!(
        link.get_attribute("aria-label").as_deref(),
        Some("Wishlist, 0 items")
    );

    button.click();
    tick().await;
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        button.get_attribute("aria-label").as_deref(),
        Some("Remove Featherlight Blazer from wishlist")
    );
    assert_eq!(stored_wishlist(), ["p_heart-test"]);
    assert_eq!(
        link.get_attribute("aria-label").as_deref(),
        Some("Wishlist, 1 item")
    );
    assert_eq!(text(&root, ".wishlist-count"), "1");

    // another tab removes it and adds something else
    wishlist_storage()
        .set_item(storefront::storage::keys::WISHLIST, r#"["p_other","p_x"]"#)
        .unwrap();
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(storefront::storage::keys::WISHLIST));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    tick().await;
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(
        link.get_attribute("aria-label").as_deref(),
        Some("Wishlist, 2 items")
    );

    button.click();
    tick().await;
    assert_eq!(stored_wishlist(), ["p_heart-test", "p_other", "p_x"]);
    button.click();
    tick().await;
    assert_eq!(stored_wishlist(), ["p_other", "p_x"]);
    wishlist_storage()
        .remove_item(storefront::storage::keys::WISHLIST)
        .unwrap();
}

fn press(target: &web_sys::Element, key: &str, shift: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap()
}

fn active() -> web_sys::Element {
    document().active_element().unwrap()
}

#[wasm_bindgen_test]
async fn zoom_dialog_traps_focus_switches_images_and_returns_focus() {
    let root = container();
    let product = summary("zoom-test", 10_000, None);
    let images: Vec<_> = (0..3)
        .map(|i| {
            let mut img = product.image.clone();
            img.url = format!("/media/products/p_zoom/{i}.svg");
            img
        })
        .collect();
    let name = product.name.clone();
    let _handle = mount_to(root.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::En)));
        view! { <Gallery images=images name=name /> }
    });
    tick().await;
    let thumb = |n: u32| -> web_sys::HtmlElement {
        root.query_selector(&format!("ul.thumbs > li:nth-child({n}) > button.thumb"))
            .unwrap()
            .unwrap_or_else(|| panic!("no thumbnail {n}"))
            .unchecked_into()
    };
    assert!(root
        .query_selector("ul.thumbs > li:nth-child(4)")
        .unwrap()
        .is_none());
    let second = thumb(2);
    assert_eq!(
        second.get_attribute("aria-label").as_deref(),
        Some("Image 2 of 3")
    );
    assert_eq!(second.get_attribute("aria-current"), None);
    second.click();
    tick().await;
    assert_eq!(
        second.get_attribute("aria-current").as_deref(),
        Some("true")
    );

    let opener: web_sys::HtmlElement = root
        .query_selector("button.gallery-zoom")
        .unwrap()
        .unwrap()
        .unchecked_into();
    opener.focus().unwrap();
    opener.click();
    // the zoom view is a split point: it mounts once its code is there
    for _ in 0..20 {
        if root.query_selector("dialog.zoom").unwrap().is_some() {
            break;
        }
        tick().await;
    }
    tick().await;
    let dialog: web_sys::HtmlDialogElement = root
        .query_selector("dialog.zoom")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(dialog.open());
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    assert!(document()
        .get_element_by_id(&title_id)
        .unwrap()
        .text_content()
        .unwrap_or_default()
        .contains("Featherlight Blazer"));
    let close = dialog.query_selector(".zoom-close").unwrap().unwrap();
    let next = dialog.query_selector(".zoom-next").unwrap().unwrap();
    assert_eq!(active(), close, "focus starts on the close button");
    let src = || {
        dialog
            .query_selector(".zoom-stage img")
            .unwrap()
            .unwrap()
            .get_attribute("src")
            .unwrap()
    };
    assert!(src().ends_with("/1.svg"), "{}", src());

    // Shift+Tab from the first stop goes to the last; Tab from the last back to the first
    assert!(!press(&close, "Tab", true));
    assert_eq!(active(), next);
    assert!(!press(&next, "Tab", false));
    assert_eq!(active(), close);

    press(&close, "ArrowRight", false);
    tick().await;
    assert!(src().ends_with("/2.svg"), "{}", src());
    press(&close, "ArrowRight", false);
    tick().await;
    assert!(src().ends_with("/0.svg"), "wraps around: {}", src());

    press(&close, "Escape", false);
    tick().await;
    assert!(!dialog.open());
    assert_eq!(
        active(),
        opener.unchecked_into::<web_sys::Element>(),
        "focus returns"
    );
    assert_eq!(
        thumb(1).get_attribute("aria-current").as_deref(),
        Some("true")
    );
}
