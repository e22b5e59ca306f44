//! Appointments with a shopping guide: the slots of a day and the booking.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::StoreId;
use crate::stores::Store;
use crate::time::Timestamp;

/// Length of a shopping-guide appointment, in minutes.
pub const GUIDE_SLOT_MINUTES: u32 = 30;
/// How many days after the store's today appointments can be booked (today included).
pub const GUIDE_DAYS_AHEAD: u32 = 14;

/// `GET /v1/stores/{id}/guide-slots` query.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct GuideSlotQuery {
    /// The store's local date, `YYYY-MM-DD`, from its today to 14 days later; its today
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub date: Option<String>,
}

/// One bookable half hour with a shopping guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GuideSlot {
    /// When it starts.
    pub start: Timestamp,
    /// When it ends ([`GUIDE_SLOT_MINUTES`] later).
    pub end: Timestamp,
    /// The start on the store's clock, `HH:MM` (pass `date` + `T` + this as `start`).
    pub local_time: String,
    /// Guides on duty in this slot.
    pub capacity: u32,
    /// Guides still free.
    pub remaining: u32,
}

/// The slots of one store on one local date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GuideSlots {
    /// The store.
    pub store_id: StoreId,
    /// The store's local date, `YYYY-MM-DD`.
    pub date: String,
    /// The store's IANA time zone.
    pub time_zone: String,
    /// The slots within that day's opening hours (exceptions included) that have not
    /// started yet, in order; full ones with `remaining` 0. Empty when closed.
    pub slots: Vec<GuideSlot>,
}

/// `POST /v1/appointments` body (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppointmentRequest {
    /// The store.
    pub store_id: StoreId,
    /// The slot's start: an RFC 3339 instant, or the store's local time
    /// `YYYY-MM-DDTHH:MM`.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2}))?$"
        )
    )]
    pub start: String,
    /// The guest's name, 1..=40 characters, not only spaces, no control characters.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::reservations::guest_name_schema))]
    pub name: String,
    /// The guest's mainland China mobile number (see
    /// [`normalize_cn_mobile`](crate::normalize_cn_mobile)).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::reservations::cn_mobile_schema))]
    pub phone: String,
    /// What brought the shopper (never makes the booking fail).
    #[serde(default, skip_serializing_if = "crate::Attribution::is_empty")]
    pub attribution: crate::Attribution,
}

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// A guide is booked for the guest.
    Booked,
    /// Cancelled by the guest; the slot is free again.
    Cancelled,
}

/// A booked half hour with a shopping guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Appointment {
    /// Appointment code shown at the store and carried by the QR code (10 characters of
    /// `0-9A-Z` without `I`, `L`, `O`, `U`); it also reads the appointment.
    pub code: String,
    /// Where it stands.
    pub status: AppointmentStatus,
    /// The store, with hours and status.
    pub store: Store,
    /// When it starts.
    pub start: Timestamp,
    /// When it ends.
    pub end: Timestamp,
    /// The store's local date of the start, `YYYY-MM-DD`.
    pub local_date: String,
    /// The start on the store's clock, `HH:MM`.
    pub local_time: String,
    /// The guest's name.
    pub name: String,
    /// The phone number with its middle digits hidden (`138****5678`).
    pub phone_masked: String,
    /// When it was booked.
    pub created_at: Timestamp,
}
