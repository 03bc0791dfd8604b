"""Speed of each extractor on real articles, and kabar's dates against dateparser on the gold dates.

usage: .venv/bin/python bench/extractors.py [--corpus CSV] [--runs N]
Default corpus: ../shared/data/news-id/detik-2025/data_berita.csv (909 unique Detik articles, column
`isi_berita`). Prints articles/second per stage (median of the runs) and, when the gold file is there,
date accuracy and time per article of kabar vs `dateparser.search_dates(languages=['id'])`.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kabar.clean.boilerplate import mark_boilerplate
from kabar.clean.language import detect_language
from kabar.extract.dates import find_dates
from kabar.extract.quantities import find_quantities
from kabar.extract.quotes import find_quotes
from kabar.extract.sentences import split_sentences

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DETIK = SHARED / "data/news-id/detik-2025/data_berita.csv"
GOLD = SHARED / "gold/kursk-2024.json"
SAMPLE = SHARED / "corpus/kursk-2024"
PUBLISHED = "2025-10-21"


def load_texts(path: Path) -> list[str]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(dict.fromkeys(row["isi_berita"] for row in csv.DictReader(handle) if row["isi_berita"]))


def stages(text: str) -> dict[str, Callable[[], Any]]:
    sentences = split_sentences(text, "id")
    bp = tuple((b.start, b.end) for b in mark_boilerplate(text, "id"))
    dates = tuple((d.start, d.end) for d in find_dates(text, PUBLISHED, "id", bp)[0])
    return {
        "language": lambda: detect_language(text),
        "boilerplate": lambda: mark_boilerplate(text, "id"),
        "sentences": lambda: split_sentences(text, "id"),
        "quotes": lambda: find_quotes(text, sentences, "id", bp),
        "dates": lambda: find_dates(text, PUBLISHED, "id", bp),
        "quantities": lambda: find_quantities(text, "id", bp + dates, sentences),
    }


def time_stages(texts: list[str], runs: int) -> dict[str, float]:
    names = list(stages("x"))
    rates: dict[str, list[float]] = {n: [] for n in names}
    prepared = [stages(t) for t in texts]
    for _ in range(runs):
        for name in names:
            start = time.perf_counter()
            for fns in prepared:
                fns[name]()
            rates[name].append(len(texts) / (time.perf_counter() - start))
    return {n: statistics.median(r) for n, r in rates.items()}


def dates_vs_dateparser() -> None:
    if not GOLD.exists():
        print("dates vs dateparser: the gold file is not there; skipped")
        return
    from datetime import datetime

    import dateparser.search

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    meta = {json.loads(line)["file"]: json.loads(line) for line in (SAMPLE / "meta.jsonl").open(encoding="utf-8")}
    ours = theirs = 0
    t_ours = t_theirs = 0.0
    for doc in gold["documents"]:
        text = (SAMPLE / doc).read_text(encoding="utf-8")
        published = meta[doc]["published"]
        start = time.perf_counter()
        found = find_dates(text, published, "id")[0]
        t_ours += time.perf_counter() - start
        start = time.perf_counter()
        settings = {"RELATIVE_BASE": datetime.fromisoformat(published), "PREFER_DATES_FROM": "past"}
        parsed = dateparser.search.search_dates(text, languages=["id"], settings=settings) or []  # type: ignore[arg-type]
        t_theirs += time.perf_counter() - start
        spans, pos = [], 0
        for surface, value in parsed:
            at = text.find(surface, pos)
            if at >= 0:
                spans.append((at, at + len(surface), value.date().isoformat()))
                pos = at + len(surface)
        for g in (x for x in gold["dates"] if x["doc"] == doc):
            cut = len(g["value"])
            ours += any(d.start < g["end"] and g["start"] < d.end and (d.value or "")[:cut] == g["value"]
                        for d in found)
            theirs += any(a < g["end"] and g["start"] < b and v[:cut] == g["value"] for a, b, v in spans)
    n, docs = len(gold["dates"]), len(gold["documents"])
    print(f"dates on the gold ({n} dates, {docs} articles): kabar accuracy {ours / n:.2f} at "
          f"{1000 * t_ours / docs:.2f} ms/article; dateparser.search_dates accuracy {theirs / n:.2f} at "
          f"{1000 * t_theirs / docs:.1f} ms/article; speed ratio {t_theirs / t_ours:.0f}x")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(DETIK))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"bench: {corpus} is not there", file=sys.stderr)
        return 1
    texts = load_texts(corpus)
    rates = time_stages(texts, args.runs)
    total = 1 / sum(1 / r for r in rates.values())
    print(f"{len(texts)} articles, one core, median of {args.runs} runs (articles/second):")
    for name, rate in rates.items():
        print(f"  {name:12} {rate:10.0f}")
    print(f"  {'all stages':12} {total:10.0f}")
    dates_vs_dateparser()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
