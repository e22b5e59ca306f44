//! Page views of campaign pages and embeds, counted without cookies: one row per day
//! (China time), campaign, embedding origin, UTM source and medium, poster store and
//! embedded or not, incremented in place. Each client address counts at most
//! [`VIEWS_PER_CLIENT_HOUR`] views of a campaign per clock hour; further views are
//! answered the same and not counted.

use sqlx::SqlitePool;
use std::collections::HashMap;
use std::sync::Mutex;

use super::attribution::Resolved;
use super::china_day;

/// Counted views per client address and campaign per clock hour.
pub const VIEWS_PER_CLIENT_HOUR: u32 = 60;
/// Clients remembered per hour; past it, views of new clients are not counted that hour
/// (memory stays bounded whatever a client sends).
const CLIENTS_PER_HOUR: usize = 100_000;

/// Counted views of the current hour per (client address, campaign).
type HourCounts = (i64, HashMap<(String, i64), u32>);

/// The per-client cap of counted views, in memory (a restart forgets the hour).
#[derive(Debug, Default)]
pub struct ViewLimiter {
    counts: Mutex<HourCounts>,
}

impl ViewLimiter {
    /// Whether a view by `client` of campaign `campaign_id` at `now` (Unix seconds) counts;
    /// counts it when it does.
    pub fn allow(&self, client: &str, campaign_id: i64, now: i64) -> bool {
        let hour = now.div_euclid(3600);
        let Ok(mut guard) = self.counts.lock() else {
            return false;
        };
        let (current, counts) = &mut *guard;
        if *current != hour {
            *current = hour;
            counts.clear();
        }
        let key = (client.to_owned(), campaign_id);
        if !counts.contains_key(&key) && counts.len() >= CLIENTS_PER_HOUR {
            return false;
        }
        let n = counts.entry(key).or_insert(0);
        if *n >= VIEWS_PER_CLIENT_HOUR {
            return false;
        }
        *n += 1;
        true
    }
}

/// Adds one view of campaign `campaign_id` under its attribution `r`.
pub async fn count(
    db: &SqlitePool,
    campaign_id: i64,
    r: &Resolved,
    embedded: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO campaign_views (campaign_id, day, embed_origin, utm_source, utm_medium, store_id, embedded, views) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 1) \
         ON CONFLICT (campaign_id, day, embed_origin, utm_source, utm_medium, store_id, embedded) \
         DO UPDATE SET views = views + 1",
    )
    .bind(campaign_id)
    .bind(china_day(now))
    .bind(&r.embed_origin)
    .bind(&r.utm_source)
    .bind(&r.utm_medium)
    .bind(&r.store_id)
    .bind(embedded)
    .execute(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_views_an_hour_per_client_and_campaign() {
        let l = ViewLimiter::default();
        let t = 1_774_915_200;
        assert!((0..60).all(|_| l.allow("a", 1, t)));
        assert!(!l.allow("a", 1, t + 10));
        assert!(l.allow("a", 2, t), "another campaign");
        assert!(l.allow("b", 1, t), "another client");
        assert!(l.allow("a", 1, t + 3600), "the next hour");
    }
}
