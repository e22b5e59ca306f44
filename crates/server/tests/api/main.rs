//! The server's API as a client observes it, in one test binary (one link instead of eight):
//! each module is one area of the API, `helpers` holds the app under test and its client
//! with one method per endpoint.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod appointments;
mod campaigns;
mod catalogue;
mod contract;
mod cors;
mod docs;
mod documents;
mod helpers;
mod http;
mod insight_events;
mod insight_reports;
mod kiosks;
mod marketing;
mod members;
mod production;
mod recommendations;
mod reservations;
mod search;
mod slow;
mod stores;
mod strictness;
mod tour;
