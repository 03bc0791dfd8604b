"""Ingest throughput on real articles: documents per second end to end, and peak memory.

usage: .venv/bin/python bench/ingest.py [CORPUS.jsonl] [--workers N] [--runs N] [--limit N]
Default corpus: ../shared/data/news-id/june-2025-multi-outlet.jsonl (3,447 articles). Each run is a fresh
process (as a `kabar ingest` is: it starts its workers and loads the models) ingesting into a fresh
temporary store; the median of the runs is printed with the peak memory of the process tree.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from kabar.ingest import ingest

SAMPLE_SECONDS = 0.5
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/news-id/june-2025-multi-outlet.jsonl"


class MemorySampler:
    """Samples, every SAMPLE_SECONDS, the memory of this process and all its descendants (the forkserver
    and the workers are not waited-for children, so getrusage would miss them): the sum of their
    proportional set sizes (shared pages counted once), which is what the machine has to hold."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil  # type: ignore[import-untyped]

        me = psutil.Process()
        while not self._stop.wait(SAMPLE_SECONDS):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_full_info().pss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
            self.peak = max(self.peak, total)


def one_run(corpus: str, db: str, workers: int) -> int:
    start = time.perf_counter()
    with MemorySampler() as memory:
        summary = ingest([corpus], db, workers=workers)
    seconds = time.perf_counter() - start
    n = summary.stored + summary.duplicate + summary.total_rejected
    print(json.dumps([n, seconds, memory.peak, summary.seconds]))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="only the first N lines")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # one run into this store, the figures as JSON
    args = parser.parse_args(argv)
    if args.one:
        return one_run(args.corpus, args.one, args.workers)
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"bench: {corpus} is not there; pass a JSONL corpus", file=sys.stderr)
        return 1
    peaks: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.limit:  # streamed: the benchmark's own memory stays out of the peak it reports
            limited = Path(tmp) / "corpus.jsonl"
            with corpus.open(encoding="utf-8") as source, limited.open("w", encoding="utf-8") as target:
                target.writelines(itertools.islice(source, args.limit))
            corpus = limited
        rates = []
        for run in range(args.runs):  # each run in a fresh process: it pays for starting its workers
            result = subprocess.run([sys.executable, __file__, str(corpus), "--one", str(Path(tmp) / f"run{run}.db"),
                                     "--workers", str(args.workers)], capture_output=True, text=True, check=True)
            n, seconds, peak, phases = json.loads(result.stdout.strip().splitlines()[-1])
            peaks.append(peak)
            rates.append(n / seconds)
            spent = ", ".join(f"{name} {value:.1f} s" for name, value in phases.items())
            print(f"run {run + 1}: {n} documents in {seconds:.2f} s = {n / seconds:.0f} docs/s ({spent})", flush=True)
    print(f"median {statistics.median(rates):.0f} docs/s with {args.workers} workers; peak memory of the whole "
          f"process tree (main, forkserver, workers; proportional set size) {max(peaks) / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
