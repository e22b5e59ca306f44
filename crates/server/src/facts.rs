//! Business facts: what the server's own writes record in `business_facts` (migration
//! 0013), without any client tracking and without consent, because they are the business
//! record and name no person: reservations made, collected and expired; coupons claimed
//! (in-store rewards too) and redeemed at a till; points earned (with the member's tier
//! then); guide appointments booked and kept.
//!
//! Each fact is written in the transaction of the write it records, so a fact exists
//! exactly when its write does; the table is append-only (triggers refuse updates and
//! deletes). The insight reports ([`crate::insight`]) count them.
//!
//! The channel of a write comes from what its request already carries: the kiosk's device
//! cookie means `kiosk`, an attribution's embedding origin `embed`, anything else `phone`
//! ([`channel`]); a till's writes have none.

use sqlx::SqliteConnection;
use storefront_api_types::{parse_allowed_origin, AppChannel, Tier};

pub use crate::hours::china_day;

/// What a fact records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A pickup reservation made (`ref`: its code).
    ReservationMade,
    /// A reservation handed over by the store's staff.
    ReservationCollected,
    /// A reservation whose hold ended uncollected.
    ReservationExpired,
    /// A coupon into a wallet: a claim or an in-store reward (`ref`: the wallet coupon's id).
    CouponClaimed,
    /// A wallet coupon redeemed at a till.
    CouponRedeemed,
    /// Points earned at a till (`ref`: the ledger row's id).
    PointsEarned,
    /// A guide appointment booked (`ref`: its code).
    GuideBooked,
    /// A guide appointment the shopper came to, marked by the staff.
    GuideKept,
}

impl Kind {
    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::ReservationMade => "reservation_made",
            Kind::ReservationCollected => "reservation_collected",
            Kind::ReservationExpired => "reservation_expired",
            Kind::CouponClaimed => "coupon_claimed",
            Kind::CouponRedeemed => "coupon_redeemed",
            Kind::PointsEarned => "points_earned",
            Kind::GuideBooked => "guide_booked",
            Kind::GuideKept => "guide_kept",
        }
    }
}

/// Where a shopper's write came from: `kiosk` when the request carries the device cookie of
/// a paired kiosk (with that kiosk's store), else `embed` when its attribution names an
/// embedding page's origin, else `phone`.
pub async fn channel(
    conn: &mut SqliteConnection,
    kiosk_secret: Option<&str>,
    embed_origin: Option<&str>,
) -> Result<(AppChannel, Option<String>), sqlx::Error> {
    if let Some(secret) = kiosk_secret {
        if let Some(kiosk) = crate::kiosks::by_device(&mut *conn, secret).await? {
            return Ok((AppChannel::Kiosk, Some(kiosk.store_id)));
        }
    }
    // An embedding page's origin as attribution keeps one: a real origin, no wildcard.
    let page = embed_origin.and_then(|v| parse_allowed_origin(v).ok());
    if page.is_some_and(|o| !o.contains('*')) {
        return Ok((AppChannel::Embed, None));
    }
    Ok((AppChannel::Phone, None))
}

/// A reservation made: its store, product (and the product's category), variant and
/// quantity, with the channel of its request.
pub async fn reservation_made(
    conn: &mut SqliteConnection,
    code: &str,
    channel: AppChannel,
    now: i64,
) -> Result<(), sqlx::Error> {
    reservation(conn, Kind::ReservationMade, code, Some(channel), now).await
}

/// A reservation collected or expired: as it was made, the channel of its making.
pub async fn reservation_ended(
    conn: &mut SqliteConnection,
    kind: Kind,
    code: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    reservation(conn, kind, code, None, now).await
}

async fn reservation(
    conn: &mut SqliteConnection,
    kind: Kind,
    code: &str,
    channel: Option<AppChannel>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO business_facts (kind, at, day, store_id, product_id, variant_id, category_id, channel, quantity, ref) \
         SELECT ?1, ?2, ?3, r.store_id, r.product_id, r.variant_id, p.category_id, \
         COALESCE(?4, (SELECT f.channel FROM business_facts f WHERE f.ref = r.code AND f.kind = 'reservation_made')), \
         r.quantity, r.code \
         FROM reservations r LEFT JOIN products p ON p.id = r.product_id WHERE r.code = ?5",
    )
    .bind(kind.as_str())
    .bind(now)
    .bind(china_day(now))
    .bind(channel.map(AppChannel::as_str))
    .bind(code)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A coupon into a wallet (`coupon_id`): a claim through `channel`, or an in-store reward
/// (`None`); `store_id` is the kiosk's, the poster's or the till's store, when any.
pub async fn coupon_claimed(
    conn: &mut SqliteConnection,
    coupon_id: i64,
    channel: Option<AppChannel>,
    store_id: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO business_facts (kind, at, day, store_id, offer_code, channel, ref) \
         SELECT 'coupon_claimed', ?, ?, ?, offer_code, ?, CAST(id AS TEXT) FROM wallet_coupons WHERE id = ?",
    )
    .bind(now)
    .bind(china_day(now))
    .bind(store_id.filter(|s| !s.is_empty()))
    .bind(channel.map(AppChannel::as_str))
    .bind(coupon_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A wallet coupon redeemed at the till of `store_id`, with the channel of its claim.
pub async fn coupon_redeemed(
    conn: &mut SqliteConnection,
    coupon_id: i64,
    store_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO business_facts (kind, at, day, store_id, offer_code, channel, ref) \
         SELECT 'coupon_redeemed', ?1, ?2, ?3, c.offer_code, \
         (SELECT f.channel FROM business_facts f WHERE f.ref = ?4 AND f.kind = 'coupon_claimed'), ?4 \
         FROM wallet_coupons c WHERE c.id = ?5",
    )
    .bind(now)
    .bind(china_day(now))
    .bind(store_id)
    .bind(coupon_id.to_string())
    .bind(coupon_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `points` earned at a till of `store_id` by a member of `tier` (ledger row `ledger_id`).
pub async fn points_earned(
    conn: &mut SqliteConnection,
    ledger_id: i64,
    store_id: &str,
    tier: Tier,
    points: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO business_facts (kind, at, day, store_id, tier, points, ref) \
         VALUES ('points_earned', ?, ?, ?, ?, ?, ?)",
    )
    .bind(now)
    .bind(china_day(now))
    .bind(store_id)
    .bind(tier.as_str())
    .bind(points)
    .bind(ledger_id.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A guide appointment booked (with the channel of its request) or kept (with the
/// channel of its booking).
pub async fn guide(
    conn: &mut SqliteConnection,
    kind: Kind,
    code: &str,
    channel: Option<AppChannel>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO business_facts (kind, at, day, store_id, channel, ref) \
         SELECT ?1, ?2, ?3, a.store_id, \
         COALESCE(?4, (SELECT f.channel FROM business_facts f WHERE f.ref = a.code AND f.kind = 'guide_booked')), \
         a.code FROM appointments a WHERE a.code = ?5",
    )
    .bind(kind.as_str())
    .bind(now)
    .bind(china_day(now))
    .bind(channel.map(AppChannel::as_str))
    .bind(code)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_on_china_time() {
        // 2026-03-31T15:59:59Z is 23:59:59 in Shanghai; a second later is the next day.
        assert_eq!(china_day(1_774_972_799), "2026-03-31");
        assert_eq!(china_day(1_774_972_800), "2026-04-01");
    }
}
