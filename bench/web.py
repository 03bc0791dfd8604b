"""Speed of every page of the web UI on a store.

usage: .venv/bin/python bench/web.py --db STORE [--runs 5]
       .venv/bin/python bench/web.py --db STORE --clients 20 [--rounds 10] [--port 0]

Without --clients: server time, in-process through the ASGI app (no network), median of --runs requests with
the ledger cache warm, each page built (the cache of rendered pages off) and answered from that cache; the
first request of a store version also builds the ledger cache and is reported apart.

With --clients N: starts a real `kabar serve` process on loopback, and N concurrent clients (asyncio + httpx,
one connection each) each go --rounds times through every page in an order of their own, after a warm-up
pass that asks for every fixed page once (--cold: none). Reports, per page,
the requests, req/s (of that page, over the whole run), p50 and p99 latency and the bytes of a response, then
the total req/s and the server's resident memory (RSS) after start-up, after the first request, at its peak
during the run and at the end. Pages marked `*` take a different parameter on every request (other offsets,
other search words), so they are not answered from a cache of the same URL.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

from kabar.store import Store

WORDS = ("pasukan", "harga", "beras", "presiden", "banjir", "gempa", "menteri", "rupiah", "polisi", "sekolah",
         "Jakarta", "Israel", "Iran", "Gaza", "korban", "ekspor", "impor", "pemilu", "listrik", "jalan")


def sample_ids(db: str) -> tuple[str, str, str, int]:
    with Store(db) as store:
        doc, story = store.conn.execute("SELECT id, story FROM documents ORDER BY seq LIMIT 1").fetchone()
        entity = store.conn.execute("SELECT id FROM entities ORDER BY mentions DESC LIMIT 1").fetchone()[0]
        count = store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    return doc, story, entity, count


def fixed_paths(doc: str, story: str, entity: str) -> list[str]:
    return ["/", "/index.json", "/ledger", "/ledger.json", "/ledger?place=Rusia", f"/stories/{story}",
            f"/stories/{story}.json", "/entities", "/entities.json", f"/entities/{entity}", f"/documents/{doc}",
            f"/documents/{doc}.json", "/search?q=pasukan", "/search.json?q=harga+beras"]


def in_process(db: str, runs: int) -> int:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from kabar.serve.web import create_app

    built, cached = TestClient(create_app(db, cache_bytes=0, block_bytes=0)), TestClient(create_app(db))
    doc, story, entity, count = sample_ids(db)
    start = time.perf_counter()
    built.get("/ledger.json")
    print(f"{count} documents; first request (builds the ledger cache): {1000 * (time.perf_counter() - start):.0f} ms")
    print(f"{'page':40} {'built':>8} {'cached':>8}  (median of {runs}, ms)")
    for path in fixed_paths(doc, story, entity):
        medians = []
        for client in (built, cached):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(path)
                times.append(1000 * (time.perf_counter() - start))
                assert response.status_code == 200, (path, response.status_code)
            medians.append(statistics.median(times))
        print(f"{path:40} {medians[0]:8.1f} {medians[1]:8.1f}")
    return 0


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the server may run in a child), in MB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run_clients(base: str, pages: list[tuple[str, list[str]]], clients: int, rounds: int
                      ) -> tuple[dict[str, list[float]], dict[str, list[int]], list[str], list[str], float]:
    """Per page label: latencies (s) and sizes; then the errors, the five slowest requests and the time taken."""
    import httpx

    times: dict[str, list[float]] = {label: [] for label, _ in pages}
    sizes: dict[str, list[int]] = {label: [] for label, _ in pages}
    errors: list[str] = []
    slow: list[tuple[float, float, str]] = []  # (seconds, when, url)
    # made before the clock starts: an httpx client costs tens of ms (its TLS context) to make
    https = [httpx.AsyncClient(base_url=base, timeout=120) for _ in range(clients)]
    began = time.perf_counter()
    cycles = {label: itertools.cycle(urls) for label, urls in pages}

    async def client(index: int, http: httpx.AsyncClient) -> None:
        order = [label for label, _ in pages]
        random.Random(index).shuffle(order)
        async with http:
            for _ in range(rounds):
                for label in order:
                    url = next(cycles[label])
                    start = time.perf_counter()
                    response = await http.get(url)
                    times[label].append(time.perf_counter() - start)
                    slow.append((time.perf_counter() - start, start - began, url))
                    sizes[label].append(len(response.content))
                    if response.status_code != 200:
                        errors.append(f"{url}: {response.status_code}")

    await asyncio.gather(*(client(i, http) for i, http in enumerate(https)))
    slowest = [f"{url} {1000 * took:.0f} ms at {when:.1f} s" for took, when, url in sorted(slow)[-5:]]
    return times, sizes, errors, slowest, time.perf_counter() - began


def concurrent(db: str, clients: int, rounds: int, port: int, warmup: bool) -> int:
    import httpx

    doc, story, entity, count = sample_ids(db)
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    kabar = Path(sys.executable).with_name("kabar")
    server = subprocess.Popen([str(kabar), "serve", "--db", db, "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/openapi.json", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("kabar serve did not start") from None
                time.sleep(0.2)
        started = rss_mb(server.pid)
        start = time.perf_counter()
        httpx.get(f"{base}/ledger.json", timeout=120)
        first = 1000 * (time.perf_counter() - start)
        warm = rss_mb(server.pid)
        groups = int(httpx.get(f"{base}/ledger.json?limit=1", timeout=120).json()["count"])
        with Store(db) as store:
            stories = store.conn.execute("SELECT COUNT(DISTINCT story) FROM documents").fetchone()[0]
        pages = [(path, [path]) for path in fixed_paths(doc, story, entity)]
        if warmup:  # every fixed page once, one at a time: the run measures a server that has seen them
            start = time.perf_counter()
            for path, _ in pages:
                httpx.get(f"{base}{path}", timeout=120)
            print(f"warm-up: every fixed page once, {1000 * (time.perf_counter() - start):.0f} ms")
        every = range(0, max(groups, 1), 30)
        pages += [("/ledger?offset=*", [f"/ledger?offset={o}" for o in every]),
                  ("/ledger?limit=100&offset=*", [f"/ledger?limit=100&offset={o}" for o in every]),
                  ("/?offset=*", [f"/?offset={o}" for o in range(0, max(stories, 1), 100)]),
                  ("/search?q=*", [f"/search?q={w}" for w in WORDS])]
        peak = [warm]
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], rss_mb(server.pid))

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        cpu = cpu_seconds(server.pid)
        times, sizes, errors, slowest, elapsed = asyncio.run(run_clients(base, pages, clients, rounds))
        cpu = cpu_seconds(server.pid) - cpu
        done.set()
        watcher.join()
        end = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(t) for t in times.values())
    print(f"{count} documents, {clients} clients x {rounds} rounds, {total} requests in {elapsed:.1f} s "
          f"= {total / elapsed:.1f} req/s; first request (cache build) {first:.0f} ms; server CPU {cpu:.1f} s "
          f"({1000 * cpu / total:.1f} ms a request)")
    print(f"{'page':40} {'n':>5} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'KB':>7}")
    for label, values in times.items():
        print(f"{label:40} {len(values):5} {len(values) / elapsed:7.1f} {1000 * percentile(values, 0.5):8.0f} "
              f"{1000 * percentile(values, 0.99):8.0f} {statistics.mean(sizes[label]) / 1024:7.0f}")
    print(f"server RSS: {started:.0f} MB started, {warm:.0f} MB after the first request, {peak[0]:.0f} MB peak, "
          f"{end:.0f} MB at the end")
    print(f"slowest (and when, from the start of the run): {', '.join(reversed(slowest))}")
    if errors:
        print(f"{len(errors)} errors, e.g. {errors[:3]}")
    return 1 if errors else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5, help="requests per page in-process (without --clients)")
    parser.add_argument("--clients", type=int, default=0, help="concurrent clients against a real kabar serve")
    parser.add_argument("--rounds", type=int, default=10, help="passes of each client over every page")
    parser.add_argument("--port", type=int, default=0, help="port of the server (default: a free one)")
    parser.add_argument("--cold", action="store_true",
                        help="no warm-up pass: the clients are the first to ask for each page")
    args = parser.parse_args(argv)
    if not os.path.exists(args.db):
        parser.error(f"no store {args.db}")
    if args.clients:
        return concurrent(args.db, args.clients, args.rounds, args.port, not args.cold)
    return in_process(args.db, args.runs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
