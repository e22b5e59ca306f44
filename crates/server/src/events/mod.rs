//! Events the app sends after analytics consent (`POST /api/v1/events`): the per-client
//! rate limit ([`limit`]), turning a checked batch into rows and storing it ([`ingest`],
//! [`row`]), retention ([`retention`]) and the `demo-events` generator of the benchmarks
//! ([`demo`]). The batch's shape and pure check are the contract's
//! (`storefront_api_types::check_event_batch`).
//!
//! What is stored is in migration 0012: one row per event, with the visit's random session
//! id and never a phone number, name or member id; a member only through their random
//! reference, and only while their receipt grants analytics and personalisation
//! ([`crate::consent`]).

pub mod demo;
pub mod ingest;
pub mod limit;
pub mod retention;
pub mod row;

pub use limit::EventLimiter;
