//! App-wide context, always as newtypes (never bare signals).

use leptos::prelude::*;
use storefront_api_types::{CategoryTree, Lang};

use crate::api::ApiClient;
use crate::i18n::Key;
use crate::routes::AppRoute;

pub mod attribution;
pub mod consent;
pub mod events;
mod load;
mod my_store;
mod wishlist;
pub use consent::{use_consent, Choices, Consent};
pub use load::{load, load_polled, Load};
pub use my_store::{use_my_store, MyStore, StoreChoice};
pub use wishlist::{use_wishlist, Wishlist};

/// The shopper's language.
#[derive(Debug, Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

impl Locale {
    /// The current language (tracked).
    pub fn lang(&self) -> Lang {
        self.0.get()
    }

    /// A fixed string in the current language (tracked).
    pub fn t(&self, key: Key) -> &'static str {
        key.get(self.0.get())
    }

    /// Switches to the other language.
    pub fn toggle(&self) {
        self.0.update(|l| {
            *l = match l {
                Lang::ZhCn => Lang::En,
                Lang::En => Lang::ZhCn,
            }
        });
    }
}

/// The API client.
#[derive(Debug, Clone)]
pub struct Api(pub ApiClient);

/// The category tree, fetched once and shared by the header, home and category pages.
#[derive(Clone, Copy)]
pub struct Catalog(pub Load<CategoryTree>);

/// The language context, or zh-CN when none was provided (components mounted alone).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(|| {
        let locale = Locale(RwSignal::new(Lang::ZhCn));
        provide_context(locale);
        locale
    })
}

/// The API context, or a client of the page's configured base.
pub fn use_api() -> ApiClient {
    use_context::<Api>()
        .map(|a| a.0)
        .unwrap_or_else(ApiClient::from_document)
}

/// The shared category tree (created on first use when the app did not provide it).
pub fn use_catalog() -> Catalog {
    use_context::<Catalog>().unwrap_or_else(|| {
        let catalog = new_catalog(use_api());
        provide_context(catalog);
        catalog
    })
}

/// A category tree resource using `api`.
pub fn new_catalog(api: ApiClient) -> Catalog {
    Catalog(load(move || {
        let api = api.clone();
        async move { api.categories().await }
    }))
}

/// The current route, parsed from the router's location.
pub fn use_app_route() -> Memo<AppRoute> {
    let location = crate::router::use_location();
    Memo::new(move |_| AppRoute::parse(&location.pathname(), &location.search()))
}

/// A value read from the current route that keeps its last value while the route is of
/// another kind (a page being left must not refetch for the next page's URL).
pub fn route_memo<T>(read: impl Fn(AppRoute) -> Option<T> + Send + Sync + 'static) -> Memo<T>
where
    T: Clone + PartialEq + Default + Send + Sync + 'static,
{
    let route = use_app_route();
    Memo::new(move |prev: Option<&T>| {
        read(route.get()).unwrap_or_else(|| prev.cloned().unwrap_or_default())
    })
}
