"""The README's screenshots: the ledger and a document page of the sample corpus, in Debian's chromium.

usage: .venv/bin/python scripts/screenshots.py   (needs /usr/bin/chromium and ../shared)
Writes docs/img/ledger.png and docs/img/document.png.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared/corpus/kursk-2024"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> int:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from kabar.ingest import ingest
    from kabar.serve.web import create_app
    from kabar.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "k.db"
        ingest([str(SAMPLE)], db, workers=1)
        from kabar.resolve.ledger import build_ledger

        with Store(db) as store:
            claim = next(c for g in build_ledger(store) for c in g.claims if c.text == "sekitar 11.000")
        doc, span = claim.doc_id, f"{claim.evidence_start}-{claim.evidence_start + len(claim.evidence)}"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1100})
            page.goto(f"http://127.0.0.1:{port}/ledger?place=Kursk")
            page.wait_for_selector("body[data-ready=yes]")
            page.screenshot(path=str(ROOT / "docs/img/ledger.png"))
            page.goto(f"http://127.0.0.1:{port}/documents/{doc}?hl={span}")
            page.wait_for_selector("body[data-ready=yes]")
            page.screenshot(path=str(ROOT / "docs/img/document.png"))
            browser.close()
        server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
