"""The June articles with hostile records inserted at random positions: every good article is stored, each
hostile one is stored or rejected with its reason, and the corpus steps run.

usage: .venv/bin/python bench/crashers.py [CORPUS.jsonl] [--seed N] [--copies N] [--workers N]
Default corpus: ../shared/data/news-id/june-2025-multi-outlet.jsonl. The hostile records are the inputs
that once stopped an ingest or poisoned the store (issue 11), `--copies` times each.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kabar.ingest import ingest
from kabar.store import Store

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/news-id/june-2025-multi-outlet.jsonl"
BODY = "Sebanyak 12 orang tewas dalam banjir di Bekasi, kata Kapolda Budi Santoso kepada wartawan."


def hostile() -> list[tuple[str, dict[str, Any] | str]]:
    """(name, record) pairs; a record given as a string is written to the file as it is (a raw line)."""
    records: list[tuple[str, dict[str, Any] | str]] = [
        ("right-quote-opens", {"text": "Istilah ’kejutan’ dipakai. " + BODY}),
        ("lone-surrogate", '{"text": "Berita \\ud83d ' + BODY + '", "title": "Judul \\udc00"}'),
        ("no-time-of-day", {"text": BODY, "published": "2025-06-18T24:61:99+25:00"}),
        ("end-of-calendar", {"text": "Besok dan tahun depan. " + BODY, "published": "9999-12-31"}),
        ("start-of-calendar", {"text": "Kemarin dan tahun lalu. " + BODY, "published": "0001-01-01"}),
        ("misgrouped-number", {"text": "Dana 1,2.500,5 juta rupiah. " + BODY}),
        ("malformed-url", {"text": BODY + " Bekasi.", "url": "http://[::1"}),
        ("huge-number", {"text": "Sebanyak " + "9" * 400 + " orang. " + BODY}),
        ("long-token", {"text": "Berita " + "x" * 200_000 + " " + BODY}),
        ("long-sentence-of-numbers", {"text": "Sebanyak " + " ".join(f"{i * 7} orang" for i in range(8_000))
                                      + ". " + BODY}),
        ("javascript-url", {"text": BODY + " Lagi.", "url": "javascript:alert(1)"}),
        ("nul-in-text", {"text": "Berita\x00 " + BODY}),
        ("broken-json", '{"text": "tidak selesai'),
        ("empty-text", {"text": "   "}),
    ]
    return records


def build(corpus: Path, out: Path, seed: int, copies: int) -> dict[str, str]:
    """Write the corpus with the hostile records at random positions; returns {source: hostile name}."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    bad = [(f"{name}-{i}", record) for i in range(copies) for name, record in hostile()]
    for name, record in bad:
        if isinstance(record, dict):
            record = json.dumps({"id": name, **record}, ensure_ascii=False)
        else:
            record = record.replace('{"text"', f'{{"id": "{name}", "text"', 1)
        lines.insert(rng.randrange(len(lines) + 1), record)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    names = {name for name, _ in bad}
    return {f"{out}:{n}": line_name(line, names) for n, line in enumerate(lines, 1) if line_name(line, names)}


def line_name(line: str, names: set[str]) -> str:
    head = line[:80]
    return next((n for n in names if f'"id": "{n}"' in head), "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus} is not there (../shared is read by path)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "with-crashers.jsonl"
        bad = build(args.corpus, path, args.seed, args.copies)
        good = sum(1 for _ in args.corpus.open(encoding="utf-8"))
        started = time.perf_counter()
        summary = ingest([str(path)], Path(tmp) / "k.db", workers=args.workers)
        seconds = time.perf_counter() - started
        with Store(Path(tmp) / "k.db") as store:
            rejects = {r.source: (r.reason, r.detail) for r in store.rejects()}
            stories = store.conn.execute("SELECT COUNT(*) FROM story_state").fetchone()[0]
            entities = store.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
            stored_sources = {row[0] for row in store.conn.execute("SELECT source FROM document_sources")}
    print(f"{good} articles + {len(bad)} hostile records in {seconds:.1f} s: {summary.as_dict()}")
    print(f"corpus steps: {entities} entities, {stories} stories; phases {summary.seconds}")
    for source, name in sorted(bad.items(), key=lambda kv: kv[1]):
        outcome = "stored" if source in stored_sources else "rejected {} ({})".format(*rejects.get(source, ("?", "")))
        print(f"  {name:32} {outcome[:110]}")
    failures = [r for r in summary.errors]
    print(f"kabar's own failures (internal-error, timeout): {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
