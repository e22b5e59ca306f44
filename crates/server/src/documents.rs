//! The app's documents: the first screen's requests, named in the document that opens it.
//!
//! The app asks for a page's data only once its main wasm module has downloaded and started,
//! and the page's largest picture only once that data has come: on a phone's link, three
//! waits in a row. The server knows the route of the index.html it serves, so it names what
//! that route's first screen will ask for in `Link: rel=preload` headers, and the browser
//! fetches them alongside the wasm. The app's own requests then find them in the browser's
//! cache of preloads: the same URL (built here with the contract's own query encoding), the
//! same mode (`as=fetch` with `crossorigin`, as the app's `fetch()` is CORS mode with
//! same-origin credentials) and, for a picture, the same `srcset` and `sizes`.
//!
//! A static host in front of another backend serves index.html without these headers: the
//! app works the same, a little later.
//!
//! The app's URLs are spelled by `AppRoute` in the app (`src/routes/`); the few first screens
//! named here follow it, and the e2e journeys check that no preloaded answer is fetched twice.

use storefront_api_types::{
    as_requested, percent_decode_bytes, percent_encode, ProductQuery, ProductSort, HOME_SHELF_SIZE,
    LISTING_PAGE_SIZE, PRODUCT_PICTURE_SIZES,
};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;

use crate::state::AppState;

/// Everything no route matched ([`crate::spa::fallback`]: files, index.html, problems), with
/// the first screen's preloads on an app document, and the first screen itself rendered into
/// it when the app can render that route ([`crate::first_screen`]).
pub async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let lang = crate::first_screen::lang_of(req.headers());
    let mut res = crate::spa::fallback(State(state.spa.clone()), req).await;
    let is_document = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if res.status().is_success() && is_document {
        let screen = first_screen(&state, &path, query.as_deref()).await;
        for link in screen.links(state.spa.api_base()) {
            if let Ok(v) = HeaderValue::from_str(&link) {
                res.headers_mut().append(header::LINK, v);
            }
        }
        // the wasm split modules the route's page loads as it is built
        let route = storefront::routes::AppRoute::parse(&path, query.as_deref().unwrap_or(""));
        let modules = state.spa.module_files(route.modules());
        let copy;
        (res, copy) = crate::first_screen::rendered(
            &state,
            res,
            &path,
            query.as_deref(),
            &screen.api,
            lang,
            &modules,
        )
        .await;
        // a document without a copy fetches them alongside its main module (a copy's boot
        // script asks for them with the main module, once the copy is painted)
        if !copy {
            for f in &modules {
                if let Ok(v) = HeaderValue::from_str(&fetch_preload(f)) {
                    res.headers_mut().append(header::LINK, v);
                }
            }
        }
    }
    res
}

/// What the first screen of a route asks for: API paths (`/products?…`, as the contract's
/// query encoding spells them) and `Link` values of its pictures.
#[derive(Debug, Default)]
pub struct FirstScreen {
    /// The API requests, as paths under `/v1`.
    pub api: Vec<String>,
    /// `Link` values preloading the screen's largest picture.
    pub pictures: Vec<String>,
}

impl FirstScreen {
    /// Every `Link` value: the API answers (under `api_base`), then the pictures.
    pub fn links(&self, api_base: &str) -> Vec<String> {
        let base = api_base.trim_end_matches('/');
        self.api
            .iter()
            .map(|p| fetch_preload(&format!("{base}/v1{}", as_requested(p))))
            .chain(self.pictures.iter().cloned())
            .collect()
    }
}

/// A `Link` value preloading `url` as the app's `fetch()` asks for it (CORS mode, same-origin
/// credentials), so the browser reuses the answer.
fn fetch_preload(url: &str) -> String {
    format!("<{url}>; rel=preload; as=fetch; crossorigin=anonymous")
}

/// What the first screen of `path` (with `query`) asks for.
pub async fn first_screen(state: &AppState, path: &str, query: Option<&str>) -> FirstScreen {
    // every page's header shows the categories
    let mut screen = FirstScreen {
        api: vec!["/categories".to_owned()],
        pictures: Vec::new(),
    };
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] => {
            let q = ProductQuery {
                sort: Some(ProductSort::Newest),
                limit: Some(HOME_SHELF_SIZE),
                ..Default::default()
            };
            screen
                .api
                .push(format!("/products?{}", q.to_query_string()));
        }
        ["product", slug] => {
            let Ok(slug) = String::from_utf8(percent_decode_bytes(slug)) else {
                return screen;
            };
            screen
                .api
                .push(format!("/products/{}", percent_encode(&slug)));
            // the main picture, unless a variant is named (the gallery then opens on its
            // colour's first picture)
            let names_variant =
                query.is_some_and(|q| q.split('&').any(|kv| kv.starts_with("variant=")));
            if !names_variant {
                if let Ok(Some(p)) = crate::products::load_product(&state.db, &slug).await {
                    if let Some(img) = p.images.first() {
                        screen.pictures.push(picture(img));
                    }
                }
            }
        }
        ["stores"] => screen.api.push("/stores".to_owned()),
        // a listing's first page and its facets, as a URL without filters asks for them
        ["category", slug] if query.is_none_or(str::is_empty) => {
            if let Ok(slug) = String::from_utf8(percent_decode_bytes(slug)) {
                screen.api.extend(listing(vec![slug], None));
            }
        }
        ["search"] => {
            let pairs: Vec<(&str, &str)> = query
                .unwrap_or("")
                .split('&')
                .filter(|kv| !kv.is_empty())
                .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
                .collect();
            if let [("q", q)] = pairs.as_slice() {
                if let Ok(q) = String::from_utf8(percent_decode_bytes(q)) {
                    let q = q.trim().to_owned();
                    if !q.is_empty() && !q.contains('+') {
                        screen.api.extend(listing(Vec::new(), Some(q)));
                    }
                }
            }
        }
        _ => {}
    }
    screen
}

/// The first page of a listing of `category` or the words `q`, and its facets, as the app's
/// listing asks for them (`ListingScope::query` in `features/catalogue/listing/logic`).
fn listing(category: Vec<String>, q: Option<String>) -> [String; 2] {
    let mut query = ProductQuery {
        sort: Some(ProductSort::default_for(q.is_some())),
        category,
        q,
        ..Default::default()
    };
    let facets = format!("/products/facets?{}", query.to_query_string());
    query.limit = Some(LISTING_PAGE_SIZE);
    [format!("/products?{}", query.to_query_string()), facets]
}

/// A `Link` preloading `img` as the product page's `<img>` will choose it, at high priority.
pub fn picture(img: &storefront_api_types::Image) -> String {
    image_preload(img, PRODUCT_PICTURE_SIZES)
}

/// A `Link` preloading `img` as an `<img>` with its `srcset` ([`Image::srcset_attr`]) and
/// `sizes` will choose it, at high priority (the campaign hero's preload too).
///
/// [`Image::srcset_attr`]: storefront_api_types::Image::srcset_attr
pub fn image_preload(img: &storefront_api_types::Image, sizes: &str) -> String {
    let url = &img.url;
    match img.srcset_attr() {
        Some(set) => format!(
            "<{url}>; rel=preload; as=image; imagesrcset=\"{set}\"; imagesizes=\"{sizes}\"; fetchpriority=high"
        ),
        None => format!("<{url}>; rel=preload; as=image; fetchpriority=high"),
    }
}
