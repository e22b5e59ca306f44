//! [`Load`]: an API request as a signal. It does what the app needed from Leptos's
//! `LocalResource` + `Transition`, with much less code in the wasm (no async-derived
//! machinery, no suspense boundaries): the request reruns when a signal it read changes,
//! the previous answer stays on screen while the next one loads, and an answer that
//! arrives after a newer request started is dropped.

#[cfg(target_arch = "wasm32")]
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::ApiError;

/// The latest answer of a request: `None` until the first one arrives.
pub struct Load<T: 'static> {
    value: RwSignal<Option<Result<T, ApiError>>, LocalStorage>,
    version: RwSignal<u32>,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Load<T> {}

/// Starts `fetch` now and again whenever a signal it reads (before its first `.await`)
/// changes, or [`Load::refetch`] is called.
pub fn load<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> Load<T>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let value = RwSignal::new_local(None);
    let version = RwSignal::new(0u32);
    // natively, a server renders the first screen (`crate::first_screen`): the answers it
    // supplied are there at once, and nothing runs afterwards
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut request = Box::pin(untrack(&fetch));
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        if let std::task::Poll::Ready(answer) = request.as_mut().poll(&mut cx) {
            value.set(Some(answer));
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        let latest = Rc::new(Cell::new(0u32));
        // owned by the component: it stops when the component is gone
        Effect::new(move |_| {
            version.track();
            let request = fetch();
            let ticket = latest.get().wrapping_add(1);
            latest.set(ticket);
            let latest = Rc::clone(&latest);
            leptos::task::spawn_local(async move {
                let answer = request.await;
                if latest.get() == ticket {
                    value.try_set(Some(answer));
                }
            });
        });
    }
    Load { value, version }
}

impl<T: Clone + 'static> Load<T> {
    /// The latest answer (tracked).
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.value.get()
    }

    /// The latest answer (not tracked).
    pub fn get_untracked(&self) -> Option<Result<T, ApiError>> {
        self.value.get_untracked()
    }
}

impl<T: 'static> Load<T> {
    /// Sends the request again (the current answer stays until the new one arrives).
    pub fn refetch(&self) {
        self.version.update(|v| *v = v.wrapping_add(1));
    }
}

/// [`load`] that also asks again every `every_ms` while its owner lives and the page is
/// visible, keeping the
/// current answer (and the DOM built from it) when the new one is equal: a live figure.
/// A failed poll after a good answer keeps the good answer (the next poll retries).
pub fn load_polled<T, Fut>(fetch: impl Fn() -> Fut + 'static, every_ms: u32) -> Load<T>
where
    T: PartialEq + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let fetch = Rc::new(fetch);
    let loaded = {
        let fetch = Rc::clone(&fetch);
        load(move || fetch())
    };
    let value = loaded.value;
    let interval = gloo_timers::callback::Interval::new(every_ms, move || {
        // nobody is looking: no request (the next tick after the tab returns asks again)
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        if hidden {
            return;
        }
        let request = untrack(|| fetch());
        leptos::task::spawn_local(async move {
            let answer = request.await;
            let keep = value
                .try_with_untracked(|v| match (v, &answer) {
                    (Some(Ok(old)), Ok(new)) => old == new,
                    (Some(Ok(_)), Err(_)) => true,
                    _ => false,
                })
                .unwrap_or(true);
            if !keep {
                value.try_set(Some(answer));
            }
        });
    });
    let interval = StoredValue::new_local(Some(interval));
    on_cleanup(move || {
        interval.try_update_value(Option::take);
    });
    loaded
}
