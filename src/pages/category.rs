use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use storefront_api_types::{Category, CategoryTree, ProductQuery, ProductSort, LIMIT_DEFAULT};

use crate::components::{Breadcrumbs, Crumb, ErrorPanel, Listing, SkeletonGrid, SortSelect};
use crate::i18n::{item_count, set_title, Key};
use crate::pages::not_found::NotFoundContent;
use crate::routes::AppRoute;
use crate::state::{route_memo, use_api, use_catalog, use_locale};

/// A category and its parent, found by slug in the tree.
pub fn find_category<'a>(
    tree: &'a CategoryTree,
    slug: &str,
) -> Option<(&'a Category, Option<&'a Category>)> {
    tree.data.iter().find_map(|top| {
        if top.slug == slug {
            Some((top, None))
        } else {
            top.children
                .iter()
                .find(|c| c.slug == slug)
                .map(|c| (c, Some(top)))
        }
    })
}

/// A category listing: title, sub-category chips, sort, grid and "Load more".
#[component]
pub fn CategoryPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let catalog = use_catalog();
    let navigate = use_navigate();
    let key = route_memo(|r| match r {
        AppRoute::Category { slug, sort } => Some((slug, sort.unwrap_or_default())),
        _ => None,
    });
    let slug = Memo::new(move |_| key.get().0);
    let sort = Signal::derive(move || key.get().1);
    let query = move || {
        let (slug, sort) = key.get();
        ProductQuery {
            category: Some(slug),
            sort: Some(sort),
            limit: Some(LIMIT_DEFAULT),
            cursor: None,
            q: None,
        }
    };
    let first = LocalResource::new(move || {
        let api = api.clone();
        let query = query();
        async move { api.products(&query).await }
    });

    // the category as the tree knows it: None while loading, Some(None) when unknown
    let category = Memo::new(move |_| {
        let tree = catalog.0.get()?.ok()?;
        let slug = slug.get();
        Some(find_category(&tree, &slug).map(|(c, parent)| (c.clone(), parent.cloned())))
    });
    let title = move || match category.get() {
        Some(Some((c, _))) => c.name.get(locale.lang()).to_owned(),
        Some(None) => locale.t(Key::CategoryNotFound).to_owned(),
        None => slug.get(),
    };
    Effect::new(move |_| set_title(&title(), locale.lang()));

    let crumbs = move || {
        let mut crumbs = vec![Crumb::home()];
        if let Some(Some((c, parent))) = category.get() {
            if let Some(p) = parent {
                crumbs.push(Crumb {
                    label: p.name,
                    href: Some(AppRoute::category(p.slug).to_href()),
                });
            }
            crumbs.push(Crumb {
                label: c.name,
                href: None,
            });
        }
        view! { <Breadcrumbs crumbs=crumbs /> }
    };

    let chips = move || {
        let (current, parent) = category.get().flatten()?;
        let top = parent.unwrap_or_else(|| current.clone());
        if top.children.is_empty() {
            return None;
        }
        let here = current.slug.clone();
        let all_name = top.name.clone();
        let mut items = vec![(top.slug.clone(), None, top.slug == here)];
        items.extend(
            top.children
                .iter()
                .map(|c| (c.slug.clone(), Some(c.name.clone()), c.slug == here)),
        );
        Some(view! {
            <nav class="chips-nav" aria-label=move || locale.t(Key::SubCategories)>
                <ul class="chips">
                    {items
                        .into_iter()
                        .map(|(slug, name, active)| {
                            let all_name = all_name.clone();
                            let label = move || match &name {
                                Some(n) => n.get(locale.lang()).to_owned(),
                                None => format!("{} · {}", locale.t(Key::AllInCategory), all_name.get(locale.lang())),
                            };
                            view! {
                                <li>
                                    <A href=AppRoute::category(slug).to_href() attr:class="chip" exact=true>
                                        <span class:chip-active=active>{label}</span>
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        })
    };

    let count = move || match first.get() {
        Some(Ok(page)) => item_count(locale.lang(), page.total),
        _ => String::new(),
    };

    let on_sort = Callback::new(move |s: ProductSort| {
        let href = AppRoute::Category {
            slug: slug.get_untracked(),
            sort: Some(s),
        }
        .to_href();
        navigate(
            &href,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });

    let (pending, set_pending) = signal(false);
    let results = move || {
        Suspend::new(async move {
            let page = first.await;
            match page {
                Ok(page) if page.data.is_empty() => {
                    view! { <p class="empty">{move || locale.t(Key::NoProducts)}</p> }.into_any()
                }
                Ok(page) => view! { <Listing first=page query=query() /> }.into_any(),
                Err(e) if e.is_not_found() => {
                    view! { <NotFoundContent title=Key::CategoryNotFound text=Key::NotFoundText /> }
                        .into_any()
                }
                Err(e) => view! {
                    <ErrorPanel
                        error=e
                        on_retry=move |()| {
                            first.refetch();
                            if matches!(catalog.0.get_untracked(), Some(Err(_))) {
                                catalog.0.refetch();
                            }
                        }
                    />
                }
                .into_any(),
            }
        })
    };

    view! {
        <div class="page">
            {crumbs}
            <div class="page-head">
                <h1 class="page-title">{title}</h1>
                <p class="page-count">{count}</p>
            </div>
            {chips}
            <div class="toolbar">
                <SortSelect value=sort on_change=on_sort />
            </div>
            <div class="results" class:is-pending=pending aria-busy=move || pending.get().to_string()>
                <Transition fallback=|| view! { <SkeletonGrid /> } set_pending=set_pending>{results}</Transition>
            </div>
        </div>
    }
}
