//! A campaign's figures: views from `campaign_views`, and the writes it brought from
//! `attributions` (claims are the kinds `claim` and `reward`), over a period of days on
//! China Standard Time, in total and by day, embedding origin, UTM source and store; and
//! their CSV form.

use chrono::{Duration, NaiveDate};
use sqlx::SqliteConnection;
use std::collections::BTreeMap;
use storefront_api_types::{CampaignFigures, CampaignResults, FunnelRow};

use crate::error::ApiError;

/// The longest period of a results query, in days.
pub const MAX_PERIOD_DAYS: i64 = 366;
/// China Standard Time, the business's calendar (UTC+8, no summer time).
const CHINA_OFFSET: i64 = 8 * 3_600;

/// The day (China Standard Time) of a Unix time.
pub fn china_date(unix: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp(unix + CHINA_OFFSET, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// `YYYY-MM-DD`.
pub fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn add(f: &mut CampaignFigures, kind: &str, n: u64) {
    match kind {
        "views" => f.views += n,
        "claim" | "reward" => f.claims += n,
        "reservation" => f.reservations += n,
        "appointment" => f.appointments += n,
        "redemption" => f.redemptions += n,
        _ => {}
    }
}

/// One counted group: (what, day, origin, source, store, count).
type Group = (String, String, String, String, String, i64);

async fn groups(
    conn: &mut SqliteConnection,
    id: i64,
    period: Option<(&str, &str)>,
) -> Result<Vec<Group>, ApiError> {
    let (from, to) = period.unwrap_or(("0000-00-00", "9999-99-99"));
    let rows: Vec<Group> = sqlx::query_as(
        "SELECT 'views', day, embed_origin, utm_source, store_id, SUM(views) FROM campaign_views \
         WHERE campaign_id = ?1 AND day BETWEEN ?2 AND ?3 \
         GROUP BY day, embed_origin, utm_source, store_id \
         UNION ALL \
         SELECT kind, day, embed_origin, utm_source, store_id, COUNT(*) FROM attributions \
         WHERE campaign_id = ?1 AND day BETWEEN ?2 AND ?3 \
         GROUP BY kind, day, embed_origin, utm_source, store_id",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows)
}

/// The figures of campaign `id` over `period` (inclusive days), or since it began.
pub async fn figures(
    conn: &mut SqliteConnection,
    id: i64,
    period: Option<(&str, &str)>,
) -> Result<CampaignFigures, ApiError> {
    let mut f = CampaignFigures::default();
    for (kind, .., n) in groups(conn, id, period).await? {
        add(&mut f, &kind, n.max(0) as u64);
    }
    Ok(f)
}

fn rows(map: BTreeMap<String, CampaignFigures>) -> Vec<FunnelRow> {
    map.into_iter()
        .map(|(key, figures)| FunnelRow { key, figures })
        .collect()
}

/// The results of campaign `id` (`slug`) from `from` to `to` (inclusive).
pub async fn results(
    conn: &mut SqliteConnection,
    id: i64,
    slug: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CampaignResults, ApiError> {
    let (from_text, to_text) = (day_text(from), day_text(to));
    let mut totals = CampaignFigures::default();
    let mut by_day: BTreeMap<String, CampaignFigures> = BTreeMap::new();
    let mut d = from;
    while d <= to {
        by_day.insert(day_text(d), CampaignFigures::default());
        d += Duration::days(1);
    }
    let (mut by_origin, mut by_source, mut by_store) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for (kind, day, origin, source, store, n) in
        groups(conn, id, Some((&from_text, &to_text))).await?
    {
        let n = n.max(0) as u64;
        add(&mut totals, &kind, n);
        add(by_day.entry(day).or_default(), &kind, n);
        add(by_origin.entry(origin).or_default(), &kind, n);
        add(by_source.entry(source).or_default(), &kind, n);
        add(by_store.entry(store).or_default(), &kind, n);
    }
    let mut by_origin = rows(by_origin);
    by_origin.sort_by_key(|r| std::cmp::Reverse(r.figures.views));
    let mut by_source = rows(by_source);
    by_source.sort_by_key(|r| std::cmp::Reverse(r.figures.views));
    let mut by_store = rows(by_store);
    by_store.sort_by_key(|r| std::cmp::Reverse(r.figures.claims));
    Ok(CampaignResults {
        slug: slug.to_owned(),
        from: from_text,
        to: to_text,
        totals,
        by_origin,
        by_source,
        by_store,
        by_day: rows(by_day),
    })
}

/// The period of a results query: `from` defaults to the campaign's first day, `to` to
/// today (or `from`, for a campaign yet to start); the default `from` is moved up so the
/// period is at most [`MAX_PERIOD_DAYS`]. Errors are `(parameter, message)`.
pub fn period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    starts_at: i64,
    now: i64,
) -> Result<(NaiveDate, NaiveDate), (&'static str, String)> {
    let to_given = to.is_some();
    let mut from_day = from.unwrap_or_else(|| china_date(starts_at));
    let to_day = to.unwrap_or_else(|| china_date(now).max(from_day));
    if from.is_none() && (to_day - from_day).num_days() >= MAX_PERIOD_DAYS {
        from_day = to_day - Duration::days(MAX_PERIOD_DAYS - 1);
    }
    if to_day < from_day {
        let message = if to_given {
            "must not be before from"
        } else {
            "give `to`: the default (today) is before `from`"
        };
        return Err(("to", message.to_owned()));
    }
    if (to_day - from_day).num_days() >= MAX_PERIOD_DAYS {
        return Err(("to", format!("a period is at most {MAX_PERIOD_DAYS} days")));
    }
    Ok((from_day, to_day))
}

/// A CSV field: quoted when needed, and a leading `=`, `+`, `-`, `@`, tab or carriage
/// return neutralised with `'` so a spreadsheet never runs it as a formula.
pub fn csv_field(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// The results as CSV: a header row, then a row per day, per origin, per UTM source and
/// per store (`section,key,views,claims,reservations,appointments,redemptions`).
pub fn to_csv(r: &CampaignResults) -> String {
    let mut out =
        String::from("section,key,views,claims,reservations,appointments,redemptions\r\n");
    let sections = [
        ("day", &r.by_day),
        ("origin", &r.by_origin),
        ("source", &r.by_source),
        ("store", &r.by_store),
    ];
    for (section, list) in sections {
        for row in list {
            let f = row.figures;
            out.push_str(&format!(
                "{section},{},{},{},{},{},{}\r\n",
                csv_field(&row.key),
                f.views,
                f.claims,
                f.reservations,
                f.appointments,
                f.redemptions
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_escaped_and_never_formulas() {
        assert_eq!(csv_field("news"), "news");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+x"), "'+x");
        assert_eq!(csv_field("-x"), "'-x");
        assert_eq!(csv_field("@x"), "'@x");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("=a\"b,"), "\"'=a\"\"b,\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn periods_default_and_are_bounded() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        // 2026-01-01T00:00:00+08:00 = 1767196800
        let start = 1_767_196_800;
        let now = start + 10 * 86_400;
        assert_eq!(
            period(None, None, start, now),
            Ok((
                d("2026-01-01").unwrap_or_default(),
                d("2026-01-11").unwrap_or_default()
            ))
        );
        assert!(period(d("2026-01-05"), d("2026-01-04"), start, now).is_err());
        assert!(period(d("2025-01-01"), d("2026-01-01"), start, now).is_ok());
        assert!(period(d("2025-01-01"), d("2026-01-02"), start, now).is_err());
        assert_eq!(china_date(start - 1), d("2025-12-31").unwrap_or_default());
    }
}
