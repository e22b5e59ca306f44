//! The dashboard's pictures and tables. A chart draws its bars as inline SVG the way the
//! campaign results do (labels and figures stay text of the page, so they keep their size
//! on a phone; only the bars are drawn), is one `role="img"` with a spoken summary, and
//! turns into a real table with "Show as table". A table shows its first rows and the rest
//! on request.

use leptos::prelude::*;

use super::logic::{bar_percent, chart_summary, group};
use crate::features::marketing::i18n::{at, AKey};

/// One row of a chart: its label, a figure per series, and a note (a conversion rate).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the row is.
    pub label: String,
    /// One figure per series.
    pub values: Vec<u64>,
    /// Said after the figures.
    pub note: Option<String>,
}

/// At most this many rows are drawn; the table view has them all.
pub const CHART_ROWS: usize = 10;

/// The colours of the series, in order (CSS classes).
const SERIES_CLASSES: [&str; 4] = ["ins-s0", "ins-s1", "ins-s2", "ins-s3"];

/// The charts shown as tables, by id: the choice outlives a new answer (another period).
#[derive(Clone, Copy, Default)]
pub struct TableViews(RwSignal<Vec<&'static str>>);

/// Horizontal bars, one group per row and one bar per series (the first [`CHART_ROWS`]
/// rows), with "Show as table" (every row).
#[component]
pub fn BarChart(
    /// A unique id stem (`ins-funnel`).
    id: &'static str,
    /// The chart's title (and the table's caption).
    caption: AKey,
    /// The head of the rows' column in the table.
    row_head: AKey,
    /// The series' names.
    series: Vec<AKey>,
    /// The head of the notes' column, when rows have notes.
    #[prop(optional)]
    note_head: Option<AKey>,
    /// The rows (reactive: names and the language may change).
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
) -> impl IntoView {
    let locale = crate::state::use_locale();
    let views = use_context::<TableViews>().unwrap_or_default().0;
    let as_table = move || views.with(|v| v.contains(&id));
    let toggle = move |_| {
        views.update(|v| match v.iter().position(|x| *x == id) {
            Some(i) => {
                v.remove(i);
            }
            None => v.push(id),
        })
    };
    let series = StoredValue::new(series);
    let caption_id = format!("{id}-cap");
    let summary = move || {
        let lang = locale.lang();
        let names: Vec<&str> = series.with_value(|s| s.iter().map(|k| k.get(lang)).collect());
        let rows: Vec<_> = bars
            .get()
            .into_iter()
            .take(CHART_ROWS)
            .map(|b| (b.label, b.values, b.note))
            .collect();
        chart_summary(caption.get(lang), &names, &rows)
    };
    let legend = move || {
        series.with_value(|s| {
            (s.len() > 1).then(|| {
                view! {
                    <ul class="ins-legend">
                        {s.iter().zip(SERIES_CLASSES).map(|(k, class)| view! {
                            <li><span class=format!("ins-swatch {class}")></span>{at(*k)}</li>
                        }).collect_view()}
                    </ul>
                }
            })
        })
    };
    let drawn = move || {
        let rows = bars.get();
        let max = rows
            .iter()
            .take(CHART_ROWS)
            .flat_map(|b| b.values.iter().copied())
            .max()
            .unwrap_or(0);
        rows.into_iter()
            .take(CHART_ROWS)
            .map(|b| {
                let lines = b
                    .values
                    .iter()
                    .zip(SERIES_CLASSES)
                    .map(|(n, class)| {
                        view! {
                            <span class="ins-line">
                                <svg class="ins-track" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                                    <rect width=bar_percent(*n, max) height="10" class=class />
                                </svg>
                                <span class="ins-num">{group(*n)}</span>
                            </span>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="ins-row">
                        <span class="ins-label">{b.label}</span>
                        <span class="ins-lines">{lines}</span>
                        {b.note.map(|n| view! { <span class="ins-note">{n}</span> })}
                    </div>
                }
            })
            .collect_view()
    };
    let table = move || {
        let rows = bars.get();
        view! {
            <div class="mk-table-wrap" tabindex="0" role="region" aria-labelledby=caption_id.clone()>
                <table class="mk-table ins-table">
                    <caption class="sr-only">{at(caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{at(row_head)}</th>
                            {series.with_value(|s| s.iter().map(|k| view! { <th scope="col">{at(*k)}</th> }).collect_view())}
                            {note_head.map(|k| view! { <th scope="col">{at(k)}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|b| view! {
                            <tr>
                                <th scope="row">{b.label}</th>
                                {b.values.iter().map(|n| view! { <td>{group(*n)}</td> }).collect_view()}
                                {note_head.map(|_| view! { <td>{b.note.clone().unwrap_or_default()}</td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    };
    let caption_id_fig = format!("{id}-cap");
    view! {
        <figure class="ins-chart" id=id>
            <div class="ins-chart-head">
                <figcaption id=caption_id_fig class="ins-chart-title">{at(caption)}</figcaption>
                <button type="button" class="btn btn-secondary btn-small"
                    aria-pressed=move || if as_table() { "true" } else { "false" }
                    on:click=toggle>
                    {at(AKey::ShowTable)}
                </button>
            </div>
            {move || if as_table() {
                table().into_any()
            } else {
                let more = bars.with(|b| b.len() > CHART_ROWS);
                view! {
                    <div class="ins-bars" role="img" aria-label=summary>
                        <div class="ins-bars-drawn" aria-hidden="true">
                            {legend}
                            {drawn}
                        </div>
                    </div>
                    {more.then(|| view! { <p class="muted ins-hint">{at(AKey::ChartFirst)}</p> })}
                }
                .into_any()
            }}
        </figure>
    }
}

/// A cell of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A row header (`<th scope="row">`).
    Head(String),
    /// Text.
    Text(String),
    /// A count.
    Num(u64),
}

/// A column of a [`Table`]: its head and whether it holds counts (right-aligned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col(pub AKey, pub bool);

/// How many rows a table shows before "Show all".
const FIRST_ROWS: usize = 10;

/// A table with a visible caption, in a region that scrolls sideways on a phone; the first
/// rows, then "Show all".
#[component]
pub fn Table(
    /// A unique id stem.
    id: &'static str,
    /// Its caption.
    caption: AKey,
    /// Its columns.
    cols: Vec<Col>,
    /// Its rows.
    #[prop(into)]
    rows: Signal<Vec<Vec<Cell>>>,
) -> impl IntoView {
    let all = RwSignal::new(false);
    let caption_id = format!("{id}-cap");
    let caption_for = caption_id.clone();
    let body = move || {
        let rows = rows.get();
        let shown = if all.get() { rows.len() } else { FIRST_ROWS };
        rows.into_iter()
            .take(shown)
            .map(|r| {
                view! {
                    <tr>
                        {r.into_iter().map(|c| match c {
                            Cell::Head(t) => view! { <th scope="row">{t}</th> }.into_any(),
                            Cell::Text(t) => view! { <td class="ins-text">{t}</td> }.into_any(),
                            Cell::Num(n) => view! { <td>{group(n)}</td> }.into_any(),
                        }).collect_view()}
                    </tr>
                }
            })
            .collect_view()
    };
    // the button stays where it is (keyboard focus stays on it) and says what it does next
    let more = move || {
        let n = rows.with(Vec::len);
        (n > FIRST_ROWS).then(|| {
            view! {
                <button type="button" class="btn btn-secondary btn-small ins-more"
                    aria-expanded=move || if all.get() { "true" } else { "false" }
                    on:click=move |_| all.update(|a| *a = !*a)>
                    {move || if all.get() {
                        at(AKey::ShowFirst)().to_owned()
                    } else {
                        format!("{} ({n} {})", at(AKey::ShowAll)(), at(AKey::Rows)())
                    }}
                </button>
            }
        })
    };
    view! {
        <div class="mk-table-wrap" tabindex="0" role="region" aria-labelledby=caption_id>
            <table class="mk-table ins-table">
                <caption id=caption_for class="ins-caption">{at(caption)}</caption>
                <thead>
                    <tr>
                        {cols.into_iter().map(|Col(k, num)| view! {
                            <th scope="col" class:ins-text=!num>{at(k)}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {more}
    }
}

/// A headline figure: its name and its count.
#[component]
pub fn Figure(
    /// Its name.
    label: AKey,
    /// The count.
    value: u64,
) -> impl IntoView {
    view! {
        <p class="ins-figure"><span>{at(label)}</span> <strong>{group(value)}</strong></p>
    }
}
