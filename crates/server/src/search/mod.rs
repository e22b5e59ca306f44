//! Product search inside the SQLite database.
//!
//! - Index: `search_docs` (one row per product: names, brand, category names of both levels
//!   and descriptions in zh-CN and English, lowercased, plus the pinyin and pinyin initials
//!   of the Chinese names, computed at write time) mirrored by triggers into the FTS5 table
//!   `product_search` with the trigram tokenizer, so any substring of 3+ characters matches:
//!   Chinese words, pinyin ("yundongxie", "ydx", "yundong") and Latin prefixes ("jack").
//! - Terms shorter than 3 characters ("衬衫", "鞋") are matched as substrings of the indexed
//!   names, pinyin, brand and categories (not descriptions) held in memory by
//!   [`crate::catalog`] (what an `instr` scan of `search_docs` would do, without the I/O).
//! - Latin words of 4+ characters that no indexed word starts with are corrected by one edit
//!   against the vocabulary ([`vocab`]); the word and its corrections are alternatives.
//! - Every term is quoted as an FTS5 string; user text is never FTS syntax.
//! - Relevance: bm25 with column weights (name > name pinyin > brand > category > description),
//!   ties broken by sales, then catalogue order.

pub mod index;
pub mod popular;
pub mod text;
pub mod vocab;

use sqlx::SqlitePool;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use crate::catalog::{Catalog, Matches};
use text::{fts_quote, query_terms, TRIGRAM_MIN_CHARS};
use vocab::Vocab;

/// Column weights of `bm25(product_search, …)`, in column order:
/// name, name_py, brand, category, category_py, description.
const BM25_WEIGHTS: &str = "10.0, 8.0, 6.0, 5.0, 4.0, 1.0";

/// Most verdicts of [`popular::offerable`] remembered (more than the popular table holds).
const OFFERABLE_ENTRIES: usize = 4_096;

/// Search state of one process: the vocabulary and the in-memory catalogue (each loaded on
/// first use, again after [`SearchState::invalidate`]), the writer that records clicks
/// into the popular-queries table, and which popular queries may be offered.
pub struct SearchState {
    vocab: RwLock<Option<Arc<Vocab>>>,
    catalog: RwLock<Option<Arc<Catalog>>>,
    recorder: popular::Recorder,
    /// Verdicts of [`popular::offerable`] for the catalogue at this address.
    offerable: Mutex<(usize, HashMap<String, bool>)>,
}

fn cached<T>(slot: &RwLock<Option<Arc<T>>>) -> Option<Arc<T>> {
    slot.read().ok().and_then(|g| g.clone())
}

fn store<T>(slot: &RwLock<Option<Arc<T>>>, value: Arc<T>) {
    if let Ok(mut g) = slot.write() {
        *g = Some(value);
    }
}

impl SearchState {
    /// State for this database; starts the popular-queries writer when called inside a
    /// Tokio runtime.
    pub fn new(db: &SqlitePool) -> Self {
        SearchState {
            vocab: RwLock::new(None),
            catalog: RwLock::new(None),
            recorder: popular::Recorder::start(db.clone()),
            offerable: Mutex::new((0, HashMap::new())),
        }
    }

    /// The vocabulary, loaded from `search_vocab` the first time.
    pub async fn vocab(&self, db: &SqlitePool) -> Result<Arc<Vocab>, sqlx::Error> {
        if let Some(v) = cached(&self.vocab) {
            return Ok(v);
        }
        let rows: Vec<(String, i64, i64)> =
            sqlx::query_as("SELECT word, freq, kind FROM search_vocab")
                .fetch_all(db)
                .await?;
        let v = Arc::new(Vocab::new(rows));
        store(&self.vocab, v.clone());
        Ok(v)
    }

    /// The in-memory catalogue, loaded the first time.
    pub async fn catalog(&self, db: &SqlitePool) -> Result<Arc<Catalog>, sqlx::Error> {
        if let Some(c) = cached(&self.catalog) {
            return Ok(c);
        }
        let c = Arc::new(Catalog::load(db).await?);
        store(&self.catalog, c.clone());
        Ok(c)
    }

    /// Forgets the vocabulary and the catalogue, after products were written.
    pub fn invalidate(&self) {
        if let Ok(mut g) = self.vocab.write() {
            *g = None;
        }
        if let Ok(mut g) = self.catalog.write() {
            *g = None;
        }
        if let Ok(mut g) = self.offerable.lock() {
            *g = (0, HashMap::new());
        }
    }

    /// Loads both now (at start-up, so no shopper waits for it).
    pub async fn warm(&self, db: &SqlitePool) -> Result<(), sqlx::Error> {
        self.vocab(db).await?;
        self.catalog(db).await?;
        Ok(())
    }

    /// Counts a click of `client` on item `item` from the results of `q`, in the counted
    /// form of `q`, when the item is one of its results (see [`popular`]); the counting
    /// itself happens in the background.
    pub async fn click(
        &self,
        db: &SqlitePool,
        client: &str,
        q: &str,
        item: u32,
    ) -> Result<(), sqlx::Error> {
        let vocab = self.vocab(db).await?;
        let catalog = self.catalog(db).await?;
        if let Some(form) = popular::counted_form(db, &vocab, &catalog, q, item).await? {
            self.recorder.record(client, form);
        }
        Ok(())
    }

    /// The `candidates` (popular queries) that may be offered, in order.
    pub async fn offerable(
        &self,
        db: &SqlitePool,
        candidates: Vec<String>,
    ) -> Result<Vec<String>, sqlx::Error> {
        let vocab = self.vocab(db).await?;
        let catalog = self.catalog(db).await?;
        let key = Arc::as_ptr(&catalog) as usize;
        let known = |q: &str| {
            let g = self.offerable.lock().ok()?;
            if g.0 == key {
                g.1.get(q).copied()
            } else {
                None
            }
        };
        let mut out = Vec::new();
        for q in candidates {
            let ok = match known(&q) {
                Some(ok) => ok,
                None => {
                    let ok = popular::offerable(db, &vocab, &catalog, &q).await?;
                    if let Ok(mut g) = self.offerable.lock() {
                        if g.0 != key || g.1.len() >= OFFERABLE_ENTRIES {
                            *g = (key, HashMap::new());
                        }
                        g.1.insert(q.clone(), ok);
                    }
                    ok
                }
            };
            if ok {
                out.push(q);
            }
        }
        Ok(out)
    }
}

/// A search query turned into index look-ups.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchPlan {
    /// Terms for the trigram index, each with its alternatives (the term first, then its
    /// typo corrections); all terms must match.
    pub fts: Vec<Vec<String>>,
    /// Terms shorter than 3 characters, matched as substrings of the indexed text.
    pub short: Vec<String>,
    /// Misspelt words and the word suggested instead.
    pub corrections: Vec<(String, String)>,
    /// The query's terms in order (normalised).
    pub terms: Vec<String>,
}

impl SearchPlan {
    /// Plans a query against the vocabulary.
    pub fn new(q: &str, vocab: &Vocab) -> SearchPlan {
        let terms = query_terms(q);
        let mut plan = SearchPlan {
            terms: terms.clone(),
            ..SearchPlan::default()
        };
        for t in terms {
            if t.chars().count() < TRIGRAM_MIN_CHARS {
                plan.short.push(t);
                continue;
            }
            let corrections = vocab.corrections(&t);
            if let Some(best) = corrections.first() {
                plan.corrections.push((t.clone(), best.word.clone()));
            }
            let mut alts = vec![t];
            for c in corrections {
                if !alts.contains(&c.term) {
                    alts.push(c.term);
                }
            }
            plan.fts.push(alts);
        }
        plan
    }

    /// Whether the query had no usable term (it then matches nothing).
    pub fn is_empty(&self) -> bool {
        self.fts.is_empty() && self.short.is_empty()
    }

    /// The FTS5 MATCH expression: `("jakcet" OR "jacket") AND "cotton"`.
    pub fn match_expr(&self) -> Option<String> {
        if self.fts.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .fts
            .iter()
            .map(|alts| {
                let quoted: Vec<String> = alts.iter().map(|a| fts_quote(a)).collect();
                if quoted.len() == 1 {
                    quoted.concat()
                } else {
                    format!("({})", quoted.join(" OR "))
                }
            })
            .collect();
        Some(parts.join(" AND "))
    }

    /// The query with misspelt words replaced, when there are any.
    pub fn did_you_mean(&self) -> Option<String> {
        if self.corrections.is_empty() {
            return None;
        }
        let words: Vec<&str> = self
            .terms
            .iter()
            .map(|t| {
                self.corrections
                    .iter()
                    .find(|(from, _)| from == t)
                    .map_or(t.as_str(), |(_, to)| to.as_str())
            })
            .collect();
        Some(words.join(" "))
    }

    /// Every term and its corrections (for matching category names).
    pub fn all_words(&self) -> Vec<String> {
        let mut out = self.terms.clone();
        out.extend(self.corrections.iter().map(|c| c.1.clone()));
        out
    }
}

/// One FTS5 query: every match as (item index, bm25 score or 0).
async fn fts(
    db: &SqlitePool,
    catalog: &Catalog,
    expr: &str,
    scored: bool,
) -> Result<Vec<(u32, f64)>, sqlx::Error> {
    // One row back (`seq score,seq score,…`, scores in millionths) instead of one row per
    // match: a thousand matches cost the driver far more than the index does. The
    // `LIMIT -1` keeps SQLite from flattening bm25() into the aggregate.
    let sql = if scored {
        format!(
            "SELECT group_concat(r || ' ' || s, ',') FROM (SELECT rowid AS r, \
             CAST(bm25(product_search, {BM25_WEIGHTS}) * 1000000 AS INTEGER) AS s \
             FROM product_search WHERE product_search MATCH ? LIMIT -1)"
        )
    } else {
        "SELECT group_concat(rowid || ' 0', ',') FROM product_search WHERE product_search MATCH ?"
            .to_owned()
    };
    let packed: Option<String> = sqlx::query_scalar(&sql).bind(expr).fetch_one(db).await?;
    Ok(packed
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter_map(|pair| {
            let (seq, score) = pair.split_once(' ')?;
            let i = catalog.index_of_seq(seq.parse().ok()?)?;
            Some((i, score.parse::<i64>().ok()? as f64 / 1e6))
        })
        .collect())
}

/// Runs a search: the trigram index for terms of 3+ characters (one FTS5 query, bm25 scores
/// when `scored`; recent results are reused), the in-memory indexed text for shorter ones.
pub async fn find(
    db: &SqlitePool,
    catalog: &Catalog,
    plan: &SearchPlan,
    scored: bool,
) -> Result<Matches, sqlx::Error> {
    if plan.is_empty() {
        return Ok(Matches::new(catalog, Vec::new()));
    }
    let short_ok = |i: u32| {
        let item = &catalog.items[i as usize];
        plan.short
            .iter()
            .all(|t| item.short_term_score(t).is_some())
    };
    let scores: Vec<(u32, f64)> = match plan.match_expr() {
        Some(expr) => {
            let hits = match catalog.cached_fts(&expr, scored) {
                Some(hits) => hits,
                None => {
                    let hits = Arc::new(fts(db, catalog, &expr, scored).await?);
                    catalog.store_fts(&expr, scored, hits.clone());
                    hits
                }
            };
            hits.iter().copied().filter(|(i, _)| short_ok(*i)).collect()
        }
        None => (0..catalog.items.len() as u32)
            .filter_map(|i| {
                let item = &catalog.items[i as usize];
                let mut total = 0u32;
                for t in &plan.short {
                    total += item.short_term_score(t)?;
                }
                Some((i, -f64::from(total)))
            })
            .collect(),
    };
    Ok(Matches::new(catalog, scores))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vocab::KIND_WORD;

    #[test]
    fn plans_quote_terms_and_add_corrections() {
        let v = Vocab::new(vec![
            ("jacket".into(), 9, KIND_WORD),
            ("cotton".into(), 9, KIND_WORD),
        ]);
        let p = SearchPlan::new("Jakcet \"cotton\" 鞋", &v);
        assert_eq!(p.short, ["鞋"]);
        assert_eq!(
            p.match_expr().as_deref(),
            Some("(\"jakcet\" OR \"jacket\") AND \"cotton\"")
        );
        assert_eq!(p.did_you_mean().as_deref(), Some("jacket cotton 鞋"));
        let hostile = SearchPlan::new("\"*\" NEAR( OR ) ^:{}", &v);
        assert_eq!(hostile.match_expr().as_deref(), Some("\"near\""));
        assert!(hostile.short.contains(&"or".to_owned()));
        assert!(SearchPlan::new("*()", &v).is_empty());
    }
}
