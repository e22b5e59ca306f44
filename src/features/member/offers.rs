//! Coupon offers: how a discount reads, and an offer's card with its Claim button.

use leptos::prelude::*;
use storefront_api_types::{
    Channel, ClaimRequest, Discount, Lang, Offer, ProblemCode, WalletCoupon,
};

use super::i18n::{mt, MKey};
use crate::components::error_panel::error_keys;
use crate::components::text::{by_lang, loc};
use crate::dom::now_unix;
use crate::logic::money::format_money;
use crate::state::{use_api, use_locale};

/// "Spend ¥100, get ¥20 off" / "15% off".
pub fn discount_text(offer: &Offer, lang: Lang) -> String {
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

/// How a channel is named.
pub(super) fn channel_key(c: Channel) -> MKey {
    match c {
        Channel::Online => MKey::ChannelOnline,
        Channel::InStore => MKey::ChannelInStore,
        Channel::Both => MKey::ChannelBoth,
    }
}

/// One offer with its Claim button (or why it cannot be claimed).
#[component]
pub(super) fn OfferCard(
    /// The offer.
    offer: Offer,
    /// Runs with the coupon once claimed.
    #[prop(into)]
    on_claimed: Callback<WalletCoupon>,
    /// How many coupons of this offer the member holds (any status), when known.
    #[prop(optional)]
    claimed: Option<Signal<u32>>,
) -> impl IntoView {
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
            let key = format!("claim-{code}-{}", now_unix() / 60);
            let answer = api
                .claim_coupon(
                    &ClaimRequest {
                        offer: code.clone(),
                        attribution: crate::state::attribution::current(),
                        handoff: None,
                    },
                    &key,
                )
                .await;
            busy.set(false);
            match answer {
                Ok(c) => {
                    crate::state::events::track_text(
                        storefront_api_types::EventName::ClaimCoupon,
                        &code,
                    );
                    state.set(Some(Ok(())));
                    on_claimed.run(c);
                }
                Err(e) => {
                    let text = match e.problem_code() {
                        Some(ProblemCode::SoldOut) => MKey::SoldOut.get(lang).to_owned(),
                        Some(ProblemCode::AlreadyClaimed) => {
                            MKey::LimitReached.get(lang).to_owned()
                        }
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
    // claimed to the limit: the button says so instead of inviting a refusal
    let limit = offer.per_member_limit;
    let at_limit = move || claimed.is_some_and(|c| limit > 0 && c.get() >= limit);
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
                _ if at_limit() => view! {
                    <button type="button" class="btn btn-secondary" disabled=true>{mt(MKey::ClaimedLimit)}</button>
                }.into_any(),
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

/// An offer without its Claim button (before signing in).
#[component]
pub(super) fn OfferPreview(
    /// The offer.
    offer: Offer,
) -> impl IntoView {
    let o = offer.clone();
    view! {
        <li class="offer">
            <p class="offer-discount">{by_lang(move |lang| discount_text(&o, lang))}</p>
            <h2 class="offer-title">{loc(offer.title.clone())}</h2>
            <p class="muted">{loc(offer.terms.clone())}</p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zhe() {
        assert_eq!(percent_to_zhe(20), "8");
        assert_eq!(percent_to_zhe(15), "8.5");
        assert_eq!(percent_to_zhe(5), "9.5");
    }
}
