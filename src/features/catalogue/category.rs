use leptos::prelude::*;
use storefront_api_types::{Category, CategoryTree};

use crate::components::not_found::NotFoundContent;
use crate::components::{Breadcrumbs, Crumb};
use crate::features::catalogue::listing::logic::ListingScope;
use crate::features::catalogue::listing::Listing;
use crate::i18n::{set_title, Key};
use crate::routes::{AppRoute, ListingFilters};
use crate::state::{route_memo, use_catalog, use_locale, use_my_store};

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

/// A category listing: breadcrumbs, title, and the listing with the category's
/// sub-categories as a facet.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let locale = use_locale();
    let catalog = use_catalog();
    let my = use_my_store();
    let listing = route_memo(move |r| match r {
        AppRoute::Category { slug, filters } => Some((
            ListingScope::Category(slug),
            ListingFilters {
                store: my.id(),
                ..filters
            },
        )),
        _ => None,
    });
    let slug = Memo::new(move |_| match listing.with(|l| l.0.clone()) {
        ListingScope::Category(slug) => slug,
        ListingScope::Search(_) => String::new(),
    });

    // the category as the tree knows it: None while loading, Some(None) when unknown
    let category = Memo::new(move |_| {
        let tree = catalog.0.get()?.ok()?;
        let slug = slug.get();
        Some(find_category(&tree, &slug).map(|(c, parent)| (c.clone(), parent.cloned())))
    });
    let unknown = Memo::new(move |_| matches!(category.get(), Some(None)));
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

    // `unknown` is a memo: the page is rebuilt only when it turns
    move || {
        if unknown.get() {
            view! { <NotFoundContent title=Key::CategoryNotFound text=Key::NotFoundText /> }
                .into_any()
        } else {
            view! {
                <div class="page page-listing">
                    {crumbs}
                    <div class="page-head">
                        <h1 class="page-title">{title}</h1>
                    </div>
                    <Listing listing=listing />
                </div>
            }
            .into_any()
        }
    }
}
