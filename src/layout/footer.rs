use crate::components::text::tr;
use leptos::prelude::*;

use crate::components::icons::LogoMark;
use crate::i18n::{Key, BRAND_EN, BRAND_ZH};
use crate::routes::AppRoute;

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="footer-inner">
                <div class="footer-brand">
                    <p class="footer-logo">
                        <LogoMark />
                        <span class="brand-name" lang="zh-CN">{BRAND_ZH}</span>
                        <span class="brand-latin" lang="en">{BRAND_EN}</span>
                    </p>
                    <p>{tr(Key::FooterAbout)}</p>
                </div>
                <nav class="footer-links" aria-label=tr(Key::FooterShop)>
                    <p class="footer-heading">{tr(Key::FooterShop)}</p>
                    <ul>
                        <li><a href=AppRoute::search_sorted("", storefront_api_types::ProductSort::Newest).to_href()>{tr(Key::NewArrivals)}</a></li>
                        <li><a href=AppRoute::Stores.to_href()>{tr(Key::StoresTitle)}</a></li>
                        <li><a href=AppRoute::Reservations.to_href()>{tr(Key::MyReservations)}</a></li>
                        <li><a href=AppRoute::Privacy.to_href()>{tr(Key::PrivacyChoices)}</a></li>
                    </ul>
                </nav>
                <div class="footer-help">
                    <p class="footer-heading">{tr(Key::FooterHelp)}</p>
                    <p>{tr(Key::FooterCustomerService)}</p>
                    <p>{tr(Key::PickupNote)}</p>
                </div>
            </div>
            <p class="footer-legal">{tr(Key::FooterRights)}</p>
        </footer>
    }
}
