//! The way back to a listing (see the module doc of [`super`]): the snapshots kept in
//! memory and the reload records in `sessionStorage`, the history entry's tag, and the
//! fetch of as many products as were loaded.

use std::cell::RefCell;
use std::sync::Arc;

use storefront_api_types::{ProductFacets, ProductQuery, ProductSummary};
use wasm_bindgen::JsValue;

use super::logic::{PAGE_SIZE, RESTORE_PAGE_SIZE};
use crate::api::{ApiClient, ApiError};
use crate::routes::AppRoute;

pub(super) type Items = Vec<Arc<ProductSummary>>;
pub(super) type Facets = Option<Result<ProductFacets, ApiError>>;

/// A listing as the shopper left it.
#[derive(Clone)]
pub(super) struct Snapshot {
    /// The listing's URL.
    pub href: String,
    /// The products loaded.
    pub items: Items,
    /// The cursor of the next page.
    pub next: Option<String>,
    /// How many products match.
    pub total: u64,
    /// The facets shown.
    pub facets: Option<ProductFacets>,
    /// The grid's anchor item and the px below it.
    pub at: (usize, f64),
    /// The product that was opened.
    pub focus: Option<usize>,
}

thread_local! {
    pub(super) static CACHE: RefCell<Vec<(String, Snapshot)>> = const { RefCell::new(Vec::new()) };
}
/// Listings kept in memory.
const CACHE_MAX: usize = 6;
/// The `history.state` property naming a listing entry.
pub(super) const ENTRY_KEY: &str = "sfListing";
/// sessionStorage key prefix of the reload records: `count anchor within focus href`.
pub(super) const SESSION_PREFIX: &str = "storefront.listing.";

/// The first page failed, is loading, or is shown.
#[derive(Clone)]
pub(super) enum Phase {
    /// The first page is being fetched.
    Loading,
    /// Shown.
    Ready,
    /// The first page failed.
    Failed(ApiError),
}

/// The id of the current history entry's listing, tagging the entry first when `create`.
/// `None` unless the address bar shows `href` (during a navigation from one listing to
/// another the entry may still be the previous one's).
pub(super) fn entry_id(href: &str, create: bool) -> Option<String> {
    let win = crate::dom::window()?;
    let loc = win.location();
    if AppRoute::parse(&loc.pathname().ok()?, &loc.search().ok()?).to_href() != href {
        return None;
    }
    let history = win.history().ok()?;
    let key = JsValue::from_str(ENTRY_KEY);
    if let Some(id) = js_sys::Reflect::get(&history.state().ok()?, &key)
        .ok()
        .and_then(|v| v.as_string())
    {
        return Some(id);
    }
    if !create {
        return None;
    }
    let id = ((js_sys::Math::random() * 1e15) as u64).to_string();
    let state = js_sys::Object::new();
    js_sys::Reflect::set(&state, &key, &JsValue::from_str(&id)).ok()?;
    history.replace_state(&state, "").ok()?;
    Some(id)
}

/// The session storage, when the browser allows it.
pub(super) fn session() -> Option<web_sys::Storage> {
    crate::dom::window()?.session_storage().ok()?
}

/// Reads a reload record: products loaded, anchor item, px below it, opened item.
pub(super) fn parse_resume(record: &str, href: &str) -> Option<(usize, usize, f64, Option<usize>)> {
    let mut parts = record.splitn(5, ' ');
    let mut num = || parts.next()?.parse::<i64>().ok();
    let (count, anchor, within, focus) = (num()?, num()?, num()?, num()?);
    (parts.next()? == href).then_some((
        usize::try_from(count).ok()?,
        usize::try_from(anchor).ok()?,
        within as f64,
        usize::try_from(focus).ok(),
    ))
}

/// Every product of `query` up to at least `want` (one page when `want` is small).
pub(super) async fn fetch_pages(
    api: &ApiClient,
    mut query: ProductQuery,
    want: usize,
) -> Result<(Items, Option<String>, u64), ApiError> {
    let mut items = Items::new();
    if want > PAGE_SIZE as usize {
        query.limit = Some(RESTORE_PAGE_SIZE);
    }
    loop {
        let page = api.products(&query).await?;
        items.extend(page.data.into_iter().map(Arc::new));
        if items.len() >= want || page.next_cursor.is_none() {
            return Ok((items, page.next_cursor, page.total));
        }
        query.cursor = page.next_cursor;
    }
}

/// Natively (a server rendering the first screen, `crate::first_screen`, where effects never
/// run): the first page of `query` at once, when the server supplied its answer.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn first_page_now(
    api: &ApiClient,
    query: ProductQuery,
) -> Option<(Items, Option<String>, u64)> {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let mut first = Box::pin(fetch_pages(api, query, PAGE_SIZE as usize));
    match first.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(page)) => Some(page),
        _ => None,
    }
}

/// Keeps `snap` under the history entry `id`: in memory, and its reload record in
/// `sessionStorage` (`count anchor within focus href`).
pub(super) fn keep(id: String, snap: Snapshot) {
    let record = format!(
        "{} {} {} {} {}",
        snap.items.len(),
        snap.at.0,
        snap.at.1 as i64,
        snap.focus.map_or(-1, |f| f as i64),
        snap.href
    );
    if let Some(s) = session() {
        let _ = s.set_item(&format!("{SESSION_PREFIX}{id}"), &record);
    }
    CACHE.with_borrow_mut(|c| {
        c.retain(|(k, _)| *k != id);
        if c.len() >= CACHE_MAX {
            c.remove(0);
        }
        c.push((id, snap));
    });
}
