//! The rate limit of the events endpoints per client address, in memory: a sliding window
//! of one minute kept as twelve five-second buckets per client, so a client costs a fixed
//! 200 bytes or so however fast it sends.
//!
//! Each request (a batch, or a visit's deletion) counts as one batch when it arrives,
//! before its body is read; its events count once the body has decoded. Over either limit
//! the answer is `429 rate_limited` with `Retry-After` (the seconds until the window has
//! room again) and nothing is stored. The app sends a batch every few seconds at most, far
//! below the limits; a restart forgets the window.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Batches (and deletions) per client address per minute.
pub const EVENT_BATCHES_PER_MINUTE: u32 = 60;
/// Events per client address per minute.
pub const EVENT_EVENTS_PER_MINUTE: u32 = 1_500;
/// Clients remembered at once; past it (after forgetting the idle ones) a new client is
/// refused until the window slides, so memory stays bounded whatever a flood sends.
pub const EVENT_CLIENTS_MAX: usize = 100_000;

/// Milliseconds per bucket.
const BUCKET_MS: i64 = 5_000;
/// Buckets per window (one minute).
const BUCKETS: usize = 12;

/// One bucket: its number (`ms / BUCKET_MS`), batches and events in it.
#[derive(Debug, Clone, Copy, Default)]
struct Bucket {
    at: i64,
    batches: u32,
    events: u32,
}

/// One client's window.
type Window = [Bucket; BUCKETS];

/// The windows of the clients seen, and the bucket of the last sweep of idle ones.
#[derive(Debug, Default)]
struct Clients {
    windows: HashMap<IpAddr, Window>,
    swept: i64,
}

/// The per-client limit of the events endpoints.
#[derive(Debug)]
pub struct EventLimiter {
    started: Instant,
    clients: Mutex<Clients>,
}

impl Default for EventLimiter {
    fn default() -> Self {
        EventLimiter {
            started: Instant::now(),
            clients: Mutex::new(Clients::default()),
        }
    }
}

/// Who a limit counts: the client's address, an IPv6 address by its /64 (one household
/// or device gets a whole /64, and would otherwise pass as millions of clients).
pub fn client_key(ip: &str) -> IpAddr {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            IpAddr::from([s[0], s[1], s[2], s[3], 0, 0, 0, 0])
        }
        Ok(v4) => v4,
        // tests that call the router without a connection: one shared client
        Err(_) => IpAddr::from([0, 0, 0, 0]),
    }
}

impl EventLimiter {
    /// Milliseconds since the limiter was made (a monotonic clock).
    pub fn now_ms(&self) -> i64 {
        i64::try_from(self.started.elapsed().as_millis()).unwrap_or(i64::MAX)
    }

    /// Counts one batch of `client` at `now_ms` if the window has room for it; otherwise
    /// the seconds to wait (at least 1).
    pub fn admit(&self, client: IpAddr, now_ms: i64) -> Result<(), u32> {
        self.count(client, 1, 0, now_ms)
    }

    /// Counts `events` more events of `client`'s current batch, if the window has room.
    pub fn add_events(&self, client: IpAddr, events: u32, now_ms: i64) -> Result<(), u32> {
        self.count(client, 0, events, now_ms)
    }

    fn count(&self, client: IpAddr, batches: u32, events: u32, now_ms: i64) -> Result<(), u32> {
        let Ok(mut clients) = self.clients.lock() else {
            return Err(60);
        };
        let current = now_ms.div_euclid(BUCKET_MS);
        let live = |b: &Bucket| b.at > current - BUCKETS as i64;
        let Clients { windows, swept } = &mut *clients;
        if !windows.contains_key(&client) && windows.len() >= EVENT_CLIENTS_MAX {
            // forget idle clients, at most once a bucket (a full table costs a new client
            // nothing more than the refusal)
            if *swept != current {
                *swept = current;
                windows.retain(|_, w| w.iter().any(live));
            }
            if windows.len() >= EVENT_CLIENTS_MAX {
                return Err(retry_secs((current + 1) * BUCKET_MS - now_ms));
            }
        }
        let window = windows.entry(client).or_default();
        let mut held: Vec<Bucket> = window.iter().copied().filter(live).collect();
        held.sort_by_key(|b| b.at);
        let total_batches: u32 = held.iter().map(|b| b.batches).sum();
        let total_events: u32 = held.iter().map(|b| b.events).sum();
        let over_batches = (total_batches + batches).saturating_sub(EVENT_BATCHES_PER_MINUTE);
        let over_events = (total_events + events).saturating_sub(EVENT_EVENTS_PER_MINUTE);
        if over_batches > 0 || over_events > 0 {
            // Wait until the oldest buckets that hold the excess have left the window.
            let (mut freed_batches, mut freed_events) = (0, 0);
            for b in &held {
                freed_batches += b.batches;
                freed_events += b.events;
                if freed_batches >= over_batches && freed_events >= over_events {
                    return Err(retry_secs((b.at + BUCKETS as i64) * BUCKET_MS - now_ms));
                }
            }
            return Err(60);
        }
        let slot = &mut window[current.rem_euclid(BUCKETS as i64) as usize];
        if slot.at != current {
            *slot = Bucket {
                at: current,
                ..Bucket::default()
            };
        }
        slot.batches += batches;
        slot.events += events;
        Ok(())
    }
}

/// Whole seconds of `ms`, rounded up, at least 1.
fn retry_secs(ms: i64) -> u32 {
    u32::try_from((ms + 999) / 1000).unwrap_or(60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        client_key(s)
    }

    #[test]
    fn sixty_batches_a_minute_sliding() {
        let l = EventLimiter::default();
        let a = ip("203.0.113.1");
        let t = 1_000_000;
        for i in 0..60 {
            assert_eq!(l.admit(a, t + i * 500), Ok(()), "batch {i}");
        }
        // the first 10 were in the bucket starting at t: they leave the window 60 s later
        assert_eq!(l.admit(a, t + 30_000), Err(30));
        assert_eq!(
            l.admit(ip("203.0.113.2"), t + 30_000),
            Ok(()),
            "another client"
        );
        assert_eq!(l.admit(a, t + 60_000), Ok(()), "the oldest bucket left");
    }

    #[test]
    fn events_count_against_their_own_limit() {
        let l = EventLimiter::default();
        let a = ip("198.51.100.7");
        for _ in 0..30 {
            assert!(l.admit(a, 0).is_ok());
            assert!(l.add_events(a, 50, 0).is_ok());
        }
        assert!(l.admit(a, 1).is_ok());
        assert_eq!(l.add_events(a, 1, 1), Err(60));
    }

    #[test]
    fn an_ipv6_client_is_its_64() {
        assert_eq!(ip("2001:db8:1:2:aaaa::1"), ip("2001:db8:1:2:bbbb::9"));
        assert_ne!(ip("2001:db8:1:2::1"), ip("2001:db8:1:3::1"));
        assert_eq!(ip("unknown"), IpAddr::from([0, 0, 0, 0]));
    }
}
