use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::icons::LogoMark;
use crate::i18n::{Key, BRAND_EN, BRAND_ZH};
use crate::routes::AppRoute;
use crate::state::use_locale;

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    let locale = use_locale();
    view! {
        <footer class="site-footer">
            <div class="footer-inner">
                <div class="footer-brand">
                    <p class="footer-logo">
                        <LogoMark />
                        <span class="brand-name" lang="zh-CN">{BRAND_ZH}</span>
                        <span class="brand-latin" lang="en">{BRAND_EN}</span>
                    </p>
                    <p>{move || locale.t(Key::FooterAbout)}</p>
                </div>
                <nav class="footer-links" aria-label=move || locale.t(Key::FooterShop)>
                    <p class="footer-heading">{move || locale.t(Key::FooterShop)}</p>
                    <ul>
                        <li><A href=AppRoute::search_sorted("", storefront_api_types::ProductSort::Newest).to_href()>{move || locale.t(Key::NewArrivals)}</A></li>
                        <li><A href=AppRoute::Stores.to_href()>{move || locale.t(Key::StoresTitle)}</A></li>
                    </ul>
                </nav>
                <div class="footer-help">
                    <p class="footer-heading">{move || locale.t(Key::FooterHelp)}</p>
                    <p>{move || locale.t(Key::FooterCustomerService)}</p>
                    <p>{move || locale.t(Key::PickupNote)}</p>
                </div>
            </div>
            <p class="footer-legal">{move || locale.t(Key::FooterRights)}</p>
        </footer>
    }
}
