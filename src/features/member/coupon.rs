//! `/wallet/{id}`: one coupon, its code as text and its redeem QR (kept for offline use).

use leptos::prelude::*;
use storefront_api_types::{CouponStatus, TokenBatch};

use super::i18n::{mt, MKey};
use super::logic::current_token;
use super::offers::{channel_key, discount_text};
use super::qr::QrSvg;
use super::saved::{clock, fetch_saved, saved, SavedNotice};
use super::sign_in::SignIn;
use crate::components::text::{by_lang, loc, tr};
use crate::components::ErrorPanel;
use crate::i18n::{set_title, Key};
use crate::routes::AppRoute;
use crate::state::{load_polled, route_memo, use_api, use_locale};

/// How often the wallet is asked again while a coupon or the wallet is shown (ms).
pub const WALLET_POLL_MS: u32 = 3_000;
use crate::storage::keys;

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
    // asked again every few seconds while shown: a redemption at the till shows within 5 s
    let wallet = load_polled(
        {
            let api = api.clone();
            move || {
                let api = api.clone();
                async move { fetch_saved(api.wallet(), keys::WALLET).await }
            }
        },
        WALLET_POLL_MS,
    );
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
                if let Ok((b, None)) = fetch_saved(api.coupon_tokens(&id), &key).await {
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
        Some(Err(e)) if e.is_unauthenticated() => view! { <SignIn on_done=move |()| wallet.refetch() /> }.into_any(),
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
