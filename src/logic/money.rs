//! Money formatting from integer minor units, per locale. Never floats.

use storefront_api_types::{Lang, Money};

/// Formats `money` for `lang`: zh-CN `¥1,299.00`, en `CN¥1,299.00`, negatives `-¥5.00`.
pub fn format_money(money: Money, lang: Lang) -> String {
    let symbol = match lang {
        Lang::ZhCn => "¥",
        Lang::En => "CN¥",
    };
    format_minor(money.amount_minor, money.currency.exponent(), symbol)
}

fn format_minor(minor: i64, exponent: u32, symbol: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let unit = 10u64.pow(exponent);
    let whole = group_thousands(abs / unit);
    if exponent == 0 {
        format!("{sign}{symbol}{whole}")
    } else {
        let frac = abs % unit;
        format!(
            "{sign}{symbol}{whole}.{frac:0width$}",
            width = exponent as usize
        )
    }
}

fn group_thousands(n: u64) -> String {
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

/// What the shopper saves when `compare_at` is above `price`: the amount and the whole
/// percentage (rounded down). `None` when there is no saving or currencies differ.
pub fn saving(price: Money, compare_at: Option<Money>) -> Option<(Money, u32)> {
    let was = compare_at?;
    if was.currency != price.currency
        || was.amount_minor <= price.amount_minor
        || was.amount_minor <= 0
    {
        return None;
    }
    let diff = i128::from(was.amount_minor) - i128::from(price.amount_minor);
    let percent = diff * 100 / i128::from(was.amount_minor);
    let amount = i64::try_from(diff).ok()?;
    Some((
        Money {
            amount_minor: amount,
            currency: price.currency,
        },
        u32::try_from(percent).unwrap_or(0),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_locale() {
        assert_eq!(format_money(Money::cny(129_900), Lang::ZhCn), "¥1,299.00");
        assert_eq!(format_money(Money::cny(129_900), Lang::En), "CN¥1,299.00");
        assert_eq!(format_money(Money::cny(12_900), Lang::ZhCn), "¥129.00");
        assert_eq!(format_money(Money::cny(5), Lang::ZhCn), "¥0.05");
        assert_eq!(
            format_money(Money::cny(12_345_678_901), Lang::En),
            "CN¥123,456,789.01"
        );
    }

    #[test]
    fn zero_and_negatives() {
        assert_eq!(format_money(Money::cny(0), Lang::ZhCn), "¥0.00");
        assert_eq!(format_money(Money::cny(-500), Lang::ZhCn), "-¥5.00");
        assert_eq!(format_money(Money::cny(-129_950), Lang::En), "-CN¥1,299.50");
        assert_eq!(
            format_money(Money::cny(i64::MIN), Lang::ZhCn),
            "-¥92,233,720,368,547,758.08"
        );
    }

    #[test]
    fn savings() {
        assert_eq!(
            saving(Money::cny(8_000), Some(Money::cny(10_000))),
            Some((Money::cny(2_000), 20))
        );
        assert_eq!(
            saving(Money::cny(9_999), Some(Money::cny(10_000))),
            Some((Money::cny(1), 0))
        );
        assert_eq!(saving(Money::cny(10_000), Some(Money::cny(10_000))), None);
        assert_eq!(saving(Money::cny(10_000), Some(Money::cny(9_000))), None);
        assert_eq!(saving(Money::cny(10_000), None), None);
    }
}
