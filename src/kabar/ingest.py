"""Ingest: read inputs lazily, run the per-document pipeline (in a process pool), store in batches.

Memory is bounded: records are read one at a time, at most `workers * WINDOW` chunks are in flight, and
each batch of documents is one transaction, so a `kill -9` loses at most the batch being written and a
rerun of the same command completes the job without duplicates (ids are content hashes).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from kabar.errors import KabarError, StoreError
from kabar.guard import ErrorPolicy, describe, error_policy
from kabar.pipeline import process
from kabar.read.raw import RawRecord, ReadOptions
from kabar.read.sources import iter_inputs
from kabar.records import Document, Extraction, Reject
from kabar.resolve.apply import resolve_entities
from kabar.resolve.entities import warm as warm_resolution
from kabar.resolve.stories import resolve_stories
from kabar.settings import DOCUMENT_TIME_LIMIT
from kabar.store import Store

Result = tuple[Document, Extraction] | Reject
# Records per task sent to a worker: amortises pickling without starving the other worker.
CHUNK = 16
# Chunks in flight per worker: keeps both cores busy while bounding memory.
WINDOW = 4
# Documents per transaction: a crash loses at most this much work, and commits stay cheap.
BATCH = 200
# Thread-count variables of numpy's BLAS libraries, pinned to 1 in workers (measured: 2 workers with default
# BLAS threads ran at 16 docs/s, slower than one process at 43 docs/s).
BLAS_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# Rejects kept in the summary for display (all of them go to the store's `rejects` table).
MAX_REJECT_EXAMPLES = 50
# Rejects that are kabar's failures, not the input's: each is printed in the summary (up to this many kept).
FAILURES = ("internal-error", "timeout")
MAX_FAILURES_KEPT = 1000


@dataclass
class IngestSummary:
    stored: int = 0
    updated: int = 0
    duplicate: int = 0
    unchanged: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    examples: list[Reject] = field(default_factory=list)
    errors: list[Reject] = field(default_factory=list)  # internal-error and timeout rejects: kabar's failures
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each phase

    @property
    def total_rejected(self) -> int:
        return sum(self.rejected.values())

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def add_reject(self, item: Reject) -> None:
        self.rejected[item.reason] += 1
        if len(self.examples) < MAX_REJECT_EXAMPLES:
            self.examples.append(item)
        if item.reason in FAILURES and len(self.errors) < MAX_FAILURES_KEPT:
            self.errors.append(item)

    def as_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "updated": self.updated, "duplicate": self.duplicate,
                "unchanged": self.unchanged, "rejected": dict(self.rejected)}


def default_workers() -> int:
    return os.cpu_count() or 1


def ingest(
    targets: Iterable[str],
    db: str | Path,
    *,
    workers: int | None = None,
    options: ReadOptions | None = None,
    on_progress: Callable[[int], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    on_phase: Callable[[str], None] | None = None,
    time_limit: float | None = DOCUMENT_TIME_LIMIT,
) -> IngestSummary:
    """Read, process and store every input; returns what happened. Bad inputs become rejects.

    `engine="dask"` maps the same per-document function over chunks on a Dask cluster (`scheduler`, an
    address such as tcp://host:8786, or a LocalCluster of `workers` processes); this process stays the one
    writer, so the store is the same whichever engine made it. `on_phase` hears the name of each corpus
    step as it starts; `summary.seconds` has the time of each phase. One document that raises (a bug) or
    runs past `time_limit` seconds is a reject (`internal-error`, `timeout`) and the others go on, unless
    the error policy is "raise" (`kabar.guard.set_error_policy`)."""
    options = options or ReadOptions()
    summary = IngestSummary()
    items = iter_inputs(targets, options)
    policy = error_policy()
    work = partial(process_chunk, max_bytes=options.max_bytes, on_error=policy, seconds=time_limit)
    clock = time.perf_counter()
    tables = threading.Thread(target=_quietly(warm_resolution), daemon=True)  # the main process waits anyway
    tables.start()
    with Store(db) as store:
        if engine == "dask":
            results = run_chunks_dask(work, items, workers or default_workers(), scheduler)
        elif engine == "local":
            results = run_chunks(work, items, workers or default_workers())
        else:
            raise KabarError(f"unknown engine {engine!r}; choose local or dask")
        for batch in batched(results, BATCH):
            with store.transaction():
                for result in batch:
                    _store_one(store, result, summary, policy)
            if on_progress:
                on_progress(len(batch))
        summary.seconds["documents"] = time.perf_counter() - clock
        tables.join()
        if summary.stored or summary.updated or store.needs_resolution():
            for name, step in (("entities", resolve_entities), ("stories", resolve_stories)):
                if on_phase:
                    on_phase(name)
                clock = time.perf_counter()
                step(store)
                summary.seconds[name] = time.perf_counter() - clock
    return summary


def _quietly(fn: Callable[[], None]) -> Callable[[], None]:
    """`fn` with its errors left to whoever needs its result next (the corpus steps report them)."""
    def run() -> None:
        with contextlib.suppress(Exception):
            fn()

    return run


def _store_one(store: Store, result: Result, summary: IngestSummary, on_error: ErrorPolicy) -> None:
    """Store one result; a document whose rows cannot be written (a bug, not the store failing) is rolled
    back to before it and recorded as a reject, and the batch goes on."""
    if isinstance(result, Reject):
        store.reject(result)
        summary.add_reject(result)
        return
    try:
        with store.savepoint():
            outcome = store.save(*result)
    except (StoreError, sqlite3.OperationalError, sqlite3.InternalError):
        raise  # the store failing (disk full, I/O, locked): the transaction reports it, the ingest stops
    except Exception as exc:
        if on_error == "raise" or not store.conn.in_transaction:
            raise
        reject = Reject(result[0].source, "internal-error", "while storing: " + describe(exc))
        store.reject(reject)
        summary.add_reject(reject)
        return
    summary.add(outcome)


def process_chunk(chunk: list[RawRecord | Reject], max_bytes: int, on_error: ErrorPolicy = "record",
                  seconds: float | None = None) -> list[Result]:
    return [item if isinstance(item, Reject) else process(item, max_bytes, on_error=on_error, seconds=seconds)
            for item in chunk]


def run_chunks(work: Callable[[list[RawRecord | Reject]], list[Result]],
               items: Iterator[RawRecord | Reject], workers: int) -> Iterator[Result]:
    """Results in input order; in-process for one worker, else a bounded window over a process pool."""
    chunks = batched(items, CHUNK)
    if workers <= 1:
        for chunk in chunks:
            yield from work(chunk)
        return
    for name in BLAS_THREAD_VARIABLES:  # one BLAS thread per worker: N workers on N cores, not N × N threads
        os.environ.setdefault(name, "1")
    context = get_context("forkserver")
    context.set_forkserver_preload(["kabar._warm"])  # models loaded once, shared by the workers' pages
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[list[Result]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(work, chunk))
            if len(pending) >= workers * WINDOW:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def run_chunks_dask(work: Callable[[list[RawRecord | Reject]], list[Result]],
                    items: Iterator[RawRecord | Reject], workers: int, scheduler: str | None) -> Iterator[Result]:
    """Results in input order from a Dask cluster, with the same bounded window as the process pool."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise KabarError("--engine dask needs dask's distributed: pip install 'kabar[dask]'") from exc
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    cluster = None if scheduler else LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:  # type: ignore[no-untyped-call]
            pending: deque[Any] = deque()
            for chunk in batched(items, CHUNK):
                pending.append(client.submit(work, chunk, pure=False))
                if len(pending) >= workers * WINDOW:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        if cluster is not None:
            cluster.close()


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
