//! `/privacy`: the shopper's choice per purpose, the notice beside each, and what saving
//! did (on the device, for this visit's events, on the member's account). Reached from
//! "Privacy choices" in the footer of every page.

use leptos::prelude::*;
use storefront_api_types::{Lang, CONSENT_POLICY_VERSION};

use super::decide::{decide, Outcome};
use super::i18n::{pt, PKey};
use super::notice::{Purpose, PurposeNotice};
use crate::state::{use_api, use_consent, use_locale, Choices};

const TITLE_ID: &str = "privacy-title";

/// The two choices as checkboxes, each with its notice; necessary shown always on.
#[component]
pub fn Toggles(analytics: RwSignal<bool>, personalisation: RwSignal<bool>) -> impl IntoView {
    let row = move |purpose: Purpose, on: Option<RwSignal<bool>>| {
        let id = match purpose {
            Purpose::Necessary => "consent-necessary",
            Purpose::Analytics => "consent-analytics",
            Purpose::Personalisation => "consent-personalisation",
        };
        view! {
            <div class="consent-purpose-row">
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || on.is_none_or(|s| s.get())
                    disabled=on.is_none()
                    on:change=move |ev| {
                        if let Some(s) = on {
                            s.set(event_target_checked(&ev));
                        }
                    }
                />
                <label for=id class="consent-purpose-name">
                    {pt(purpose.name())}
                    {on.is_none().then(|| view! { <span class="consent-always">" · " {pt(PKey::AlwaysOn)}</span> })}
                </label>
                <PurposeNotice purpose />
            </div>
        }
    };
    view! {
        <fieldset class="consent-toggles">
            <legend class="sr-only">{pt(PKey::Purposes)}</legend>
            {row(Purpose::Necessary, None)}
            {row(Purpose::Analytics, Some(analytics))}
            {row(Purpose::Personalisation, Some(personalisation))}
        </fieldset>
    }
}

/// When a receipt was made, on the shopper's clock.
fn when(unix: i64, lang: Lang) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    let tag = match lang {
        Lang::ZhCn => "zh-CN",
        Lang::En => "en",
    };
    String::from(date.to_locale_string(tag, &wasm_bindgen::JsValue::UNDEFINED))
}

/// The privacy page.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let consent = use_consent();
    let api = use_api();
    let locale = use_locale();
    let current = consent.0.get_untracked();
    let analytics = RwSignal::new(current.is_some_and(|c| c.analytics));
    let personalisation = RwSignal::new(current.is_some_and(|c| c.personalisation));
    let saving = RwSignal::new(false);
    // (device message, member message)
    let said = RwSignal::new(None::<(PKey, Option<PKey>)>);
    let receipt = RwSignal::new(None::<i64>);
    // a signed-in member's receipt (a 404 before any choice shows nothing)
    if crate::storage::has(crate::storage::keys::MEMBER) {
        let api = api.clone();
        leptos::task::spawn_local(async move {
            if let Ok(r) = api.my_consent().await {
                receipt.set(Some(r.decided_at.unix()));
            }
        });
    }
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        let choices = Choices {
            analytics: analytics.get_untracked(),
            personalisation: personalisation.get_untracked(),
        };
        let before = consent.0.get_untracked();
        let withdrew = before.is_some_and(|b| {
            (b.analytics && !choices.analytics) || (b.personalisation && !choices.personalisation)
        });
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let outcome = decide(consent, api, choices).await;
            let device = if withdrew {
                PKey::SavedWithdrew
            } else {
                PKey::Saved
            };
            let member = match outcome {
                Outcome::Device => None,
                Outcome::Member(r) => {
                    receipt.set(Some(r.decided_at.unix()));
                    Some(PKey::SavedMember)
                }
                Outcome::MemberFailed => Some(PKey::MemberNotSaved),
            };
            said.set(Some((device, member)));
            saving.set(false);
        });
    };
    view! {
        <section class="page page-privacy" aria-labelledby=TITLE_ID>
            <div class="page-head">
                <h1 id=TITLE_ID class="page-title" tabindex="-1">{pt(PKey::PageTitle)}</h1>
            </div>
            <p class="privacy-intro">{pt(PKey::PageIntro)}</p>
            {crate::dom::is_kiosk().then(|| view! { <p class="consent-kiosk">{pt(PKey::KioskNote)}</p> })}
            <Show when=move || consent.0.get().is_none()>
                <p class="privacy-undecided">{pt(PKey::Undecided)}</p>
            </Show>
            <form class="privacy-form" on:submit=save>
                <Toggles analytics personalisation />
                <button type="submit" class="btn btn-primary" aria-busy=move || saving.get().to_string()>
                    {pt(PKey::SaveChoices)}
                </button>
                <p class="privacy-said" role="status" aria-live="polite">
                    {move || said.get().map(|(device, member)| {
                        let lang = locale.lang();
                        let mut text = device.get(lang).to_owned();
                        if let Some(m) = member {
                            text.push(' ');
                            text.push_str(m.get(lang));
                        }
                        text
                    })}
                </p>
            </form>
            <p class="privacy-fine">
                {pt(PKey::PolicyVersion)} " " {CONSENT_POLICY_VERSION}
                {move || receipt.get().map(|at| {
                    let lang = locale.lang();
                    format!(" · {} {}", PKey::ReceiptAt.get(lang), when(at, lang))
                })}
            </p>
        </section>
    }
}
