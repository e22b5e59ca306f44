//! The frame around every page: the header (brand, search box, language, my store,
//! wishlist), the footer and the phone's bottom tab bar.

pub mod bottom_nav;
pub mod footer;
pub mod header;

pub use bottom_nav::BottomNav;
pub use footer::Footer;
pub use header::{Header, LanguageSwitch};
