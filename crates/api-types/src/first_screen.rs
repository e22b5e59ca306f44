//! What the app's first screens ask for, stated once for two sides that must agree: the app,
//! and a server that names those requests in the document it serves (`Link: rel=preload`,
//! see the reference server's `spa/hints.rs`). A browser reuses a preload only when the
//! request is the same: the same URL, byte for byte, and for a picture the same `srcset` and
//! `sizes`. Presentation rather than data, but here so that neither side keeps a copy.

/// The `sizes` of the product page's main picture: the left column from 768 px (max page
/// 1440 px), else the full width.
pub const PRODUCT_PICTURE_SIZES: &str =
    "(min-width: 1800px) 900px, (min-width: 1440px) 720px, (min-width: 768px) 52vw, 100vw";

/// How many products the home page's "new arrivals" shelf asks for: 12 fill whole rows of 2,
/// 3, 4 and 6 columns (the CSS shows 10 of them on 5 columns).
pub const HOME_SHELF_SIZE: u32 = 12;

/// Products per page of a listing (a category, a search) while scrolling.
pub const LISTING_PAGE_SIZE: u32 = 48;

/// The URL the app's HTTP client (gloo-net 0.6) requests for `path_and_query`: it appends
/// its own (empty) query parameters after an `&` when the URL already has a query.
pub fn as_requested(path_and_query: &str) -> String {
    if path_and_query.contains('?') {
        format!("{path_and_query}&")
    } else {
        path_and_query.to_owned()
    }
}
