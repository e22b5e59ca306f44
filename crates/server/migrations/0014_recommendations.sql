-- Recommendations (issue 16): "shoppers also viewed" from products seen in the same visit,
-- and the popular products of the last 30 days. Built by a periodic job (src/recommend/)
-- that reads only the events stored since its last run.
--
-- Everything here is an aggregate: counts of visits per product and per pair of products,
-- and the lists derived from them. No session id, member reference or event row is kept.
-- When events are deleted (the retention period, a member's withdrawal), the counts
-- already built from them stay as they are: they hold no personal data and cannot be
-- traced back to a visit. A full rebuild (`storefront-server recommend --full`) counts
-- only the events stored at that time.

-- Where the job is: the last event it counted, and a lease so only one run (of any process
-- on this file) works at a time. One row.
CREATE TABLE recommend_cursor (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    last_event_id    INTEGER NOT NULL DEFAULT 0, -- every event up to this id is counted
    last_received_at INTEGER NOT NULL DEFAULT 0, -- the newest `received_at` counted, to find
                                                 -- an event that reused a deleted row's id
    built            INTEGER NOT NULL DEFAULT 0, -- 1 once a full build finished (0: next run
                                                 -- builds in full, e.g. after a crash in one)
    runs             INTEGER NOT NULL DEFAULT 0,
    last_run_at      INTEGER NOT NULL DEFAULT 0, -- Unix seconds
    lease_until      INTEGER NOT NULL DEFAULT 0  -- Unix seconds; a run holds it while it works
);
INSERT INTO recommend_cursor (id) VALUES (1);

-- The products seen in visits, each with a small number the pair counts use, and the
-- number of visits that saw it (`n` of the similarity measure).
CREATE TABLE recommend_items (
    item       INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL UNIQUE,
    visits     INTEGER NOT NULL DEFAULT 0
);

-- Visits that saw both products, once per visit, each pair once (a < b).
CREATE TABLE recommend_pairs (
    a      INTEGER NOT NULL,
    b      INTEGER NOT NULL,
    visits INTEGER NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
-- The other direction, only for the pairs a list may show (seen together in at least two
-- visits: recommend::PAIR_VISITS_MIN).
CREATE INDEX recommend_pairs_by_b ON recommend_pairs (b, a, visits) WHERE visits >= 2;

-- Products whose neighbour list must be worked out again (their counts changed);
-- `seen_changed` when their own visit count changed, which changes their score with every
-- product they go with (so the lists that show them are worked out again too).
CREATE TABLE recommend_dirty (
    item         INTEGER PRIMARY KEY,
    seen_changed INTEGER NOT NULL DEFAULT 0
);

-- "Shoppers also viewed": each product's best neighbours, best first (at most 24), by
-- the score visits / sqrt(visits of one * visits of the other), worked out from
-- recommend_items when read (so a list is written again only when its order changes).
CREATE TABLE recommend_neighbours (
    product_id TEXT NOT NULL,
    rank       INTEGER NOT NULL,
    other_id   TEXT NOT NULL,
    visits     INTEGER NOT NULL, -- visits that saw both
    PRIMARY KEY (product_id, rank)
) WITHOUT ROWID;
-- The lists that show a product (worked out again when its visit count changes).
CREATE INDEX recommend_neighbours_by_other ON recommend_neighbours (other_id);

-- The most viewed and reserved products of the last 30 days, best first: every store
-- together (scope '') and per store (scope = the store id).
CREATE TABLE recommend_popular (
    scope      TEXT NOT NULL,
    rank       INTEGER NOT NULL,
    product_id TEXT NOT NULL,
    score      INTEGER NOT NULL, -- view_item events + reservations
    PRIMARY KEY (scope, rank)
) WITHOUT ROWID;
