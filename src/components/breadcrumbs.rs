use crate::components::text::tr;
use leptos::prelude::*;
use storefront_api_types::LocalizedText;

use crate::i18n::Key;
use crate::state::use_locale;

/// One step of the trail; the last one is the current page and has no link.
#[derive(Debug, Clone, PartialEq)]
pub struct Crumb {
    /// Label in both languages.
    pub label: LocalizedText,
    /// Where it leads.
    pub href: Option<String>,
}

impl Crumb {
    /// The home step.
    pub fn home() -> Self {
        Crumb {
            label: LocalizedText::new("首页", "Home"),
            href: Some("/".to_owned()),
        }
    }
}

/// The trail from home to the current page.
#[component]
pub fn Breadcrumbs(
    /// Steps, home first.
    crumbs: Vec<Crumb>,
) -> impl IntoView {
    let locale = use_locale();
    let last = crumbs.len().saturating_sub(1);
    view! {
        <nav class="breadcrumbs" aria-label=tr(Key::Breadcrumbs)>
            <ol>
                {crumbs
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let label = c.label;
                        let text = move || label.get(locale.lang()).to_owned();
                        match c.href.filter(|_| i != last) {
                            Some(href) => view! { <li><a href=href>{text}</a></li> }.into_any(),
                            None => view! { <li><span aria-current="page">{text}</span></li> }.into_any(),
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
