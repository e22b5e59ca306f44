//! Inline SVG icons (decorative: hidden from assistive technology).

use leptos::prelude::*;

/// The brand mark: a rounded square with a stylised 优 roof line.
#[component]
pub fn LogoMark() -> impl IntoView {
    view! {
        <svg class="logo-mark" viewBox="0 0 40 40" width="36" height="36" aria-hidden="true" focusable="false">
            <rect width="40" height="40" rx="11" fill="currentColor"></rect>
            <path d="M11 15h18M14 15l-3 12M20 15v12M26 15l3 12M16 27h8" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"></path>
        </svg>
    }
}

/// Magnifying glass.
#[component]
pub fn IconSearch() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" stroke-width="2"></circle>
            <path d="M16 16l4.5 4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"></path>
        </svg>
    }
}

/// House.
#[component]
pub fn IconHome() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M4 10.5L12 4l8 6.5V20a1 1 0 0 1-1 1h-4.5v-6h-5v6H5a1 1 0 0 1-1-1z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"></path>
        </svg>
    }
}

/// Four tiles.
#[component]
pub fn IconGrid() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <rect x="4" y="4" width="6.5" height="6.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"></rect>
            <rect x="13.5" y="4" width="6.5" height="6.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"></rect>
            <rect x="4" y="13.5" width="6.5" height="6.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"></rect>
            <rect x="13.5" y="13.5" width="6.5" height="6.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="2"></rect>
        </svg>
    }
}

/// Shop front.
#[component]
pub fn IconStore() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M4 9l1.5-5h13L20 9M4 9h16M4 9a2.7 2.7 0 0 0 5.3 0 2.7 2.7 0 0 0 5.4 0 2.7 2.7 0 0 0 5.3 0M5.5 11.5V20h13v-8.5M10 20v-5h4v5" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"></path>
        </svg>
    }
}

/// A person (the member pages).
#[component]
pub fn IconUser() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20.5c.8-3.7 4-6 8-6s7.2 2.3 8 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"></path>
        </svg>
    }
}

/// Circular arrow.
#[component]
pub fn IconRetry() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M19 12a7 7 0 1 1-2.05-4.95M19 4v4.5h-4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"></path>
        </svg>
    }
}

/// Cloud with a slash: the error illustration.
#[component]
pub fn IconOffline() -> impl IntoView {
    view! {
        <svg class="icon icon-lg" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
            <path d="M14 36h21a8 8 0 0 0 1.5-15.85A11 11 0 0 0 15.3 18 9 9 0 0 0 14 36z" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"></path>
            <path d="M8 8l32 32" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"></path>
        </svg>
    }
}

/// Map pin.
#[component]
pub fn IconPin() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M12 21s-6.5-5.6-6.5-11a6.5 6.5 0 0 1 13 0c0 5.4-6.5 11-6.5 11z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"></path>
            <circle cx="12" cy="10" r="2.3" fill="none" stroke="currentColor" stroke-width="2"></circle>
        </svg>
    }
}

/// Close cross.
#[component]
pub fn IconClose() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"></path>
        </svg>
    }
}
