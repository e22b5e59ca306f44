//! Opening hours in a store's own time zone: is it open at an instant, when does it next
//! open or close, when would a pickup be ready. Pure functions over a [`Schedule`] (the
//! weekly hours, the dated exceptions and the IANA zone), tested below.
//!
//! Rules:
//! - A day's window opens at `open` and closes at `close` the same day, or the next
//!   morning when `close <= open` (a late night: 10:00–02:00). So the previous day's late
//!   window can still be open after midnight "today".
//! - An exception replaces the weekly hours of its date (its own late window included);
//!   an exception without hours closes the whole date.
//! - Windows that touch (one closes when the next opens) count as one.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use storefront_api_types::{
    HoursException, LocalizedText, OpenChange, OpenStatus, Timestamp, Weekday,
};

/// How far ahead `next_change` and pickup times look, in days.
pub const LOOKAHEAD_DAYS: i64 = 14;
/// How far ahead a store lists its exceptions, in days.
pub const EXCEPTIONS_DAYS: i64 = 60;
/// Time staff need to prepare a reservation.
pub const PREPARE: Duration = Duration::hours(1);
/// A pickup must be ready at least this long before the store closes.
pub const BEFORE_CLOSE: Duration = Duration::minutes(30);

/// Opening and closing time of one day, minutes after local midnight; `close <= open`
/// closes the next morning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Opening time, `HH:MM`.
    pub open: u32,
    /// Closing time, `HH:MM`.
    pub close: u32,
}

/// `HH:MM` (00:00–23:59, also 24:00) → minutes after midnight.
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 || h == 24 && m == 0).then_some(h * 60 + m)
}

impl Span {
    /// The span of an `open`/`close` pair; `None` (closed) unless both parse.
    pub fn parse(open: Option<&str>, close: Option<&str>) -> Option<Span> {
        Some(Span {
            open: parse_hhmm(open?)?,
            close: parse_hhmm(close?)?,
        })
    }
}

/// A dated exception.
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    /// The date.
    pub date: NaiveDate,
    /// `None`: closed all day.
    pub hours: Option<Span>,
    /// As stored, for the API.
    pub open: Option<String>,
    /// Closing time, `HH:MM`.
    pub close: Option<String>,
    /// What the day is (Chinese, English).
    pub note: LocalizedText,
}

/// Everything that decides when a store is open.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Time zone.
    pub tz: Tz,
    /// Monday first; `None`: closed.
    pub weekly: [Option<Span>; 7],
    /// Sorted by date.
    pub exceptions: Vec<Exception>,
}

/// The business day (`YYYY-MM-DD`, China Standard Time: UTC+8, no summer time) of Unix
/// second `at`: the day events, facts, attributions and views are counted under. Here,
/// with the other clocks, so that `campaigns` and `facts` (which `campaigns` writes to)
/// share one definition.
pub fn china_day(at: i64) -> String {
    DateTime::from_timestamp(at + 8 * 3600, 0)
        .map(|d| d.date_naive().format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The API's weekday of a chrono weekday.
pub fn weekday(w: chrono::Weekday) -> Weekday {
    Weekday::ALL[w.num_days_from_monday() as usize]
}

fn hhmm(t: DateTime<Tz>) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn timestamp(t: DateTime<Utc>) -> Timestamp {
    Timestamp::from(t)
}

/// `t` rounded up to the next quarter hour (unchanged when on one).
pub fn ceil_quarter(t: DateTime<Utc>) -> DateTime<Utc> {
    let s = t.timestamp();
    let up = (s + 899).div_euclid(900) * 900;
    DateTime::from_timestamp(up, 0).unwrap_or(t)
}

impl Schedule {
    /// The store's local date at `now`.
    pub fn local_date(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.tz).date_naive()
    }

    fn exception_on(&self, date: NaiveDate) -> Option<&Exception> {
        self.exceptions
            .binary_search_by_key(&date, |e| e.date)
            .ok()
            .and_then(|i| self.exceptions.get(i))
    }

    /// The hours of a local date: its exception's, else the weekday's.
    pub fn hours_on(&self, date: NaiveDate) -> Option<Span> {
        match self.exception_on(date) {
            Some(e) => e.hours,
            None => self.weekly[date.weekday().num_days_from_monday() as usize],
        }
    }

    /// The instant of `minutes` after local midnight of `date` (a time skipped by a
    /// daylight-saving jump moves forward an hour; a repeated one takes the first).
    fn instant(&self, date: NaiveDate, minutes: u32) -> Option<DateTime<Utc>> {
        let local = date.and_hms_opt(0, 0, 0)? + Duration::minutes(i64::from(minutes));
        let resolved = match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t),
            LocalResult::None => self
                .tz
                .from_local_datetime(&(local + Duration::hours(1)))
                .earliest(),
        };
        resolved.map(|t| t.with_timezone(&Utc))
    }

    /// Open windows `[open, close)` of the days `from..from + days`, in order, touching
    /// windows merged.
    pub fn windows(&self, from: NaiveDate, days: i64) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let mut out: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for k in 0..days {
            let Some(date) = from.checked_add_signed(Duration::days(k)) else {
                continue;
            };
            let Some(span) = self.hours_on(date) else {
                continue;
            };
            let close_minutes = if span.close <= span.open {
                span.close + 24 * 60
            } else {
                span.close
            };
            let (Some(open), Some(close)) = (
                self.instant(date, span.open),
                self.instant(date, close_minutes),
            ) else {
                continue;
            };
            match out.last_mut() {
                Some(last) if open <= last.1 => last.1 = last.1.max(close),
                _ => out.push((open, close)),
            }
        }
        out
    }

    /// The starts of the `minutes`-long slots of a local date: from its opening (its
    /// exception's hours, else the weekday's), every `minutes`, each ending by its closing
    /// (after midnight for a late window). Empty when closed that day.
    pub fn day_slots(&self, date: NaiveDate, minutes: u32) -> Vec<DateTime<Utc>> {
        let Some(span) = self.hours_on(date) else {
            return Vec::new();
        };
        let close_minutes = if span.close <= span.open {
            span.close + 24 * 60
        } else {
            span.close
        };
        let step = minutes.max(1);
        let mut out = Vec::new();
        let mut m = span.open;
        while m + step <= close_minutes {
            if let Some(t) = self.instant(date, m) {
                out.push(t);
            }
            m += step;
        }
        out
    }

    /// Open or closed at `now`, and the next change within [`LOOKAHEAD_DAYS`].
    pub fn status(&self, now: DateTime<Utc>) -> OpenStatus {
        let local = now.with_timezone(&self.tz);
        let today = local.date_naive();
        let windows = self.windows(today - Duration::days(1), LOOKAHEAD_DAYS + 2);
        let current = windows.iter().find(|(o, c)| *o <= now && now < *c);
        let limit = now + Duration::days(LOOKAHEAD_DAYS);
        let change = match current {
            Some((_, close)) => Some(*close),
            None => windows
                .iter()
                .map(|(o, _)| *o)
                .find(|o| *o > now && *o <= limit),
        };
        OpenStatus {
            open: current.is_some(),
            today: weekday(local.weekday()),
            local_date: today.format("%Y-%m-%d").to_string(),
            next_change: change.map(|at| self.change(at, today)),
            exception: self.exception_on(today).map(|e| e.note.clone()),
        }
    }

    fn change(&self, at: DateTime<Utc>, today: NaiveDate) -> OpenChange {
        let local = at.with_timezone(&self.tz);
        OpenChange {
            at: timestamp(at),
            local_time: hhmm(local),
            in_days: u32::try_from((local.date_naive() - today).num_days()).unwrap_or(0),
            weekday: weekday(local.weekday()),
        }
    }

    /// When a reservation made at `now` is ready: [`PREPARE`] after now (or after the next
    /// opening when closed), rounded up to a quarter hour, and at least [`BEFORE_CLOSE`]
    /// before that window closes; else the same in a later window. `None` when the store
    /// does not open in the next [`LOOKAHEAD_DAYS`].
    pub fn ready_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let today = self.local_date(now);
        let first = |days: i64| {
            self.windows(today - Duration::days(1), days)
                .into_iter()
                .filter(|(_, close)| *close > now)
                .find_map(|(open, close)| {
                    let ready = ceil_quarter(open.max(now) + PREPARE);
                    (ready + BEFORE_CLOSE <= close).then_some(ready)
                })
        };
        // Yesterday to tomorrow almost always has it (this runs for every store of every
        // availability answer); otherwise look further.
        first(3).or_else(|| first(LOOKAHEAD_DAYS + 2))
    }

    /// The exceptions dated from the local date at `now` through [`EXCEPTIONS_DAYS`] later.
    pub fn upcoming_exceptions(&self, now: DateTime<Utc>) -> Vec<HoursException> {
        let today = self.local_date(now);
        let last = today + Duration::days(EXCEPTIONS_DAYS);
        self.exceptions
            .iter()
            .filter(|e| e.date >= today && e.date <= last)
            .map(|e| HoursException {
                date: e.date.format("%Y-%m-%d").to_string(),
                open: e.hours.and(e.open.clone()),
                close: e.hours.and(e.close.clone()),
                note: e.note.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn span(o: &str, c: &str) -> Option<Span> {
        Span::parse(Some(o), Some(c))
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn exception(d: &str, hours: Option<(&str, &str)>) -> Exception {
        Exception {
            date: date(d),
            hours: hours.and_then(|(o, c)| span(o, c)),
            open: hours.map(|h| h.0.to_owned()),
            close: hours.map(|h| h.1.to_owned()),
            note: LocalizedText::new("假日", "Holiday"),
        }
    }

    /// 10:00–22:00, Friday and Saturday until 02:00; Monday closed.
    fn schedule(tz: Tz) -> Schedule {
        let day = span("10:00", "22:00");
        let late = span("10:00", "02:00");
        Schedule {
            tz,
            weekly: [None, day, day, day, late, late, day],
            exceptions: vec![
                exception("2026-12-24", Some(("10:00", "23:30"))),
                exception("2026-12-31", Some(("10:00", "18:00"))),
                exception("2027-02-16", None),
                exception("2027-02-17", None),
            ],
        }
    }

    #[test]
    fn day_slots_follow_hours_exceptions_and_the_zone() {
        let s = schedule(chrono_tz::Asia::Shanghai);
        let hhmm = |v: &[DateTime<Utc>], tz: Tz| {
            v.iter()
                .map(|t| t.with_timezone(&tz).format("%H:%M").to_string())
                .collect::<Vec<_>>()
        };
        // Tuesday 10:00–22:00: 24 half hours, the last from 21:30.
        let tue = s.day_slots(date("2026-11-24"), 30);
        assert_eq!(tue.len(), 24);
        assert_eq!(tue[0], at("2026-11-24T10:00:00+08:00"));
        assert_eq!(hhmm(&tue, s.tz).last().map(String::as_str), Some("21:30"));
        // Monday closed; the Spring Festival closed; New Year's Eve until 18:00.
        assert!(s.day_slots(date("2026-11-23"), 30).is_empty());
        assert!(s.day_slots(date("2027-02-16"), 30).is_empty());
        let nye = s.day_slots(date("2026-12-31"), 30);
        assert_eq!(hhmm(&nye, s.tz).last().map(String::as_str), Some("17:30"));
        // Friday's late window runs to 02:00 on Saturday.
        let fri = s.day_slots(date("2026-11-27"), 30);
        assert_eq!(fri.len(), 32);
        assert_eq!(fri[31], at("2026-11-28T01:30:00+08:00"));
        // The same local hours in Ürümqi are two hours later in UTC.
        let u = schedule(chrono_tz::Asia::Urumqi).day_slots(date("2026-11-24"), 30);
        assert_eq!(u[0], at("2026-11-24T04:00:00Z"));
    }

    #[test]
    fn parses_times() {
        assert_eq!(parse_hhmm("10:30"), Some(630));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        for bad in ["25:00", "10:60", "1:00", "ab:cd", "", "10-00"] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
        assert_eq!(Span::parse(Some("10:00"), None), None);
    }

    #[test]
    fn open_during_the_day_and_closing_tonight() {
        let s = schedule(chrono_tz::Asia::Shanghai);
        // Tuesday 2026-11-24 15:00 in Shanghai.
        let st = s.status(at("2026-11-24T15:00:00+08:00"));
        assert!(st.open);
        assert_eq!(st.today, Weekday::Tue);
        assert_eq!(st.local_date, "2026-11-24");
        let c = st.next_change.unwrap();
        assert_eq!(
            (c.local_time.as_str(), c.in_days, c.weekday),
            ("22:00", 0, Weekday::Tue)
        );
        assert_eq!(st.exception, None);
    }

    #[test]
    fn late_window_runs_past_midnight() {
        let s = schedule(chrono_tz::Asia::Shanghai);
        // Saturday 01:30: Friday's window (until 02:00) is still open.
        let st = s.status(at("2026-11-28T01:30:00+08:00"));
        assert!(st.open);
        assert_eq!(st.today, Weekday::Sat);
        let c = st.next_change.unwrap();
        assert_eq!((c.local_time.as_str(), c.in_days), ("02:00", 0));
        // Friday 23:00: closes 02:00 tomorrow.
        let st = s.status(at("2026-11-27T23:00:00+08:00"));
        assert!(st.open);
        let c = st.next_change.unwrap();
        assert_eq!(
            (c.local_time.as_str(), c.in_days, c.weekday),
            ("02:00", 1, Weekday::Sat)
        );
        // Sunday 03:00: Saturday's late window ended at 02:00; opens 10:00 the same day.
        let st = s.status(at("2026-11-29T03:00:00+08:00"));
        assert!(!st.open);
        let c = st.next_change.unwrap();
        assert_eq!(
            (c.local_time.as_str(), c.in_days, c.weekday),
            ("10:00", 0, Weekday::Sun)
        );
    }

    #[test]
    fn closed_monday_opens_tuesday() {
        let s = schedule(chrono_tz::Asia::Shanghai);
        // Sunday 22:30 → Monday closed → Tuesday 10:00, two days on.
        let st = s.status(at("2026-11-29T22:30:00+08:00"));
        assert!(!st.open);
        let c = st.next_change.unwrap();
        assert_eq!(
            (c.local_time.as_str(), c.in_days, c.weekday),
            ("10:00", 2, Weekday::Tue)
        );
    }

    #[test]
    fn exceptions_close_a_day_or_change_its_hours() {
        let s = schedule(chrono_tz::Asia::Shanghai);
        // 2027-02-16 (Tuesday) and 17th closed: next opening Thursday 18th.
        let st = s.status(at("2027-02-16T12:00:00+08:00"));
        assert!(!st.open);
        assert_eq!(
            st.exception.as_ref().map(|n| n.en.as_str()),
            Some("Holiday")
        );
        let c = st.next_change.unwrap();
        assert_eq!(
            (c.local_time.as_str(), c.in_days, c.weekday),
            ("10:00", 2, Weekday::Thu)
        );
        // New Year's Eve closes at 18:00.
        let st = s.status(at("2026-12-31T17:00:00+08:00"));
        assert!(st.open);
        assert_eq!(st.next_change.unwrap().local_time, "18:00");
        assert!(!s.status(at("2026-12-31T19:00:00+08:00")).open);
        // Christmas Eve (a Thursday) stays open until 23:30.
        assert!(s.status(at("2026-12-24T23:00:00+08:00")).open);
        let listed = s.upcoming_exceptions(at("2026-12-20T12:00:00+08:00"));
        assert_eq!(
            listed.iter().map(|e| e.date.as_str()).collect::<Vec<_>>(),
            ["2026-12-24", "2026-12-31", "2027-02-16", "2027-02-17"]
        );
        assert_eq!(listed[2].open, None);
        let later = s.upcoming_exceptions(at("2026-11-01T12:00:00+08:00"));
        assert_eq!(later.len(), 2, "only 60 days ahead");
    }

    #[test]
    fn a_shopper_in_another_zone_gets_the_store_clock() {
        let s = schedule(chrono_tz::Asia::Shanghai);
        // 17:30 in California on Monday = Tuesday 09:30 in Shanghai.
        let st = s.status(at("2026-11-23T17:30:00-08:00"));
        assert!(!st.open);
        assert_eq!(
            (st.today, st.local_date.as_str()),
            (Weekday::Tue, "2026-11-24")
        );
        let c = st.next_change.unwrap();
        assert_eq!((c.local_time.as_str(), c.in_days), ("10:00", 0));
        // The same instant in Ürümqi (UTC+6) is 07:30.
        let u = schedule(chrono_tz::Asia::Urumqi).status(at("2026-11-23T17:30:00-08:00"));
        assert_eq!(
            u.next_change.unwrap().at,
            Timestamp::parse_rfc3339("2026-11-24T04:00:00Z").unwrap()
        );
    }

    #[test]
    fn never_opening_has_no_next_change() {
        let s = Schedule {
            tz: chrono_tz::Asia::Shanghai,
            weekly: [None; 7],
            exceptions: Vec::new(),
        };
        let st = s.status(at("2026-11-24T12:00:00+08:00"));
        assert!(!st.open && st.next_change.is_none());
        assert_eq!(s.ready_at(at("2026-11-24T12:00:00+08:00")), None);
    }

    #[test]
    fn pickup_is_ready_an_hour_later_on_a_quarter_or_after_the_next_opening() {
        let s = schedule(chrono_tz::Asia::Shanghai);
        let r = |t: &str| {
            s.ready_at(at(t)).map(|x| {
                x.with_timezone(&chrono_tz::Asia::Shanghai)
                    .format("%m-%d %H:%M")
                    .to_string()
            })
        };
        assert_eq!(
            r("2026-11-24T14:05:00+08:00").as_deref(),
            Some("11-24 15:15")
        );
        assert_eq!(
            r("2026-11-24T14:00:00+08:00").as_deref(),
            Some("11-24 15:00")
        );
        // 20:31 + 1 h = 21:45, not 30 minutes before 22:00: next opening + 1 h.
        assert_eq!(
            r("2026-11-24T20:31:00+08:00").as_deref(),
            Some("11-25 11:00")
        );
        assert_eq!(
            r("2026-11-24T20:30:00+08:00").as_deref(),
            Some("11-24 21:30")
        );
        // Before opening: an hour after it opens.
        assert_eq!(
            r("2026-11-24T07:00:00+08:00").as_deref(),
            Some("11-24 11:00")
        );
        // Sunday night: Monday closed, Tuesday 11:00.
        assert_eq!(
            r("2026-11-29T23:00:00+08:00").as_deref(),
            Some("12-01 11:00")
        );
        // Friday's late window: 00:10 Saturday + 1 h = 01:15, before 01:30.
        assert_eq!(
            r("2026-11-28T00:10:00+08:00").as_deref(),
            Some("11-28 01:15")
        );
    }
}
