//! What the kiosk's heartbeat reports about itself: the last frame it really rendered (not
//! only that a timer ran), the JS heap where the browser tells it, and WebGL.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Unix seconds of the last animation frame seen.
    static LAST_FRAME: Cell<Option<i64>> = const { Cell::new(None) };
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Asks for one animation frame every 10 s and notes when it came: a frozen screen stops
/// these, and the heartbeat says so. Started once per page.
pub fn watch_frames() {
    if WATCHING.with(|w| w.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let frame = Closure::<dyn FnMut()>::new(|| {
        LAST_FRAME.with(|f| f.set(Some(crate::dom::now_unix())));
    });
    let ask = Closure::<dyn FnMut()>::new(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(frame.as_ref().unchecked_ref());
        }
    });
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        ask.as_ref().unchecked_ref(),
        10_000,
    );
    // lives as long as the page (one per page load)
    ask.forget();
}

/// When the last frame was seen.
pub fn last_frame() -> Option<i64> {
    LAST_FRAME.with(Cell::get)
}

/// `performance.memory.usedJSHeapSize` (Chromium only).
pub fn js_heap() -> Option<u64> {
    let performance = web_sys::window()?.performance()?;
    let memory = js_sys::Reflect::get(&performance, &"memory".into()).ok()?;
    let used = js_sys::Reflect::get(&memory, &"usedJSHeapSize".into()).ok()?;
    used.as_f64().map(|n| n as u64)
}

/// Whether WebGL works here (a test canvas).
pub fn webgl() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("webgl").ok().flatten())
        .is_some()
}
