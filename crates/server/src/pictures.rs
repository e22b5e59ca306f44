//! Where the generated pictures are served and at which widths: the URLs and `srcset`s
//! the API hands out (the pictures themselves are drawn by `storefront-demo`).

use storefront_api_types::ImageSource;

/// Every width `?w=` accepts.
pub const MEDIA_WIDTHS: [u32; 3] = [400, 800, 1200];
/// `srcset` widths of product cards and category tiles.
pub const CARD_WIDTHS: [u32; 2] = [400, 800];
/// `srcset` widths of product gallery pictures.
pub const GALLERY_WIDTHS: [u32; 3] = [400, 800, 1200];

/// `/media/products/{id}/{n}.jpg`.
pub fn image_url(product_id: &str, position: i64) -> String {
    format!("/media/products/{product_id}/{position}.jpg")
}

/// The `srcset` of a generated picture: the same URL with `?w=` for each width.
pub fn srcset(url: &str, widths: &[u32]) -> Vec<ImageSource> {
    widths
        .iter()
        .map(|&width| ImageSource {
            url: format!("{url}?w={width}"),
            width,
        })
        .collect()
}
