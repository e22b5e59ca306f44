//! The product gallery: main picture (swipe on touch, previous/next buttons, tap or click
//! to enlarge), thumbnails, and the zoom dialog.

use leptos::prelude::*;
use storefront_api_types::{Image, LocalizedText};

use crate::components::deferred::Deferred;
use crate::components::text::tr;
use crate::i18n::{image_n_of, Key};
use crate::logic::gallery::{cycle, srcset, swipe_step, Step, SWIPE_MIN_PX};
use crate::state::use_locale;

/// `sizes` of the main picture (shared with the server's preload of it).
pub const GALLERY_SIZES: &str = storefront_api_types::PRODUCT_PICTURE_SIZES;
/// `sizes` of a thumbnail.
pub const THUMB_SIZES: &str = "96px";

/// A block that turns a horizontal touch or pen swipe into a [`Step`]. Vertical moves are
/// left to the browser (the CSS gives it `touch-action: pan-y`), so the page still scrolls.
#[component]
pub fn SwipeArea(
    /// Called with the swipe's direction.
    #[prop(into)]
    on_step: Callback<Step>,
    /// Class of the block.
    class: &'static str,
    /// Content.
    children: Children,
) -> impl IntoView {
    // pointer id and start position of a touch in progress
    let start = StoredValue::new(None::<(i32, f64, f64)>);
    view! {
        <div
            class=class
            on:pointerdown=move |ev| {
                if ev.is_primary() && ev.pointer_type() != "mouse" {
                    start.set_value(Some((ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y()))));
                }
            }
            on:pointerup=move |ev| {
                let began = start.get_value();
                start.set_value(None);
                if let Some((_, x, y)) = began.filter(|b| b.0 == ev.pointer_id()) {
                    let dx = f64::from(ev.client_x()) - x;
                    let dy = f64::from(ev.client_y()) - y;
                    if let Some(step) = swipe_step(dx, dy, SWIPE_MIN_PX) {
                        on_step.run(step);
                    }
                }
            }
            on:pointercancel=move |_| start.set_value(None)
        >
            {children()}
        </div>
    }
}

/// A picture with its `srcset`/`sizes` when it has other widths.
fn picture(
    img: &Image,
    sizes: &'static str,
    alt: String,
    eager: bool,
    high: bool,
) -> impl IntoView {
    let set = srcset(img);
    view! {
        <img
            src=img.url.clone()
            srcset=set.clone()
            sizes=set.map(|_| sizes)
            width=img.width
            height=img.height
            alt=alt
            loading=if eager { "eager" } else { "lazy" }
            fetchpriority=if high { "high" } else { "auto" }
            decoding=if high { "sync" } else { "async" }
            draggable="false"
        />
    }
}

/// A chevron pointing left (`left`) or right.
#[component]
pub fn IconChevron(
    /// Points left.
    #[prop(optional)]
    left: bool,
) -> impl IntoView {
    let d = if left {
        "M15 5l-7 7 7 7"
    } else {
        "M9 5l7 7-7 7"
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=d fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"></path>
        </svg>
    }
}

/// "Previous image" and "Next image" buttons (gallery and zoom view).
#[component]
pub fn StepButtons(
    /// Called with the step.
    #[prop(into)]
    on_step: Callback<Step>,
    /// In the zoom view.
    #[prop(optional)]
    zoom: bool,
) -> impl IntoView {
    let (prev, next) = if zoom {
        ("gallery-nav zoom-prev", "gallery-nav zoom-next")
    } else {
        ("gallery-nav gallery-prev", "gallery-nav gallery-next")
    };
    view! {
        <button type="button" class=prev aria-label=tr(Key::PrevImage) on:click=move |_| on_step.run(Step::Prev)>
            <IconChevron left=true />
        </button>
        <button type="button" class=next aria-label=tr(Key::NextImage) on:click=move |_| on_step.run(Step::Next)>
            <IconChevron />
        </button>
    }
}

/// The product's pictures.
#[component]
pub fn Gallery(
    /// Pictures, the first is the main one.
    images: Vec<Image>,
    /// Product name (the zoom dialog's title).
    name: LocalizedText,
    /// Index of the picture shown, when the page wants to move it (colour choice).
    #[prop(optional)]
    shown: Option<RwSignal<usize>>,
) -> impl IntoView {
    let locale = use_locale();
    let count = images.len();
    let images = StoredValue::new(images);
    let shown = shown.unwrap_or_else(|| RwSignal::new(0));
    let zoom = RwSignal::new(false);
    // the zoom view's code loads the first time it is asked for (crate::split)
    let zoom_wanted = RwSignal::new(false);
    let title = StoredValue::new(name);
    let zoom_button = NodeRef::<leptos::html::Button>::new();
    let step = Callback::new(move |s: Step| shown.update(|i| *i = cycle(*i, count, s)));

    let main_image = move || {
        let i = shown.get();
        let lang = locale.lang();
        images.with_value(|imgs| imgs.get(i).cloned()).map(|img| {
            picture(
                &img,
                GALLERY_SIZES,
                img.alt.get(lang).to_owned(),
                true,
                true,
            )
        })
    };
    let nav = (count > 1).then(|| {
        view! {
            <StepButtons on_step=step />
            <p class="gallery-count" aria-hidden="true">{move || format!("{} / {count}", shown.get() + 1)}</p>
        }
    });
    let thumbs = (count > 1).then(|| {
        view! {
            <ul class="thumbs">
                {images
                    .get_value()
                    .into_iter()
                    .enumerate()
                    .map(|(i, img)| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="thumb"
                                    aria-current=move || (shown.get() == i).then_some("true")
                                    aria-label=move || image_n_of(locale.lang(), i + 1, count)
                                    on:click=move |_| shown.set(i)
                                >
                                    {picture(&img, THUMB_SIZES, String::new(), false, false)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let main = if count == 0 {
        view! { <div class="gallery-main"></div> }.into_any()
    } else {
        view! {
            <SwipeArea class="gallery-main" on_step=step>
                <button type="button" class="gallery-zoom" node_ref=zoom_button on:click=move |_| {
                    zoom_wanted.set(true);
                    zoom.set(true);
                }>
                    {main_image}
                    <span class="sr-only">{tr(Key::EnlargeImage)}</span>
                    <span class="zoom-hint" aria-hidden="true">
                        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" focusable="false">
                            <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" stroke-width="2"></circle>
                            <path d="M16 16l4.5 4.5M11 8v6M8 11h6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"></path>
                        </svg>
                    </span>
                </button>
                {nav}
            </SwipeArea>
        }
        .into_any()
    };
    view! {
        <section class="gallery" aria-label=tr(Key::Gallery)>
            {main}
            <p class="sr-only" aria-live="polite">
                {move || if count > 1 { image_n_of(locale.lang(), shown.get() + 1, count) } else { String::new() }}
            </p>
            {thumbs}
            {move || zoom_wanted.get().then(|| view! {
                <Deferred load=move || super::zoom_dialog(zoom, shown, images, title.get_value(), zoom_button) class="zoom-slot" />
            })}
        </section>
    }
}
