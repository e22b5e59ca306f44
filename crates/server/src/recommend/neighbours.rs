//! A product's best neighbours from its pair counts, pure.
//!
//! The score of a pair is the cosine of the two products' visit sets,
//! `both / sqrt(seen(x) * seen(y))`: the share of visits that saw the two together, in a
//! way that does not let a product seen in every visit top every list (its large `seen`
//! divides its score). Only pairs seen together in at least [`PAIR_VISITS_MIN`] visits
//! count, so no list shows what one visit alone did, and one chance visit does not put a
//! rarely seen product first.

/// A product keeps at most this many neighbours ([`storefront_api_types::RECOMMENDATIONS_MAX`]).
pub const NEIGHBOURS_MAX: usize = storefront_api_types::RECOMMENDATIONS_MAX as usize;

/// A pair counts once at least this many visits saw both products. The partial index
/// `recommend_pairs_by_b` of migration 0014 is written for this value.
pub const PAIR_VISITS_MIN: u32 = 2;

/// One neighbour of a product.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbour {
    /// The other product's item.
    pub item: u32,
    /// Visits that saw both.
    pub visits: u32,
    /// `visits / sqrt(seen(x) * seen(other))`, in (0, 1].
    pub score: f64,
}

/// The score of two products seen in `seen_x` and `seen_y` visits, `both` of them together:
/// `both / sqrt(seen_x * seen_y)`, 0 when either was never seen.
pub fn score(both: u32, seen_x: u32, seen_y: u32) -> f64 {
    let product = f64::from(seen_x) * f64::from(seen_y);
    if product > 0.0 {
        f64::from(both) / product.sqrt()
    } else {
        0.0
    }
}

/// The best [`NEIGHBOURS_MAX`] neighbours of a product seen in `seen_x` visits, from its
/// pairs `(other item, visits together)`: highest score first, then most visits together,
/// then the other's product id (`product_of`), so the order never depends on how the
/// counts were read.
pub fn best<'a>(
    seen_x: u32,
    pairs: &[(u32, u32)],
    seen: impl Fn(u32) -> u32,
    product_of: impl Fn(u32) -> &'a str,
) -> Vec<Neighbour> {
    let mut all: Vec<Neighbour> = pairs
        .iter()
        .filter(|&&(_, visits)| visits >= PAIR_VISITS_MIN)
        .map(|&(item, visits)| Neighbour {
            item,
            visits,
            score: score(visits, seen_x, seen(item)),
        })
        .filter(|n| n.score > 0.0)
        .collect();
    all.sort_by(|p, q| {
        q.score
            .total_cmp(&p.score)
            .then(q.visits.cmp(&p.visits))
            .then_with(|| product_of(p.item).cmp(product_of(q.item)))
    });
    all.truncate(NEIGHBOURS_MAX);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 6] = ["p0", "p1", "p2", "p3", "p4", "p5"];

    fn seen(i: u32) -> u32 {
        [10, 100, 4, 4, 2, 50][i as usize]
    }

    #[test]
    fn the_normalised_score_keeps_a_popular_product_from_winning_by_size() {
        // product 0 (10 visits): with 1 (seen 100 times) in 5 visits, with 2 (seen 4) in 4
        let list = best(10, &[(1, 5), (2, 4)], seen, |i| IDS[i as usize]);
        let order: Vec<u32> = list.iter().map(|n| n.item).collect();
        assert_eq!(order, vec![2, 1]);
        assert!((list[0].score - 4.0 / 40f64.sqrt()).abs() < 1e-12);
        assert!((list[1].score - 5.0 / 1000f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn one_visit_together_is_not_enough_and_ties_go_by_visits_then_id() {
        // 2 and 3 tie on score and visits: by product id; 4 was seen with 0 once only
        let list = best(10, &[(3, 2), (4, 1), (2, 2)], seen, |i| IDS[i as usize]);
        let order: Vec<u32> = list.iter().map(|n| n.item).collect();
        assert_eq!(order, vec![2, 3]);
    }

    #[test]
    fn at_most_the_best_24() {
        let pairs: Vec<(u32, u32)> = (0..100).map(|i| (i, 2 + i % 7)).collect();
        let list = best(1_000, &pairs, |_| 10, |_| "p");
        assert_eq!(list.len(), NEIGHBOURS_MAX);
        assert!(list.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
