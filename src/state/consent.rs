//! The shopper's privacy choices (PIPL: consent per purpose, withdrawal as easy as
//! consent). Necessary processing needs no consent; analytics (events) and personalisation
//! (recommendations from the member's history on the server) are separate choices.
//!
//! Kept on the device as `"{policy version}:{analytics}{personalisation}"` (`"1:10"`); a
//! choice made under another version of the notice reads as undecided, so the sheet asks
//! again. A kiosk keeps the choice in memory only: each kiosk session starts undecided and
//! its reset (which rebuilds the app) forgets it. The sheet and the settings page live in
//! the `privacy` module; this is all the main module holds.

use leptos::prelude::*;
use storefront_api_types::CONSENT_POLICY_VERSION;

use crate::storage::keys;

/// What the shopper agreed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choices {
    /// Events about what they view, search and save.
    pub analytics: bool,
    /// Recommendations from their history on the server.
    pub personalisation: bool,
}

/// The choice on this device; `None` while undecided (the consent sheet shows).
#[derive(Debug, Clone, Copy)]
pub struct Consent(pub RwSignal<Option<Choices>>);

impl Consent {
    /// The choice kept on this device (none on a kiosk), and events turned on or off
    /// to match.
    pub fn load() -> Self {
        let kept = if crate::dom::is_kiosk() {
            None
        } else {
            local().and_then(|s| s.get_item(keys::CONSENT).ok().flatten())
        };
        let choices = kept.as_deref().and_then(parse);
        crate::state::events::set_enabled(choices.is_some_and(|c| c.analytics));
        Consent(RwSignal::new(choices))
    }

    /// Records a choice: kept on the device (not on a kiosk) and in effect at once.
    pub fn choose(&self, choices: Choices) {
        if !crate::dom::is_kiosk() {
            if let Some(s) = local() {
                let _ = s.set_item(keys::CONSENT, &format(choices));
            }
        }
        crate::state::events::set_enabled(choices.analytics);
        self.0.set(Some(choices));
    }
}

/// The consent context (undecided when the app did not provide one).
pub fn use_consent() -> Consent {
    use_context::<Consent>().unwrap_or_else(|| {
        let c = Consent(RwSignal::new(None));
        provide_context(c);
        c
    })
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The kept form of a choice.
pub fn format(c: Choices) -> String {
    format!(
        "{CONSENT_POLICY_VERSION}:{}{}",
        u8::from(c.analytics),
        u8::from(c.personalisation)
    )
}

/// A kept choice, if it was made under the current notice.
pub fn parse(s: &str) -> Option<Choices> {
    let (version, flags) = s.split_once(':')?;
    if version.parse::<u32>().ok()? != CONSENT_POLICY_VERSION {
        return None;
    }
    let flag = |b: u8| match b {
        b'0' => Some(false),
        b'1' => Some(true),
        _ => None,
    };
    match flags.as_bytes() {
        [a, p] => Some(Choices {
            analytics: flag(*a)?,
            personalisation: flag(*p)?,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_form_round_trips_and_another_notice_asks_again() {
        for (analytics, personalisation) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            let c = Choices {
                analytics,
                personalisation,
            };
            assert_eq!(parse(&format(c)), Some(c));
        }
        let other = format!("{}:11", CONSENT_POLICY_VERSION + 1);
        assert_eq!(parse(&other), None);
        for junk in ["", "1", "1:", "1:1", "1:111", "1:2x", "x:11"] {
            assert_eq!(parse(junk), None, "{junk}");
        }
    }
}
