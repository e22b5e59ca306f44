//! What the handlers share on the wire: extractors that answer with problems, caching and
//! ETags, private answers, the client's address, the member's session and CSRF guard, the kiosk's device cookie,
//! `Idempotency-Key`, the `Allow` list of a 405, and the limits of one request (size, time).

pub mod allow;
pub mod cache;
pub mod client;
pub mod extract;
pub mod idempotency;
pub mod kiosk;
pub mod limits;
pub mod marketing;
pub mod private;
pub mod session;
