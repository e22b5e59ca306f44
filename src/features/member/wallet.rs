//! `/wallet`: coupons to claim and the member's own, by status; readable offline.

use leptos::prelude::*;
use storefront_api_types::{CouponStatus, WalletCoupon};

use super::coupon::WALLET_POLL_MS;
use super::i18n::{mt, MKey};
use super::logic::expiry_countdown;
use super::offers::{channel_key, discount_text, OfferCard};
use super::saved::{fetch_saved, SavedNotice};
use super::sign_in::SignIn;
use crate::components::text::{by_lang, loc, tr};
use crate::components::ErrorPanel;
use crate::dom::{format_in_zone, now_unix};
use crate::i18n::{set_title, Key};
use crate::routes::AppRoute;
use crate::state::{load, load_polled, use_api, use_locale};
use crate::storage::keys;

/// `/wallet`: coupons to claim and the member's own, by status; readable offline.
#[component]
pub fn WalletPage() -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    Effect::new(move |_| set_title(mt(MKey::Wallet)(), locale.lang()));
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
    let offers = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.offers().await }
        }
    });
    let tab = RwSignal::new(CouponStatus::Available);
    let body = move || match wallet.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) if e.is_unauthenticated() => {
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
                            {list.data.into_iter().map(|o| {
                                let code = o.code.clone();
                                // this offer's coupons in the wallet, whatever their status
                                let claimed = Signal::derive(move || match wallet.get() {
                                    Some(Ok((w, _))) => w.available.iter().chain(&w.used).chain(&w.expired)
                                        .filter(|c| c.offer.code == code)
                                        .count() as u32,
                                    _ => 0,
                                });
                                view! { <OfferCard offer=o claimed=claimed on_claimed=move |_| {
                                    wallet.refetch();
                                    // the remaining counts move
                                    offers.refetch();
                                } /> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }),
    };
    view! { <div class="page page-narrow wallet-page">{body}{move || wallet.get().is_some_and(|w| w.is_ok()).then(offers_view)}</div> }
}

/// One coupon of the wallet, linking to its page.
#[component]
fn CouponRow(
    /// The coupon.
    coupon: WalletCoupon,
    /// The time the list was drawn (Unix seconds), for "expires in".
    now: i64,
) -> impl IntoView {
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
