-- Full-text search over documents and quotes (SQLite FTS5), kept in step by the store and by resolution.
CREATE VIRTUAL TABLE documents_fts USING fts5 (doc_id UNINDEXED, title, text, tokenize = 'unicode61');
CREATE VIRTUAL TABLE quotes_fts USING fts5 (doc_id UNINDEXED, span_start UNINDEXED, speaker, text,
                                            tokenize = 'unicode61');
INSERT INTO documents_fts (doc_id, title, text) SELECT id, COALESCE(title, ''), text FROM documents;
