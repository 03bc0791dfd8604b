-- Incremental corpus steps: resolution reads aggregates kept up to date by every save, and rewrites only
-- what changed. Mentions carry their node (resolve/entities.py `document_nodes`).
CREATE TABLE entity_node_surfaces (
    node        TEXT NOT NULL,
    surface     TEXT NOT NULL,
    type        TEXT NOT NULL,
    descriptor  TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (node, surface, type, descriptor)
) WITHOUT ROWID;

-- Documents that name a node (for how telling a shared entity is, in stories).
CREATE TABLE entity_node_docs (
    node  TEXT PRIMARY KEY,
    docs  INTEGER NOT NULL
) WITHOUT ROWID;

-- Acronyms the texts define, counted.
CREATE TABLE acronym_definitions (
    long   TEXT NOT NULL,
    short  TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (long, short)
) WITHOUT ROWID;

-- The last resolution's entity of every node: the next one rewrites the mentions of changed nodes only.
CREATE TABLE entity_nodes (
    node       TEXT PRIMARY KEY,
    entity     TEXT NOT NULL,
    canonical  TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX spans_entity_node ON spans (json_extract(data, '$.node')) WHERE kind = 'entities';

-- 0 until entity resolution (and stories) have seen the document's current extraction.
ALTER TABLE documents ADD COLUMN resolved INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_unresolved ON documents (id) WHERE resolved = 0;

-- Story state, so new documents join stories without reclustering the corpus.
CREATE TABLE story_state (
    id        TEXT PRIMARY KEY,
    centroid  BLOB NOT NULL,
    size      INTEGER NOT NULL,
    first     TEXT,
    last      TEXT,
    entities  TEXT NOT NULL,
    anchor_day  TEXT,           -- the date and id of its earliest document, which names it
    anchor      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE minhash_bands (
    band    BLOB NOT NULL,
    doc_id  TEXT NOT NULL,
    PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;

-- Quotes in the search index by their span's rowid, so one document's quotes are replaced without a scan.
DELETE FROM quotes_fts;
INSERT INTO quotes_fts (rowid, doc_id, span_start, speaker, text) SELECT rowid, doc_id, span_start,
    COALESCE(json_extract(data, '$.speaker'), ''), text FROM spans WHERE kind = 'quotes';

CREATE INDEX documents_duplicate_of ON documents (duplicate_of);
