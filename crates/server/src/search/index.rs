//! Write-time indexing: one `search_docs` row per product (normalised text in both
//! languages plus the pinyin of the Chinese names), kept in the FTS5 trigram index
//! `product_search` by triggers, and the words of it in `search_vocab`.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::collections::HashMap;

use super::text::{latin_words, normalize, pinyin_text, syllables};
use super::vocab::{KIND_KNOWN_ONLY, KIND_WORD};

/// Rows per multi-row INSERT.
const CHUNK: usize = 300;

/// What a product contributes to the index.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DocSource {
    /// Sequence number (product *n*).
    pub seq: i64,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// Brand.
    pub brand: String,
    /// Description in Chinese.
    pub description_zh: String,
    /// Description in English.
    pub description_en: String,
    /// Category in Chinese.
    pub category_zh: String,
    /// Category in English.
    pub category_en: String,
    /// Parent category in Chinese.
    pub parent_zh: Option<String>,
    /// Parent category in English.
    pub parent_en: Option<String>,
}

/// One row of `search_docs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// Sequence number (product *n*).
    pub seq: i64,
    /// Name.
    pub name: String,
    /// Name in pinyin.
    pub name_py: String,
    /// Brand.
    pub brand: String,
    /// Category.
    pub category: String,
    /// Category in pinyin.
    pub category_py: String,
    /// Description.
    pub description: String,
    /// Everything but the description, for short terms matched with `instr`.
    pub keys: String,
}

impl DocSource {
    fn category_zh_all(&self) -> String {
        match &self.parent_zh {
            Some(p) => format!("{} {}", self.category_zh, p),
            None => self.category_zh.clone(),
        }
    }

    /// The indexed document.
    pub fn doc(&self) -> Doc {
        self.doc_with(&mut Memo::default())
    }

    /// [`DocSource::doc`], reusing the pinyin of texts seen before.
    pub fn doc_with(&self, memo: &mut Memo) -> Doc {
        let name = normalize(&format!("{}\n{}", self.name_zh, self.name_en));
        let name_py = memo.pinyin_text(&self.name_zh);
        let brand = format!(
            "{}\n{}",
            normalize(&self.brand),
            memo.pinyin_text(&self.brand)
        )
        .trim()
        .to_owned();
        let category = normalize(&format!(
            "{}\n{}\n{}\n{}",
            self.category_zh,
            self.category_en,
            self.parent_zh.as_deref().unwrap_or(""),
            self.parent_en.as_deref().unwrap_or("")
        ))
        .trim()
        .to_owned();
        let category_py = memo.pinyin_text(&self.category_zh_all());
        let description = normalize(&format!("{}\n{}", self.description_zh, self.description_en));
        let keys = format!("{name}\n{name_py}\n{brand}\n{category}\n{category_py}");
        Doc {
            seq: self.seq,
            name,
            name_py,
            brand,
            category,
            category_py,
            description,
            keys,
        }
    }

    /// The vocabulary entries of this product: `(word, kind)`.
    pub fn words(&self) -> Vec<(String, i64)> {
        self.words_with(&mut Memo::default())
    }

    /// [`DocSource::words`], reusing the pinyin of texts seen before.
    pub fn words_with(&self, memo: &mut Memo) -> Vec<(String, i64)> {
        let mut out = Vec::new();
        for text in [
            self.name_en.as_str(),
            self.brand.as_str(),
            self.category_en.as_str(),
            self.parent_en.as_deref().unwrap_or(""),
            self.description_en.as_str(),
        ] {
            out.extend(latin_words(&normalize(text)).map(|w| (w, KIND_WORD)));
        }
        for text in [self.name_zh.clone(), self.category_zh_all()] {
            out.extend(memo.pinyin_words(&text).iter().cloned());
        }
        out
    }
}

/// Pinyin already computed while indexing a batch (names and categories repeat).
#[derive(Debug, Default)]
pub struct Memo {
    texts: HashMap<String, String>,
    words: HashMap<String, Vec<(String, i64)>>,
}

impl Memo {
    fn pinyin_text(&mut self, text: &str) -> String {
        self.texts
            .entry(text.to_owned())
            .or_insert_with(|| pinyin_text(text))
            .clone()
    }

    fn pinyin_words(&mut self, text: &str) -> &[(String, i64)] {
        self.words
            .entry(text.to_owned())
            .or_insert_with(|| pinyin_words(text))
    }
}

/// Vocabulary entries of a Chinese text: every syllable-suffix of each run's full pinyin
/// (correctable), and of its initials (known only).
pub fn pinyin_words(text: &str) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for run in syllables(text) {
        for start in 0..run.len() {
            let full: String = run[start..].concat();
            if full.len() >= 2 {
                out.push((full, KIND_WORD));
            }
            let initials: String = run[start..].iter().filter_map(|s| s.get(..1)).collect();
            if initials.len() >= 2 {
                out.push((initials, KIND_KNOWN_ONLY));
            }
        }
    }
    out
}

/// Indexes every product that has no search document yet (all of them after seeding; none
/// on a later start). Returns how many were indexed.
pub async fn index_missing(conn: &mut SqliteConnection) -> Result<u64, sqlx::Error> {
    let started = std::time::Instant::now();
    let sources: Vec<DocSource> = sqlx::query_as(
        "SELECT p.seq, p.name_zh, p.name_en, p.brand, p.description_zh, p.description_en, \
         c.name_zh AS category_zh, c.name_en AS category_en, t.name_zh AS parent_zh, t.name_en AS parent_en \
         FROM products p JOIN categories c ON c.id = p.category_id LEFT JOIN categories t ON t.id = c.parent_id \
         WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.seq = p.seq) ORDER BY p.seq",
    )
    .fetch_all(&mut *conn)
    .await?;
    if sources.is_empty() {
        return Ok(0);
    }
    let mut vocab: HashMap<String, (i64, i64)> = HashMap::new();
    let mut memo = Memo::default();
    for chunk in sources.chunks(CHUNK) {
        let docs: Vec<Doc> = chunk.iter().map(|s| s.doc_with(&mut memo)).collect();
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO search_docs (seq, name, name_py, brand, category, category_py, description, keys) ",
        );
        qb.push_values(&docs, |mut b, d| {
            b.push_bind(d.seq)
                .push_bind(&d.name)
                .push_bind(&d.name_py)
                .push_bind(&d.brand)
                .push_bind(&d.category)
                .push_bind(&d.category_py)
                .push_bind(&d.description)
                .push_bind(&d.keys);
        });
        qb.build().execute(&mut *conn).await?;
        for s in chunk {
            for (w, kind) in s.words_with(&mut memo) {
                let e = vocab.entry(w).or_insert((0, kind));
                e.0 += 1;
                e.1 = e.1.min(kind);
            }
        }
    }
    let mut entries: Vec<(String, (i64, i64))> = vocab.into_iter().collect();
    entries.sort();
    for chunk in entries.chunks(CHUNK) {
        let mut qb = QueryBuilder::<Sqlite>::new("INSERT INTO search_vocab (word, freq, kind) ");
        qb.push_values(chunk, |mut b, (w, (f, k))| {
            b.push_bind(w).push_bind(*f).push_bind(*k);
        });
        qb.push(
            " ON CONFLICT(word) DO UPDATE SET freq = freq + excluded.freq, kind = MIN(kind, excluded.kind)",
        );
        qb.build().execute(&mut *conn).await?;
    }
    tracing::debug!(
        products = sources.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "indexed products for search"
    );
    Ok(sources.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_carry_both_languages_and_pinyin() {
        let s = DocSource {
            seq: 7,
            name_zh: "轻盈网面运动鞋".into(),
            name_en: "Featherlight Mesh Sneakers".into(),
            brand: "Kestrel & Co.".into(),
            description_zh: "脚感轻快。".into(),
            description_en: "Feels light.".into(),
            category_zh: "休闲鞋".into(),
            category_en: "Sneakers".into(),
            parent_zh: Some("鞋履".into()),
            parent_en: Some("Shoes".into()),
        };
        let d = s.doc();
        assert_eq!(d.name, "轻盈网面运动鞋\nfeatherlight mesh sneakers");
        assert_eq!(d.name_py, "qingyingwangmianyundongxie qywmydx");
        assert_eq!(d.brand, "kestrel & co.");
        assert!(d.category.contains("鞋履") && d.category.contains("shoes"));
        assert_eq!(d.category_py, "xiuxianxie xielv xxx xl");
        assert!(d.keys.contains("ydx") && !d.keys.contains("脚感"));
        let words = s.words();
        for w in [
            "featherlight",
            "kestrel",
            "sneakers",
            "yundongxie",
            "mianyundongxie",
            "feels",
        ] {
            assert!(words.iter().any(|(x, k)| x == w && *k == KIND_WORD), "{w}");
        }
        assert!(words
            .iter()
            .any(|(x, k)| x == "ydx" && *k == KIND_KNOWN_ONLY));
    }
}
