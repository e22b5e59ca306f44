//! The membership pages (split module `member`):
//! sign-in or join, the member page with tier and points ledger, the rotating member QR,
//! the coupon wallet, one coupon with its redeem QR, and the `/c/{code}` claim link.
//!
//! What the member needs in a store with no signal is kept on the device as the server
//! sent it ([`crate::storage::keys`]): the member, a batch of member codes covering at
//! least ten minutes, the wallet and each coupon's redeem codes. Pages show the saved copy,
//! labelled with when it was fetched, when the network fails. Signing out (or a session the
//! server no longer knows) removes all of it.
#![allow(improper_ctypes_definitions)]

mod claim;
mod coupon;
mod coupon_hint;
pub mod i18n;
pub mod logic;
mod member_code;
mod member_page;
mod offers;
pub mod qr;
mod saved;
mod sign_in;
mod wallet;

pub use claim::ClaimPage;
pub use coupon::CouponPage;
pub use coupon_hint::CouponHint;
pub use member_code::MemberCodePage;
pub use member_page::MemberPage;
pub use offers::discount_text;
pub use qr::QrSvg;
pub use sign_in::SignIn;
pub use wallet::WalletPage;

use leptos::prelude::*;

use crate::split::split_view;

split_view! {
    /// The member page (sign-in or join when signed out).
    member fn member_page() => view! { <MemberPage /> }
}

split_view! {
    /// The rotating member QR.
    member fn member_code_page() => view! { <MemberCodePage /> }
}

split_view! {
    /// The coupon wallet.
    member fn wallet_page() => view! { <WalletPage /> }
}

split_view! {
    /// One wallet coupon with its redeem QR.
    member fn coupon_page() => view! { <CouponPage /> }
}

split_view! {
    /// A `/c/{code}` claim link.
    member fn claim_page() => view! { <ClaimPage /> }
}

split_view! {
    /// "2 of your coupons apply" on a product page.
    member fn coupon_hint(product_id: String) => view! { <CouponHint product_id=product_id /> }
}
