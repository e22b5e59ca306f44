//! `/kiosk`: pairing this screen as a store's kiosk with the code staff made for it. The
//! answer sets the kiosk's HttpOnly device cookie; the page then loads afresh as a kiosk.

use leptos::prelude::*;
use storefront_api_types::{KioskPairRequest, ProblemCode};

use super::i18n::{kt, KKey};
use crate::api::ApiError;
use crate::components::ErrorPanel;
use crate::dom::is_kiosk;
use crate::i18n::set_title;
use crate::state::{use_api, use_locale};

/// The pairing page.
#[component]
pub fn PairingPage() -> impl IntoView {
    crate::dom::ensure_stylesheet("kiosk-css", "/kiosk.css");
    let api = use_api();
    let locale = use_locale();
    Effect::new(move |_| set_title(kt(KKey::PairTitle)(), locale.lang()));
    let my_store = crate::state::use_my_store();
    let code = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let field_error = RwSignal::new(None::<KKey>);
    let failure = RwSignal::new(None::<ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked().trim().to_owned();
        if typed.is_empty() {
            field_error.set(Some(KKey::PairCodeMissing));
            crate::dom::focus_by_id("kiosk-code");
            return;
        }
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        field_error.set(None);
        failure.set(None);
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let answer = api.kiosk_pair(&KioskPairRequest { code: typed }).await;
            sending.try_set(false);
            match answer {
                Ok(config) => {
                    // the kiosk's store is "my store" from the first page on: a listing
                    // opened before the kiosk has read its configuration is already its store's
                    my_store.choose(&config.store);
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().replace("/");
                    }
                }
                Err(e) => match e.problem_code() {
                    Some(
                        ProblemCode::PairingCodeInvalid
                        | ProblemCode::PairingCodeExpired
                        | ProblemCode::PairingCodeUsed,
                    ) => {
                        field_error.try_set(Some(KKey::PairCodeWrong));
                        crate::dom::focus_by_id("kiosk-code");
                    }
                    _ if matches!(e, ApiError::Http { status: 429, .. }) => {
                        field_error.try_set(Some(KKey::TooManyTries));
                    }
                    _ => {
                        failure.try_set(Some(e));
                    }
                },
            }
        });
    };
    view! {
        <div class="page page-narrow kiosk-pair">
            <h1 class="page-title">{kt(KKey::PairTitle)}</h1>
            {is_kiosk().then(|| view! { <p role="status">{kt(KKey::AlreadyKiosk)}</p> })}
            <p>{kt(KKey::PairHelp)}</p>
            <form on:submit=submit novalidate>
                <div class="field">
                    <label for="kiosk-code">{kt(KKey::PairCode)}</label>
                    <input id="kiosk-code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false"
                        maxlength="20" required aria-invalid=move || field_error.get().is_some().then_some("true")
                        aria-describedby="kiosk-code-err" prop:value=code on:input=move |ev| code.set(event_target_value(&ev)) />
                    <p id="kiosk-code-err" class="field-error" role="alert">{move || field_error.get().map(|k| kt(k)())}</p>
                </div>
                {move || failure.get().map(|e| view! { <ErrorPanel error=e on_retry=move |()| failure.set(None) /> })}
                <button type="submit" class="btn btn-primary btn-block" disabled=sending>
                    {move || if sending.get() { kt(KKey::Pairing)() } else { kt(KKey::Pair)() }}
                </button>
            </form>
        </div>
    }
}
