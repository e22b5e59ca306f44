//! The catalogue, in the main module: the home page, the category and search listings
//! with their facets, the search box, and the product page with its gallery, variants and
//! share button. The gallery's zoom view ([`zoom`]) is the split module `zoom`.

pub mod category;
pub mod dates;
pub mod gallery;
pub mod home;
pub mod listing;
pub mod product;
pub mod search;
pub mod search_box;
pub mod share;
pub mod variants;
pub mod zoom;

pub use category::CategoryPage;
pub use home::HomePage;
pub use product::ProductPage;
pub use search::SearchPage;
pub use search_box::{remember_search, SearchBox};
