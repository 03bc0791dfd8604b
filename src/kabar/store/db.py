"""The SQLite store: WAL, ordered migrations, content-hash upserts, one writer, parameters always."""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from kabar.errors import StoreError
from kabar.records import Document, Extraction, Reject
from kabar.store.rows import META_COLUMNS, document_from_row, extraction_from_rows, span_rows

SaveOutcome = str  # "stored" | "updated" | "duplicate" (same text, new source) | "unchanged"


def migrations() -> list[tuple[str, str]]:
    """(name, SQL) of every migration, in order of name."""
    folder = resources.files("kabar.store") / "migrations"
    files = sorted((p.name, p) for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(name, path.read_text(encoding="utf-8")) for name, path in files]


class Store:
    """One SQLite file. Only one process writes; readers may open it concurrently (WAL)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
                self.conn.execute(f"PRAGMA {pragma}")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> list[str]:
        """Apply the migrations not applied yet, each in its own transaction; returns their names."""
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)")
        done = {row[0] for row in self.conn.execute("SELECT name FROM schema_migrations")}
        applied = []
        for name, sql in migrations():
            if name in done:
                continue
            with self.transaction():
                for statement in sql.split(";\n"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", (name,))
            applied.append(name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        try:
            yield self.conn
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"writing to {self.path} failed: {exc}") from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"cannot commit to {self.path}: {exc}") from exc

    def _rollback(self) -> None:
        """Roll back the open transaction, if any: on some errors ("database or disk is full") SQLite has
        rolled back already, and a second ROLLBACK would hide the real error behind "no transaction is
        active"."""
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested unit inside `transaction()`: an exception undoes only what the block wrote."""
        self.conn.execute("SAVEPOINT one_document")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK TO one_document")
                self.conn.execute("RELEASE one_document")
            raise
        self.conn.execute("RELEASE one_document")

    # writing ------------------------------------------------------------------------------------
    def save(self, doc: Document, extraction: Extraction) -> SaveOutcome:
        """Insert or upsert one document with its extraction (call inside `transaction()`).

        A text already stored fills metadata the first copy lacked; it is never stored twice."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            self._insert(doc, extraction)
            self._add_source(doc)
            return "stored"
        new_source = self._add_source(doc)
        fills = {c: getattr(doc, c) for c in META_COLUMNS if row[c] is None and getattr(doc, c) is not None}
        changed = bool(fills)
        if fills:
            sets = ", ".join(f"{c} = ?" for c in fills)
            self.conn.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*fills.values(), doc.id))
            if "title" in fills:
                self.conn.execute("UPDATE documents_fts SET title = ? WHERE doc_id = ?", (fills["title"], doc.id))
        if row["pipeline"] != extraction.pipeline:
            self._replace_extraction(doc.id, extraction)
            changed = True
        if changed:
            return "updated"
        return "duplicate" if new_source else "unchanged"

    def _add_source(self, doc: Document) -> bool:
        """Remember where this text came from; False when this source was known already."""
        cur = self.conn.execute("INSERT OR IGNORE INTO document_sources (source, doc_id) VALUES (?, ?)",
                                (doc.source, doc.id))
        return cur.rowcount == 1

    def _insert(self, doc: Document, extraction: Extraction) -> None:
        values = doc.as_dict()
        values["pipeline"] = extraction.pipeline
        values["seq"] = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        self.conn.execute(f"INSERT INTO documents ({columns}) VALUES ({marks})", tuple(values.values()))
        self.conn.execute("INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
                          (doc.id, doc.title or "", doc.text))
        self._write_items(doc.id, extraction)

    def replace_extraction(self, doc_id: str, extraction: Extraction) -> None:
        """Write a new extraction of a stored document (call inside `transaction()`)."""
        self._replace_extraction(doc_id, extraction)

    def _replace_extraction(self, doc_id: str, extraction: Extraction) -> None:
        self._count_nodes(self.extraction(doc_id), -1)
        self.conn.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT rowid FROM spans WHERE doc_id = ? AND "
                          "kind = 'quotes')", (doc_id,))
        self.conn.execute("DELETE FROM spans WHERE doc_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM notes WHERE doc_id = ?", (doc_id,))
        self.conn.execute("UPDATE documents SET pipeline = ?, resolved = 0 WHERE id = ?", (extraction.pipeline, doc_id))
        self._write_items(doc_id, extraction)

    def _count_nodes(self, extraction: Extraction, sign: int) -> None:
        """Add (sign 1) or take away (-1) a document's share of the aggregates resolution reads."""
        surfaces: Counter[tuple[str, str, str, str]] = Counter()
        for m in extraction.entities:
            if m.node:
                surfaces[(m.node, m.text, m.type, m.descriptor or "")] += 1
        nodes = {key[0] for key in surfaces}
        acronyms = Counter((a.long, a.short) for a in extraction.acronyms)
        upsert = "ON CONFLICT DO UPDATE SET {0} = {0} + excluded.{0}"
        self.conn.executemany("INSERT INTO entity_node_surfaces (node, surface, type, descriptor, n) VALUES "
                              "(?, ?, ?, ?, ?) " + upsert.format("n"),
                              [(*key, sign * n) for key, n in surfaces.items()])
        self.conn.executemany("INSERT INTO entity_node_docs (node, docs) VALUES (?, ?) " + upsert.format("docs"),
                              [(node, sign) for node in nodes])
        self.conn.executemany("INSERT INTO acronym_definitions (long, short, n) VALUES (?, ?, ?) "
                              + upsert.format("n"), [(*key, sign * n) for key, n in acronyms.items()])
        if sign < 0:
            for table, column in (("entity_node_surfaces", "n"), ("entity_node_docs", "docs"),
                                  ("acronym_definitions", "n")):
                self.conn.execute(f"DELETE FROM {table} WHERE {column} <= 0")

    def _write_items(self, doc_id: str, extraction: Extraction) -> None:
        if extraction.embedding:
            self.conn.execute("INSERT OR REPLACE INTO document_fingerprints (doc_id, embedder, embedding, minhash) "
                              "VALUES (?, ?, ?, ?)", (doc_id, extraction.embedder, extraction.embedding,
                                                      extraction.minhash))
        self.conn.executemany(
            "INSERT INTO spans (doc_id, kind, ord, span_start, span_end, text, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            span_rows(doc_id, extraction),
        )
        self._count_nodes(extraction, 1)
        self.conn.executemany(
            "INSERT INTO notes (doc_id, ord, stage, message, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc_id, i, n.stage, n.message, n.start, n.end) for i, n in enumerate(extraction.notes)],
        )

    def reject(self, item: Reject) -> bool:
        """Record a reject; False when the same source was already refused for the same reason."""
        cur = self.conn.execute("INSERT OR IGNORE INTO rejects (source, reason, detail) VALUES (?, ?, ?)",
                                (item.source, item.reason, item.detail))
        return cur.rowcount == 1

    # reading ------------------------------------------------------------------------------------
    def documents(self) -> Iterator[Document]:
        for row in self.conn.execute("SELECT * FROM documents ORDER BY seq"):
            yield document_from_row(row)

    def document_rows(self) -> Iterator[sqlite3.Row]:
        yield from self.conn.execute("SELECT * FROM documents ORDER BY seq")

    def document(self, doc_id: str) -> Document:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id!r} in {self.path}")
        return document_from_row(row)

    def extraction(self, doc_id: str) -> Extraction:
        row = self.conn.execute("SELECT pipeline FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id!r} in {self.path}")
        spans = self.conn.execute(
            "SELECT * FROM spans WHERE doc_id = ? ORDER BY kind, ord", (doc_id,)).fetchall()
        notes = self.conn.execute("SELECT * FROM notes WHERE doc_id = ? ORDER BY ord", (doc_id,)).fetchall()
        prints = self.conn.execute("SELECT * FROM document_fingerprints WHERE doc_id = ?", (doc_id,)).fetchone()
        extraction = extraction_from_rows(doc_id, row["pipeline"], spans, notes)
        if prints is None:
            return extraction
        return replace(extraction, embedding=prints["embedding"], minhash=prints["minhash"],
                       embedder=prints["embedder"])

    def rejects(self) -> list[Reject]:
        rows = self.conn.execute("SELECT source, reason, detail FROM rejects ORDER BY source, reason")
        return [Reject(r[0], r[1], r[2]) for r in rows]

    def counts(self) -> dict[str, Any]:
        one = self.conn.execute
        return {
            "documents": one("SELECT COUNT(*) FROM documents").fetchone()[0],
            "rejects": one("SELECT COUNT(*) FROM rejects").fetchone()[0],
            "spans": dict(one("SELECT kind, COUNT(*) FROM spans GROUP BY kind ORDER BY kind").fetchall()),
            "languages": dict(one("SELECT COALESCE(language, '?'), COUNT(*) FROM documents "
                                  "GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "outlets": dict(one("SELECT COALESCE(outlet, '?'), COUNT(*) FROM documents "
                                "GROUP BY 1 ORDER BY 2 DESC").fetchall()),
        }

    def needs_resolution(self) -> bool:
        """Documents stored or re-extracted since the corpus steps last ran."""
        return self.conn.execute("SELECT 1 FROM documents WHERE resolved = 0 LIMIT 1").fetchone() is not None

    def version(self) -> tuple[int, ...]:
        """Changes whenever documents or resolution results change (for caches of derived views)."""
        row = self.conn.execute("SELECT (SELECT COUNT(*) FROM documents), (SELECT COALESCE(MAX(seq), 0) FROM "
                                "documents), (SELECT COUNT(*) FROM entity_merges), (SELECT COUNT(*) FROM "
                                "entity_corrections), (SELECT COUNT(DISTINCT story) FROM documents)").fetchone()
        return tuple(int(v) for v in row)

    def integrity(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every table's rows, sorted: two stores with equal dumps hold the same data."""
        tables = [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(tuple(r) for r in self.conn.execute(f"SELECT * FROM {t}")) for t in sorted(tables)}

