//! `/marketing/new` and `/marketing/campaigns/{slug}`: write a campaign, save it (every
//! fault shown at its field), then preview it, copy its embed code and print its posters.

use leptos::prelude::*;
use storefront_api_types::{
    FieldError, MarketingCampaign, OfferList, ProblemCode, StoreList, StoreQuery,
};

use super::fields::{
    control_id, OfferField, OriginsField, PairField, RewardField, ScheduleField, StoresField,
    TextField, ThemeField,
};
use super::form::Form;
use super::i18n::{at, state_key, AKey};
use super::picker::ProductPicker;
use super::session::Gate;
use super::share::Share;
use crate::api::ApiError;
use crate::components::error_panel::error_keys;
use crate::components::text::tr;
use crate::components::ErrorPanel;
use crate::dom::focus_by_id;
use crate::i18n::{set_title, Key};
use crate::router::{use_navigate, NavigateOptions};
use crate::routes::AppRoute;
use crate::state::{load, route_memo, use_api, use_locale};

/// The editor page (behind the sign-in).
#[component]
pub fn EditorPage() -> impl IntoView {
    let locale = use_locale();
    Effect::new(move |_| set_title(at(AKey::EditTitle)(), locale.lang()));
    view! {
        <Gate>
            <Editor />
        </Gate>
    }
}

/// What the editor needs before it can show the form.
#[derive(Clone)]
struct Loaded {
    campaign: Option<MarketingCampaign>,
    products: Vec<storefront_api_types::ProductSummary>,
    offers: OfferList,
    stores: StoreList,
}

/// Loads the campaign (when editing), its products, the offers and the stores.
#[component]
fn Editor() -> impl IntoView {
    let api = use_api();
    let slug = route_memo(|r| match r {
        AppRoute::MarketingEditor { slug } => Some(slug),
        _ => None,
    });
    let loaded = load(move || {
        let api = api.clone();
        let slug = slug.get();
        async move {
            let campaign = match &slug {
                Some(s) => Some(api.marketing_campaign(s).await?),
                None => None,
            };
            let ids: Vec<String> = campaign
                .as_ref()
                .map(|c| c.input.product_ids.iter().map(|p| p.0.clone()).collect())
                .unwrap_or_default();
            let products = if ids.is_empty() {
                Vec::new()
            } else {
                // in the campaign's order (the server answers in its own)
                let found = api.products_by_ids(&ids).await?.data;
                ids.iter()
                    .filter_map(|id| found.iter().find(|p| p.id.0 == *id).cloned())
                    .collect()
            };
            let offers = api.offers().await?;
            let stores = api.stores(&StoreQuery::default()).await?;
            Ok(Loaded {
                campaign,
                products,
                offers,
                stores,
            })
        }
    });
    // what the last save said: kept across the reload that follows a new or renamed slug
    // (the slug it saved), dropped when another campaign is opened in this editor
    let status = RwSignal::new(None::<AKey>);
    let saved_slug = StoredValue::new(None::<String>);
    move || {
        match loaded.get() {
        None => view! { <p class="muted" role="status">{tr(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <h1 class="page-title">{at(AKey::EditTitle)}</h1>
            <p class="empty">{at(AKey::CampaignNotFound)}</p>
            <a class="btn btn-secondary" href=AppRoute::Marketing.to_href()>{at(AKey::BackToCampaigns)}</a>
        }
        .into_any(),
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| loaded.refetch() /> }.into_any()
        }
        Some(Ok(l)) => {
            view! { <EditorForm loaded=l status=status saved_slug=saved_slug /> }.into_any()
        }
    }
    }
}

/// The form, filled from the saved campaign.
#[component]
fn EditorForm(
    /// What was loaded.
    loaded: Loaded,
    /// What the last save said.
    status: RwSignal<Option<AKey>>,
    /// The campaign the last successful save wrote.
    saved_slug: StoredValue<Option<String>>,
) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let navigate = use_navigate();
    let form = Form::new();
    let saved = RwSignal::new(loaded.campaign.clone());
    if let Some(c) = &loaded.campaign {
        form.fill(&c.input, loaded.products.clone());
    }
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // another campaign (or a new one) opened in this editor: nothing said about it yet
    let this = loaded.campaign.as_ref().map(|c| c.input.slug.clone());
    if this.is_none() || saved_slug.get_value() != this {
        status.set(None);
    }
    // rebuilt after a save that gave the campaign its URL: the news stays in focus
    if status.get_untracked() == Some(AKey::Saved) {
        Effect::new(move |_| focus_by_id("mk-save-status"));
    }
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        status.set(None);
        failure.set(None);
        let input = match form.read() {
            Ok(input) => input,
            Err(faults) => {
                errors.set(faults);
                status.set(Some(AKey::FixErrors));
                focus_by_id("mk-save-status");
                return;
            }
        };
        busy.set(true);
        let api = api.clone();
        let navigate = navigate.clone();
        let was = saved.get_untracked().map(|c| c.input.slug);
        leptos::task::spawn_local(async move {
            let answer = match &was {
                Some(slug) => api.update_campaign(slug, &input).await,
                None => api.create_campaign(&input).await,
            };
            busy.try_set(false);
            match answer {
                Ok(c) => {
                    errors.try_set(Vec::new());
                    status.try_set(Some(AKey::Saved));
                    let slug = c.input.slug.clone();
                    saved_slug.try_set_value(Some(slug.clone()));
                    saved.try_set(Some(c));
                    if was.as_deref() != Some(slug.as_str()) {
                        // the URL follows the (new or renamed) campaign; the page stays
                        navigate(
                            &AppRoute::MarketingEditor { slug: Some(slug) }.to_href(),
                            NavigateOptions {
                                replace: true,
                                scroll: false,
                            },
                        );
                    }
                    focus_by_id("mk-save-status");
                }
                Err(e) => {
                    let fields: Vec<FieldError> = match &e {
                        ApiError::Http {
                            problem: Some(p), ..
                        } => p.errors.clone(),
                        _ => Vec::new(),
                    };
                    let by_field = !fields.is_empty()
                        && matches!(
                            e.problem_code(),
                            Some(ProblemCode::InvalidBody | ProblemCode::SlugTaken)
                        );
                    if by_field {
                        errors.try_set(fields);
                        status.try_set(Some(AKey::FixErrors));
                    } else {
                        failure.try_set(Some(e));
                    }
                    focus_by_id("mk-save-status");
                }
            }
        });
    };
    let failure_text = move || {
        failure.get().map(|e| {
            let (title, text) = error_keys(&e);
            let lang = locale.lang();
            format!("{} {} ({})", title.get(lang), text.get(lang), e.code())
        })
    };
    let first_error = move || errors.with(|e| e.first().map(|f| control_id(&f.pointer)));
    let heading = move || match saved.get() {
        Some(c) => c.input.title.get(locale.lang()).to_owned(),
        None => at(AKey::NewCampaign)().to_owned(),
    };
    view! {
        <a class="mk-back" href=AppRoute::Marketing.to_href()>"← " {at(AKey::BackToCampaigns)}</a>
        <h1 class="page-title">{heading}
            {move || saved.get().map(|c| view! { " " <span class="mk-state">{at(state_key(c.state))}</span> })}
        </h1>
        <form class="mk-editor" on:submit=save novalidate>
            <TextField label=AKey::Slug pointer="/slug" value=form.slug errors=errors hint=AKey::SlugHint />
            <PairField label=AKey::Title pointer=["/title/zh-CN", "/title/en"] value=form.title errors=errors />
            <PairField label=AKey::Copy pointer=["/copy/zh-CN", "/copy/en"] value=form.copy errors=errors multiline=true hint=AKey::CopyHint />
            <fieldset class="mk-fieldset">
                <legend>{at(AKey::Hero)}</legend>
                <ThemeField form=form errors=errors />
                <PairField label=AKey::HeroAlt pointer=["/hero_alt/zh-CN", "/hero_alt/en"] value=form.hero_alt errors=errors />
            </fieldset>
            <ProductPicker picked=form.products errors=errors />
            <OfferField form=form offers=loaded.offers errors=errors />
            <RewardField form=form errors=errors />
            <ScheduleField form=form errors=errors />
            <StoresField form=form stores=loaded.stores.clone() errors=errors />
            <OriginsField form=form errors=errors />
            <label class="check">
                <input id="mk-f-published" type="checkbox" prop:checked=move || form.published.get()
                    on:change=move |ev| form.published.set(event_target_checked(&ev)) />
                <span>{at(AKey::Publish)}</span>
            </label>
            <div class="mk-save">
                <button type="submit" class="btn btn-primary" aria-busy=move || busy.get().then_some("true")>
                    {move || if busy.get() { at(AKey::Saving)() } else { at(AKey::Save)() }}
                </button>
                <p id="mk-save-status" tabindex="-1" role="status" class="mk-status"
                    class:form-error=move || status.get() == Some(AKey::FixErrors)>
                    {move || status.get().map(|k| k.get(locale.lang()))}
                    {move || first_error().map(|id| view! {
                        " "
                        <button type="button" class="link-button" on:click=move |_| {
                            focus_by_id(&id);
                            if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) {
                                el.scroll_into_view();
                            }
                        }>{at(AKey::FirstProblem)}</button>
                    })}
                </p>
                <p class="form-error" role="alert">{failure_text}</p>
            </div>
        </form>
        {move || saved.get().map(|c| view! { <Share campaign=c stores=loaded.stores.clone() /> })}
    }
}
