//! The vocabulary of indexed Latin words and pinyin, for typo tolerance and "did you mean".
//!
//! Filled at write time (`search_vocab`, see [`super::index`]) and loaded into memory once
//! per process. A word the shopper types is *known* when some indexed word starts with it
//! (prefix search); an unknown word of at least [`TYPO_MIN_CHARS`] characters is corrected
//! to indexed words one edit away (insertion, deletion, substitution or transposition of
//! two neighbours) from it or from one of their prefixes ("jakcet" → "jacket",
//! "joggr" → "jogger…").

/// Shortest Latin word that gets typo tolerance.
pub const TYPO_MIN_CHARS: usize = 4;
/// At most this many corrections of one word are searched.
const MAX_CORRECTIONS: usize = 4;

/// Kind of a vocabulary entry: a word that can be suggested as a correction.
pub const KIND_WORD: i64 = 0;
/// Kind of a vocabulary entry: known (pinyin initials) but never suggested.
pub const KIND_KNOWN_ONLY: i64 = 1;

/// One correction of a misspelt word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// What to search for: the corrected word or prefix ("jogger").
    pub term: String,
    /// The whole indexed word, for "did you mean" ("joggers").
    pub word: String,
}

/// The search vocabulary.
#[derive(Debug, Default)]
pub struct Vocab {
    /// Sorted, for prefix look-ups.
    sorted: Vec<String>,
    /// Correction candidates (kind 0) with their frequency, as char vectors.
    words: Vec<(Vec<char>, String, i64)>,
}

impl Vocab {
    /// Builds the vocabulary from `(word, frequency, kind)` rows.
    pub fn new(rows: Vec<(String, i64, i64)>) -> Self {
        let mut sorted: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let words = rows
            .into_iter()
            .filter(|r| r.2 == KIND_WORD && r.0.chars().all(|c| c.is_ascii_alphanumeric()))
            .map(|(w, f, _)| (w.chars().collect(), w, f))
            .collect();
        Vocab { sorted, words }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Whether an indexed word starts with `word`.
    pub fn is_known(&self, word: &str) -> bool {
        let i = self.sorted.partition_point(|w| w.as_str() < word);
        self.sorted.get(i).is_some_and(|w| w.starts_with(word))
    }

    /// Corrections of an unknown Latin word (empty when the word is known, too short, or
    /// has nothing one edit away). Most frequent first.
    pub fn corrections(&self, word: &str) -> Vec<Correction> {
        if word.chars().count() < TYPO_MIN_CHARS
            || !word.chars().all(|c| c.is_ascii_alphanumeric())
            || !word.chars().any(|c| c.is_ascii_alphabetic())
            || self.is_known(word)
        {
            return Vec::new();
        }
        let w: Vec<char> = word.chars().collect();
        let n = w.len();
        // term -> (best full word, its frequency, summed frequency, whole-word hit)
        let mut found: Vec<(String, String, i64, i64, bool)> = Vec::new();
        for (chars, full, freq) in &self.words {
            for len in [n, n + 1, n - 1] {
                if len < 3 || len > chars.len() {
                    continue;
                }
                if within_one_edit(&w, &chars[..len]) {
                    let term: String = chars[..len].iter().collect();
                    let whole = len == chars.len();
                    match found.iter_mut().find(|f| f.0 == term) {
                        Some(f) => {
                            f.3 += freq;
                            if (whole && !f.4) || (whole == f.4 && *freq > f.2) {
                                f.1 = full.clone();
                                f.2 = *freq;
                                f.4 = whole;
                            }
                        }
                        None => found.push((term, full.clone(), *freq, *freq, whole)),
                    }
                    break;
                }
            }
        }
        // Whole-word corrections first, then by how often the words occur.
        found.sort_by(|a, b| b.4.cmp(&a.4).then(b.3.cmp(&a.3)).then(a.0.cmp(&b.0)));
        found.truncate(MAX_CORRECTIONS);
        found
            .into_iter()
            .map(|(term, word, ..)| Correction { term, word })
            .collect()
    }
}

/// Optimal string alignment distance ≤ 1 (one insertion, deletion, substitution, or
/// transposition of adjacent characters), in linear time. Equal strings are within one.
pub fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if prefix == la && prefix == lb {
        return true;
    }
    if la == lb {
        // Substitution, or transposition of two neighbours.
        a[prefix + 1..] == b[prefix + 1..]
            || (prefix + 1 < la
                && a[prefix] == b[prefix + 1]
                && a[prefix + 1] == b[prefix]
                && a[prefix + 2..] == b[prefix + 2..])
    } else if la > lb {
        a[prefix + 1..] == b[prefix..]
    } else {
        a[prefix..] == b[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_edit() {
        for (a, b) in [
            ("jakcet", "jacket"),
            ("jacket", "jacket"),
            ("sneakrs", "sneakers"),
            ("jackt", "jacket"),
            ("jxcket", "jacket"),
            ("ajcket", "jacket"),
            ("jackte", "jacket"),
            ("jackets", "jacket"),
        ] {
            assert!(within_one_edit(&c(a), &c(b)), "{a} {b}");
        }
        for (a, b) in [
            ("jkacte", "jacket"),
            ("jak", "jacket"),
            ("abcd", "dcba"),
            ("ab", "ba c"),
        ] {
            assert!(!within_one_edit(&c(a), &c(b)), "{a} {b}");
        }
    }

    #[test]
    fn corrections_prefer_whole_frequent_words() {
        let v = Vocab::new(vec![
            ("jacket".into(), 50, KIND_WORD),
            ("joggers".into(), 20, KIND_WORD),
            ("sneakers".into(), 30, KIND_WORD),
            ("yundongxie".into(), 5, KIND_WORD),
            ("qywm".into(), 1, KIND_KNOWN_ONLY),
        ]);
        assert!(v.is_known("jack") && v.is_known("qyw") && !v.is_known("jakc"));
        assert_eq!(v.corrections("jakcet")[0].term, "jacket");
        assert_eq!(v.corrections("sneakrs")[0].word, "sneakers");
        let j = v.corrections("joggr");
        assert_eq!(j[0].word, "joggers");
        assert!(j[0].term.starts_with("jogg"));
        assert_eq!(v.corrections("jakc")[0].term, "jack");
        assert_eq!(v.corrections("yundonxie")[0].word, "yundongxie");
        assert!(v.corrections("jacket").is_empty());
        assert!(v.corrections("zzzzzz").is_empty());
        assert!(v.corrections("jkt").is_empty());
    }
}
