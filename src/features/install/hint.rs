//! The once-only iOS "Add to Home Screen" hint: a note at the bottom of the page, not a
//! modal (the shop stays usable behind it, no focus is taken), with one button that closes
//! it. It is remembered as shown as soon as it appears, so it never comes back.

use leptos::prelude::*;

use super::i18n::{it, IKey};
use crate::storage::{self, keys};

/// The hint.
#[component]
pub fn IosInstallHint() -> impl IntoView {
    let open = RwSignal::new(true);
    // never over the consent sheet: shown once the privacy choice is made
    let consent = crate::state::use_consent();
    let decided = move || consent.0.with(Option::is_some);
    // shown once: kept as soon as it shows, so a shopper who leaves without closing it is
    // not asked again
    Effect::new(move |_| {
        if decided() {
            let _ = storage::write_raw(keys::INSTALL_HINT, "1");
        }
    });
    move || {
        (open.get() && decided()).then(|| {
            view! {
                <aside class="install-hint" aria-label=it(IKey::HintLabel)>
                    <svg class="install-hint-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
                        <path d="M12 3v12M7.5 7.5 12 3l4.5 4.5M6 11H5v10h14V11h-1" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"></path>
                    </svg>
                    <div class="install-hint-text">
                        <p class="install-hint-title">{it(IKey::HintTitle)}</p>
                        <p>{it(IKey::HintText)}</p>
                    </div>
                    <button type="button" class="btn btn-secondary install-hint-close" on:click=move |_| open.set(false)>
                        {it(IKey::Dismiss)}
                    </button>
                </aside>
            }
        })
    }
}
