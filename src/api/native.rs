//! The API client natively: a server rendering a page's first screen with the app's own
//! components (`crate::first_screen`) supplies the answers that screen asks for, exactly as
//! it would send them, and the client reads them from here instead of the network.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::de::DeserializeOwned;

use super::{decode, ApiError};

thread_local! {
    /// Full request URL (as the client spells it) → status and body.
    static ANSWERS: RefCell<HashMap<String, (u16, String)>> = RefCell::new(HashMap::new());
}

/// Makes `answers` (URL, status, body) the ones the client gets on this thread, replacing
/// any earlier ones.
pub fn supply(answers: impl IntoIterator<Item = (String, u16, String)>) {
    ANSWERS.with_borrow_mut(|a| {
        a.clear();
        a.extend(
            answers
                .into_iter()
                .map(|(url, status, body)| (key(&url).to_owned(), (status, body))),
        );
    });
}

/// Forgets the supplied answers.
pub fn clear() {
    ANSWERS.with_borrow_mut(HashMap::clear);
}

/// `url` as a key: the browser's spelling of a query may end in `&` (gloo-net's), the app's not;
/// an empty query (`/stores?`) is no query.
fn key(url: &str) -> &str {
    url.trim_end_matches('&').trim_end_matches('?')
}

/// The supplied answer for `url`, decoded as the browser's would be; `None` for a URL
/// nobody supplied (the page shows what it shows while it waits).
pub fn answer<T: DeserializeOwned>(url: &str) -> Option<Result<T, ApiError>> {
    ANSWERS.with_borrow(|a| a.get(key(url)).map(|(status, body)| decode(*status, body)))
}
