//! The membership pages (the separately loaded "member" module, see `crate::split`):
//! sign-in or join, the member page with tier and points ledger, the rotating member QR,
//! the coupon wallet, one coupon with its redeem QR, and the `/c/{code}` claim link.
//!
//! What the member needs in a store with no signal is kept on the device as the server
//! sent it ([`crate::storage::keys`]): the member, a batch of member codes covering at
//! least ten minutes, the wallet and each coupon's redeem codes. Pages show the saved copy,
//! labelled with when it was fetched, when the network fails. Signing out (or a session the
//! server no longer knows) removes all of it.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use storefront_api_types::{
    member_codes, percent_encode, ApplicableCoupons, Channel, CouponStatus, Discount, Lang,
    LedgerEntry, LedgerPage, Member, Offer, OfferList, SignInCodeSent, SignedIn, TokenBatch,
    Wallet, WalletCoupon,
};

use crate::api::{decode, no_content, ApiClient, ApiError};
use crate::components::error_panel::error_keys;
use crate::components::text::{by_lang, loc, tr};
use crate::components::ErrorPanel;
use crate::dom::{focus_by_id, format_in_zone, now_unix};
use crate::i18n::member::{mt, MKey};
use crate::i18n::{set_title, Key};
use crate::logic::member::{
    current_token, expiry_countdown, saved_json, seconds_left, sign_in_body, tier_progress,
    valid_code, valid_login, REFILL_BELOW_SECONDS,
};
use crate::logic::money::format_money;
use crate::router::{use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::{load, route_memo, use_api, use_locale};
use crate::storage::{self, keys};

/// A copy kept on the device: the server's answer and when it was fetched.
#[derive(Deserialize)]
struct Saved<T> {
    saved_at: i64,
    data: T,
}

/// An answer: fresh from the server (`None`) or the saved copy of that time.
type Fetched<T> = (T, Option<i64>);

/// `GET path`; a fresh answer is saved under `key`. When the network fails, the copy saved
/// earlier answers instead. A 401 means the session is gone: everything saved is removed.
async fn fetch_saved<T: DeserializeOwned>(
    api: &ApiClient,
    path: &str,
    key: &str,
) -> Result<Fetched<T>, ApiError> {
    match api.get_text(path).await {
        Ok((status, body)) => {
            let value = decode::<T>(status, &body);
            match &value {
                Ok(_) => {
                    let _ = storage::write_raw(key, &saved_json(now_unix(), &body));
                }
                Err(ApiError::Http { status: 401, .. }) => forget_member(),
                Err(_) => {}
            }
            value.map(|v| (v, None))
        }
        Err(e) => saved::<T>(key).map(|s| (s.data, Some(s.saved_at))).ok_or(e),
    }
}

fn saved<T: DeserializeOwned>(key: &str) -> Option<Saved<T>> {
    storage::read_json::<Saved<T>>(key)
}

/// Removes everything kept about the member on this device.
fn forget_member() {
    for key in [keys::MEMBER, keys::MEMBER_TOKENS, keys::WALLET] {
        let _ = storage::remove(key);
    }
    storage::remove_prefixed(keys::COUPON_TOKENS);
}

fn is_unauthenticated(e: &ApiError) -> bool {
    matches!(e, ApiError::Http { status: 401, .. })
}

fn problem_code(e: &ApiError) -> &str {
    match e {
        ApiError::Http {
            problem: Some(p), ..
        } => p.code.as_str(),
        _ => "",
    }
}

/// "Updated 11月24日 15:30" for a saved copy, with the offline notice.
#[component]
fn SavedNotice(at: Option<i64>) -> impl IntoView {
    at.map(|at| {
        view! {
            <p class="saved-notice" role="status">
                <span>{mt(MKey::Offline)}</span>
                " "
                <span>{mt(MKey::UpdatedAt)}" "{by_lang(move |lang| format_in_zone(at, "", lang).unwrap_or_default())}</span>
            </p>
        }
    })
}

/// A QR code of `text`, drawn as one SVG path (no picture to fetch: works offline).
#[component]
pub fn QrSvg(
    /// What the code says.
    #[prop(into)]
    text: Signal<String>,
    /// Accessible name.
    #[prop(into)]
    label: Signal<&'static str>,
) -> impl IntoView {
    let drawing = move || qr_path(&text.get());
    view! {
        <svg class="qr" role="img" aria-label=move || label.get() width="264" height="264"
            viewBox=move || { let n = drawing().0 + 8; format!("-4 -4 {n} {n}") }>
            <rect x="-4" y="-4" width="100%" height="100%" fill="#fff" />
            <path d=move || drawing().1 fill="#000" shape-rendering="crispEdges" />
        </svg>
    }
}

/// The module count and an SVG path of the dark modules (runs merged per row).
fn qr_path(text: &str) -> (usize, String) {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
    else {
        return (21, String::new());
    };
    let n = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if colors.get(y * n + x) == Some(&qrcode::Color::Dark) {
                let start = x;
                while x < n && colors.get(y * n + x) == Some(&qrcode::Color::Dark) {
                    x += 1;
                }
                d.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    (n, d)
}

/// Ticks every second while the page is shown; returns the current Unix time.
fn clock() -> ReadSignal<i64> {
    let (now, set_now) = signal(now_unix());
    let interval = gloo_timers::callback::Interval::new(1_000, move || {
        set_now.try_set(now_unix());
    });
    let interval = StoredValue::new_local(Some(interval));
    on_cleanup(move || {
        interval.try_update_value(Option::take);
    });
    now
}

// ---------------------------------------------------------------------------------------
// Sign in or join
// ---------------------------------------------------------------------------------------

/// Sign in or join with a one-time code; `on_done` runs once signed in.
#[component]
pub fn SignIn(
    #[prop(into)] on_done: Callback<()>,
    #[prop(optional)] intro: Option<MKey>,
) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let login = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let agree = RwSignal::new(false);
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
        match (e, problem_code(e)) {
            (ApiError::Http { status: 429, .. }, _) => MKey::TooMany.get(lang).to_owned(),
            (_, member_codes::CODE_INVALID) => MKey::CodeWrong.get(lang).to_owned(),
            (_, member_codes::TERMS_REQUIRED) => MKey::TermsRequired.get(lang).to_owned(),
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
                    .post::<SignInCodeSent>("/auth/code", sign_in_body(&canonical, None), None)
                    .await;
                busy.set(false);
                match answer {
                    Ok(s) => {
                        sent_at.set(now_unix());
                        sent.set(Some(s));
                        code.set(String::new());
                        focus_by_id("signin-code");
                    }
                    Err(e) => error.set(Some(message(&e, lang))),
                }
            });
        }
    };
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
            if !s.member_exists && !agree.get_untracked() {
                error.set(Some(MKey::TermsRequired.get(lang).to_owned()));
                focus_by_id("signin-terms");
                return;
            }
            let api = api.clone();
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let body = sign_in_body(&s.login, Some((&digits, agree.get_untracked())));
                let answer = api.post::<SignedIn>("/auth/verify", body, None).await;
                busy.set(false);
                match answer {
                    // the page then fetches the member and keeps it on the device
                    Ok(_) => on_done.run(()),
                    Err(e) => error.set(Some(message(&e, lang))),
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
                        let joining = !s.member_exists;
                        let send_again = send_again.clone();
                        view! {
                            <p class="signin-sent">{mt(MKey::CodeSentTo)}" "<strong>{s.login.clone()}</strong></p>
                            <label class="field">
                                <span>{mt(MKey::CodeLabel)}</span>
                                <input id="signin-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                                    aria-invalid=move || error.get().is_some().then_some("true")
                                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                            </label>
                            {joining.then(|| view! {
                                <div class="signin-terms">
                                    <p class="field-hint">{mt(MKey::JoinWhy)}</p>
                                    <label class="check">
                                        <input id="signin-terms" type="checkbox" prop:checked=move || agree.get()
                                            on:change=move |ev| agree.set(event_target_checked(&ev)) />
                                        <span>{mt(MKey::JoinTerms)}</span>
                                    </label>
                                </div>
                            })}
                            <button type="submit" class="btn btn-primary btn-block" aria-busy=move || busy.get().then_some("true")>
                                {move || if busy.get() { mt(MKey::SigningIn)() } else if joining { mt(MKey::Join)() } else { mt(MKey::SignIn)() }}
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

// ---------------------------------------------------------------------------------------
// The member page
// ---------------------------------------------------------------------------------------

/// `/member`: the member's number, tier, points and ledger; sign-in when signed out.
#[component]
pub fn MemberPage() -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    Effect::new(move |_| set_title(mt(MKey::Member)(), locale.lang()));
    let member = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { fetch_saved::<Member>(&api, "/me/loyalty", keys::MEMBER).await }
        }
    });
    let body = move || match member.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) if is_unauthenticated(&e) => {
            view! { <SignIn on_done=move |()| member.refetch() /> }.into_any()
        }
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| member.refetch() /> }.into_any()
        }
        Some(Ok((m, saved_at))) => view! {
            <SavedNotice at=saved_at />
            <MemberCard member=m />
            <Ledger />
            <AccountActions on_gone=move |()| member.refetch() />
        }
        .into_any(),
    };
    view! { <div class="page page-narrow member-page">{body}</div> }
}

#[component]
fn MemberCard(member: Member) -> impl IntoView {
    let progress = tier_progress(
        member.lifetime_points,
        member.tier.threshold,
        member.next_tier.as_ref().map(|t| t.threshold),
    );
    let to_next = member.points_to_next;
    let next_name = member.next_tier.as_ref().map(|t| t.name.clone());
    let tier_class = format!("member-card tier-{}", member.tier.tier.as_str());
    view! {
        <section class=tier_class aria-labelledby="member-title">
            <h1 id="member-title" class="page-title">{loc(member.tier.name.clone())}</h1>
            <p class="member-benefits"><span class="sr-only">{mt(MKey::TierBenefits)}": "</span>{loc(member.tier.benefits.clone())}</p>
            <p class="member-points">
                <span class="member-points-label">{mt(MKey::PointsBalance)}</span>
                <strong class="member-points-value" data-points=member.points>{member.points}</strong>
            </p>
            {match next_name {
                Some(name) => view! {
                    <div class="tier-progress">
                        <progress max="100" value=progress aria-labelledby="tier-next"></progress>
                        <p id="tier-next" class="muted">{mt(MKey::ToNextTier)}" "<strong>{to_next}</strong>" · "{loc(name)}</p>
                    </div>
                }.into_any(),
                None => view! { <p class="muted">{mt(MKey::TopTier)}</p> }.into_any(),
            }}
            <p class="member-no">{mt(MKey::MemberNo)}" "<strong>{member.member_no.clone()}</strong></p>
            <div class="member-actions">
                <a class="btn btn-primary" href=AppRoute::MemberCode.to_href()>{mt(MKey::ShowCode)}</a>
                <a class="btn btn-secondary" href=AppRoute::Wallet.to_href()>{mt(MKey::Wallet)}</a>
            </div>
        </section>
    }
}

#[component]
fn Ledger() -> impl IntoView {
    let api = use_api();
    let rows = RwSignal::new(Vec::<LedgerEntry>::new());
    let next = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let loaded = RwSignal::new(false);
    let fetch_page = move |cursor: Option<String>| {
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let path = match &cursor {
                Some(c) => format!(
                    "/me/loyalty/transactions?limit=10&cursor={}",
                    percent_encode(c)
                ),
                None => "/me/loyalty/transactions?limit=10".to_owned(),
            };
            match api.get::<LedgerPage>(&path).await {
                Ok(page) => {
                    rows.update(|r| r.extend(page.data));
                    next.set(page.next_cursor);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            loaded.set(true);
        });
    };
    let more = fetch_page.clone();
    fetch_page(None);
    view! {
        <section class="ledger" aria-labelledby="ledger-title">
            <h2 id="ledger-title">{mt(MKey::Ledger)}</h2>
            {move || (loaded.get() && rows.with(Vec::is_empty) && error.get().is_none()).then(|| view! { <p class="empty">{mt(MKey::NoLedger)}</p> })}
            <ol class="ledger-list">
                <For each=move || rows.get() key=|e| e.id.clone() let:entry>
                    <LedgerRow entry=entry />
                </For>
            </ol>
            {move || error.get().map(|e| {
                let more = more.clone();
                view! { <ErrorPanel error=e on_retry=move |()| more(next.get_untracked()) /> }
            })}
            {
                let more = fetch_page.clone();
                move || next.get().map(|cursor| {
                    let more = more.clone();
                    view! {
                        <button type="button" class="btn btn-secondary" on:click=move |_| more(Some(cursor.clone()))>{mt(MKey::LoadMore)}</button>
                    }
                })
            }
        </section>
    }
}

#[component]
fn LedgerRow(entry: LedgerEntry) -> impl IntoView {
    let reason = match entry.reason.as_str() {
        "purchase" => MKey::ReasonPurchase,
        "welcome" => MKey::ReasonWelcome,
        _ => MKey::ReasonAdjustment,
    };
    let at = entry.at.unix();
    let sign = if entry.points >= 0 { "+" } else { "" };
    let amount = entry.amount;
    view! {
        <li class="ledger-row">
            <div class="ledger-what">
                <strong>{mt(reason)}</strong>
                {entry.store_name.map(|n| view! { <span class="muted">{loc(n)}</span> })}
                {entry.receipt.map(|r| view! { <span class="muted">{mt(MKey::Receipt)}" "{r}</span> })}
                <time class="muted">{by_lang(move |lang| format_in_zone(at, "", lang).unwrap_or_default())}</time>
            </div>
            <div class="ledger-points">
                <strong>{format!("{sign}{}", entry.points)}</strong>
                {amount.map(|a| view! { <span class="muted">{by_lang(move |lang| format_money(a, lang))}</span> })}
            </div>
        </li>
    }
}

#[component]
fn AccountActions(#[prop(into)] on_gone: Callback<()>) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let error = RwSignal::new(None::<ApiError>);
    let sign_out = {
        let api = api.clone();
        move |_| {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let answer = api.post_text("/auth/sign-out", String::new()).await;
                match answer.and_then(|(status, text)| no_content(status, &text)) {
                    Ok(()) => {
                        forget_member();
                        on_gone.run(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let delete = move |_| {
        let lang = locale.lang();
        let sure = web_sys::window()
            .and_then(|w| w.confirm_with_message(MKey::DeleteConfirm.get(lang)).ok())
            .unwrap_or(false);
        if !sure {
            return;
        }
        let api = api.clone();
        leptos::task::spawn_local(async move {
            match api.delete("/me").await {
                Ok(()) => {
                    forget_member();
                    if let Some(w) = web_sys::window() {
                        let _ = w.alert_with_message(MKey::Deleted.get(lang));
                    }
                    on_gone.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let export = use_api().url("/me/export");
    view! {
        <section class="account-actions" aria-label=mt(MKey::Member)>
            <a class="btn btn-secondary" href=export download="member-data.json">{mt(MKey::DownloadData)}</a>
            <button type="button" class="btn btn-secondary" on:click=sign_out>{mt(MKey::SignOut)}</button>
            <button type="button" class="btn btn-danger" on:click=delete>{mt(MKey::DeleteAccount)}</button>
            {move || error.get().map(|e| view! { <ErrorPanel error=e on_retry=move |()| error.set(None) /> })}
        </section>
    }
}

// ---------------------------------------------------------------------------------------
// The member code
// ---------------------------------------------------------------------------------------

/// `/member/code`: the rotating member QR, kept for offline use, and the live balance.
#[component]
pub fn MemberCodePage() -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    Effect::new(move |_| set_title(mt(MKey::MemberCode)(), locale.lang()));
    let now = clock();
    let batch =
        RwSignal::new(saved::<TokenBatch>(keys::MEMBER_TOKENS).map(|s| (s.data, s.saved_at)));
    let member = RwSignal::new(saved::<Member>(keys::MEMBER).map(|s| (s.data, Some(s.saved_at))));
    let signed_out = RwSignal::new(false);
    let refilling = RwSignal::new(false);
    let refill = {
        let api = api.clone();
        move || {
            if refilling.get_untracked() {
                return;
            }
            refilling.set(true);
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let answer = api
                    .post_text("/me/loyalty/scan-tokens", String::new())
                    .await;
                if let Ok((status, text)) = answer {
                    match decode::<TokenBatch>(status, &text) {
                        Ok(b) => {
                            let at = now_unix();
                            let _ = storage::write_raw(keys::MEMBER_TOKENS, &saved_json(at, &text));
                            batch.set(Some((b, at)));
                        }
                        Err(e) if is_unauthenticated(&e) => {
                            forget_member();
                            signed_out.set(true);
                        }
                        Err(_) => {}
                    }
                }
                refilling.set(false);
            });
        }
    };
    // more codes when less than five minutes are left (and the network allows)
    Effect::new({
        let refill = refill.clone();
        move |_| {
            let t = now.get();
            let left = batch.with(|b| b.as_ref().map_or(0, |(b, _)| seconds_left(&b.tokens, t)));
            if left < REFILL_BELOW_SECONDS {
                refill();
            }
        }
    });
    // the balance, every 3 seconds while the code is shown (a scan shows within 5 s)
    let poll = {
        let api = api.clone();
        move || {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                match fetch_saved::<Member>(&api, "/me/loyalty", keys::MEMBER).await {
                    Ok(m) => member.set(Some(m)),
                    Err(e) if is_unauthenticated(&e) => signed_out.set(true),
                    Err(_) => {}
                }
            });
        }
    };
    poll();
    let poller = gloo_timers::callback::Interval::new(3_000, {
        let poll = poll.clone();
        move || {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            if !hidden {
                poll();
            }
        }
    });
    let poller = StoredValue::new_local(Some(poller));
    on_cleanup(move || {
        poller.try_update_value(Option::take);
    });

    let shown = Memo::new(move |_| {
        let t = now.get();
        batch.with(|b| {
            b.as_ref().and_then(|(b, _)| {
                current_token(&b.tokens, t)
                    .and_then(|(i, left)| b.tokens.get(i).map(|tok| (tok.token.clone(), left)))
            })
        })
    });
    let member_no = move || {
        member
            .with(|m| m.as_ref().map(|(m, _)| m.member_no.clone()))
            .or_else(|| batch.with(|b| b.as_ref().map(|(b, _)| b.member_no.clone())))
            .unwrap_or_default()
    };
    let body = move || {
        if signed_out.get()
            || (member.with(Option::is_none) && batch.with(Option::is_none) && !refilling.get())
        {
            let on_done = {
                let refill = refill.clone();
                let poll = poll.clone();
                move |()| {
                    signed_out.set(false);
                    refill();
                    poll();
                }
            };
            return view! { <SignIn on_done=on_done /> }.into_any();
        }
        let refill = refill.clone();
        view! {
            <section class="member-code" aria-labelledby="code-title">
                <h1 id="code-title" class="page-title">{mt(MKey::MemberCode)}</h1>
                {move || member.get().map(|(m, saved_at)| view! {
                    <SavedNotice at=saved_at />
                    <p class="member-points">
                        <span class="member-points-label">{mt(MKey::PointsBalance)}</span>
                        <strong class="member-points-value" data-points=m.points aria-live="polite">{m.points}</strong>
                    </p>
                })}
                {move || match shown.get() {
                    Some((token, left)) => view! {
                        <div class="code-box">
                            <QrSvg text=Signal::derive(move || token.clone()) label=Signal::derive(mt(MKey::QrAltMember)) />
                            <p class="code-countdown" aria-live="off">
                                <span data-seconds=left>{left}</span>{mt(MKey::NextCodeIn)}
                            </p>
                        </div>
                    }.into_any(),
                    None => {
                        let refill = refill.clone();
                        view! {
                            <div class="code-box code-out" role="alert">
                                <p>{mt(MKey::CodesRanOut)}</p>
                                <button type="button" class="btn btn-primary" on:click=move |_| refill()>{mt(MKey::Refresh)}</button>
                            </div>
                        }.into_any()
                    }
                }}
                <p class="muted">{mt(MKey::MemberCodeHelp)}</p>
                <p class="code-fallback">{mt(MKey::CashierFallback)}" "<strong class="member-no-text">{member_no}</strong></p>
                <p class="code-hint">{mt(MKey::Brightness)}</p>
                {move || batch.get().map(|(_, at)| view! {
                    <p class="muted">{mt(MKey::UpdatedAt)}" "{by_lang(move |lang| format_in_zone(at, "", lang).unwrap_or_default())}</p>
                })}
            </section>
        }
        .into_any()
    };
    view! { <div class="page page-narrow">{body}</div> }
}

// ---------------------------------------------------------------------------------------
// The wallet
// ---------------------------------------------------------------------------------------

/// "Spend ¥100, get ¥20 off" / "15% off".
fn discount_text(offer: &Offer, lang: Lang) -> String {
    let off = match offer.discount {
        Discount::Percent { percent } => match lang {
            Lang::ZhCn => format!("{}折", percent_to_zhe(percent)),
            Lang::En => format!("{percent}% off"),
        },
        Discount::Amount { off } => match lang {
            Lang::ZhCn => format!("减{}", format_money(off, lang)),
            Lang::En => format!("{} off", format_money(off, lang)),
        },
    };
    match (offer.min_spend, lang) {
        (Some(min), Lang::ZhCn) => format!("满{}{off}", format_money(min, lang)),
        (Some(min), Lang::En) => format!("Spend {}, get {off}", format_money(min, lang)),
        (None, _) => off,
    }
}

/// 15 % off is "8.5折" in Chinese.
fn percent_to_zhe(percent: u32) -> String {
    let tenths = 100u32.saturating_sub(percent);
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

fn channel_key(c: Channel) -> MKey {
    match c {
        Channel::Online => MKey::ChannelOnline,
        Channel::InStore => MKey::ChannelInStore,
        Channel::Both => MKey::ChannelBoth,
    }
}

/// One offer with its Claim button (or why it cannot be claimed).
#[component]
fn OfferCard(offer: Offer, #[prop(into)] on_claimed: Callback<WalletCoupon>) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let state = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let code = offer.code.clone();
    let claim = move |_| {
        let lang = locale.lang();
        let api = api.clone();
        let code = code.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let mut body = String::from("{\"offer\":");
            storage::push_json_string(&mut body, &code);
            body.push('}');
            let key = format!("claim-{code}-{}", now_unix() / 60);
            let answer = api
                .post::<WalletCoupon>("/me/wallet/coupons", body, Some(&key))
                .await;
            busy.set(false);
            match answer {
                Ok(c) => {
                    state.set(Some(Ok(())));
                    on_claimed.run(c);
                }
                Err(e) => {
                    let text = match problem_code(&e) {
                        member_codes::SOLD_OUT => MKey::SoldOut.get(lang).to_owned(),
                        member_codes::ALREADY_CLAIMED => MKey::LimitReached.get(lang).to_owned(),
                        _ => {
                            let (t, x) = error_keys(&e);
                            format!("{} {}", t.get(lang), x.get(lang))
                        }
                    };
                    state.set(Some(Err(text)));
                }
            }
        });
    };
    let o = offer.clone();
    let sold_out = offer.remaining == 0;
    view! {
        <li class="offer">
            <p class="offer-discount">{by_lang(move |lang| discount_text(&o, lang))}</p>
            <h3 class="offer-title">{loc(offer.title.clone())}</h3>
            <p class="muted">{loc(offer.terms.clone())}</p>
            <p class="offer-meta">
                <span>{mt(channel_key(offer.channel))}</span>
                <span>{mt(if offer.store_ids.is_empty() { MKey::AllStores } else { MKey::SomeStores })}</span>
                <span>{mt(MKey::Remaining)}" "{offer.remaining}</span>
            </p>
            {move || match state.get() {
                Some(Ok(())) => view! { <p class="offer-done" role="status">{mt(MKey::ClaimedOk)}</p> }.into_any(),
                other => {
                    let claim = claim.clone();
                    view! {
                        <button type="button" class="btn btn-primary" disabled=move || busy.get() || sold_out on:click=claim
                            aria-busy=move || busy.get().then_some("true")>
                            {move || if sold_out { mt(MKey::SoldOut)() } else if busy.get() { mt(MKey::Claiming)() } else { mt(MKey::Claim)() }}
                        </button>
                        {other.and_then(Result::err).map(|t| view! { <p class="form-error" role="alert">{t}</p> })}
                    }.into_any()
                }
            }}
        </li>
    }
}

/// `/wallet`: coupons to claim and the member's own, by status; readable offline.
#[component]
pub fn WalletPage() -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    Effect::new(move |_| set_title(mt(MKey::Wallet)(), locale.lang()));
    let wallet = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { fetch_saved::<Wallet>(&api, "/me/wallet/coupons", keys::WALLET).await }
        }
    });
    let offers = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.get::<OfferList>("/coupons").await }
        }
    });
    let tab = RwSignal::new(CouponStatus::Available);
    let body = move || match wallet.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) if is_unauthenticated(&e) => {
            view! { <SignIn on_done=move |()| wallet.refetch() /> }.into_any()
        }
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| wallet.refetch() /> }.into_any()
        }
        Some(Ok((w, saved_at))) => {
            let now = now_unix();
            let counts = [w.available.len(), w.used.len(), w.expired.len()];
            let w = StoredValue::new(w);
            let list = move || {
                let status = tab.get();
                let items = w.with_value(|w| match status {
                    CouponStatus::Available => w.available.clone(),
                    CouponStatus::Used => w.used.clone(),
                    CouponStatus::Expired => w.expired.clone(),
                });
                if items.is_empty() {
                    return view! { <p class="empty">{mt(MKey::NoCoupons)}</p> }.into_any();
                }
                view! {
                    <ul class="coupon-list">
                        {items.into_iter().map(|c| view! { <CouponRow coupon=c now=now /> }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! {
                <SavedNotice at=saved_at />
                <section aria-labelledby="wallet-title">
                    <h1 id="wallet-title" class="page-title">{mt(MKey::MyCoupons)}</h1>
                    <div class="tabs" role="group" aria-label=mt(MKey::MyCoupons)>
                        {[(CouponStatus::Available, MKey::Available, counts[0]), (CouponStatus::Used, MKey::Used, counts[1]), (CouponStatus::Expired, MKey::Expired, counts[2])]
                            .into_iter()
                            .map(|(status, key, n)| view! {
                                <button type="button" class="chip" aria-pressed=move || if tab.get() == status { "true" } else { "false" }
                                    on:click=move |_| tab.set(status)>
                                    {mt(key)}" ("{n}")"
                                </button>
                            })
                            .collect_view()}
                    </div>
                    {list}
                </section>
            }
            .into_any()
        }
    };
    let offers_view = move || match offers.get() {
        None => None,
        Some(Err(_)) => None,
        Some(Ok(list)) => Some(view! {
            <section class="offers" aria-labelledby="offers-title">
                <h2 id="offers-title">{mt(MKey::Offers)}</h2>
                {if list.data.is_empty() {
                    view! { <p class="empty">{mt(MKey::NoOffers)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="offer-list">
                            {list.data.into_iter().map(|o| view! { <OfferCard offer=o on_claimed=move |_| wallet.refetch() /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }),
    };
    view! { <div class="page page-narrow wallet-page">{body}{move || wallet.get().is_some_and(|w| w.is_ok()).then(offers_view)}</div> }
}

#[component]
fn CouponRow(coupon: WalletCoupon, now: i64) -> impl IntoView {
    let href = AppRoute::Coupon {
        id: coupon.id.clone(),
    }
    .to_href();
    let offer = coupon.offer.clone();
    let expires = coupon.expires_at.unix();
    let status = coupon.status;
    let used_at = coupon.used_at.map(|t| t.unix());
    view! {
        <li class="coupon" class:is-inactive=status != CouponStatus::Available>
            <a href=href class="coupon-link">
                <span class="coupon-discount">{by_lang(move |lang| discount_text(&offer, lang))}</span>
                <span class="coupon-title">{loc(coupon.offer.title.clone())}</span>
                <span class="muted">{mt(channel_key(coupon.offer.channel))}</span>
                {match (status, used_at) {
                    (CouponStatus::Used, Some(at)) => view! {
                        <span class="muted">{mt(MKey::UsedAt)}" "{by_lang(move |lang| format_in_zone(at, "", lang).unwrap_or_default())}</span>
                    }.into_any(),
                    (CouponStatus::Available, _) => view! {
                        <span class="coupon-expiry">
                            {by_lang(move |lang| expiry_countdown(expires, now, lang).unwrap_or_else(|| {
                                format!("{} {}", MKey::ValidUntil.get(lang), format_in_zone(expires, "", lang).unwrap_or_default())
                            }))}
                        </span>
                    }.into_any(),
                    _ => view! { <span class="muted">{mt(MKey::Expired)}</span> }.into_any(),
                }}
            </a>
        </li>
    }
}

/// `/wallet/{id}`: one coupon, its code as text and its redeem QR (kept for offline use).
#[component]
pub fn CouponPage() -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let id = route_memo(|r| match r {
        AppRoute::Coupon { id } => Some(id),
        _ => None,
    });
    Effect::new(move |_| set_title(mt(MKey::RedeemCode)(), locale.lang()));
    let wallet = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { fetch_saved::<Wallet>(&api, "/me/wallet/coupons", keys::WALLET).await }
        }
    });
    let coupon = Memo::new(move |_| {
        let id = id.get();
        wallet.get().map(|w| {
            w.map(|(w, at)| {
                let found = w
                    .available
                    .into_iter()
                    .chain(w.used)
                    .chain(w.expired)
                    .find(|c| c.id == id);
                (found, at)
            })
        })
    });
    let now = clock();
    let batch = RwSignal::new(None::<TokenBatch>);
    Effect::new({
        let api = api.clone();
        move |_| {
            let id = id.get();
            let key = format!("{}{id}", keys::COUPON_TOKENS);
            batch.set(saved::<TokenBatch>(&key).map(|s| s.data));
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let path = format!("/me/wallet/coupons/{}/token", percent_encode(&id));
                if let Ok((b, None)) = fetch_saved::<TokenBatch>(&api, &path, &key).await {
                    batch.set(Some(b));
                }
            });
        }
    });
    let token = Memo::new(move |_| {
        let t = now.get();
        batch.with(|b| {
            b.as_ref().and_then(|b| {
                current_token(&b.tokens, t)
                    .and_then(|(i, _)| b.tokens.get(i).map(|x| x.token.clone()))
            })
        })
    });
    let body = move || {
        match coupon.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) if is_unauthenticated(&e) => view! { <SignIn on_done=move |()| wallet.refetch() /> }.into_any(),
        Some(Err(e)) => view! { <ErrorPanel error=e on_retry=move |()| wallet.refetch() /> }.into_any(),
        Some(Ok((None, _))) => view! {
            <h1 class="page-title">{mt(MKey::CouponNotFound)}</h1>
            <a class="btn btn-secondary" href=AppRoute::Wallet.to_href()>{mt(MKey::BackToWallet)}</a>
        }
        .into_any(),
        Some(Ok((Some(c), saved_at))) => {
            let offer = c.offer.clone();
            let available = c.status == CouponStatus::Available;
            view! {
                <SavedNotice at=saved_at />
                <article class="coupon-detail" aria-labelledby="coupon-title">
                    <p class="coupon-discount">{by_lang(move |lang| discount_text(&offer, lang))}</p>
                    <h1 id="coupon-title" class="page-title">{loc(c.offer.title.clone())}</h1>
                    <p class="muted">{loc(c.offer.terms.clone())}</p>
                    <p class="muted">{mt(channel_key(c.offer.channel))}</p>
                    {available.then(|| view! {
                        <div class="code-box">
                            {move || match token.get() {
                                Some(t) => view! { <QrSvg text=Signal::derive(move || t.clone()) label=Signal::derive(mt(MKey::QrAltCoupon)) /> }.into_any(),
                                None => view! { <p role="alert">{mt(MKey::CodesRanOut)}</p> }.into_any(),
                            }}
                            <p class="muted">{mt(MKey::RedeemHelp)}</p>
                        </div>
                    })}
                    {(!available).then(|| view! { <p class="pass-status" role="status">{mt(if c.status == CouponStatus::Used { MKey::Used } else { MKey::Expired })}</p> })}
                    <p class="code-fallback">{mt(MKey::CouponCodeText)}" "<strong class="coupon-code-text">{c.code.clone()}</strong></p>
                    <a class="btn btn-secondary" href=AppRoute::Wallet.to_href()>{mt(MKey::BackToWallet)}</a>
                </article>
            }
            .into_any()
        }
    }
    };
    view! { <div class="page page-narrow">{body}</div> }
}

/// `/c/{code}`: the offer of a poster or campaign, claimed in one tap (after signing in).
#[component]
pub fn ClaimPage() -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let navigate = use_navigate();
    Effect::new(move |_| set_title(mt(MKey::ClaimTitle)(), locale.lang()));
    let code = route_memo(|r| match r {
        AppRoute::Claim { code } => Some(code),
        _ => None,
    });
    let offer = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            let code = code.get();
            async move {
                api.get::<Offer>(&format!("/coupons/{}", percent_encode(&code)))
                    .await
            }
        }
    });
    let member = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { fetch_saved::<Member>(&api, "/me/loyalty", keys::MEMBER).await }
        }
    });
    let body = move || match (offer.get(), member.get()) {
        (None, _) | (_, None) => {
            view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any()
        }
        (Some(Err(e)), _) if e.is_not_found() => view! {
            <h1 class="page-title">{mt(MKey::OfferNotFound)}</h1>
            <a class="btn btn-secondary" href=AppRoute::Wallet.to_href()>{mt(MKey::Wallet)}</a>
        }
        .into_any(),
        (Some(Err(e)), _) => {
            view! { <ErrorPanel error=e on_retry=move |()| offer.refetch() /> }.into_any()
        }
        (Some(Ok(o)), Some(Err(e))) if is_unauthenticated(&e) => view! {
            <ul class="offer-list"><OfferPreview offer=o /></ul>
            <SignIn on_done=move |()| member.refetch() intro=MKey::ClaimSignIn />
        }
        .into_any(),
        (Some(Ok(_)), Some(Err(e))) => {
            view! { <ErrorPanel error=e on_retry=move |()| member.refetch() /> }.into_any()
        }
        (Some(Ok(o)), Some(Ok(_))) => {
            let navigate = navigate.clone();
            view! {
                <h1 class="page-title">{mt(MKey::ClaimTitle)}</h1>
                <ul class="offer-list">
                    <OfferCard offer=o on_claimed=move |c: WalletCoupon| {
                        navigate(&AppRoute::Coupon { id: c.id }.to_href(), NavigateOptions::default());
                    } />
                </ul>
                <a class="btn btn-secondary" href=AppRoute::Wallet.to_href()>{mt(MKey::ViewWallet)}</a>
            }
            .into_any()
        }
    };
    view! { <div class="page page-narrow wallet-page">{body}</div> }
}

#[component]
fn OfferPreview(offer: Offer) -> impl IntoView {
    let o = offer.clone();
    view! {
        <li class="offer">
            <p class="offer-discount">{by_lang(move |lang| discount_text(&o, lang))}</p>
            <h2 class="offer-title">{loc(offer.title.clone())}</h2>
            <p class="muted">{loc(offer.terms.clone())}</p>
        </li>
    }
}

/// "2 of your coupons apply to this product" on a product page (signed-in members only).
#[component]
pub fn CouponHint(product_id: String) -> impl IntoView {
    let api = use_api();
    let found = RwSignal::new(0usize);
    leptos::task::spawn_local(async move {
        let path = format!(
            "/me/wallet/coupons/applicable?product={}",
            percent_encode(&product_id)
        );
        if let Ok(list) = api.get::<ApplicableCoupons>(&path).await {
            found.try_set(list.data.len());
        }
    });
    move || {
        let n = found.get();
        (n > 0).then(|| view! {
            <p class="coupon-hint">
                <a href=AppRoute::Wallet.to_href()>{by_lang(move |lang| coupons_apply(lang, n))}</a>
            </p>
        })
    }
}

/// "2 of your coupons apply to this product".
fn coupons_apply(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::ZhCn, _) => format!("{n} 张你的优惠券可用于此商品"),
        (Lang::En, 1) => "1 of your coupons applies to this product".to_owned(),
        (Lang::En, _) => format!("{n} of your coupons apply to this product"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coupon_hint_text() {
        assert_eq!(
            coupons_apply(Lang::En, 1),
            "1 of your coupons applies to this product"
        );
        assert_eq!(
            coupons_apply(Lang::En, 2),
            "2 of your coupons apply to this product"
        );
        assert_eq!(coupons_apply(Lang::ZhCn, 2), "2 张你的优惠券可用于此商品");
    }

    #[test]
    fn zhe() {
        assert_eq!(percent_to_zhe(20), "8");
        assert_eq!(percent_to_zhe(15), "8.5");
        assert_eq!(percent_to_zhe(5), "9.5");
    }

    #[test]
    fn qr_paths_cover_the_dark_modules() {
        let (n, d) = qr_path("HELLO");
        assert_eq!(n, 21);
        assert!(d.starts_with("M0 0h7v1h-7z"), "{d}");
    }
}
