//! Kiosks: in-store screens paired to a store (migration 0011). The rules and the SQL, no
//! HTTP: registering and pairing (`pairing`), the settings staff keep for each kiosk, the
//! kiosk's configuration and heartbeat, leaving kiosk mode, and the hand-offs to a phone
//! (`handoffs`).
//!
//! Secrets: pairing codes (8 characters of [`KIOSK_CODE_ALPHABET`], about 40 bits, single
//! use, 10 minutes, tries rate limited per client) and device secrets (32 random bytes,
//! base64url, in the HttpOnly cookie `sf_kiosk`) are stored as SHA-256 only. The exit PIN is
//! stored as SHA-256 of a per-kiosk random salt and the PIN: a PIN has few values, so what
//! protects it is the rate limit on exit attempts, not the hash.

pub mod cli;
pub mod handoffs;
pub mod pairing;

use sqlx::{SqliteConnection, SqlitePool};
use storefront_api_types::{
    kiosk_status, KioskConfig, KioskHeartbeat, KioskSettings, KioskSettingsInput, Lang, ProductId,
    StaffKiosk, StoreId, Timestamp, KIOSK_CODE_ALPHABET,
};

use crate::digest::{hex, sha256_hex};
use crate::error::{ApiError, ApiResult};

/// The kiosk's device cookie.
pub const KIOSK_COOKIE: &str = "sf_kiosk";
/// The device cookie's lifetime: 400 days (the longest browsers keep a cookie).
pub const KIOSK_COOKIE_SECONDS: i64 = 400 * 86_400;

/// A kiosk as stored (without its secrets but the exit PIN's).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KioskRow {
    /// `k_` and 16 characters.
    pub id: String,
    /// Its store.
    pub store_id: String,
    /// Its name.
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Whether a device is paired.
    pub paired: bool,
    idle_seconds: i64,
    warning_seconds: i64,
    default_lang: String,
    attract_campaign: Option<String>,
    attract_product_ids: String,
    show_tour_teaser: bool,
    maintenance_time: String,
    exit_pin_salt: Option<String>,
    exit_pin_sha256: Option<String>,
    last_heartbeat_at: Option<i64>,
    last_report: Option<String>,
}

const COLUMNS: &str = "id, store_id, name, created_at, device_sha256 IS NOT NULL AS paired, \
    idle_seconds, warning_seconds, default_lang, attract_campaign, attract_product_ids, \
    show_tour_teaser, maintenance_time, exit_pin_salt, exit_pin_sha256, last_heartbeat_at, \
    last_report";

impl KioskRow {
    /// Its settings as the kiosk and staff read them.
    pub fn settings(&self) -> KioskSettings {
        let clamp = |v: i64| u32::try_from(v).unwrap_or(0);
        KioskSettings {
            idle_seconds: clamp(self.idle_seconds),
            warning_seconds: clamp(self.warning_seconds),
            default_lang: Lang::from_tag(&self.default_lang).unwrap_or_default(),
            attract_campaign: self.attract_campaign.clone(),
            attract_product_ids: serde_json::from_str::<Vec<ProductId>>(&self.attract_product_ids)
                .unwrap_or_default(),
            show_tour_teaser: self.show_tour_teaser,
            maintenance_time: self.maintenance_time.clone(),
            exit_pin_set: self.exit_pin_sha256.is_some(),
        }
    }

    /// The kiosk in the staff's list, its status at `now`.
    pub fn staff(&self, now: i64) -> StaffKiosk {
        StaffKiosk {
            kiosk_id: self.id.clone(),
            name: self.name.clone(),
            store_id: StoreId(self.store_id.clone()),
            paired: self.paired,
            status: kiosk_status(self.last_heartbeat_at, now),
            last_heartbeat_at: self.last_heartbeat_at.map(Timestamp::from_unix),
            last_report: self
                .last_report
                .as_deref()
                .and_then(|r| serde_json::from_str::<KioskHeartbeat>(r).ok()),
            settings: self.settings(),
            created_at: Timestamp::from_unix(self.created_at),
        }
    }

    /// Whether `pin` is this kiosk's exit PIN (never when none is set).
    pub fn pin_matches(&self, pin: &str) -> bool {
        match (&self.exit_pin_salt, &self.exit_pin_sha256) {
            (Some(salt), Some(stored)) => pin_digest(salt, pin) == *stored,
            _ => false,
        }
    }
}

fn pin_digest(salt: &str, pin: &str) -> String {
    sha256_hex(&format!("{salt}:{pin}"))
}

/// `n` random bytes.
pub fn random_bytes<const N: usize>() -> ApiResult<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| ApiError::Internal(format!("randomness: {e}")))?;
    Ok(b)
}

/// `n` random characters of [`KIOSK_CODE_ALPHABET`] (uniform: bytes past the last whole
/// multiple of the alphabet are drawn again).
pub fn random_code(n: usize) -> ApiResult<String> {
    let alphabet = KIOSK_CODE_ALPHABET.as_bytes();
    let limit = 256 - 256 % alphabet.len();
    let mut out = String::with_capacity(n);
    while out.len() < n {
        for b in random_bytes::<32>()? {
            if usize::from(b) < limit && out.len() < n {
                out.push(char::from(alphabet[usize::from(b) % alphabet.len()]));
            }
        }
    }
    Ok(out)
}

/// One kiosk of `store` (`None` when there is none of that id in that store).
pub async fn get(db: &SqlitePool, store: &str, id: &str) -> Result<Option<KioskRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM kiosks WHERE id = ? AND store_id = ?"
    ))
    .bind(id)
    .bind(store)
    .fetch_optional(db)
    .await
}

/// One kiosk of `store`, or 404.
pub async fn get_or_404(db: &SqlitePool, store: &str, id: &str) -> ApiResult<KioskRow> {
    get(db, store, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no kiosk {id:?} at store {store:?}")))
}

/// The kiosks of `store`, oldest first.
pub async fn list(db: &SqlitePool, store: &str) -> Result<Vec<KioskRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM kiosks WHERE store_id = ? ORDER BY created_at, id"
    ))
    .bind(store)
    .fetch_all(db)
    .await
}

/// The kiosk paired with the device secret `secret`, if any.
pub async fn by_device(
    conn: &mut SqliteConnection,
    secret: &str,
) -> Result<Option<KioskRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM kiosks WHERE device_sha256 = ?"
    ))
    .bind(sha256_hex(secret))
    .fetch_optional(conn)
    .await
}

/// Checks what the settings name exists: the campaign (404 naming `/attract_campaign`) and
/// each product (404 naming `/attract_product_ids/{i}`); the product ids without repeats.
pub async fn check_references(
    db: &SqlitePool,
    input: &KioskSettingsInput,
) -> ApiResult<Vec<ProductId>> {
    if let Some(slug) = &input.attract_campaign {
        let found: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM campaigns WHERE slug = ?")
            .bind(slug)
            .fetch_optional(db)
            .await?;
        if found.is_none() {
            return Err(ApiError::NotFoundField {
                detail: format!("no campaign {slug:?}"),
                pointer: "/attract_campaign".to_owned(),
            });
        }
    }
    let mut ids: Vec<ProductId> = Vec::new();
    for (i, id) in input.attract_product_ids.iter().enumerate() {
        let found: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM products WHERE id = ?")
            .bind(&id.0)
            .fetch_optional(db)
            .await?;
        if found.is_none() {
            return Err(ApiError::NotFoundField {
                detail: format!("no product {:?}", id.0),
                pointer: format!("/attract_product_ids/{i}"),
            });
        }
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    Ok(ids)
}

/// Stores checked settings (`products` from [`check_references`]); the exit PIN is kept
/// when `exit_pin` is `None`, removed when `""`, replaced otherwise.
pub async fn save_settings(
    db: &SqlitePool,
    id: &str,
    input: &KioskSettingsInput,
    products: &[ProductId],
) -> ApiResult<()> {
    let products =
        serde_json::to_string(products).map_err(|e| ApiError::Internal(e.to_string()))?;
    let pin = match input.exit_pin.as_deref() {
        None => None,
        Some("") => Some((None, None)),
        Some(pin) => {
            let salt = hex(&random_bytes::<16>()?);
            let digest = pin_digest(&salt, pin);
            Some((Some(salt), Some(digest)))
        }
    };
    let mut sql = String::from(
        "UPDATE kiosks SET idle_seconds = ?, warning_seconds = ?, default_lang = ?, \
         attract_campaign = ?, attract_product_ids = ?, show_tour_teaser = ?, maintenance_time = ?",
    );
    if pin.is_some() {
        sql.push_str(", exit_pin_salt = ?, exit_pin_sha256 = ?");
    }
    sql.push_str(" WHERE id = ?");
    let mut q = sqlx::query(&sql)
        .bind(i64::from(input.idle_seconds))
        .bind(i64::from(input.warning_seconds))
        .bind(input.default_lang.tag())
        .bind(&input.attract_campaign)
        .bind(products)
        .bind(input.show_tour_teaser)
        .bind(&input.maintenance_time);
    if let Some((salt, digest)) = pin {
        q = q.bind(salt).bind(digest);
    }
    q.bind(id).execute(db).await?;
    Ok(())
}

/// Records a heartbeat.
pub async fn heartbeat(
    db: &SqlitePool,
    id: &str,
    report: &KioskHeartbeat,
    now: i64,
) -> ApiResult<()> {
    let json = serde_json::to_string(report).map_err(|e| ApiError::Internal(e.to_string()))?;
    sqlx::query("UPDATE kiosks SET last_heartbeat_at = ?, last_report = ? WHERE id = ?")
        .bind(now)
        .bind(json)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Revokes the kiosk's device secret: its next call is `401 kiosk_unpaired`.
pub async fn unpair(db: &SqlitePool, id: &str) -> ApiResult<()> {
    sqlx::query("UPDATE kiosks SET device_sha256 = NULL, paired_at = NULL WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Whether `key` is a live staff key of `store`.
pub async fn is_store_key(db: &SqlitePool, store: &str, key: &str) -> ApiResult<bool> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM store_api_keys WHERE key_sha256 = ? AND store_id = ? AND revoked_at IS NULL",
    )
    .bind(crate::digest::key_digest(key))
    .bind(store)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// What the kiosk reads: itself, its store now, its settings, the app's version and the
/// server's clock.
pub fn config(
    row: &KioskRow,
    store: storefront_api_types::Store,
    app_version: String,
    now: i64,
) -> KioskConfig {
    KioskConfig {
        kiosk_id: row.id.clone(),
        name: row.name.clone(),
        store,
        settings: row.settings(),
        app_version,
        server_time: Timestamp::from_unix(now),
    }
}

/// The version of the app being served: the first 16 hex digits of the SHA-256 of the
/// served `index.html` (it names the build's content-hashed files, so it changes with every
/// deploy), or `dev` when no app is built.
pub fn app_version(index: Option<&[u8]>) -> String {
    use sha2::{Digest, Sha256};
    match index {
        Some(html) => hex(&Sha256::digest(html)[..8]),
        None => "dev".to_owned(),
    }
}
