//! Campaigns as the marketing workspace writes and reads them: stored in the 0010 tables
//! (`campaigns`, `campaign_products`, `campaign_stores`, `campaign_origins`) in one
//! transaction, read back as the [`CampaignInput`] that was written.

use sqlx::SqliteConnection;
use storefront_api_types::{
    campaign_state, CampaignInput, CampaignReward, CampaignState, LocalizedText, MarketingCampaign,
    Money, ProblemCode, ProductId, StoreId, Timestamp,
};

use super::results::figures;
use super::validate::ValidCampaign;
use crate::campaigns::hero_image;
use crate::error::ApiError;

/// A stored campaign.
#[derive(Debug, Clone)]
pub struct StoredCampaign {
    /// Never reused.
    pub id: i64,
    /// As written.
    pub input: CampaignInput,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
}

impl StoredCampaign {
    /// Its state at `now`.
    pub fn state(&self, now: i64) -> CampaignState {
        campaign_state(
            self.input.published,
            self.input.starts_at,
            self.input.ends_at,
            Timestamp::from_unix(now),
        )
    }

    /// The workspace's view of it, with its figures since it began.
    pub async fn to_api(
        &self,
        conn: &mut SqliteConnection,
        now: i64,
    ) -> Result<MarketingCampaign, ApiError> {
        Ok(MarketingCampaign {
            input: self.input.clone(),
            state: self.state(now),
            hero: hero_image(&self.input.hero_theme, self.input.hero_alt.clone()),
            created_at: Timestamp::from_unix(self.created_at),
            updated_at: Timestamp::from_unix(self.updated_at),
            figures: figures(conn, self.id, None).await?,
        })
    }
}

type CampaignRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
    i64,
    Option<i64>,
    bool,
    i64,
    i64,
);

const COLUMNS: &str = "SELECT id, slug, title_zh, title_en, copy_zh, copy_en, hero_theme, \
    hero_alt_zh, hero_alt_en, offer_code, starts_at, ends_at, reward_min_spend, published, \
    created_at, updated_at FROM campaigns";

async fn complete(
    conn: &mut SqliteConnection,
    row: CampaignRow,
) -> Result<StoredCampaign, ApiError> {
    let (id, slug, title_zh, title_en, copy_zh, copy_en, hero_theme, alt_zh, alt_en) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8,
    );
    let products: Vec<(String,)> = sqlx::query_as(
        "SELECT product_id FROM campaign_products WHERE campaign_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let stores: Vec<(String,)> = sqlx::query_as(
        "SELECT store_id FROM campaign_stores WHERE campaign_id = ? ORDER BY store_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let origins: Vec<(String,)> = sqlx::query_as(
        "SELECT origin FROM campaign_origins WHERE campaign_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(StoredCampaign {
        id,
        input: CampaignInput {
            slug,
            title: LocalizedText::new(title_zh, title_en),
            copy: LocalizedText::new(copy_zh, copy_en),
            hero_theme,
            hero_alt: LocalizedText::new(alt_zh, alt_en),
            product_ids: products.into_iter().map(|p| ProductId(p.0)).collect(),
            offer_code: row.9,
            starts_at: Timestamp::from_unix(row.10),
            ends_at: Timestamp::from_unix(row.11),
            store_ids: stores.into_iter().map(|s| StoreId(s.0)).collect(),
            allowed_origins: origins.into_iter().map(|o| o.0).collect(),
            reward: row.12.map(|fen| CampaignReward {
                min_spend: Money::cny(fen),
            }),
            published: row.13,
        },
        created_at: row.14,
        updated_at: row.15,
    })
}

/// The campaign of `slug`, in any state.
pub async fn by_slug(
    conn: &mut SqliteConnection,
    slug: &str,
) -> Result<Option<StoredCampaign>, ApiError> {
    let row: Option<CampaignRow> = sqlx::query_as(&format!("{COLUMNS} WHERE slug = ?"))
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(complete(conn, row).await?)),
        None => Ok(None),
    }
}

/// Every campaign, newest first.
pub async fn all(conn: &mut SqliteConnection) -> Result<Vec<StoredCampaign>, ApiError> {
    let rows: Vec<CampaignRow> =
        sqlx::query_as(&format!("{COLUMNS} ORDER BY created_at DESC, id DESC"))
            .fetch_all(&mut *conn)
            .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(complete(conn, row).await?);
    }
    Ok(out)
}

fn slug_taken() -> ApiError {
    ApiError::refusal_at(
        ProblemCode::SlugTaken,
        "/slug",
        "another campaign has this slug",
    )
}

async fn slug_owner(conn: &mut SqliteConnection, slug: &str) -> Result<Option<i64>, ApiError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM campaigns WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.0))
}

/// Writes the lists of campaign `id` (products, stores, origins), replacing what it had.
async fn write_lists(
    conn: &mut SqliteConnection,
    id: i64,
    input: &CampaignInput,
) -> Result<(), ApiError> {
    for table in ["campaign_products", "campaign_stores", "campaign_origins"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE campaign_id = ?"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    for (i, p) in input.product_ids.iter().enumerate() {
        sqlx::query(
            "INSERT INTO campaign_products (campaign_id, position, product_id) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(&p.0)
        .execute(&mut *conn)
        .await?;
    }
    for s in &input.store_ids {
        sqlx::query("INSERT INTO campaign_stores (campaign_id, store_id) VALUES (?, ?)")
            .bind(id)
            .bind(&s.0)
            .execute(&mut *conn)
            .await?;
    }
    for (i, o) in input.allowed_origins.iter().enumerate() {
        sqlx::query(
            "INSERT INTO campaign_origins (campaign_id, position, origin) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(o)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Creates a campaign (in the caller's transaction); 409 `slug_taken` when its slug is
/// another's.
pub async fn create(
    conn: &mut SqliteConnection,
    valid: &ValidCampaign,
    now: i64,
) -> Result<i64, ApiError> {
    let c = &valid.input;
    if slug_owner(conn, &c.slug).await?.is_some() {
        return Err(slug_taken());
    }
    let insert = sqlx::query_as(
        "INSERT INTO campaigns (slug, title_zh, title_en, copy_zh, copy_en, hero_theme, hero_alt_zh, \
         hero_alt_en, offer_code, starts_at, ends_at, reward_min_spend, published, updated_at, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    );
    let (id,): (i64,) = bind_columns(insert, c, now)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
    write_lists(conn, id, c).await?;
    Ok(id)
}

/// Replaces the campaign of `slug` (in the caller's transaction): 404 when there is none,
/// 409 `slug_taken` when its new slug is another campaign's.
pub async fn update(
    conn: &mut SqliteConnection,
    slug: &str,
    valid: &ValidCampaign,
    now: i64,
) -> Result<(), ApiError> {
    let c = &valid.input;
    let id = slug_owner(conn, slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no campaign {slug}")))?;
    if slug_owner(conn, &c.slug).await?.is_some_and(|o| o != id) {
        return Err(slug_taken());
    }
    let update = sqlx::query_as::<_, ()>(
        "UPDATE campaigns SET slug = ?, title_zh = ?, title_en = ?, copy_zh = ?, copy_en = ?, \
         hero_theme = ?, hero_alt_zh = ?, hero_alt_en = ?, offer_code = ?, starts_at = ?, ends_at = ?, \
         reward_min_spend = ?, published = ?, updated_at = ? WHERE id = ?",
    );
    bind_columns(update, c, now)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    write_lists(conn, id, c).await
}

/// A campaign's own columns, in the order `create` and `update` name them (slug, titles,
/// copies, hero, offer, schedule, reward, published, `updated_at`): written once for both.
fn bind_columns<'q, O>(
    q: sqlx::query::QueryAs<'q, sqlx::Sqlite, O, sqlx::sqlite::SqliteArguments<'q>>,
    c: &'q CampaignInput,
    now: i64,
) -> sqlx::query::QueryAs<'q, sqlx::Sqlite, O, sqlx::sqlite::SqliteArguments<'q>> {
    q.bind(&c.slug)
        .bind(&c.title.zh_cn)
        .bind(&c.title.en)
        .bind(&c.copy.zh_cn)
        .bind(&c.copy.en)
        .bind(&c.hero_theme)
        .bind(&c.hero_alt.zh_cn)
        .bind(&c.hero_alt.en)
        .bind(&c.offer_code)
        .bind(c.starts_at.unix())
        .bind(c.ends_at.unix())
        .bind(c.reward.map(|r| r.min_spend.amount_minor))
        .bind(c.published)
        .bind(now)
}
