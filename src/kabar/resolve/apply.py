"""Run entity resolution over a store and write the results back: the entity tables, every mention's
entity id and canonical name, and quotes' speakers as canonical names with their entity ids."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from kabar.errors import KabarError
from kabar.resolve.entities import (
    NodeStats,
    Resolution,
    actor_entity,
    find_acronyms,
    resolve_nodes,
    with_nodes,
)
from kabar.resolve.names import normal
from kabar.store import Store
from kabar.store.rows import load_data


def resolve_entities(store: Store) -> Resolution:
    """Resolve the corpus's names from the node aggregates the store keeps, then rewrite only what changed:
    the mentions of nodes whose entity or canonical name changed, the mentions of documents not resolved
    yet, and the speakers and claimants of those documents."""
    backfill_nodes(store)
    stats: NodeStats = defaultdict(Counter)
    for row in store.conn.execute("SELECT node, surface, type, descriptor, n FROM entity_node_surfaces"):
        stats[row[0]][(row[1], row[2], row[3])] = row[4]
    pairs = [(r[0], r[1]) for r in store.conn.execute("SELECT long, short FROM acronym_definitions ORDER BY 1, 2")]
    corrections = [(r["action"], r["a"], r["b"]) for r in store.conn.execute(
        "SELECT action, a, b FROM entity_corrections ORDER BY seq")]
    result = resolve_nodes(stats, corrections, pairs)
    with store.transaction():
        _write_entities(store, result)
        affected = _write_nodes(store, result)
        unresolved = [r[0] for r in store.conn.execute("SELECT id FROM documents WHERE resolved = 0 ORDER BY id")]
        store.conn.execute(
            "UPDATE spans SET data = json_set(data, '$.entity', n.entity, '$.canonical', n.canonical) "
            "FROM entity_nodes n WHERE spans.kind = 'entities' AND n.node = json_extract(spans.data, '$.node') "
            "AND spans.doc_id IN (SELECT id FROM documents WHERE resolved = 0)")
        _write_speakers(store, result, sorted(affected | set(unresolved)))
    return result


def backfill_nodes(store: Store) -> int:
    """Give the mentions of a store made before nodes existed their nodes (re-extracting nothing else)."""
    docs = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT doc_id FROM spans WHERE kind = 'entities' AND json_extract(data, '$.node') IS NULL")]
    with store.transaction():
        for doc_id in docs:
            doc = store.document(doc_id)
            extraction = store.extraction(doc_id)
            mentions = with_nodes(doc_id, doc.text, doc.language, extraction.entities)
            store.replace_extraction(doc_id, replace(extraction, entities=mentions, acronyms=find_acronyms(doc.text)))
    return len(docs)


def _write_nodes(store: Store, result: Resolution) -> set[str]:
    """Keep `entity_nodes` in step with `result`; rewrite the mentions of resolved documents whose node
    changed entity or canonical name, and return those documents."""
    conn = store.conn
    old = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT node, entity, canonical FROM entity_nodes")}
    new = {node: (eid, result.entities[eid]["canonical"]) for node, eid in result.entity_of_node.items()}
    changed = sorted(node for node, value in new.items() if old.get(node) != value)
    conn.executemany("DELETE FROM entity_nodes WHERE node = ?", [(n,) for n in old if n not in new])
    conn.executemany("INSERT OR REPLACE INTO entity_nodes (node, entity, canonical) VALUES (?, ?, ?)",
                     [(node, *new[node]) for node in changed])
    affected: set[str] = set()
    if not old:
        return affected  # a first resolution: every document is unresolved and written below
    for node in changed:
        rows = conn.execute(
            "UPDATE spans SET data = json_set(data, '$.entity', ?, '$.canonical', ?) WHERE kind = 'entities' "
            "AND json_extract(data, '$.node') = ? RETURNING doc_id", (*new[node], node)).fetchall()
        affected.update(r[0] for r in rows)
    return affected


def add_correction(store: Store, action: str, a: str, b: str | None) -> None:
    """Record a user's merge or split; it is applied by this and every later resolution."""
    known = {r[0] for r in store.conn.execute(
        "SELECT surface FROM entity_aliases UNION SELECT canonical FROM entities")}
    for name in (a, b):
        if name is not None and name not in known:
            raise KabarError(f"no entity is called {name!r}; `kabar entities` lists the names")
    with store.transaction():
        store.conn.execute("INSERT INTO entity_corrections (action, a, b) VALUES (?, ?, ?)", (action, a, b))


def _write_entities(store: Store, result: Resolution) -> None:
    conn = store.conn
    for table in ("entity_merges", "entity_aliases", "entities"):
        conn.execute(f"DELETE FROM {table}")
    conn.executemany("INSERT INTO entities (id, canonical, type, descriptors, mentions, within) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     [(eid, e["canonical"], e["type"],
                       json.dumps(e["descriptors"], ensure_ascii=False, allow_nan=False),
                       e["mentions"], e["within"]) for eid, e in sorted(result.entities.items())])
    conn.executemany("INSERT INTO entity_aliases (entity_id, surface, count) VALUES (?, ?, ?)",
                     [(eid, surface, n) for eid, e in sorted(result.entities.items())
                      for surface, n in sorted(e["aliases"].items())])
    conn.executemany("INSERT INTO entity_merges (entity_id, a, b, reason, score) VALUES (?, ?, ?, ?, ?)",
                     result.merges)


def _alias_index(result: Resolution) -> dict[str, str]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for eid, e in result.entities.items():
        for surface, count in e["aliases"].items():
            votes[normal(surface)][eid] += count
        votes[normal(e["canonical"])][eid] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in votes.items()}


# A one-word speaker or claimant is shown as its entity's full name from other articles only when that name
# has this many mentions and the short form is at most SHORT_RATIO times as frequent (see Canonical._vouched).
MIN_FULL_MENTIONS = 3
SHORT_RATIO = 3


class Canonical:
    """Canonical names of surfaces as a document writes them: the document's own mention of that name,
    else the corpus's alias table; a capital that acts stands for its country. Works on a batch of
    documents at a time (`load`)."""

    def __init__(self, result: Resolution) -> None:
        self.result = result
        self.index = _alias_index(result)
        self.by_canonical = {normal(e["canonical"]): eid for eid, e in result.entities.items()}
        self.local: dict[tuple[str, str], int] = {}
        self.entity_of: dict[tuple[str, int], str] = {}
        self.by_doc: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)

    def load(self, store: Store, docs: Sequence[str]) -> None:
        """The mentions of `docs` (replacing those of the previous batch)."""
        marks = ", ".join("?" for _ in docs)
        rows = store.conn.execute(f"SELECT doc_id, ord, text, json_extract(data, '$.node') FROM spans WHERE "
                                  f"kind = 'entities' AND doc_id IN ({marks})", tuple(docs)).fetchall()
        self.local = {(r[0], normal(r[2])): r[1] for r in rows}
        self.entity_of = {(r[0], r[1]): self.result.entity_of_node[r[3]] for r in rows
                          if r[3] in self.result.entity_of_node}
        self.by_doc = defaultdict(dict)
        for (doc, text), ord_ in self.local.items():
            if " " in text:
                self.by_doc[doc][(doc, text)] = ord_

    def _inside(self, doc_id: str, key: str) -> int | None:
        """A person mentioned in the document at the end of a longer name ("Danantara Indonesia Rosan Perkasa
        Roeslani" ends with the person "Rosan Perkasa Roeslani"): the longest such mention."""
        best: tuple[int, int] | None = None
        for (_, text), ord_ in self.by_doc.get(doc_id, {}).items():
            entity = self.entity_of.get((doc_id, ord_))
            person = entity is not None and self.result.entities[entity]["type"] == "PER"
            if person and len(text) < len(key) and key.endswith(" " + text) and (best is None or len(text) > best[0]):
                best = (len(text), ord_)
        return best[1] if best else None

    def of(self, doc_id: str, surface: str, actor: bool) -> tuple[str, str | None]:
        """(canonical name, entity id or None) of `surface` in document `doc_id`."""
        key = normal(surface)
        ord_ = self.local.get((doc_id, key))
        if ord_ is None and all(word[:1].isupper() for word in surface.split()):
            ord_ = self._inside(doc_id, key)  # a name, not a descriptor ("Seorang perwakilan Korea Utara")
        entity = self.entity_of.get((doc_id, ord_)) if ord_ is not None else self.index.get(key)
        country = actor_entity(surface) if actor else None
        if country:
            entity = self.by_canonical.get(normal(country), entity)
            if entity is None:
                return country, None
        if entity is None:
            return surface, None
        if actor and not country and not self._vouched(doc_id, surface, entity):
            return surface, None
        return self.result.entities[entity]["canonical"], entity

    def _vouched(self, doc_id: str, surface: str, entity: str) -> bool:
        """A one-word person name stands for its entity's full name when the document writes that name too,
        or when the corpus says it often (`MIN_FULL_MENTIONS`) and the short form is not far more frequent
        (`SHORT_RATIO`): "Intan" in one article is not the "Tina T Kemala Intan" of another, twice named;
        "Prabowo" is "Prabowo Subianto". Otherwise the claimant stays as the article writes it."""
        data = self.result.entities[entity]
        if " " in surface.strip() or data["type"] != "PER" or " " not in data["canonical"]:
            return True
        if any(self.entity_of.get((doc_id, ord_)) == entity for ord_ in self.by_doc.get(doc_id, {}).values()):
            return True
        full = sum(n for alias, n in data["aliases"].items() if " " in alias)
        short = sum(n for alias, n in data["aliases"].items() if " " not in alias)
        return bool(full >= MIN_FULL_MENTIONS and full * SHORT_RATIO >= short)


def _rewrite(store: Store, kind: str, docs: Sequence[str], change: Callable[[str, dict[str, Any]], bool]) -> None:
    marks = ", ".join("?" for _ in docs)
    rows = store.conn.execute(f"SELECT doc_id, ord, data FROM spans WHERE kind = ? AND doc_id IN ({marks})",
                              (kind, *docs)).fetchall()
    updates = []
    for row in rows:
        data = load_data(row["data"])
        if change(row["doc_id"], data):
            updates.append((json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False),
                            row["doc_id"], row["ord"]))
    store.conn.executemany("UPDATE spans SET data = ? WHERE doc_id = ? AND kind = ? AND ord = ?",
                           [(d, doc, kind, o) for d, doc, o in updates])


def _set(data: dict[str, Any], **values: Any) -> bool:
    """Set `values` in `data`; True when that changed anything (only changed rows are written back)."""
    changed = any(key not in data or data[key] != value for key, value in values.items())
    data.update(values)
    return changed


# Documents whose speakers and claimants are rewritten together (bounds memory on large corpora).
SPEAKER_BATCH = 500


def _write_speakers(store: Store, result: Resolution, docs: Sequence[str]) -> None:
    names = Canonical(result)

    def speaker(doc: str, data: dict[str, Any]) -> bool:
        surface = data.get("speaker_surface") or data.get("speaker")
        if not surface:
            return False
        name, entity = names.of(doc, surface, actor=True)
        return _set(data, speaker_surface=surface, speaker=name, speaker_entity=entity)

    def claim(doc: str, data: dict[str, Any]) -> bool:
        new: dict[str, Any] = {}
        if data.get("claimant_surface"):
            new["claimant"] = names.of(doc, data["claimant_surface"], actor=True)[0]
        if data.get("location_surface"):
            new["location"] = names.of(doc, data["location_surface"], actor=False)[0]
        if data.get("owner_surface") and data.get("subject"):
            group = data["subject"].split(" (")[0]
            new["subject"] = f"{group} ({names.of(doc, data['owner_surface'], actor=True)[0]})"
        return _set(data, **new)

    def said(doc: str, data: dict[str, Any]) -> bool:
        if not data.get("claimant_surface"):
            return False
        return _set(data, claimant=names.of(doc, data["claimant_surface"], actor=True)[0])

    for at in range(0, len(docs), SPEAKER_BATCH):
        batch = docs[at : at + SPEAKER_BATCH]
        names.load(store, batch)
        _rewrite(store, "quotes", batch, speaker)
        _rewrite(store, "quantities", batch, claim)
        _rewrite(store, "statements", batch, said)
        marks = ", ".join("?" for _ in batch)
        quotes = f"SELECT rowid FROM spans WHERE kind = 'quotes' AND doc_id IN ({marks})"
        store.conn.execute(f"DELETE FROM quotes_fts WHERE rowid IN ({quotes})", tuple(batch))
        store.conn.execute(f"INSERT INTO quotes_fts (rowid, doc_id, span_start, speaker, text) SELECT rowid, doc_id, "
                           f"span_start, COALESCE(json_extract(data, '$.speaker'), ''), text FROM spans WHERE kind = "
                           f"'quotes' AND doc_id IN ({marks})", tuple(batch))
