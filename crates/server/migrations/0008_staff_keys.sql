-- Staff API keys managed by `storefront-server keys`: an id that is never reused, a label,
-- when the key was created and when (if ever) it was revoked. Only the SHA-256 (lowercase
-- hex) of each key is kept; a revoked key is refused at once.
CREATE TABLE store_api_keys_v2 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    key_sha256 TEXT NOT NULL UNIQUE,
    store_id   TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    label      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
INSERT INTO store_api_keys_v2 (key_sha256, store_id, label, created_at)
    SELECT key_sha256, store_id, 'demo', CAST(strftime('%s', 'now') AS INTEGER) FROM store_api_keys;
DROP TABLE store_api_keys;
ALTER TABLE store_api_keys_v2 RENAME TO store_api_keys;
CREATE INDEX store_api_keys_by_store ON store_api_keys (store_id);
