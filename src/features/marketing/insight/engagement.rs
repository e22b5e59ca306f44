//! What shoppers did with the shop's offers and tools: coupons claimed and redeemed in
//! store by offer and channel with the points earned by store and tier, the virtual tour's
//! visits and what followed, and search (top queries, and those that found nothing).

use leptos::prelude::*;
use storefront_api_types::{AppChannel, CouponReport, QueryRow, SearchReport, Tier, TourReport};

use super::chart::{Bar, BarChart, Cell, Col, Figure, Table};
use super::logic::sum_by;
use super::report::{section, Dash, Report};
use crate::api::insight::InsightReport;
use crate::features::marketing::i18n::{at, AKey};
use crate::state::use_locale;

/// The name of a claim's channel.
fn channel_key(channel: Option<AppChannel>) -> AKey {
    match channel {
        Some(AppChannel::Phone) => AKey::ChannelPhone,
        Some(AppChannel::Kiosk) => AKey::ChannelKiosk,
        Some(AppChannel::Embed) => AKey::ChannelEmbed,
        None => AKey::ChannelUnknown,
    }
}

/// The name of a member tier.
fn tier_key(tier: Tier) -> AKey {
    match tier {
        Tier::Regular => AKey::TierRegular,
        Tier::Silver => AKey::TierSilver,
        Tier::Gold => AKey::TierGold,
        Tier::Platinum => AKey::TierPlatinum,
    }
}

/// The coupons report.
#[component]
pub fn CouponSection(
    /// The dashboard.
    dash: Dash,
    /// Its request.
    data: Report<CouponReport>,
) -> impl IntoView {
    section(
        dash,
        InsightReport::Coupons,
        AKey::CouponsTitle,
        data,
        |r| r.coupons.is_empty() && r.points.is_empty(),
        move |r| view! { <CouponBody dash=dash report=r /> },
    )
}

#[component]
fn CouponBody(dash: Dash, report: CouponReport) -> impl IntoView {
    let locale = use_locale();
    let coupons = StoredValue::new(report.coupons);
    let points = StoredValue::new(report.points);
    let bars = Signal::derive(move || {
        let lang = locale.lang();
        coupons.with_value(|rows| {
            rows.iter()
                .map(|r| Bar {
                    label: format!(
                        "{} · {}",
                        r.title.get(lang),
                        channel_key(r.channel).get(lang)
                    ),
                    values: vec![r.claimed, r.redeemed],
                    note: None,
                })
                .collect()
        })
    });
    let point_bars = Signal::derive(move || {
        let lang = locale.lang();
        points.with_value(|rows| {
            sum_by(rows, |r| r.store_id.clone(), |r| r.points)
                .into_iter()
                .map(|(store, n)| Bar {
                    label: dash.names.store(&store, lang),
                    values: vec![n],
                    note: None,
                })
                .collect()
        })
    });
    let point_rows = Signal::derive(move || {
        let lang = locale.lang();
        points.with_value(|rows| {
            rows.iter()
                .map(|r| {
                    vec![
                        Cell::Head(dash.names.store(&r.store_id, lang)),
                        Cell::Head(tier_key(r.tier).get(lang).to_owned()),
                        Cell::Num(r.earns),
                        Cell::Num(r.points),
                    ]
                })
                .collect::<Vec<_>>()
        })
    });
    let point_cols = vec![
        Col(AKey::StoreCol, false),
        Col(AKey::TierCol, false),
        Col(AKey::EarnsCol, true),
        Col(AKey::PointsCol, true),
    ];
    let has_coupons = coupons.with_value(|c| !c.is_empty());
    let has_points = points.with_value(|p| !p.is_empty());
    view! {
        {has_coupons.then(|| view! {
            <BarChart id="ins-coupon-chart" caption=AKey::CouponChart row_head=AKey::OfferCol
                series=vec![AKey::Claimed, AKey::Redeemed] bars=bars />
        })}
        {if has_points {
            view! {
                <BarChart id="ins-points-chart" caption=AKey::PointsChart row_head=AKey::StoreCol
                    series=vec![AKey::PointsCol] bars=point_bars />
                <Table id="ins-points-rows" caption=AKey::PointsTable cols=point_cols rows=point_rows />
            }
            .into_any()
        } else {
            view! { <p class="empty">{at(AKey::NoPoints)}</p> }.into_any()
        }}
    }
}

/// The virtual tour report.
#[component]
pub fn TourSection(
    /// The dashboard.
    dash: Dash,
    /// Its request.
    data: Report<TourReport>,
) -> impl IntoView {
    section(
        dash,
        InsightReport::Tour,
        AKey::TourTitle,
        data,
        |r| r.rows.is_empty() && r.guide_bookings == 0,
        move |r| view! { <TourBody dash=dash report=r /> },
    )
}

#[component]
fn TourBody(dash: Dash, report: TourReport) -> impl IntoView {
    let locale = use_locale();
    let rows = StoredValue::new(report.rows);
    let figures = |r: &storefront_api_types::TourRow| {
        [
            r.visits,
            r.hotspots_opened,
            r.reservations_after,
            r.guide_bookings_after,
        ]
    };
    let bars = Signal::derive(move || {
        let lang = locale.lang();
        rows.with_value(|rows| {
            rows.iter()
                .map(|r| Bar {
                    label: dash.names.store(&r.store_id, lang),
                    values: figures(r).to_vec(),
                    note: None,
                })
                .collect()
        })
    });
    let series = vec![
        AKey::TourVisits,
        AKey::Hotspots,
        AKey::ReservedAfter,
        AKey::BookedAfter,
    ];
    let has_rows = rows.with_value(|r| !r.is_empty());
    view! {
        <Figure label=AKey::GuideBookings value=report.guide_bookings />
        {has_rows.then(|| view! {
            <BarChart id="ins-tour-chart" caption=AKey::TourChart row_head=AKey::StoreCol
                series=series bars=bars />
        })}
    }
}

/// The search report.
#[component]
pub fn SearchSection(
    /// The dashboard.
    dash: Dash,
    /// Its request.
    data: Report<SearchReport>,
) -> impl IntoView {
    section(
        dash,
        InsightReport::Search,
        AKey::SearchTitle,
        data,
        |r| r.searches == 0 && r.top.is_empty(),
        move |r| view! { <SearchBody report=r /> },
    )
}

#[component]
fn SearchBody(report: SearchReport) -> impl IntoView {
    view! {
        <Figure label=AKey::Searches value=report.searches />
        <Queries id="ins-top" caption=AKey::TopQueries rows=report.top />
        <p class="muted ins-hint">{at(AKey::NoResultHint)}</p>
        <Queries id="ins-none" caption=AKey::NoResultQueries rows=report.no_results />
    }
}

/// A ranked list of queries as a chart (its table view has them all).
#[component]
fn Queries(id: &'static str, caption: AKey, rows: Vec<QueryRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <p class="ins-caption">{at(caption)}</p>
            <p class="muted">{at(AKey::NoQueries)}</p>
        }
        .into_any();
    }
    let bars: Vec<Bar> = rows
        .into_iter()
        .map(|r| Bar {
            label: r.query,
            values: vec![r.searches],
            note: None,
        })
        .collect();
    view! {
        <BarChart id=id caption=caption row_head=AKey::QueryCol
            series=vec![AKey::Searches] bars=Signal::stored(bars) />
    }
    .into_any()
}
