-- Per-document fingerprints for stories (an embedding) and near-duplicates (a MinHash signature).
CREATE TABLE document_fingerprints (
    doc_id     TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    embedder   TEXT NOT NULL,
    embedding  BLOB NOT NULL,
    minhash    BLOB NOT NULL
);
CREATE INDEX documents_story ON documents (story);
