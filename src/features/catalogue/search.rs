use crate::components::text::tr;
use leptos::prelude::*;

use crate::features::catalogue::listing::logic::ListingScope;
use crate::features::catalogue::listing::Listing;
use crate::i18n::{results_for, set_title, Key};
use crate::routes::{AppRoute, ListingFilters};
use crate::state::{route_memo, use_locale, use_my_store};

/// Search results (`/search?q=` with facets and sort); with no words, every product.
#[component]
pub fn SearchPage() -> impl IntoView {
    let locale = use_locale();
    let my = use_my_store();
    let listing = route_memo(move |r| match r {
        AppRoute::Search { q, filters } => Some((
            ListingScope::Search(q.trim().to_owned()),
            ListingFilters {
                store: my.id(),
                ..filters
            },
        )),
        _ => None,
    });
    let title = move || match listing.with(|l| l.0.words().map(str::to_owned)) {
        Some(q) => results_for(locale.lang(), &q),
        None => locale.t(Key::AllProducts).to_owned(),
    };
    Effect::new(move |_| set_title(&title(), locale.lang()));
    view! {
        <div class="page page-listing">
            <div class="page-head">
                <h1 class="page-title">{title}</h1>
            </div>
            {move || listing.with(|l| l.0.words().is_none()).then(|| view! { <p class="muted">{tr(Key::SearchPrompt)}</p> })}
            <Listing listing=listing />
        </div>
    }
}
