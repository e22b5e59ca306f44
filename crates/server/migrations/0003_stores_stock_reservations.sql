-- Store hours exceptions, live stock changes, reserve-for-pickup and staff API keys.
-- Existing databases get the tables here; the demo rows are written only when seeding.

-- Dates whose hours differ from the weekly pattern (holidays), in the store's local time.
CREATE TABLE store_hours_exceptions (
    store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    date     TEXT NOT NULL,          -- YYYY-MM-DD, the store's local date
    open     TEXT,                   -- HH:MM local; NULL (with close) = closed all day
    close    TEXT,                   -- HH:MM local; < open = after midnight
    note_zh  TEXT NOT NULL,
    note_en  TEXT NOT NULL,
    PRIMARY KEY (store_id, date)
) WITHOUT ROWID;

-- Staff API keys: only the SHA-256 (lowercase hex) of each key is kept.
CREATE TABLE store_api_keys (
    key_sha256 TEXT PRIMARY KEY NOT NULL,
    store_id   TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Reservations (reserve for pickup). The item columns are a snapshot taken when reserving.
CREATE TABLE reservations (
    code            TEXT PRIMARY KEY NOT NULL,   -- 10 Crockford base32 characters
    idempotency_key TEXT NOT NULL UNIQUE,
    request_sha256  TEXT NOT NULL,               -- of the normalised request
    variant_id      TEXT NOT NULL,
    store_id        TEXT NOT NULL REFERENCES stores(id),
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    name            TEXT NOT NULL,
    phone           TEXT NOT NULL,               -- normalised: 11 digits
    status          TEXT NOT NULL CHECK (status IN ('active', 'collected', 'cancelled', 'expired')),
    created_at      INTEGER NOT NULL,
    ready_at        INTEGER NOT NULL,
    hold_until      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    product_id      TEXT NOT NULL,
    product_slug    TEXT NOT NULL,
    sku             TEXT NOT NULL,
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    options_zh      TEXT NOT NULL,
    options_en      TEXT NOT NULL,
    price           INTEGER NOT NULL,
    image_position  INTEGER NOT NULL,
    image_width     INTEGER NOT NULL,
    image_height    INTEGER NOT NULL,
    image_alt_zh    TEXT NOT NULL,
    image_alt_en    TEXT NOT NULL
);
CREATE INDEX reservations_due ON reservations(hold_until) WHERE status = 'active';

-- Stock rows whose "any units?" changed, so the in-memory in-stock facet refreshes only
-- those products (src/catalog.rs). Written by the trigger below for updates and by the
-- staff endpoint for new rows; pruned once read.
CREATE TABLE stock_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    variant_id TEXT NOT NULL,
    store_id   TEXT NOT NULL
);

CREATE TRIGGER stock_crosses_zero AFTER UPDATE OF quantity ON stock
WHEN (old.quantity > 0) <> (new.quantity > 0)
BEGIN
    INSERT INTO stock_changes (variant_id, store_id) VALUES (new.variant_id, new.store_id);
END;
