-- Campaigns, the marketing workspace's keys and sessions, attribution and views.
-- Days (`day`) are `YYYY-MM-DD` on China Standard Time, the business's calendar.

-- A campaign. Ids are never reused (AUTOINCREMENT); the slug may change.
CREATE TABLE campaigns (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    slug             TEXT NOT NULL UNIQUE,
    title_zh         TEXT NOT NULL,
    title_en         TEXT NOT NULL,
    copy_zh          TEXT NOT NULL,
    copy_en          TEXT NOT NULL,
    hero_theme       TEXT NOT NULL,
    hero_alt_zh      TEXT NOT NULL,
    hero_alt_en      TEXT NOT NULL,
    offer_code       TEXT REFERENCES offers(code),
    starts_at        INTEGER NOT NULL,                -- Unix seconds, inclusive
    ends_at          INTEGER NOT NULL,                -- exclusive
    reward_min_spend INTEGER CHECK (reward_min_spend > 0), -- fen; NULL: no in-store reward
    published        INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (reward_min_spend IS NULL OR offer_code IS NOT NULL)
);

-- The picked products, in order.
CREATE TABLE campaign_products (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    product_id  TEXT NOT NULL REFERENCES products(id),
    PRIMARY KEY (campaign_id, position),
    UNIQUE (campaign_id, product_id)
) WITHOUT ROWID;

-- The stores a campaign applies to (none: every store).
CREATE TABLE campaign_stores (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    store_id    TEXT NOT NULL REFERENCES stores(id),
    PRIMARY KEY (campaign_id, store_id)
) WITHOUT ROWID;

-- The origins allowed to frame `/embed/campaign/{slug}`, as written (normalised: lower
-- case scheme and host, no default port).
CREATE TABLE campaign_origins (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    origin      TEXT NOT NULL,
    PRIMARY KEY (campaign_id, position),
    UNIQUE (campaign_id, origin)
) WITHOUT ROWID;

-- Marketing keys (`mk_` + 43 base64url characters), managed by the `marketing-keys`
-- subcommand; only the SHA-256 is kept. Ids are never reused.
CREATE TABLE marketing_keys (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    key_sha256 TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

-- Marketing sessions (cookie `sf_marketing`); only the SHA-256 of the id is kept. Revoking
-- a key ends its sessions.
CREATE TABLE marketing_sessions (
    id_sha256  TEXT PRIMARY KEY NOT NULL,
    key_id     INTEGER NOT NULL REFERENCES marketing_keys(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- What brought each write: one row per claim, in-store reward, reservation, guide booking
-- and till redemption that had an attribution. `ref` is the wallet coupon's id (claim,
-- reward, redemption) or the reservation's / appointment's code. No personal data.
CREATE TABLE attributions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL CHECK (kind IN ('claim', 'reward', 'reservation', 'appointment', 'redemption')),
    ref          TEXT NOT NULL,
    campaign_id  INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
    utm_source   TEXT NOT NULL DEFAULT '',
    utm_medium   TEXT NOT NULL DEFAULT '',
    utm_campaign TEXT NOT NULL DEFAULT '',
    embed_origin TEXT NOT NULL DEFAULT '',
    store_id     TEXT NOT NULL DEFAULT '',
    day          TEXT NOT NULL,
    at           INTEGER NOT NULL,
    UNIQUE (kind, ref)
);
CREATE INDEX attributions_by_campaign ON attributions (campaign_id, day);

-- Views of campaign pages and embeds, counted without cookies, aggregated.
CREATE TABLE campaign_views (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    day          TEXT NOT NULL,
    embed_origin TEXT NOT NULL DEFAULT '',
    utm_source   TEXT NOT NULL DEFAULT '',
    utm_medium   TEXT NOT NULL DEFAULT '',
    store_id     TEXT NOT NULL DEFAULT '',
    embedded     INTEGER NOT NULL CHECK (embedded IN (0, 1)),
    views        INTEGER NOT NULL CHECK (views > 0),
    PRIMARY KEY (campaign_id, day, embed_origin, utm_source, utm_medium, store_id, embedded)
) WITHOUT ROWID;

-- In-store rewards given: at most one per campaign and member.
CREATE TABLE campaign_rewards (
    campaign_id      INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    member_id        INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    wallet_coupon_id INTEGER NOT NULL,
    at               INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, member_id)
) WITHOUT ROWID;

-- Claim hand-offs from embeds (`ho_` tokens; only the SHA-256 is kept), single use.
CREATE TABLE claim_handoffs (
    token_sha256     TEXT PRIMARY KEY NOT NULL,
    campaign_id      INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    utm_source       TEXT NOT NULL DEFAULT '',
    utm_medium       TEXT NOT NULL DEFAULT '',
    utm_campaign     TEXT NOT NULL DEFAULT '',
    embed_origin     TEXT NOT NULL DEFAULT '',
    store_id         TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    claimed_at       INTEGER,
    wallet_coupon_id INTEGER
) WITHOUT ROWID;
