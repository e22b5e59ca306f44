//! Placeholders with the dimensions of the real content, so nothing jumps when it arrives.

use crate::components::text::tr;
use leptos::prelude::*;

use crate::i18n::Key;

/// A screen-reader status while something loads.
#[component]
fn LoadingStatus() -> impl IntoView {
    view! { <p class="sr-only" role="status">{tr(Key::Loading)}</p> }
}

/// A grid of card placeholders.
#[component]
pub fn SkeletonGrid(
    /// How many cards.
    #[prop(default = 8)]
    count: usize,
) -> impl IntoView {
    view! {
        <div class="skeleton-wrap">
            <LoadingStatus />
            <ul class="product-grid" aria-hidden="true">
                {(0..count)
                    .map(|_| {
                        view! {
                            <li>
                                <div class="card card-skeleton">
                                    <div class="card-media skeleton"></div>
                                    <div class="card-body">
                                        <span class="sk-line sk-brand skeleton"></span>
                                        <span class="sk-line sk-name skeleton"></span>
                                        <span class="sk-line sk-price skeleton"></span>
                                    </div>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// Category tile placeholders.
#[component]
pub fn SkeletonTiles(
    /// How many tiles.
    #[prop(default = 6)]
    count: usize,
) -> impl IntoView {
    view! {
        <div class="skeleton-wrap">
            <LoadingStatus />
            <ul class="tile-grid" aria-hidden="true">
                {(0..count).map(|_| view! { <li><div class="tile tile-skeleton skeleton"></div></li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The product page placeholder: gallery and buy box.
#[component]
pub fn SkeletonProduct() -> impl IntoView {
    view! {
        <div class="skeleton-wrap">
            <LoadingStatus />
            <div class="product-layout" aria-hidden="true">
                <div class="gallery">
                    <div class="gallery-main skeleton"></div>
                </div>
                <div class="buy-box">
                    <span class="sk-line sk-brand skeleton"></span>
                    <span class="sk-line sk-title skeleton"></span>
                    <span class="sk-line sk-price skeleton"></span>
                    <span class="sk-block skeleton"></span>
                    <span class="sk-block skeleton"></span>
                </div>
            </div>
        </div>
    }
}
