//! The header search combobox in a real browser: ARIA wiring and the keyboard, with recent
//! searches from localStorage (no server: the suggest request fails, which the box must
//! survive quietly). `cargo test -p storefront --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use storefront::features::catalogue::{remember_search, SearchBox};
use storefront::storage::keys::RECENT_SEARCHES;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn container() -> web_sys::HtmlElement {
    let el = document().create_element("section").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn attr(el: &web_sys::Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

fn press(target: &web_sys::Element, key: &str) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap()
}

fn type_text(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

async fn settle() {
    // past the 60 ms debounce and the (failing) request
    gloo_timers::future::TimeoutFuture::new(250).await;
    tick().await;
}

/// The options, by their ids `{list}-0`, `{list}-1`...
fn options(root: &web_sys::Element) -> Vec<web_sys::Element> {
    let input = root.query_selector("input").unwrap().unwrap();
    let list_id = attr(&input, "aria-controls").unwrap();
    (0..)
        .map_while(|i| document().get_element_by_id(&format!("{list_id}-{i}")))
        .inspect(|o| assert_eq!(attr(o, "role").as_deref(), Some("option")))
        .collect()
}

fn mount(id: &'static str) -> (web_sys::HtmlElement, web_sys::HtmlInputElement) {
    let root = container();
    let handle = mount_to(root.clone(), move || {
        view! { <SearchBox id=id /> }
    });
    handle.forget();
    let input: web_sys::HtmlInputElement = root
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    (root, input)
}

#[wasm_bindgen_test]
async fn combobox_shows_recent_searches_and_moves_with_the_keyboard() {
    storage()
        .set_item(RECENT_SEARCHES, r#"["运动鞋","Jacket"," ","jacket"]"#)
        .unwrap();
    let (root, input) = mount("t-search");
    tick().await;

    // the combobox wiring
    assert_eq!(attr(&input, "role").as_deref(), Some("combobox"));
    assert_eq!(attr(&input, "aria-autocomplete").as_deref(), Some("list"));
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("false"));
    let list_id = attr(&input, "aria-controls").unwrap();
    let listbox = document().get_element_by_id(&list_id).unwrap();
    assert_eq!(attr(&listbox, "role").as_deref(), Some("listbox"));
    assert!(attr(&listbox, "aria-label").is_some());
    let label = root.query_selector("label").unwrap().unwrap();
    assert_eq!(attr(&label, "for").as_deref(), Some("t-search"));
    assert!(attr(&input, "aria-activedescendant").is_none());

    // focus shows the recent searches (sanitized), grouped under a labelled heading
    input.focus().unwrap();
    let focus = web_sys::Event::new("focus").unwrap();
    input.dispatch_event(&focus).unwrap();
    settle().await;
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("true"));
    let opts = options(&root);
    let texts: Vec<String> = opts.iter().map(|o| o.text_content().unwrap()).collect();
    assert_eq!(texts, ["运动鞋", "Jacket"]);
    let group = listbox.query_selector("[role=group]").unwrap().unwrap();
    let head = document()
        .get_element_by_id(&attr(&group, "aria-labelledby").unwrap())
        .unwrap();
    assert_eq!(head.text_content().as_deref(), Some("最近搜索"));
    for o in &opts {
        assert_eq!(attr(o, "aria-selected").as_deref(), Some("false"));
        assert!(attr(o, "id").unwrap().starts_with(&list_id));
    }
    // the failed popular-searches request is a quiet note, not an error page
    assert!(root
        .query_selector(".sb-note:not([hidden])")
        .unwrap()
        .is_some());

    // ArrowDown: the first option; again: the second; again: wraps to the first
    assert!(!press(&input, "ArrowDown"), "ArrowDown is handled");
    tick().await;
    let first = attr(&opts[0], "id").unwrap();
    let second = attr(&opts[1], "id").unwrap();
    assert_eq!(attr(&input, "aria-activedescendant"), Some(first.clone()));
    assert_eq!(attr(&opts[0], "aria-selected").as_deref(), Some("true"));
    press(&input, "ArrowDown");
    tick().await;
    assert_eq!(attr(&input, "aria-activedescendant"), Some(second.clone()));
    assert_eq!(attr(&opts[0], "aria-selected").as_deref(), Some("false"));
    press(&input, "ArrowDown");
    tick().await;
    assert_eq!(attr(&input, "aria-activedescendant"), Some(first.clone()));
    press(&input, "ArrowUp");
    tick().await;
    assert_eq!(attr(&input, "aria-activedescendant"), Some(second));

    // Delete removes the active recent search, on screen and on the device
    press(&input, "Delete");
    settle().await;
    let texts: Vec<String> = options(&root)
        .iter()
        .map(|o| o.text_content().unwrap())
        .collect();
    assert_eq!(texts, ["运动鞋"]);
    assert_eq!(
        storage().get_item(RECENT_SEARCHES).unwrap().as_deref(),
        Some(r#"["运动鞋"]"#)
    );

    // Escape closes; the text stays
    type_text(&input, "abc");
    settle().await;
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("true"));
    gloo_timers::future::TimeoutFuture::new(800).await;
    let status = root.query_selector("[role=status]").unwrap().unwrap();
    assert_eq!(
        status.text_content().as_deref(),
        Some("暂时无法提供搜索建议")
    );
    assert!(!press(&input, "Escape"));
    tick().await;
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("false"));
    assert!(attr(&input, "aria-activedescendant").is_none());
    assert_eq!(input.value(), "abc");
    // a second Escape clears the box
    press(&input, "Escape");
    tick().await;
    assert_eq!(input.value(), "");
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("false"));
    // ArrowDown reopens the list
    press(&input, "ArrowDown");
    settle().await;
    assert_eq!(attr(&input, "aria-expanded").as_deref(), Some("true"));

    // the live region counts what is offered, after a pause
    gloo_timers::future::TimeoutFuture::new(800).await;
    assert_eq!(status.text_content().as_deref(), Some("有 1 条搜索建议"));

    storage().remove_item(RECENT_SEARCHES).unwrap();
}

#[wasm_bindgen_test]
async fn remember_search_keeps_eight_trimmed_unique_searches() {
    storage().remove_item(RECENT_SEARCHES).unwrap();
    for q in ["a", " b ", "", "A", "c", "d", "e", "f", "g", "h", "i"] {
        remember_search(q);
    }
    assert_eq!(
        storage().get_item(RECENT_SEARCHES).unwrap().as_deref(),
        Some(r#"["i","h","g","f","e","d","c","A"]"#)
    );
    storage().remove_item(RECENT_SEARCHES).unwrap();
}
