//! Store opening hours: which entry is today's and whether the store is open now.

use storefront_api_types::{DayHours, Weekday};

/// Whether a store is open at a given local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenState {
    /// Open now, closing at `closes` (`HH:MM`).
    Open {
        /// Closing time.
        closes: String,
    },
    /// Closed now; opens later today at `opens`.
    OpensLater {
        /// Opening time.
        opens: String,
    },
    /// Closed for the rest of the day.
    Closed,
}

/// Parses `HH:MM` into minutes after midnight.
pub fn minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// The weekday of an English short or long name (`Mon`, `Monday`), as `Intl` prints it.
pub fn weekday_from_name(name: &str) -> Option<Weekday> {
    let lower = name.trim().to_ascii_lowercase();
    let short = lower.get(..3)?;
    Weekday::ALL.into_iter().find(|d| weekday_code(*d) == short)
}

fn weekday_code(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn previous(d: Weekday) -> Weekday {
    let i = Weekday::ALL.iter().position(|x| *x == d).unwrap_or(0);
    Weekday::ALL[(i + 6) % 7]
}

/// The entry of `day`, when the store has both times that day.
pub fn hours_on(hours: &[DayHours], day: Weekday) -> Option<(&str, &str)> {
    let h = hours.iter().find(|h| h.weekday == day)?;
    Some((h.open.as_deref()?, h.close.as_deref()?))
}

/// Whether the store is open on `day` at `now` (`HH:MM`, the store's local time), counting
/// a window of the previous day that runs past midnight.
pub fn open_state(hours: &[DayHours], day: Weekday, now: &str) -> OpenState {
    let Some(now) = minutes(now) else {
        return OpenState::Closed;
    };
    if let Some((open, close)) = hours_on(hours, previous(day)) {
        if let (Some(o), Some(c)) = (minutes(open), minutes(close)) {
            if c < o && now < c {
                return OpenState::Open {
                    closes: close.to_owned(),
                };
            }
        }
    }
    let Some((open, close)) = hours_on(hours, day) else {
        return OpenState::Closed;
    };
    let (Some(o), Some(c)) = (minutes(open), minutes(close)) else {
        return OpenState::Closed;
    };
    let open_now = if c > o { now >= o && now < c } else { now >= o };
    if open_now {
        OpenState::Open {
            closes: close.to_owned(),
        }
    } else if now < o {
        OpenState::OpensLater {
            opens: open.to_owned(),
        }
    } else {
        OpenState::Closed
    }
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
    fn regular_day() {
        let h = vec![day(Weekday::Mon, Some("10:00"), Some("22:00"))];
        assert_eq!(
            open_state(&h, Weekday::Mon, "09:59"),
            OpenState::OpensLater {
                opens: "10:00".into()
            }
        );
        assert_eq!(
            open_state(&h, Weekday::Mon, "10:00"),
            OpenState::Open {
                closes: "22:00".into()
            }
        );
        assert_eq!(open_state(&h, Weekday::Mon, "22:00"), OpenState::Closed);
        assert_eq!(open_state(&h, Weekday::Tue, "12:00"), OpenState::Closed);
        assert_eq!(hours_on(&h, Weekday::Mon), Some(("10:00", "22:00")));
    }

    #[test]
    fn past_midnight_and_closed_days() {
        let h = vec![
            day(Weekday::Fri, Some("18:00"), Some("02:00")),
            day(Weekday::Sat, None, None),
        ];
        assert_eq!(
            open_state(&h, Weekday::Fri, "23:30"),
            OpenState::Open {
                closes: "02:00".into()
            }
        );
        assert_eq!(
            open_state(&h, Weekday::Sat, "01:00"),
            OpenState::Open {
                closes: "02:00".into()
            }
        );
        assert_eq!(open_state(&h, Weekday::Sat, "03:00"), OpenState::Closed);
        assert_eq!(hours_on(&h, Weekday::Sat), None);
    }

    #[test]
    fn parsing() {
        assert_eq!(minutes("09:30"), Some(570));
        assert_eq!(minutes("24:00"), None);
        assert_eq!(minutes("x"), None);
        assert_eq!(weekday_from_name("Wed"), Some(Weekday::Wed));
        assert_eq!(weekday_from_name("Sunday"), Some(Weekday::Sun));
        assert_eq!(weekday_from_name("xx"), None);
    }
}
