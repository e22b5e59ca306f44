//! Time: [`Timestamp`], RFC 3339 on the wire, and the civil-date arithmetic behind it.

use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// An instant, to the second. On the wire an RFC 3339 string in UTC such as
/// `2025-03-01T08:00:00Z`; on input fractions of a second and numeric offsets
/// (`2025-03-01T16:00:00.5+08:00`) are accepted too. Kept as Unix seconds, so the SPA
/// needs no date library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's algorithm).
pub const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month 1-12, day 1-31)` of a day count from 1970-01-01.
pub const fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

const fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Timestamp {
    /// The instant `secs` seconds after 1970-01-01T00:00:00Z.
    pub const fn from_unix(secs: i64) -> Self {
        Self(secs)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub const fn unix(self) -> i64 {
        self.0
    }

    /// The calendar date `(year, month 1-12, day 1-31)` at a fixed UTC offset in seconds
    /// (China is `8 * 3600`).
    pub const fn date_at_offset(self, offset_secs: i64) -> (i64, u32, u32) {
        civil_from_days((self.0 + offset_secs).div_euclid(86_400))
    }

    /// Parses RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, `T` or a space, any case);
    /// `None` for anything else, including impossible dates such as February 30th.
    pub fn parse_rfc3339(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let digits = b.get(from..from + len)?;
            digits.iter().try_fold(0i64, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
            })
        };
        let at = |i: usize, c: u8| b.get(i).is_some_and(|&x| x.eq_ignore_ascii_case(&c));
        if !(at(4, b'-')
            && at(7, b'-')
            && (at(10, b'T') || at(10, b' '))
            && at(13, b':')
            && at(16, b':'))
        {
            return None;
        }
        let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (h, mi, sec) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        if !(1..=12).contains(&mo)
            || d < 1
            || d > days_in_month(y, mo)
            || h > 23
            || mi > 59
            || sec > 60
        {
            return None;
        }
        let mut i = 19;
        if at(i, b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
        let offset = if at(i, b'Z') && i + 1 == b.len() {
            0
        } else if (at(i, b'+') || at(i, b'-')) && at(i + 3, b':') && i + 6 == b.len() {
            let (oh, om) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if at(i, b'-') {
                -o
            } else {
                o
            }
        } else {
            return None;
        };
        // a leap second is read as the second after it
        let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset;
        Some(Self(secs))
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC: `2025-03-01T08:00:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.date_at_offset(0);
        let t = self.0.rem_euclid(86_400);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            t / 3600,
            t / 60 % 60,
            t % 60
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Rfc3339;
        impl serde::de::Visitor<'_> for Rfc3339 {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse_rfc3339(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(Rfc3339)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Timestamp {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .description(Some("RFC 3339 date-time in UTC"))
            .examples(["2025-03-01T08:00:00Z"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl ToSchema for Timestamp {}

/// The instant of a chrono date-time, to the second (a fraction is dropped, rounding
/// towards the past).
#[cfg(feature = "chrono")]
impl From<chrono::DateTime<chrono::Utc>> for Timestamp {
    fn from(t: chrono::DateTime<chrono::Utc>) -> Self {
        Self(t.timestamp())
    }
}

/// The chrono date-time of an instant. Instants beyond chrono's range (about ±262,000
/// years, which no RFC 3339 string reaches) saturate at its ends.
#[cfg(feature = "chrono")]
impl From<Timestamp> for chrono::DateTime<chrono::Utc> {
    fn from(t: Timestamp) -> Self {
        chrono::DateTime::from_timestamp(t.0, 0).unwrap_or(if t.0 < 0 {
            chrono::DateTime::<chrono::Utc>::MIN_UTC
        } else {
            chrono::DateTime::<chrono::Utc>::MAX_UTC
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::*;

    #[test]
    fn timestamps_are_rfc3339_utc_on_the_wire() {
        let t = Timestamp::parse_rfc3339("2025-03-01T08:00:00Z").unwrap();
        assert_eq!(t.unix(), 1_740_816_000);
        assert_eq!(t.to_string(), "2025-03-01T08:00:00Z");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#""2025-03-01T08:00:00Z""#
        );
        let back: Timestamp = serde_json::from_str(r#""2025-03-01T08:00:00Z""#).unwrap();
        assert_eq!(back, t);
        // offsets, fractions, a space and lower case name the same instant
        for same in [
            "2025-03-01T16:00:00+08:00",
            "2025-03-01T08:00:00.999Z",
            "2025-03-01 08:00:00z",
            "2025-03-01t03:30:00-04:30",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(same), Some(t), "{same}");
        }
        // the epoch, before it, leap days, the end of a year
        assert_eq!(Timestamp::from_unix(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_unix(-1).to_string(), "1969-12-31T23:59:59Z");
        let leap = Timestamp::parse_rfc3339("2024-02-29T23:59:59Z").unwrap();
        assert_eq!(leap.to_string(), "2024-02-29T23:59:59Z");
        assert_eq!(
            Timestamp::from_unix(leap.unix() + 1).to_string(),
            "2024-03-01T00:00:00Z"
        );
        let eve = Timestamp::parse_rfc3339("2024-12-31T20:00:00Z").unwrap();
        assert_eq!(eve.date_at_offset(0), (2024, 12, 31));
        assert_eq!(eve.date_at_offset(8 * 3600), (2025, 1, 1));
        // every day of four centuries survives a round trip
        let mut day = Timestamp::parse_rfc3339("1900-01-01T12:00:00Z")
            .unwrap()
            .unix();
        let end = Timestamp::parse_rfc3339("2300-01-01T12:00:00Z")
            .unwrap()
            .unix();
        while day < end {
            let text = Timestamp::from_unix(day).to_string();
            assert_eq!(
                Timestamp::parse_rfc3339(&text).unwrap().unix(),
                day,
                "{text}"
            );
            day += 86_400;
        }
    }

    #[test]
    fn bad_timestamps_are_refused() {
        for bad in [
            "",
            "2025-03-01",
            "2025-03-01T08:00:00",
            "2025-02-29T08:00:00Z",
            "2024-02-30T08:00:00Z",
            "2025-13-01T08:00:00Z",
            "2025-00-10T08:00:00Z",
            "2025-04-31T08:00:00Z",
            "2025-03-01T24:00:00Z",
            "2025-03-01T08:60:00Z",
            "2025-03-01T08:00:00.Z",
            "2025-03-01T08:00:00+8:00",
            "2025-03-01T08:00:00+08:00x",
            "2025-03-01T08:00:00Zjunk",
            "２０２５-03-01T08:00:00Z",
            "+025-03-01T08:00:00Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(bad), None, "{bad:?}");
        }
        let err = serde_json::from_str::<Timestamp>(r#""yesterday""#).unwrap_err();
        assert!(err.to_string().contains("RFC 3339"), "{err}");
        assert!(serde_json::from_str::<Timestamp>("1740816000").is_err());
    }
}

/// The hand-written RFC 3339 parser and formatter agree with chrono's.
#[cfg(all(test, feature = "chrono"))]
#[allow(clippy::unwrap_used)]
mod agrees_with_chrono {
    use super::*;
    use chrono::{DateTime, SecondsFormat, Utc};
    use proptest::prelude::*;

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants RFC 3339 can write.
    const FIRST: i64 = days_from_civil(0, 1, 1) * 86_400;
    const LAST: i64 = days_from_civil(9999, 12, 31) * 86_400 + 86_399;

    /// A string in the shape of RFC 3339 whose fields may be out of range (day 0 to 32,
    /// hour 0 to 24, offset hour 0 to 24...), with a `T`, `t` or space, a fraction of 0 to
    /// 12 digits and `Z`, `z` or a numeric offset.
    fn rfc3339_like() -> impl Strategy<Value = String> {
        let date = (0u32..=9999, 0u32..=13, 0u32..=32);
        let time = (0u32..=24, 0u32..=60, 0u32..=60);
        let sep = prop::sample::select(vec!['T', 't', ' ']);
        let frac = prop::collection::vec(0u8..=9, 0..=12);
        let offset = prop_oneof![
            prop::sample::select(vec!["Z".to_owned(), "z".to_owned()]),
            (any::<bool>(), 0u32..=24, 0u32..=60).prop_map(|(neg, h, m)| {
                format!("{}{h:02}:{m:02}", if neg { '-' } else { '+' })
            }),
        ];
        (date, sep, time, frac, offset).prop_map(|((y, mo, d), sep, (h, mi, s), frac, off)| {
            let frac: String = frac.iter().map(|d| char::from(b'0' + d)).collect();
            let dot = if frac.is_empty() { "" } else { "." };
            format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{dot}{frac}{off}")
        })
    }

    proptest! {
        #[test]
        fn formatting_and_conversions_match_chrono(secs in FIRST..=LAST) {
            let t = Timestamp::from_unix(secs);
            let c = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
            prop_assert_eq!(t.to_string(), c.to_rfc3339_opts(SecondsFormat::Secs, true));
            prop_assert_eq!(Timestamp::from(c), t);
            prop_assert_eq!(DateTime::<Utc>::from(t), c);
            prop_assert_eq!(Timestamp::parse_rfc3339(&t.to_string()), Some(t));
            let (y, m, d) = t.date_at_offset(0);
            prop_assert_eq!((y, m, d), (i64::from(chrono::Datelike::year(&c)),
                chrono::Datelike::month(&c), chrono::Datelike::day(&c)));
        }

        #[test]
        fn parsing_matches_chrono(s in rfc3339_like()) {
            let ours = Timestamp::parse_rfc3339(&s).map(Timestamp::unix);
            let theirs = DateTime::parse_from_rfc3339(&s).ok().map(|c| {
                // chrono keeps a leap second as :59 plus a second of nanoseconds; ours
                // reads it as the second after.
                let leap = i64::from(chrono::Timelike::nanosecond(&c) >= 1_000_000_000);
                c.timestamp() + leap
            });
            prop_assert_eq!(ours, theirs, "{}", s);
        }

        #[test]
        fn a_fraction_of_a_second_is_dropped_like_chrono(secs in FIRST..=LAST, nanos in 0u32..1_000_000_000) {
            let c = DateTime::<Utc>::from_timestamp(secs, nanos).unwrap();
            prop_assert_eq!(Timestamp::from(c).unix(), secs);
            let text = c.to_rfc3339_opts(SecondsFormat::Nanos, true);
            prop_assert_eq!(Timestamp::parse_rfc3339(&text), Some(Timestamp::from(c)));
        }
    }
}
