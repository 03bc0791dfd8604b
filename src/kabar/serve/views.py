"""The data of every page, computed once for the HTML page and its JSON twin (the same view)."""

from __future__ import annotations

import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from kabar.resolve.disagreements import disagreements
from kabar.resolve.ledger import Claim, ClaimGroup, build_ledger, filter_groups, scope_links
from kabar.serve.ledger_view import figure
from kabar.serve.stories_view import story_rows
from kabar.store import Store

KINDS = ("boilerplate", "entities", "quantities", "dates", "quotes")
# Groups on one ledger page, and claims shown per group (the rest are counted; filters narrow them).
PAGE_GROUPS = 30
GROUP_CLAIMS = 60


class NotFound(Exception):
    """The page names something the store does not hold."""


@dataclass
class Cache:
    """Derived views of one store version: the ledger and the stories are rebuilt only when it changes."""

    version: tuple[int, ...] = ()
    groups: list[ClaimGroup] | None = None
    stories: list[dict[str, Any]] | None = None
    words: list[Any] | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)

    def refresh(self, store: Store) -> None:
        with self.lock:
            version = store.version()
            if version != self.version:
                self.version, self.groups, self.stories, self.words = version, build_ledger(store), None, None

    def ledger(self, store: Store) -> list[ClaimGroup]:
        with self.lock:
            self.refresh(store)
            assert self.groups is not None
            return self.groups

    def story_list(self, store: Store) -> list[dict[str, Any]]:
        with self.lock:
            self.refresh(store)
            if self.stories is None:
                self.stories = story_rows(store)
            return self.stories

    def disagreements(self, store: Store) -> list[Any]:
        with self.lock:
            self.refresh(store)
            if self.words is None:
                self.words = disagreements(store)
            return self.words


def claim_dict(claim: Claim) -> dict[str, Any]:
    return {"id": claim.id, "doc_id": claim.doc_id, "doc_name": claim.doc_name, "outlet": claim.outlet,
            "claimant": claim.claimant, "figure": figure(claim), "text": claim.text, "value": claim.value,
            "low": claim.low, "high": claim.high, "hedge": claim.hedge, "unit": claim.unit, "date": claim.date,
            "date_source": claim.date_source, "evidence": claim.evidence, "evidence_start": claim.evidence_start,
            "evidence_end": claim.evidence_start + len(claim.evidence), "via": list(claim.via),
            "derived": claim.derived, "copy_of": claim.copy_of, "attribution": claim.attribution}


def group_dict(group: ClaimGroup, wider: dict[str, str]) -> dict[str, Any]:
    conflicted = {r.a for r in group.conflicts} | {r.b for r in group.conflicts}
    shown = [c for c in group.claims if c.id in conflicted] + [c for c in group.claims if c.id not in conflicted]
    shown = sorted(shown[:GROUP_CLAIMS], key=lambda c: (c.date or "9999", c.doc_id, c.start))
    claims = [dict(claim_dict(c), conflict=c.id in conflicted) for c in shown]
    by_id = {c.id: c for c in group.claims}
    return {"key": group.key, "subject": group.subject, "location": group.location, "within": group.within,
            "wider": wider.get(group.key), "story": group.story, "claims": claims,
            "claims_total": len(group.claims),
            "relations": [{"kind": r.kind, "reason": r.reason, "a": r.a, "b": r.b,
                           "a_text": f"{by_id[r.a].claimant} {figure(by_id[r.a])}",
                           "b_text": f"{by_id[r.b].claimant} {figure(by_id[r.b])}"}
                          for r in group.relations if r.kind in ("conflict", "update")]}


def ledger_view(store: Store, cache: Cache, params: dict[str, str]) -> dict[str, Any]:
    groups = filter_groups(cache.ledger(store), params.get("subject"), params.get("place"), params.get("claimant"),
                           int(params.get("min_claims") or 1))
    outlet, since, until = params.get("outlet"), params.get("from"), params.get("to")
    if outlet or since or until:
        groups = [g for g in groups if any(_claim_matches(c, outlet, since, until) for c in g.claims)]
    wider = dict(scope_links(cache.ledger(store)))
    limit, offset = int(params.get("limit") or PAGE_GROUPS), int(params.get("offset") or 0)
    filtered = any(k in params for k in ("subject", "place", "claimant", "outlet", "from", "to"))
    return {"filters": {k: v for k, v in params.items() if v}, "count": len(groups), "offset": offset,
            "limit": limit, "groups": [group_dict(g, wider) for g in groups[offset : offset + limit]],
            "disagreements": [] if filtered or offset else [_words(d) for d in cache.disagreements(store)[:100]]}


def _claim_matches(claim: Claim, outlet: str | None, since: str | None, until: str | None) -> bool:
    return ((not outlet or outlet.lower() in (claim.outlet or "").lower())
            and (not since or (claim.date or "") >= since) and (not until or (claim.date or "9999") <= until))


def _words(item: Any) -> dict[str, Any]:
    return {"event": item.event,
            "affirmed": {"claimant": item.affirmed.claimant, "text": item.affirmed.text.strip(),
                         "doc_id": item.affirmed.doc_id, "doc_name": item.affirmed.doc_name},
            "negated": {"claimant": item.negated.claimant, "text": item.negated.text.strip(),
                        "doc_id": item.negated.doc_id, "doc_name": item.negated.doc_name}}


def stories_view(store: Store, cache: Cache) -> dict[str, Any]:
    rows = [{k: v for k, v in r.items() if k != "documents"} for r in cache.story_list(store)]
    return {"count": len(rows), "stories": rows}


def story_view(store: Store, cache: Cache, story_id: str) -> dict[str, Any]:
    row = next((r for r in cache.story_list(store) if r["id"] == story_id), None)
    if row is None:
        raise NotFound(f"no story {story_id}")
    docs = set(row["documents"])
    wider = dict(scope_links(cache.ledger(store)))
    groups = []
    for group in cache.ledger(store):
        mine = [c for c in group.claims if c.doc_id in docs]
        if mine:
            groups.append(group_dict(ClaimGroup(group.subject, group.location, group.within, group.story, mine,
                                                [r for r in group.relations if r.a.split(":")[0] in docs
                                                 and r.b.split(":")[0] in docs]), wider))
    marks = ",".join("?" * len(docs))
    documents = [dict(r) for r in store.conn.execute(
        f"SELECT id, name, title, outlet, published, duplicate_of FROM documents WHERE id IN ({marks}) "
        "ORDER BY published, id", tuple(docs))]
    quotes: dict[str, list[dict[str, Any]]] = {}
    for r in store.conn.execute(f"SELECT doc_id, span_start, text, data FROM spans WHERE kind = 'quotes' AND doc_id IN "
                                f"({marks}) ORDER BY doc_id, ord", tuple(docs)):
        speaker = json.loads(r["data"]).get("speaker") or "— (no speaker)"
        quotes.setdefault(speaker, []).append({"doc_id": r["doc_id"], "start": r["span_start"], "text": r["text"]})
    entities = [dict(r) for r in store.conn.execute(
        "SELECT json_extract(data, '$.entity') AS id, json_extract(data, '$.canonical') AS canonical, "
        f"json_extract(data, '$.type') AS type, COUNT(*) AS mentions FROM spans WHERE kind = 'entities' AND doc_id IN "
        f"({marks}) GROUP BY 1 ORDER BY mentions DESC LIMIT 60", tuple(docs))]
    return {"story": {k: v for k, v in row.items() if k != "documents"}, "documents": documents, "groups": groups,
            "quotes": dict(sorted(quotes.items(), key=lambda kv: -len(kv[1]))), "entities": entities}


def entities_view(store: Store, params: dict[str, str]) -> dict[str, Any]:
    q = params.get("q") or ""
    rows = store.conn.execute(
        "SELECT e.id, e.canonical, e.type, e.within, e.mentions, (SELECT COUNT(*) FROM entity_aliases a WHERE "
        "a.entity_id = e.id) AS aliases FROM entities e WHERE e.canonical LIKE ? ORDER BY e.mentions DESC, "
        "e.canonical LIMIT ?", (f"%{q}%", int(params.get("limit") or 300))).fetchall()
    return {"count": len(rows), "entities": [dict(r) for r in rows]}


def entity_view(store: Store, entity_id: str) -> dict[str, Any]:
    row = store.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise NotFound(f"no entity {entity_id}")
    aliases = [dict(r) for r in store.conn.execute(
        "SELECT surface, count FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, surface", (entity_id,))]
    merges = [dict(r) for r in store.conn.execute(
        "SELECT a, b, reason, score FROM entity_merges WHERE entity_id = ? ORDER BY reason, a", (entity_id,))]
    # Its mentions through the spans' node index (the entity's nodes are few; its mentions may be many).
    nodes = [r[0] for r in store.conn.execute("SELECT node FROM entity_nodes WHERE entity = ?", (entity_id,))]
    marks = ", ".join("?" for _ in nodes)
    mentions = [dict(r) for r in store.conn.execute(
        "SELECT s.doc_id, s.span_start, s.span_end, s.text, d.name, substr(d.text, max(1, s.span_start - 79), "
        "s.span_end - s.span_start + 160) AS context FROM spans s INDEXED BY spans_entity_node JOIN documents d "
        f"ON d.id = s.doc_id WHERE s.kind = 'entities' AND json_extract(s.data, '$.node') IN ({marks}) "
        "ORDER BY d.seq, s.ord LIMIT 50", nodes)] if nodes else []
    entity = dict(row)
    entity["descriptors"] = json.loads(entity["descriptors"])
    return {"entity": entity, "aliases": aliases, "merges": merges, "mentions": mentions}


def document_view(store: Store, doc_id: str, highlight: str | None = None) -> dict[str, Any]:
    row = store.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document {doc_id}")
    spans = [dict(r, data=json.loads(r["data"])) for r in store.conn.execute(
        "SELECT kind, ord, span_start, span_end, text, data FROM spans WHERE doc_id = ? ORDER BY span_start",
        (doc_id,))]
    mark = _range(highlight, len(row["text"]))
    doc = {k: row[k] for k in ("id", "name", "source", "outlet", "url", "title", "author", "published",
                               "published_raw", "language", "story", "duplicate_of")}
    return {"document": doc, "text": row["text"], "highlight": mark,
            "items": {kind: [s for s in spans if s["kind"] == kind] for kind in KINDS},
            "segments": segments(row["text"], spans, mark)}


def _range(highlight: str | None, size: int) -> list[int] | None:
    m = re.fullmatch(r"(\d+)-(\d+)", highlight or "")
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return [start, end] if 0 <= start < end <= size else None


def segments(text: str, spans: list[dict[str, Any]], mark: list[int] | None) -> list[dict[str, Any]]:
    """The text cut at every span boundary; each piece knows which kinds of span cover it (for classes)."""
    bounds = {0, len(text)}
    items = [(s["span_start"], s["span_end"], s["kind"], s) for s in spans]
    if mark:
        items.append((mark[0], mark[1], "highlight", {}))
    for start, end, _, _ in items:
        bounds.update((start, end))
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [(kind, s) for start, end, kind, s in items if start <= a and b <= end]
        quantity = next((s for kind, s in covering if kind == "quantities"), None)
        out.append({"text": text[a:b], "start": a, "kinds": sorted({kind for kind, _ in covering}),
                    "title": "; ".join(_describe(kind, s) for kind, s in covering if kind != "highlight"),
                    "claim": f"{quantity['ord']}" if quantity else None})
    return out


def _describe(kind: str, span: dict[str, Any]) -> str:
    data = span.get("data", {})
    if kind == "entities":
        return f"{data.get('type')}: {data.get('canonical') or span['text']}"
    if kind == "quantities":
        return f"{data.get('hedge')} {data.get('value') or ''} {data.get('unit') or ''} · {data.get('claimant') or '?'}"
    if kind == "dates":
        return f"date {data.get('value')} ({data.get('granularity')}, {data.get('anchor')})"
    if kind == "quotes":
        return f"quote by {data.get('speaker') or '?'}"
    return f"boilerplate: {data.get('reason')}"


def search_view(store: Store, q: str) -> dict[str, Any]:
    q = (q or "").strip()
    if not q:
        return {"q": q, "documents": [], "quotes": []}
    query = " ".join('"' + word.replace('"', "") + '"' for word in q.split())  # every word, as a phrase: safe
    documents = [dict(r) for r in store.conn.execute(
        "SELECT f.doc_id AS id, d.name, d.title, d.outlet, d.published, snippet(documents_fts, 2, '[', ']', '…', 12) "
        "AS snippet FROM documents_fts f JOIN documents d ON d.id = f.doc_id WHERE documents_fts MATCH ? "
        "ORDER BY rank LIMIT 50", (query,))]
    quotes = [dict(r) for r in store.conn.execute(
        "SELECT q.doc_id, q.span_start, q.speaker, q.text, d.name FROM quotes_fts q JOIN documents d ON "
        "d.id = q.doc_id WHERE quotes_fts MATCH ? ORDER BY rank LIMIT 50", (query,))]
    return {"q": q, "documents": documents, "quotes": quotes}
