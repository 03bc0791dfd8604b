-- Canonical entities from corpus-wide resolution; rebuilt from the mentions by every resolution.
CREATE TABLE entities (
    id           TEXT PRIMARY KEY,
    canonical    TEXT NOT NULL,
    type         TEXT NOT NULL,
    descriptors  TEXT NOT NULL,
    mentions     INTEGER NOT NULL,
    within       TEXT  -- the country a place lies in, where the gazetteer says (Kursk -> Rusia)
);
CREATE INDEX entities_canonical ON entities (canonical);

CREATE TABLE entity_aliases (
    entity_id  TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    surface    TEXT NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (entity_id, surface)
);
CREATE INDEX entity_aliases_surface ON entity_aliases (surface);

-- Why two names were joined, with a score: every merge can be inspected and undone.
CREATE TABLE entity_merges (
    entity_id  TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    reason     TEXT NOT NULL,
    score      REAL NOT NULL
);
CREATE INDEX entity_merges_entity ON entity_merges (entity_id);

-- A user's corrections, by surface; applied after every resolution, so they survive re-ingest.
CREATE TABLE entity_corrections (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    action  TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    a       TEXT NOT NULL,
    b       TEXT
);
