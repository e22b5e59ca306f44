//! Kiosk mode's pure rules (natively tested): the idle phases and their countdown, what the
//! screen reader hears of it, and when the daily maintenance reload is due.

/// What the kiosk shows, given how long nobody has touched it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Someone is using it.
    Active,
    /// "Still there?", with the seconds left.
    Warning {
        /// Seconds before the reset.
        left: u32,
    },
    /// Time is up: the session ends.
    Reset,
}

/// The phase after `idle_for` seconds without activity, with the kiosk's idle timeout and
/// warning length (both in seconds): the warning starts at the timeout and lasts its length.
pub fn phase(idle_for: u32, idle_seconds: u32, warning_seconds: u32) -> Phase {
    match idle_for.checked_sub(idle_seconds) {
        None => Phase::Active,
        Some(into) if into < warning_seconds => Phase::Warning {
            left: warning_seconds - into,
        },
        Some(_) => Phase::Reset,
    }
}

/// Whether the countdown's `left` is read out: at its start, every ten seconds and each of
/// the last five (every second would drown a screen reader's user).
pub fn announce(left: u32, total: u32) -> bool {
    left == total || left % 10 == 0 || left <= 5
}

/// `"04:30"` as minutes after midnight.
pub fn minute_of_day(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Whether the maintenance time `at` (minute of day) came between the page's load
/// (`loaded`, minute of day) and now (`now`, minute of day, `days` whole days later), all in
/// the store's time zone: then the kiosk reloads at its next reset.
pub fn maintenance_due(loaded: u32, now: u32, days: i64, at: u32) -> bool {
    if days >= 1 {
        return true;
    }
    if now >= loaded {
        loaded < at && at <= now
    } else {
        // past midnight
        at > loaded || at <= now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_then_warning_then_reset() {
        assert_eq!(phase(0, 60, 30), Phase::Active);
        assert_eq!(phase(59, 60, 30), Phase::Active);
        assert_eq!(phase(60, 60, 30), Phase::Warning { left: 30 });
        assert_eq!(phase(89, 60, 30), Phase::Warning { left: 1 });
        assert_eq!(phase(90, 60, 30), Phase::Reset);
        assert_eq!(phase(u32::MAX, 300, 120), Phase::Reset);
    }

    #[test]
    fn the_countdown_is_read_sparingly() {
        let read: Vec<u32> = (1..=30).rev().filter(|l| announce(*l, 30)).collect();
        assert_eq!(read, vec![30, 20, 10, 5, 4, 3, 2, 1]);
        assert!(announce(25, 25));
    }

    #[test]
    fn times_of_day() {
        assert_eq!(minute_of_day("04:30"), Some(270));
        assert_eq!(minute_of_day("00:00"), Some(0));
        assert_eq!(minute_of_day("23:59"), Some(1439));
        for bad in ["24:00", "4:30", "04:60", "ab:cd", "", "0430"] {
            assert_eq!(minute_of_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn maintenance_comes_once_a_day() {
        let four = 240;
        // loaded at 09:00, now 23:00 the same day: not yet
        assert!(!maintenance_due(540, 1380, 0, four));
        // loaded 23:00, now 05:00 the next morning: due
        assert!(maintenance_due(1380, 300, 0, four));
        // loaded 23:00, now 02:00: not yet
        assert!(!maintenance_due(1380, 120, 0, four));
        // loaded 03:00, now 04:00: due; loaded at 04:00 itself, now 05:00: not again
        assert!(maintenance_due(180, 240, 0, four));
        assert!(!maintenance_due(240, 300, 0, four));
        // a day or more later: due
        assert!(maintenance_due(540, 540, 1, four));
    }
}
