//! The store side of the dashboard: the online-to-store funnel (product views → stock at a
//! store viewed → reserved → collected, and expired) with its rows by store and category,
//! and the stock-outs shoppers met, with the nearest store that had the variant.

use leptos::prelude::*;
use storefront_api_types::{FunnelFigures, FunnelReport, StockoutReport};

use super::chart::{Bar, BarChart, Cell, Col, Figure, Table};
use super::report::{section, Dash, Report};
use crate::api::insight::InsightReport;
use crate::features::marketing::i18n::AKey;
use crate::features::marketing::logic::rate;
use crate::state::use_locale;

/// The funnel's steps, in order (expired last: what did not reach the till).
const STEPS: [AKey; 5] = [
    AKey::ProductViews,
    AKey::StockViews,
    AKey::Reserved,
    AKey::Collected,
    AKey::Expired,
];

/// The figures of `f` in the order of [`STEPS`].
fn steps(f: &FunnelFigures) -> [u64; 5] {
    [
        f.product_views,
        f.stock_views,
        f.reservations,
        f.collected,
        f.expired,
    ]
}

/// A step's conversion from the step it follows (collected and expired both follow the
/// reservation).
fn conversion(i: usize, f: &[u64; 5]) -> Option<String> {
    match i {
        1..=3 => rate(f[i], f[i - 1]),
        4 => rate(f[4], f[2]),
        _ => None,
    }
}

/// The funnel report.
#[component]
pub fn FunnelSection(
    /// The dashboard.
    dash: Dash,
    /// Its request.
    data: Report<FunnelReport>,
) -> impl IntoView {
    section(
        dash,
        InsightReport::Funnel,
        AKey::FunnelTitle,
        data,
        |r| r.totals == FunnelFigures::default() && r.rows.is_empty(),
        move |r| view! { <FunnelBody dash=dash report=r /> },
    )
}

#[component]
fn FunnelBody(dash: Dash, report: FunnelReport) -> impl IntoView {
    let locale = use_locale();
    let totals = steps(&report.totals);
    let bars = Signal::derive(move || {
        let lang = locale.lang();
        STEPS
            .iter()
            .zip(totals)
            .enumerate()
            .map(|(i, (k, n))| Bar {
                label: k.get(lang).to_owned(),
                values: vec![n],
                note: conversion(i, &totals),
            })
            .collect()
    });
    let rows = report.rows;
    let rows = Signal::derive(move || {
        let lang = locale.lang();
        rows.iter()
            .map(|row| {
                let store = match &row.store_id {
                    Some(s) => dash.names.store(s, lang),
                    None => AKey::NoStoreChosen.get(lang).to_owned(),
                };
                let mut cells = vec![
                    Cell::Head(store),
                    Cell::Head(dash.names.category(&row.category_id, lang)),
                ];
                cells.extend(steps(&row.figures).map(Cell::Num));
                cells
            })
            .collect::<Vec<_>>()
    });
    let mut cols = vec![Col(AKey::StoreCol, false), Col(AKey::CategoryCol, false)];
    cols.extend(STEPS.map(|k| Col(k, true)));
    view! {
        <BarChart id="ins-funnel-chart" caption=AKey::FunnelChart row_head=AKey::StepCol
            series=vec![AKey::Count] note_head=AKey::Conversion bars=bars />
        <Table id="ins-funnel-rows" caption=AKey::ByStoreCategory cols=cols rows=rows />
    }
}

/// The stock-outs report.
#[component]
pub fn StockoutSection(
    /// The dashboard.
    dash: Dash,
    /// Its request.
    data: Report<StockoutReport>,
) -> impl IntoView {
    section(
        dash,
        InsightReport::Stockouts,
        AKey::StockoutsTitle,
        data,
        |r| r.total_views == 0 && r.rows.is_empty(),
        move |r| view! { <StockoutBody dash=dash report=r /> },
    )
}

#[component]
fn StockoutBody(dash: Dash, report: StockoutReport) -> impl IntoView {
    let locale = use_locale();
    let rows = StoredValue::new(report.rows);
    let bars = Signal::derive(move || {
        let lang = locale.lang();
        rows.with_value(|rows| {
            rows.iter()
                .map(|r| Bar {
                    label: format!(
                        "{} · {}",
                        r.product_name.get(lang),
                        dash.names.store(&r.store_id, lang)
                    ),
                    values: vec![r.views],
                    note: None,
                })
                .collect()
        })
    });
    let table = Signal::derive(move || {
        let lang = locale.lang();
        rows.with_value(|rows| {
            rows.iter()
                .map(|r| {
                    let nearest = match &r.nearest_store_id {
                        Some(s) => dash.names.store(s, lang),
                        None => AKey::NoneHadIt.get(lang).to_owned(),
                    };
                    vec![
                        Cell::Head(dash.names.store(&r.store_id, lang)),
                        Cell::Head(r.product_name.get(lang).to_owned()),
                        Cell::Num(r.views),
                        Cell::Num(r.sessions),
                        Cell::Text(nearest),
                    ]
                })
                .collect::<Vec<_>>()
        })
    });
    let cols = vec![
        Col(AKey::StoreCol, false),
        Col(AKey::ProductCol, false),
        Col(AKey::ViewsCol, true),
        Col(AKey::VisitsCol, true),
        Col(AKey::NearestCol, false),
    ];
    view! {
        <Figure label=AKey::StockoutViews value=report.total_views />
        <BarChart id="ins-stockout-chart" caption=AKey::StockoutChart row_head=AKey::ProductCol
            series=vec![AKey::ViewsCol] bars=bars />
        <Table id="ins-stockout-rows" caption=AKey::StockoutTable cols=cols rows=table />
    }
}
