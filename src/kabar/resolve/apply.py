"""Run entity resolution over a store and write the results back: the entity tables, every mention's
entity id and canonical name, and quotes' speakers as canonical names with their entity ids."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from kabar.errors import KabarError
from kabar.resolve.entities import Resolution, actor_entity, load_mentions, resolve
from kabar.resolve.names import normal
from kabar.store import Store


def resolve_entities(store: Store) -> Resolution:
    mentions, acronyms = load_mentions(store)
    corrections = [(r["action"], r["a"], r["b"]) for r in store.conn.execute(
        "SELECT action, a, b FROM entity_corrections ORDER BY seq")]
    result = resolve(mentions, corrections, acronyms)
    with store.transaction():
        _write_entities(store, result)
        _write_mentions(store, result)
        _write_speakers(store, result)
    return result


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
                     [(eid, e["canonical"], e["type"], json.dumps(e["descriptors"], ensure_ascii=False),
                       e["mentions"], e["within"]) for eid, e in sorted(result.entities.items())])
    conn.executemany("INSERT INTO entity_aliases (entity_id, surface, count) VALUES (?, ?, ?)",
                     [(eid, surface, n) for eid, e in sorted(result.entities.items())
                      for surface, n in sorted(e["aliases"].items())])
    conn.executemany("INSERT INTO entity_merges (entity_id, a, b, reason, score) VALUES (?, ?, ?, ?, ?)",
                     result.merges)


def _write_mentions(store: Store, result: Resolution) -> None:
    rows = store.conn.execute("SELECT doc_id, ord, data FROM spans WHERE kind = 'entities'").fetchall()
    updates = []
    for row in rows:
        entity = result.entity_of.get((row["doc_id"], row["ord"]))
        data = json.loads(row["data"])
        data["entity"] = entity
        data["canonical"] = result.entities[entity]["canonical"] if entity else None
        updates.append((json.dumps(data, ensure_ascii=False, sort_keys=True), row["doc_id"], row["ord"]))
    store.conn.executemany("UPDATE spans SET data = ? WHERE doc_id = ? AND kind = 'entities' AND ord = ?", updates)


def _alias_index(result: Resolution) -> dict[str, str]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for eid, e in result.entities.items():
        for surface, count in e["aliases"].items():
            votes[normal(surface)][eid] += count
        votes[normal(e["canonical"])][eid] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in votes.items()}


class Canonical:
    """Canonical names of surfaces as a document writes them: the document's own mention of that name,
    else the corpus's alias table; a capital that acts stands for its country."""

    def __init__(self, store: Store, result: Resolution) -> None:
        self.result = result
        self.index = _alias_index(result)
        self.by_canonical = {normal(e["canonical"]): eid for eid, e in result.entities.items()}
        self.local = {(r["doc_id"], normal(r["text"])): r["ord"] for r in store.conn.execute(
            "SELECT doc_id, ord, text FROM spans WHERE kind = 'entities'")}
        self.by_doc: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
        for (doc, text), ord_ in self.local.items():
            if " " in text:
                self.by_doc[doc][(doc, text)] = ord_

    def _inside(self, doc_id: str, key: str) -> int | None:
        """A person mentioned in the document at the end of a longer name ("Danantara Indonesia Rosan Perkasa
        Roeslani" ends with the person "Rosan Perkasa Roeslani"): the longest such mention."""
        best: tuple[int, int] | None = None
        for (_, text), ord_ in self.by_doc.get(doc_id, {}).items():
            entity = self.result.entity_of.get((doc_id, ord_))
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
        entity = self.result.entity_of.get((doc_id, ord_)) if ord_ is not None else self.index.get(key)
        country = actor_entity(surface) if actor else None
        if country:
            entity = self.by_canonical.get(normal(country), entity)
            if entity is None:
                return country, None
        if entity is None:
            return surface, None
        return self.result.entities[entity]["canonical"], entity


def _rewrite(store: Store, kind: str, change: Callable[[str, dict[str, Any]], bool]) -> None:
    rows = store.conn.execute("SELECT doc_id, ord, data FROM spans WHERE kind = ?", (kind,)).fetchall()
    updates = []
    for row in rows:
        data = json.loads(row["data"])
        if change(row["doc_id"], data):
            updates.append((json.dumps(data, ensure_ascii=False, sort_keys=True), row["doc_id"], row["ord"]))
    store.conn.executemany("UPDATE spans SET data = ? WHERE doc_id = ? AND kind = ? AND ord = ?",
                           [(d, doc, kind, o) for d, doc, o in updates])


def _write_speakers(store: Store, result: Resolution) -> None:
    names = Canonical(store, result)

    def speaker(doc: str, data: dict[str, Any]) -> bool:
        surface = data.get("speaker_surface") or data.get("speaker")
        if not surface:
            return False
        data["speaker_surface"] = surface
        data["speaker"], data["speaker_entity"] = names.of(doc, surface, actor=True)
        return True

    def claim(doc: str, data: dict[str, Any]) -> bool:
        if data.get("claimant_surface"):
            data["claimant"] = names.of(doc, data["claimant_surface"], actor=True)[0]
        if data.get("location_surface"):
            data["location"] = names.of(doc, data["location_surface"], actor=False)[0]
        if data.get("owner_surface") and data.get("subject"):
            group = data["subject"].split(" (")[0]
            data["subject"] = f"{group} ({names.of(doc, data['owner_surface'], actor=True)[0]})"
        return True

    def said(doc: str, data: dict[str, Any]) -> bool:
        if not data.get("claimant_surface"):
            return False
        data["claimant"] = names.of(doc, data["claimant_surface"], actor=True)[0]
        return True

    _rewrite(store, "quotes", speaker)
    _rewrite(store, "quantities", claim)
    _rewrite(store, "statements", said)
    store.conn.execute("DELETE FROM quotes_fts")
    store.conn.execute("INSERT INTO quotes_fts (doc_id, span_start, speaker, text) SELECT doc_id, span_start, "
                       "COALESCE(json_extract(data, '$.speaker'), ''), text FROM spans WHERE kind = 'quotes'")
