//! Dates per locale, without a locale database.

use storefront_api_types::{Lang, Timestamp};

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// zh-CN `2024年5月3日`, en `3 May 2024` (the date in China, UTC+8).
pub fn format_date(at: Timestamp, lang: Lang) -> String {
    let (y, m, d) = at.date_at_offset(8 * 3600);
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
        let at = Timestamp::parse_rfc3339("2024-05-03T10:00:00Z").unwrap(); // ok: test only
        assert_eq!(format_date(at, Lang::ZhCn), "2024年5月3日");
        assert_eq!(format_date(at, Lang::En), "3 May 2024");
        // late evening UTC is already the next day in China
        let late = Timestamp::parse_rfc3339("2024-12-31T20:00:00Z").unwrap(); // ok: test only
        assert_eq!(format_date(late, Lang::En), "1 Jan 2025");
    }
}
