use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use storefront_api_types::Lang;

use crate::components::icons::{IconSearch, LogoMark};
use crate::i18n::{Key, BRAND_EN, BRAND_ZH};
use crate::routes::AppRoute;
use crate::state::{use_app_route, use_catalog, use_locale, Locale};

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::ZhCn => Lang::En,
        Lang::En => Lang::ZhCn,
    }
}

/// The button that switches between 中文 and English. It speaks the language it
/// switches to (`lang` attribute, text and label).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale: Locale = use_locale();
    view! {
        <button
            type="button"
            class="lang-switch"
            data-lang-switch=""
            lang=move || other(locale.lang()).tag()
            aria-label=move || {
                let target = other(locale.lang());
                format!("{} – {}", Key::LanguageButton.get(target), Key::SwitchLanguage.get(target))
            }
            on:click=move |_| locale.toggle()
        >
            {move || Key::LanguageButton.get(other(locale.lang()))}
        </button>
    }
}

/// The brand link: mark, Chinese name and Latin wordmark (the same in both languages,
/// and the same as the static shell in index.html). Its text is its accessible name.
#[component]
pub fn Brand() -> impl IntoView {
    view! {
        <A href="/" attr:class="brand">
            <LogoMark />
            <span class="brand-text">
                <span class="brand-name" lang="zh-CN">{BRAND_ZH}</span>
                <span class="brand-latin" lang="en">{BRAND_EN}</span>
            </span>
        </A>
    }
}

/// The site search: a labelled input that goes to `/search?q=`.
#[component]
pub fn SearchForm(
    /// Id of the input (unique per page).
    id: &'static str,
    /// Extra class of the form.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let route = use_app_route();
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();
    let current_q = move || match route.get() {
        AppRoute::Search { q, .. } => q,
        _ => String::new(),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get().map(|i| i.value()).unwrap_or_default();
        let sort = match route.get_untracked() {
            AppRoute::Search { sort, .. } => sort,
            _ => None,
        };
        navigate(
            &AppRoute::Search {
                q: q.trim().to_owned(),
                sort,
            }
            .to_href(),
            Default::default(),
        );
    };
    view! {
        <form role="search" class=format!("search-form {class}") on:submit=on_submit>
            <label for=id class="sr-only">{move || locale.t(Key::SearchLabel)}</label>
            <input
                id=id
                node_ref=input
                type="search"
                name="q"
                class="search-input"
                autocomplete="off"
                enterkeyhint="search"
                placeholder=move || locale.t(Key::SearchPlaceholder)
                prop:value=current_q
            />
            <button type="submit" class="search-button">
                <IconSearch />
                <span class="sr-only">{move || locale.t(Key::SearchButton)}</span>
            </button>
        </form>
    }
}

/// The site header: brand, search, language switch and (from 768 px) the category nav.
#[component]
pub fn Header() -> impl IntoView {
    let locale = use_locale();
    let catalog = use_catalog();
    let nav = move || {
        catalog.0.get().and_then(Result::ok).map(|tree| {
            view! {
                <nav class="category-nav" aria-label=move || locale.t(Key::CategoriesNav)>
                    <ul>
                        {tree
                            .data
                            .into_iter()
                            .map(|c| {
                                let name = c.name;
                                view! {
                                    <li>
                                        <A href=AppRoute::category(c.slug).to_href()>
                                            {move || name.get(locale.lang()).to_owned()}
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()}
                        <li>
                            <A href=AppRoute::Stores.to_href()>{move || locale.t(Key::NavStores)}</A>
                        </li>
                    </ul>
                </nav>
            }
        })
    };
    view! {
        <header class="site-header">
            <div class="header-bar">
                <Brand />
                <SearchForm id="site-search" class="header-search" />
                <LanguageSwitch />
            </div>
            {nav}
        </header>
    }
}
