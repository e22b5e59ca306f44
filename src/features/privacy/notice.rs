//! The privacy notice per purpose (what, why, for how long, who sees it), shown by the
//! sheet's details and by the privacy page next to each choice.

use leptos::prelude::*;

use super::i18n::{pt, PKey};

/// Which purpose a notice describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Always on.
    Necessary,
    /// Events.
    Analytics,
    /// Recommendations from history.
    Personalisation,
}

impl Purpose {
    fn rows(self) -> [(PKey, PKey); 4] {
        match self {
            Purpose::Necessary => [
                (PKey::WhatLabel, PKey::NecessaryWhat),
                (PKey::WhyLabel, PKey::NecessaryWhy),
                (PKey::Keep, PKey::NecessaryKeep),
                (PKey::WhoSees, PKey::WhoSeesStaff),
            ],
            Purpose::Analytics => [
                (PKey::WhatLabel, PKey::AnalyticsWhat),
                (PKey::WhyLabel, PKey::AnalyticsWhy),
                (PKey::Keep, PKey::KeepDays),
                (PKey::WhoSees, PKey::WhoSeesStaff),
            ],
            Purpose::Personalisation => [
                (PKey::WhatLabel, PKey::PersonalWhat),
                (PKey::WhyLabel, PKey::PersonalWhy),
                (PKey::Keep, PKey::KeepDays),
                (PKey::WhoSees, PKey::WhoSeesStaff),
            ],
        }
    }

    /// The purpose's name.
    pub fn name(self) -> PKey {
        match self {
            Purpose::Necessary => PKey::Necessary,
            Purpose::Analytics => PKey::Analytics,
            Purpose::Personalisation => PKey::Personalisation,
        }
    }
}

/// What, why, how long and who, for one purpose.
#[component]
pub fn PurposeNotice(purpose: Purpose) -> impl IntoView {
    view! {
        <dl class="consent-notice">
            {purpose
                .rows()
                .into_iter()
                .map(|(label, text)| view! { <dt>{pt(label)}</dt> <dd>{pt(text)}</dd> })
                .collect_view()}
        </dl>
    }
}

/// The notice of every purpose, each under its name.
#[component]
pub fn FullNotice() -> impl IntoView {
    view! {
        <div class="consent-full">
            {[Purpose::Necessary, Purpose::Analytics, Purpose::Personalisation]
                .into_iter()
                .map(|p| view! {
                    <h3 class="consent-purpose">{pt(p.name())}</h3>
                    <PurposeNotice purpose=p />
                })
                .collect_view()}
        </div>
    }
}
