-- Business facts, store staff in the insight workspace, kept guide appointments, and the
-- indexes of the insight reports (issue 16).

-- What the server's own writes record, without any client tracking and without consent:
-- the business record, no personal data. Append-only (written in the transaction of the
-- write it records, never changed or deleted).
--   kind: reservation_made | reservation_collected | reservation_expired |
--         coupon_claimed | coupon_redeemed | points_earned | guide_booked | guide_kept
--   ref:  the reservation's or appointment's code, the wallet coupon's id, or the ledger
--         row's id of an earn.
CREATE TABLE business_facts (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('reservation_made', 'reservation_collected',
                    'reservation_expired', 'coupon_claimed', 'coupon_redeemed', 'points_earned',
                    'guide_booked', 'guide_kept')),
    at          INTEGER NOT NULL,                -- Unix seconds, the server's clock
    day         TEXT NOT NULL,                   -- YYYY-MM-DD, China Standard Time
    store_id    TEXT,                            -- the write's store (a claim's: the kiosk's or the poster's)
    product_id  TEXT,
    variant_id  TEXT,
    category_id TEXT,                            -- the product's at the time
    offer_code  TEXT,
    channel     TEXT CHECK (channel IN ('phone', 'kiosk', 'embed')), -- NULL: not known (till, reward)
    tier        TEXT CHECK (tier IN ('regular', 'silver', 'gold', 'platinum')), -- the earning member's then
    quantity    INTEGER,
    points      INTEGER,
    ref         TEXT NOT NULL
);
CREATE INDEX business_facts_by_kind ON business_facts (kind, day, store_id);
CREATE INDEX business_facts_by_ref ON business_facts (ref, kind);
CREATE TRIGGER business_facts_no_update BEFORE UPDATE ON business_facts
BEGIN
    SELECT RAISE(ABORT, 'business facts are append-only');
END;
CREATE TRIGGER business_facts_no_delete BEFORE DELETE ON business_facts
BEGIN
    SELECT RAISE(ABORT, 'business facts are append-only');
END;

-- Store staff signed in to the insight workspace with their store's staff key (cookie
-- `sf_marketing`, like marketing sessions); only the SHA-256 of the id is kept. Revoking the
-- key ends its sessions (the lookup joins the key).
CREATE TABLE workspace_staff_sessions (
    id_sha256    TEXT PRIMARY KEY NOT NULL,
    staff_key_id INTEGER NOT NULL REFERENCES store_api_keys(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) WITHOUT ROWID;

-- A guide appointment the shopper came to, marked by the store's staff.
ALTER TABLE appointments ADD COLUMN kept_at INTEGER;

-- The insight reports over `events` (migration 0012): each reads covering indexes of its own,
-- partial ones for the rarer events.
-- The funnel, hotspots: by name, store and category, the period filtered in the index.
CREATE INDEX events_by_name_store ON events (name, store_id, category_id, day);
-- Stock-outs seen by shoppers. (A partial index covers a query only when it holds the
-- columns of its condition too: `name`, `out_of_stock` here, `name` below.)
CREATE INDEX events_out_of_stock ON events
    (store_id, product_id, day, session_id, at, nearest_store_id, name, out_of_stock)
    WHERE name = 'view_store_stock' AND out_of_stock = 1;
-- Tour visits by store (distinct visits), and by visit (what followed a visit in the same
-- session).
CREATE INDEX events_tour_by_store ON events (store_id, session_id, day, name) WHERE name = 'tour_visit';
CREATE INDEX events_tour_visits ON events (session_id, store_id, at, name) WHERE name = 'tour_visit';
-- Reservations and guide bookings by store, to find those that followed a tour visit.
CREATE INDEX events_after_tour ON events (store_id, name, day, session_id, at)
    WHERE name IN ('reserve', 'book_guide');
-- Searches by query.
CREATE INDEX events_searches ON events (search_term, results, day, store_id, name) WHERE name = 'search';
