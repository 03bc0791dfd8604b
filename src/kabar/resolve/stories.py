"""Stories and near-duplicates, kept up to date incrementally.

New documents are taken in the order of their publication date (then id). A document joins the story
whose centroid is most similar to its embedding, with a bonus for the named entities they share (weighted
by how rare they are), among stories with an article within STORY_WINDOW_DAYS; otherwise it starts a story.
Only stories that are still open at the document's date are compared, so the cost grows with the open
stories, not with the corpus. The stories' centroids, sizes, dates and entities are stored
(`story_state`), so the next ingest continues from them instead of reclustering the corpus; two stories
whose centroids meet are merged (the older id is kept). A corpus ingested in one run gets the same stories
whatever the order of its files; documents that arrive in a later run join the stories that exist then.

Near-duplicates: MinHash signatures cut into bands; a new document is compared with the stored documents
that share a band (`minhash_bands`), and a copy points at the earliest document of its set.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from kabar import settings
from kabar.extract.fingerprints import PERMUTATIONS, similarity
from kabar.store import Store

# Stories compared in full with each document: the most similar by embedding (the rest cannot win).
CANDIDATES = 20
BANDS = 16  # LSH: 16 bands of 4 rows find pairs above ~0.5 Jaccard with high probability
# New documents read from the store at a time (bounds memory on large ingests).
READ_BATCH = 1000
# Stories compared at once when looking for merges (bounds the similarity matrix).
MERGE_ROWS = 512

Vector = np.ndarray[Any, np.dtype[np.float32]]


@dataclass
class Story:
    id: str
    centroid: Vector
    size: int
    first: date | None
    last: date | None
    entities: dict[str, int] = field(default_factory=dict)
    anchor: tuple[date, str] = (date.max, "")  # its earliest document's (date, id): names the story

    def rename(self) -> None:
        self.id = story_id(self.anchor[1])


def story_id(doc_id: str) -> str:
    """A story is named after its earliest document, so the same articles give the same id in any order."""
    return "S" + hashlib.sha1(doc_id.encode()).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class Item:
    doc_id: str
    day: date | None
    vector: Vector
    minhash: bytes
    entities: frozenset[str]


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _key(day: date | None, doc_id: str) -> tuple[date, str]:
    return (day or date.max, doc_id)


class Clusterer:
    """Assigns items, in date order, to the open stories (those near the item's date)."""

    def __init__(self, stories: Iterable[Story], idf: Mapping[str, float], default_idf: float) -> None:
        self.stories: list[Story] = list(stories)
        self.idf, self.default_idf = idf, default_idf
        self.touched: set[int] = set()
        self.day: date | None = None
        self.active: list[int] = []
        self.matrix: Vector = np.zeros((0, 0), dtype=np.float32)  # normed centroids of the active stories
        self._reopen(list(range(len(self.stories))))

    def _weight(self, entity: str) -> float:
        return self.idf.get(entity, self.default_idf)

    def _reopen(self, active: list[int]) -> None:
        self.active = active
        rows = [self._normed(self.stories[i]) for i in active]
        dim = rows[0].shape[0] if rows else (self.matrix.shape[1] or 1)
        self.matrix = np.zeros((max(16, 2 * len(rows)), dim), dtype=np.float32)
        if rows:
            self.matrix[: len(rows)] = np.vstack(rows)

    def _open(self, day: date | None) -> int:
        """How many stories are open at `day` (items come in date order, so closed ones never reopen)."""
        if day is not None and day != self.day:
            self.day = day
            kept = [i for i in self.active if _near(self.stories[i], day) or _later(self.stories[i], day)]
            if len(kept) != len(self.active):
                self._reopen(kept)
        return len(self.active)

    def add(self, item: Item) -> Story:
        n = self._open(item.day)
        best, score, position = None, -1.0, -1
        if n:
            cosine = self.matrix[:n] @ item.vector
            total = sum(self._weight(e) for e in item.entities)
            for index in np.argsort(-cosine)[:CANDIDATES]:
                story = self.stories[self.active[int(index)]]
                if not _near(story, item.day):
                    continue
                s = float(cosine[index])
                if item.entities:
                    shared = sum(self._weight(e) for e in item.entities if e in story.entities)
                    s += settings.STORY_ENTITY_WEIGHT * shared / total
                if s > score:
                    best, score, position = story, s, int(index)
        if best is None or score < settings.STORY_THRESHOLD:
            best = Story(story_id(item.doc_id), np.zeros_like(item.vector), 0, item.day, item.day,
                         anchor=_key(item.day, item.doc_id))
            self.stories.append(best)
            self.active.append(len(self.stories) - 1)
            position = len(self.active) - 1
            if position >= self.matrix.shape[0] or self.matrix.shape[1] != item.vector.shape[0]:
                grown = np.zeros((2 * position + 16, item.vector.shape[0]), dtype=np.float32)
                if self.matrix.shape[1] == item.vector.shape[0]:
                    grown[: self.matrix.shape[0]] = self.matrix
                self.matrix = grown
        _add(best, item)
        self.touched.add(self.active[position])
        self.matrix[position] = self._normed(best)
        return best

    @staticmethod
    def _normed(story: Story) -> Vector:
        return (story.centroid / max(float(np.linalg.norm(story.centroid)), 1e-9)).astype(np.float32)

    def merges(self) -> dict[int, int]:
        """Story index -> the story it joins: a touched story whose centroid is close to another's and whose
        time meets it (a story that split while it grew becomes one again); the one with the earliest
        document stays."""
        if len(self.stories) < 2 or not self.touched:
            return {}
        matrix = np.vstack([self._normed(s) for s in self.stories])
        target = list(range(len(self.stories)))

        def root(i: int) -> int:
            while target[i] != i:
                i = target[i]
            return i

        touched = sorted(self.touched)
        pairs: set[tuple[int, int]] = set()
        for at in range(0, len(touched), MERGE_ROWS):
            rows = touched[at : at + MERGE_ROWS]
            similar = matrix[rows] @ matrix.T
            for r, j in zip(*np.nonzero(similar >= settings.STORY_MERGE), strict=True):
                i = rows[int(r)]
                if i != int(j):
                    pairs.add((min(i, int(j)), max(i, int(j))))
        for i, j in sorted(pairs):
            a, b = self.stories[i], self.stories[j]
            if _near(a, b.first) or _near(a, b.last):
                ri, rj = root(i), root(j)
                if ri != rj:
                    keep, drop = sorted((ri, rj), key=lambda k: self.stories[k].anchor)
                    target[drop] = keep
        return {i: root(i) for i in range(len(self.stories)) if root(i) != i}

    def merge(self) -> dict[int, int]:
        """Apply `merges`: the joined stories' centroids, sizes, dates and entities go to the one kept."""
        joined = self.merges()
        for i, keep in sorted(joined.items()):
            _absorb(self.stories[keep], self.stories[i])
            self.touched.add(keep)
        return joined


def _absorb(story: Story, other: Story) -> None:
    total = story.size + other.size
    story.centroid = ((story.centroid * story.size + other.centroid * other.size) / max(total, 1)).astype(np.float32)
    story.size = total
    story.first = min((d for d in (story.first, other.first) if d), default=None)
    story.last = max((d for d in (story.last, other.last) if d), default=None)
    for entity, n in other.entities.items():
        story.entities[entity] = story.entities.get(entity, 0) + n


def cluster(items: list[Item], known: Iterable[Story] = (), idf: Mapping[str, float] | None = None) -> dict[str, str]:
    """Document id -> story id for items in date order (tests, benchmarks, small corpora)."""
    weights = idf if idf is not None else _idf(items)
    clusterer = Clusterer(known, weights, math.log(max(len(items), 1)) + 1e-6)
    placed = [(item.doc_id, clusterer.add(item)) for item in items]
    joined = clusterer.merges()
    index = {id(story): i for i, story in enumerate(clusterer.stories)}
    return {doc: clusterer.stories[joined.get(index[id(story)], index[id(story)])].id for doc, story in placed}


def _idf(items: list[Item]) -> dict[str, float]:
    """How telling a shared entity is: log(N / documents naming it); "Indonesia" says little, "Zarof" a lot."""
    df: dict[str, int] = defaultdict(int)
    for item in items:
        for entity in item.entities:
            df[entity] += 1
    n = max(len(items), 1)
    return {e: math.log(n / c) + 1e-6 for e, c in df.items()}


def _later(story: Story, day: date) -> bool:
    return story.first is not None and story.first > day


def _near(story: Story, day: date | None) -> bool:
    if day is None or story.first is None or story.last is None:
        return True
    return (story.first - day).days <= settings.STORY_WINDOW_DAYS and (day - story.last).days <= \
        settings.STORY_WINDOW_DAYS


def _add(story: Story, item: Item) -> None:
    story.centroid = ((story.centroid * story.size + item.vector) / (story.size + 1)).astype(np.float32)
    story.size += 1
    if item.day:
        story.first = min(story.first or item.day, item.day)
        story.last = max(story.last or item.day, item.day)
    for entity in item.entities:
        story.entities[entity] = story.entities.get(entity, 0) + 1
    if _key(item.day, item.doc_id) < story.anchor:
        story.anchor = _key(item.day, item.doc_id)
        story.rename()


def bands(signature: bytes) -> list[bytes]:
    rows = PERMUTATIONS // BANDS
    return [bytes([band]) + signature[band * rows * 4 : (band + 1) * rows * 4] for band in range(BANDS)]


def duplicates(items: list[Item]) -> dict[str, str]:
    """Copy's document id -> the earliest document it copies (estimated Jaccard ≥ DUPLICATE_JACCARD)."""
    buckets: dict[bytes, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for key in bands(item.minhash):
            buckets[key].append(index)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in buckets.values():
        for i in members[1:]:
            if similarity(items[members[0]].minhash, items[i].minhash) >= settings.DUPLICATE_JACCARD:
                a, b = find(members[0]), find(i)
                parent[max(a, b)] = min(a, b)
    return {item.doc_id: items[find(i)].doc_id for i, item in enumerate(items) if find(i) != i}


# --- the store --------------------------------------------------------------------------------------------

def load_items(store: Store, unresolved_only: bool = False) -> list[Item]:
    """Every (or every unresolved) document with fingerprints as an item, in date order."""
    return [item for batch in _item_batches(store, unresolved_only) for item in batch]


def _item_batches(store: Store, unresolved_only: bool) -> Iterator[list[Item]]:
    where = "WHERE d.resolved = 0" if unresolved_only else ""
    order = sorted((_key(_day(r[1]), r[0]), r[0]) for r in store.conn.execute(
        f"SELECT d.id, d.published FROM documents d JOIN document_fingerprints f ON f.doc_id = d.id {where}"))
    for at in range(0, len(order), READ_BATCH):
        ids = [doc for _, doc in order[at : at + READ_BATCH]]
        marks = ", ".join("?" for _ in ids)
        entities: dict[str, set[str]] = defaultdict(set)
        for row in store.conn.execute(f"SELECT doc_id, json_extract(data, '$.entity') FROM spans WHERE kind = "
                                      f"'entities' AND doc_id IN ({marks})", ids):
            if row[1]:
                entities[row[0]].add(row[1])
        rows = {r[0]: r for r in store.conn.execute(
            f"SELECT d.id, d.published, f.embedding, f.minhash FROM documents d JOIN document_fingerprints f ON "
            f"f.doc_id = d.id WHERE d.id IN ({marks})", ids)}
        yield [Item(doc, _day(rows[doc][1]), np.frombuffer(rows[doc][2], dtype=np.float32), rows[doc][3],
                    frozenset(entities[doc])) for doc in ids]


def _store_idf(store: Store) -> tuple[dict[str, float], float]:
    """Entity -> log(N / documents naming it), from the node counts the store keeps."""
    n = max(store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0], 1)
    df: dict[str, int] = defaultdict(int)
    for entity, docs in store.conn.execute(
            "SELECT n.entity, d.docs FROM entity_node_docs d JOIN entity_nodes n ON n.node = d.node"):
        df[entity] += docs
    return {e: math.log(n / min(c, n)) + 1e-6 for e, c in df.items()}, math.log(n) + 1e-6


def _load_stories(store: Store) -> list[Story]:
    return [Story(r[0], np.frombuffer(r[1], dtype=np.float32).copy(), r[2], _day(r[3]), _day(r[4]),
                  json.loads(r[5]), _key(_day(r[6]), r[7])) for r in store.conn.execute(
                      "SELECT id, centroid, size, first, last, entities, anchor_day, anchor FROM story_state "
                      "ORDER BY id")]


def resolve_stories(store: Store) -> tuple[int, int]:
    """Place every document not placed yet in a story and find its copies; returns (new stories, copies)."""
    idf, default = _store_idf(store)
    clusterer = Clusterer(_load_stories(store), idf, default)
    known = len(clusterer.stories)
    loaded = [story.id for story in clusterer.stories]
    copies = 0
    placed: list[tuple[str, Story]] = []
    # A re-extracted document keeps the story it has (its share is in that story's state already); a store
    # without story state (new, or made before it existed) places every document.
    kept = {r[0] for r in store.conn.execute(
        "SELECT id FROM documents WHERE resolved = 0 AND story IS NOT NULL")} if known else set()
    with store.transaction():
        for batch in _item_batches(store, unresolved_only=True):
            for item in batch:
                if item.doc_id in kept:
                    continue
                placed.append((item.doc_id, clusterer.add(item)))
                copies += _place_copy(store, item)
        joined = clusterer.merge()
        index = {id(story): i for i, story in enumerate(clusterer.stories)}

        def final(i: int) -> str:
            return clusterer.stories[joined.get(i, i)].id

        for i, old in enumerate(loaded):
            if final(i) != old:
                store.conn.execute("UPDATE documents SET story = ? WHERE story = ?", (final(i), old))
                store.conn.execute("DELETE FROM story_state WHERE id = ?", (old,))
        store.conn.executemany("UPDATE documents SET story = ?, resolved = 1 WHERE id = ?",
                               [(final(index[id(story)]), doc) for doc, story in placed])
        store.conn.executemany(
            "INSERT OR REPLACE INTO story_state (id, centroid, size, first, last, entities, anchor_day, anchor) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(s.id, s.centroid.astype(np.float32).tobytes(), s.size, s.first and s.first.isoformat(),
              s.last and s.last.isoformat(), json.dumps(s.entities, sort_keys=True, allow_nan=False),
              None if s.anchor[0] == date.max else s.anchor[0].isoformat(), s.anchor[1])
             for i, s in enumerate(clusterer.stories) if i in clusterer.touched and i not in joined])
        store.conn.execute("UPDATE documents SET resolved = 1 WHERE resolved = 0")
    return len(clusterer.stories) - known, copies


def _place_copy(store: Store, item: Item) -> int:
    """Compare a new document with the stored originals that share a MinHash band; 1 when it is a copy.
    Only originals keep their bands: a later copy matches the original, so the comparisons per document
    do not grow with the number of copies already seen."""
    keys = bands(item.minhash)
    marks = ", ".join("?" for _ in keys)
    candidates = [r[0] for r in store.conn.execute(
        f"SELECT DISTINCT b.doc_id FROM minhash_bands b WHERE b.band IN ({marks})", keys) if r[0] != item.doc_id]
    roots = set()
    if candidates:
        cmarks = ", ".join("?" for _ in candidates)
        for doc_id, signature, duplicate_of in store.conn.execute(
                f"SELECT d.id, f.minhash, d.duplicate_of FROM documents d JOIN document_fingerprints f ON "
                f"f.doc_id = d.id WHERE d.id IN ({cmarks})", candidates):
            if similarity(signature, item.minhash) >= settings.DUPLICATE_JACCARD:
                roots.add(duplicate_of or doc_id)
    earliest = item.doc_id
    if roots:
        rmarks = ", ".join("?" for _ in roots)
        keyed = {_key(_day(r[1]), r[0]): r[0] for r in store.conn.execute(
            f"SELECT id, published FROM documents WHERE id IN ({rmarks})", tuple(roots))}
        keyed[_key(item.day, item.doc_id)] = item.doc_id
        earliest = keyed[min(keyed)]
        for root in set(keyed.values()) - {earliest}:
            store.conn.execute("UPDATE documents SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?",
                               (earliest, root, root))
    if earliest == item.doc_id:  # an original: later copies will find it by its bands
        store.conn.executemany("INSERT OR IGNORE INTO minhash_bands (band, doc_id) VALUES (?, ?)",
                               [(k, item.doc_id) for k in keys])
        return 0
    return 1
