//! `/marketing/insight`: the insight dashboard of the workspace. Behind the workspace
//! sign-in: a marketing session sees every store, a store's staff session (signed in with
//! the store's staff key) its own store only. A period of days in China time (the last 30
//! by default) and a store filter; then five reports, each exact counts from the server
//! drawn as accessible charts with a table view and a CSV download: the online-to-store
//! funnel, stock-outs seen by shoppers, coupons and points, the virtual tour and search.
//! The period and store are kept in signals: the route has no query parameters.

mod chart;
mod engagement;
mod filters;
mod funnel;
pub mod logic;
mod report;

use leptos::prelude::*;
use storefront_api_types::{InsightScope, MarketingSession, StoreQuery};

use super::i18n::{at, AKey};
use super::session::{Gate, WorkspaceSession};
use crate::dom::now_unix;
use crate::i18n::set_title;
use crate::state::{load, use_api, use_catalog, use_locale};
use engagement::{CouponSection, SearchSection, TourSection};
use filters::Filters;
use funnel::{FunnelSection, StockoutSection};
use logic::{china_today, last_days, DEFAULT_DAYS};
use report::{report, Dash, Names};

/// `/marketing/insight`.
#[component]
pub fn InsightPage() -> impl IntoView {
    let locale = use_locale();
    Effect::new(move |_| set_title(at(AKey::InsightTitle)(), locale.lang()));
    view! {
        <Gate>
            <Dashboard />
        </Gate>
    }
}

/// The filters and the five reports (built once signed in).
#[component]
fn Dashboard() -> impl IntoView {
    let api = use_api();
    let Some(WorkspaceSession(session)) = use_context::<WorkspaceSession>() else {
        return ().into_any();
    };
    let own_store = match session.get_untracked() {
        Some(Ok(MarketingSession { store_id, .. })) => store_id,
        _ => None,
    };
    let today = china_today(now_unix());
    let (from, to) = last_days(&today, DEFAULT_DAYS);
    let asked = RwSignal::new(InsightScope {
        from,
        to,
        store_id: own_store.clone(),
    });
    let stores = load(move || {
        let api = api.clone();
        async move { api.stores(&StoreQuery::default()).await }
    });
    let dash = Dash {
        asked,
        names: Names {
            stores,
            catalog: use_catalog(),
        },
        session,
    };
    let funnel = report(asked, |api, s| async move { api.insight_funnel(&s).await });
    let stockouts = report(
        asked,
        |api, s| async move { api.insight_stockouts(&s).await },
    );
    let coupons = report(asked, |api, s| async move { api.insight_coupons(&s).await });
    let tour = report(asked, |api, s| async move { api.insight_tour(&s).await });
    let search = report(asked, |api, s| async move { api.insight_search(&s).await });
    // every report is refused alike for a bad period: the first one that says so
    let fault = Memo::new(move |_| {
        funnel
            .fault()
            .or_else(|| stockouts.fault())
            .or_else(|| coupons.fault())
            .or_else(|| tour.fault())
            .or_else(|| search.fault())
    });
    provide_context(chart::TableViews::default());
    view! {
        <div class="insight-page">
            <h1 class="page-title">{at(AKey::InsightTitle)}</h1>
            <p class="muted ins-intro">{at(AKey::InsightIntro)}</p>
            <Filters dash=dash today=today own_store=own_store fault=fault />
            <div class="ins-reports">
                <FunnelSection dash=dash data=funnel />
                <StockoutSection dash=dash data=stockouts />
                <CouponSection dash=dash data=coupons />
                <TourSection dash=dash data=tour />
                <SearchSection dash=dash data=search />
            </div>
        </div>
    }
    .into_any()
}
