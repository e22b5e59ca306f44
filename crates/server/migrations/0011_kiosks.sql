-- Kiosks: in-store screens paired to a store. Ids (`k_` and 16 random characters) are
-- never reused: rows are never deleted (unpairing only revokes the device secret).
-- Secrets are stored as SHA-256 (lowercase hex): the pairing code (single use, 10 minutes)
-- and the device secret of the `sf_kiosk` cookie. The exit PIN is SHA-256 of a per-kiosk
-- random salt and the PIN (exit attempts are rate limited).
CREATE TABLE kiosks (
    id                  TEXT PRIMARY KEY NOT NULL,
    store_id            TEXT NOT NULL REFERENCES stores(id),
    name                TEXT NOT NULL,
    created_at          INTEGER NOT NULL,
    pairing_code_sha256 TEXT UNIQUE,
    pairing_expires_at  INTEGER,
    pairing_used_at     INTEGER,
    device_sha256       TEXT UNIQUE,
    paired_at           INTEGER,
    idle_seconds        INTEGER NOT NULL DEFAULT 60 CHECK (idle_seconds BETWEEN 30 AND 300),
    warning_seconds     INTEGER NOT NULL DEFAULT 30 CHECK (warning_seconds BETWEEN 20 AND 120),
    default_lang        TEXT NOT NULL DEFAULT 'zh-CN',
    attract_campaign    TEXT,
    attract_product_ids TEXT NOT NULL DEFAULT '[]',  -- JSON array of product ids, in order
    show_tour_teaser    INTEGER NOT NULL DEFAULT 1 CHECK (show_tour_teaser IN (0, 1)),
    maintenance_time    TEXT NOT NULL DEFAULT '04:00', -- HH:MM on the store's clock
    exit_pin_salt       TEXT,
    exit_pin_sha256     TEXT,
    last_heartbeat_at   INTEGER,
    last_report         TEXT                          -- JSON of the last KioskHeartbeat
);
CREATE INDEX kiosks_by_store ON kiosks (store_id);

-- Hand-offs from a kiosk to a phone: single use, 5 minutes; the token is stored as SHA-256.
-- `state` is the JSON of the (non-personal) KioskHandoffRequest.
CREATE TABLE kiosk_handoffs (
    token_sha256 TEXT PRIMARY KEY NOT NULL,
    kiosk_id     TEXT NOT NULL REFERENCES kiosks(id),
    store_id     TEXT NOT NULL,
    state        TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    opened_at    INTEGER
);
CREATE INDEX kiosk_handoffs_by_expiry ON kiosk_handoffs (expires_at);
