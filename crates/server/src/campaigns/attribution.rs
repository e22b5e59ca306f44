//! Attribution of writes: what brought a shopper to a claim, a reservation, a guide
//! booking, an in-store reward or a till redemption, kept as one `attributions` row per
//! write, in the write's transaction. Never makes a write fail: values are cleaned
//! ([`Attribution::cleaned`]), an unknown campaign or store is dropped, an embedding
//! origin that is not an origin is dropped.

use sqlx::SqliteConnection;
use storefront_api_types::{parse_allowed_origin, Attribution};

use super::china_day;

/// The kind of write an attribution row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A coupon claimed into a wallet (`ref`: the wallet coupon's id).
    Claim,
    /// A coupon given by a campaign's in-store reward (`ref`: the wallet coupon's id).
    Reward,
    /// A pickup reservation (`ref`: its code).
    Reservation,
    /// A guide booking (`ref`: its code).
    Appointment,
    /// A campaign coupon redeemed at a till (`ref`: the wallet coupon's id).
    Redemption,
}

impl Kind {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Claim => "claim",
            Kind::Reward => "reward",
            Kind::Reservation => "reservation",
            Kind::Appointment => "appointment",
            Kind::Redemption => "redemption",
        }
    }
}

/// An attribution as it is stored: cleaned, the campaign as its id, known stores and real
/// origins only; `""` for none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolved {
    /// The campaign.
    pub campaign_id: Option<i64>,
    /// `utm_source`.
    pub utm_source: String,
    /// `utm_medium`.
    pub utm_medium: String,
    /// `utm_campaign`.
    pub utm_campaign: String,
    /// The embedding page's origin.
    pub embed_origin: String,
    /// The poster's store.
    pub store_id: String,
}

impl Resolved {
    /// Whether nothing is attributed.
    pub fn is_empty(&self) -> bool {
        *self == Resolved::default()
    }
}

/// An embedding page's origin as kept: a normalised origin without a wildcard; `None` for
/// anything else.
pub fn page_origin(v: &str) -> Option<String> {
    parse_allowed_origin(v).ok().filter(|o| !o.contains('*'))
}

/// Cleans `a` and resolves its campaign (by slug, any state) and store, dropping what
/// does not exist.
pub async fn resolve(
    conn: &mut SqliteConnection,
    a: &Attribution,
) -> Result<Resolved, sqlx::Error> {
    let a = a.cleaned();
    let campaign_id = match &a.campaign {
        Some(slug) => {
            let id: Option<(i64,)> = sqlx::query_as("SELECT id FROM campaigns WHERE slug = ?")
                .bind(slug)
                .fetch_optional(&mut *conn)
                .await?;
            id.map(|(id,)| id)
        }
        None => None,
    };
    let store_id = match &a.store_id {
        Some(s) => {
            let known: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM stores WHERE id = ?")
                .bind(&s.0)
                .fetch_optional(&mut *conn)
                .await?;
            known.map(|_| s.0.clone()).unwrap_or_default()
        }
        None => String::new(),
    };
    Ok(Resolved {
        campaign_id,
        utm_source: a.utm_source.unwrap_or_default(),
        utm_medium: a.utm_medium.unwrap_or_default(),
        utm_campaign: a.utm_campaign.unwrap_or_default(),
        embed_origin: a
            .embed_origin
            .as_deref()
            .and_then(page_origin)
            .unwrap_or_default(),
        store_id,
    })
}

/// Writes the attribution row of a write (`kind`, `reference`), unless `r` is empty; at
/// most one per write.
pub async fn record(
    conn: &mut SqliteConnection,
    kind: Kind,
    reference: &str,
    r: &Resolved,
    now: i64,
) -> Result<(), sqlx::Error> {
    if r.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT OR IGNORE INTO attributions (kind, ref, campaign_id, utm_source, utm_medium, utm_campaign, \
         embed_origin, store_id, day, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(kind.as_str())
    .bind(reference)
    .bind(r.campaign_id)
    .bind(&r.utm_source)
    .bind(&r.utm_medium)
    .bind(&r.utm_campaign)
    .bind(&r.embed_origin)
    .bind(&r.store_id)
    .bind(china_day(now))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// [`resolve`] then [`record`]: the attribution a request gave, kept with its write.
pub async fn record_request(
    conn: &mut SqliteConnection,
    kind: Kind,
    reference: &str,
    a: &Attribution,
    now: i64,
) -> Result<(), sqlx::Error> {
    if a.is_empty() {
        return Ok(());
    }
    let r = resolve(conn, a).await?;
    record(conn, kind, reference, &r, now).await
}

/// A till redeemed wallet coupon `coupon_id`: when its claim (or in-store reward) was
/// attributed, a `redemption` row copying that attribution, dated now.
pub async fn record_redemption(
    conn: &mut SqliteConnection,
    coupon_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT OR IGNORE INTO attributions (kind, ref, campaign_id, utm_source, utm_medium, utm_campaign, \
         embed_origin, store_id, day, at) \
         SELECT 'redemption', ref, campaign_id, utm_source, utm_medium, utm_campaign, embed_origin, store_id, ?, ? \
         FROM attributions WHERE kind IN ('claim', 'reward') AND ref = ? ORDER BY kind LIMIT 1",
    )
    .bind(china_day(now))
    .bind(now)
    .bind(coupon_id.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_origins() {
        assert_eq!(
            page_origin("HTTPS://Partner.Example:443/").as_deref(),
            Some("https://partner.example")
        );
        assert_eq!(
            page_origin("http://localhost:8090").as_deref(),
            Some("http://localhost:8090")
        );
        for bad in [
            "https://*.example.com",
            "javascript:alert(1)",
            "https://a.example/path",
            "http://partner.example",
            "",
        ] {
            assert_eq!(page_origin(bad), None, "{bad}");
        }
    }
}
