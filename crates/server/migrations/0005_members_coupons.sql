-- Membership (sign-in codes, sessions, the points ledger), signed QR tokens and the
-- coupon wallet. Demo members and offers are written only when seeding.

-- Server-side secrets created on first start (the token key, 32 random bytes).
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY NOT NULL,
    value      BLOB NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Members. `login` is the canonical mobile (11 digits) or the lower-case email.
CREATE TABLE members (
    id                INTEGER PRIMARY KEY,
    member_no         TEXT NOT NULL UNIQUE,          -- 10 digits
    login             TEXT NOT NULL UNIQUE,
    points            INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
    lifetime_points   INTEGER NOT NULL DEFAULT 0 CHECK (lifetime_points >= 0),
    terms_accepted_at INTEGER NOT NULL,
    created_at        INTEGER NOT NULL
);

-- The append-only points ledger. A receipt of a store earns once.
CREATE TABLE member_ledger (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    points          INTEGER NOT NULL,
    reason          TEXT NOT NULL,                  -- purchase | welcome | adjustment
    store_id        TEXT REFERENCES stores(id),
    receipt         TEXT,
    amount          INTEGER,                        -- fen
    idempotency_key TEXT UNIQUE,                    -- of the till's earn request
    request_sha256  TEXT,
    at              INTEGER NOT NULL
);
CREATE INDEX member_ledger_by_member ON member_ledger (member_id, id DESC);
CREATE UNIQUE INDEX member_ledger_receipt ON member_ledger (store_id, receipt)
    WHERE receipt IS NOT NULL;

-- Sessions: only the SHA-256 of the cookie's random 256-bit id is kept.
CREATE TABLE member_sessions (
    id_sha256  TEXT PRIMARY KEY NOT NULL,
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX member_sessions_by_member ON member_sessions (member_id);

-- One-time sign-in codes (the latest per login), kept hashed.
CREATE TABLE login_codes (
    login       TEXT PRIMARY KEY NOT NULL,
    code_sha256 TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Nonces of tokens used at a till; the primary key makes every token single use.
CREATE TABLE used_nonces (
    nonce      TEXT PRIMARY KEY NOT NULL,      -- 16 hex digits
    used_at    INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Claimable coupons.
CREATE TABLE offers (
    code             TEXT PRIMARY KEY NOT NULL,  -- upper case, the deep link /c/{code}
    title_zh         TEXT NOT NULL,
    title_en         TEXT NOT NULL,
    terms_zh         TEXT NOT NULL,
    terms_en         TEXT NOT NULL,
    discount_type    TEXT NOT NULL CHECK (discount_type IN ('percent', 'amount')),
    discount_value   INTEGER NOT NULL CHECK (discount_value > 0), -- percent or fen
    min_spend        INTEGER,                    -- fen
    channel          TEXT NOT NULL CHECK (channel IN ('online', 'in_store', 'both')),
    store_ids        TEXT NOT NULL DEFAULT '',   -- comma-separated; empty = every store
    category_id      TEXT,                       -- applies to this category and below; NULL = all
    valid_from       INTEGER NOT NULL,
    valid_until      INTEGER NOT NULL,
    total            INTEGER NOT NULL CHECK (total >= 0),
    remaining        INTEGER NOT NULL CHECK (remaining >= 0),
    per_member_limit INTEGER NOT NULL DEFAULT 1 CHECK (per_member_limit >= 1)
) WITHOUT ROWID;

-- Coupons in members' wallets.
CREATE TABLE wallet_coupons (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    offer_code      TEXT NOT NULL REFERENCES offers(code),
    idempotency_key TEXT,
    claimed_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'used')),
    used_at         INTEGER,
    used_store_id   TEXT REFERENCES stores(id),
    used_receipt    TEXT,
    UNIQUE (member_id, idempotency_key)
);
CREATE INDEX wallet_coupons_by_member ON wallet_coupons (member_id, offer_code);
