"""`kill -9` in the middle of a large ingest, then the same command again: nothing lost or duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import JUNE, need
from kabar.store import Store


def count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_kill_9_then_rerun_completes(tmp_path: Path) -> None:
    source = need(JUNE)
    lines = source.read_text(encoding="utf-8").splitlines()[:2000]
    corpus = tmp_path / "june.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    unique = len({json.loads(line)["text"] for line in lines})
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "kabar", "ingest", str(corpus), "--db", str(db), "--workers", "2", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while count(db) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    killed_at = count(db)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < killed_at < unique, "the kill must land in the middle of the ingest"
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with Store(db) as store:
        assert store.integrity() == "ok"
        assert store.counts()["documents"] == unique
        ids = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
        assert len(ids) == len(set(ids))
