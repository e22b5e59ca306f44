//! What the membership pages keep on the device (see the module doc of
//! [`crate::features::member`]) and the small pieces they share: the saved-copy notice and
//! a clock that ticks every second.

use std::future::Future;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::i18n::{mt, MKey};
use super::logic::saved_json;
use crate::api::{ApiError, Kept};
use crate::components::text::by_lang;
use crate::dom::{format_in_zone, now_unix};
use crate::storage::{self, keys};

/// A copy kept on the device: the server's answer and when it was fetched.
#[derive(Deserialize)]
pub(super) struct Saved<T> {
    /// When it was fetched (Unix seconds).
    pub saved_at: i64,
    /// The server's answer.
    pub data: T,
}

/// An answer: fresh from the server (`None`) or the saved copy of that time.
pub(super) type Fetched<T> = (T, Option<i64>);

/// The answer of `request`; a fresh answer is saved under `key`. When the network fails,
/// the copy saved earlier answers instead. A 401 means the session is gone: everything
/// saved is removed.
pub(super) async fn fetch_saved<T: DeserializeOwned>(
    request: impl Future<Output = Result<Kept<T>, ApiError>>,
    key: &str,
) -> Result<Fetched<T>, ApiError> {
    match request.await {
        Ok(Kept { value, body }) => {
            let _ = storage::write_raw(key, &saved_json(now_unix(), &body));
            Ok((value, None))
        }
        Err(e @ (ApiError::Network | ApiError::Timeout)) => {
            saved::<T>(key).map(|s| (s.data, Some(s.saved_at))).ok_or(e)
        }
        Err(e) => {
            if e.is_unauthenticated() {
                forget_member();
            }
            Err(e)
        }
    }
}

/// The copy saved under `key`, if any.
pub(super) fn saved<T: DeserializeOwned>(key: &str) -> Option<Saved<T>> {
    storage::read_json::<Saved<T>>(key)
}

/// Removes everything kept about the member on this device.
pub(super) fn forget_member() {
    for key in [keys::MEMBER, keys::MEMBER_TOKENS, keys::WALLET] {
        let _ = storage::remove(key);
    }
    storage::remove_prefixed(keys::COUPON_TOKENS);
}

/// "Updated 11月24日 15:30" for a saved copy, with the offline notice.
#[component]
pub(super) fn SavedNotice(
    /// When the copy shown was fetched (`None`: fresh from the server).
    at: Option<i64>,
) -> impl IntoView {
    at.map(|at| {
        view! {
            <p class="saved-notice" role="status">
                <span>{mt(MKey::Offline)}</span>
                " "
                <span>{mt(MKey::UpdatedAt)}" "{by_lang(move |lang| format_in_zone(at, "", lang).unwrap_or_default())}</span>
            </p>
        }
    })
}

/// Ticks every second while the page is shown; returns the current Unix time.
pub(super) fn clock() -> ReadSignal<i64> {
    let (now, set_now) = signal(now_unix());
    let interval = gloo_timers::callback::Interval::new(1_000, move || {
        set_now.try_set(now_unix());
    });
    let interval = StoredValue::new_local(Some(interval));
    on_cleanup(move || {
        interval.try_update_value(Option::take);
    });
    now
}
