//! What the five reports share: the dashboard's context (the period asked for, the names of
//! stores and categories, the session), a report's request with its "still loading" count,
//! and the section every report sits in: its heading, its CSV download, and each state
//! with a way on (loading, a refused period, an ended sign-in, a refusal, a failure with
//! Retry, "No events in this period").

use std::future::Future;

use leptos::prelude::*;
use storefront_api_types::{
    Category, CategoryId, Lang, MarketingSession, ProblemCode, StoreId, StoreList,
};

use super::logic::{period_fault, PeriodFault};
use crate::api::insight::InsightReport;
use crate::api::{ApiClient, ApiError};
use crate::components::text::tr;
use crate::components::ErrorPanel;
use crate::features::marketing::i18n::{at, AKey};
use crate::i18n::Key;
use crate::state::{load, use_api, Catalog, Load};
use storefront_api_types::InsightScope;

/// The names the reports' ids are shown with: stores and categories, in the current
/// language once loaded (the id until then, or when unknown).
#[derive(Clone, Copy)]
pub struct Names {
    /// Every store.
    pub stores: Load<StoreList>,
    /// The category tree.
    pub catalog: Catalog,
}

impl Names {
    /// A store's name (tracked).
    pub fn store(&self, id: &StoreId, lang: Lang) -> String {
        match self.stores.get() {
            Some(Ok(list)) => list
                .data
                .iter()
                .find(|s| s.id == *id)
                .map(|s| s.name.get(lang).to_owned())
                .unwrap_or_else(|| id.0.clone()),
            _ => id.0.clone(),
        }
    }

    /// A category's name (tracked).
    pub fn category(&self, id: &CategoryId, lang: Lang) -> String {
        fn find<'a>(list: &'a [Category], id: &CategoryId) -> Option<&'a Category> {
            list.iter()
                .find_map(|c| (c.id == *id).then_some(c).or_else(|| find(&c.children, id)))
        }
        match self.catalog.0.get() {
            Some(Ok(tree)) => find(&tree.data, id)
                .map(|c| c.name.get(lang).to_owned())
                .unwrap_or_else(|| id.0.clone()),
            _ => id.0.clone(),
        }
    }
}

/// The dashboard's context.
#[derive(Clone, Copy)]
pub struct Dash {
    /// The period and store asked for (changed by "Show" and the quick choices).
    pub asked: RwSignal<InsightScope>,
    /// Names of stores and categories.
    pub names: Names,
    /// The workspace session (asked again by "Sign in again").
    pub session: Load<MarketingSession>,
}

/// A report's request: reasked whenever the period or store asked for changes.
pub struct Report<T: 'static> {
    /// The latest answer.
    pub load: Load<T>,
    /// Requests under way.
    pub busy: RwSignal<u32>,
}

impl<T: 'static> Clone for Report<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Report<T> {}

/// Asks for a report with `fetch` for the period and store of `asked`.
pub fn report<T, Fut>(
    asked: RwSignal<InsightScope>,
    fetch: impl Fn(ApiClient, InsightScope) -> Fut + 'static,
) -> Report<T>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let api = use_api();
    let busy = RwSignal::new(0u32);
    let load = load(move || {
        let request = fetch(api.clone(), asked.get());
        busy.update(|n| *n += 1);
        async move {
            let answer = request.await;
            busy.try_update(|n| *n = n.saturating_sub(1));
            answer
        }
    });
    Report { load, busy }
}

impl<T: Clone + 'static> Report<T> {
    /// The period fault of its refusal, when it was refused for the period (tracked).
    pub fn fault(&self) -> Option<PeriodFault> {
        match self.load.get() {
            Some(Err(e)) => period_fault(&e),
            _ => None,
        }
    }
}

/// A report's section: heading, CSV link, then the report by its state; `body` draws an
/// answer that is not `empty`.
pub fn section<T, V>(
    dash: Dash,
    which: InsightReport,
    title: AKey,
    data: Report<T>,
    empty: fn(&T) -> bool,
    body: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let api = use_api();
    let seg = which.segment();
    let heading_id = format!("ins-{seg}-title");
    let heading_for = heading_id.clone();
    let csv = {
        let api = api.clone();
        move || api.insight_csv_url(which, &dash.asked.get())
    };
    let file = move || {
        dash.asked
            .with(|s| format!("insight-{seg}-{}-{}.csv", s.from, s.to))
    };
    // the link's name says which report (its visible words begin it)
    let csv_name = move || format!("{}: {}", at(AKey::DownloadCsv)(), at(title)());
    let busy = move || data.busy.get() > 0;
    let updating = move || {
        if busy() && data.load.get_untracked().is_some() {
            at(AKey::Updating)()
        } else {
            ""
        }
    };
    let state = move || match data.load.get() {
        // the status line above says "Loading…"
        None => {
            view! { <div class="ins-placeholder skeleton" aria-hidden="true"></div> }.into_any()
        }
        Some(Err(e)) => failure(dash, data, e).into_any(),
        Some(Ok(r)) if empty(&r) => view! { <p class="empty">{at(AKey::NoEvents)}</p> }.into_any(),
        Some(Ok(r)) => body(r).into_any(),
    };
    view! {
        <section class="ins-report" id=format!("ins-{seg}") aria-labelledby=heading_id
            aria-busy=move || if busy() { "true" } else { "false" }>
            <div class="ins-report-head">
                <h2 id=heading_for>{at(title)}</h2>
                <a class="btn btn-secondary btn-small" href=csv download=file aria-label=csv_name>
                    {at(AKey::DownloadCsv)}
                </a>
            </div>
            <p class="muted ins-updating" role="status">
                {move || if data.load.get().is_none() { tr(Key::Loading)() } else { updating() }}
            </p>
            {state}
        </section>
    }
}

/// A refused or failed report, with its way on.
fn failure<T: Clone + 'static>(dash: Dash, data: Report<T>, e: ApiError) -> impl IntoView {
    if period_fault(&e).is_some() {
        view! { <p class="ins-fix">{at(AKey::FixPeriod)}</p> }.into_any()
    } else if e.is_unauthenticated() {
        view! {
            <div class="ins-problem" role="alert">
                <p>{at(AKey::SessionEnded)}</p>
                <button type="button" class="btn btn-primary" on:click=move |_| dash.session.refetch()>
                    {at(AKey::SignInAgain)}
                </button>
            </div>
        }
        .into_any()
    } else if e.problem_code() == Some(ProblemCode::Forbidden) {
        view! {
            <div class="ins-problem" role="alert">
                <p>{at(AKey::NotAllowed)}</p>
                <button type="button" class="btn btn-secondary" on:click=move |_| data.load.refetch()>
                    {tr(Key::Retry)}
                </button>
            </div>
        }
        .into_any()
    } else {
        view! { <ErrorPanel error=e on_retry=move |()| data.load.refetch() /> }.into_any()
    }
}
