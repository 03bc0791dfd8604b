"""Incremental corpus steps: later ingests continue from stored state and rewrite only what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from kabar.ingest import ingest
from kabar.resolve.apply import resolve_entities
from kabar.store import Store

ENTITIES = "SELECT e.id, e.canonical, a.surface, a.count FROM entities e JOIN entity_aliases a ON a.entity_id = e.id"


def rows(db: Path, query: str) -> list[tuple[object, ...]]:
    with Store(db) as store:
        return sorted(map(tuple, store.conn.execute(query)))


def test_phases_are_reported_and_skipped_when_nothing_is_new(sample: Path, db: Path) -> None:
    heard: list[str] = []
    summary = ingest([str(sample)], db, workers=1, on_phase=heard.append)
    assert heard == ["entities", "stories"]
    assert set(summary.seconds) == {"documents", "entities", "stories"}
    assert all(seconds >= 0 for seconds in summary.seconds.values())
    heard.clear()
    ingest([str(sample)], db, workers=1, on_phase=heard.append)
    assert heard == []  # nothing stored: the corpus steps do not run
    with Store(db) as store:
        assert not store.needs_resolution()


def test_two_ingests_give_the_entities_and_stories_of_one(sample: Path, tmp_path: Path) -> None:
    files = sorted(sample.glob("*.txt"))
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, part in ((first, files[:2]), (second, files[2:])):
        folder.mkdir()
        for path in part:
            shutil.copy(path, folder / path.name)
        shutil.copy(sample / "meta.jsonl", folder / "meta.jsonl")
    ingest([str(sample)], tmp_path / "once.db", workers=1)
    ingest([str(first)], tmp_path / "twice.db", workers=1)
    ingest([str(second)], tmp_path / "twice.db", workers=1)
    assert rows(tmp_path / "once.db", ENTITIES) == rows(tmp_path / "twice.db", ENTITIES)
    stories = "SELECT name, story, duplicate_of FROM documents"
    assert rows(tmp_path / "once.db", stories) == rows(tmp_path / "twice.db", stories)
    mentions = "SELECT doc_id, ord, json_extract(data, '$.entity'), json_extract(data, '$.canonical') FROM spans " \
               "WHERE kind = 'entities'"
    assert rows(tmp_path / "once.db", mentions) == rows(tmp_path / "twice.db", mentions)
    node_counts = "SELECT node, surface, type, n FROM entity_node_surfaces"
    assert rows(tmp_path / "once.db", node_counts) == rows(tmp_path / "twice.db", node_counts)


def test_a_store_made_before_nodes_gets_them(sample: Path, db: Path) -> None:
    ingest([str(sample)], db, workers=1)
    before = rows(db, ENTITIES)
    with Store(db) as store, store.transaction():  # what a store of the previous schema looks like
        store.conn.execute("UPDATE spans SET data = json_remove(data, '$.node', '$.entity') WHERE kind = 'entities'")
        for table in ("entity_node_surfaces", "entity_node_docs", "entity_nodes", "acronym_definitions"):
            store.conn.execute(f"DELETE FROM {table}")
        store.conn.execute("UPDATE documents SET resolved = 0")
    with Store(db) as store:
        resolve_entities(store)
    assert rows(db, ENTITIES) == before
    assert rows(db, "SELECT COUNT(*) FROM spans WHERE kind = 'entities' AND json_extract(data, '$.entity') IS NULL") \
        == [(0,)]


def test_a_changed_extraction_takes_its_counts_away(sample: Path, db: Path) -> None:
    ingest([str(sample)], db, workers=1)
    with Store(db) as store:
        doc_id = store.conn.execute("SELECT id FROM documents ORDER BY seq LIMIT 1").fetchone()[0]
        total = store.conn.execute("SELECT SUM(n) FROM entity_node_surfaces").fetchone()[0]
        extraction = store.extraction(doc_id)
        with store.transaction():
            store.replace_extraction(doc_id, extraction)
        assert store.conn.execute("SELECT SUM(n) FROM entity_node_surfaces").fetchone()[0] == total
        assert store.needs_resolution()
        spans = store.conn.execute("SELECT COUNT(*) FROM spans WHERE kind = 'entities'").fetchone()[0]
        assert total == spans


def test_a_re_extracted_document_keeps_its_story(sample: Path, db: Path) -> None:
    ingest([str(sample)], db, workers=1)
    with Store(db) as store:
        doc_id, story = store.conn.execute("SELECT id, story FROM documents ORDER BY seq LIMIT 1").fetchone()
        sizes = rows(db, "SELECT id, size FROM story_state")
        with store.transaction():
            store.replace_extraction(doc_id, store.extraction(doc_id))
        from kabar.resolve.stories import resolve_stories

        resolve_entities(store)
        resolve_stories(store)
        assert store.conn.execute("SELECT story FROM documents WHERE id = ?", (doc_id,)).fetchone()[0] == story
    assert rows(db, "SELECT id, size FROM story_state") == sizes  # not counted twice
