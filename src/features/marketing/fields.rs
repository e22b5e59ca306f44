//! The editor's fields, each with its label, hint and the errors the server (or the form)
//! found at its JSON pointer, tied to the control with `aria-describedby`.

use leptos::prelude::*;
use storefront_api_types::{FieldError, Lang, OfferList, StoreList, HERO_THEMES};

use super::form::Form;
use super::i18n::{at, lang_key, theme_key, AKey};
use super::logic::errors_at;
use crate::components::text::loc;
use crate::state::use_locale;

/// The errors of a form, by JSON pointer.
pub type Errors = RwSignal<Vec<FieldError>>;

/// The id of a pointer's control (`/title/en` -> `mk-f-title-en`).
pub fn control_id(pointer: &str) -> String {
    let mut id = String::from("mk-f");
    for c in pointer.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// `aria-invalid` of the control at `pointer`.
fn invalid(errors: Errors, pointer: &'static str) -> impl Fn() -> Option<&'static str> + Copy {
    move || {
        errors
            .with(|e| !errors_at(e, pointer).is_empty())
            .then_some("true")
    }
}

/// The error lines under a control.
#[component]
fn FieldErrors(
    /// The form's errors.
    errors: Errors,
    /// The control's pointer.
    pointer: &'static str,
) -> impl IntoView {
    let id = format!("{}-err", control_id(pointer));
    view! {
        <span id=id class="field-error">
            {move || errors.with(|e| errors_at(e, pointer).join(" "))}
        </span>
    }
}

/// A one-line text field.
#[component]
pub fn TextField(
    /// The label.
    label: AKey,
    /// Its JSON pointer.
    pointer: &'static str,
    /// The value.
    value: RwSignal<String>,
    /// The form's errors.
    errors: Errors,
    /// A hint under the control.
    #[prop(optional)]
    hint: Option<AKey>,
    /// The language of the text (for `lang` and the label's suffix).
    #[prop(optional)]
    lang: Option<Lang>,
    /// A multi-line text.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let id = control_id(pointer);
    let described = format!("{id}-hint {id}-err");
    let hint_id = format!("{id}-hint");
    let lang_attr = lang.map(|l| match l {
        Lang::ZhCn => "zh-CN",
        Lang::En => "en",
    });
    let control = if multiline {
        view! {
            <textarea id=id.clone() rows="6" lang=lang_attr aria-describedby=described
                aria-invalid=invalid(errors, pointer) prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" lang=lang_attr aria-describedby=described
                aria-invalid=invalid(errors, pointer) prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>
                {at(label)}
                {lang.map(|l| view! { <span class="muted">" (" {at(lang_key(l))} ")"</span> })}
            </label>
            {control}
            <span id=hint_id class="field-hint">{hint.map(at)}</span>
            <FieldErrors errors=errors pointer=pointer />
        </div>
    }
}

/// The same text in Chinese and English, side by side (stacked on a phone).
#[component]
pub fn PairField(
    /// The label.
    label: AKey,
    /// `/title` and so on (the languages are `/zh-CN` and `/en` inside it).
    pointer: [&'static str; 2],
    /// The two values.
    value: [RwSignal<String>; 2],
    /// The form's errors.
    errors: Errors,
    /// A hint under each control.
    #[prop(optional)]
    hint: Option<AKey>,
    /// Multi-line texts.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    view! {
        <div class="mk-pair">
            <TextField label=label pointer=pointer[0] value=value[0] errors=errors lang=Lang::ZhCn multiline=multiline hint=hint.unwrap_or(AKey::Chinese) />
            <TextField label=label pointer=pointer[1] value=value[1] errors=errors lang=Lang::En multiline=multiline hint=hint.unwrap_or(AKey::English) />
        </div>
    }
}

/// The hero design.
#[component]
pub fn ThemeField(
    /// The form.
    form: Form,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let pointer = "/hero_theme";
    let id = control_id(pointer);
    view! {
        <div class="field">
            <label for=id.clone()>{at(AKey::HeroTheme)}</label>
            <select id=id.clone() aria-describedby=format!("{id}-err") aria-invalid=invalid(errors, pointer)
                on:change=move |ev| form.theme.set(event_target_value(&ev))>
                {HERO_THEMES.into_iter().map(|t| view! {
                    <option value=t selected=move || form.theme.get() == t>{at(theme_key(t))}</option>
                }).collect_view()}
            </select>
            <FieldErrors errors=errors pointer=pointer />
        </div>
    }
}

/// The coupon the campaign gives.
#[component]
pub fn OfferField(
    /// The form.
    form: Form,
    /// The offers to pick from.
    offers: OfferList,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let pointer = "/offer_code";
    let id = control_id(pointer);
    // a saved campaign's offer that is no longer listed stays choosable
    let mut codes: Vec<(String, Option<storefront_api_types::LocalizedText>)> = offers
        .data
        .into_iter()
        .map(|o| (o.code, Some(o.title)))
        .collect();
    let current = form.offer.get_untracked();
    if !current.is_empty() && !codes.iter().any(|(c, _)| *c == current) {
        codes.push((current, None));
    }
    view! {
        <div class="field">
            <label for=id.clone()>{at(AKey::Coupon)}</label>
            <select id=id.clone() aria-describedby=format!("{id}-err") aria-invalid=invalid(errors, pointer)
                on:change=move |ev| form.offer.set(event_target_value(&ev))>
                <option value="" selected=move || form.offer.get().is_empty()>{at(AKey::NoCoupon)}</option>
                {codes.into_iter().map(|(code, title)| {
                    let c = code.clone();
                    let label = code.clone();
                    view! {
                        <option value=code selected=move || form.offer.get() == c>
                            {label} {title.map(|t| view! { " · " {loc(t)} })}
                        </option>
                    }
                }).collect_view()}
            </select>
            <FieldErrors errors=errors pointer=pointer />
        </div>
    }
}

/// Start and end, on the marketer's clock.
#[component]
pub fn ScheduleField(
    /// The form.
    form: Form,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let one = move |label: AKey, pointer: &'static str, value: RwSignal<String>| {
        let id = control_id(pointer);
        view! {
            <div class="field">
                <label for=id.clone()>{at(label)}</label>
                <input id=id.clone() type="datetime-local" aria-describedby=format!("mk-schedule-hint {id}-err")
                    aria-invalid=invalid(errors, pointer) prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <FieldErrors errors=errors pointer=pointer />
            </div>
        }
    };
    view! {
        <fieldset class="mk-fieldset">
            <legend>{at(AKey::Schedule)}</legend>
            <div class="mk-pair">
                {one(AKey::Starts, "/starts_at", form.starts)}
                {one(AKey::Ends, "/ends_at", form.ends)}
            </div>
            <p id="mk-schedule-hint" class="field-hint">{at(AKey::ScheduleHint)}</p>
        </fieldset>
    }
}

/// The stores it applies to.
#[component]
pub fn StoresField(
    /// The form.
    form: Form,
    /// Every store.
    stores: StoreList,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <fieldset class="mk-fieldset" aria-describedby="mk-stores-hint mk-f-store-ids-err">
            <legend>{at(AKey::Stores)}</legend>
            <p id="mk-stores-hint" class="field-hint">{at(AKey::AllStoresHint)}</p>
            <div class="mk-checks">
                {stores.data.into_iter().map(|s| {
                    let id = s.id.0.clone();
                    let checked = {
                        let id = id.clone();
                        move || form.stores.with(|v| v.contains(&id))
                    };
                    let toggle = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        form.stores.update(|v| {
                            v.retain(|x| *x != id);
                            if on {
                                v.push(id.clone());
                            }
                        });
                    };
                    let name = s.name.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=checked on:change=toggle />
                            <span>{move || name.get(locale.lang()).to_owned()}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldErrors errors=errors pointer="/store_ids" />
        </fieldset>
    }
}

/// The in-store reward.
#[component]
pub fn RewardField(
    /// The form.
    form: Form,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let pointer = "/reward/min_spend";
    let id = control_id(pointer);
    view! {
        <fieldset class="mk-fieldset" aria-describedby="mk-reward-hint">
            <legend>{at(AKey::Reward)}</legend>
            <p id="mk-reward-hint" class="field-hint">{at(AKey::RewardHint)}</p>
            <label class="check">
                <input id="mk-f-reward" type="checkbox" prop:checked=move || form.reward_on.get()
                    aria-invalid=invalid(errors, "/reward")
                    on:change=move |ev| form.reward_on.set(event_target_checked(&ev)) />
                <span>{at(AKey::RewardOn)}</span>
            </label>
            <FieldErrors errors=errors pointer="/reward" />
            <Show when=move || form.reward_on.get()>
                <div class="field">
                    <label for=id.clone()>{at(AKey::MinSpend)}</label>
                    <input id=id.clone() type="text" inputmode="decimal" aria-describedby="mk-f-reward-err"
                        aria-invalid=invalid(errors, pointer) prop:value=move || form.min_spend.get()
                        on:input=move |ev| form.min_spend.set(event_target_value(&ev)) />
                </div>
            </Show>
        </fieldset>
    }
}

/// The origins allowed to embed the campaign, one per line, each checked as it is typed
/// (the server checks again on save).
#[component]
pub fn OriginsField(
    /// The form.
    form: Form,
    /// The form's errors.
    errors: Errors,
) -> impl IntoView {
    let pointer = "/allowed_origins";
    let id = control_id(pointer);
    let locale = use_locale();
    // what is wrong with each line now, then what the server said of each entry
    let problems = move || {
        let lang = locale.lang();
        let line = |n: usize| match lang {
            Lang::ZhCn => format!("第 {n} 行："),
            Lang::En => format!("Line {n}: "),
        };
        let mut out: Vec<String> = super::logic::origin_lines(&form.origins.get())
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                storefront_api_types::parse_allowed_origin(o)
                    .err()
                    .map(|f| format!("{}{}", line(i + 1), f.message()))
            })
            .collect();
        errors.with(|e| {
            for err in e.iter().filter(|e| e.pointer.starts_with(pointer)) {
                let index = err
                    .pointer
                    .strip_prefix("/allowed_origins/")
                    .and_then(|n| n.parse::<usize>().ok());
                out.push(match index {
                    Some(i) => format!("{}{}", line(i + 1), err.message),
                    None => err.message.clone(),
                });
            }
        });
        out.dedup();
        out
    };
    view! {
        <div class="field">
            <label for=id.clone()>{at(AKey::Origins)}</label>
            <textarea id=id.clone() rows="4" spellcheck="false" autocapitalize="off"
                aria-describedby=format!("{id}-hint {id}-err")
                aria-invalid=move || (!problems().is_empty()).then_some("true")
                prop:value=move || form.origins.get()
                on:input=move |ev| form.origins.set(event_target_value(&ev))></textarea>
            <span id=format!("{id}-hint") class="field-hint">{at(AKey::OriginsHint)}</span>
            <span id=format!("{id}-err") class="field-error">
                {move || problems().into_iter().map(|p| view! { <span class="mk-line">{p}</span> }).collect_view()}
            </span>
        </div>
    }
}
