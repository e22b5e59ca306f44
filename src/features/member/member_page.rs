//! `/member`: the member card, the points ledger and the account actions.

use leptos::prelude::*;
use storefront_api_types::{LedgerEntry, Member};

use super::i18n::{mt, MKey};
use super::logic::tier_progress;
use super::saved::{fetch_saved, forget_member, SavedNotice};
use super::sign_in::SignIn;
use crate::api::ApiError;
use crate::components::text::{by_lang, loc, tr};
use crate::components::ErrorPanel;
use crate::dom::format_in_zone;
use crate::i18n::{set_title, Key};
use crate::logic::money::format_money;
use crate::routes::AppRoute;
use crate::state::{load, use_api, use_locale};
use crate::storage::keys;

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
            async move { fetch_saved(api.loyalty(), keys::MEMBER).await }
        }
    });
    let body = move || match member.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) if e.is_unauthenticated() => {
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

/// The member's tier, points, progress to the next tier and number.
#[component]
fn MemberCard(
    /// The member.
    member: Member,
) -> impl IntoView {
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

/// The points ledger, a page at a time.
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
            match api.ledger(cursor.as_deref()).await {
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

/// One line of the ledger.
#[component]
fn LedgerRow(
    /// The entry.
    entry: LedgerEntry,
) -> impl IntoView {
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

/// Download my data, sign out, delete the account.
#[component]
fn AccountActions(
    /// Runs once signed out or deleted.
    #[prop(into)]
    on_gone: Callback<()>,
) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let error = RwSignal::new(None::<ApiError>);
    let sign_out = {
        let api = api.clone();
        move |_| {
            let api = api.clone();
            leptos::task::spawn_local(async move {
                match api.sign_out().await {
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
            match api.delete_account().await {
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
    let export = use_api().export_url();
    view! {
        <section class="account-actions" aria-label=mt(MKey::Member)>
            <a class="btn btn-secondary" href=export download="member-data.json">{mt(MKey::DownloadData)}</a>
            <button type="button" class="btn btn-secondary" on:click=sign_out>{mt(MKey::SignOut)}</button>
            <button type="button" class="btn btn-danger" on:click=delete>{mt(MKey::DeleteAccount)}</button>
            {move || error.get().map(|e| view! { <ErrorPanel error=e on_retry=move |()| error.set(None) /> })}
        </section>
    }
}
