from __future__ import annotations

from pathlib import Path

from kabar.pipeline import process
from kabar.read.raw import RawRecord
from kabar.records import Document, Extraction
from kabar.store import Store
from kabar.store.db import migrations


def processed(text: str, **meta: str) -> tuple[Document, Extraction]:
    result = process(RawRecord("mem", "mem.txt", "txt", text=text, meta=meta))
    assert not isinstance(result, Exception) and isinstance(result, tuple)
    return result


def test_migrations_apply_once(db: Path) -> None:
    with Store(db) as store:
        names = [n for n, _ in migrations()]
        assert [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations ORDER BY name")] == names
        assert store.migrate() == []
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_text_is_stored_once_and_metadata_filled(db: Path) -> None:
    text = "Baca juga: tautan lain\nIsi berita yang sama persis dari dua sumber berbeda."
    doc, ext = processed(text)
    with Store(db) as store, store.transaction():
        assert store.save(doc, ext) == "stored"
        assert store.save(doc, ext) == "unchanged"
        richer, ext2 = processed(text, outlet="Kompas", published="Rabu, 18 Jun 2025 07:30 WIB")
        assert store.save(richer, ext2) == "updated"
        assert store.save(richer, ext2) == "unchanged"
    with Store(db) as store:
        (saved,) = list(store.documents())
        assert saved.outlet == "Kompas" and saved.published == "2025-06-18T07:30:00+07:00"
        assert saved.published_raw == "Rabu, 18 Jun 2025 07:30 WIB"
        assert store.extraction(saved.id) == ext


def test_extraction_round_trips(db: Path) -> None:
    doc, ext = processed("Isi.\nBaca Juga\nTinggalkan komentar\n")
    with Store(db) as store:
        with store.transaction():
            store.save(doc, ext)
        assert store.extraction(doc.id) == ext
        assert len(ext.boilerplate) == 2
