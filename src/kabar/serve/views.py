"""The data of every page, computed once for the HTML page and its JSON twin (the same view)."""

from __future__ import annotations

import itertools
import json
import re
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kabar.resolve.disagreements import disagreements
from kabar.resolve.ledger import Claim, ClaimGroup, build_ledger, filter_groups, scope_links
from kabar.serve.ledger_view import figure
from kabar.serve.stories_view import story_rows
from kabar.store import Store

KINDS = ("boilerplate", "entities", "quantities", "dates", "quotes")
# Groups on one ledger page, and claims shown per group (the rest are counted; filters narrow them).
PAGE_GROUPS = 10
GROUP_CLAIMS = 60
# Rows on one page of stories and of entities, and results of each kind on one page of search, by default.
PAGE_ROWS = 100
SEARCH_ROWS = 50
# Caps on what one web request may ask for. A page is built whole in memory, so `limit` bounds the time and
# memory of a request: `/ledger?limit=100000` once took 14 s, grew the server from 305 MB to 1.09 GB (never
# given back) and held up every other request; a ledger page of MAX_GROUPS groups is about 2.5 MB of HTML.
MAX_GROUPS = 100
MAX_ROWS = 500
# Offsets and counts past these are refused (422), not looked up: no store is that large, and SQLite's
# OFFSET overflows at 2**63.
MAX_OFFSET = 10_000_000
MAX_MIN_CLAIMS = 1_000_000


class NotFound(Exception):
    """The page names something the store does not hold."""


@dataclass
class Snapshot:
    """What the pages derive from one store version: built once, then only read (shared by all threads). The
    parts that only some pages need are built on their first use."""

    version: tuple[int, ...]
    groups: list[ClaimGroup]
    by_key: dict[str, ClaimGroup]
    wider: dict[str, str]  # group key -> key of the same subject in the wider place (scope_links)
    stories: list[dict[str, Any]] | None = None
    story_by_id: dict[str, dict[str, Any]] | None = None
    story_groups: dict[str, list[tuple[ClaimGroup, list[Claim]]]] | None = None
    words: list[Any] | None = None

    @classmethod
    def build(cls, store: Store, version: tuple[int, ...]) -> Snapshot:
        groups = build_ledger(store)
        return cls(version, groups, {g.key: g for g in groups}, dict(scope_links(groups)))


@dataclass
class Cache:
    """Derived views of one store version: the ledger and the stories are rebuilt only when it changes.

    A request asks for the snapshot once (one cheap query for the store's version) and reads it without a
    lock. When the store has changed: by default (the report, the API) the caller rebuilds it, holding the
    lock so that others wait instead of building the same thing side by side; when `serving` (the web app),
    one background thread builds the new snapshot whole (with the stories, their index and the
    disagreements) and publishes it when done, and requests meanwhile get the last one: no request waits
    for a rebuild (an ingest running beside the server changes the version at every batch). Only the first
    snapshot is waited for."""

    current: Snapshot | None = None
    serving: bool = False
    lock: threading.RLock = field(default_factory=threading.RLock)
    versions: weakref.WeakKeyDictionary[Store, tuple[int, tuple[int, ...]]] = field(
        default_factory=weakref.WeakKeyDictionary)
    rebuilding: threading.Thread | None = None
    starting: threading.Lock = field(default_factory=threading.Lock)  # for `rebuilding` only: held for no time

    def version(self, store: Store) -> tuple[int, ...]:
        """The store's version, read again only when another connection has committed since this one last read
        it (SQLite's data_version tells, at no cost), so a request does not count the documents each time."""
        changes = int(store.conn.execute("PRAGMA data_version").fetchone()[0])
        known = self.versions.get(store)
        if known is not None and known[0] == changes:
            return known[1]
        version = store.version()
        self.versions[store] = (changes, version)
        return version

    def snapshot(self, store: Store) -> Snapshot:
        version = self.version(store)
        snap = self.current
        if snap is not None and snap.version == version:
            return snap
        if snap is not None and self.serving:
            self._rebuild_later(store.path)
            return snap
        with self.lock:
            snap = self.current
            if snap is None or snap.version != version:
                snap = self._build(store, version)
            return snap

    def _build(self, store: Store, version: tuple[int, ...]) -> Snapshot:
        snap = Snapshot.build(store, version)
        if self.serving:
            self.story_groups(store, snap, "")
            self.disagreements(store, snap)
        self.current = snap
        return snap

    def _rebuild_later(self, path: str) -> None:
        with self.starting:
            if self.rebuilding is not None and self.rebuilding.is_alive():
                return
            self.rebuilding = threading.Thread(target=self._rebuild, args=(path,), name="kabar-rebuild", daemon=True)
            self.rebuilding.start()

    def _rebuild(self, path: str) -> None:
        with Store(path) as store:
            version = store.version()
            snap = self.current
            if snap is None or snap.version != version:
                self._build(store, version)

    def changed(self, version: tuple[int, ...]) -> bool:
        """Whether the store is at `version` and the snapshot not yet (being rebuilt, or to be)."""
        snap = self.current
        return snap is not None and snap.version != version

    def ledger(self, store: Store) -> list[ClaimGroup]:
        return self.snapshot(store).groups

    def story_list(self, store: Store, snap: Snapshot | None = None) -> list[dict[str, Any]]:
        snap = snap or self.snapshot(store)
        if snap.stories is None:
            with self.lock:
                if snap.stories is None:
                    rows = story_rows(store)
                    snap.story_by_id = {r["id"]: r for r in rows}
                    snap.stories = rows
        return snap.stories

    def story(self, store: Store, snap: Snapshot, story_id: str) -> dict[str, Any] | None:
        self.story_list(store, snap)
        assert snap.story_by_id is not None
        return snap.story_by_id.get(story_id)

    def story_groups(self, store: Store, snap: Snapshot, story_id: str) -> list[tuple[ClaimGroup, list[Claim]]]:
        """The groups with claims from one story's documents, and those claims (indexed once per version)."""
        if snap.story_groups is None:
            with self.lock:
                if snap.story_groups is None:
                    docs = {d: r["id"] for r in self.story_list(store, snap) for d in r["documents"]}
                    index: dict[str, list[tuple[ClaimGroup, list[Claim]]]] = {}
                    for group in snap.groups:
                        mine: dict[str, list[Claim]] = {}
                        for claim in group.claims:
                            story = docs.get(claim.doc_id)
                            if story is not None:
                                mine.setdefault(story, []).append(claim)
                        for story, claims in mine.items():
                            index.setdefault(story, []).append((group, claims))
                    snap.story_groups = index
        return snap.story_groups.get(story_id, [])

    def disagreements(self, store: Store, snap: Snapshot | None = None) -> list[Any]:
        snap = snap or self.snapshot(store)
        if snap.words is None:
            with self.lock:
                if snap.words is None:
                    snap.words = disagreements(store)
        return snap.words


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


def ledger_view(store: Store, cache: Cache, params: Mapping[str, Any]) -> dict[str, Any]:
    """A page of claim groups. `params` are the page's query parameters (validated by the web app; the report
    passes its own): subject, place, claimant, outlet, from, to (filters), min_claims, offset, limit."""
    snap = cache.snapshot(store)
    params = {k: v for k, v in params.items() if v is not None and v != ""}
    min_claims = int(params.get("min_claims") or 1)
    subject, place, claimant = params.get("subject"), params.get("place"), params.get("claimant")
    groups = snap.groups
    if subject or place or claimant or min_claims > 1:
        groups = filter_groups(groups, subject, place, claimant, min_claims)
    outlet, since, until = params.get("outlet"), params.get("from"), params.get("to")
    if outlet or since or until:
        groups = [g for g in groups if any(_claim_matches(c, outlet, since, until) for c in g.claims)]
    limit, offset = int(params.get("limit") or PAGE_GROUPS), int(params.get("offset") or 0)
    filtered = any(k in params for k in ("subject", "place", "claimant", "outlet", "from", "to", "min_claims"))
    return {"filters": {k: v for k, v in params.items() if k not in ("offset", "limit")}, "count": len(groups),
            "offset": offset, "limit": limit,
            "groups": [group_dict(g, snap.wider) for g in groups[offset : offset + limit]],
            "disagreements": [] if filtered or offset else
            [_words(d) for d in cache.disagreements(store, snap)[:100]]}


def _claim_matches(claim: Claim, outlet: str | None, since: str | None, until: str | None) -> bool:
    return ((not outlet or outlet.lower() in (claim.outlet or "").lower())
            and (not since or (claim.date or "") >= since)
            and (not until or (claim.date or "9999")[: len(until)] <= until))  # to=2025-06: all of June


def _words(item: Any) -> dict[str, Any]:
    return {"event": item.event,
            "affirmed": {"claimant": item.affirmed.claimant, "text": item.affirmed.text.strip(),
                         "doc_id": item.affirmed.doc_id, "doc_name": item.affirmed.doc_name},
            "negated": {"claimant": item.negated.claimant, "text": item.negated.text.strip(),
                        "doc_id": item.negated.doc_id, "doc_name": item.negated.doc_name}}


def stories_view(store: Store, cache: Cache, offset: int = 0, limit: int = PAGE_ROWS) -> dict[str, Any]:
    """A page of stories, largest first."""
    rows = cache.story_list(store)
    return {"count": len(rows), "offset": offset, "limit": limit,
            "stories": [{k: v for k, v in r.items() if k != "documents"} for r in rows[offset : offset + limit]]}


def story_view(store: Store, cache: Cache, story_id: str) -> dict[str, Any]:
    snap = cache.snapshot(store)
    row = cache.story(store, snap, story_id)
    if row is None:
        raise NotFound(f"no story {story_id}")
    docs = set(row["documents"])
    groups = [group_dict(ClaimGroup(group.subject, group.location, group.within, group.story, mine,
                                    [r for r in group.relations if r.a.split(":")[0] in docs
                                     and r.b.split(":")[0] in docs]), snap.wider)
              for group, mine in cache.story_groups(store, snap, story_id)]
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


def entities_view(store: Store, q: str | None = None, offset: int = 0, limit: int = PAGE_ROWS) -> dict[str, Any]:
    """A page of entities, most mentioned first; `q` keeps those whose canonical name contains it (any case)."""
    like = "%" + _plain(q or "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    count = store.conn.execute("SELECT COUNT(*) FROM entities WHERE canonical LIKE ? ESCAPE '\\'",
                               (like,)).fetchone()[0]
    rows = store.conn.execute(
        "SELECT e.id, e.canonical, e.type, e.within, e.mentions, (SELECT COUNT(*) FROM entity_aliases a WHERE "
        "a.entity_id = e.id) AS aliases FROM entities e WHERE e.canonical LIKE ? ESCAPE '\\' "
        "ORDER BY e.mentions DESC, e.canonical LIMIT ? OFFSET ?", (like, limit, offset)).fetchall()
    return {"q": q or "", "count": int(count), "offset": offset, "limit": limit, "entities": [dict(r) for r in rows]}


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


def _plain(text: str) -> str:
    """Text without control characters (NUL ends a string in SQLite's FTS5 query parser)."""
    return "".join(ch for ch in text if ch >= " " and ch != "\x7f")


def search_view(store: Store, q: str | None, offset: int = 0, limit: int = SEARCH_ROWS) -> dict[str, Any]:
    """A page of documents and a page of quotes (the same offset and limit for both) matching every word of q."""
    q = _plain(q or "").strip()
    page = {"q": q, "offset": offset, "limit": limit}
    query = " ".join('"' + word.replace('"', "") + '"' for word in q.split())  # every word, as a phrase: safe
    if not query.replace('"', "").strip():
        return {**page, "count": 0, "quotes_count": 0, "documents": [], "quotes": []}
    count = store.conn.execute("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?", (query,)).fetchone()[0]
    quotes_count = store.conn.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH ?",
                                      (query,)).fetchone()[0]
    documents = [dict(r) for r in store.conn.execute(
        "SELECT f.doc_id AS id, d.name, d.title, d.outlet, d.published, snippet(documents_fts, 2, '[', ']', '…', 12) "
        "AS snippet FROM documents_fts f JOIN documents d ON d.id = f.doc_id WHERE documents_fts MATCH ? "
        "ORDER BY rank LIMIT ? OFFSET ?", (query, limit, offset))]
    quotes = [dict(r) for r in store.conn.execute(
        "SELECT q.doc_id, q.span_start, q.speaker, q.text, d.name FROM quotes_fts q JOIN documents d ON "
        "d.id = q.doc_id WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?", (query, limit, offset))]
    return {**page, "count": int(count), "quotes_count": int(quotes_count), "documents": documents, "quotes": quotes}
