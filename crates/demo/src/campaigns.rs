//! The demo campaigns, in both languages, relative to the time they are written: the
//! live `autumn-edit` (its own offer `AUTUMN50` with coupons left, ten products, an in-store
//! reward for a purchase of ¥200 at any store, embeddable from the demo partner page on
//! port 8090), the scheduled `winter-preview` and the ended `summer-sale`.

use sqlx::{Sqlite, Transaction};

/// The live demo campaign.
pub const LIVE_CAMPAIGN: &str = "autumn-edit";
/// The live campaign's offer.
pub const LIVE_OFFER: &str = "AUTUMN50";
/// The live campaign's in-store reward: a purchase of at least this many fen.
pub const LIVE_REWARD_MIN_SPEND: i64 = 20_000;
/// The origins allowed to embed the live campaign (the demo partner page).
pub const LIVE_ORIGINS: [&str; 2] = ["http://localhost:8090", "http://127.0.0.1:8090"];

const DAY: i64 = 86_400;

/// One demo campaign.
struct DemoCampaign {
    slug: &'static str,
    title: (&'static str, &'static str),
    copy: (&'static str, &'static str),
    theme: &'static str,
    alt: (&'static str, &'static str),
    offer: Option<&'static str>,
    /// Start and end, in days from the time of writing.
    days: (i64, i64),
    reward: Option<i64>,
    origins: &'static [&'static str],
    /// Product kinds picked first, in turn.
    kinds: &'static [&'static str],
    products: i64,
}

const CAMPAIGNS: [DemoCampaign; 3] = [
    DemoCampaign {
        slug: LIVE_CAMPAIGN,
        title: ("秋日精选", "The Autumn Edit"),
        copy: (
            "为清爽的早晨和温暖的夜晚准备的层次穿搭：羊毛混纺外套、踩着落叶的短靴、铁锈色与赭石色的围巾，还有让回家成为一天中最好时刻的香薰蜡烛和靠垫。\n\n领取满 300 减 50 优惠券，线上和所有门店通用。活动期间在任意门店消费满 200 元，这张券会自动放进您的卡包。",
            "Layers for crisp mornings and warm evenings: wool-blend jackets, boots made for fallen leaves, scarves in rust and ochre, and the candles and cushions that make coming home the best part of the day.\n\nClaim ¥50 off a purchase of ¥300 or more, online or in any of our stores. Spend ¥200 in a store while the edit runs and the coupon lands in your wallet by itself.",
        ),
        theme: "autumn",
        alt: (
            "秋日低垂的太阳下，琥珀色与铁锈色的起伏山丘，落叶飘舞",
            "Rolling hills in amber and rust under a low autumn sun, with leaves drifting down",
        ),
        offer: Some(LIVE_OFFER),
        days: (-1, 30),
        reward: Some(LIVE_REWARD_MIN_SPEND),
        origins: &LIVE_ORIGINS,
        kinds: &["jacket", "boot", "scarf", "hat", "candle", "pillow", "mug"],
        products: 10,
    },
    DemoCampaign {
        slug: "winter-preview",
        title: ("冬日居家抢先看", "Winter at Home: a First Look"),
        copy: (
            "抢先看冬季系列：散发暖光的台灯、柔软的靠垫，还有陪伴漫长夜晚的马克杯和蜡烛。\n\n系列十天后上线，记下日子，欢迎到店体验。",
            "A first look at the winter collection: lamps with a warm glow, soft cushions, and mugs and candles for long evenings in.\n\nThe collection opens in ten days: save the date and come and see it in store.",
        ),
        theme: "home",
        alt: (
            "温暖的客厅：青绿色沙发、落地灯、绿植和一扇拱形窗",
            "A warm living room with a teal sofa, a floor lamp, a plant and an arched window",
        ),
        offer: None,
        days: (10, 40),
        reward: None,
        origins: &[],
        kinds: &["lamp", "pillow", "mug", "candle"],
        products: 8,
    },
    DemoCampaign {
        slug: "summer-sale",
        title: ("夏季特卖", "Summer Sale"),
        copy: (
            "轻盈的连衣裙、凉鞋和遮阳帽，夏日特惠价。\n\n特卖已经结束，感谢您的光临。",
            "Light dresses, sandals and sunhats at summer prices.\n\nThe sale has ended: thank you for shopping with us.",
        ),
        theme: "spring",
        alt: (
            "晴朗的日子里，樱花枝条掠过柔和的绿色山丘",
            "Branches of blossom over soft green hills on a bright day",
        ),
        offer: None,
        days: (-60, -30),
        reward: None,
        origins: &[],
        kinds: &["dress", "sandal", "hat", "top", "bag"],
        products: 8,
    },
];

/// Writes the demo campaigns (and the live one's offer), once: a no-op when any campaign
/// exists, or the demo stores or the products do not. Campaigns are catalogue, not people:
/// they may be seeded in production mode too, like the offers.
pub async fn write_campaigns(
    tx: &mut Transaction<'_, Sqlite>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (campaigns, stores, products): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM campaigns), \
         (SELECT COUNT(*) FROM stores WHERE id = 's_sh_jingan'), (SELECT COUNT(*) FROM products)",
    )
    .fetch_one(&mut **tx)
    .await?;
    if campaigns > 0 || stores == 0 || products == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT OR IGNORE INTO offers (code, title_zh, title_en, terms_zh, terms_en, discount_type, discount_value, \
         min_spend, channel, store_ids, category_id, valid_from, valid_until, total, remaining, per_member_limit) \
         VALUES (?, '秋日精选：满 300 减 50', 'Autumn Edit: ¥50 off ¥300', \
         '秋日精选：满 300 减 50。每位会员限领 1 张，线上和门店通用，不与其他优惠同享。', \
         'Autumn Edit: ¥50 off ¥300. One per member, online or in store; not combinable with other offers.', \
         'amount', 5000, 30000, 'both', '', NULL, ?, ?, 5000, 5000, 1)",
    )
    .bind(LIVE_OFFER)
    .bind(now - DAY)
    .bind(now + 30 * DAY)
    .execute(&mut **tx)
    .await?;
    for c in &CAMPAIGNS {
        let id = sqlx::query(
            "INSERT INTO campaigns (slug, title_zh, title_en, copy_zh, copy_en, hero_theme, hero_alt_zh, hero_alt_en, \
             offer_code, starts_at, ends_at, reward_min_spend, published, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        )
        .bind(c.slug)
        .bind(c.title.0)
        .bind(c.title.1)
        .bind(c.copy.0)
        .bind(c.copy.1)
        .bind(c.theme)
        .bind(c.alt.0)
        .bind(c.alt.1)
        .bind(c.offer)
        .bind(now + c.days.0 * DAY)
        .bind(now + c.days.1 * DAY)
        .bind(c.reward)
        .bind(now + (c.days.0 - 7).min(0) * DAY)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        // The kinds in turn (the first of each kind, then the second...), then any product.
        let kinds = c
            .kinds
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        sqlx::query(&format!(
            "INSERT INTO campaign_products (campaign_id, position, product_id) \
             SELECT ?1, ROW_NUMBER() OVER (ORDER BY picked, rn, seq) - 1, id FROM ( \
               SELECT id, seq, 0 AS picked, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY seq) AS rn \
               FROM products WHERE kind IN ({kinds}) \
               UNION ALL SELECT id, seq, 1, 0 FROM products WHERE kind NOT IN ({kinds}) \
             ) ORDER BY picked, rn, seq LIMIT ?2"
        ))
        .bind(id)
        .bind(c.products)
        .execute(&mut **tx)
        .await?;
        for (position, origin) in c.origins.iter().enumerate() {
            sqlx::query(
                "INSERT INTO campaign_origins (campaign_id, position, origin) VALUES (?, ?, ?)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(origin)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(true)
}
