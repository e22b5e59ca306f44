//! Consent per purpose (PIPL): necessary processing is always on and needs no consent;
//! analytics (events) and personalisation (recommendations from history) are separate
//! choices, asked again when the policy version changes.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::time::Timestamp;

/// The version of the privacy notice the app shows. A choice made under an older version
/// is asked again; the server refuses a receipt for any other version
/// (`422 invalid_body`, pointer `/policy_version`).
pub const CONSENT_POLICY_VERSION: u32 = 1;

/// Days an event is kept by default (the server's `--event-retention-days`).
pub const EVENT_RETENTION_DAYS_DEFAULT: u32 = 180;

/// `PUT /api/v1/me/consent`: a signed-in member's choice per purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsentChoice {
    /// The notice the choice was made under: [`CONSENT_POLICY_VERSION`].
    #[serde(deserialize_with = "crate::whole")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub policy_version: u32,
    /// Events about what the shopper views, searches and saves (analytics).
    pub analytics: bool,
    /// Recommendations from the member's history on the server (personalisation).
    pub personalisation: bool,
}

/// A consent receipt: the member's current choice, under which notice and when
/// (`GET|PUT /api/v1/me/consent`; `GET` answers `404 not_found` before any choice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ConsentReceipt {
    /// The notice the choice was made under.
    pub policy_version: u32,
    /// Analytics consent.
    pub analytics: bool,
    /// Personalisation consent.
    pub personalisation: bool,
    /// When the choice was made (recorded by the server).
    pub decided_at: Timestamp,
    /// Whether this choice withdrew a purpose the previous one granted; the member's event
    /// history for that purpose was deleted in the same transaction.
    pub withdrew: bool,
}
