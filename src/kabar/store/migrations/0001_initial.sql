-- Documents keyed by the content hash of their text; every source that gave the same text is kept.
CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    seq             INTEGER NOT NULL,
    source          TEXT NOT NULL,
    name            TEXT NOT NULL,
    format          TEXT NOT NULL,
    outlet          TEXT,
    url             TEXT,
    title           TEXT,
    author          TEXT,
    published       TEXT,
    published_raw   TEXT,
    published_how   TEXT,
    language        TEXT,
    language_score  REAL,
    text            TEXT NOT NULL,
    pipeline        TEXT NOT NULL,
    story           TEXT,
    duplicate_of    TEXT
);
CREATE UNIQUE INDEX documents_seq ON documents (seq);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_outlet ON documents (outlet);

CREATE TABLE document_sources (
    source  TEXT PRIMARY KEY,
    doc_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX document_sources_doc ON document_sources (doc_id);

-- Every extracted item with offsets into its document's text; kind-specific fields in `data` (JSON).
CREATE TABLE spans (
    doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    ord         INTEGER NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (doc_id, kind, ord)
);
CREATE INDEX spans_kind ON spans (kind);

-- What an extractor declined to do and why (an unpaired quotation mark, an undecidable date).
CREATE TABLE notes (
    doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    stage       TEXT NOT NULL,
    message     TEXT NOT NULL,
    span_start  INTEGER,
    span_end    INTEGER,
    PRIMARY KEY (doc_id, ord)
);

-- Inputs that were refused, with the reason; a second run of the same input adds nothing.
CREATE TABLE rejects (
    source      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    PRIMARY KEY (source, reason)
);
