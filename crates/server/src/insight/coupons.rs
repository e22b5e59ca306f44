//! Coupons and points from the business facts: coupons claimed (in-store rewards too) and
//! redeemed at a till, by offer and channel (a redemption counts under the channel of its
//! coupon's claim; `null` is not known: an in-store reward); points earned at the tills, by
//! store and the member's tier when earning. With one store in scope: the claims made at
//! it (through its kiosk, its poster or its till's reward), the redemptions and earns at
//! its tills.

use sqlx::SqliteConnection;
use storefront_api_types::{
    AppChannel, CouponReport, CouponRow, LocalizedText, PointsRow, StoreId, Tier,
};

use super::{count, csv_line, rows, Scope};
use crate::error::ApiError;

/// A group: offer, channel, claimed, redeemed, title (zh, en).
type OfferGroup = (
    String,
    Option<String>,
    i64,
    i64,
    Option<String>,
    Option<String>,
);

fn channel(v: Option<&str>) -> Option<AppChannel> {
    AppChannel::ALL.into_iter().find(|c| Some(c.as_str()) == v)
}

fn tier(v: &str) -> Option<Tier> {
    Tier::ALL.into_iter().find(|t| t.as_str() == v)
}

/// The coupons and points over `scope`.
pub async fn report(conn: &mut SqliteConnection, scope: &Scope) -> Result<CouponReport, ApiError> {
    let filter = scope.store_filter("f.store_id");
    let offers: Vec<OfferGroup> = rows(&mut *conn, &format!(
            "SELECT f.offer_code, f.channel, SUM(f.kind = 'coupon_claimed') AS claimed, \
             SUM(f.kind = 'coupon_redeemed') AS redeemed, o.title_zh, o.title_en \
             FROM business_facts f LEFT JOIN offers o ON o.code = f.offer_code \
             WHERE f.kind IN ('coupon_claimed', 'coupon_redeemed') AND f.day BETWEEN ?1 AND ?2{filter} \
             AND f.offer_code IS NOT NULL \
             GROUP BY f.offer_code, f.channel \
             ORDER BY claimed DESC, redeemed DESC, f.offer_code, f.channel"
        ), scope).await?;
    let coupons = offers
        .into_iter()
        .map(|(code, ch, claimed, redeemed, zh, en)| CouponRow {
            title: LocalizedText {
                zh_cn: zh.unwrap_or_else(|| code.clone()),
                en: en.unwrap_or_else(|| code.clone()),
            },
            offer_code: code,
            channel: channel(ch.as_deref()),
            claimed: count(claimed),
            redeemed: count(redeemed),
        })
        .collect();
    let earned: Vec<(String, String, i64, i64)> = rows(
        &mut *conn,
        &format!(
            "SELECT f.store_id, f.tier, COUNT(*), COALESCE(SUM(f.points), 0) FROM business_facts f \
             WHERE f.kind = 'points_earned' AND f.day BETWEEN ?1 AND ?2{filter} \
             AND f.store_id IS NOT NULL AND f.tier IS NOT NULL \
             GROUP BY f.store_id, f.tier"
        ),
        scope,
    )
    .await?;
    let mut points: Vec<PointsRow> = earned
        .into_iter()
        .filter_map(|(store, t, earns, points)| {
            Some(PointsRow {
                store_id: StoreId(store),
                tier: tier(&t)?,
                earns: count(earns),
                points: count(points),
            })
        })
        .collect();
    points.sort_by(|a, b| (&a.store_id.0, a.tier).cmp(&(&b.store_id.0, b.tier)));
    Ok(CouponReport {
        scope: scope.to_api(),
        coupons,
        points,
    })
}

/// The coupons as CSV: `section,offer_code,title_zh,title_en,channel,claimed,redeemed,
/// store_id,tier,earns,points`; a `coupon` row per offer and channel (an empty channel: not
/// known), then a `points` row per store and tier.
pub fn to_csv(r: &CouponReport) -> String {
    let mut out = csv_line(&[
        "section",
        "offer_code",
        "title_zh",
        "title_en",
        "channel",
        "claimed",
        "redeemed",
        "store_id",
        "tier",
        "earns",
        "points",
    ]);
    for c in &r.coupons {
        out.push_str(&csv_line(&[
            "coupon",
            &c.offer_code,
            &c.title.zh_cn,
            &c.title.en,
            c.channel.map_or("", AppChannel::as_str),
            &c.claimed.to_string(),
            &c.redeemed.to_string(),
            "",
            "",
            "",
            "",
        ]));
    }
    for p in &r.points {
        out.push_str(&csv_line(&[
            "points",
            "",
            "",
            "",
            "",
            "",
            "",
            &p.store_id.0,
            p.tier.as_str(),
            &p.earns.to_string(),
            &p.points.to_string(),
        ]));
    }
    out
}
