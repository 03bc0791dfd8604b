"""Run entity resolution over a store and write the results back: the entity tables, every mention's
entity id and canonical name, and quotes' speakers as canonical names with their entity ids."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

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


def _write_speakers(store: Store, result: Resolution) -> None:
    index = _alias_index(result)
    by_canonical = {normal(e["canonical"]): eid for eid, e in result.entities.items()}
    local: dict[tuple[str, str], str] = {}
    for (doc, _), eid in result.entity_of.items():
        local.setdefault((doc, normal(result.entities[eid]["canonical"])), eid)
    mention_surface = {(r["doc_id"], normal(r["text"])): r["ord"] for r in store.conn.execute(
        "SELECT doc_id, ord, text FROM spans WHERE kind = 'entities'")}
    updates = []
    for row in store.conn.execute("SELECT doc_id, ord, data FROM spans WHERE kind = 'quotes'").fetchall():
        data = json.loads(row["data"])
        surface = data.get("speaker_surface") or data.get("speaker")
        if not surface:
            continue
        data["speaker_surface"] = surface
        key = normal(surface)
        ord_ = mention_surface.get((row["doc_id"], key))
        entity = result.entity_of.get((row["doc_id"], ord_)) if ord_ is not None else index.get(key)
        country = actor_entity(surface)
        if country and normal(country) in by_canonical:
            entity = by_canonical[normal(country)]  # a capital that speaks is its country
        elif country and entity is None:
            data["speaker"] = country
        if entity:
            data["speaker"] = result.entities[entity]["canonical"]
        data["speaker_entity"] = entity
        updates.append((json.dumps(data, ensure_ascii=False, sort_keys=True), row["doc_id"], row["ord"]))
    store.conn.executemany("UPDATE spans SET data = ? WHERE doc_id = ? AND kind = 'quotes' AND ord = ?", updates)
