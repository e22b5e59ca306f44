//! What one visit adds to the counts, pure: the products a visit saw (in the order it first
//! saw them, at most [`VISIT_PRODUCTS_MAX`]) count one visit each, and each pair of them one
//! visit together. A visit seen across two runs of the job adds, in the second run, only
//! what its new products bring: the counts come out the same as when it is counted whole.

use std::collections::HashMap;

/// A visit counts at most this many products (the first it saw): a visit that opens
/// hundreds of products (a crawler, a kiosk left browsing) would otherwise add tens of
/// thousands of pairs, and says little about which products go together.
pub const VISIT_PRODUCTS_MAX: usize = 50;

/// The products a visit saw, first seen first, each once, at most [`VISIT_PRODUCTS_MAX`].
pub fn first_distinct(items: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut seen = Vec::new();
    for item in items {
        if seen.len() == VISIT_PRODUCTS_MAX {
            break;
        }
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// The key of an unordered pair: the smaller item in the high half.
pub fn pair_key(x: u32, y: u32) -> u64 {
    let (a, b) = if x < y { (x, y) } else { (y, x) };
    (u64::from(a) << 32) | u64::from(b)
}

/// The two items of a [`pair_key`], smaller first.
pub fn pair_items(key: u64) -> (u32, u32) {
    ((key >> 32) as u32, key as u32)
}

/// Counts to add to the stored ones.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Deltas {
    /// Item -> visits that newly saw it.
    pub seen: HashMap<u32, u32>,
    /// [`pair_key`] -> visits that newly saw both.
    pub pairs: HashMap<u64, u32>,
}

impl Deltas {
    /// Adds what a visit brings: `before` is what was counted of it earlier (empty for a
    /// visit not seen before), `after` what it saw in all, both as [`first_distinct`] gives
    /// them. Each product of `after` not in `before` counts one visit, and each pair of
    /// `after` that has such a product one visit together.
    pub fn add_visit(&mut self, before: &[u32], after: &[u32]) {
        let is_new = |i: &u32| !before.contains(i);
        for (i, &x) in after.iter().enumerate() {
            if !is_new(&x) {
                continue;
            }
            *self.seen.entry(x).or_default() += 1;
            for (j, &y) in after.iter().enumerate() {
                // a pair of two new products is counted once, from the first of them
                if y == x || (is_new(&y) && j < i) {
                    continue;
                }
                *self.pairs.entry(pair_key(x, y)).or_default() += 1;
            }
        }
    }

    /// Whether nothing is to be added.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty() && self.pairs.is_empty()
    }

    /// The pairs in key order (so writes walk the table's index in order).
    pub fn sorted_pairs(&self) -> Vec<(u64, u32)> {
        let mut pairs: Vec<(u64, u32)> = self.pairs.iter().map(|(k, v)| (*k, *v)).collect();
        pairs.sort_unstable();
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(d: &Deltas) -> Vec<((u32, u32), u32)> {
        d.sorted_pairs()
            .into_iter()
            .map(|(k, v)| (pair_items(k), v))
            .collect()
    }

    #[test]
    fn a_visit_counts_each_product_and_pair_once() {
        let mut d = Deltas::default();
        d.add_visit(&[], &first_distinct([3, 1, 3, 2, 1]));
        assert_eq!(d.seen, HashMap::from([(1, 1), (2, 1), (3, 1)]));
        assert_eq!(pairs(&d), vec![((1, 2), 1), ((1, 3), 1), ((2, 3), 1)]);
    }

    #[test]
    fn a_visit_in_two_parts_counts_as_a_whole() {
        let whole = first_distinct([5, 6, 5, 7, 8]);
        let mut at_once = Deltas::default();
        at_once.add_visit(&[], &whole);
        let first = first_distinct([5, 6, 5]);
        let mut in_parts = Deltas::default();
        in_parts.add_visit(&[], &first);
        in_parts.add_visit(&first, &whole);
        assert_eq!(at_once, in_parts);
        // a second part with nothing new adds nothing
        let mut again = Deltas::default();
        again.add_visit(&whole, &whole);
        assert!(again.is_empty());
    }

    #[test]
    fn a_visit_counts_at_most_its_first_products() {
        let many = first_distinct(0..200);
        assert_eq!(many.len(), VISIT_PRODUCTS_MAX);
        assert_eq!(many[VISIT_PRODUCTS_MAX - 1], VISIT_PRODUCTS_MAX as u32 - 1);
        let mut d = Deltas::default();
        d.add_visit(&[], &many);
        assert_eq!(
            d.pairs.len(),
            VISIT_PRODUCTS_MAX * (VISIT_PRODUCTS_MAX - 1) / 2
        );
    }

    #[test]
    fn pair_keys_are_unordered() {
        assert_eq!(pair_key(2, 9), pair_key(9, 2));
        assert_eq!(pair_items(pair_key(9, 2)), (2, 9));
        assert_eq!(pair_items(pair_key(u32::MAX, 0)), (0, u32::MAX));
    }
}
