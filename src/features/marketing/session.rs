//! The marketing session: the sign-in form and the gate every workspace page sits behind.
//! The key is sent once; the session is an HttpOnly cookie the app never sees. A store's
//! staff key opens a session for that store's insight dashboard only: the gate takes it
//! there from any other workspace page.

use leptos::prelude::*;
use storefront_api_types::{MarketingSession, MarketingSignIn, ProblemCode};

use super::i18n::{at, AKey};
use crate::api::ApiError;
use crate::components::error_panel::error_keys;
use crate::components::text::tr;
use crate::components::ErrorPanel;
use crate::dom::focus_by_id;
use crate::i18n::Key;
use crate::router::{aria_current, use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::{load, use_api, use_app_route, use_locale, Load};

/// The gate's session, for the pages behind it (the insight dashboard reads its store and
/// asks it again after a 401).
#[derive(Clone, Copy)]
pub struct WorkspaceSession(pub Load<MarketingSession>);

/// The session, asked for once per page.
pub fn use_marketing_session() -> Load<MarketingSession> {
    let api = use_api();
    load(move || {
        let api = api.clone();
        async move { api.marketing_session().await }
    })
}

/// Shows `children` with the session once signed in; the sign-in form when not.
#[component]
pub fn Gate(
    /// The page, built with the session.
    children: ChildrenFn,
) -> impl IntoView {
    crate::dom::ensure_stylesheet("mk-css", "/marketing.css");
    let session = use_marketing_session();
    provide_context(WorkspaceSession(session));
    let children = StoredValue::new(children);
    // a store's staff session sees the insight dashboard only
    let route = use_app_route();
    let elsewhere = Memo::new(move |_| {
        matches!(session.get(), Some(Ok(s)) if s.store_id.is_some())
            && route.get() != AppRoute::MarketingInsight
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if elsewhere.get() {
            let options = NavigateOptions {
                replace: true,
                scroll: true,
            };
            navigate(&AppRoute::MarketingInsight.to_href(), options);
        }
    });
    move || match session.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) if e.is_unauthenticated() => {
            view! { <SignInForm on_done=move |()| session.refetch() /> }.into_any()
        }
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| session.refetch() /> }.into_any()
        }
        Some(Ok(_)) if elsewhere.get() => {
            view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any()
        }
        Some(Ok(s)) => view! {
            <SessionBar session=s on_out=move |()| session.refetch() />
            {children.with_value(|c| c())}
        }
        .into_any(),
    }
}

/// Who is signed in, and "Sign out".
#[component]
fn SessionBar(
    /// The session.
    session: MarketingSession,
    /// Runs once signed out.
    #[prop(into)]
    on_out: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let out = move |_| {
        let api = api.clone();
        leptos::task::spawn_local(async move {
            // signed out either way: a failed request leaves a session that ends by itself
            let _ = api.marketing_sign_out().await;
            on_out.run(());
        });
    };
    let campaigns = AppRoute::Marketing.to_href();
    let insight = AppRoute::MarketingInsight.to_href();
    view! {
        <div class="mk-bar">
            {session.store_id.is_none().then(|| view! {
                <a href=campaigns.clone() class="mk-home" aria-current=aria_current(campaigns, true)>{at(AKey::Workspace)}</a>
            })}
            <a href=insight.clone() class="mk-home" aria-current=aria_current(insight, true)>{at(AKey::Insight)}</a>
            <span class="muted">{at(AKey::SignedInAs)} " " {session.label}</span>
            <button type="button" class="btn btn-secondary btn-small" on:click=out>{at(AKey::SignOut)}</button>
        </div>
    }
}

/// The marketing key form.
#[component]
fn SignInForm(
    /// Runs once signed in.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let key = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AKey>);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let value = key.get_untracked().trim().to_owned();
        if value.is_empty() {
            error.set(Some(AKey::KeyMissing));
            focus_by_id("mk-key");
            return;
        }
        busy.set(true);
        error.set(None);
        failure.set(None);
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let answer = api.marketing_sign_in(&MarketingSignIn { key: value }).await;
            busy.try_set(false);
            match answer {
                Ok(_) => on_done.run(()),
                Err(e) if e.problem_code() == Some(ProblemCode::RateLimited) => {
                    error.try_set(Some(AKey::TooMany));
                    focus_by_id("mk-key");
                }
                Err(e) if e.is_unauthenticated() => {
                    error.try_set(Some(AKey::KeyWrong));
                    focus_by_id("mk-key");
                }
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
        });
    };
    let failure_text = move || {
        failure.get().map(|e| {
            let (title, text) = error_keys(&e);
            let lang = locale.lang();
            format!("{} {}", title.get(lang), text.get(lang))
        })
    };
    view! {
        <section class="mk-sign-in" aria-labelledby="mk-sign-in-title">
            <h1 id="mk-sign-in-title" class="page-title">{at(AKey::SignInTitle)}</h1>
            <p class="muted">{at(AKey::SignInIntro)}</p>
            <p class="muted">{at(AKey::StaffHint)}</p>
            <form class="mk-sign-in-form" on:submit=submit novalidate>
                <label class="field">
                    <span>{at(AKey::KeyLabel)}</span>
                    <input id="mk-key" type="password" autocomplete="current-password" spellcheck="false"
                        aria-describedby="mk-key-hint mk-key-error"
                        aria-invalid=move || error.get().is_some().then_some("true")
                        prop:value=move || key.get()
                        on:input=move |ev| key.set(event_target_value(&ev)) />
                    <span id="mk-key-hint" class="field-hint">{at(AKey::KeyHint)}</span>
                    <span id="mk-key-error" class="field-error">{move || error.get().map(|k| k.get(locale.lang()))}</span>
                </label>
                <p class="form-error" role="alert">{failure_text}</p>
                <button type="submit" class="btn btn-primary btn-block" aria-busy=move || busy.get().then_some("true")>
                    {move || if busy.get() { at(AKey::SigningIn)() } else { at(AKey::SignIn)() }}
                </button>
            </form>
        </section>
    }
}
