use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use storefront_api_types::Product;

use crate::components::{Breadcrumbs, Crumb, ErrorPanel, Price, SkeletonProduct};
use crate::i18n::{added_on, image_n_of, set_title, you_save, Key};
use crate::logic::dates::format_date;
use crate::logic::money::{format_money, saving};
use crate::logic::variants::{choose, find_variant, selection_for, value_states};
use crate::pages::not_found::NotFoundContent;
use crate::routes::AppRoute;
use crate::state::{route_memo, use_api, use_locale};

/// A product: gallery, variant choice, price, description.
#[component]
pub fn ProductPage() -> impl IntoView {
    let locale = use_locale();
    let api = use_api();
    let slug = route_memo(|r| match r {
        AppRoute::Product { slug, .. } => Some(slug),
        _ => None,
    });
    let variant = route_memo(|r| match r {
        AppRoute::Product { variant, .. } => Some(variant),
        _ => None,
    });
    let product = LocalResource::new(move || {
        let api = api.clone();
        let slug = slug.get();
        async move { api.product(&slug).await }
    });
    Effect::new(move |_| {
        let lang = locale.lang();
        match product.get() {
            Some(Ok(p)) => set_title(p.name.get(lang), lang),
            Some(Err(e)) if e.is_not_found() => set_title(Key::ProductNotFound.get(lang), lang),
            _ => {}
        }
    });
    let body = move || {
        Suspend::new(async move {
            match product.await {
                Ok(p) => view! { <ProductDetail product=p variant=variant /> }.into_any(),
                Err(e) if e.is_not_found() => {
                    view! { <NotFoundContent title=Key::ProductNotFound text=Key::ProductNotFoundText /> }.into_any()
                }
                Err(e) => view! { <ErrorPanel error=e on_retry=move |()| product.refetch() /> }.into_any(),
            }
        })
    };
    view! {
        <div class="page page-product">
            <Transition fallback=|| view! { <SkeletonProduct /> }>{body}</Transition>
        </div>
    }
}

/// The loaded product.
#[component]
fn ProductDetail(
    /// The product.
    product: Product,
    /// The variant id from the URL.
    variant: Memo<Option<String>>,
) -> impl IntoView {
    let locale = use_locale();
    let navigate = use_navigate();
    let crumbs = vec![
        Crumb::home(),
        Crumb {
            label: product.category.name.clone(),
            href: Some(AppRoute::category(product.category.slug.clone()).to_href()),
        },
        Crumb {
            label: product.name.clone(),
            href: None,
        },
    ];
    let p = StoredValue::new(product);
    let option_count = p.with_value(|p| p.options.len());
    let selection = Memo::new(move |_| {
        let id = variant.get();
        p.with_value(|p| selection_for(&p.variants, id.as_deref(), option_count))
    });
    let current = Memo::new(move |_| {
        let sel = selection.get();
        p.with_value(|p| find_variant(&p.variants, &sel).cloned())
    });
    let pick = Callback::new(move |(index, code): (usize, String)| {
        let chosen = p.with_value(|p| {
            choose(&p.variants, &selection.get_untracked(), index, &code)
                .map(|v| (p.slug.clone(), v.id.to_string()))
        });
        if let Some((slug, id)) = chosen {
            let href = AppRoute::Product {
                slug,
                variant: Some(id),
            }
            .to_href();
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    });

    // gallery
    let shown = RwSignal::new(0usize);
    let images = p.with_value(|p| p.images.clone());
    let image_count = images.len();
    let main_image = {
        let images = images.clone();
        move || {
            images
                .get(shown.get())
                .or(images.first())
                .cloned()
                .map(|img| {
                    let alt = img.alt.clone();
                    view! {
                        <img
                            src=img.url
                            width=img.width
                            height=img.height
                            alt=move || alt.get(locale.lang()).to_owned()
                            fetchpriority="high"
                        />
                    }
                })
        }
    };
    let thumbs = (image_count > 1).then(|| {
        view! {
            <ul class="thumbs">
                {images
                    .into_iter()
                    .enumerate()
                    .map(|(i, img)| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="thumb"
                                    aria-pressed=move || (shown.get() == i).to_string()
                                    aria-label=move || image_n_of(locale.lang(), i + 1, image_count)
                                    on:click=move |_| shown.set(i)
                                >
                                    <img src=img.url width=img.width height=img.height alt="" loading="lazy" />
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });

    // price of the selected variant (else the cheapest)
    let price_view = move || {
        let lang = locale.lang();
        let (price, was, sku) = match current.get() {
            Some(v) => (v.price, v.compare_at_price, Some(v.sku)),
            None => p.with_value(|p| {
                p.variants
                    .iter()
                    .min_by_key(|v| v.price.amount_minor)
                    .map(|v| (v.price, v.compare_at_price, None))
                    .unwrap_or((storefront_api_types::Money::cny(0), None, None))
            }),
        };
        let save = saving(price, was)
            .map(|(amount, pct)| you_save(lang, &format_money(amount, lang), pct));
        view! {
            <div class="pdp-price">
                {match was {
                    Some(was) => view! { <Price price=price compare_at=was large=true /> }.into_any(),
                    None => view! { <Price price=price large=true /> }.into_any(),
                }}
                {save.map(|s| view! { <p class="pdp-saving">{s}</p> })}
                {sku.map(|s| view! { <p class="pdp-sku">{Key::Sku.get(lang)}" "{s}</p> })}
            </div>
        }
    };

    // option pickers: colours as swatches, other options as boxes; radio groups
    let pickers = p.with_value(|prod| {
        prod.options
            .iter()
            .enumerate()
            .map(|(index, option)| {
                let name = option.name.clone();
                let is_color = option.code == "color" || option.values.iter().any(|v| v.swatch.is_some());
                let group = format!("option-{index}");
                let values = option.values.clone();
                let selected_label = {
                    let values = values.clone();
                    move || {
                        let sel = selection.get();
                        let code = sel.get(index).cloned().flatten();
                        values
                            .iter()
                            .find(|v| Some(&v.code) == code.as_ref())
                            .map(|v| v.label.get(locale.lang()).to_owned())
                            .unwrap_or_default()
                    }
                };
                let states = Memo::new(move |_| {
                    let sel = selection.get();
                    p.with_value(|p| value_states(&p.options, &p.variants, &sel, index))
                });
                view! {
                    <fieldset class="option" class:option-color=is_color>
                        <legend>
                            {move || name.get(locale.lang()).to_owned()}
                            <span class="sr-only">": "</span>
                            <span class="option-selected">{selected_label}</span>
                        </legend>
                        <div class="option-values">
                            {values
                                .into_iter()
                                .enumerate()
                                .map(|(vi, value)| {
                                    let code = value.code.clone();
                                    let label = value.label.clone();
                                    let available = move || states.with(|s| s.get(vi).is_some_and(|s| s.available));
                                    let checked = move || states.with(|s| s.get(vi).is_some_and(|s| s.selected));
                                    let swatch = value.swatch.clone().filter(|s| is_css_color(s));
                                    let group = group.clone();
                                    view! {
                                        <label class="choice" class:choice-unavailable=move || !available()>
                                            <input
                                                type="radio"
                                                name=group
                                                value=code.clone()
                                                prop:checked=checked
                                                prop:disabled=move || !available()
                                                on:change=move |_| pick.run((index, code.clone()))
                                            />
                                            <span class="choice-box">
                                                {swatch.map(|c| view! { <span class="swatch" style:background-color=c></span> })}
                                                <span class="choice-label">{move || label.get(locale.lang()).to_owned()}</span>
                                                <Show when=move || !available()>
                                                    <span class="sr-only">{move || locale.t(Key::Unavailable)}</span>
                                                </Show>
                                            </span>
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    });

    let (brand, name, description, created_at) = p.with_value(|p| {
        (
            p.brand.clone(),
            p.name.clone(),
            p.description.clone(),
            p.created_at,
        )
    });
    view! {
        <Breadcrumbs crumbs=crumbs />
        <div class="product-layout">
            <section class="gallery" aria-label=move || locale.t(Key::Gallery)>
                <div class="gallery-main">{main_image}</div>
                {thumbs}
            </section>
            <div class="buy-box">
                <p class="pdp-brand">{brand}</p>
                <h1 class="pdp-name">{move || name.get(locale.lang()).to_owned()}</h1>
                {price_view}
                <div class="pickers">{pickers}</div>
                <div class="pdp-note">
                    <p>{move || locale.t(Key::PickupNote)}</p>
                    <A href=AppRoute::Stores.to_href() attr:class="btn btn-secondary">{move || locale.t(Key::FindInStore)}</A>
                </div>
                <section class="pdp-desc" aria-labelledby="pdp-desc-title">
                    <h2 id="pdp-desc-title">{move || locale.t(Key::Description)}</h2>
                    <p>{move || description.get(locale.lang()).to_owned()}</p>
                    <p class="muted">{move || added_on(locale.lang(), &format_date(created_at, locale.lang()))}</p>
                </section>
            </div>
        </div>
    }
}

/// A hex colour such as `#1f2937` (the only swatch form applied as a style).
fn is_css_color(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
}
