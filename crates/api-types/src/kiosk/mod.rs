//! Kiosk mode: an in-store touch screen paired to a store (`/api/v1/kiosk/*` with the
//! device cookie `sf_kiosk`), its settings kept on the server, its health, the staff's view
//! of their kiosks (`/api/v1/staff/stores/{store_id}/kiosks`), and the single-use hand-off
//! that carries what a shopper found on the kiosk to their phone (`/h/{token}`).
//!
//! The checks of what a client sends are pure functions here, shared by the server and the
//! app: [`check_kiosk_settings`], [`check_handoff_request`], [`check_heartbeat`].

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{Lang, ProductId, StoreId, VariantId};
use crate::problems::FieldError;
use crate::stores::Store;
use crate::time::Timestamp;
use crate::tour::{View, TOUR_FOV_MAX, TOUR_FOV_MIN};

/// Shortest idle time before the "Still there?" warning, in seconds.
pub const KIOSK_IDLE_MIN: u32 = 30;
/// Longest idle time before the warning, in seconds.
pub const KIOSK_IDLE_MAX: u32 = 300;
/// Shortest warning (countdown) before a reset, in seconds (WCAG 2.2.1 asks for 20).
pub const KIOSK_WARNING_MIN: u32 = 20;
/// Longest warning, in seconds.
pub const KIOSK_WARNING_MAX: u32 = 120;
/// At most this many featured products on the attract screen.
pub const KIOSK_ATTRACT_PRODUCTS_MAX: usize = 12;
/// A kiosk's name: 1 to this many characters.
pub const KIOSK_NAME_MAX: usize = 40;
/// At most this many wishlist items travel in one hand-off.
pub const HANDOFF_WISHLIST_MAX: usize = 50;
/// A hand-off's route: at most this many characters.
pub const HANDOFF_ROUTE_MAX: usize = 300;
/// A heartbeat's route: at most this many characters.
pub const HEARTBEAT_ROUTE_MAX: usize = 200;
/// A heartbeat's app version: at most this many characters.
pub const HEARTBEAT_VERSION_MAX: usize = 64;
/// A kiosk whose last heartbeat is older than this many seconds is `stale`.
pub const KIOSK_STALE_SECONDS: i64 = 180;
/// The alphabet of pairing codes and hand-off tokens: digits and capitals without the
/// look-alikes 0, 1, I, L and O (31 characters).
pub const KIOSK_CODE_ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// The schema pattern of a hand-off token: 10 characters of [`KIOSK_CODE_ALPHABET`], any case.
pub const HANDOFF_TOKEN_PATTERN: &str = "^[2-9A-HJKMNP-Za-hjkmnp-z]{10}$";
/// The schema pattern of a hand-off's route: an app path (with an optional query) that
/// starts with one `/` (never `//`), without a backslash, `#`, spaces or control characters.
pub const HANDOFF_ROUTE_PATTERN: &str = r"^/([^/\\#\x00-\x20\x7f][^\\#\x00-\x20\x7f]*)?$";
/// The schema pattern of a heartbeat's route: a path only (no query, no fragment), without
/// spaces or control characters.
pub const HEARTBEAT_ROUTE_PATTERN: &str = r"^/[^?#\x00-\x20\x7f]*$";
/// The schema pattern of a maintenance time: `HH:MM`, 24 hours.
pub const MAINTENANCE_TIME_PATTERN: &str = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
/// The schema pattern of an exit PIN: 4 to 8 digits, or empty (remove the PIN).
pub const EXIT_PIN_PATTERN: &str = "^([0-9]{4,8})?$";

/// A kiosk's settings as staff set them and the kiosk reads them (at start and at every
/// reset, so a change reaches the kiosk at its next reset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct KioskSettings {
    /// Seconds without a touch, key or pointer move before the warning, 30..=300.
    pub idle_seconds: u32,
    /// Seconds of the warning's countdown before the reset, 20..=120.
    pub warning_seconds: u32,
    /// The language every session starts in.
    pub default_lang: Lang,
    /// The campaign (slug) the attract screen shows, when any.
    #[serde(default)]
    pub attract_campaign: Option<String>,
    /// Featured products of the attract screen, at most 12, in order.
    #[serde(default)]
    pub attract_product_ids: Vec<ProductId>,
    /// Whether the attract screen shows the store's tour teaser.
    pub show_tour_teaser: bool,
    /// The daily maintenance reload, `HH:MM` on the store's clock (done at the first reset
    /// after it).
    pub maintenance_time: String,
    /// Whether an exit PIN is set (the PIN itself is never read back).
    pub exit_pin_set: bool,
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            idle_seconds: 60,
            warning_seconds: 30,
            default_lang: Lang::default(),
            attract_campaign: None,
            attract_product_ids: Vec::new(),
            show_tour_teaser: true,
            maintenance_time: "04:00".to_owned(),
            exit_pin_set: false,
        }
    }
}

/// `PUT /api/v1/staff/stores/{store_id}/kiosks/{kiosk_id}/settings`: the settings, each
/// field defaulting to its default ([`KioskSettings::default`]) when left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct KioskSettingsInput {
    /// 30..=300, default 60.
    #[serde(deserialize_with = "crate::whole")]
    #[cfg_attr(feature = "openapi", schema(minimum = 30, maximum = 300))]
    pub idle_seconds: u32,
    /// 20..=120, default 30.
    #[serde(deserialize_with = "crate::whole")]
    #[cfg_attr(feature = "openapi", schema(minimum = 20, maximum = 120))]
    pub warning_seconds: u32,
    /// Default `zh-CN`.
    pub default_lang: Lang,
    /// A campaign's slug (it must exist); `null` for none.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$")
    )]
    pub attract_campaign: Option<String>,
    /// At most 12 products, each existing, no repeats.
    #[cfg_attr(feature = "openapi", schema(max_items = 12))]
    pub attract_product_ids: Vec<ProductId>,
    /// Default `true`.
    pub show_tour_teaser: bool,
    /// `HH:MM`, 24 hours, the store's clock; default `04:00`.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub maintenance_time: String,
    /// A new exit PIN (4 to 8 digits), `""` to remove it, left out or `null` to keep it.
    #[cfg_attr(feature = "openapi", schema(pattern = "^([0-9]{4,8})?$"))]
    pub exit_pin: Option<String>,
}

impl Default for KioskSettingsInput {
    fn default() -> Self {
        let d = KioskSettings::default();
        KioskSettingsInput {
            idle_seconds: d.idle_seconds,
            warning_seconds: d.warning_seconds,
            default_lang: d.default_lang,
            attract_campaign: None,
            attract_product_ids: Vec::new(),
            show_tour_teaser: d.show_tour_teaser,
            maintenance_time: d.maintenance_time,
            exit_pin: None,
        }
    }
}

/// `POST /api/v1/staff/stores/{store_id}/kiosks`: registers a kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewKiosk {
    /// What staff call it ("Entrance, left"), 1 to 40 characters, no control characters.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[^\x00-\x1f\x7f]{1,40}$"))]
    pub name: String,
}

/// A kiosk's pairing code (answer `201` of registering a kiosk or asking for a new code):
/// 8 characters shown as `ABCD-EFGH`, single use, valid 10 minutes; a new code replaces
/// the previous one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct KioskPairing {
    /// The kiosk (`k_` and 16 characters).
    pub kiosk_id: String,
    /// The code to type on the kiosk, `ABCD-EFGH` (accepted with or without the dash, in
    /// any case).
    pub pairing_code: String,
    /// Usable until.
    pub expires_at: Timestamp,
}

/// `POST /api/v1/kiosk/pair`: the pairing code typed on the kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KioskPairRequest {
    /// The code, with or without its dash and spaces, any case.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20))]
    pub code: String,
}

/// What a kiosk reads at start and at every reset (`GET /api/v1/kiosk`, and the answers of
/// pairing and reset).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct KioskConfig {
    /// The kiosk.
    pub kiosk_id: String,
    /// Its name.
    pub name: String,
    /// Its store, with time zone, hours and whether it is open now.
    pub store: Store,
    /// Its settings.
    pub settings: KioskSettings,
    /// The version of the app the server serves now; a kiosk running another reloads at
    /// its next reset.
    pub app_version: String,
    /// The server's clock.
    pub server_time: Timestamp,
}

/// `POST /api/v1/kiosk/heartbeat`, every 60 s: how the kiosk is, without personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KioskHeartbeat {
    /// The app version the kiosk runs, at most 64 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub app_version: String,
    /// When the kiosk last rendered a frame.
    #[serde(default)]
    pub last_frame_at: Option<Timestamp>,
    /// The JS heap in use, where the browser tells it (at most 2^53 - 1).
    #[serde(default, deserialize_with = "optional_whole")]
    #[cfg_attr(feature = "openapi", schema(maximum = 9_007_199_254_740_991_u64))]
    pub js_heap_bytes: Option<u64>,
    /// Whether WebGL is available.
    pub webgl: bool,
    /// The current app path, without query or fragment, at most 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 200, pattern = r"^/[^?#\x00-\x20\x7f]*$")
    )]
    pub route: String,
}

/// The largest `js_heap_bytes` a heartbeat may report: 2^53 - 1 (what a JavaScript number
/// holds exactly).
pub const HEARTBEAT_HEAP_MAX: u64 = (1 << 53) - 1;

/// An optional integer written as `5` or `5.0` (see [`crate::whole`]).
fn optional_whole<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    struct Whole(#[serde(deserialize_with = "crate::whole")] u64);
    Ok(Option::<Whole>::deserialize(d)?.map(|w| w.0))
}

/// A kiosk's health as staff see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KioskStatus {
    /// A heartbeat within the last 180 seconds.
    Online,
    /// Heard from before, but not within 180 seconds.
    Stale,
    /// Never sent a heartbeat.
    NeverSeen,
}

/// The status of a kiosk whose last heartbeat was at `last` (Unix seconds), at `now`.
pub fn kiosk_status(last: Option<i64>, now: i64) -> KioskStatus {
    match last {
        None => KioskStatus::NeverSeen,
        Some(t) if now - t <= KIOSK_STALE_SECONDS => KioskStatus::Online,
        Some(_) => KioskStatus::Stale,
    }
}

/// A kiosk in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StaffKiosk {
    /// The kiosk.
    pub kiosk_id: String,
    /// Its name.
    pub name: String,
    /// Its store.
    pub store_id: StoreId,
    /// Whether a screen is paired to it now.
    pub paired: bool,
    /// Online, stale or never seen.
    pub status: KioskStatus,
    /// The last heartbeat's arrival.
    #[serde(default)]
    pub last_heartbeat_at: Option<Timestamp>,
    /// The last heartbeat.
    #[serde(default)]
    pub last_report: Option<KioskHeartbeat>,
    /// Its settings.
    pub settings: KioskSettings,
    /// Registered.
    pub created_at: Timestamp,
}

/// `GET /api/v1/staff/stores/{store_id}/kiosks`: the store's kiosks, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StaffKioskList {
    /// The kiosks.
    pub data: Vec<StaffKiosk>,
}

/// `POST /api/v1/kiosk/handoffs`: what the shopper is looking at, to open on their phone.
/// Only non-personal state: any other field (a name, a phone number, a login) is refused
/// (`422 invalid_body` naming it).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KioskHandoffRequest {
    /// The app path (and query) to open, e.g. `/p/some-product`; at most 300 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 300,
            pattern = r"^/([^/\\#\x00-\x20\x7f][^\\#\x00-\x20\x7f]*)?$"
        )
    )]
    pub route: String,
    /// The chosen variant.
    #[serde(default)]
    pub variant_id: Option<VariantId>,
    /// Wishlist items, at most 50.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub wishlist: Vec<ProductId>,
    /// The tour scene shown.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub tour_scene: Option<String>,
    /// The tour view.
    #[serde(default)]
    pub tour_view: Option<View>,
    /// A reservation made on the kiosk, to carry its pickup pass to the phone.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10}$")
    )]
    pub reservation_code: Option<String>,
}

/// A hand-off (answer `201` of `POST /api/v1/kiosk/handoffs`): single use, valid 5
/// minutes; the QR code shows `url`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct KioskHandoff {
    /// 10 characters of [`KIOSK_CODE_ALPHABET`].
    pub token: String,
    /// The page the phone opens: `<origin>/h/<token>`.
    pub url: String,
    /// The same link, short enough to type (the same as `url`).
    pub short_url: String,
    /// Usable until.
    pub expires_at: Timestamp,
}

/// Where a kiosk's hand-off stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KioskHandoffStatus {
    /// Not opened yet.
    Pending,
    /// Opened on a phone.
    Opened,
    /// Its time ran out unused.
    Expired,
}

/// `GET /api/v1/kiosk/handoffs/{token}`: the kiosk's poll of its own hand-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct KioskHandoffState {
    /// Pending, opened or expired.
    pub state: KioskHandoffStatus,
    /// Usable until.
    pub expires_at: Timestamp,
}

/// `POST /api/v1/handoffs/{token}/open`: what the phone restores (once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HandoffOpened {
    /// The app path (and query) to open.
    pub route: String,
    /// The chosen variant.
    #[serde(default)]
    pub variant_id: Option<VariantId>,
    /// Wishlist items to add.
    #[serde(default)]
    pub wishlist: Vec<ProductId>,
    /// The tour scene.
    #[serde(default)]
    pub tour_scene: Option<String>,
    /// The tour view.
    #[serde(default)]
    pub tour_view: Option<View>,
    /// A reservation whose pickup pass the phone keeps.
    #[serde(default)]
    pub reservation_code: Option<String>,
    /// The kiosk's store (the phone's "my store" may become it).
    pub store_id: StoreId,
}

/// `POST /api/v1/kiosk/exit`: leaves kiosk mode with the store's staff key or the kiosk's
/// exit PIN (one of them).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KioskExit {
    /// A staff API key of the kiosk's store.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub key: Option<String>,
    /// The kiosk's exit PIN.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{4,8}$"))]
    pub pin: Option<String>,
}

mod check;
pub use check::*;
