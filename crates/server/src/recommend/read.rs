//! The lists as the endpoints answer them: product cards with the reason each is shown.
//! Products no longer in the catalogue are left out here, when a list is read.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use std::collections::{HashMap, HashSet};
use storefront_api_types::{ProductId, Recommendation, RecommendationReason};

use super::INTEREST_SQL;

/// A member's history: at most this many of their products, most recent first, are left
/// out of their list.
pub const HISTORY_MAX: i64 = 100;
/// The most recent this many of them choose the list.
pub const HISTORY_SCORED: usize = 20;

/// The id of a product by id or slug, `None` when the catalogue has no such product.
pub async fn product_id(db: &SqlitePool, key: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM products WHERE id = ? OR slug = ?")
        .bind(key)
        .bind(key)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id,)| id))
}

/// The product's neighbours, best first.
pub async fn also_viewed(
    db: &SqlitePool,
    product_id: &str,
    limit: u32,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT n.other_id FROM recommend_neighbours n JOIN products p ON p.id = n.other_id \
         WHERE n.product_id = ? ORDER BY n.rank LIMIT ?",
    )
    .bind(product_id)
    .bind(i64::from(limit))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The popular products of a scope (`""`: every store; else a store id), best first,
/// without those in `leave_out`.
pub async fn popular(
    db: &SqlitePool,
    scope: &str,
    limit: usize,
    leave_out: &HashSet<String>,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT r.product_id FROM recommend_popular r JOIN products p ON p.id = r.product_id \
         WHERE r.scope = ? ORDER BY r.rank",
    )
    .bind(scope)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id,)| id)
        .filter(|id| !leave_out.contains(id))
        .take(limit)
        .collect())
}

/// The products the member's events name (viewed, saved, stock looked at, reserved), most
/// recent first, at most [`HISTORY_MAX`]. Empty without their random reference (no
/// consent for it, or withdrawn: then the events no longer name them).
pub async fn history(db: &SqlitePool, member_id: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT e.product_id FROM member_insight_refs r JOIN events e ON e.member_ref = r.ref \
         WHERE r.member_id = ? AND e.{INTEREST_SQL} AND e.product_id IS NOT NULL \
         GROUP BY e.product_id ORDER BY MAX(e.at) DESC, MAX(e.id) DESC LIMIT ?"
    ))
    .bind(member_id)
    .bind(HISTORY_MAX)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The neighbour lists of `products`: `(product, neighbour, score)`, the score worked out
/// from the current counts ([`super::neighbours::score`]).
pub async fn neighbours_of(
    db: &SqlitePool,
    products: &[String],
) -> Result<Vec<(String, String, f64)>, sqlx::Error> {
    if products.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT n.product_id, n.other_id, n.visits, x.visits, y.visits FROM recommend_neighbours n \
         JOIN recommend_items x ON x.product_id = n.product_id \
         JOIN recommend_items y ON y.product_id = n.other_id WHERE n.product_id IN (",
    );
    {
        let mut sep = qb.separated(", ");
        for p in products {
            sep.push_bind(p.as_str());
        }
    }
    qb.push(")");
    let rows: Vec<(String, String, i64, i64, i64)> = qb.build_query_as().fetch_all(db).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(0);
    Ok(rows
        .into_iter()
        .map(|(p, o, both, x, y)| {
            let s = super::neighbours::score(count(both), count(x), count(y));
            (p, o, s)
        })
        .collect())
}

/// A member's list from their history (most recent first) and its products' neighbours:
/// each candidate scores the sum over the history of `weight * score`, the `i`-th most
/// recent product weighing `1 / (i + 1)`; it is shown "because you viewed" the product
/// that gave it most. Never a product of the history. Best first (then by id), at most
/// `limit`: `(product, because)`.
pub fn blend(
    history: &[String],
    neighbours: &[(String, String, f64)],
    limit: usize,
) -> Vec<(String, String)> {
    let rank: HashMap<&str, usize> = history
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    // candidate -> (total, best part, its history rank)
    let mut scored: HashMap<&str, (f64, f64, usize)> = HashMap::new();
    for (from, other, score) in neighbours {
        let Some(&i) = rank.get(from.as_str()).filter(|&&i| i < HISTORY_SCORED) else {
            continue;
        };
        if rank.contains_key(other.as_str()) {
            continue;
        }
        let part = score / (i as f64 + 1.0);
        let entry = scored.entry(other.as_str()).or_insert((0.0, 0.0, i));
        entry.0 += part;
        // the larger part; between equal ones, the more recent product
        if part > entry.1 || (part == entry.1 && i < entry.2) {
            (entry.1, entry.2) = (part, i);
        }
    }
    let mut list: Vec<(&str, f64, usize)> = scored
        .into_iter()
        .map(|(p, (total, _, i))| (p, total, i))
        .collect();
    list.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    list.into_iter()
        .take(limit)
        .map(|(p, _, i)| (p.to_owned(), history[i].clone()))
        .collect()
}

/// Product cards for `(product id, reason)`, in that order; products the catalogue no
/// longer has are left out.
pub async fn cards(
    db: &SqlitePool,
    wanted: Vec<(String, RecommendationReason)>,
) -> Result<Vec<Recommendation>, sqlx::Error> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Sqlite>::new("SELECT id, seq FROM products WHERE id IN (");
    {
        let mut sep = qb.separated(", ");
        for (id, _) in &wanted {
            sep.push_bind(id.as_str());
        }
    }
    qb.push(")");
    let seq_of: HashMap<String, i64> = qb
        .build_query_as()
        .fetch_all(db)
        .await?
        .into_iter()
        .collect();
    let seqs: Vec<i64> = wanted
        .iter()
        .filter_map(|(id, _)| seq_of.get(id).copied())
        .collect();
    let mut reasons: HashMap<String, RecommendationReason> = wanted.into_iter().collect();
    let summaries = crate::products::summaries(db, &seqs).await?;
    Ok(summaries
        .into_iter()
        .filter_map(|product| {
            let reason = reasons.remove(product.id.as_str())?;
            Some(Recommendation { product, reason })
        })
        .collect())
}

/// The reason "shoppers who viewed `product` also viewed this".
pub fn also_viewed_reason(product: &str) -> RecommendationReason {
    RecommendationReason::AlsoViewed {
        product_id: ProductId(product.to_owned()),
    }
}

/// The reason "you viewed `product`, and shoppers who did also viewed this".
pub fn because_reason(product: &str) -> RecommendationReason {
    RecommendationReason::BecauseYouViewed {
        product_id: ProductId(product.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        x.to_owned()
    }

    #[test]
    fn the_most_recent_history_weighs_most_and_names_the_reason() {
        let history = vec![s("h1"), s("h2")];
        let neighbours = vec![
            (s("h1"), s("a"), 0.5),
            (s("h2"), s("a"), 0.9), // 0.45 from h2 < 0.5 from h1: a is because of h1
            (s("h2"), s("b"), 0.8), // 0.4
            (s("h1"), s("h2"), 0.9), // already viewed
            (s("x"), s("c"), 1.0),  // not in the history
        ];
        assert_eq!(
            blend(&history, &neighbours, 10),
            vec![(s("a"), s("h1")), (s("b"), s("h2"))]
        );
        assert_eq!(blend(&history, &neighbours, 1), vec![(s("a"), s("h1"))]);
        assert!(blend(&[], &neighbours, 10).is_empty());
    }

    #[test]
    fn only_the_most_recent_history_chooses() {
        let history: Vec<String> = (0..HISTORY_SCORED + 1).map(|i| format!("h{i}")).collect();
        let old = history[HISTORY_SCORED].clone();
        let neighbours = vec![(old, s("z"), 1.0), (s("h0"), s("y"), 0.1)];
        assert_eq!(blend(&history, &neighbours, 10), vec![(s("y"), s("h0"))]);
    }
}
