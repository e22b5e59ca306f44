//! [`use_phone_motion`]: looking around the panorama by moving the phone.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::panorama::Pano;

/// The `deviceorientation` listener.
type OrientationListener = Closure<dyn FnMut(web_sys::Event)>;

/// Looking around by moving the phone (`deviceorientation`). `Copy`.
#[derive(Clone, Copy)]
pub struct UsePhoneMotion {
    /// Whether the view follows the phone.
    pub on: RwSignal<bool>,
    /// Whether the shopper refused the motion sensors (iOS asks).
    pub denied: RwSignal<bool>,
    /// Whether this device can do it at all (a phone or tablet with the API).
    pub supported: bool,
    /// The orientation listener while on.
    listener: StoredValue<Option<OrientationListener>, LocalStorage>,
    /// The viewer it turns.
    pano: StoredValue<Pano, LocalStorage>,
}

/// Phone motion for the viewer `pano` (off until [`UsePhoneMotion::toggle`]).
pub fn use_phone_motion(pano: StoredValue<Pano, LocalStorage>) -> UsePhoneMotion {
    UsePhoneMotion {
        on: RwSignal::new(false),
        denied: RwSignal::new(false),
        supported: motion_supported(),
        listener: StoredValue::new_local(None),
        pano,
    }
}

/// Whether the browser can tell the phone's orientation (a touch device with the API).
fn motion_supported() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let api =
        js_sys::Reflect::has(&w, &JsValue::from_str("DeviceOrientationEvent")).unwrap_or(false);
    // phones and tablets, not touch-screen kiosks
    let coarse = w
        .match_media("(pointer: coarse) and (max-width: 1279px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    api && coarse
}

impl UsePhoneMotion {
    /// Stops following the phone.
    pub fn stop(self) {
        let cb = self.listener.try_update_value(Option::take).flatten();
        if let (Some(cb), Some(w)) = (cb, web_sys::window()) {
            let _ = w.remove_event_listener_with_callback(
                "deviceorientation",
                cb.as_ref().unchecked_ref(),
            );
        }
        self.on.try_set(false);
    }

    /// Starts following the phone, from the current view.
    fn start(self) {
        let pano = self.pano;
        let base = Rc::new(Cell::new(None::<(f64, f64)>));
        let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let get = |k: &str| {
                js_sys::Reflect::get(&ev, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            let (Some(alpha), Some(beta), Some(p)) =
                (get("alpha"), get("beta"), pano.try_get_value())
            else {
                return;
            };
            let (a0, y0) = base.get().unwrap_or_else(|| {
                let y = p.view().map_or(0.0, |v| v.yaw);
                base.set(Some((alpha, y)));
                (alpha, y)
            });
            p.look_at(y0 - (alpha - a0), (beta - 90.0).clamp(-85.0, 85.0));
        });
        if let Some(w) = web_sys::window() {
            if w.add_event_listener_with_callback("deviceorientation", cb.as_ref().unchecked_ref())
                .is_ok()
            {
                self.listener.set_value(Some(cb));
                self.on.set(true);
            }
        }
    }

    /// On (asking for the sensors first where the browser wants that) or off.
    pub fn toggle(self) {
        if self.on.get_untracked() {
            self.stop();
            return;
        }
        self.denied.set(false);
        let Some(w) = web_sys::window() else {
            return;
        };
        let ctor = js_sys::Reflect::get(&w, &JsValue::from_str("DeviceOrientationEvent"))
            .unwrap_or(JsValue::UNDEFINED);
        let ask = js_sys::Reflect::get(&ctor, &JsValue::from_str("requestPermission"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match ask {
            // iOS: only after the shopper asked, and only if they allow it
            Some(f) => leptos::task::spawn_local(async move {
                let promise = f
                    .call0(&ctor)
                    .ok()
                    .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
                let granted = match promise {
                    Some(p) => wasm_bindgen_futures::JsFuture::from(p)
                        .await
                        .ok()
                        .and_then(|v| v.as_string())
                        .is_some_and(|v| v == "granted"),
                    None => false,
                };
                if granted {
                    self.start();
                } else {
                    self.denied.try_set(true);
                }
            }),
            None => self.start(),
        }
    }
}
