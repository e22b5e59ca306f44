//! The campaign's coupon with its Claim button. On the shop's own page a signed-in member
//! claims at once and anyone else signs in or joins inline first. Inside an embed the
//! shop's cookies may be blocked or partitioned, so Claim never relies on them: it asks
//! for a single-use hand-off, opens `/campaign/{slug}?handoff=<token>` in a new top-level
//! window (where the shopper signs in and the claim completes) and polls the hand-off
//! until it is claimed.

use leptos::prelude::*;
use storefront_api_types::{
    ClaimRequest, EventName, Handoff, HandoffRequest, HandoffState, Lang, Offer, ProblemCode,
};

use super::embed::post_event;
use super::i18n::{ct, CKey};
use super::logic::promotion_params;
use crate::api::ApiError;
use crate::components::error_panel::error_keys;
use crate::components::text::{by_lang, loc};
use crate::features::member::i18n::MKey;
use crate::features::member::{discount_text, SignIn};
use crate::routes::AppRoute;
use crate::state::{use_api, use_locale};

/// Where the claim stands.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Not started (or a failure to show: the text).
    Idle(Option<String>),
    /// A request is on its way.
    Busy,
    /// Inside an embed: waiting for the claim in the other window.
    Waiting {
        /// The hand-off token.
        token: String,
        /// The claim page's URL (a link, in case the window was blocked).
        url: String,
    },
    /// Claimed: the wallet coupon's id, when known here.
    Done(Option<String>),
}

/// Why a claim failed, in words.
fn failure_text(e: &ApiError, lang: Lang) -> String {
    let key = match e.problem_code() {
        Some(ProblemCode::SoldOut) => Some(CKey::SoldOut),
        Some(ProblemCode::AlreadyClaimed) => Some(CKey::LimitReached),
        Some(ProblemCode::TokenUsed) => Some(CKey::HandoffUsed),
        Some(ProblemCode::TokenExpired) => Some(CKey::HandoffExpired),
        _ => None,
    };
    match key {
        Some(k) => k.get(lang).to_owned(),
        None => {
            let (t, x) = error_keys(e);
            format!("{} {}", t.get(lang), x.get(lang))
        }
    }
}

/// The visit's attribution for a claim of campaign `slug`.
fn attribution(slug: &str) -> storefront_api_types::Attribution {
    let mut a = crate::state::attribution::current();
    a.campaign = Some(slug.to_owned());
    a
}

/// The coupon of campaign `slug` and its Claim button. `parent` is the host page's origin
/// when embedded; `handoff` the token of a claim started in an embed (top-level page).
#[component]
pub fn CampaignCoupon(
    /// Campaign slug.
    slug: String,
    /// The campaign's offer.
    offer: Offer,
    /// Inside an embed.
    embedded: bool,
    /// The host page's origin (events go there).
    parent: Option<String>,
    /// The hand-off to complete (top-level page opened from an embed).
    handoff: Option<String>,
) -> impl IntoView {
    let step = RwSignal::new(Step::Idle(None));
    let sold_out = offer.remaining == 0;
    let o = offer.clone();
    let action = if embedded {
        view! { <EmbedClaim slug=slug step=step offer=offer.code.clone() parent=parent sold_out=sold_out /> }
            .into_any()
    } else {
        view! { <PageClaim slug=slug step=step offer=offer.code.clone() handoff=handoff sold_out=sold_out /> }
            .into_any()
    };
    view! {
        <section class="campaign-coupon" aria-labelledby="campaign-coupon-title">
            <h2 id="campaign-coupon-title" class="section-title">{ct(CKey::Coupon)}</h2>
            <div class="offer campaign-offer">
                <p class="offer-discount">{by_lang(move |lang| discount_text(&o, lang))}</p>
                <h3 class="offer-title">{loc(offer.title.clone())}</h3>
                <p class="muted">{loc(offer.terms.clone())}</p>
                <p class="offer-meta"><span>{ct(CKey::RemainingCoupons)}" "{offer.remaining}</span></p>
                {action}
            </div>
        </section>
    }
}

/// The outcome of a claim on screen (status or error), shared by both forms.
fn step_message(step: RwSignal<Step>, done: CKey) -> impl IntoView {
    let locale = use_locale();
    move || {
        match step.get() {
        Step::Idle(Some(text)) => Some(view! { <p class="form-error" role="alert">{text}</p> }.into_any()),
        Step::Done(id) => Some(
            view! {
                <p class="offer-done" role="status">{move || done.get(locale.lang())}</p>
                {id.map(|id| view! {
                    <a class="btn btn-secondary" href=AppRoute::Coupon { id }.to_href()>{ct(CKey::ViewWallet)}</a>
                })}
            }
            .into_any(),
        ),
        _ => None,
    }
    }
}

/// The Claim button (idle, busy, sold out).
fn claim_button(
    step: RwSignal<Step>,
    sold_out: bool,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    let busy = move || step.get() == Step::Busy;
    view! {
        <button type="button" class="btn btn-primary campaign-claim" disabled=move || busy() || sold_out
            aria-busy=move || busy().then_some("true") on:click=move |_| on_click()>
            {move || if sold_out { ct(CKey::SoldOut)() } else if busy() { ct(CKey::Claiming)() } else { ct(CKey::Claim)() }}
        </button>
    }
}

/// On the shop's own page: sign in or join inline when needed, then claim (at once when
/// completing a hand-off).
#[component]
fn PageClaim(
    slug: String,
    step: RwSignal<Step>,
    offer: String,
    handoff: Option<String>,
    sold_out: bool,
) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    // signed in? (`None` while asking)
    let member = RwSignal::new(None::<Result<(), ApiError>>);
    let ask = {
        let api = api.clone();
        move || {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let r = api.loyalty().await.map(|_| ());
                member.try_set(Some(r));
            });
        }
    };
    ask();
    let claim = {
        let handoff = handoff.clone();
        move || {
            if step.get_untracked() == Step::Busy {
                return;
            }
            step.set(Step::Busy);
            track_promotion(EventName::SelectPromotion, &slug);
            let api = api.clone();
            let lang = locale.lang();
            let request = ClaimRequest {
                offer: offer.clone(),
                attribution: attribution(&slug),
                handoff: handoff.clone(),
            };
            let key = match &handoff {
                Some(h) => format!("handoff-{h}"),
                None => format!("campaign-{slug}-{}", crate::dom::now_unix() / 60),
            };
            leptos::task::spawn_local(async move {
                let r = api.claim_coupon(&request, &key).await;
                if r.is_ok() {
                    crate::state::events::track_text(EventName::ClaimCoupon, &request.offer);
                }
                step.try_set(match r {
                    Ok(c) => Step::Done(Some(c.id)),
                    Err(e) => Step::Idle(Some(failure_text(&e, lang))),
                });
            });
        }
    };
    // completing a hand-off: claim as soon as the member is known
    let completing = handoff.is_some();
    Effect::new({
        let claim = claim.clone();
        move |started: Option<bool>| {
            if started == Some(true) {
                return true;
            }
            let signed_in = member.with(|m| matches!(m, Some(Ok(()))));
            if completing && signed_in && !sold_out {
                claim();
                return true;
            }
            false
        }
    });
    let done_key = if completing {
        CKey::ClaimedClose
    } else {
        CKey::Claimed
    };
    let claim_retry = claim.clone();
    let ask_again = ask.clone();
    let body = move || match member.get() {
        None => None,
        Some(Err(e)) if e.is_unauthenticated() && !sold_out => Some({
            let ask = ask_again.clone();
            view! {
                <div class="campaign-sign-in">
                    <SignIn on_done=move |()| ask() intro=MKey::ClaimSignIn />
                </div>
            }
            .into_any()
        }),
        // a failure to ask is shown by the claim itself
        Some(_) if completing => None,
        Some(_) => Some(claim_button(step, sold_out, claim.clone()).into_any()),
    };
    view! {
        {move || match step.get() {
            Step::Done(_) => None,
            _ => Some(body()),
        }}
        {step_message(step, done_key)}
        {move || (completing && matches!(step.get(), Step::Idle(Some(_)))).then(|| {
            let retry = claim_retry.clone();
            view! { <button type="button" class="btn btn-secondary" on:click=move |_| retry()>{ct(CKey::Claim)}</button> }
        })}
    }
}

/// Inside an embed: Claim opens the shop in a new top-level window with a hand-off and
/// waits for it to be claimed there.
#[component]
fn EmbedClaim(
    slug: String,
    step: RwSignal<Step>,
    offer: String,
    parent: Option<String>,
    sold_out: bool,
) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));
    // asks where the hand-off stands; true once it no longer waits
    let check = {
        let api = api.clone();
        let parent = parent.clone();
        let slug = slug.clone();
        let offer = offer.clone();
        move |token: String| {
            let api = api.clone();
            let parent = parent.clone();
            let slug = slug.clone();
            let offer = offer.clone();
            async move {
                let lang = locale.0.get_untracked();
                match api.handoff(&token).await {
                    Ok(Handoff {
                        state: HandoffState::Claimed,
                        ..
                    }) => {
                        if matches!(step.try_get_untracked(), Some(Step::Waiting { .. })) {
                            step.try_set(Step::Done(None));
                            post_event(
                                parent.as_deref(),
                                "coupon_claimed",
                                &promotion_params(&slug, &offer),
                            );
                        }
                        true
                    }
                    Ok(Handoff {
                        state: HandoffState::Expired,
                        ..
                    }) => {
                        step.try_set(Step::Idle(Some(CKey::HandoffExpired.get(lang).to_owned())));
                        true
                    }
                    // pending, or a failure that may pass: ask again
                    _ => false,
                }
            }
        }
    };
    let focus = window_event_listener(leptos::ev::focus, {
        let check = check.clone();
        move |_| {
            if let Some(Step::Waiting { token, .. }) = step.try_get_untracked() {
                leptos::task::spawn_local({
                    let f = check(token);
                    async move {
                        let _ = f.await;
                    }
                });
            }
        }
    });
    on_cleanup(move || focus.remove());
    let start = move || {
        if step.get_untracked() == Step::Busy {
            return;
        }
        step.set(Step::Busy);
        post_event(
            parent.as_deref(),
            "select_promotion",
            &promotion_params(&slug, &offer),
        );
        track_promotion(EventName::SelectPromotion, &slug);
        // opened now, from the click (a window opened after an await would be blocked)
        let window =
            web_sys::window().and_then(|w| w.open_with_url_and_target("", "_blank").ok().flatten());
        let api = api.clone();
        let slug = slug.clone();
        let check = check.clone();
        let lang = locale.0.get_untracked();
        leptos::task::spawn_local(async move {
            let request = HandoffRequest {
                attribution: attribution(&slug),
            };
            let h = match api.campaign_handoff(&slug, &request).await {
                Ok(h) => h,
                Err(e) => {
                    if let Some(w) = window {
                        let _ = w.close();
                    }
                    step.try_set(Step::Idle(Some(failure_text(&e, lang))));
                    return;
                }
            };
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            let url = format!(
                "{origin}{}",
                AppRoute::Campaign {
                    slug: slug.clone(),
                    handoff: Some(h.token.clone()),
                    preview: false,
                }
                .to_href()
            );
            if let Some(w) = &window {
                let _ = w.location().set_href(&url);
            }
            step.try_set(Step::Waiting {
                token: h.token.clone(),
                url,
            });
            // every 2 s while waiting (and at once when this window gets the focus back)
            loop {
                gloo_timers::future::TimeoutFuture::new(2_000).await;
                let waiting = matches!(step.try_get_untracked(), Some(Step::Waiting { ref token, .. }) if *token == h.token);
                if alive.try_get_value() != Some(true) || !waiting || check(h.token.clone()).await {
                    return;
                }
            }
        });
    };
    view! {
        {move || match step.get() {
            Step::Done(_) => None,
            Step::Waiting { url, .. } => Some(view! {
                <p class="muted" role="status">{ct(CKey::Waiting)}</p>
                <a class="btn btn-secondary" href=url target="_blank" rel="noopener">
                    {ct(CKey::OpenClaimPage)}<span class="sr-only">{ct(CKey::NewTab)}</span>
                </a>
            }.into_any()),
            _ => Some(claim_button(step, sold_out, start.clone()).into_any()),
        }}
        {step_message(step, CKey::Claimed)}
    }
}

/// `view_promotion` / `select_promotion` of the campaign `slug` (the shop's own events,
/// after analytics consent; the embed's host page hears of them by `post_event` apart).
pub fn track_promotion(name: EventName, slug: &str) {
    crate::state::events::track_text(name, slug);
}
