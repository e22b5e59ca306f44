//! Making a choice take effect: on the device at once, the visit's events deleted when
//! analytics is withdrawn, and for a signed-in member a consent receipt on the server.

use leptos::prelude::*;
use storefront_api_types::{ConsentChoice, ConsentReceipt, CONSENT_POLICY_VERSION};

use super::send::{existing_visit_id, forget_visit_id};
use crate::api::ApiClient;
use crate::state::{Choices, Consent};

/// What became of a choice beyond the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Kept on the device only (nobody signed in, or a kiosk).
    Device,
    /// Also recorded on the member's account.
    Member(ConsentReceipt),
    /// Kept on the device; the member's account could not be reached.
    MemberFailed,
}

/// Records `choices`: on the device and in effect at once (events start or stop and the
/// queue is dropped), then the visit's events are deleted on the server if analytics was
/// withdrawn, then the member's receipt is written (a `401` means nobody is signed in).
pub async fn decide(consent: Consent, api: ApiClient, choices: Choices) -> Outcome {
    let before = consent.0.get_untracked();
    consent.choose(choices);
    let withdrew = before.is_some_and(|b| b.analytics) && !choices.analytics;
    if withdrew {
        if let Some(id) = existing_visit_id() {
            let _ = api.forget_visit(&id).await;
        }
        forget_visit_id();
    }
    // a kiosk keeps nothing; the member's receipt only when someone is signed in here
    if crate::dom::is_kiosk() || !crate::storage::has(crate::storage::keys::MEMBER) {
        return Outcome::Device;
    }
    let choice = ConsentChoice {
        policy_version: CONSENT_POLICY_VERSION,
        analytics: choices.analytics,
        personalisation: choices.personalisation,
    };
    match api.set_consent(&choice).await {
        Ok(receipt) => Outcome::Member(receipt),
        Err(e) if e.is_unauthenticated() => Outcome::Device,
        Err(_) => Outcome::MemberFailed,
    }
}
