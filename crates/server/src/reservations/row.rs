//! A reservation as stored, and its API form.

use sqlx::{Sqlite, SqlitePool, Transaction};
use storefront_api_types::{
    Image, LocalizedText, Money, ProductId, Reservation, ReservationStatus, ReservedItem, Store,
    Timestamp, VariantId,
};

use crate::mask::mask_phone;
use crate::pictures::{image_url, srcset, CARD_WIDTHS};

pub(crate) async fn begin(db: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    db.begin_with("BEGIN IMMEDIATE").await
}

fn status_of(s: &str) -> ReservationStatus {
    match s {
        "collected" => ReservationStatus::Collected,
        "cancelled" => ReservationStatus::Cancelled,
        "expired" => ReservationStatus::Expired,
        _ => ReservationStatus::Active,
    }
}

/// A reservation as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    /// Its code.
    pub code: String,
    /// SHA-256 of the request body, for idempotent retries.
    pub request_sha256: String,
    /// The variant.
    pub variant_id: String,
    /// The store.
    pub store_id: String,
    /// Units.
    pub quantity: i64,
    /// Name.
    pub name: String,
    /// Phone number.
    pub phone: String,
    /// Stored status.
    pub status: String,
    /// When it was created (Unix seconds).
    pub created_at: i64,
    /// When it is ready for pickup.
    pub ready_at: i64,
    /// When the hold ends.
    pub hold_until: i64,
    /// The item as it was when reserved.
    #[sqlx(flatten)]
    pub item: Snapshot,
}

/// What is copied from the catalogue into a reservation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Snapshot {
    /// The product.
    pub product_id: String,
    /// The product's slug.
    pub product_slug: String,
    /// Stock-keeping unit.
    pub sku: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Option values in Chinese.
    pub options_zh: String,
    /// Option values in English.
    pub options_en: String,
    /// Price in fen.
    pub price: i64,
    /// Position of its picture.
    pub image_position: i64,
    /// Width of its picture.
    pub image_width: i64,
    /// Height of its picture.
    pub image_height: i64,
    /// Alt text of its picture in Chinese.
    pub image_alt_zh: String,
    /// Alt text of its picture in English.
    pub image_alt_en: String,
}

pub(crate) const ROW_COLUMNS: &str = "SELECT code, request_sha256, variant_id, store_id, quantity, name, phone, status, created_at, ready_at, hold_until, \
     product_id, product_slug, sku, name_zh, name_en, options_zh, options_en, price, image_position, image_width, image_height, \
     image_alt_zh, image_alt_en FROM reservations";

impl Row {
    /// The status as the API shows it.
    pub fn status(&self) -> ReservationStatus {
        status_of(&self.status)
    }

    /// The API's reservation, with its store (status at `now`).
    pub fn to_api(&self, store: Store) -> Reservation {
        let url = image_url(&self.item.product_id, self.item.image_position);
        Reservation {
            code: self.code.clone(),
            status: self.status(),
            quantity: u32::try_from(self.quantity).unwrap_or(0),
            item: ReservedItem {
                product_id: ProductId(self.item.product_id.clone()),
                product_slug: self.item.product_slug.clone(),
                variant_id: VariantId(self.variant_id.clone()),
                sku: self.item.sku.clone(),
                name: LocalizedText::new(&self.item.name_zh, &self.item.name_en),
                options: LocalizedText::new(&self.item.options_zh, &self.item.options_en),
                price: Money::cny(self.item.price),
                image: Image {
                    srcset: srcset(&url, &CARD_WIDTHS),
                    url,
                    width: u32::try_from(self.item.image_width).unwrap_or(0),
                    height: u32::try_from(self.item.image_height).unwrap_or(0),
                    alt: LocalizedText::new(&self.item.image_alt_zh, &self.item.image_alt_en),
                },
            },
            store,
            name: self.name.clone(),
            phone_masked: mask_phone(&self.phone),
            created_at: Timestamp::from_unix(self.created_at),
            ready_at: Timestamp::from_unix(self.ready_at),
            hold_until: Timestamp::from_unix(self.hold_until),
        }
    }
}

/// The reservation with this (canonical) code.
pub async fn load(db: &SqlitePool, code: &str) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW_COLUMNS} WHERE code = ?"))
        .bind(code)
        .fetch_optional(db)
        .await
}
