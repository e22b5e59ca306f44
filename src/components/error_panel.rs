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

/// A failed request: what happened, in the shopper's language, and a Retry button.
#[component]
pub fn ErrorPanel(
    /// What failed.
    error: ApiError,
    /// Called when the shopper presses Retry.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let (title, text) = error_keys(&error);
    let code = error.code();
    view! {
        <div class="error-panel" role="alert">
            <IconOffline />
            <p class="error-title">{tr(title)}</p>
            <p class="error-text">{tr(text)}</p>
            <p class="error-code">{by_lang(move |lang| error_code(lang, &code))}</p>
            <button type="button" class="btn btn-primary" on:click=move |_| on_retry.run(())>
                <IconRetry />
                <span>{tr(Key::Retry)}</span>
            </button>
        </div>
    }
}
