use crate::components::text::{by_lang, loc, tr};
use crate::router::{use_navigate, NavigateOptions};
use leptos::prelude::*;
use storefront_api_types::{EventName, Lang, Product};

use crate::components::deferred::{soon, Deferred};
use crate::components::not_found::NotFoundContent;
use crate::components::{
    Breadcrumbs, Crumb, ErrorPanel, Price, SkeletonProduct, WishlistNotice, WishlistToggle,
};
use crate::features::catalogue::dates::format_date;
use crate::features::catalogue::gallery::Gallery;
use crate::features::catalogue::variants::{
    choose, find_variant, selection_for, value_states, variant_label,
};
use crate::features::stores::ReserveItem;
use crate::i18n::{added_on, set_title, you_save, Key};
use crate::logic::gallery::image_for_colour;
use crate::logic::lists::{others, record_view};
use crate::logic::money::{format_money, saving};
use crate::routes::AppRoute;
use crate::state::{events, load, route_memo, use_api, use_locale};
use crate::storage::{self, keys};

/// How many related products to ask for.
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
    let product = load(move || {
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
    let body = move || match product.get() {
        None => view! { <SkeletonProduct /> }.into_any(),
        Some(Ok(p)) => view! { <ProductDetail product=p variant=variant /> }.into_any(),
        Some(Err(e)) if e.is_not_found() => {
            view! { <NotFoundContent title=Key::ProductNotFound text=Key::ProductNotFoundText /> }
                .into_any()
        }
        Some(Err(e)) => {
            view! { <ErrorPanel error=e on_retry=move |()| product.refetch() /> }.into_any()
        }
    };
    view! {
        <div class="page page-product">
            {body}
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
    let product_id = product.id.to_string();
    let recent_ids = remember_view(&product_id);
    events::track_item(EventName::ViewItem, product.id.as_str(), None);
    // a member's coupons that apply (only when someone is signed in on this device)
    let signed_in = crate::storage::has(crate::storage::keys::MEMBER);
    let hint_id = StoredValue::new(product_id.clone());
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
            // replace: Back leaves the product instead of stepping through choices
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                },
            );
        }
    });

    // "Black, 42 — ¥599" after every change of the selection (not on arrival)
    let announcement = RwSignal::new(String::new());
    Effect::new(move |prev: Option<()>| {
        let sel = selection.get();
        let variant = current.get();
        if prev.is_some() {
            let lang = locale.0.get_untracked();
            let text = p.with_value(|p| {
                describe_selection(p, &sel, variant.as_ref().map(|v| v.price), lang)
            });
            announcement.set(text);
        }
    });

    // the gallery shows the first picture of the chosen colour
    let shown_image = RwSignal::new(0usize);
    let colour_index = p.with_value(|p| {
        p.options
            .iter()
            .position(|o| o.code == "color" || o.values.iter().any(|v| v.swatch.is_some()))
    });
    Effect::new(move |prev: Option<Option<String>>| {
        let code = colour_index.and_then(|i| selection.with(|s| s.get(i).cloned().flatten()));
        if prev.as_ref().is_some_and(|p| *p != code)
            || (prev.is_none() && variant.get_untracked().is_some())
        {
            let index = p.with_value(|p| {
                let option = colour_index.and_then(|i| p.options.get(i))?;
                let value = option
                    .values
                    .iter()
                    .find(|v| Some(&v.code) == code.as_ref())?;
                image_for_colour(&p.images, &value.label)
            });
            if let Some(i) = index {
                shown_image.set(i);
            }
        }
        code
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
                // the same price as compare-at shows no saving
                <Price price=price compare_at=was.unwrap_or(price) large=true />
                {save.map(|s| view! { <p class="pdp-saving">{s}</p> })}
                {sku.map(|s| view! { <p class="pdp-sku">{Key::Sku.get(lang)}" "{s}</p> })}
            </div>
        }
    };

    // option pickers: colours as swatches, other options as boxes; radio groups. A value
    // that exists in no variant with the other choices stays focusable but is
    // aria-disabled and says so; choosing it changes nothing.
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
                // bumped to put the radios back after a refused choice
                let revert = RwSignal::new(0u32);
                view! {
                    <fieldset class="option" class:option-color=is_color>
                        <legend>
                            {loc(name)}
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
                                    let checked = move || {
                                        revert.track();
                                        states.with(|s| s.get(vi).is_some_and(|s| s.selected))
                                    };
                                    let swatch = value.swatch.clone().filter(|s| is_css_color(s));
                                    let group = group.clone();
                                    let refused_label = label.clone();
                                    view! {
                                        <label class="choice" class:choice-unavailable=move || !available()>
                                            <input
                                                type="radio"
                                                name=group
                                                value=code.clone()
                                                prop:checked=checked
                                                aria-disabled=move || (!available()).then_some("true")
                                                on:change=move |_| {
                                                    if available() {
                                                        pick.run((index, code.clone()));
                                                    } else {
                                                        revert.update(|n| *n = n.wrapping_add(1));
                                                        let lang = locale.0.get_untracked();
                                                        announcement.set(format!(
                                                            "{} {}",
                                                            refused_label.get(lang),
                                                            Key::Unavailable.get(lang)
                                                        ));
                                                    }
                                                }
                                            />
                                            <span class="choice-box">
                                                {swatch.map(|c| view! { <span class="swatch" style:background-color=c></span> })}
                                                <span class="choice-label">{loc(label)}</span>
                                                {move || (!available()).then(|| view! { <span class="sr-only">{tr(Key::Unavailable)}</span> })}
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

    // the selected variant as the stock block and the reserve form show it
    let reserve_item = Memo::new(move |_| {
        let v = current.get()?;
        p.with_value(|p| {
            let label = |lang| variant_label(&p.options, &v, lang);
            Some(ReserveItem {
                product_id: p.id.to_string(),
                variant_id: v.id.to_string(),
                name: p.name.clone(),
                options: storefront_api_types::LocalizedText::new(
                    label(Lang::ZhCn),
                    label(Lang::En),
                ),
                price: v.price,
            })
        })
    });
    let (brand, name, description, created_at, images, specs) = p.with_value(|p| {
        (
            p.brand.clone(),
            p.name.clone(),
            p.description.clone(),
            p.created_at,
            p.images.clone(),
            p.specs.clone(),
        )
    });
    let share_title = Signal::derive(loc(name.clone()));
    let specs_view = (!specs.is_empty()).then(|| {
        view! {
            <section class="pdp-specs" aria-labelledby="pdp-specs-title">
                <h2 id="pdp-specs-title">{tr(Key::Specifications)}</h2>
                <dl class="specs">
                    {specs
                        .into_iter()
                        .map(|spec| {
                            let (n, v) = (spec.name, spec.value);
                            view! {
                                <div class="spec">
                                    <dt>{loc(n)}</dt>
                                    <dd>{loc(v)}</dd>
                                </div>
                            }
                        })
                        .collect_view()}
                </dl>
            </section>
        }
    });
    view! {
        <Breadcrumbs crumbs=crumbs />
        <div class="product-layout">
            <Gallery images=images name=name.clone() shown=shown_image />
            <div class="buy-box">
                <p class="pdp-brand">{brand}</p>
                <h1 class="pdp-name">{loc(name)}</h1>
                {price_view}
                <div class="pickers">{pickers}</div>
                <p class="sr-only" aria-live="polite">{move || announcement.get()}</p>
                <div class="pdp-actions">
                    <WishlistToggle id=product_id.clone() />
                    <Deferred load=move || crate::features::stores::share_button(share_title) class="share-slot" />
                </div>
                <WishlistNotice />
                <Deferred load=move || crate::features::stores::stock_block(reserve_item) class="stock deferred-busy" />
                {signed_in.then(|| view! {
                    <Deferred load=move || crate::features::member::coupon_hint(hint_id.get_value()) class="coupon-hint-slot" />
                })}
                <section class="pdp-desc" aria-labelledby="pdp-desc-title">
                    <h2 id="pdp-desc-title">{tr(Key::Description)}</h2>
                    <p>{loc(description)}</p>
                    <p class="muted">{by_lang(move |lang| added_on(lang, &format_date(created_at, lang)))}</p>
                </section>
                {specs_view}
            </div>
        </div>
        {
            // below the fold: loaded once the first screen has had the link to itself for a
            // moment
            let (id, recent) = (StoredValue::new(product_id), StoredValue::new(recent_ids));
            view! {
                <Deferred
                    load=move || crate::features::recommend::shelves(id.get_value(), recent.get_value())
                    class="shelves-busy"
                    when=soon(2000)
                />
            }
        }
    }
}

/// Records a view of `id` on the device; returns the other recently viewed ids to show.
fn remember_view(id: &str) -> Vec<String> {
    let mut list = storage::read_json::<Vec<String>>(keys::RECENTLY_VIEWED).unwrap_or_default();
    let shown = others(&list, id);
    record_view(&mut list, id);
    // not kept (private mode): the row simply stays empty next time
    let _ = storage::write_json(keys::RECENTLY_VIEWED, &list);
    shown
}

/// "Black, 42 — ¥599": the chosen values and the price, for the live region.
fn describe_selection(
    product: &Product,
    selection: &[Option<String>],
    price: Option<storefront_api_types::Money>,
    lang: Lang,
) -> String {
    let labels: Vec<&str> = product
        .options
        .iter()
        .zip(selection)
        .filter_map(|(option, code)| {
            let code = code.as_ref()?;
            option
                .values
                .iter()
                .find(|v| &v.code == code)
                .map(|v| v.label.get(lang))
        })
        .collect();
    let sep = match lang {
        Lang::ZhCn => "，",
        Lang::En => ", ",
    };
    let mut text = labels.join(sep);
    match price {
        Some(price) => {
            text.push_str(" — ");
            text.push_str(&format_money(price, lang));
        }
        None => {
            text.push(' ');
            text.push_str(Key::Unavailable.get(lang));
        }
    }
    text
}

/// A hex colour such as `#1f2937` (the only swatch form applied as a style).
fn is_css_color(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
}
