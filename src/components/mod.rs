//! Presentational pieces shared by the features (a piece used by one feature lives in
//! that feature's folder).

pub mod breadcrumbs;
pub mod deferred;
pub mod error_panel;
pub mod icons;
pub mod modal;
pub mod not_found;
pub mod price;
pub mod product_card;
pub mod share;
pub mod skeletons;
pub mod text;
pub mod wishlist_button;

pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use error_panel::ErrorPanel;
pub use not_found::{NotFoundContent, NotFoundPage};
pub use price::Price;
pub use product_card::{ProductCard, ProductGrid};
pub use skeletons::{SkeletonGrid, SkeletonProduct, SkeletonTiles};
pub use wishlist_button::{WishlistButton, WishlistLink, WishlistNotice, WishlistToggle};
