//! `/campaign/{slug}` and `/embed/campaign/{slug}`: hero, copy, time left, the picked
//! products with their stock at the shopper's store, the coupon and share. Embedded, the
//! page talks to its host (events, its height) and opens the shop in a new tab.

use leptos::prelude::*;

use crate::features::stores::i18n::{st, SKey};
use storefront_api_types::{
    Campaign, CampaignView, Lang, ProblemCode, ProductQuery, ProductSummary, StoreId,
};

use super::claim::CampaignCoupon;
use super::embed::{keep_host_sized, post_event};
use super::i18n::{ct, reward_text, stock_at, time_left_text, CKey};
use super::logic::{
    attribution_pairs, select_item_params, time_left, view_promotion_params, with_query,
};
use super::reserve::CampaignReserve;
use crate::api::ApiError;
use crate::components::share::ShareButton;
use crate::components::text::{by_lang, loc, tr};
use crate::components::{ErrorPanel, Price};
use crate::dom::{format_in_zone, now_unix};
use crate::i18n::{set_title, Key};
use crate::logic::gallery::srcset;
use crate::logic::money::format_money;
use crate::routes::AppRoute;
use crate::state::{load, route_memo, use_api, use_locale, use_my_store};

thread_local! {
    /// The campaigns whose view this page load has counted.
    static COUNTED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What the route says about the page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Shown {
    slug: String,
    embedded: bool,
    parent: Option<String>,
    lang: Option<String>,
    handoff: Option<String>,
    /// The marketing editor's preview: read with the marketing session, never counted.
    preview: bool,
}

/// The campaign page (both forms).
#[component]
pub fn CampaignPage() -> impl IntoView {
    let api = use_api();
    let locale = use_locale();
    let shown = route_memo(|r| match r {
        AppRoute::Campaign {
            slug,
            handoff,
            preview,
        } => Some(Shown {
            slug,
            handoff,
            preview,
            ..Shown::default()
        }),
        AppRoute::CampaignEmbed {
            slug,
            parent,
            lang,
            preview,
        } => Some(Shown {
            slug,
            embedded: true,
            parent,
            lang,
            handoff: None,
            preview,
        }),
        _ => None,
    });
    let first = shown.get_untracked();
    if first.embedded {
        if let Some(l) = first.lang.as_deref().and_then(Lang::from_tag) {
            locale.0.set(l);
        }
        keep_host_sized(first.parent.clone());
    }
    let slug = Memo::new(move |_| shown.with(|s| s.slug.clone()));
    let preview = first.preview;
    let campaign = load({
        let api = api.clone();
        move || {
            let api = api.clone();
            let slug = slug.get();
            async move {
                if preview {
                    api.campaign_preview(&slug).await
                } else {
                    api.campaign(&slug).await
                }
            }
        }
    });
    // once per campaign and page load: the view is counted and the host told
    Effect::new({
        let api = api.clone();
        move |_| {
            let Some(Ok(c)) = campaign.get() else { return };
            let s = shown.get_untracked();
            if s.preview {
                set_title(c.title.get(locale.lang()), locale.lang());
                return;
            }
            crate::state::attribution::remember_campaign(&c.slug);
            if set_title_and_count(&c, locale.lang()) {
                return;
            }
            let mut attribution = crate::state::attribution::current();
            attribution.campaign = Some(c.slug.clone());
            if s.embedded {
                attribution.embed_origin = s.parent.clone();
                post_event(
                    s.parent.as_deref(),
                    "view_promotion",
                    &view_promotion_params(&c.slug, &c.title.en),
                );
            }
            super::claim::track_promotion(storefront_api_types::EventName::ViewPromotion, &c.slug);
            let view = CampaignView {
                attribution,
                embedded: s.embedded,
            };
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let _ = api.campaign_view(&c.slug, &view).await;
            });
        }
    });
    let body = move || {
        let s = shown.get_untracked();
        match campaign.get() {
            None => {
                view! { <p class="muted campaign-loading" role="status">{tr(Key::Loading)}</p> }
                    .into_any()
            }
            Some(Ok(c)) => view! { <CampaignBody campaign=c shown=s /> }.into_any(),
            Some(Err(e)) => unavailable(e, s.embedded, move || campaign.refetch()),
        }
    };
    view! {
        <div class="page campaign-page" class:campaign-embedded=move || shown.with(|s| s.embedded)>{body}</div>
    }
}

/// Sets the title; whether this page load already counted a view of `c`.
fn set_title_and_count(c: &Campaign, lang: Lang) -> bool {
    set_title(c.title.get(lang), lang);
    COUNTED.with_borrow_mut(|seen| {
        if seen.contains(&c.slug) {
            true
        } else {
            seen.push(c.slug.clone());
            false
        }
    })
}

/// A link into the shop: in an embed it opens a new tab and carries the attribution.
fn shop_href(href: String, embedded: bool) -> String {
    if embedded {
        with_query(
            &href,
            &attribution_pairs(&crate::state::attribution::current()),
        )
    } else {
        href
    }
}

/// 404, 410 (said kindly, with a way into the shop) or a failure to load (the error panel).
fn unavailable(e: ApiError, embedded: bool, retry: impl Fn() + Send + Sync + 'static) -> AnyView {
    let ended = e.problem_code() == Some(ProblemCode::CampaignEnded)
        || matches!(e, ApiError::Http { status: 410, .. });
    if !ended && !e.is_not_found() {
        return view! { <ErrorPanel error=e on_retry=move |()| retry() /> }.into_any();
    }
    let (title, text) = if ended {
        (CKey::EndedTitle, CKey::EndedText)
    } else {
        (CKey::NotAvailableTitle, CKey::NotAvailableText)
    };
    let href = shop_href(AppRoute::Home.to_href(), embedded);
    view! {
        <div class="campaign-gone">
            <h1 class="page-title">{ct(title)}</h1>
            <p>{ct(text)}</p>
            <a class="btn btn-primary" href=href target=embedded.then_some("_blank") rel=embedded.then_some("noopener")>
                {ct(CKey::GoShop)}
                {embedded.then(|| view! { <span class="sr-only">{ct(CKey::NewTab)}</span> })}
            </a>
        </div>
    }
    .into_any()
}

/// The loaded campaign.
#[component]
fn CampaignBody(campaign: Campaign, shown: Shown) -> impl IntoView {
    let locale = use_locale();
    let Campaign {
        slug,
        title,
        copy,
        hero,
        products,
        offer,
        ends_at,
        reward,
        store_ids,
        ..
    } = campaign;
    let embedded = shown.embedded;
    let set = srcset(&hero);
    let ends = ends_at.unix();
    // the minute, for the time left
    let (now, set_now) = signal(now_unix());
    let tick = gloo_timers::callback::Interval::new(30_000, move || {
        set_now.try_set(now_unix());
    });
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || {
        tick.try_update_value(Option::take);
    });
    let left = move || time_left(now.get(), ends).map(|t| time_left_text(locale.lang(), t));
    let ends_text = by_lang(move |lang| format_in_zone(ends, "", lang).unwrap_or_default());
    let paragraphs = move || {
        copy.get(locale.lang())
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| view! { <p>{p.to_owned()}</p> })
            .collect_view()
    };
    let open_shop = embedded.then(|| {
        let href = shop_href(
            AppRoute::Campaign {
                slug: slug.clone(),
                handoff: None,
                preview: false,
            }
            .to_href(),
            true,
        );
        view! {
            <div class="campaign-embed-bar">
                <a class="btn btn-secondary btn-small" href=href target="_blank" rel="noopener">
                    {ct(CKey::OpenShop)}<span class="sr-only">{ct(CKey::NewTab)}</span>
                </a>
            </div>
        }
    });
    let reward = reward.map(|r| view! {
        <p class="campaign-reward">{by_lang(move |lang| reward_text(lang, &format_money(r.min_spend, lang)))}</p>
    });
    let share_title = title.clone();
    let share_url = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|o| {
            format!(
                "{o}{}",
                AppRoute::Campaign {
                    slug: slug.clone(),
                    handoff: None,
                    preview: false,
                }
                .to_href()
            )
        });
    view! {
        {open_shop}
        <article class="campaign" aria-labelledby="campaign-title">
            <div class="campaign-hero">
                <img src=hero.url.clone() srcset=set.clone() sizes=set.map(|_| "(min-width: 1440px) 1408px, 100vw")
                    width=hero.width height=hero.height alt=loc(hero.alt.clone()) fetchpriority="high" decoding="async" />
            </div>
            <div class="campaign-head">
                <h1 id="campaign-title" class="page-title">{loc(title)}</h1>
                <p class="campaign-time">
                    <strong>{left}</strong>
                    " "
                    <span class="muted">{ct(CKey::Ends)}<time>{ends_text}</time></span>
                </p>
                <div class="campaign-copy">{paragraphs}</div>
                <ShareButton title=Signal::derive(loc(share_title)) url=share_url />
            </div>
            {offer.map(|o| view! {
                <CampaignCoupon slug=slug.clone() offer=o embedded=embedded parent=shown.parent.clone() handoff=shown.handoff.clone() />
            })}
            {reward}
            <CampaignProducts slug=slug products=products stores=store_ids embedded=embedded parent=shown.parent />
        </article>
    }
}

/// The picked products, with their stock at the shopper's store and a way to reserve each
/// for pickup in place.
#[component]
fn CampaignProducts(
    slug: String,
    products: Vec<ProductSummary>,
    /// The stores the campaign applies to (empty: all).
    stores: Vec<StoreId>,
    embedded: bool,
    parent: Option<String>,
) -> impl IntoView {
    let api = use_api();
    let my_store = use_my_store();
    let ids: Vec<String> = products.iter().map(|p| p.id.0.clone()).collect();
    // the ids in stock at the shopper's store (the listing's own filter)
    let in_stock = load(move || {
        let api = api.clone();
        let store = my_store.id();
        let ids = ids.clone();
        async move {
            let Some(store) = store else {
                return Ok(None);
            };
            let limit = u32::try_from(ids.len()).unwrap_or(1).max(1);
            let page = api
                .products(&ProductQuery {
                    ids,
                    store: Some(store),
                    in_stock: true,
                    limit: Some(limit),
                    ..Default::default()
                })
                .await?;
            Ok::<_, ApiError>(Some(
                page.data.into_iter().map(|p| p.id.0).collect::<Vec<_>>(),
            ))
        }
    });
    let cards = products
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let href = shop_href(AppRoute::product(p.slug.clone()).to_href(), embedded);
            let params = select_item_params(&slug, &p);
            let parent = parent.clone();
            let id = p.id.0.clone();
            let set = srcset(&p.image);
            let stock = move || {
                let store = my_store.get()?;
                let ids = match in_stock.get()? {
                    Ok(Some(ids)) => ids,
                    _ => return None,
                };
                let yes = ids.contains(&id);
                Some(view! {
                    <p class="campaign-stock" class:in-stock=yes>
                        {by_lang(move |lang| stock_at(lang, yes, store.name.get(lang)))}
                    </p>
                })
            };
            let open = RwSignal::new(false);
            let button = NodeRef::<leptos::html::Button>::new();
            let close = Callback::new(move |()| {
                open.set(false);
                // the panel is gone: the focus goes back to what opened it, once it shows again
                // (a timer, not an animation frame: a frame inside another site's page may get none)
                set_timeout(
                    move || {
                        if let Some(b) = button.get_untracked() {
                            let _ = b.focus();
                        }
                    },
                    std::time::Duration::ZERO,
                );
            });
            let panel = {
                let (slug, id, stores, parent) =
                    (slug.clone(), p.id.0.clone(), stores.clone(), parent.clone());
                move || {
                    open.get().then(|| view! {
                        <CampaignReserve slug=slug.clone() product_id=id.clone() stores=stores.clone()
                            embedded=embedded parent=parent.clone() on_close=close />
                    })
                }
            };
            view! {
                <li class="card campaign-card" class:open=open>
                    <a href=href class="card-link" target=embedded.then_some("_blank") rel=embedded.then_some("noopener")
                        on:click=move |_| post_event(parent.as_deref(), "select_item", &params)>
                        <div class="card-media">
                            <img src=p.image.url.clone() srcset=set.clone() sizes=set.map(|_| crate::components::product_card::GRID_SIZES)
                                width=p.image.width height=p.image.height alt=loc(p.image.alt.clone())
                                loading=if i < 2 { "eager" } else { "lazy" } decoding="async" />
                        </div>
                        <div class="card-body">
                            <p class="card-brand">{p.brand.clone()}</p>
                            <p class="card-name">{loc(p.name.clone())}{embedded.then(|| view! { <span class="sr-only">{ct(CKey::NewTab)}</span> })}</p>
                            <Price price=p.price compare_at=p.compare_at_price.unwrap_or(p.price) />
                        </div>
                    </a>
                    {stock}
                    <button type="button" class="btn btn-secondary btn-small campaign-reserve-open" node_ref=button
                        hidden=open on:click=move |_| open.set(true)>
                        {st(SKey::Reserve)}
                    </button>
                    {panel}
                </li>
            }
        })
        .collect_view();
    let choose = move || {
        (!embedded && my_store.get().is_none()).then(|| {
            view! {
                <p><a href=AppRoute::Stores.to_href()>{ct(CKey::ChooseStore)}</a></p>
            }
        })
    };
    view! {
        <section class="campaign-products" aria-labelledby="campaign-products-title">
            <h2 id="campaign-products-title" class="section-title">{ct(CKey::Products)}</h2>
            {choose}
            <ul class="product-grid">{cards}</ul>
        </section>
    }
}
