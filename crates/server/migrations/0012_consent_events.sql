-- Consent receipts and the events sent after analytics consent (issue 16).

-- Consent receipts of members: append-only, the newest row of a member is their current
-- choice. Dies with the member.
CREATE TABLE consent_receipts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    policy_version  INTEGER NOT NULL,
    analytics       INTEGER NOT NULL CHECK (analytics IN (0, 1)),
    personalisation INTEGER NOT NULL CHECK (personalisation IN (0, 1)),
    decided_at      INTEGER NOT NULL
);
CREATE INDEX consent_receipts_by_member ON consent_receipts (member_id, id DESC);

-- What events name a member by: a random reference, never the member's id or number,
-- made when the member first grants analytics; it dies with the member (and their events
-- with it, see identity.rs).
CREATE TABLE member_insight_refs (
    member_id  INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    ref        INTEGER NOT NULL UNIQUE DEFAULT ((random() & 4611686018427387903) + 1)
);

-- Events, one row per event (a `view_item_list` keeps its list and item count, not each
-- item). No personal data: the visit's random session id, and `member_ref` only while the
-- member's receipt grants analytics. Deleted after the retention period.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    at               INTEGER NOT NULL,           -- Unix seconds, the device's clock
    day              TEXT NOT NULL,              -- YYYY-MM-DD, China Standard Time
    received_at      INTEGER NOT NULL,           -- Unix seconds, the server's clock
    session_id       TEXT NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('phone', 'kiosk', 'embed')),
    member_ref       INTEGER,
    store_id         TEXT,
    product_id       TEXT,                       -- the first item's
    variant_id       TEXT,
    category_id      TEXT,                       -- the product's, when it was stored
    items            INTEGER NOT NULL DEFAULT 0, -- how many items the event carried
    item_list_id     TEXT,
    search_term      TEXT,                       -- trimmed, lower-cased
    results          INTEGER,
    promotion_id     TEXT,
    coupon           TEXT,
    hotspot_id       TEXT,
    campaign         TEXT,
    utm_source       TEXT,
    utm_medium       TEXT,
    utm_campaign     TEXT,
    out_of_stock     INTEGER,                    -- view_store_stock: 1 when the store had none
    nearest_store_id TEXT                        -- then the nearest store that had some
);
CREATE INDEX events_by_day ON events (day, name);
CREATE INDEX events_by_session ON events (session_id, at);
CREATE INDEX events_by_member ON events (member_ref) WHERE member_ref IS NOT NULL;
CREATE INDEX events_by_received ON events (received_at);
