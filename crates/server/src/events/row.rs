//! One stored event (a row of `events`, see migration 0012) and the multi-row insert that
//! both ingest and the demo generator use.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// Rows per `INSERT` statement (24 parameters each, well under SQLite's 32,766).
pub const ROWS_PER_INSERT: usize = 250;

/// An event as stored: no personal data, the member only through their random reference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventRow {
    /// The event's name (`EventName::as_str`).
    pub name: &'static str,
    /// When, on the device's clock (Unix seconds).
    pub at: i64,
    /// The day of `at` in China Standard Time (`YYYY-MM-DD`).
    pub day: String,
    /// When the server received it (Unix seconds).
    pub received_at: i64,
    /// The visit's random id.
    pub session_id: String,
    /// `phone`, `kiosk` or `embed`.
    pub channel: &'static str,
    /// `member_insight_refs.ref` while the member's receipt grants analytics and
    /// personalisation.
    pub member_ref: Option<i64>,
    /// The store in context.
    pub store_id: Option<String>,
    /// The first item's product.
    pub product_id: Option<String>,
    /// The first item's variant.
    pub variant_id: Option<String>,
    /// The product's category when the event was stored.
    pub category_id: Option<String>,
    /// How many items the event carried.
    pub items: i64,
    /// The list.
    pub item_list_id: Option<String>,
    /// The search, trimmed and lower-cased.
    pub search_term: Option<String>,
    /// How many products the search found.
    pub results: Option<i64>,
    /// The campaign shown or followed.
    pub promotion_id: Option<String>,
    /// The offer claimed.
    pub coupon: Option<String>,
    /// The tour hotspot.
    pub hotspot_id: Option<String>,
    /// The campaign that brought the visit.
    pub campaign: Option<String>,
    /// UTM source of the visit.
    pub utm_source: Option<String>,
    /// UTM medium of the visit.
    pub utm_medium: Option<String>,
    /// UTM campaign of the visit.
    pub utm_campaign: Option<String>,
    /// `view_store_stock`: 1 when the store had none of the variant, else 0.
    pub out_of_stock: Option<i64>,
    /// Then the nearest store that had some.
    pub nearest_store_id: Option<String>,
}

/// Inserts `rows`, [`ROWS_PER_INSERT`] per statement, on `conn` (inside the caller's
/// transaction).
pub async fn insert(conn: &mut SqliteConnection, rows: &[EventRow]) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO events (name, at, day, received_at, session_id, channel, member_ref, \
             store_id, product_id, variant_id, category_id, items, item_list_id, search_term, \
             results, promotion_id, coupon, hotspot_id, campaign, utm_source, utm_medium, \
             utm_campaign, out_of_stock, nearest_store_id) ",
        );
        qb.push_values(chunk, |mut b, r| {
            b.push_bind(r.name)
                .push_bind(r.at)
                .push_bind(&r.day)
                .push_bind(r.received_at)
                .push_bind(&r.session_id)
                .push_bind(r.channel)
                .push_bind(r.member_ref)
                .push_bind(&r.store_id)
                .push_bind(&r.product_id)
                .push_bind(&r.variant_id)
                .push_bind(&r.category_id)
                .push_bind(r.items)
                .push_bind(&r.item_list_id)
                .push_bind(&r.search_term)
                .push_bind(r.results)
                .push_bind(&r.promotion_id)
                .push_bind(&r.coupon)
                .push_bind(&r.hotspot_id)
                .push_bind(&r.campaign)
                .push_bind(&r.utm_source)
                .push_bind(&r.utm_medium)
                .push_bind(&r.utm_campaign)
                .push_bind(r.out_of_stock)
                .push_bind(&r.nearest_store_id);
        });
        qb.build().persistent(true).execute(&mut *conn).await?;
    }
    Ok(())
}
