"""Story clustering quality on hand-labelled real articles, and a sweep of its threshold.

usage: .venv/bin/python bench/stories.py [--db DB]
Ingests ../shared/data/news-id/june-2025-multi-outlet.jsonl (3,447 articles; or reuses --db), clusters
the whole corpus, and scores the labelled articles of tests/data/stories-june-2025.json (stories read
from their titles; singletons are random articles of other topics): pairwise precision, recall and F1
over the labelled articles, for several thresholds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

from kabar import settings
from kabar.ingest import ingest
from kabar.resolve.stories import cluster, load_items
from kabar.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/data/news-id/june-2025-multi-outlet.jsonl"
LABELS = ROOT / "tests/data/stories-june-2025.json"


def gold_pairs() -> tuple[dict[str, str], set[tuple[str, str]]]:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    story = {doc: name for name, docs in labels["stories"].items() for doc in docs}
    story.update({doc: f"single:{doc}" for doc in labels["singletons"]})
    same = {tuple(sorted(p)) for p in itertools.combinations(story, 2) if story[p[0]] == story[p[1]]}
    return story, same  # type: ignore[return-value]


def score(predicted: dict[str, str], names: dict[str, str]) -> tuple[float, float, float]:
    story, same = gold_pairs()
    docs = [d for d in story if d in predicted]
    pred = {tuple(sorted(p)) for p in itertools.combinations(docs, 2) if predicted[p[0]] == predicted[p[1]]}
    gold = {p for p in same if p[0] in predicted and p[1] in predicted}
    tp = len(pred & gold)
    precision = tp / len(pred) if pred else 1.0
    recall = tp / len(gold) if gold else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="a store that already holds the June corpus")
    args = parser.parse_args(argv)
    if not CORPUS.exists() and not args.db:
        print(f"bench: {CORPUS} is not there", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "june.db"
        if not args.db:
            ingest([str(CORPUS)], db, workers=2)
        with Store(db) as store:
            items = load_items(store)
            names = {r[0]: r[1] for r in store.conn.execute("SELECT id, name FROM documents")}
    by_name = {names[i.doc_id]: i for i in items}
    print(f"{len(items)} articles; labelled: {sum(1 for d in gold_pairs()[0] if d in by_name)}")
    default = (settings.STORY_THRESHOLD, settings.STORY_MERGE)
    for threshold, merge in [(t, m) for t in (0.6, 0.65, 0.7, 0.75) for m in (0.8, 0.85, 0.9, 1.01)]:
        settings.STORY_THRESHOLD, settings.STORY_MERGE = threshold, merge
        stories = cluster(items)
        predicted = {names[d]: s for d, s in stories.items()}
        p, r, f = score(predicted, names)
        mark = "  <- settings" if (threshold, merge) == default else ""
        print(f"threshold {threshold:.2f} merge {merge:.2f}: {len(set(stories.values()))} stories; "
              f"pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}{mark}")
    settings.STORY_THRESHOLD, settings.STORY_MERGE = default
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
