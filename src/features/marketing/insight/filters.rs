//! The dashboard's period and store: two date fields, the quick choices (7, 30, 90 days
//! ending today in China), the store (every store or one; fixed for a store's staff), and
//! "Show". A missing date is said at its field before asking; a period the server refuses
//! (reversed, too long) is said at the field it names, with its words.

use leptos::prelude::*;
use storefront_api_types::{InsightScope, StoreId};

use super::logic::{last_days, missing_date, quick_of, DateField, PeriodFault, QUICK_DAYS};
use super::report::Dash;
use crate::dom::focus_by_id;
use crate::features::marketing::i18n::{at, AKey};
use crate::state::use_locale;

/// The quick choice's name.
fn quick_key(days: u32) -> AKey {
    match days {
        7 => AKey::Last7,
        90 => AKey::Last90,
        _ => AKey::Last30,
    }
}

/// The id of a date field.
fn field_id(field: DateField) -> &'static str {
    match field {
        DateField::From => "ins-from",
        DateField::To => "ins-to",
    }
}

/// The filters.
#[component]
pub fn Filters(
    /// The dashboard.
    dash: Dash,
    /// Today in China (`YYYY-MM-DD`).
    today: String,
    /// The store of a store's staff session (the filter is fixed to it).
    own_store: Option<StoreId>,
    /// The period the server refused, when it did (tracked).
    #[prop(into)]
    fault: Signal<Option<PeriodFault>>,
) -> impl IntoView {
    let locale = use_locale();
    let asked = dash.asked;
    let start = asked.get_untracked();
    let from = RwSignal::new(start.from);
    let to = RwSignal::new(start.to);
    let store = RwSignal::new(start.store_id.map(|s| s.0).unwrap_or_default());
    let missing = RwSignal::new(None::<DateField>);
    let fixed = own_store.clone();
    let ask = move |f: String, t: String| {
        let store_id = match &fixed {
            Some(own) => Some(own.clone()),
            None => Some(store.get_untracked())
                .filter(|s| !s.is_empty())
                .map(StoreId),
        };
        asked.set(InsightScope {
            from: f,
            to: t,
            store_id,
        });
    };
    let submit = {
        let ask = ask.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (f, t) = (from.get_untracked(), to.get_untracked());
            let gap = missing_date(&f, &t);
            missing.set(gap);
            match gap {
                Some(field) => focus_by_id(field_id(field)),
                None => ask(f, t),
            }
        }
    };
    // a refused period takes the keyboard to the field it names
    Effect::new(move |_| {
        if let Some(f) = fault.get() {
            focus_by_id(field_id(f.field));
        }
    });
    let error_of = move |field: DateField| {
        move || {
            if missing.get() == Some(field) {
                return Some((at(AKey::ChooseDate)().to_owned(), None));
            }
            fault
                .get()
                .filter(|f| f.field == field)
                .map(|f| (at(AKey::CheckDate)().to_owned(), Some(f.message)))
        }
    };
    let date_field = move |field: DateField, label: AKey, value: RwSignal<String>| {
        let id = field_id(field);
        let err_id = format!("{id}-err");
        let error = error_of(field);
        view! {
            <div class="field">
                <label for=id>{at(label)}</label>
                <input id=id type="date" required
                    aria-describedby=format!("ins-days-hint {err_id}")
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <span id=err_id class="field-error">
                    {move || error().map(|(text, server)| view! {
                        {text}
                        {server.map(|m| view! { " " <span class="ins-server" lang="en">"(" {m} ")"</span> })}
                    })}
                </span>
            </div>
        }
    };
    let quick = {
        let today = today.clone();
        move |days: u32| {
            let (f, t) = last_days(&today, days);
            from.set(f.clone());
            to.set(t.clone());
            missing.set(None);
            ask(f, t);
        }
    };
    let pressed = move |days: u32| {
        let today = today.clone();
        move || {
            let on = asked.with(|s| quick_of(&s.from, &s.to, &today) == Some(days));
            if on {
                "true"
            } else {
                "false"
            }
        }
    };
    let stores = move || match (&own_store, dash.names.stores.get()) {
        (Some(own), _) => view! {
            <div class="ins-own">
                <p class="ins-own-store">
                    <span class="ins-own-label">{at(AKey::StoreFilter)}</span>
                    <strong>{dash.names.store(own, locale.lang())}</strong>
                </p>
                <p class="muted">{at(AKey::OwnStoreOnly)}</p>
            </div>
        }
        .into_any(),
        (None, list) => {
            let list = list
                .and_then(Result::ok)
                .map(|l| l.data)
                .unwrap_or_default();
            view! {
                <div class="field">
                    <label for="ins-store">{at(AKey::StoreFilter)}</label>
                    <select id="ins-store" on:change=move |ev| store.set(event_target_value(&ev))>
                        <option value="" selected=move || store.get().is_empty()>{at(AKey::AllStores)}</option>
                        {list.into_iter().map(|s| {
                            let id = s.id.0.clone();
                            let selected = {
                                let id = id.clone();
                                move || store.get() == id
                            };
                            view! { <option value=id selected=selected>{move || s.name.get(locale.lang()).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <form class="ins-filters" on:submit=submit novalidate aria-labelledby="ins-period-title">
            <h2 id="ins-period-title" class="sr-only">{at(AKey::Period)}</h2>
            <div class="ins-quick" role="group" aria-label=at(AKey::QuickPeriods)>
                {QUICK_DAYS.into_iter().map(|d| {
                    let quick = quick.clone();
                    view! {
                        <button type="button" class="btn btn-secondary btn-small" aria-pressed=pressed(d)
                            on:click=move |_| quick(d)>{at(quick_key(d))}</button>
                    }
                }).collect_view()}
            </div>
            <div class="ins-fields">
                {date_field(DateField::From, AKey::From, from)}
                {date_field(DateField::To, AKey::To, to)}
                {stores}
                <button type="submit" class="btn btn-primary">{at(AKey::Show)}</button>
            </div>
            <p id="ins-days-hint" class="field-hint">{at(AKey::DaysHint)}</p>
        </form>
    }
}
