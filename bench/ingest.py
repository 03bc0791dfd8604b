"""Ingest throughput on real articles: documents per second end to end, and peak memory.

usage: .venv/bin/python bench/ingest.py [CORPUS.jsonl] [--workers N] [--runs N] [--limit N]
Default corpus: ../shared/data/news-id/june-2025-multi-outlet.jsonl (3,447 articles). Each run ingests
into a fresh temporary store; the median of the runs is printed with the peak resident memory.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kabar.ingest import ingest

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/news-id/june-2025-multi-outlet.jsonl"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="only the first N lines")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"bench: {corpus} is not there; pass a JSONL corpus", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        if args.limit:  # streamed: the benchmark's own memory stays out of the peak it reports
            limited = Path(tmp) / "corpus.jsonl"
            with corpus.open(encoding="utf-8") as source, limited.open("w", encoding="utf-8") as target:
                target.writelines(itertools.islice(source, args.limit))
            corpus = limited
        rates = []
        for run in range(args.runs):
            start = time.perf_counter()
            summary = ingest([str(corpus)], Path(tmp) / f"run{run}.db", workers=args.workers)
            seconds = time.perf_counter() - start
            n = summary.stored + summary.duplicate + summary.total_rejected
            rates.append(n / seconds)
            print(f"run {run + 1}: {n} documents in {seconds:.2f} s = {n / seconds:.0f} docs/s")
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print(f"median {statistics.median(rates):.0f} docs/s with {args.workers} workers; "
          f"peak RSS of one process {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
