//! Presentational pieces shared by the pages.

pub mod bottom_nav;
pub mod breadcrumbs;
pub mod error_panel;
pub mod footer;
pub mod header;
pub mod icons;
pub mod listing;
pub mod price;
pub mod product_card;
pub mod skeletons;
pub mod sort_select;

pub use bottom_nav::BottomNav;
pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use error_panel::ErrorPanel;
pub use footer::Footer;
pub use header::{Header, LanguageSwitch};
pub use listing::Listing;
pub use price::Price;
pub use product_card::{ProductCard, ProductGrid};
pub use skeletons::{SkeletonGrid, SkeletonProduct, SkeletonTiles};
pub use sort_select::SortSelect;
