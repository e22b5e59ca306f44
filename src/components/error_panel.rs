use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::icons::{IconOffline, IconRetry};
use crate::components::text::{by_lang, tr};
use crate::i18n::{error_code, Key};

/// The localized title and explanation of an error.
pub fn error_keys(error: &ApiError) -> (Key, Key) {
    match error {
        ApiError::Network => (Key::ErrNetworkTitle, Key::ErrNetworkText),
        ApiError::Timeout => (Key::ErrTimeoutTitle, Key::ErrTimeoutText),
        e if e.is_not_found() => (Key::ErrNotFoundTitle, Key::ErrNotFoundText),
        ApiError::Http { status, .. } if *status >= 500 => {
            (Key::ErrServerTitle, Key::ErrServerText)
        }
        ApiError::Http { .. } => (Key::ErrRequestTitle, Key::ErrRequestText),
        ApiError::Decode(_) => (Key::ErrDecodeTitle, Key::ErrDecodeText),
    }
}

/// Whether an error may pass by itself (no connection, a timeout, a server failure).
fn passes(error: &ApiError) -> bool {
    matches!(error, ApiError::Network | ApiError::Timeout)
        || matches!(error, ApiError::Http { status, .. } if *status >= 500)
}

/// A failed request: what happened, in the shopper's language, and a Retry button; the
/// technical code only as a detail. When the failure may pass by itself, the panel also
/// recovers without a tap: at the browser's `online` event, or once a background check
/// (after 2, 4, 8, 16, then every 30 s) finds the server answering again.
#[component]
pub fn ErrorPanel(
    /// What failed.
    error: ApiError,
    /// Called when the shopper presses Retry (and when the connection comes back).
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let (title, text) = error_keys(&error);
    let code = error.code();
    let heading = NodeRef::<leptos::html::H2>::new();
    // the page's heading when nothing else is (a page that failed to load)
    Effect::new(move |_| {
        let Some(h) = heading.get() else { return };
        let lone = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("main h1, main [aria-level='1']")
                    .ok()
                    .flatten()
            })
            .is_none();
        if lone {
            let _ = h.set_attribute("aria-level", "1");
        }
    });
    if passes(&error) {
        let alive = StoredValue::new(true);
        let done = StoredValue::new(false);
        let recover = move || {
            if alive.try_get_value() == Some(true) && done.try_get_value() == Some(false) {
                done.set_value(true);
                on_retry.run(());
            }
        };
        let online = window_event_listener(leptos::ev::online, move |_| recover());
        on_cleanup(move || {
            alive.set_value(false);
            online.remove();
        });
        let api = crate::state::use_api();
        leptos::task::spawn_local(async move {
            let mut wait_ms = 2_000;
            loop {
                gloo_timers::future::TimeoutFuture::new(wait_ms).await;
                if alive.try_get_value() != Some(true) {
                    return;
                }
                if api.categories().await.is_ok() {
                    recover();
                    return;
                }
                wait_ms = (wait_ms * 2).min(30_000);
            }
        });
    }
    view! {
        <div class="error-panel" role="alert">
            <IconOffline />
            <h2 class="error-title" node_ref=heading>{tr(title)}</h2>
            <p class="error-text">{tr(text)}</p>
            <button type="button" class="btn btn-primary" on:click=move |_| on_retry.run(())>
                <IconRetry />
                <span>{tr(Key::Retry)}</span>
            </button>
            <details class="error-code">
                <summary>{tr(Key::Details)}</summary>
                {by_lang(move |lang| error_code(lang, &code))}
            </details>
        </div>
    }
}
