//! Dates per locale, without a locale database.

use chrono::{DateTime, Datelike, Utc};
use storefront_api_types::Lang;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// zh-CN `2024年5月3日`, en `3 May 2024` (the date in China, UTC+8).
pub fn format_date(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at + chrono::Duration::hours(8);
    let (y, m, d) = (local.year(), local.month(), local.day());
    match lang {
        Lang::ZhCn => format!("{y}年{m}月{d}日"),
        Lang::En => {
            let month = MONTHS_EN
                .get(m.saturating_sub(1) as usize)
                .copied()
                .unwrap_or("");
            format!("{d} {month} {y}")
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formats_both_languages() {
        let at: DateTime<Utc> = "2024-05-03T10:00:00Z".parse().unwrap(); // ok: test only
        assert_eq!(format_date(at, Lang::ZhCn), "2024年5月3日");
        assert_eq!(format_date(at, Lang::En), "3 May 2024");
        // late evening UTC is already the next day in China
        let late: DateTime<Utc> = "2024-12-31T20:00:00Z".parse().unwrap(); // ok: test only
        assert_eq!(format_date(late, Lang::En), "1 Jan 2025");
    }
}
