//! `/member/code`: the rotating member QR, kept for offline use, and the live balance.

use leptos::prelude::*;
use storefront_api_types::{Member, TokenBatch, WalletCoupon};

use super::i18n::{mt, MKey};
use super::logic::{current_token, saved_json, seconds_left, REFILL_BELOW_SECONDS};
use super::qr::QrSvg;
use super::saved::{clock, fetch_saved, forget_member, saved, SavedNotice};
use super::sign_in::SignIn;
use crate::api::Kept;
use crate::components::text::{by_lang, loc};
use crate::dom::{format_in_zone, now_unix};
use crate::i18n::set_title;
use crate::routes::AppRoute;
use crate::state::{use_api, use_locale};
use crate::storage::{self, keys};

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
                match api.scan_tokens().await {
                    Ok(Kept { value, body }) => {
                        let at = now_unix();
                        let _ = storage::write_raw(keys::MEMBER_TOKENS, &saved_json(at, &body));
                        batch.set(Some((value, at)));
                    }
                    Err(e) if e.is_unauthenticated() => {
                        forget_member();
                        signed_out.set(true);
                    }
                    Err(_) => {}
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
                match fetch_saved(api.loyalty(), keys::MEMBER).await {
                    Ok(m) => member.set(Some(m)),
                    Err(e) if e.is_unauthenticated() => signed_out.set(true),
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

    // A code scanned at the till is used: when the balance moves while a code is shown, that
    // code is not shown again; the next one of the batch is (the till accepts it: one step
    // of clock tolerance), or a new batch.
    let used = RwSignal::new(Vec::<String>::new());
    let shown = Memo::new(move |_| {
        let t = now.get();
        batch.with(|b| {
            b.as_ref().and_then(|(b, _)| {
                let (i, left) = current_token(&b.tokens, t)?;
                let step = i64::from(b.step_seconds);
                used.with(|u| {
                    b.tokens
                        .get(i..)?
                        .iter()
                        .enumerate()
                        .find(|(_, tok)| !u.contains(&tok.token))
                        .map(|(k, tok)| (tok.token.clone(), left + step * k as i64))
                })
            })
        })
    });
    Effect::new(move |prev: Option<Option<i64>>| {
        let points = member.with(|m| m.as_ref().map(|(m, _)| m.points));
        if let (Some(Some(before)), Some(now_points)) = (prev, points) {
            if before != now_points {
                if let Some((token, _)) = shown.get_untracked() {
                    used.update(|u| u.push(token));
                }
            }
        }
        points
    });
    // A till earn can drop a campaign's reward coupon into the wallet: whenever the balance
    // moves, the wallet is read again and a coupon that was not in it before is announced.
    let known = StoredValue::new(None::<Vec<String>>);
    let fresh = RwSignal::new(Vec::<WalletCoupon>::new());
    let check_wallet = {
        let api = api.clone();
        move || {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let Ok((w, None)) = fetch_saved(api.wallet(), keys::WALLET).await else {
                    return;
                };
                let before = known.try_get_value().flatten();
                let ids: Vec<String> = w.available.iter().map(|c| c.id.clone()).collect();
                if let Some(before) = before {
                    let new: Vec<WalletCoupon> = w
                        .available
                        .into_iter()
                        .filter(|c| !before.contains(&c.id))
                        .collect();
                    if !new.is_empty() {
                        fresh.try_update(|f| f.extend(new));
                    }
                }
                known.try_set_value(Some(ids));
            });
        }
    };
    check_wallet();
    Effect::new(move |prev: Option<Option<i64>>| {
        let points = member.with(|m| m.as_ref().map(|(m, _)| m.points));
        if matches!((prev, points), (Some(Some(a)), Some(b)) if a != b) {
            check_wallet();
        }
        points
    });
    let new_coupons = move || {
        fresh
            .get()
            .into_iter()
            .map(|c| {
                let href = AppRoute::Coupon { id: c.id }.to_href();
                view! {
                    <p class="member-new-coupon">
                        {mt(MKey::NewCoupon)}" "<strong>{loc(c.offer.title)}</strong>" "
                        <a href=href>{mt(MKey::ViewCoupon)}</a>
                    </p>
                }
            })
            .collect_view()
    };
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
                <div role="status" class="member-new-coupons">{new_coupons}</div>
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
