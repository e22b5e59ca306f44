//! "For you" on the home page. With the member's personalisation consent (and someone
//! signed in) it is the server's list from their own history. Without it, it is made here
//! from what this device knows (recently viewed, the wishlist: that history never leaves
//! the device; the app asks the server only what goes with each product, as a product page
//! does) and what is popular, and says so. Each card says why it is shown.

use std::collections::HashSet;

use leptos::prelude::*;
use storefront_api_types::{ProductSummary, Recommendation, RecommendationReason};

use super::i18n::{rt, RKey};
use crate::api::ApiClient;
use crate::components::ProductCard;
use crate::routes::AppRoute;
use crate::state::{load, use_api, use_consent, use_locale, use_my_store, use_wishlist};
use crate::storage::{self, keys};

/// Cards of the shelf.
const LIMIT: usize = 8;
/// Products of the device's history asked about.
const SEEDS: usize = 4;

/// Where a list came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The member's history on the server.
    Member,
    /// This device's history and popular products.
    Device,
}

/// Blends the neighbours of each seed in turn (first of each, then second, …), without
/// the seeds themselves or repeats, then fills with `popular`, up to [`LIMIT`].
fn blend(
    seeds: &[String],
    lists: Vec<Vec<Recommendation>>,
    popular: Vec<Recommendation>,
) -> Vec<Recommendation> {
    let mut seen: HashSet<String> = seeds.iter().cloned().collect();
    let mut out = Vec::new();
    let longest = lists.iter().map(Vec::len).max().unwrap_or(0);
    let mut lists: Vec<_> = lists.into_iter().map(Vec::into_iter).collect();
    for _ in 0..longest {
        for l in &mut lists {
            if let Some(r) = l.next() {
                if out.len() < LIMIT && seen.insert(r.product.id.to_string()) {
                    out.push(r);
                }
            }
        }
    }
    for r in popular {
        if out.len() < LIMIT && seen.insert(r.product.id.to_string()) {
            out.push(r);
        }
    }
    out
}

/// The device's list: neighbours of its recently viewed and saved products, then popular.
async fn from_device(
    api: &ApiClient,
    seeds: Vec<String>,
    store: Option<String>,
) -> Result<Vec<Recommendation>, crate::api::ApiError> {
    let mut lists = Vec::new();
    for id in &seeds {
        // a product gone from the catalogue has no neighbours: skip it
        if let Ok(r) = api.also_viewed(id, LIMIT as u32).await {
            lists.push(r.data);
        }
    }
    let popular = api.popular(store.as_deref(), LIMIT as u32).await?;
    Ok(blend(&seeds, lists, popular.data))
}

/// The reasons' product names: the products a reason names, as the catalogue has them.
async fn named(api: &ApiClient, recs: &[Recommendation]) -> Vec<ProductSummary> {
    let mut ids: Vec<String> = recs
        .iter()
        .filter_map(|r| match &r.reason {
            RecommendationReason::AlsoViewed { product_id }
            | RecommendationReason::BecauseYouViewed { product_id } => Some(product_id.to_string()),
            RecommendationReason::Popular => None,
        })
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Vec::new();
    }
    api.products_by_ids(&ids)
        .await
        .map(|p| p.data)
        .unwrap_or_default()
}

/// The "For you" shelf (nothing when there is nothing to recommend).
#[component]
pub fn ForYou() -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let consent = use_consent();
    let wishlist = use_wishlist();
    let store = use_my_store().id();
    let personal =
        consent.0.get_untracked().is_some_and(|c| c.personalisation) && storage::has(keys::MEMBER);
    let mut seeds = storage::read_json::<Vec<String>>(keys::RECENTLY_VIEWED).unwrap_or_default();
    seeds.truncate(SEEDS);
    for id in wishlist.ids() {
        if seeds.len() < SEEDS + 2 && !seeds.contains(&id) {
            seeds.push(id);
        }
    }
    let shelf = load(move || {
        let (api, seeds, store) = (api.clone(), seeds.clone(), store.clone());
        async move {
            let mine = if personal {
                api.my_recommendations(LIMIT as u32).await.ok()
            } else {
                None
            };
            let (source, recs) = match mine {
                Some(r) if !r.data.is_empty() => (Source::Member, r.data),
                _ => (Source::Device, from_device(&api, seeds, store).await?),
            };
            let names = named(&api, &recs).await;
            Ok((source, recs, names))
        }
    });
    move || {
        let (source, recs, names) = shelf.get()?.ok()?;
        if recs.is_empty() {
            return None;
        }
        let name_of = move |id: &str| {
            names
                .iter()
                .find(|p| p.id.as_str() == id)
                .map(|p| p.name.get(locale.lang()).to_owned())
        };
        let cards = recs
            .into_iter()
            .map(|r| {
                let why = match &r.reason {
                    RecommendationReason::BecauseYouViewed { product_id } => {
                        name_of(product_id.as_str())
                            .map(|n| format!("{} {n}", RKey::BecauseViewed.get(locale.lang())))
                    }
                    RecommendationReason::AlsoViewed { product_id } => name_of(product_id.as_str())
                        .map(|n| format!("{} {n}", RKey::ViewedWith.get(locale.lang()))),
                    RecommendationReason::Popular => {
                        Some(RKey::Popular.get(locale.lang()).to_owned())
                    }
                };
                view! {
                    <li class="rec-item">
                        <ProductCard product=r.product />
                        <p class="rec-reason">{why}</p>
                    </li>
                }
            })
            .collect_view();
        let note = match source {
            Source::Member => RKey::ForYouPersonal,
            Source::Device => RKey::ForYouDevice,
        };
        Some(view! {
            <section class="section for-you" aria-labelledby="for-you-title">
                <div class="section-head">
                    <h2 id="for-you-title">{rt(RKey::ForYou)}</h2>
                    <a href=AppRoute::Privacy.to_href() class="section-link">{rt(RKey::ChangeChoice)}</a>
                </div>
                <p class="rec-note">{rt(note)}</p>
                <ul class="product-row rec-row">{cards}</ul>
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storefront_api_types::{
        CategoryId, CategoryRef, Currency, Image, LocalizedText, Money, ProductId, Timestamp,
    };

    fn rec(id: &str, reason: RecommendationReason) -> Recommendation {
        Recommendation {
            product: ProductSummary {
                id: ProductId(id.into()),
                slug: id.into(),
                name: LocalizedText::new(id, id),
                brand: String::new(),
                category: CategoryRef {
                    id: CategoryId("c".into()),
                    slug: "c".into(),
                    name: LocalizedText::new("c", "c"),
                },
                image: Image {
                    url: String::new(),
                    width: 1,
                    height: 1,
                    alt: LocalizedText::new("", ""),
                    srcset: Vec::new(),
                },
                price: Money {
                    amount_minor: 100,
                    currency: Currency::Cny,
                },
                compare_at_price: None,
                created_at: Timestamp::from_unix(0),
            },
            reason,
        }
    }

    fn with(id: &str, seed: &str) -> Recommendation {
        rec(
            id,
            RecommendationReason::AlsoViewed {
                product_id: ProductId(seed.into()),
            },
        )
    }

    #[test]
    fn blends_each_seed_in_turn_without_seeds_or_repeats_then_popular() {
        let seeds = vec!["a".to_owned(), "b".to_owned()];
        let lists = vec![
            vec![with("x", "a"), with("b", "a"), with("y", "a")],
            vec![with("x", "b"), with("z", "b")],
        ];
        let popular = vec![
            rec("y", RecommendationReason::Popular),
            rec("p", RecommendationReason::Popular),
        ];
        let ids: Vec<String> = blend(&seeds, lists, popular)
            .into_iter()
            .map(|r| r.product.id.to_string())
            .collect();
        assert_eq!(ids, ["x", "z", "y", "p"]);
    }
}
