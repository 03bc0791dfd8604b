"""Where the per-document time goes: pyinstrument over the pipeline on real articles, one core.

usage: .venv/bin/python bench/profile.py [CORPUS.jsonl] [--limit N] [--html OUT.html]
Default corpus: the first 500 articles of ../shared/data/news-id/june-2025-multi-outlet.jsonl. Models are
loaded before the profile starts (as the ingest workers do), so the profile is of steady-state work.
Prints milliseconds per article for each stage, then pyinstrument's call tree.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path

from kabar import pipeline
from kabar.read.raw import RawRecord, ReadOptions
from kabar.read.sources import iter_inputs
from kabar.records import Document, Reject

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/news-id/june-2025-multi-outlet.jsonl"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    args = parser.parse_args(argv)
    if not Path(args.corpus).exists():
        print(f"bench: {args.corpus} is not there", file=sys.stderr)
        return 1
    from pyinstrument import Profiler

    records = [r for r in itertools.islice(iter_inputs([args.corpus], ReadOptions()), args.limit)
               if isinstance(r, RawRecord)]
    pipeline.warm()
    spent: dict[str, float] = defaultdict(float)
    original = list(pipeline.STAGES)
    pipeline.STAGES[:] = [pipeline.Stage(s.name, s.version, timed(s, spent)) for s in original]
    profiler = Profiler()
    start = time.perf_counter()
    with profiler:
        results = [pipeline.process(r) for r in records]
    total = time.perf_counter() - start
    pipeline.STAGES[:] = original
    n = sum(1 for r in results if not isinstance(r, Reject))
    print(f"{n} articles, {total / n * 1000:.1f} ms per article (profiled)")
    for name, seconds in spent.items():
        print(f"  {name:<14} {seconds / n * 1000:6.2f} ms")
    print(f"  {'reading':<14} {(total - sum(spent.values())) / n * 1000:6.2f} ms (decode, language, published date)")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")
    return 0


def timed(stage: pipeline.Stage, spent: dict[str, float]) -> pipeline.StageFn:
    def run(doc: Document, found: dict[str, object]) -> dict[str, object]:
        start = time.perf_counter()
        try:
            return stage.fn(doc, found)
        finally:
            spent[stage.name] += time.perf_counter() - start

    return run


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
