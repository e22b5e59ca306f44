//! Store opening hours: the entry of a weekday (whether a store is open now comes
//! from the server, computed in the store's time zone with its exceptions).

use storefront_api_types::{DayHours, Weekday};

/// Parses `HH:MM` into minutes after midnight.
pub fn minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// The entry of `day`, when the store has both times that day.
pub fn hours_on(hours: &[DayHours], day: Weekday) -> Option<(&str, &str)> {
    let h = hours.iter().find(|h| h.weekday == day)?;
    Some((h.open.as_deref()?, h.close.as_deref()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(weekday: Weekday, open: Option<&str>, close: Option<&str>) -> DayHours {
        DayHours {
            weekday,
            open: open.map(Into::into),
            close: close.map(Into::into),
        }
    }

    #[test]
    fn entries_and_parsing() {
        let h = vec![
            day(Weekday::Fri, Some("18:00"), Some("02:00")),
            day(Weekday::Sat, None, None),
        ];
        assert_eq!(hours_on(&h, Weekday::Fri), Some(("18:00", "02:00")));
        assert_eq!(hours_on(&h, Weekday::Sat), None);
        assert_eq!(hours_on(&h, Weekday::Sun), None);
        assert_eq!(minutes("09:30"), Some(570));
        assert_eq!(minutes("24:00"), None);
        assert_eq!(minutes("x"), None);
    }
}
