//! `/c/{code}`: the offer of a poster or campaign, claimed in one tap (after signing in).

use leptos::prelude::*;
use storefront_api_types::WalletCoupon;

use super::i18n::{mt, MKey};
use super::offers::{OfferCard, OfferPreview};
use super::saved::fetch_saved;
use super::sign_in::SignIn;
use crate::components::text::tr;
use crate::components::ErrorPanel;
use crate::i18n::{set_title, Key};
use crate::router::{use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::{load, route_memo, use_api, use_locale};
use crate::storage::keys;

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
            async move { api.offer(&code).await }
        }
    });
    let member = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { fetch_saved(api.loyalty(), keys::MEMBER).await }
        }
    });
    // the member's coupons: an offer claimed to its limit says so instead of offering Claim
    let wallet = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            // again once the member signs in
            let _ = member.get();
            async move { fetch_saved(api.wallet(), keys::WALLET).await }
        }
    });
    let claimed = Signal::derive(move || {
        let code = code.get().to_ascii_uppercase();
        match wallet.get() {
            Some(Ok((w, _))) => w
                .available
                .iter()
                .chain(&w.used)
                .chain(&w.expired)
                .filter(|c| c.offer.code == code)
                .count() as u32,
            _ => 0,
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
        (Some(Ok(o)), Some(Err(e))) if e.is_unauthenticated() => view! {
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
                // the offer's title is an h3: an h2 keeps the outline in order
                <h2 class="sr-only">{mt(MKey::Offers)}</h2>
                <ul class="offer-list">
                    <OfferCard offer=o claimed=claimed on_claimed=move |c: WalletCoupon| {
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
