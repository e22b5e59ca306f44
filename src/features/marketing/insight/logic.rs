//! The dashboard's pure rules: days in China time, the quick periods, a refused period's
//! field, figures as text, bar lengths and the charts' spoken summaries. Tested natively.

use storefront_api_types::{civil_from_days, days_from_civil, ProblemCode, Timestamp};

use crate::api::ApiError;

/// China Standard Time, UTC+8 all year: the reports' days.
pub const CHINA_OFFSET_SECS: i64 = 8 * 3600;
/// The quick choices of period, in days ending today.
pub const QUICK_DAYS: [u32; 3] = [7, 30, 90];
/// The period shown first.
pub const DEFAULT_DAYS: u32 = 30;

/// The date `YYYY-MM-DD` in China at Unix time `now`.
pub fn china_today(now: i64) -> String {
    let (y, m, d) = Timestamp::from_unix(now).date_at_offset(CHINA_OFFSET_SECS);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day count (from 1970-01-01) of a date `YYYY-MM-DD`; `None` for anything else or an
/// impossible date.
pub fn day_number(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = date.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let n = days_from_civil(y, m, d);
    // a day that does not exist (February 30th) comes back as another date
    (civil_from_days(n) == (y, m as u32, d as u32)).then_some(n)
}

/// The date `YYYY-MM-DD` of a day count.
pub fn day_text(n: i64) -> String {
    let (y, m, d) = civil_from_days(n);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The `days` days ending `today` (both included): `(from, to)`. `today` as it came when
/// it is not a date.
pub fn last_days(today: &str, days: u32) -> (String, String) {
    match day_number(today) {
        Some(t) => (day_text(t - i64::from(days.max(1)) + 1), today.to_owned()),
        None => (today.to_owned(), today.to_owned()),
    }
}

/// Which quick choice `(from, to)` is, when it is one.
pub fn quick_of(from: &str, to: &str, today: &str) -> Option<u32> {
    QUICK_DAYS
        .into_iter()
        .find(|d| last_days(today, *d) == (from.to_owned(), to.to_owned()))
}

/// A date field of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    /// `from`.
    From,
    /// `to`.
    To,
}

/// A period the server refused: the field it named and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodFault {
    /// The field.
    pub field: DateField,
    /// The server's words (English, for developers: shown as a detail).
    pub message: String,
}

/// The period fault in a refusal (`400 invalid_query` naming `#/query/from` or
/// `#/query/to`), when it is one.
pub fn period_fault(error: &ApiError) -> Option<PeriodFault> {
    let ApiError::Http {
        problem: Some(p), ..
    } = error
    else {
        return None;
    };
    if p.code != ProblemCode::InvalidQuery {
        return None;
    }
    p.errors.iter().find_map(|e| {
        let field = match e.pointer.as_str() {
            "#/query/from" => DateField::From,
            "#/query/to" => DateField::To,
            _ => return None,
        };
        Some(PeriodFault {
            field,
            message: e.message.clone(),
        })
    })
}

/// The date left empty (or not a date) before asking. A reversed or too long period is
/// the server's to refuse: it names the field and says why, and the page shows its words.
pub fn missing_date(from: &str, to: &str) -> Option<DateField> {
    if day_number(from).is_none() {
        Some(DateField::From)
    } else if day_number(to).is_none() {
        Some(DateField::To)
    } else {
        None
    }
}

/// A count with thousands grouped (`12,345`), as both languages write figures in tables.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The length of a bar of `n` on a scale up to `max`, in percent (a sliver for zero, so
/// an empty bar still shows its track).
pub fn bar_percent(n: u64, max: u64) -> f64 {
    if max == 0 {
        return 0.5;
    }
    (100.0 * n as f64 / max as f64).clamp(0.5, 100.0)
}

/// The spoken summary of a chart: `caption: row, row, …` where a row is its label and its
/// figures (with their series' names when there are several), and its note.
pub fn chart_summary(
    caption: &str,
    series: &[&str],
    rows: &[(String, Vec<u64>, Option<String>)],
) -> String {
    let rows: Vec<String> = rows
        .iter()
        .map(|(label, values, note)| {
            let figures: Vec<String> = if series.len() > 1 {
                series
                    .iter()
                    .zip(values)
                    .map(|(s, v)| format!("{s} {}", group(*v)))
                    .collect()
            } else {
                values.iter().map(|v| group(*v)).collect()
            };
            let note = note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default();
            format!("{label} {}{note}", figures.join(", "))
        })
        .collect();
    format!("{caption}: {}", rows.join("; "))
}

/// Sums of `value` by `key`, in the order each key first appears, largest first.
pub fn sum_by<T, K: PartialEq + Clone>(
    items: &[T],
    key: impl Fn(&T) -> K,
    value: impl Fn(&T) -> u64,
) -> Vec<(K, u64)> {
    let mut sums: Vec<(K, u64)> = Vec::new();
    for item in items {
        let k = key(item);
        match sums.iter_mut().find(|(s, _)| *s == k) {
            Some((_, n)) => *n += value(item),
            None => sums.push((k, value(item))),
        }
    }
    // stable: equal sums keep their first-seen order
    sums.sort_by_key(|s| std::cmp::Reverse(s.1));
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use storefront_api_types::{FieldError, Problem};

    #[test]
    fn days() {
        // 2026-03-01T16:30Z is already the 2nd in China
        let t = days_from_civil(2026, 3, 1) * 86_400 + 16 * 3600 + 1800;
        assert_eq!(china_today(t), "2026-03-02");
        assert_eq!(china_today(t - 3600), "2026-03-01");
        assert_eq!(day_number("1970-01-02"), Some(1));
        for bad in [
            "",
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "2026/01/01",
            "+026-01-01",
        ] {
            assert_eq!(day_number(bad), None, "{bad}");
        }
        assert_eq!(
            last_days("2026-03-02", 7),
            ("2026-02-24".to_owned(), "2026-03-02".to_owned())
        );
        assert_eq!(
            last_days("2024-03-01", 30),
            ("2024-02-01".to_owned(), "2024-03-01".to_owned())
        );
        assert_eq!(quick_of("2026-02-24", "2026-03-02", "2026-03-02"), Some(7));
        assert_eq!(quick_of("2026-02-25", "2026-03-02", "2026-03-02"), None);
        assert_eq!(missing_date("", "2026-01-01"), Some(DateField::From));
        assert_eq!(missing_date("2026-01-01", "x"), Some(DateField::To));
        assert_eq!(missing_date("2026-01-01", "2026-01-01"), None);
    }

    #[test]
    fn faults() {
        let refusal = |code: ProblemCode, pointer: &str| ApiError::Http {
            status: 400,
            problem: Some(Box::new(Problem {
                type_: "about:blank".to_owned(),
                title: "Bad Request".to_owned(),
                status: 400,
                detail: None,
                code,
                errors: vec![FieldError {
                    pointer: pointer.to_owned(),
                    message: "must not be before from".to_owned(),
                }],
            })),
        };
        assert_eq!(
            period_fault(&refusal(ProblemCode::InvalidQuery, "#/query/to")),
            Some(PeriodFault {
                field: DateField::To,
                message: "must not be before from".to_owned()
            })
        );
        assert_eq!(
            period_fault(&refusal(ProblemCode::InvalidQuery, "#/query/from")).map(|f| f.field),
            Some(DateField::From)
        );
        assert_eq!(
            period_fault(&refusal(ProblemCode::InvalidQuery, "#/query/store_id")),
            None
        );
        assert_eq!(
            period_fault(&refusal(ProblemCode::Forbidden, "#/query/to")),
            None
        );
        assert_eq!(period_fault(&ApiError::Network), None);
    }

    #[test]
    fn figures() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(bar_percent(0, 0), 0.5);
        assert_eq!(bar_percent(5, 10), 50.0);
        assert_eq!(bar_percent(0, 10), 0.5);
        let rows = vec![
            ("Views".to_owned(), vec![1200], None),
            ("Reserved".to_owned(), vec![3], Some("25.0%".to_owned())),
        ];
        assert_eq!(
            chart_summary("Funnel", &["n"], &rows),
            "Funnel: Views 1,200; Reserved 3 (25.0%)"
        );
        let rows = vec![("A".to_owned(), vec![2, 1], None)];
        assert_eq!(
            chart_summary("Coupons", &["Claimed", "Redeemed"], &rows),
            "Coupons: A Claimed 2, Redeemed 1"
        );
        let sums = sum_by(&[("a", 1), ("b", 5), ("a", 3), ("c", 4)], |x| x.0, |x| x.1);
        assert_eq!(sums, vec![("b", 5), ("a", 4), ("c", 4)]);
    }
}
