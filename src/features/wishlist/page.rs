use leptos::prelude::*;

use super::i18n::{wt, WKey};
use storefront_api_types::ProductSummary;

use crate::components::product_card::EAGER_CARDS;
use crate::components::text::tr;
use crate::components::wishlist_button::{named, IconHeart};
use crate::components::{ErrorPanel, ProductCard, SkeletonGrid, WishlistNotice};
use crate::i18n::{item_count, set_title, Key};
use crate::logic::lists::{order_by_ids, unknown_ids};
use crate::routes::AppRoute;
use crate::state::{load, use_api, use_locale, use_wishlist};

/// Id of the page heading (focus goes there after a removal).
const TITLE_ID: &str = "wishlist-title";

/// The wishlist: products the shopper saved on this device.
#[component]
pub fn WishlistPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let wishlist = use_wishlist();
    Effect::new(move |_| set_title(locale.t(Key::Wishlist), locale.lang()));

    // Fetch again only when an id appears that was not asked for yet (a removal, here or
    // in another tab, just hides the card).
    let wanted = Memo::new(move |prev: Option<&Vec<String>>| {
        let ids = wishlist.ids();
        match prev {
            Some(p) if ids.iter().all(|id| p.contains(id)) => p.clone(),
            _ => ids,
        }
    });
    let products = load(move || {
        let api = api.clone();
        let ids = wanted.get();
        async move {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let page = api.products_by_ids(&ids).await?;
            // ids of products that no longer exist leave the list
            let returned: Vec<&str> = page.data.iter().map(|p| p.id.as_str()).collect();
            if let Some(gone) = unknown_ids(&ids, &returned, page.next_cursor.is_none()) {
                wishlist.remove_all(&gone);
            }
            Ok(page.data)
        }
    });
    let removed = RwSignal::new(String::new());
    let count = Memo::new(move |_| wishlist.count());

    let body = move || {
        if count.get() == 0 {
            return view! { <EmptyWishlist /> }.into_any();
        }
        match products.get() {
            None => view! { <SkeletonGrid count=count.get_untracked().min(8) /> }.into_any(),
            Some(Err(e)) => {
                view! { <ErrorPanel error=e on_retry=move |()| products.refetch() /> }.into_any()
            }
            Some(Ok(list)) => {
                // few items: re-rendering the list on a removal is cheaper than keyed diffing code
                let ids = wishlist.ids();
                view! {
                    <ul class="product-grid wish-grid">
                        {order_by_ids(list, &ids, |p: &ProductSummary| p.id.as_str())
                            .into_iter()
                            .enumerate()
                            .map(|(i, p)| view! { <WishItem product=p eager=i < EAGER_CARDS removed=removed /> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }
        }
    };

    view! {
        <section class="page page-wishlist" aria-labelledby=TITLE_ID>
            <div class="page-head">
                <h1 id=TITLE_ID class="page-title" tabindex="-1">{tr(Key::Wishlist)}</h1>
                <p class="page-count">{move || item_count(locale.lang(), count.get() as u64)}</p>
            </div>
            <WishlistNotice />
            <p class="sr-only" role="status">{move || removed.get()}</p>
            {body}
        </section>
    }
}

/// One saved product: its card (without the heart) and a Remove button.
#[component]
fn WishItem(
    /// The product.
    product: ProductSummary,
    /// Load the image eagerly.
    eager: bool,
    /// The removal announcement.
    removed: RwSignal<String>,
) -> impl IntoView {
    let locale = use_locale();
    let wishlist = use_wishlist();
    let id = product.id.to_string();
    let name = product.name.clone();
    let label_name = name.clone();
    let remove = move |_| {
        let lang = locale.0.get_untracked();
        wishlist.remove_all(std::slice::from_ref(&id));
        removed.set(named(Key::WishlistRemovedNamed, lang, name.get(lang)));
        // the button is gone: keep keyboard users on the page, at its heading
        crate::dom::focus_by_id(TITLE_ID);
    };
    view! {
        <li class="wish-item">
            <ProductCard product=product eager=eager heart=false />
            <button
                type="button"
                class="btn btn-secondary wish-remove"
                aria-label=move || named(Key::WishlistRemoveNamed, locale.lang(), label_name.get(locale.lang()))
                on:click=remove
            >
                {wt(WKey::Remove)}
            </button>
        </li>
    }
}

/// Nothing saved yet: what the wishlist is for, and a way on.
#[component]
fn EmptyWishlist() -> impl IntoView {
    view! {
        <div class="wish-empty">
            <span class="wish-empty-icon"><IconHeart filled=false /></span>
            <h2 class="wish-empty-title">{wt(WKey::WishlistEmptyTitle)}</h2>
            <p class="wish-empty-text">{wt(WKey::WishlistEmptyText)}</p>
            <a href=AppRoute::Home.to_href() class="btn btn-primary">{wt(WKey::WishlistBrowse)}</a>
        </div>
    }
}
