//! The product page's shelves below the fold: "Shoppers also viewed" (co-occurrence in
//! visits, from the server), "You may also like" (the catalogue's related products) and
//! "Recently viewed" on this device (newest first, without the current product).

use leptos::prelude::*;

use super::i18n::RKey;
use crate::components::{ErrorPanel, ProductGrid};
use crate::logic::lists::order_by_ids;
use crate::state::{load, use_api, use_locale};

/// Products of each shelf.
const SHELF_LIMIT: u32 = 8;

/// The shelves of the product `id`; `recent` are the other recently viewed ids.
#[component]
pub fn Shelves(id: String, recent: Vec<String>) -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let shelves = load(move || {
        let (api, id, recent) = (api.clone(), id.clone(), recent.clone());
        async move {
            let also = api
                .also_viewed(&id, SHELF_LIMIT)
                .await
                .map(|r| r.data.into_iter().map(|r| r.product).collect());
            let related = api.related(&id, SHELF_LIMIT).await.map(|page| page.data);
            let recent = if recent.is_empty() {
                Ok(Vec::new())
            } else {
                api.products_by_ids(&recent)
                    .await
                    .map(|page| order_by_ids(page.data, &recent, |p| p.id.as_str()))
            };
            // each shelf carries its own error
            Ok([
                (RKey::AlsoViewed, "also-title", also),
                (RKey::RelatedProducts, "related-title", related),
                (RKey::RecentlyViewed, "recent-title", recent),
            ])
        }
    });
    let retry = Callback::new(move |()| shelves.refetch());
    move || {
        shelves.get().and_then(Result::ok).map(|rows| {
            rows.into_iter()
                .map(|(title, heading_id, products)| {
                    let body = match products {
                        Ok(list) if list.is_empty() => return None,
                        Ok(list) => {
                            view! { <ProductGrid products=list eager=0 row=true /> }.into_any()
                        }
                        Err(e) => view! { <ErrorPanel error=e on_retry=retry /> }.into_any(),
                    };
                    Some(view! {
                        <section class="section shelf" aria-labelledby=heading_id>
                            <div class="section-head">
                                <h2 id=heading_id>{move || title.get(locale.lang())}</h2>
                            </div>
                            {body}
                        </section>
                    })
                })
                .collect_view()
        })
    }
}
