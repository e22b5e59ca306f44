use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use storefront_api_types::{ProductQuery, ProductSort, LIMIT_DEFAULT};

use crate::components::{ErrorPanel, Listing, SkeletonGrid, SortSelect};
use crate::i18n::{item_count, no_results, results_for, set_title, Key};
use crate::routes::AppRoute;
use crate::state::{route_memo, use_api, use_locale};

/// Search results (`products?q=`); with no words, every product.
#[component]
pub fn SearchPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let navigate = use_navigate();
    let key = route_memo(|r| match r {
        AppRoute::Search { q, sort } => Some((q.trim().to_owned(), sort.unwrap_or_default())),
        _ => None,
    });
    let q = Memo::new(move |_| key.get().0);
    let sort = Signal::derive(move || key.get().1);
    let query = move || {
        let (q, sort) = key.get();
        ProductQuery {
            q: (!q.is_empty()).then_some(q),
            sort: Some(sort),
            limit: Some(LIMIT_DEFAULT),
            ..Default::default()
        }
    };
    let first = LocalResource::new(move || {
        let api = api.clone();
        let query = query();
        async move { api.products(&query).await }
    });
    let title = move || {
        let q = q.get();
        if q.is_empty() {
            locale.t(Key::SearchTitle).to_owned()
        } else {
            results_for(locale.lang(), &q)
        }
    };
    Effect::new(move |_| set_title(&title(), locale.lang()));
    let count = move || match first.get() {
        Some(Ok(page)) => item_count(locale.lang(), page.total),
        _ => String::new(),
    };
    let on_sort = Callback::new(move |s: ProductSort| {
        let href = AppRoute::Search {
            q: q.get_untracked(),
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
            match first.await {
                Ok(page) if page.data.is_empty() => {
                    view! { <p class="empty">{move || no_results(locale.lang(), &q.get())}</p> }
                        .into_any()
                }
                Ok(page) => view! { <Listing first=page query=query() /> }.into_any(),
                Err(e) => {
                    view! { <ErrorPanel error=e on_retry=move |()| first.refetch() /> }.into_any()
                }
            }
        })
    };
    view! {
        <div class="page">
            <div class="page-head">
                <h1 class="page-title">{title}</h1>
                <p class="page-count">{count}</p>
            </div>
            <Show when=move || q.with(String::is_empty)>
                <p class="muted">{move || locale.t(Key::SearchPrompt)}</p>
            </Show>
            <div class="toolbar">
                <SortSelect value=sort on_change=on_sort />
            </div>
            <div class="results" class:is-pending=pending aria-busy=move || pending.get().to_string()>
                <Transition fallback=|| view! { <SkeletonGrid /> } set_pending=set_pending>{results}</Transition>
            </div>
        </div>
    }
}
