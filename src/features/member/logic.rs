//! Pure rules of the membership pages: what a login looks like, which member code to show
//! now, when to fetch more, how long a coupon has left.

use storefront_api_types::{Lang, SignedToken};

/// A mainland mobile number (11 digits from 1, spaces, dashes and `+86` allowed) or an
/// email address, as the server will accept it; `None` when it cannot be either.
pub fn valid_login(input: &str) -> Option<String> {
    let s = input.trim();
    if s.contains('@') {
        let (user, domain) = s.split_once('@')?;
        let ok = !user.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && s.len() <= 254
            && !s.chars().any(char::is_whitespace);
        return ok.then(|| s.to_lowercase());
    }
    let digits: String = s
        .strip_prefix("+86")
        .unwrap_or(s)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    (digits.len() == 11 && digits.starts_with('1') && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(digits)
}

/// Six ASCII digits (spaces around ignored).
pub fn valid_code(input: &str) -> Option<String> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    (s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// The token to show at `now` (Unix seconds) and the seconds until the next one, or
/// `None` when the batch holds no token for now (run out, or the clock is before it).
pub fn current_token(tokens: &[SignedToken], now: i64) -> Option<(usize, i64)> {
    tokens
        .iter()
        .position(|t| t.valid_from.unix() <= now && now < t.valid_until.unix())
        .and_then(|i| tokens.get(i).map(|t| (i, t.valid_until.unix() - now)))
}

/// Seconds of codes left in the batch after `now` (0 when run out).
pub fn seconds_left(tokens: &[SignedToken], now: i64) -> i64 {
    tokens
        .iter()
        .map(|t| t.valid_until.unix())
        .max()
        .map_or(0, |end| (end - now).max(0))
}

/// Fetch a new batch when less than this many seconds of codes are left.
pub const REFILL_BELOW_SECONDS: i64 = 5 * 60;

/// "3 h 20 min left" when a coupon expires within 48 hours of `now`, else `None`.
pub fn expiry_countdown(expires_at: i64, now: i64, lang: Lang) -> Option<String> {
    let left = expires_at - now;
    if left <= 0 || left > 48 * 3600 {
        return None;
    }
    let (h, m) = (left / 3600, (left % 3600) / 60);
    Some(match (lang, h) {
        (Lang::ZhCn, 0) => format!("剩 {} 分钟", m.max(1)),
        (Lang::ZhCn, _) => format!("剩 {h} 小时 {m} 分"),
        (Lang::En, 0) => format!("{} min left", m.max(1)),
        (Lang::En, _) => format!("{h} h {m} min left"),
    })
}

/// Percent of the way from this tier's threshold to the next (100 at the top).
pub fn tier_progress(lifetime: i64, threshold: i64, next_threshold: Option<i64>) -> u32 {
    match next_threshold {
        Some(next) if next > threshold => {
            let done = (lifetime - threshold).clamp(0, next - threshold);
            ((done * 100) / (next - threshold)) as u32
        }
        _ => 100,
    }
}

/// What is kept on the device: the server's JSON as it came, and when it was fetched.
pub fn saved_json(saved_at: i64, raw: &str) -> String {
    format!("{{\"saved_at\":{saved_at},\"data\":{raw}}}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use storefront_api_types::Timestamp;

    fn token(from: i64, until: i64) -> SignedToken {
        SignedToken {
            token: format!("t{from}"),
            valid_from: Timestamp::from_unix(from),
            valid_until: Timestamp::from_unix(until),
        }
    }

    #[test]
    fn logins() {
        assert_eq!(
            valid_login(" 138 1234-5678 ").as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            valid_login("+8613812345678").as_deref(),
            Some("13812345678")
        );
        assert_eq!(
            valid_login("Demo@Example.com").as_deref(),
            Some("demo@example.com")
        );
        for bad in [
            "",
            "1381234567",
            "23812345678",
            "a@b",
            "@example.com",
            "a b@example.com",
            "x@.com",
            "1381234567a",
        ] {
            assert_eq!(valid_login(bad), None, "{bad}");
        }
        assert_eq!(valid_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(valid_code("12345"), None);
        assert_eq!(valid_code("12345a"), None);
    }

    #[test]
    fn the_code_of_now_and_the_countdown() {
        let batch = [token(1000, 1060), token(1060, 1120), token(1120, 1180)];
        assert_eq!(current_token(&batch, 999), None);
        assert_eq!(current_token(&batch, 1000), Some((0, 60)));
        assert_eq!(current_token(&batch, 1059), Some((0, 1)));
        assert_eq!(current_token(&batch, 1060), Some((1, 60)));
        assert_eq!(current_token(&batch, 1179), Some((2, 1)));
        assert_eq!(current_token(&batch, 1180), None);
        assert_eq!(seconds_left(&batch, 1000), 180);
        assert_eq!(seconds_left(&batch, 2000), 0);
        assert_eq!(seconds_left(&[], 0), 0);
    }

    #[test]
    fn coupon_countdown_only_under_48_hours() {
        let now = 1_000_000;
        assert_eq!(expiry_countdown(now + 49 * 3600, now, Lang::En), None);
        assert_eq!(expiry_countdown(now - 1, now, Lang::En), None);
        assert_eq!(
            expiry_countdown(now + 3 * 3600 + 20 * 60, now, Lang::En).as_deref(),
            Some("3 h 20 min left")
        );
        assert_eq!(
            expiry_countdown(now + 30, now, Lang::ZhCn).as_deref(),
            Some("剩 1 分钟")
        );
        assert_eq!(
            expiry_countdown(now + 48 * 3600, now, Lang::ZhCn).as_deref(),
            Some("剩 48 小时 0 分")
        );
    }

    #[test]
    fn progress_and_bodies() {
        assert_eq!(tier_progress(0, 0, Some(1000)), 0);
        assert_eq!(tier_progress(250, 0, Some(1000)), 25);
        assert_eq!(tier_progress(5000, 5000, Some(20000)), 0);
        assert_eq!(tier_progress(30000, 20000, None), 100);
        assert_eq!(
            saved_json(5, r#"{"a":1}"#),
            r#"{"saved_at":5,"data":{"a":1}}"#
        );
    }
}
