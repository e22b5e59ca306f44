-- Identity that cannot be inherited (issue 12).
--
-- 1. Ids that leave the server (a member's id inside QR tokens, `wc_{id}` of a wallet coupon,
--    `l_{id}` of a ledger entry) are never handed out again: the tables become
--    `AUTOINCREMENT`, so SQLite never reuses the id of a deleted row.
-- 2. A QR token names a random 63-bit `token_subject` of its member or wallet coupon, which
--    dies with the row: a token of a deleted member (or of a deleted coupon) names nothing.
-- 3. Member numbers of deleted members are retired and never given to someone else.
--
-- SQLite can add AUTOINCREMENT only by rebuilding a table. The migration runs in one
-- transaction with foreign keys on, so the order matters: new tables first (children
-- pointing at `members_new`), copy, drop the old children, then the old `members` (nothing
-- refers to it any more, so no ON DELETE CASCADE fires), then rename (SQLite rewrites the
-- children's REFERENCES to the new name). Rows whose member is missing (orphans) are not
-- copied: they are exactly what could be inherited.

CREATE TABLE members_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    member_no         TEXT NOT NULL UNIQUE,          -- 10 digits
    login             TEXT NOT NULL UNIQUE,
    points            INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
    lifetime_points   INTEGER NOT NULL DEFAULT 0 CHECK (lifetime_points >= 0),
    terms_accepted_at INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    -- What the member's QR tokens name (random, never 0, dies with the member).
    token_subject     INTEGER NOT NULL UNIQUE DEFAULT ((random() & 4611686018427387903) + 1)
);
INSERT INTO members_new (id, member_no, login, points, lifetime_points, terms_accepted_at, created_at)
    SELECT id, member_no, login, points, lifetime_points, terms_accepted_at, created_at FROM members;

CREATE TABLE member_ledger_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id       INTEGER NOT NULL REFERENCES members_new(id) ON DELETE CASCADE,
    points          INTEGER NOT NULL,
    reason          TEXT NOT NULL,                  -- purchase | welcome | adjustment
    store_id        TEXT REFERENCES stores(id),
    receipt         TEXT,
    amount          INTEGER,                        -- fen
    idempotency_key TEXT UNIQUE,                    -- of the till's earn request
    request_sha256  TEXT,
    at              INTEGER NOT NULL
);
INSERT INTO member_ledger_new
    SELECT id, member_id, points, reason, store_id, receipt, amount, idempotency_key, request_sha256, at
    FROM member_ledger WHERE member_id IN (SELECT id FROM members_new);

CREATE TABLE member_sessions_new (
    id_sha256  TEXT PRIMARY KEY NOT NULL,
    member_id  INTEGER NOT NULL REFERENCES members_new(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO member_sessions_new
    SELECT id_sha256, member_id, created_at, expires_at
    FROM member_sessions WHERE member_id IN (SELECT id FROM members_new);

CREATE TABLE wallet_coupons_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id       INTEGER NOT NULL REFERENCES members_new(id) ON DELETE CASCADE,
    offer_code      TEXT NOT NULL REFERENCES offers(code),
    idempotency_key TEXT,
    claimed_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'used')),
    used_at         INTEGER,
    used_store_id   TEXT REFERENCES stores(id),
    used_receipt    TEXT,
    -- What the coupon's redeem tokens name (random, never 0, dies with the coupon).
    token_subject   INTEGER NOT NULL UNIQUE DEFAULT ((random() & 4611686018427387903) + 1),
    UNIQUE (member_id, idempotency_key)
);
INSERT INTO wallet_coupons_new (id, member_id, offer_code, idempotency_key, claimed_at, expires_at,
        status, used_at, used_store_id, used_receipt)
    SELECT id, member_id, offer_code, idempotency_key, claimed_at, expires_at, status, used_at,
        used_store_id, used_receipt
    FROM wallet_coupons WHERE member_id IN (SELECT id FROM members_new);

DROP TABLE member_sessions;
DROP TABLE member_ledger;
DROP TABLE wallet_coupons;
DROP TABLE members;

ALTER TABLE members_new RENAME TO members;
ALTER TABLE member_ledger_new RENAME TO member_ledger;
ALTER TABLE member_sessions_new RENAME TO member_sessions;
ALTER TABLE wallet_coupons_new RENAME TO wallet_coupons;

CREATE INDEX member_ledger_by_member ON member_ledger (member_id, id DESC);
CREATE UNIQUE INDEX member_ledger_receipt ON member_ledger (store_id, receipt)
    WHERE receipt IS NOT NULL;
CREATE INDEX member_sessions_by_member ON member_sessions (member_id);
CREATE INDEX wallet_coupons_by_member ON wallet_coupons (member_id, offer_code);

-- Member numbers of deleted members: never given out again.
CREATE TABLE retired_member_numbers (
    member_no  TEXT PRIMARY KEY NOT NULL,
    retired_at INTEGER NOT NULL
) WITHOUT ROWID;
