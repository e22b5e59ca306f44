//! A piece of the app that lives in a separately loaded wasm module (see `crate::split`).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::tachys::view::{any_view::AnyViewState, Mountable, Render};
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos::wasm_split::SplitLoaderError;

use crate::api::ApiError;
use crate::components::ErrorPanel;

/// What [`Deferred`] calls: a split function, its future boxed so that one copy of
/// [`Deferred`]'s code serves every split point (a generic copy per use cost the main module
/// about a kilobyte each).
type LoadFn = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>>;

/// Loads a split-off view with `load` and mounts it in place. While the module downloads a
/// quiet placeholder (`busy`) holds the place; when it cannot be downloaded (offline, server
/// gone) the shopper sees why and a Retry button, and the rest of the app keeps working.
#[component]
pub fn Deferred<L, Fut>(
    /// Calls the split function: resolves once its module is loaded, with the view built.
    load: L,
    /// Class of the placeholder box (its size avoids a jump when the view arrives).
    #[prop(optional)]
    class: &'static str,
    /// When to start loading (at once without it): e.g. [`soon`], for a part below the
    /// first screen. The placeholder is there from the start.
    #[prop(optional, into)]
    when: Option<Signal<bool>>,
) -> impl IntoView
where
    L: Fn() -> Fut + Copy + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    deferred(Rc::new(move || Box::pin(load())), class, when)
}

/// [`Deferred`]'s one body.
fn deferred(load: LoadFn, class: &'static str, when: Option<Signal<bool>>) -> AnyView {
    let host = NodeRef::<leptos::html::Div>::new();
    let state = RwSignal::new(Load::Loading);
    let attempt = RwSignal::new(0u32);
    let mounted = StoredValue::new_local(None::<AnyViewState>);
    let load = StoredValue::new_local(load);
    // the attempt a load was started for: `when` turning off and on again does not start
    // (and mount) it twice
    let started = StoredValue::new(None::<u32>);
    // the load belongs to the component, not to one run of the effect below: a run started
    // again (by `when` or anything it reads) must not cancel a load under way
    let owner = Owner::current();
    Effect::new(move |_| {
        let n = attempt.get();
        if started.get_value() == Some(n) || when.is_some_and(|w| !w.get()) {
            return;
        }
        let Some(el) = host.get() else {
            return;
        };
        let Some(load) = load.try_get_value() else {
            return;
        };
        started.set_value(Some(n));
        state.set(Load::Loading);
        // Cancelled with its owner: a shopper who leaves the page before the module arrives
        // must not have the view built from the left page's disposed signals (that panicked).
        let task = async move {
            match load().await {
                Ok(view) => {
                    let mut built = view.build();
                    built.mount(&el, None);
                    mounted.set_value(Some(built));
                    state.set(Load::Ready);
                }
                Err(_) => state.set(Load::Failed),
            }
        };
        match &owner {
            Some(o) => o.with(|| spawn_local_scoped_with_cancellation(task)),
            None => spawn_local_scoped_with_cancellation(task),
        }
    });
    view! {
        <div node_ref=host class=move || match state.get() {
            Load::Ready => "deferred",
            _ => if class.is_empty() { "deferred deferred-busy" } else { class },
        } aria-busy=move || (state.get() == Load::Loading).then_some("true")>
            {move || (state.get() == Load::Failed).then(|| view! {
                <ErrorPanel error=ApiError::Network on_retry=move |()| attempt.update(|n| *n += 1) />
            })}
        </div>
    }
    .into_any()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Load {
    Loading,
    Ready,
    Failed,
}

/// Turns true `ms` after the caller is built (never if it is gone by then): when a part
/// below the first screen, or one that can wait like the consent sheet, starts loading its
/// module, so the first screen's own requests have the link to themselves.
pub fn soon(ms: u32) -> Signal<bool> {
    let ready = RwSignal::new(false);
    leptos::task::spawn_local_scoped(async move {
        gloo_timers::future::TimeoutFuture::new(ms).await;
        ready.try_set(true);
    });
    ready.into()
}
