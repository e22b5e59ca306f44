//! The consent sheet of a first visit (shown while undecided, on shoppers' pages): not a wall (the shop stays usable behind it, and it
//! traps nothing), with "Decline all" exactly as prominent as "Accept all", the choice per
//! purpose one tap away, and the notice (what, why, how long, who) in its details.

use leptos::prelude::*;
use storefront_api_types::CONSENT_POLICY_VERSION;

use super::decide::decide;
use super::i18n::{pt, PKey};
use super::notice::FullNotice;
use super::page::Toggles;
use crate::routes::AppRoute;
use crate::state::{use_api, use_app_route, use_consent, Choices};

/// The sheet; it removes itself once a choice is made.
#[component]
pub fn ConsentSheet() -> impl IntoView {
    let consent = use_consent();
    let api = StoredValue::new(use_api());
    let per_purpose = RwSignal::new(false);
    let analytics = RwSignal::new(false);
    let personalisation = RwSignal::new(false);
    let choose = move |choices: Choices| {
        let api = api.get_value();
        leptos::task::spawn_local(async move {
            let _ = decide(consent, api, choices).await;
        });
        crate::dom::focus_by_id(crate::dom::MAIN_ID);
    };
    let all = move |on: bool| {
        choose(Choices {
            analytics: on,
            personalisation: on,
        })
    };
    let route = use_app_route();
    let asks = move || consent.0.get().is_none() && route.with(AppRoute::asks_consent);
    view! {
        <Show when=asks>
        <section class="consent-sheet" role="region" aria-labelledby="consent-title">
            <div class="consent-inner">
                <h2 id="consent-title" class="consent-title">{pt(PKey::SheetTitle)}</h2>
                <ul class="consent-points">
                    <li>{pt(PKey::SheetNeeded)}</li>
                    <li>{pt(PKey::SheetAnalytics)}</li>
                    <li>{pt(PKey::SheetPersonal)}</li>
                    <li>{pt(PKey::SheetNoCost)}</li>
                </ul>
                {crate::dom::is_kiosk().then(|| view! { <p class="consent-kiosk">{pt(PKey::KioskNote)}</p> })}
                <details class="consent-details">
                    <summary>{pt(PKey::Details)}</summary>
                    <FullNotice />
                </details>
                <Show when=move || per_purpose.get()>
                    <Toggles analytics personalisation />
                </Show>
                <div class="consent-actions">
                    <button type="button" class="btn btn-primary" on:click=move |_| all(false)>
                        {pt(PKey::DeclineAll)}
                    </button>
                    <button type="button" class="btn btn-primary" on:click=move |_| all(true)>
                        {pt(PKey::AcceptAll)}
                    </button>
                </div>
                <div class="consent-more">
                    <Show
                        when=move || per_purpose.get()
                        fallback=move || view! {
                            <button type="button" class="link-button" on:click=move |_| per_purpose.set(true)>
                                {pt(PKey::Customise)}
                            </button>
                        }
                    >
                        <button
                            type="button"
                            class="btn btn-secondary"
                            on:click=move |_| choose(Choices {
                                analytics: analytics.get_untracked(),
                                personalisation: personalisation.get_untracked(),
                            })
                        >
                            {pt(PKey::SaveChoices)}
                        </button>
                    </Show>
                </div>
                <p class="consent-fine">
                    {pt(PKey::PolicyVersion)} " " {CONSENT_POLICY_VERSION} " · " {pt(PKey::ChangeAnyTime)}
                </p>
            </div>
        </section>
        </Show>
    }
}
