//! (issue 16, being built) The insight dashboard.

use leptos::prelude::*;

/// `/marketing/insight`.
#[component]
pub fn InsightPage() -> impl IntoView {
    view! { <main id="main" class="page insight-page"></main> }
}
