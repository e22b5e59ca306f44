use crate::components::text::{loc, tr};
use leptos::prelude::*;
use storefront_api_types::Lang;

use crate::components::icons::{IconPin, LogoMark};
use crate::components::wishlist_button::WishlistLink;
use crate::features::catalogue::search_box::SearchBox;
use crate::i18n::{Key, BRAND_EN, BRAND_ZH};
use crate::routes::AppRoute;
use crate::state::{use_catalog, use_locale, use_my_store, Locale};

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
        <a href="/" class="brand">
            <LogoMark />
            <span class="brand-text">
                <span class="brand-name" lang="zh-CN">{BRAND_ZH}</span>
                <span class="brand-latin" lang="en">{BRAND_EN}</span>
            </span>
        </a>
    }
}

/// The site header: brand, search, language switch and (from 768 px) the category nav.
#[component]
pub fn Header() -> impl IntoView {
    let catalog = use_catalog();
    let nav = move || {
        catalog.0.get().and_then(Result::ok).map(|tree| {
            view! {
                <nav class="category-nav" aria-label=tr(Key::CategoriesNav)>
                    <ul>
                        {tree
                            .data
                            .into_iter()
                            .map(|c| {
                                let name = c.name;
                                view! {
                                    <li>
                                        <a href=AppRoute::category(c.slug).to_href()>
                                            {loc(name)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                        <li>
                            <a href=AppRoute::Stores.to_href()>{tr(Key::NavStores)}</a>
                        </li>
                        <li>
                            <a href=AppRoute::Member.to_href()>{tr(Key::NavMembership)}</a>
                        </li>
                    </ul>
                </nav>
            }
        })
    };
    let my = use_my_store();
    let store = move || match my.get() {
        Some(c) => view! {
            <span class="my-store-label">{tr(Key::MyStore)}</span>
            <span class="my-store-name">{loc(c.name)}</span>
        }
        .into_any(),
        None => view! { <span class="my-store-name">{tr(Key::ChooseStore)}</span> }.into_any(),
    };
    view! {
        <header class="site-header">
            <div class="header-bar">
                <Brand />
                <SearchBox id="site-search" class="header-search" />
                <WishlistLink />
                <LanguageSwitch />
            </div>
            <a class="my-store" href=AppRoute::Stores.to_href()>
                <IconPin />
                {store}
            </a>
            // the nav's row is held while the categories load (no jump when they arrive)
            <div class="category-nav-slot">{nav}</div>
        </header>
    }
}
