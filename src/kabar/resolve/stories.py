"""Stories and near-duplicates over the whole corpus.

Documents are taken in the order of their publication date (then id), so the result does not depend on the
order they were ingested in. A document joins the story whose centroid is most similar to its embedding,
with a bonus for the named entities they share, among stories with an article within STORY_WINDOW_DAYS;
otherwise it starts a story. Near-duplicates are found with MinHash and banded LSH (candidate pairs only,
not all pairs); a copy points at the earliest document of its set.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
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


@dataclass
class Story:
    id: str
    centroid: np.ndarray[Any, np.dtype[np.float32]]
    size: int
    first: date | None
    last: date | None
    entities: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Item:
    doc_id: str
    day: date | None
    vector: np.ndarray[Any, np.dtype[np.float32]]
    minhash: bytes
    entities: frozenset[str]


def load_items(store: Store) -> list[Item]:
    entities: dict[str, set[str]] = defaultdict(set)
    for row in store.conn.execute("SELECT doc_id, json_extract(data, '$.entity') FROM spans WHERE kind = 'entities'"):
        if row[1]:
            entities[row[0]].add(row[1])
    items = []
    for row in store.conn.execute("SELECT d.id, d.published, f.embedding, f.minhash FROM documents d "
                                  "JOIN document_fingerprints f ON f.doc_id = d.id"):
        items.append(Item(row[0], _day(row[1]), np.frombuffer(row[2], dtype=np.float32), row[3],
                          frozenset(entities[row[0]])))
    return sorted(items, key=lambda i: (i.day or date.max, i.doc_id))


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def cluster(items: list[Item]) -> dict[str, str]:
    """Document id -> story id. Cosine similarities to every open story come from one matrix product; the
    entity bonus is added for the CANDIDATES most similar stories only."""
    stories: list[Story] = []
    centroids = np.zeros((0, items[0].vector.shape[0] if items else 1), dtype=np.float32)
    out: dict[str, str] = {}
    idf = _idf(items)
    for item in items:
        best, score = None, -1.0
        if stories:
            norms = np.maximum(np.linalg.norm(centroids, axis=1), 1e-9)
            cosine = (centroids @ item.vector) / norms
            for index in np.argsort(-cosine)[:CANDIDATES]:
                story = stories[int(index)]
                if not _near(story, item.day):
                    continue
                s = float(cosine[index])
                if item.entities:
                    shared = sum(idf[e] for e in item.entities if e in story.entities)
                    s += settings.STORY_ENTITY_WEIGHT * shared / sum(idf[e] for e in item.entities)
                if s > score:
                    best, score = story, s
        if best is None or score < settings.STORY_THRESHOLD:
            best = Story("S" + hashlib.sha1(item.doc_id.encode()).hexdigest()[:10], np.zeros_like(item.vector), 0,
                         item.day, item.day)
            stories.append(best)
            centroids = np.vstack([centroids, best.centroid[None, :]])
        _add(best, item)
        centroids[stories.index(best)] = best.centroid
        out[item.doc_id] = best.id
    return _merge_stories(stories, out)


def _merge_stories(stories: list[Story], out: dict[str, str]) -> dict[str, str]:
    """Join two stories whose centroids are close and whose times meet: a story that split while it grew
    (a wedding's ceremony and its reception) becomes one again. The older story's id is kept."""
    if len(stories) < 2:
        return out
    matrix = np.vstack([s.centroid / max(float(np.linalg.norm(s.centroid)), 1e-9) for s in stories])
    similar = matrix @ matrix.T
    target = list(range(len(stories)))

    def root(i: int) -> int:
        while target[i] != i:
            i = target[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(similar, 1) >= settings.STORY_MERGE), strict=True):
        a, b = stories[int(i)], stories[int(j)]
        if _near(a, b.first) or _near(a, b.last):
            ra, rb = root(int(i)), root(int(j))
            target[max(ra, rb)] = min(ra, rb)
    rename = {stories[i].id: stories[root(i)].id for i in range(len(stories))}
    return {doc: rename[story] for doc, story in out.items()}


def _idf(items: list[Item]) -> dict[str, float]:
    """How telling a shared entity is: log(N / documents naming it); "Indonesia" says little, "Zarof" a lot."""
    df: dict[str, int] = defaultdict(int)
    for item in items:
        for entity in item.entities:
            df[entity] += 1
    n = max(len(items), 1)
    return {e: math.log(n / c) + 1e-6 for e, c in df.items()}


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


def duplicates(items: list[Item]) -> dict[str, str]:
    """Copy's document id -> the earliest document it copies (estimated Jaccard ≥ DUPLICATE_JACCARD)."""
    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for band in range(BANDS):
            buckets[(band, item.minhash[band * rows * 4 : (band + 1) * rows * 4])].append(index)
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


def resolve_stories(store: Store) -> tuple[int, int]:
    """Write every document's story and duplicate_of; returns (stories, duplicates)."""
    items = load_items(store)
    stories = cluster(items)
    copies = duplicates(items)
    with store.transaction():
        store.conn.executemany("UPDATE documents SET story = ?, duplicate_of = ? WHERE id = ?",
                               [(stories[i.doc_id], copies.get(i.doc_id), i.doc_id) for i in items])
    return len(set(stories.values())), len(copies)
