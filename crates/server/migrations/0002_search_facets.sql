-- Search, facets, best sellers and specifications.
-- Databases created before this migration are brought up to date here (columns, facet
-- attributes) and, for what needs Rust (search index with pinyin, specs), at start-up.

ALTER TABLE products ADD COLUMN sales_count INTEGER NOT NULL DEFAULT 0;  -- units sold (best-selling sort)
ALTER TABLE products ADD COLUMN on_sale INTEGER NOT NULL DEFAULT 0;      -- 1 when a variant has a compare-at price

UPDATE products SET on_sale = EXISTS (
    SELECT 1 FROM variants v WHERE v.product_id = products.id AND v.compare_at_price IS NOT NULL
);
UPDATE products SET sales_count = (seq * 7919) % 3001;

-- Filters, sorts and facet counts run over these columns in memory (src/catalog.rs), so
-- they need no index; cards are then read by seq (UNIQUE) and details by id or slug.

-- Specifications shown on the product page, in display order.
CREATE TABLE product_specs (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    value_zh   TEXT NOT NULL,
    value_en   TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
) WITHOUT ROWID;

-- Facet values of each product (option code -> option value codes), written with the
-- product; derived from option_values for existing catalogues.
CREATE TABLE product_attributes (
    attr       TEXT NOT NULL,   -- option code: color | size
    value      TEXT NOT NULL,   -- option value code: black | m | 42
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    PRIMARY KEY (attr, value, product_id)
) WITHOUT ROWID;
CREATE INDEX product_attributes_product ON product_attributes(product_id, attr, value);  -- cascades

INSERT OR IGNORE INTO product_attributes (attr, value, product_id)
    SELECT po.code, ov.code, ov.product_id FROM option_values ov
    JOIN product_options po ON po.product_id = ov.product_id AND po.position = ov.option_position;

-- Labels and swatches of every attribute value in the catalogue (facet labels).
CREATE TABLE attribute_values (
    attr     TEXT NOT NULL,
    value    TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    swatch   TEXT,
    PRIMARY KEY (attr, value)
) WITHOUT ROWID;

INSERT OR IGNORE INTO attribute_values (attr, value, label_zh, label_en, swatch)
    SELECT po.code, ov.code, MIN(ov.label_zh), MIN(ov.label_en), MIN(ov.swatch) FROM option_values ov
    JOIN product_options po ON po.product_id = ov.product_id AND po.position = ov.option_position
    GROUP BY po.code, ov.code;

-- Search documents: lowercased text of both languages plus pinyin, one row per product
-- (seq = products.seq), written when products are written.
CREATE TABLE search_docs (
    seq         INTEGER PRIMARY KEY REFERENCES products(seq) ON DELETE CASCADE,
    name        TEXT NOT NULL,   -- zh + en names
    name_py     TEXT NOT NULL,   -- full pinyin and initials of the Chinese name
    brand       TEXT NOT NULL,
    category    TEXT NOT NULL,   -- category and parent names, zh + en
    category_py TEXT NOT NULL,   -- their pinyin and initials
    keys        TEXT NOT NULL,   -- all of the above, for short terms matched with instr()
    description TEXT NOT NULL    -- zh + en (last: the widest column)
);

-- Trigram full-text index over the documents (substring matching, any script).
CREATE VIRTUAL TABLE product_search USING fts5(
    name, name_py, brand, category, category_py, description,
    content = 'search_docs', content_rowid = 'seq',
    tokenize = 'trigram case_sensitive 0'
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO product_search (rowid, name, name_py, brand, category, category_py, description)
    VALUES (new.seq, new.name, new.name_py, new.brand, new.category, new.category_py, new.description);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO product_search (product_search, rowid, name, name_py, brand, category, category_py, description)
    VALUES ('delete', old.seq, old.name, old.name_py, old.brand, old.category, old.category_py, old.description);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
    INSERT INTO product_search (product_search, rowid, name, name_py, brand, category, category_py, description)
    VALUES ('delete', old.seq, old.name, old.name_py, old.brand, old.category, old.category_py, old.description);
    INSERT INTO product_search (rowid, name, name_py, brand, category, category_py, description)
    VALUES (new.seq, new.name, new.name_py, new.brand, new.category, new.category_py, new.description);
END;

-- Indexed words (Latin words, pinyin) for typo tolerance and "did you mean".
CREATE TABLE search_vocab (
    word TEXT PRIMARY KEY NOT NULL,
    freq INTEGER NOT NULL,            -- how many products use it
    kind INTEGER NOT NULL DEFAULT 0   -- 0: can be suggested; 1: known only (pinyin initials)
) WITHOUT ROWID;

-- Popular searches for suggestions.
CREATE TABLE popular_queries (
    query      TEXT PRIMARY KEY NOT NULL,  -- normalised: lowercase, half-width, single spaces
    pinyin     TEXT NOT NULL,              -- full pinyin of its Chinese words, no spaces
    initials   TEXT NOT NULL,              -- pinyin initials
    count      INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX popular_queries_count ON popular_queries(count DESC, query);
