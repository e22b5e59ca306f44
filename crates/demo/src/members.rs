//! The demo loyalty programme: one member per tier (with a points history and, for the
//! gold member, coupons) and five offers.

use sqlx::{Sqlite, Transaction};

/// The demo members, one per tier: `(login, member number, lifetime points, balance)`.
/// Sign in with the login and the code from `GET /api/v1/demo/last-code?login=` (`--demo`)
/// or the server log.
pub const DEMO_MEMBERS: [(&str, &str, i64, i64); 5] = [
    ("13800000001", "8800000001", 320, 320),
    ("13800000002", "8800000002", 2_400, 1_900),
    ("13800000003", "8800000003", 8_200, 6_100),
    ("13800000004", "8800000004", 26_500, 12_000),
    ("demo@example.com", "8800000005", 0, 0),
];

/// The demo offers: `(code, zh title, en title, type, value, min spend, channel, stores,
/// category, days valid, total, per member)`.
#[allow(clippy::type_complexity)]
pub const DEMO_OFFERS: [(
    &str,
    &str,
    &str,
    &str,
    i64,
    Option<i64>,
    &str,
    &str,
    Option<&str>,
    i64,
    i64,
    i64,
); 5] = [
    (
        "SPRING20",
        "满 100 减 20",
        "¥20 off ¥100",
        "amount",
        2_000,
        Some(10_000),
        "both",
        "",
        None,
        30,
        1_000,
        1,
    ),
    (
        "STORE10",
        "门店 9 折",
        "10% off in store",
        "percent",
        10,
        None,
        "in_store",
        "s_sh_jingan,s_bj_sanlitun,s_sz_futian",
        None,
        30,
        500,
        1,
    ),
    (
        "SHOES50",
        "鞋履满 300 减 50",
        "¥50 off shoes over ¥300",
        "amount",
        5_000,
        Some(30_000),
        "both",
        "",
        Some("c_shoes"),
        14,
        200,
        1,
    ),
    (
        "FLASH100",
        "限量 100 张：满 200 减 30",
        "Only 100: ¥30 off ¥200",
        "amount",
        3_000,
        Some(20_000),
        "both",
        "",
        None,
        7,
        100,
        1,
    ),
    (
        "WELCOME5",
        "新会员 5 元券",
        "¥5 welcome coupon",
        "amount",
        500,
        None,
        "both",
        "",
        None,
        60,
        100_000,
        3,
    ),
];

/// Writes the demo offers, once: a no-op when offers exist or the demo stores do not.
/// (Offers are catalogue, not people: they may be seeded in production mode too.)
pub async fn write_offers(tx: &mut Transaction<'_, Sqlite>, now: i64) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM offers")
        .fetch_one(&mut **tx)
        .await?;
    let (stores,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM stores WHERE id = 's_sh_jingan'")
        .fetch_one(&mut **tx)
        .await?;
    if n > 0 || stores == 0 {
        return Ok(false);
    }
    for (code, zh, en, kind, value, min, channel, store_ids, category, days, total, per) in
        DEMO_OFFERS
    {
        let terms_zh = format!("{zh}。每位会员限领 {per} 张，不与其他优惠同享。");
        let terms_en = format!("{en}. Up to {per} per member; not combinable with other offers.");
        sqlx::query(
            "INSERT INTO offers (code, title_zh, title_en, terms_zh, terms_en, discount_type, discount_value, min_spend, \
             channel, store_ids, category_id, valid_from, valid_until, total, remaining, per_member_limit) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(code)
        .bind(zh)
        .bind(en)
        .bind(terms_zh)
        .bind(terms_en)
        .bind(kind)
        .bind(value)
        .bind(min)
        .bind(channel)
        .bind(store_ids)
        .bind(category)
        .bind(now - 86_400)
        .bind(now + days * 86_400)
        .bind(total)
        .bind(total)
        .bind(per)
        .execute(&mut **tx)
        .await?;
    }
    Ok(true)
}

/// The demo members' numbers as an SQL list (`'8800000001', …`), from the constants.
pub fn demo_member_numbers_sql() -> String {
    DEMO_MEMBERS
        .iter()
        .map(|(_, no, _, _)| format!("'{no}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Demo mode only: writes the demo members (with some ledger rows and, for the gold
/// member, coupons of the demo offers), once: a no-op when the demo offers are missing or
/// any demo member number is taken or retired.
pub async fn write_members(
    tx: &mut Transaction<'_, Sqlite>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (offers,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM offers WHERE code = 'SPRING20'")
        .fetch_one(&mut **tx)
        .await?;
    let numbers = demo_member_numbers_sql();
    let (taken,): (i64,) = sqlx::query_as(&format!(
        "SELECT (SELECT COUNT(*) FROM members WHERE member_no IN ({numbers})) \
         + (SELECT COUNT(*) FROM retired_member_numbers WHERE member_no IN ({numbers}))"
    ))
    .fetch_one(&mut **tx)
    .await?;
    if offers == 0 || taken > 0 {
        return Ok(false);
    }
    let stores = ["s_sh_jingan", "s_bj_sanlitun", "s_sz_futian", "s_hz_hubin"];
    for (i, (login, no, lifetime, balance)) in DEMO_MEMBERS.iter().enumerate() {
        let joined = now - 400 * 86_400 + i as i64 * 86_400;
        sqlx::query(
            "INSERT INTO members (member_no, login, points, lifetime_points, terms_accepted_at, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(no)
        .bind(login)
        .bind(balance)
        .bind(lifetime)
        .bind(joined)
        .bind(joined)
        .execute(&mut **tx)
        .await?;
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM members WHERE member_no = ?")
            .bind(no)
            .fetch_one(&mut **tx)
            .await?;
        // The lifetime points as a few purchases, then what was spent as an adjustment.
        let mut left = *lifetime;
        let mut k = 0i64;
        while left > 0 {
            let p = (left / 3).max(100).min(left);
            left -= p;
            k += 1;
            sqlx::query(
                "INSERT INTO member_ledger (member_id, points, reason, store_id, receipt, amount, at) \
                 VALUES (?, ?, 'purchase', ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(p)
            .bind(stores[(k as usize + i) % stores.len()])
            .bind(format!("DEMO-{no}-{k}"))
            .bind(p * 100)
            .bind(joined + k * 20 * 86_400)
            .execute(&mut **tx)
            .await?;
        }
        if balance < lifetime {
            sqlx::query(
                "INSERT INTO member_ledger (member_id, points, reason, at) VALUES (?, ?, 'redemption', ?)",
            )
            .bind(id)
            .bind(balance - lifetime)
            .bind(now - 3 * 86_400)
            .execute(&mut **tx)
            .await?;
        }
        if i == 2 {
            // The gold member holds a coupon to use and one used already.
            for (offer, status) in [("SPRING20", "available"), ("STORE10", "used")] {
                sqlx::query(
                    "INSERT INTO wallet_coupons (member_id, offer_code, claimed_at, expires_at, status, used_at, used_store_id, used_receipt) \
                     SELECT ?, code, ?, valid_until, ?, CASE WHEN ? = 'used' THEN ? END, CASE WHEN ? = 'used' THEN 's_sh_jingan' END, \
                     CASE WHEN ? = 'used' THEN 'DEMO-R-1' END FROM offers WHERE code = ?",
                )
                .bind(id)
                .bind(now - 2 * 86_400)
                .bind(status)
                .bind(status)
                .bind(now - 86_400)
                .bind(status)
                .bind(status)
                .bind(offer)
                .execute(&mut **tx)
                .await?;
                sqlx::query("UPDATE offers SET remaining = remaining - 1 WHERE code = ?")
                    .bind(offer)
                    .execute(&mut **tx)
                    .await?;
            }
        }
    }
    Ok(true)
}
