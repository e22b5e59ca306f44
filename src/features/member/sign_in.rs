//! Sign in or join with a one-time code sent to a mobile number or an email address.

use leptos::prelude::*;
use storefront_api_types::{Lang, ProblemCode, SignInCodeRequest, SignInCodeSent, SignInVerify};

use super::i18n::{mt, MKey};
use super::logic::{valid_code, valid_login};
use super::saved::clock;
use crate::api::ApiError;
use crate::components::error_panel::error_keys;
use crate::dom::{focus_by_id, now_unix};
use crate::state::{use_api, use_locale};

/// Sign in or join with a one-time code; `on_done` runs once signed in.
#[component]
pub fn SignIn(
    /// Runs once signed in (the page then fetches what it shows).
    #[prop(into)]
    on_done: Callback<()>,
    /// The line under the title (default: why to sign in or join).
    #[prop(optional)]
    intro: Option<MKey>,
) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let login = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let agree = RwSignal::new(false);
    // Whether this login joins: the server says so only after the right code (422
    // `terms_required`), never when the code is sent.
    let joining = RwSignal::new(false);
    // The error on screen is about the terms, not the code: the code field is not invalid.
    let terms_missing = move || joining.get() && !agree.get();
    let sent = RwSignal::new(None::<SignInCodeSent>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let now = clock();
    let sent_at = RwSignal::new(0i64);
    // seconds before another code may be sent
    let resend_in = move || {
        let wait = sent.with(|s| s.as_ref().map_or(0, |s| i64::from(s.resend_after_seconds)));
        (wait - (now.get() - sent_at.get())).max(0)
    };
    let message = move |e: &ApiError, lang: Lang| -> String {
        match (e, e.problem_code()) {
            (ApiError::Http { status: 429, .. }, _) => MKey::TooMany.get(lang).to_owned(),
            (_, Some(ProblemCode::CodeInvalid)) => MKey::CodeWrong.get(lang).to_owned(),
            (_, Some(ProblemCode::TermsRequired)) => MKey::TermsRequired.get(lang).to_owned(),
            (
                ApiError::Http {
                    status: 400 | 422, ..
                },
                _,
            ) if sent.get_untracked().is_none() => MKey::LoginInvalid.get(lang).to_owned(),
            _ => {
                let (title, text) = error_keys(e);
                format!("{} {}", title.get(lang), text.get(lang))
            }
        }
    };
    let send = {
        let api = api.clone();
        move || {
            let lang = locale.lang();
            let Some(canonical) = valid_login(&login.get_untracked()) else {
                error.set(Some(MKey::LoginInvalid.get(lang).to_owned()));
                focus_by_id("signin-login");
                return;
            };
            let api = api.clone();
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let answer = api
                    .send_sign_in_code(&SignInCodeRequest { login: canonical })
                    .await;
                busy.set(false);
                match answer {
                    Ok(s) => {
                        sent_at.set(now_unix());
                        sent.set(Some(s));
                        joining.set(false);
                        code.set(String::new());
                        focus_by_id("signin-code");
                    }
                    Err(e) => error.set(Some(message(&e, lang))),
                }
            });
        }
    };
    let consent = crate::state::use_consent();
    let verify = {
        let api = api.clone();
        move || {
            let lang = locale.lang();
            let Some(s) = sent.get_untracked() else {
                return;
            };
            let Some(digits) = valid_code(&code.get_untracked()) else {
                error.set(Some(MKey::CodeInvalid.get(lang).to_owned()));
                focus_by_id("signin-code");
                return;
            };
            if joining.get_untracked() && !agree.get_untracked() {
                error.set(Some(MKey::TermsRequired.get(lang).to_owned()));
                focus_by_id("signin-terms");
                return;
            }
            let api = api.clone();
            let choice = consent.0.get_untracked();
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let request = SignInVerify {
                    login: s.login,
                    code: digits,
                    agree_terms: agree.get_untracked(),
                };
                let answer = api.verify_sign_in(&request).await;
                busy.set(false);
                match answer {
                    // the page then fetches the member and keeps it on the device
                    Ok(_) => {
                        // the device's privacy choice becomes the member's receipt too
                        if let Some(c) = choice.filter(|_| !crate::dom::is_kiosk()) {
                            let _ = api
                                .set_consent(&storefront_api_types::ConsentChoice {
                                    policy_version: storefront_api_types::CONSENT_POLICY_VERSION,
                                    analytics: c.analytics,
                                    personalisation: c.personalisation,
                                })
                                .await;
                        }
                        on_done.run(())
                    }
                    Err(e) => {
                        if e.problem_code() == Some(ProblemCode::TermsRequired) {
                            joining.set(true);
                            focus_by_id("signin-terms");
                        }
                        error.set(Some(message(&e, lang)));
                    }
                }
            });
        }
    };
    let send_again = send.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if sent.get_untracked().is_some() {
            verify();
        } else {
            send();
        }
    };
    view! {
        <section class="signin" aria-labelledby="signin-title">
            <h1 id="signin-title" class="page-title">{mt(MKey::SignInTitle)}</h1>
            <p class="page-intro">{mt(intro.unwrap_or(MKey::SignInIntro))}</p>
            <form class="signin-form" on:submit=on_submit novalidate>
                {move || match sent.get() {
                    None => view! {
                        <label class="field">
                            <span>{mt(MKey::LoginLabel)}</span>
                            <input id="signin-login" type="text" inputmode="email" autocomplete="username"
                                aria-describedby="signin-login-hint" aria-invalid=move || error.get().is_some().then_some("true")
                                prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev)) />
                            <span id="signin-login-hint" class="field-hint">{mt(MKey::LoginHint)}</span>
                        </label>
                        <button type="submit" class="btn btn-primary btn-block" aria-busy=move || busy.get().then_some("true")>
                            {move || if busy.get() { mt(MKey::Sending)() } else { mt(MKey::SendCode)() }}
                        </button>
                    }.into_any(),
                    Some(s) => {
                        let send_again = send_again.clone();
                        view! {
                            <p class="signin-sent">{mt(MKey::CodeSentTo)}" "<strong>{s.login.clone()}</strong></p>
                            <label class="field">
                                <span>{mt(MKey::CodeLabel)}</span>
                                <input id="signin-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                                    aria-invalid=move || (error.get().is_some() && !terms_missing()).then_some("true")
                                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                            </label>
                            {move || joining.get().then(|| view! {
                                <div class="signin-terms">
                                    <p class="field-hint">{mt(MKey::JoinWhy)}</p>
                                    <label class="check">
                                        <input id="signin-terms" type="checkbox" prop:checked=move || agree.get()
                                            aria-invalid=move || (error.get().is_some() && terms_missing()).then_some("true")
                                            on:change=move |ev| agree.set(event_target_checked(&ev)) />
                                        <span>{mt(MKey::JoinTerms)}</span>
                                    </label>
                                </div>
                            })}
                            <button type="submit" class="btn btn-primary btn-block" aria-busy=move || busy.get().then_some("true")>
                                {move || if busy.get() { mt(MKey::SigningIn)() } else if joining.get() { mt(MKey::Join)() } else { mt(MKey::SignIn)() }}
                            </button>
                            <div class="signin-more">
                                <button type="button" class="btn btn-secondary" disabled=move || { resend_in() > 0 } on:click=move |_| send_again()>
                                    {move || {
                                        let left = resend_in();
                                        if left > 0 { format!("{left}{}", mt(MKey::ResendIn)()) } else { mt(MKey::Resend)().to_owned() }
                                    }}
                                </button>
                                <button type="button" class="btn btn-secondary" on:click=move |_| { sent.set(None); error.set(None); focus_by_id("signin-login"); }>
                                    {mt(MKey::ChangeLogin)}
                                </button>
                            </div>
                        }.into_any()
                    }
                }}
                <p class="form-error" role="alert">{move || error.get()}</p>
            </form>
        </section>
    }
}
