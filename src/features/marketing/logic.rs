//! The workspace's pure rules: amounts typed in yuan, the origins box, errors by field, the
//! snippets, the poster's claim link and conversion rates. Tested natively.

use storefront_api_types::{encode_query, percent_encode, FieldError};

/// Fen from an amount typed in yuan (`200`, `199.5`, `199.50`, `¥200`); `None` for anything
/// else, a negative amount or more than two decimals.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let t = text.trim().trim_start_matches(['¥', '￥']).trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || !digits(whole) || frac.len() > 2 || !digits(frac) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    Some(whole * 100 + frac)
}

/// An amount in fen as typed in yuan (`20000` -> `200`, `19950` -> `199.5`).
pub fn yuan_text(fen: i64) -> String {
    let (y, f) = (fen / 100, fen % 100);
    match f {
        0 => y.to_string(),
        f if f % 10 == 0 => format!("{y}.{}", f / 10),
        f => format!("{y}.{f:02}"),
    }
}

/// The origins of the box, one per line (blank lines dropped).
pub fn origin_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The messages of the errors at `pointer` or inside it (`/title` holds `/title/en`).
pub fn errors_at(errors: &[FieldError], pointer: &str) -> Vec<String> {
    errors
        .iter()
        .filter(|e| {
            e.pointer == pointer
                || e.pointer
                    .strip_prefix(pointer)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .map(|e| e.message.clone())
        .collect()
}

/// The one-line snippet for partner pages: the script alone in a slot a screen tall, which
/// holds the place before the script runs, so the host page never shifts.
pub fn embed_snippet(shop: &str, slug: &str) -> String {
    format!(
        "<div style=\"min-height:100vh\"><script src=\"{shop}/embed.js\" data-campaign=\"{slug}\" async></script></div>"
    )
}

/// The plain iframe for pages that forbid scripts (fixed height, no events).
pub fn iframe_snippet(shop: &str, slug: &str, title: &str) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    format!(
        "<iframe src=\"{shop}/embed/campaign/{}\" title=\"{title}\" width=\"100%\" height=\"720\" style=\"border:0\" loading=\"lazy\"></iframe>",
        percent_encode(slug)
    )
}

/// The claim link a poster's QR opens: the campaign page tagged with the store and
/// `utm_medium=poster`.
pub fn poster_link(shop: &str, slug: &str, store_id: &str) -> String {
    let query = encode_query(&[
        ("store", store_id.to_owned()),
        ("utm_source", "store".to_owned()),
        ("utm_medium", "poster".to_owned()),
        ("utm_campaign", slug.to_owned()),
    ]);
    format!("{shop}/campaign/{}?{query}", percent_encode(slug))
}

/// `part` of `whole` as a percentage with one decimal (`"12.5%"`); `None` without a whole.
pub fn rate(part: u64, whole: u64) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let tenths = (part * 1000 + whole / 2) / whole;
    Some(format!("{}.{}%", tenths / 10, tenths % 10))
}

/// Paper sizes of the poster, in points (1/72 inch) and in pixels at 150 dpi.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 x 297 mm.
    A4,
    /// 297 x 420 mm.
    A3,
}

impl Paper {
    /// Width and height in PDF points.
    pub fn points(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::A3 => (841.89, 1190.55),
        }
    }

    /// Width and height of the picture, in pixels (150 dpi: sharp when printed, small to
    /// send).
    pub fn pixels(self) -> (u32, u32) {
        match self {
            Paper::A4 => (1240, 1754),
            Paper::A3 => (1754, 2480),
        }
    }

    /// The name in file names (`a4`).
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A3 => "a3",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan() {
        assert_eq!(parse_yuan("200"), Some(20000));
        assert_eq!(parse_yuan(" ¥199.5 "), Some(19950));
        assert_eq!(parse_yuan("199.05"), Some(19905));
        assert_eq!(parse_yuan("0.5"), Some(50));
        for bad in ["", "-1", "1.234", "abc", "1e3", ".5", "1,000", "9999999999"] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
        for fen in [0, 50, 19905, 19950, 20000] {
            assert_eq!(parse_yuan(&yuan_text(fen)), Some(fen));
        }
        assert_eq!(yuan_text(19950), "199.5");
    }

    #[test]
    fn origins_and_errors() {
        assert_eq!(
            origin_lines(" https://a.example \n\n\thttps://b.example\n"),
            vec!["https://a.example", "https://b.example"]
        );
        let e = |p: &str| FieldError {
            pointer: p.to_owned(),
            message: p.to_owned(),
        };
        let errors = [
            e("/title/en"),
            e("/titles"),
            e("/allowed_origins/2"),
            e("/title"),
        ];
        assert_eq!(errors_at(&errors, "/title"), vec!["/title/en", "/title"]);
        assert_eq!(
            errors_at(&errors, "/allowed_origins/2"),
            vec!["/allowed_origins/2"]
        );
        assert!(errors_at(&errors, "/slug").is_empty());
    }

    #[test]
    fn snippets_and_links() {
        assert_eq!(
            embed_snippet("https://shop.example", "autumn-edit"),
            "<div style=\"min-height:100vh\"><script src=\"https://shop.example/embed.js\" data-campaign=\"autumn-edit\" async></script></div>"
        );
        assert!(iframe_snippet("https://s", "a", "A \"b\" <c>")
            .contains("title=\"A &quot;b&quot; &lt;c>\""));
        assert_eq!(
            poster_link("https://shop.example", "autumn-edit", "s_sh_jingan"),
            "https://shop.example/campaign/autumn-edit?store=s_sh_jingan&utm_source=store&utm_medium=poster&utm_campaign=autumn-edit"
        );
    }

    #[test]
    fn rates() {
        assert_eq!(rate(1, 8), Some("12.5%".to_owned()));
        assert_eq!(rate(2, 3), Some("66.7%".to_owned()));
        assert_eq!(rate(0, 5), Some("0.0%".to_owned()));
        assert_eq!(rate(3, 0), None);
    }
}
