//! Product names: an adjective, a material and an item of the product's category, and past
//! the category's combinations a series word, so that every name in the catalogue is
//! different and no name says a word twice (not "透气透气网布越野跑鞋", "帆布帆布鞋").
//!
//! The products of one leaf category are products `l + 1`, `l + 1 + LEAVES`, … (the leaves
//! are taken in turn): the `k`-th of them takes the `k`-th combination of a fixed shuffle of
//! the leaf's combinations that read well, and from the second round on a series word in
//! front (`晨光`, "Dawn"). Product *n*'s name depends only on *n*, never on the catalogue
//! size, and names are unique up to [`capacity`] products per leaf.

use crate::data::{Leaf, Pair, Top, CLASHES, SERIES, TOPS};
use crate::Rng;

/// The words of a product's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameWords {
    /// Series word, from the second round of a leaf's combinations on.
    pub series: Option<Pair>,
    /// Adjective.
    pub adjective: Pair,
    /// Material.
    pub material: Pair,
    /// Item.
    pub item: Pair,
}

impl NameWords {
    /// The name in Chinese: the words run together.
    pub fn zh(&self) -> String {
        let series = self.series.map_or("", |s| s.0);
        format!(
            "{series}{}{}{}",
            self.adjective.0, self.material.0, self.item.0
        )
    }

    /// The name in English: the words separated by spaces.
    pub fn en(&self) -> String {
        let series = self.series.map_or(String::new(), |s| format!("{} ", s.1));
        format!(
            "{series}{} {} {}",
            self.adjective.1, self.material.1, self.item.1
        )
    }
}

/// Every leaf category with its top-level category, in product order.
pub fn leaves() -> Vec<(&'static Top, &'static Leaf)> {
    TOPS.iter()
        .flat_map(|t| t.leaves.iter().map(move |l| (t, l)))
        .collect()
}

/// A sequence of two Han characters that occurs twice in `name` ("透气透气网布越野跑鞋":
/// `透气`), if any: the test of a Chinese name that says a word twice.
pub fn repeated_han_bigram(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let bigrams: Vec<String> = chars
        .windows(2)
        .filter(|w| han(w[0]) && han(w[1]))
        .map(|w| w.iter().collect())
        .collect();
    bigrams
        .iter()
        .enumerate()
        .find(|(i, b)| bigrams[i + 1..].contains(b))
        .map(|(_, b)| b.clone())
}

/// A word that occurs twice in `name`, ignoring case; words are split at spaces and
/// hyphens ("Canvas Canvas Shoes", "Slim-fit Slim Jeans"): the test of an English name.
pub fn repeated_english_word(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .iter()
        .enumerate()
        .find(|(i, w)| words[i + 1..].contains(w))
        .map(|(_, w)| w.clone())
}

/// Whether the words read well together in both languages: no word said twice, no pair
/// of [`CLASHES`].
fn reads_well(words: &NameWords) -> bool {
    let parts = [words.adjective.1, words.material.1, words.item.1];
    repeated_han_bigram(&words.zh()).is_none()
        && repeated_english_word(&words.en()).is_none()
        && !CLASHES
            .iter()
            .any(|(a, b)| parts.contains(a) && parts.contains(b))
}

/// The combinations of a leaf's words that read well, in a fixed shuffled order.
fn combinations(leaf_index: usize, top: &Top, leaf: &Leaf) -> Vec<NameWords> {
    let mut out = Vec::new();
    for &item in leaf.items {
        for &material in leaf.materials {
            for &adjective in top.adjectives {
                let words = NameWords {
                    series: None,
                    adjective,
                    material,
                    item,
                };
                if reads_well(&words) {
                    out.push(words);
                }
            }
        }
    }
    // Fisher–Yates with the leaf's own stream: neighbours in a leaf differ in several words.
    let mut rng =
        Rng::new((leaf_index as u64 + 1).wrapping_mul(0x94D0_49BB_1331_11EB) ^ 0x4E41_4D45);
    for i in (1..out.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        out.swap(i, j);
    }
    out
}

/// How many products a leaf names before a name repeats: its combinations, once plain and
/// once with each series word.
pub fn capacity(leaf_index: usize) -> usize {
    let all = leaves();
    let (top, leaf) = all[leaf_index % all.len()];
    combinations(leaf_index, top, leaf).len() * (1 + SERIES.len())
}

/// The words of product `seq` (1-based) of the catalogue.
pub fn name_words(seq: i64) -> NameWords {
    let all = leaves();
    let n = (seq - 1).max(0) as usize;
    let leaf_index = n % all.len();
    let (top, leaf) = all[leaf_index];
    let combos = combinations(leaf_index, top, leaf);
    let k = n / all.len();
    let round = k / combos.len().max(1);
    let mut words = combos[k % combos.len().max(1)];
    // Past the last series the rounds start again: names repeat only beyond `capacity`.
    if round % (1 + SERIES.len()) > 0 {
        words.series = Some(SERIES[round % (1 + SERIES.len()) - 1]);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn repeated_words_are_found() {
        assert_eq!(
            repeated_han_bigram("透气透气网布越野跑鞋").as_deref(),
            Some("透气")
        );
        assert_eq!(
            repeated_han_bigram("透气帆布帆布鞋").as_deref(),
            Some("帆布")
        );
        assert_eq!(repeated_han_bigram("经典纯棉T恤"), None);
        assert_eq!(repeated_han_bigram("蜂蜡香薰蜡烛"), None);
        assert_eq!(
            repeated_english_word("Slim-fit Slim Jeans").as_deref(),
            Some("slim")
        );
        assert_eq!(repeated_english_word("Classic Cotton T-shirt"), None);
    }

    /// The catalogue sizes the tests, benches and the default use (1 to 2,000, 360 by
    /// default, 10,000 in the benches): product *n* does not depend on the size, so the first
    /// 10,000 products having different names covers them all.
    #[test]
    fn names_are_unique_and_say_each_word_once() {
        let mut zh = HashSet::new();
        let mut en = HashSet::new();
        for seq in 1..=10_000 {
            let p = crate::product(seq);
            let (z, e) = (p.name_zh, p.name_en);
            assert_eq!(repeated_han_bigram(&z), None, "{z}");
            assert_eq!(repeated_english_word(&e), None, "{e}");
            assert!(zh.insert(z.clone()), "product {seq}: {z} again");
            assert!(en.insert(e.clone()), "product {seq}: {e} again");
        }
    }

    #[test]
    fn every_leaf_names_enough_products_and_series_only_past_its_combinations() {
        let n = leaves().len();
        for l in 0..n {
            assert!(capacity(l) * n >= 10_000, "leaf {l}: {}", capacity(l));
        }
        // The default catalogue (360) needs no series word.
        assert!((1..=360).all(|s| name_words(s).series.is_none()));
    }
}
