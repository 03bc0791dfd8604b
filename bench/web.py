"""Server time of every page of the web UI on a store (median of several requests, cache warm).

usage: .venv/bin/python bench/web.py --db STORE [--runs 5]
Requests every kind of page (HTML and JSON) in-process through the ASGI app, so the figure is server time
without the network. The first request of a store version also builds the ledger cache; it is reported
apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings

from kabar.store import Store


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from kabar.serve.web import create_app

    client = TestClient(create_app(args.db))
    with Store(args.db) as store:
        doc, story = store.conn.execute("SELECT id, story FROM documents ORDER BY seq LIMIT 1").fetchone()
        entity = store.conn.execute("SELECT id FROM entities ORDER BY mentions DESC LIMIT 1").fetchone()[0]
        count = store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    start = time.perf_counter()
    client.get("/ledger.json")
    print(f"{count} documents; first request (builds the ledger cache): {1000 * (time.perf_counter() - start):.0f} ms")
    paths = ["/", "/index.json", "/ledger", "/ledger.json", "/ledger?place=Rusia", f"/stories/{story}",
             f"/stories/{story}.json", "/entities", "/entities.json", f"/entities/{entity}", f"/documents/{doc}",
             f"/documents/{doc}.json", "/search?q=pasukan", "/search.json?q=harga+beras"]
    for path in paths:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(path)
            times.append(1000 * (time.perf_counter() - start))
            assert response.status_code == 200, (path, response.status_code)
        print(f"{path:40} {statistics.median(times):7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
