//! Stores: where they are, their hours and whether they are open, and the distance maths.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::common::{LocalizedText, StoreId};
use crate::time::Timestamp;

/// A point on the earth (WGS-84 degrees).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GeoPoint {
    /// Latitude, -90..=90.
    pub lat: f64,
    /// Longitude, -180..=180.
    pub lng: f64,
}

/// Day of the week, ISO numbering (Monday first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
}

/// Opening hours of one weekday, in the store's local time. `open`/`close` are `HH:MM`;
/// a `close` earlier than `open` means the store closes after midnight. Both absent: closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DayHours {
    /// The weekday.
    pub weekday: Weekday,
    /// Opening time, `HH:MM` local; absent when closed all day.
    #[serde(default)]
    pub open: Option<String>,
    /// Closing time, `HH:MM` local; absent when closed all day.
    #[serde(default)]
    pub close: Option<String>,
}

/// Services a store offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StoreService {
    /// Order online, pick up in store.
    Pickup,
    /// Fitting rooms.
    FittingRooms,
    /// One-to-one shopping guide.
    ShoppingGuide,
    /// Returns of online orders.
    Returns,
}

/// A physical store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Store {
    /// Opaque id.
    pub id: StoreId,
    /// URL slug.
    pub slug: String,
    /// Display name.
    pub name: LocalizedText,
    /// City name.
    pub city: LocalizedText,
    /// Street address.
    pub address: LocalizedText,
    /// Telephone number, as dialled in China.
    pub phone: String,
    /// Where the store is.
    pub location: GeoPoint,
    /// IANA time zone of the store, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    /// Regular weekly hours, Monday first, seven entries.
    pub hours: Vec<DayHours>,
    /// Services offered.
    pub services: Vec<StoreService>,
    /// Dates in the coming 60 days whose hours differ from `hours` (holidays).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<HoursException>,
    /// Open now (or at `at`), computed in the store's time zone with its exceptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OpenStatus>,
    /// Great-circle distance from the request's `near`, in metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<u32>,
}

/// `GET /v1/stores`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StoreList {
    /// Stores: nearest first with `near`, otherwise by city then name.
    pub data: Vec<Store>,
}

/// A date whose hours differ from the weekly pattern (a holiday, a late opening).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HoursException {
    /// The store's local date, `YYYY-MM-DD`.
    pub date: String,
    /// Opening time that day, `HH:MM`; absent (with `close`) when closed all day.
    #[serde(default)]
    pub open: Option<String>,
    /// Closing time that day, `HH:MM`; earlier than `open` means after midnight.
    #[serde(default)]
    pub close: Option<String>,
    /// Why (`春节`, `Christmas Eve`).
    pub note: LocalizedText,
}

/// Whether a store is open at the instant of the request (or `at`), computed in the
/// store's own time zone with its exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OpenStatus {
    /// Open now.
    pub open: bool,
    /// The store's local weekday now.
    pub today: Weekday,
    /// The store's local date now, `YYYY-MM-DD`.
    pub local_date: String,
    /// When it next closes (open) or opens (closed); absent when it does not open again
    /// within the next 14 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_change: Option<OpenChange>,
    /// Today's exception, when today is one (a holiday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<LocalizedText>,
}

/// The next opening or closing of a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OpenChange {
    /// The instant.
    pub at: Timestamp,
    /// The same instant on the store's clock, `HH:MM`.
    pub local_time: String,
    /// Days from the store's today to that day: 0 today, 1 tomorrow...
    pub in_days: u32,
    /// The store's local weekday of that day.
    pub weekday: Weekday,
}

/// `GET /v1/stores` query.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct StoreQuery {
    /// The shopper's position `lat,lng` (degrees, WGS-84): stores come nearest first with
    /// their great-circle `distance_m`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(
            pattern = r"^-?(90(\.0{1,15})?|[1-8]?[0-9](\.[0-9]{1,15})?), ?-?(180(\.0{1,15})?|(1[0-7][0-9]|[1-9]?[0-9])(\.[0-9]{1,15})?)$"
        )
    )]
    pub near: Option<String>,
    /// Words of a district, address, city or store name in either language; only
    /// stores matching every word. At most 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
    /// The instant to compute `status` for (RFC 3339); now when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(format = DateTime))]
    pub at: Option<String>,
}

/// Formats `lat,lng` for a `near=` parameter (6 decimals, about 0.1 m).
pub fn near_param(p: GeoPoint) -> String {
    format!("{},{}", fixed6(p.lat), fixed6(p.lng))
}

/// `x` with 6 decimals, by integer arithmetic (float formatting would bring a large
/// formatter into the wasm).
pub fn fixed6(x: f64) -> String {
    let n = (x * 1e6).round();
    let n = if n.is_finite() { n as i64 } else { 0 };
    let sign = if n < 0 { "-" } else { "" };
    let a = n.unsigned_abs();
    format!("{sign}{}.{:06}", a / 1_000_000, a % 1_000_000)
}

/// Parses a `near=` value `lat,lng`: both finite, latitude in -90..=90 and longitude in
/// -180..=180. The error says which part is wrong.
pub fn parse_near(s: &str) -> Result<GeoPoint, &'static str> {
    let (lat, lng) = s
        .split_once(',')
        .ok_or("expected `lat,lng` in degrees, e.g. 31.2304,121.4737")?;
    let lng = lng.strip_prefix(' ').unwrap_or(lng);
    let lat = degrees(lat).ok_or("latitude is not a number such as 31.2304")?;
    let lng = degrees(lng).ok_or("longitude is not a number such as 121.4737")?;
    if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
        return Err("latitude must be between -90 and 90");
    }
    if !lng.is_finite() || !(-180.0..=180.0).contains(&lng) {
        return Err("longitude must be between -180 and 180");
    }
    Ok(GeoPoint { lat, lng })
}

/// A number of degrees as the `near` pattern has it: an optional `-`, 0 or up to three
/// digits without a leading zero, an optional fraction of 1 to 15 digits.
fn degrees(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let whole_ok = (1..=3).contains(&whole.len())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !(whole.len() > 1 && whole.starts_with('0'));
    let frac_ok =
        frac.is_none_or(|f| (1..=15).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()));
    (whole_ok && frac_ok).then(|| s.parse().ok()).flatten()
}

/// Great-circle distance in metres (haversine, mean earth radius 6,371,008.8 m).
pub fn distance_m(a: GeoPoint, b: GeoPoint) -> f64 {
    const R: f64 = 6_371_008.8;
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lng - a.lng).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn near_parses_and_names_the_wrong_part() {
        let p = parse_near("31.2304, 121.4737").unwrap();
        assert_eq!((p.lat, p.lng), (31.2304, 121.4737));
        assert_eq!(near_param(p), "31.230400,121.473700");
        assert_eq!(fixed6(-0.0000004), "0.000000");
        assert_eq!(fixed6(-12.5), "-12.500000");
        assert_eq!(fixed6(-0.25), "-0.250000");
        assert_eq!(
            parse_near("91,0"),
            Err("latitude must be between -90 and 90")
        );
        assert_eq!(
            parse_near("0,-180.5"),
            Err("longitude must be between -180 and 180")
        );
        // the shape of the schema's pattern, nothing else: no sign but `-`, no exponent,
        // no leading zero, no bare point, at most one space after the comma
        for bad in [
            "NaN,0", "inf,0", "+5,0", "1e1,0", "05,0", " 5,0", "5,  0", "5.,0", ".5,0", "5, 0 ",
            "31.2",
        ] {
            assert!(parse_near(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_near("a,0"),
            Err("latitude is not a number such as 31.2304")
        );
        for good in ["-0,180", "90.000,-180.0", "0.123456789012345,179.999"] {
            assert!(parse_near(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn great_circle_distances() {
        let shanghai = GeoPoint {
            lat: 31.2304,
            lng: 121.4737,
        };
        let beijing = GeoPoint {
            lat: 39.9042,
            lng: 116.4074,
        };
        let d = distance_m(shanghai, beijing);
        assert!((1_060_000.0..1_075_000.0).contains(&d), "{d}");
        assert_eq!(distance_m(shanghai, shanghai), 0.0);
        let antipode = GeoPoint {
            lat: -31.2304,
            lng: -58.5263,
        };
        assert!((distance_m(shanghai, antipode) - 20_015_114.0).abs() < 1_000.0);
    }
}
