//! Campaigns on the public side: the live campaign as shoppers see it, its hero picture,
//! cookieless page views, attribution of writes, claim hand-offs from embeds and the
//! in-store reward. Rules and SQL only; the HTTP side is `routes::campaigns`.

pub mod attribution;
pub mod handoffs;
pub mod hero;
pub mod rewards;
pub mod views;

pub use hero::hero_image;

use sqlx::SqlitePool;
use storefront_api_types::{
    campaign_state, is_campaign_slug, Campaign, CampaignReward, CampaignState, FieldError,
    LocalizedText, Money, ProblemCode, StoreId, Timestamp,
};

use crate::error::{ApiError, ApiResult};

/// A campaign as stored (without its products, stores and origins).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CampaignRow {
    /// Its id (never reused).
    pub id: i64,
    /// Its slug.
    pub slug: String,
    /// Headline in Chinese.
    pub title_zh: String,
    /// Headline in English.
    pub title_en: String,
    /// Copy in Chinese.
    pub copy_zh: String,
    /// Copy in English.
    pub copy_en: String,
    /// One of `HERO_THEMES`.
    pub hero_theme: String,
    /// The hero's alternative text in Chinese.
    pub hero_alt_zh: String,
    /// The hero's alternative text in English.
    pub hero_alt_en: String,
    /// The offer it gives.
    pub offer_code: Option<String>,
    /// Starts (Unix seconds, inclusive).
    pub starts_at: i64,
    /// Ends (Unix seconds, exclusive).
    pub ends_at: i64,
    /// The in-store reward's least purchase, fen.
    pub reward_min_spend: Option<i64>,
    /// Published (else a draft).
    pub published: bool,
}

/// The columns of a [`CampaignRow`].
pub const CAMPAIGN_COLUMNS: &str =
    "SELECT id, slug, title_zh, title_en, copy_zh, copy_en, hero_theme, hero_alt_zh, hero_alt_en, \
     offer_code, starts_at, ends_at, reward_min_spend, published FROM campaigns";

impl CampaignRow {
    /// Its state at `now` (Unix seconds).
    pub fn state(&self, now: i64) -> CampaignState {
        campaign_state(
            self.published,
            Timestamp::from_unix(self.starts_at),
            Timestamp::from_unix(self.ends_at),
            Timestamp::from_unix(now),
        )
    }

    /// Its hero picture with its alternative text.
    pub fn hero(&self) -> storefront_api_types::Image {
        hero_image(
            &self.hero_theme,
            LocalizedText::new(&self.hero_alt_zh, &self.hero_alt_en),
        )
    }
}

/// The campaign of a slug, in any state.
pub async fn by_slug(
    db: impl sqlx::SqliteExecutor<'_>,
    slug: &str,
) -> Result<Option<CampaignRow>, sqlx::Error> {
    sqlx::query_as(&format!("{CAMPAIGN_COLUMNS} WHERE slug = ?"))
        .bind(slug)
        .fetch_optional(db)
        .await
}

/// 400 `invalid_path` (`#/path/slug`) unless `slug` is a campaign slug.
pub fn check_slug(slug: &str) -> ApiResult<()> {
    if is_campaign_slug(slug) {
        return Ok(());
    }
    Err(ApiError::InvalidPath(vec![FieldError {
        pointer: "#/path/slug".to_owned(),
        message: "expected a campaign slug: 1 to 48 lower-case letters, digits and inner hyphens"
            .to_owned(),
    }]))
}

/// The live campaign of `slug` as the public sees it: 400 `invalid_path` for a malformed
/// slug, 404 for an unknown, draft or scheduled campaign (nothing is told about it), 410
/// `campaign_ended` once it has ended.
pub async fn live(db: &SqlitePool, slug: &str, now: i64) -> ApiResult<CampaignRow> {
    check_slug(slug)?;
    let not_found = || ApiError::NotFound(format!("no campaign {slug:?}"));
    let row = by_slug(db, slug).await?.ok_or_else(not_found)?;
    match row.state(now) {
        CampaignState::Live => Ok(row),
        CampaignState::Ended => Err(ApiError::refusal(
            ProblemCode::CampaignEnded,
            "this campaign has ended; the shop is still open",
        )),
        CampaignState::Draft | CampaignState::Scheduled => Err(not_found()),
    }
}

/// The stores a campaign applies to (none: every store), in id order.
pub async fn store_ids(
    db: impl sqlx::SqliteExecutor<'_>,
    campaign_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT store_id FROM campaign_stores WHERE campaign_id = ? ORDER BY store_id",
    )
    .bind(campaign_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// A live campaign as shoppers see it: the picked products as product cards (the same
/// builder as the listing) in the marketer's order, its offer and reward.
pub async fn public_campaign(db: &SqlitePool, row: &CampaignRow) -> ApiResult<Campaign> {
    let seqs: Vec<(i64,)> = sqlx::query_as(
        "SELECT p.seq FROM campaign_products cp JOIN products p ON p.id = cp.product_id \
         WHERE cp.campaign_id = ? ORDER BY cp.position",
    )
    .bind(row.id)
    .fetch_all(db)
    .await?;
    let seqs: Vec<i64> = seqs.into_iter().map(|(s,)| s).collect();
    let products = crate::products::summaries(db, &seqs).await?;
    let offer = match &row.offer_code {
        Some(code) => crate::coupons::offer(db, code).await?.map(|o| o.to_api()),
        None => None,
    };
    Ok(Campaign {
        slug: row.slug.clone(),
        title: LocalizedText::new(&row.title_zh, &row.title_en),
        copy: LocalizedText::new(&row.copy_zh, &row.copy_en),
        hero: row.hero(),
        products,
        offer,
        starts_at: Timestamp::from_unix(row.starts_at),
        ends_at: Timestamp::from_unix(row.ends_at),
        state: CampaignState::Live,
        store_ids: store_ids(db, row.id)
            .await?
            .into_iter()
            .map(StoreId)
            .collect(),
        reward: row.reward_min_spend.map(|m| CampaignReward {
            min_spend: Money::cny(m),
        }),
    })
}

pub use crate::hours::china_day;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_on_china_time() {
        // 2026-03-31T15:59:59Z is 23:59:59 in Shanghai; a second later is the next day.
        assert_eq!(china_day(1_774_972_799), "2026-03-31");
        assert_eq!(china_day(1_774_972_800), "2026-04-01");
    }

    #[test]
    fn slugs_are_checked() {
        assert!(check_slug("autumn-edit").is_ok());
        for bad in ["Autumn", "a_b", "-a", ""] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }
}
