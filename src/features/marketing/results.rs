//! `/marketing/campaigns/{slug}/results`: what a campaign brought over a period, from views
//! to in-store redemptions, as a funnel drawn by the app and tables by embedding site,
//! source, poster store and day, with the same figures as a CSV download.

use leptos::prelude::*;
use storefront_api_types::{CampaignFigures, CampaignResults, FunnelRow};

use super::i18n::{at, AKey};
use super::logic::rate;
use super::session::Gate;
use crate::components::text::tr;
use crate::components::ErrorPanel;
use crate::i18n::{set_title, Key};
use crate::routes::AppRoute;
use crate::state::{load, route_memo, use_api, use_locale};

/// The results page (behind the sign-in).
#[component]
pub fn ResultsPage() -> impl IntoView {
    let locale = use_locale();
    Effect::new(move |_| set_title(at(AKey::Results)(), locale.lang()));
    view! {
        <Gate>
            <Results />
        </Gate>
    }
}

/// The steps of the funnel, in order.
const STEPS: [AKey; 5] = [
    AKey::Views,
    AKey::Claims,
    AKey::Reservations,
    AKey::Appointments,
    AKey::Redemptions,
];

/// The figures of `f` in the order of [`STEPS`].
fn steps(f: &CampaignFigures) -> [u64; 5] {
    [
        f.views,
        f.claims,
        f.reservations,
        f.appointments,
        f.redemptions,
    ]
}

/// The period, the funnel and the tables.
#[component]
fn Results() -> impl IntoView {
    let api = use_api();
    let slug = route_memo(|r| match r {
        AppRoute::MarketingResults { slug } => Some(slug),
        _ => None,
    });
    // empty dates: the server's defaults (the campaign's first day to today)
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let asked = RwSignal::new((String::new(), String::new()));
    let results = {
        let api = api.clone();
        load(move || {
            let api = api.clone();
            let slug = slug.get();
            let (f, t) = asked.get();
            async move { api.campaign_results(&slug, &f, &t).await }
        })
    };
    // the dates the server used fill the inputs
    Effect::new(move |_| {
        if let Some(Ok(r)) = results.get() {
            from.set(r.from.clone());
            to.set(r.to.clone());
        }
    });
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        asked.set((from.get_untracked(), to.get_untracked()));
    };
    let csv = move || {
        let (f, t) = (from.get(), to.get());
        api.campaign_results_csv_url(&slug.get(), &f, &t)
    };
    let body = move || match results.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| results.refetch() /> }.into_any()
        }
        Some(Ok(r)) => view! { <Figures results=r /> }.into_any(),
    };
    view! {
        <a class="mk-back" href=AppRoute::Marketing.to_href()>"← " {at(AKey::BackToCampaigns)}</a>
        <h1 class="page-title">{at(AKey::Results)} " · " {move || slug.get()}</h1>
        <form class="mk-period" on:submit=show>
            <label class="field">
                <span>{at(AKey::From)}</span>
                <input id="mk-from" type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span>{at(AKey::To)}</span>
                <input id="mk-to" type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="btn btn-primary">{at(AKey::Show)}</button>
            <a class="btn btn-secondary" href=csv download="">{at(AKey::DownloadCsv)}</a>
        </form>
        {body}
    }
}

/// The funnel and the breakdowns.
#[component]
fn Figures(
    /// The answer.
    results: CampaignResults,
) -> impl IntoView {
    let totals = steps(&results.totals);
    if totals.iter().all(|n| *n == 0) {
        return view! { <p class="empty">{at(AKey::NoData)}</p> }.into_any();
    }
    view! {
        <section aria-labelledby="mk-funnel-title">
            <h2 id="mk-funnel-title">{at(AKey::Funnel)}</h2>
            <FunnelChart figures=totals />
        </section>
        <Breakdown title=AKey::ByOrigin rows=results.by_origin />
        <Breakdown title=AKey::BySource rows=results.by_source />
        <Breakdown title=AKey::ByStore rows=results.by_store />
        <Breakdown title=AKey::ByDay rows=results.by_day />
    }
    .into_any()
}

/// Horizontal bars, one per step, each with its count and its conversion from the step
/// before; the same figures are in the table below for screen readers. The labels and
/// figures are text of the page (they keep their size on a phone); only the bars are drawn.
#[component]
fn FunnelChart(
    /// The figures in the order of [`STEPS`].
    figures: [u64; 5],
) -> impl IntoView {
    let max = figures.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bars = STEPS
        .into_iter()
        .zip(figures)
        .enumerate()
        .map(|(i, (key, n))| {
            let pct = (100.0 * n as f64 / max).max(0.5);
            let conv = (i > 0).then(|| rate(n, figures[i - 1])).flatten();
            view! {
                <div class="mk-chart-row">
                    <span class="mk-chart-label">{at(key)}</span>
                    <svg class="mk-chart-track" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                        <rect width=pct height="10" class="mk-chart-bar" />
                    </svg>
                    <span class="mk-chart-value">{n} {conv.map(|c| format!(" · {c}"))}</span>
                </div>
            }
        })
        .collect_view();
    let rows = STEPS
        .into_iter()
        .zip(figures)
        .enumerate()
        .map(|(i, (key, n))| {
            let conv = (i > 0).then(|| rate(n, figures[i - 1])).flatten();
            view! { <tr><th scope="row">{at(key)}</th><td>{n}</td><td>{conv.unwrap_or_default()}</td></tr> }
        })
        .collect_view();
    view! {
        <figure class="mk-chart">
            <figcaption class="mk-chart-title">{at(AKey::ChartTitle)}</figcaption>
            <div aria-hidden="true">{bars}</div>
        </figure>
        <table class="mk-table">
            <caption class="sr-only">{at(AKey::Funnel)}</caption>
            <thead><tr><th scope="col">{at(AKey::Funnel)}</th><th scope="col">"#"</th><th scope="col">{at(AKey::Conversion)}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// One breakdown as a table.
#[component]
fn Breakdown(
    /// Its title.
    title: AKey,
    /// Its rows.
    rows: Vec<FunnelRow>,
) -> impl IntoView {
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="mk-breakdown">
            <h2>{at(title)}</h2>
            <div class="mk-table-wrap" tabindex="0" role="region" aria-label=at(title)>
                <table class="mk-table">
                    <thead>
                        <tr>
                            <th scope="col">{at(AKey::SourceCol)}</th>
                            {STEPS.into_iter().map(|k| view! { <th scope="col">{at(k)}</th> }).collect_view()}
                            <th scope="col">{at(AKey::Conversion)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let f = steps(&r.figures);
                            let key = r.key.clone();
                            view! {
                                <tr>
                                    <th scope="row">{if key.is_empty() { at(AKey::Direct)().to_owned() } else { key }}</th>
                                    {f.into_iter().map(|n| view! { <td>{n}</td> }).collect_view()}
                                    <td>{rate(f[1], f[0]).unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
