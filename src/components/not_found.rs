use leptos::prelude::*;

use crate::components::text::tr;
use crate::i18n::{set_title, Key};
use crate::state::use_locale;

/// The friendly 404, with a way home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let locale = use_locale();
    Effect::new(move |_| set_title(locale.t(Key::NotFoundTitle), locale.lang()));
    view! { <NotFoundContent title=Key::NotFoundTitle text=Key::NotFoundText /> }
}

/// The body of every "not found" state (unknown route, product or category).
#[component]
pub fn NotFoundContent(
    /// Heading.
    title: Key,
    /// Explanation.
    text: Key,
) -> impl IntoView {
    view! {
        <section class="not-found">
            <p class="not-found-code" aria-hidden="true">"404"</p>
            <h1>{tr(title)}</h1>
            <p>{tr(text)}</p>
            <a href="/" class="btn btn-primary">{tr(Key::BackHome)}</a>
        </section>
    }
}
