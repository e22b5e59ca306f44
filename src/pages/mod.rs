//! One page per route.

mod category;
mod home;
pub mod member;
mod not_found;
mod product;
mod reservations;
mod search;
mod stores;
mod tour;
mod wishlist;

pub use category::CategoryPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use product::ProductPage;
pub use reservations::{ReservationPage, ReservationsPage};
pub use search::SearchPage;
pub use stores::StoresPage;
pub use tour::TourPage;
pub use wishlist::WishlistPage;
