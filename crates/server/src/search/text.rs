//! Text handling shared by indexing and querying: normalisation (case, full-width forms),
//! query terms (hostile input reduced to plain words), and pinyin (full and initials).

use pinyin::ToPinyin;

/// Terms of at least this many characters go through the trigram index; shorter ones are
/// matched with `instr` on the indexed text.
pub const TRIGRAM_MIN_CHARS: usize = 3;
/// At most this many terms of a query are used; the rest are ignored.
pub const MAX_TERMS: usize = 12;

/// Lowercases and maps full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space
/// to their half-width forms.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        let ch = match ch {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            '\u{3000}' => ' ',
            c => c,
        };
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// Whether a character is a CJK ideograph (Han).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF)
}

/// Characters kept inside a term besides letters and digits.
fn is_term_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '&' | '\'' | '.' | '%' | '_')
}

/// Splits a word where Han meets other letters ("nike跑步" → "nike", "跑步"), except a single
/// letter glued to Han, which is part of the word ("t恤", "a字裙").
fn split_scripts(word: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = word.chars().collect();
    let mut runs: Vec<(bool, String)> = Vec::new();
    for &c in &chars {
        let han = is_han(c);
        match runs.last_mut() {
            Some((h, s)) if *h == han => s.push(c),
            _ => runs.push((han, c.to_string())),
        }
    }
    // Glue one-character non-Han runs to the neighbouring Han run.
    let mut merged: Vec<(bool, String)> = Vec::new();
    let mut carry = String::new();
    for (i, (han, s)) in runs.iter().enumerate() {
        if !han && s.chars().count() == 1 && runs.len() > 1 {
            if i + 1 < runs.len() {
                carry = s.clone();
                continue;
            }
            if let Some(prev) = merged.last_mut() {
                prev.1.push_str(s);
                continue;
            }
        }
        let mut text = std::mem::take(&mut carry);
        text.push_str(s);
        merged.push((*han, text));
    }
    for (_, s) in merged {
        let t = s.trim_matches(|c| matches!(c, '-' | '.' | '\''));
        if !t.is_empty() {
            out.push(t.to_owned());
        }
    }
}

/// The search terms of a query: normalised, split on whitespace, punctuation and every
/// search-syntax character (`"*^:(){}+` …), emoji and control characters dropped, and Han
/// split from Latin. Never contains `"`. At most [`MAX_TERMS`], duplicates removed.
pub fn query_terms(q: &str) -> Vec<String> {
    let norm = normalize(q);
    let mut out: Vec<String> = Vec::new();
    for word in norm.split(|c: char| !is_term_char(c)) {
        if word.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        split_scripts(word, &mut parts);
        for p in parts {
            if !out.contains(&p) && out.len() < MAX_TERMS {
                out.push(p);
            }
        }
    }
    out
}

/// The normalised form of a query (its terms joined by one space), as recorded in the
/// popular-queries table. Empty when the query has no usable term.
pub fn normalized_query(q: &str) -> String {
    query_terms(q).join(" ")
}

/// Quotes a term as an FTS5 string (`"` doubled), so no user text is ever syntax.
pub fn fts_quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// Readings that differ from the per-character default in the words the catalogue uses.
const PHRASES: &[(&str, &[&str])] = &[
    ("牛仔", &["niu", "zai"]),
    ("长款", &["chang", "kuan"]),
    ("长袖", &["chang", "xiu"]),
    ("长裙", &["chang", "qun"]),
    ("背包", &["bei", "bao"]),
    ("背心", &["bei", "xin"]),
    ("斜挎", &["xie", "kua"]),
    ("单肩", &["dan", "jian"]),
    ("行李", &["xing", "li"]),
    ("香薰", &["xiang", "xun"]),
    ("穆勒", &["mu", "le"]),
    ("都市", &["du", "shi"]),
    ("弹力", &["tan", "li"]),
];

/// Pinyin of one Han character (plain, no tone, `ü` typed as `v`), `None` for anything else.
fn char_pinyin(c: char) -> Option<String> {
    c.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// Full pinyin and initials of a text, one pair per run of Han characters (ASCII letters
/// and digits glued to the run count as part of it: "t恤" → `("txu", "tx")`).
pub fn pinyin_runs(text: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = normalize(text).chars().collect();
    let mut runs = Vec::new();
    let mut full = String::new();
    let mut initials = String::new();
    let mut has_han = false;
    let mut latin_word_start = true;
    let flush = |full: &mut String,
                 initials: &mut String,
                 has_han: &mut bool,
                 runs: &mut Vec<(String, String)>| {
        if *has_han && !full.is_empty() {
            runs.push((std::mem::take(full), std::mem::take(initials)));
        } else {
            full.clear();
            initials.clear();
        }
        *has_han = false;
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_han(c) {
            // A known phrase first.
            let mut matched = false;
            for (phrase, syllables) in PHRASES {
                let pc: Vec<char> = phrase.chars().collect();
                if chars[i..].starts_with(&pc) {
                    for s in *syllables {
                        full.push_str(s);
                        initials.push_str(&s[..1]);
                    }
                    i += pc.len();
                    matched = true;
                    break;
                }
            }
            if !matched {
                if let Some(p) = char_pinyin(c) {
                    full.push_str(&p);
                    initials.push_str(p.get(..1).unwrap_or(""));
                }
                i += 1;
            }
            has_han = true;
            latin_word_start = true;
        } else if c.is_ascii_alphanumeric() {
            full.push(c);
            if latin_word_start {
                initials.push(c);
                latin_word_start = false;
            }
            i += 1;
        } else {
            flush(&mut full, &mut initials, &mut has_han, &mut runs);
            latin_word_start = true;
            i += 1;
        }
    }
    flush(&mut full, &mut initials, &mut has_han, &mut runs);
    runs
}

/// The syllables of a Han run, for suffix entries in the vocabulary ("paobuxie" of
/// "qingyingpaobuxie").
pub fn syllables(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = normalize(text).chars().collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_han(c) {
            let mut matched = false;
            for (phrase, syl) in PHRASES {
                let pc: Vec<char> = phrase.chars().collect();
                if chars[i..].starts_with(&pc) {
                    cur.extend(syl.iter().map(|s| (*s).to_owned()));
                    i += pc.len();
                    matched = true;
                    break;
                }
            }
            if !matched {
                if let Some(p) = char_pinyin(c) {
                    cur.push(p);
                }
                i += 1;
            }
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            i += 1;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The `name_py`-style text of a Han text: every run's full pinyin, then every run's
/// initials, space separated ("qingyingpaobuxie qypbx").
pub fn pinyin_text(text: &str) -> String {
    let runs = pinyin_runs(text);
    let mut out: Vec<&str> = runs.iter().map(|r| r.0.as_str()).collect();
    out.extend(runs.iter().map(|r| r.1.as_str()));
    out.join(" ")
}

/// Lowercase Latin words (letters and digits) of a text, at least 2 characters, with a letter.
pub fn latin_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_and_full_width() {
        assert_eq!(normalize("ＪＡＣＫＥＴ　Ｔ恤"), "jacket t恤");
        assert_eq!(normalize("Ürümqi"), "ürümqi");
    }

    #[test]
    fn terms_drop_syntax_and_split_scripts() {
        assert_eq!(query_terms("nike跑步"), ["nike", "跑步"]);
        assert_eq!(query_terms("T恤 白色"), ["t恤", "白色"]);
        assert_eq!(query_terms("\"a\" OR b*"), ["a", "or", "b"]);
        assert_eq!(query_terms("NEAR(a b)"), ["near", "a", "b"]);
        assert_eq!(query_terms("-a"), ["a"]);
        assert!(query_terms("* () ^ : {} \" 😀 \u{0}").is_empty());
        assert_eq!(query_terms("t-shirt"), ["t-shirt"]);
        assert_eq!(query_terms("羽绒 jacket"), ["羽绒", "jacket"]);
        assert_eq!(query_terms(&"a b ".repeat(50)).len(), 2);
        assert!(query_terms(&"x ".repeat(100)).len() <= MAX_TERMS);
        assert_eq!(fts_quote("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn pinyin_of_catalogue_words() {
        assert_eq!(
            pinyin_runs("运动鞋"),
            [("yundongxie".to_owned(), "ydx".to_owned())]
        );
        assert_eq!(
            pinyin_text("经典丹宁牛仔裤"),
            "jingdiandanningniuzaiku jddnnzk"
        );
        assert_eq!(pinyin_runs("T恤"), [("txu".to_owned(), "tx".to_owned())]);
        assert_eq!(pinyin_runs("羽绒服")[0].0, "yurongfu");
        assert_eq!(pinyin_runs("连衣裙")[0].0, "lianyiqun");
        assert_eq!(pinyin_runs("衬衫")[0].0, "chenshan");
        assert_eq!(pinyin_runs("旅行背包")[0].0, "lvxingbeibao");
        assert_eq!(
            syllables("跑步鞋 外套"),
            [vec!["pao", "bu", "xie"], vec!["wai", "tao"]]
        );
    }

    #[test]
    #[ignore = "prints the pinyin of every catalogue word, for review"]
    fn print_catalogue_pinyin() {
        use storefront_demo::data::TOPS;
        let mut words: Vec<&str> = Vec::new();
        for t in TOPS {
            words.push(t.name.0);
            words.extend(t.adjectives.iter().map(|a| a.0));
            for l in t.leaves {
                words.push(l.name.0);
                words.extend(l.items.iter().map(|a| a.0));
                words.extend(l.materials.iter().map(|a| a.0));
            }
        }
        words.sort();
        words.dedup();
        for w in words {
            println!("{w} {}", pinyin_text(w));
        }
    }
}
