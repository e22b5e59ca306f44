//! A page's first screen as HTML, for a server to put into the document it serves
//! (natively only: never part of the wasm).
//!
//! On a phone's link the app paints nothing of a page until its main wasm module has
//! downloaded and started. A server that renders the page's first screen into the document
//! shows the shopper the product, the listing or the home page at once; the app then takes
//! over without a visible change. This is that rendering, with the app's own pages and
//! components (the ones [`crate::app`] mounts), so there is one source of truth for how a
//! screen looks. The server supplies the API answers the screen asks for, exactly as it
//! would send them ([`crate::api::native`]); nothing else of a browser exists here: no
//! device storage (nothing in the wishlist, no store chosen), no effects, no timers.
//!
//! The reference server uses it (`crates/server/src/documents.rs`); the app served as static
//! files in front of another backend simply starts from its loading shell.

use leptos::prelude::*;
use leptos::reactive::diagnostics::SpecialNonReactiveZone;
use storefront_api_types::Lang;

use crate::api::ApiClient;
use crate::features::catalogue::{CategoryPage, HomePage, ProductPage, SearchPage};
use crate::layout::{BottomNav, Header};
use crate::routes::AppRoute;
use crate::state::{new_catalog, Api, Locale, MyStore, Wishlist};

/// The first screen of `pathname` with `search` (`?…` or empty) in `lang`: the app's header,
/// its page (to go where the app mounts its pages, `<main class="main">`) and its tab bar, as
/// HTML. `api_base` is the base the app calls (its `storefront-api-base`); `answers` are the
/// API answers the page asks for: full URL as the app requests it, status and body. `None`
/// for a route without a server-rendered first screen (its split module, a member's page, …).
pub fn render(
    pathname: &str,
    search: &str,
    lang: Lang,
    api_base: &str,
    answers: impl IntoIterator<Item = (String, u16, String)>,
) -> Option<Rendered> {
    let route = AppRoute::parse(pathname, search);
    if !matches!(
        route,
        AppRoute::Home
            | AppRoute::Product { .. }
            | AppRoute::Category { .. }
            | AppRoute::Search { .. }
    ) {
        return None;
    }
    // effects and tasks never run here (as on any server): the executor drops them
    let _ = any_spawner::Executor::init_custom_executor(NoTasks);
    crate::api::native::supply(answers);
    let _quiet = SpecialNonReactiveZone::enter();
    // a server's owner: no window listeners, no browser-only work
    let owner = Owner::new_root(Some(std::sync::Arc::new(
        hydration_context::SsrSharedContext::new(),
    )));
    let html = owner.with(|| {
        provide_context(Locale(RwSignal::new(lang)));
        let api = ApiClient::new(api_base.to_owned());
        provide_context(Api(api.clone()));
        provide_context(new_catalog(api));
        provide_context(Wishlist::in_memory(Vec::new()));
        provide_context(MyStore::load());
        crate::api::offline::provide();
        crate::router::provide_location_at(pathname, search);
        // (the pages of split modules in the box the app's `Deferred` holds them in)
        let page = match route {
            AppRoute::Home => view! { <HomePage /> }.to_html(),
            AppRoute::Category { .. } => in_module_box(view! { <CategoryPage /> }.to_html()),
            AppRoute::Search { .. } => in_module_box(view! { <SearchPage /> }.to_html()),
            _ => in_module_box(view! { <ProductPage /> }.to_html()),
        };
        Rendered {
            header: view! { <Header /> }.to_html(),
            page,
            tab_bar: view! { <BottomNav /> }.to_html(),
        }
    });
    owner.cleanup();
    crate::api::native::clear();
    // a page still waiting for an answer nobody supplied (a listing with filters the server
    // does not read ahead): the loading shell says as much, and the app starts at once
    if html.page.contains("class=\"skeleton") {
        return None;
    }
    Some(html)
}

/// `page` in the box a split module's page has in the app once its module has built it
/// ([`crate::components::deferred::Deferred`], ready): the copy's DOM is the app's.
fn in_module_box(page: String) -> String {
    format!("<div class=\"deferred\">{page}</div>")
}

/// A first screen's parts, in the app's order: `header`, then `page` in the main area, then
/// the phone's `tab_bar`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The site header (`<header class="site-header">`).
    pub header: String,
    /// The page, as the app mounts it in its `<main>`.
    pub page: String,
    /// The bottom tab bar (shown on phones).
    pub tab_bar: String,
}

/// The executor of a server's render: every task is dropped unrun.
struct NoTasks;

impl any_spawner::CustomExecutor for NoTasks {
    fn spawn(&self, _fut: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _fut: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}
