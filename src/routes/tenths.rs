//! Degrees with one decimal, as the tour's deep links spell them (`yaw=-125.5`).

/// Reads a number of degrees with at most one decimal as tenths: `"12.5"` → 125,
/// `"-0.5"` → -5, `"90"` → 900. Further decimals are dropped (`"1.25"` → 12); anything
/// else (empty, letters, exponents, more than 5 integer digits) is `None`.
pub fn parse_tenths(s: &str) -> Option<i32> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || int.len() > 5 || !digits(int) || !digits(frac) {
        return None;
    }
    let whole: i32 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let tenth = frac.bytes().next().map_or(0, |b| i32::from(b - b'0'));
    let t = whole * 10 + tenth;
    Some(if neg { -t } else { t })
}

/// Writes tenths of a degree as the deep link shows them: 125 → `"12.5"`, -5 → `"-0.5"`,
/// 900 → `"90"`.
pub fn format_tenths(t: i32) -> String {
    let sign = if t < 0 { "-" } else { "" };
    let a = t.unsigned_abs();
    if a % 10 == 0 {
        format!("{sign}{}", a / 10)
    } else {
        format!("{sign}{}.{}", a / 10, a % 10)
    }
}
