-- Catalogue, stores and stock of the demo brand. Money is INTEGER fen (CNY minor units);
-- timestamps are INTEGER Unix seconds (UTC).

CREATE TABLE categories (
    id        TEXT PRIMARY KEY NOT NULL,
    slug      TEXT NOT NULL UNIQUE,
    parent_id TEXT REFERENCES categories(id),
    position  INTEGER NOT NULL,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    kind      TEXT NOT NULL,          -- silhouette drawn on generated pictures
    hue       INTEGER NOT NULL        -- 0..360, tile background
);
CREATE INDEX categories_parent ON categories(parent_id, position);

CREATE TABLE products (
    id             TEXT PRIMARY KEY NOT NULL,
    seq            INTEGER NOT NULL UNIQUE,
    slug           TEXT NOT NULL UNIQUE,
    category_id    TEXT NOT NULL REFERENCES categories(id),
    brand          TEXT NOT NULL,
    name_zh        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description_zh TEXT NOT NULL,
    description_en TEXT NOT NULL,
    kind           TEXT NOT NULL,
    seed           INTEGER NOT NULL,  -- drives the generated pictures
    min_price      INTEGER NOT NULL,  -- lowest variant price, fen (denormalised for sorting)
    min_compare_at INTEGER,           -- compare-at price of that variant, fen
    created_at     INTEGER NOT NULL
);
CREATE INDEX products_newest ON products(created_at DESC, seq DESC);
CREATE INDEX products_price ON products(min_price, seq);
CREATE INDEX products_name ON products(name_en COLLATE NOCASE, seq);
CREATE INDEX products_category_newest ON products(category_id, created_at DESC, seq DESC);
CREATE INDEX products_category_price ON products(category_id, min_price, seq);
CREATE INDEX products_category_name ON products(category_id, name_en COLLATE NOCASE, seq);

CREATE TABLE product_options (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    code       TEXT NOT NULL,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
) WITHOUT ROWID;

CREATE TABLE option_values (
    product_id      TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    option_position INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    code            TEXT NOT NULL,
    label_zh        TEXT NOT NULL,
    label_en        TEXT NOT NULL,
    swatch          TEXT,
    PRIMARY KEY (product_id, option_position, position)
) WITHOUT ROWID;

CREATE TABLE variants (
    id               TEXT PRIMARY KEY NOT NULL,
    product_id       TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    sku              TEXT NOT NULL UNIQUE,
    option1          TEXT NOT NULL,
    option2          TEXT,
    price            INTEGER NOT NULL CHECK (price > 0),
    compare_at_price INTEGER CHECK (compare_at_price IS NULL OR compare_at_price > price)
);
CREATE INDEX variants_product ON variants(product_id, position);

CREATE TABLE product_images (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    color_hex  TEXT NOT NULL,
    angle      TEXT NOT NULL,        -- front | side | back | detail
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    alt_zh     TEXT NOT NULL,
    alt_en     TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
) WITHOUT ROWID;

CREATE TABLE stores (
    id         TEXT PRIMARY KEY NOT NULL,
    slug       TEXT NOT NULL UNIQUE,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    city_zh    TEXT NOT NULL,
    city_en    TEXT NOT NULL,
    address_zh TEXT NOT NULL,
    address_en TEXT NOT NULL,
    phone      TEXT NOT NULL,
    lat        REAL NOT NULL,
    lng        REAL NOT NULL,
    time_zone  TEXT NOT NULL,
    services   TEXT NOT NULL         -- comma-separated StoreService values
);

CREATE TABLE store_hours (
    store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),  -- ISO, 1 = Monday
    open     TEXT,                                              -- HH:MM local, NULL = closed
    close    TEXT,                                              -- HH:MM local; < open = after midnight
    PRIMARY KEY (store_id, weekday)
) WITHOUT ROWID;

CREATE TABLE stock (
    variant_id TEXT NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
    store_id   TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    quantity   INTEGER NOT NULL CHECK (quantity >= 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (variant_id, store_id)
) WITHOUT ROWID;
CREATE INDEX stock_store ON stock(store_id, variant_id);
