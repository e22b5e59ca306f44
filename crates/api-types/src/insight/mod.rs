//! Consent, events and insight: what the business learns, only with the shopper's
//! permission.
//!
//! - `consent`: the purposes a shopper agrees to, the policy version, and the member's
//!   consent receipt (`/api/v1/me/consent`);
//! - `events`: the batches the app sends after analytics consent (`POST /api/v1/events`),
//!   GA4's recommended names where one exists, and their pure check [`check_event_batch`];
//! - `reports`: the staff's insight reports (`/api/v1/marketing/insight/*`);
//! - `recommend`: "shoppers also viewed", popular items and the member's "for you".

mod consent;
mod events;
mod recommend;
mod reports;

pub use consent::*;
pub use events::*;
pub use recommend::*;
pub use reports::*;
