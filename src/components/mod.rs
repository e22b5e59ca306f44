//! Presentational pieces shared by the pages.

pub mod bottom_nav;
pub mod breadcrumbs;
pub mod deferred;
pub mod error_panel;
pub mod facets;
pub mod footer;
pub mod gallery;
pub mod header;
pub mod icons;
pub mod listing;
pub mod modal;
pub mod price;
pub mod product_card;
pub mod reserve;
pub mod search_box;
pub mod share;
pub mod skeletons;
pub mod sort_select;
pub mod stock;
pub mod text;
pub mod virtual_grid;
pub mod wishlist_button;
pub mod zoom;

pub use bottom_nav::BottomNav;
pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use error_panel::ErrorPanel;
pub use footer::Footer;
pub use gallery::Gallery;
pub use header::{Header, LanguageSwitch};
pub use listing::Listing;
pub use price::Price;
pub use product_card::{ProductCard, ProductGrid};
pub use search_box::{remember_search, SearchBox};
pub use skeletons::{SkeletonGrid, SkeletonProduct, SkeletonTiles};
pub use sort_select::SortSelect;
pub use wishlist_button::{WishlistButton, WishlistLink, WishlistNotice, WishlistToggle};
