-- Virtual store tours (scenes with hotspots) and shopping-guide appointments.
-- Existing databases get the tables here; the demo tours are written only when seeding
-- (or by the start-up backfill of a demo catalogue seeded before this migration).

-- Guides on duty per half-hour slot (stores without the shopping-guide service book none).
ALTER TABLE stores ADD COLUMN guide_capacity INTEGER NOT NULL DEFAULT 2 CHECK (guide_capacity >= 0);

CREATE TABLE tours (
    store_id    TEXT PRIMARY KEY NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
    start_scene TEXT NOT NULL,
    plan_width  INTEGER NOT NULL,
    plan_height INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE tour_scenes (
    store_id     TEXT NOT NULL REFERENCES tours(store_id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    position     INTEGER NOT NULL,
    name_zh      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    yaw          REAL NOT NULL,      -- initial view, degrees
    pitch        REAL NOT NULL,
    fov          REAL NOT NULL,
    north_offset REAL NOT NULL,      -- plan bearing of the panorama's yaw 0
    plan_x       REAL NOT NULL,      -- 0..1 of the floor plan's width
    plan_y       REAL NOT NULL,      -- 0..1 of its height, from the top
    PRIMARY KEY (store_id, id)
) WITHOUT ROWID;

CREATE TABLE tour_hotspots (
    store_id     TEXT NOT NULL,
    scene_id     TEXT NOT NULL,
    id           TEXT NOT NULL,
    position     INTEGER NOT NULL,
    yaw          REAL NOT NULL,
    pitch        REAL NOT NULL,
    label_zh     TEXT NOT NULL,
    label_en     TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('scene', 'product', 'info')),
    target_scene TEXT,               -- kind = scene
    product_id   TEXT,               -- kind = product
    variant_id   TEXT,               -- kind = product, optional
    text_zh      TEXT,               -- kind = info
    text_en      TEXT,
    PRIMARY KEY (store_id, scene_id, id),
    FOREIGN KEY (store_id, scene_id) REFERENCES tour_scenes(store_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Shopping-guide appointments: one guide for one half hour.
CREATE TABLE appointments (
    code            TEXT PRIMARY KEY NOT NULL,   -- 10 Crockford base32 characters
    idempotency_key TEXT NOT NULL UNIQUE,
    request_sha256  TEXT NOT NULL,               -- of the normalised request
    store_id        TEXT NOT NULL REFERENCES stores(id),
    start_at        INTEGER NOT NULL,            -- Unix seconds
    end_at          INTEGER NOT NULL,
    name            TEXT NOT NULL,
    phone           TEXT NOT NULL,               -- normalised: 11 digits
    status          TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX appointments_slot ON appointments(store_id, start_at) WHERE status = 'booked';
