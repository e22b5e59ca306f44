use leptos::prelude::*;

use crate::components::icons::{IconClose, IconGrid, IconHome, IconSearch, IconStore, IconUser};
use crate::components::text::{loc, tr};
use crate::i18n::Key;
use crate::router::aria_current;
use crate::routes::AppRoute;
use crate::state::{use_app_route, use_catalog};

/// The phone tab bar (hidden from 768 px): Home, Categories (a sheet), Search, Stores.
#[component]
pub fn BottomNav() -> impl IntoView {
    let catalog = use_catalog();
    let route = use_app_route();
    let open = RwSignal::new(false);
    // any navigation closes the sheet
    Effect::new(move |_| {
        route.track();
        open.set(false);
    });
    let categories = move || {
        catalog.0.get().and_then(Result::ok).map(|tree| {
            tree.data
                .into_iter()
                .map(|c| {
                    let name = c.name;
                    let children = c.children;
                    view! {
                        <li>
                            <a href=AppRoute::category(c.slug).to_href() class="sheet-parent">
                                {loc(name)}
                            </a>
                            <ul class="sheet-children">
                                {children
                                    .into_iter()
                                    .map(|child| {
                                        let name = child.name;
                                        view! {
                                            <li>
                                                <a href=AppRoute::category(child.slug).to_href()>
                                                    {loc(name)}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let is_categories = move || {
        matches!(
            route.get(),
            AppRoute::Category { .. } | AppRoute::Product { .. }
        )
    };
    view! {
        // Escape closes the sheet, from inside it or from its toggle
        <div
            class="tabbar"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    open.set(false);
                }
            }
        >
        <div
            id="category-sheet"
            class="sheet"
            role="region"
            aria-label=tr(Key::CategoriesNav)
            hidden=move || !open.get()
        >
            <div class="sheet-head">
                <p class="sheet-title">{tr(Key::CategoriesNav)}</p>
                <button type="button" class="icon-button" on:click=move |_| open.set(false)>
                    <IconClose />
                    <span class="sr-only">{tr(Key::CloseCategories)}</span>
                </button>
            </div>
            <ul class="sheet-list">{categories}</ul>
        </div>
        <nav class="bottom-nav" aria-label=tr(Key::MainNav)>
            <ul>
                <li>
                    <a href="/" aria-current=aria_current("/", true)>
                        <IconHome />
                        <span>{tr(Key::NavHome)}</span>
                    </a>
                </li>
                <li>
                    <button
                        type="button"
                        class:is-active=is_categories
                        aria-expanded=move || open.get().to_string()
                        aria-controls="category-sheet"
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        <IconGrid />
                        <span>{tr(Key::NavCategories)}</span>
                    </button>
                </li>
                <li>
                    <a href=AppRoute::search("").to_href() aria-current=aria_current(AppRoute::search("").to_href(), false)>
                        <IconSearch />
                        <span>{tr(Key::NavSearch)}</span>
                    </a>
                </li>
                <li>
                    <a href=AppRoute::Stores.to_href() aria-current=aria_current(AppRoute::Stores.to_href(), false)>
                        <IconStore />
                        <span>{tr(Key::NavStores)}</span>
                    </a>
                </li>
                <li>
                    <a href=AppRoute::Member.to_href() aria-current=aria_current(AppRoute::Member.to_href(), false)>
                        <IconUser />
                        <span>{tr(Key::NavMe)}</span>
                    </a>
                </li>
            </ul>
        </nav>
        </div>
    }
}
