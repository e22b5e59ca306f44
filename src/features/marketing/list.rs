//! `/marketing`: the campaigns with their state and headline figures.

use leptos::prelude::*;
use storefront_api_types::{CampaignState, MarketingCampaign};

use super::i18n::{at, state_key, AKey};
use super::session::Gate;
use crate::components::text::{loc, tr};
use crate::components::ErrorPanel;
use crate::dom::format_in_zone;
use crate::i18n::{set_title, Key};
use crate::routes::AppRoute;
use crate::state::{load, use_api, use_locale};

/// `/marketing`: sign in, then the campaigns.
#[component]
pub fn MarketingPage() -> impl IntoView {
    let locale = use_locale();
    Effect::new(move |_| set_title(at(AKey::Workspace)(), locale.lang()));
    view! {
        <Gate>
            <CampaignList />
        </Gate>
    }
}

/// The campaigns, newest first.
#[component]
fn CampaignList() -> impl IntoView {
    let api = use_api();
    let campaigns = load(move || {
        let api = api.clone();
        async move { api.marketing_campaigns().await }
    });
    let body = move || match campaigns.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| campaigns.refetch() /> }.into_any()
        }
        Some(Ok(list)) if list.data.is_empty() => {
            view! { <p class="empty">{at(AKey::NoCampaigns)}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="mk-campaigns">
                {list.data.into_iter().map(|c| view! { <CampaignRow campaign=c /> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <section aria-labelledby="mk-title">
            <div class="mk-head">
                <h1 id="mk-title" class="page-title">{at(AKey::Campaigns)}</h1>
                <a class="btn btn-primary" href=AppRoute::MarketingEditor { slug: None }.to_href()>
                    {at(AKey::NewCampaign)}
                </a>
            </div>
            {body}
        </section>
    }
}

/// One campaign: title, state, dates, figures and its pages.
#[component]
fn CampaignRow(
    /// The campaign.
    campaign: MarketingCampaign,
) -> impl IntoView {
    let locale = use_locale();
    let slug = campaign.input.slug.clone();
    let state = campaign.state;
    let f = campaign.figures;
    let dates = {
        let (s, e) = (
            campaign.input.starts_at.unix(),
            campaign.input.ends_at.unix(),
        );
        move || {
            let lang = locale.lang();
            let d = |t| format_in_zone(t, "", lang).unwrap_or_default();
            format!("{} – {}", d(s), d(e))
        }
    };
    let badge = match state {
        CampaignState::Live => "mk-state mk-live",
        CampaignState::Scheduled => "mk-state mk-scheduled",
        CampaignState::Draft => "mk-state mk-draft",
        CampaignState::Ended => "mk-state mk-ended",
    };
    let figures = [
        (AKey::Views, f.views),
        (AKey::Claims, f.claims),
        (AKey::Reservations, f.reservations),
        (AKey::Redemptions, f.redemptions),
    ];
    view! {
        <li class="mk-campaign">
            <div class="mk-campaign-head">
                <h2 class="mk-campaign-title">{loc(campaign.input.title.clone())}</h2>
                <span class=badge>{at(state_key(state))}</span>
            </div>
            <p class="muted">"/campaign/" {slug.clone()} " · " {dates}</p>
            <dl class="mk-figures">
                {figures.into_iter().map(|(k, n)| view! {
                    <div><dt>{at(k)}</dt><dd>{n}</dd></div>
                }).collect_view()}
            </dl>
            <div class="mk-actions">
                <a class="btn btn-secondary" href=AppRoute::MarketingEditor { slug: Some(slug.clone()) }.to_href()>
                    {at(AKey::Edit)}<span class="sr-only">": " {loc(campaign.input.title.clone())}</span>
                </a>
                <a class="btn btn-secondary" href=AppRoute::MarketingResults { slug }.to_href()>
                    {at(AKey::Results)}<span class="sr-only">": " {loc(campaign.input.title)}</span>
                </a>
            </div>
        </li>
    }
}
