//! The in-store reward: a till earn of at least a live campaign's `reward_min_spend` at
//! one of its stores (or any store when it names none) drops the campaign's coupon into
//! the member's wallet, once per member and campaign, while the offer has coupons left.
//! Runs inside the earn's transaction, so a reward exists exactly when its earn does; the
//! `campaign_rewards` primary key makes it once, whatever runs concurrently.

use sqlx::SqliteConnection;

use super::attribution::{record, Kind, Resolved};

/// The `utm_medium` of a reward's attribution.
pub const REWARD_MEDIUM: &str = "in_store";

/// After an earn of `amount` fen by member `member_id` at `store_id`: the rewards of every
/// campaign it qualifies for, each a wallet coupon (taken from the offer's stock like a
/// claim; the offer's per-member limit does not hold a reward back) with a `reward`
/// attribution row. Returns the new wallet coupons' ids.
pub async fn after_earn(
    conn: &mut SqliteConnection,
    member_id: i64,
    store_id: &str,
    amount: i64,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let due: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT c.id, o.code, o.valid_until FROM campaigns c JOIN offers o ON o.code = c.offer_code \
         WHERE c.published = 1 AND c.starts_at <= ?1 AND c.ends_at > ?1 \
         AND c.reward_min_spend IS NOT NULL AND c.reward_min_spend <= ?2 \
         AND o.valid_from <= ?1 AND o.valid_until > ?1 AND o.remaining > 0 \
         AND (NOT EXISTS (SELECT 1 FROM campaign_stores s WHERE s.campaign_id = c.id) \
              OR EXISTS (SELECT 1 FROM campaign_stores s WHERE s.campaign_id = c.id AND s.store_id = ?3)) \
         AND NOT EXISTS (SELECT 1 FROM campaign_rewards r WHERE r.campaign_id = c.id AND r.member_id = ?4) \
         ORDER BY c.id",
    )
    .bind(now)
    .bind(amount)
    .bind(store_id)
    .bind(member_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut given = Vec::new();
    for (campaign_id, offer_code, valid_until) in due {
        // Once per member and campaign: the primary key decides.
        let first = sqlx::query(
            "INSERT OR IGNORE INTO campaign_rewards (campaign_id, member_id, wallet_coupon_id, at) \
             VALUES (?, ?, 0, ?)",
        )
        .bind(campaign_id)
        .bind(member_id)
        .bind(now)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if first != 1 {
            continue;
        }
        let took = sqlx::query(
            "UPDATE offers SET remaining = remaining - 1 WHERE code = ? AND remaining > 0",
        )
        .bind(&offer_code)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if took != 1 {
            sqlx::query("DELETE FROM campaign_rewards WHERE campaign_id = ? AND member_id = ?")
                .bind(campaign_id)
                .bind(member_id)
                .execute(&mut *conn)
                .await?;
            continue;
        }
        let coupon_id = sqlx::query(
            "INSERT INTO wallet_coupons (member_id, offer_code, claimed_at, expires_at) VALUES (?, ?, ?, ?)",
        )
        .bind(member_id)
        .bind(&offer_code)
        .bind(now)
        .bind(valid_until)
        .execute(&mut *conn)
        .await?
        .last_insert_rowid();
        sqlx::query(
            "UPDATE campaign_rewards SET wallet_coupon_id = ? WHERE campaign_id = ? AND member_id = ?",
        )
        .bind(coupon_id)
        .bind(campaign_id)
        .bind(member_id)
        .execute(&mut *conn)
        .await?;
        let attribution = Resolved {
            campaign_id: Some(campaign_id),
            utm_medium: REWARD_MEDIUM.to_owned(),
            store_id: store_id.to_owned(),
            ..Resolved::default()
        };
        record(
            conn,
            Kind::Reward,
            &coupon_id.to_string(),
            &attribution,
            now,
        )
        .await?;
        // A coupon into the wallet without a shopper's channel: the business record.
        crate::facts::coupon_claimed(conn, coupon_id, None, Some(store_id), now).await?;
        given.push(coupon_id);
    }
    Ok(given)
}
