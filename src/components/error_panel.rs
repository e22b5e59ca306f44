use crate::components::text::tr;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::icons::{IconOffline, IconRetry};
use crate::i18n::{error_code, Key};
use crate::state::use_locale;

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
    let locale = use_locale();
    let (title, text) = error_keys(&error);
    let code = error.code();
    view! {
        <div class="error-panel" role="alert">
            <IconOffline />
            <p class="error-title">{move || locale.t(title)}</p>
            <p class="error-text">{move || locale.t(text)}</p>
            <p class="error-code">{move || error_code(locale.lang(), &code)}</p>
            <button type="button" class="btn btn-primary" on:click=move |_| on_retry.run(())>
                <IconRetry />
                <span>{tr(Key::Retry)}</span>
            </button>
        </div>
    }
}
