//! Leaving kiosk mode on the device: staff only (the store's staff key or the kiosk's PIN),
//! behind a hidden gesture (five taps on the store's name in the kiosk's bar within four
//! seconds). Shoppers cannot leave it.

use leptos::prelude::*;
use storefront_api_types::KioskExit;

use super::i18n::{kt, KKey};
use crate::api::ApiError;
use crate::state::use_api;

/// The staff prompt.
#[component]
pub fn ExitPrompt(
    /// Cancel.
    on_close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let api = use_api();
    let secret = RwSignal::new(String::new());
    let refused = RwSignal::new(false);
    let offline = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = secret.get_untracked().trim().to_owned();
        if typed.is_empty() || sending.get_untracked() {
            return;
        }
        // 4 to 8 digits are a PIN; anything else is a staff key
        let pin = (4..=8).contains(&typed.len()) && typed.bytes().all(|b| b.is_ascii_digit());
        let exit = if pin {
            KioskExit {
                key: None,
                pin: Some(typed),
            }
        } else {
            KioskExit {
                key: Some(typed),
                pin: None,
            }
        };
        sending.set(true);
        refused.set(false);
        offline.set(false);
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let answer = api.kiosk_exit(&exit).await;
            sending.try_set(false);
            match answer {
                Ok(()) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().replace("/");
                    }
                }
                Err(ApiError::Network | ApiError::Timeout) => {
                    offline.try_set(true);
                }
                Err(_) => {
                    refused.try_set(true);
                }
            }
        });
    };
    view! {
        <div class="kiosk-modal" role="dialog" aria-modal="true" aria-labelledby="kiosk-exit-title">
            <form class="kiosk-dialog" on:submit=submit novalidate>
                <h2 id="kiosk-exit-title">{kt(KKey::ExitTitle)}</h2>
                <p>{kt(KKey::ExitHelp)}</p>
                <div class="field">
                    <label for="kiosk-exit-secret">{kt(KKey::ExitField)}</label>
                    <input id="kiosk-exit-secret" type="password" autocomplete="off" autofocus
                        aria-invalid=move || refused.get().then_some("true") aria-describedby="kiosk-exit-err"
                        prop:value=secret on:input=move |ev| secret.set(event_target_value(&ev)) />
                    <p id="kiosk-exit-err" class="field-error" role="alert">{move || refused.get().then(kt(KKey::ExitRefused))}</p>
                </div>
                {move || offline.get().then(|| view! { <p role="alert">{kt(KKey::Offline)}</p> })}
                <button type="submit" class="btn btn-primary" disabled=sending>{kt(KKey::Exit)}</button>
                <button type="button" class="btn btn-secondary" on:click=move |_| on_close()>{kt(KKey::Cancel)}</button>
            </form>
        </div>
    }
}
