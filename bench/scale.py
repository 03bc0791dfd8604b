"""How ingest time grows with corpus size: 1k, 10k and 100k documents made by repeating the June articles.

usage: .venv/bin/python bench/scale.py [--sizes 1000,10000,100000] [--workers 2]
Copy k of an article gets a distinct id by a last line "(salinan k)" (ids are hashes of the text), so later
copies are near-duplicates of the first: the corpus steps see the same stories grow, as a monitoring
store that re-reads syndicated copies would. Each size is ingested into a fresh store by a separate
process (`bench/ingest.py`), which prints its time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/data/news-id/june-2025-multi-outlet.jsonl"


def write_corpus(target: Path, size: int) -> None:
    articles = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with target.open("w", encoding="utf-8") as out:
        for n in range(size):
            record = dict(articles[n % len(articles)])
            copy = n // len(articles)
            if copy:
                record["id"] = f"{record.get('id', n)}#copy{copy}"
                record["url"] = f"{record.get('url') or 'urn:june'}#copy{copy}"
                record["text"] = f"{record.get('text', '')}\n\n(salinan {copy})"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"bench: {CORPUS} is not there", file=sys.stderr)
        return 1
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, max(sizes))
        for size in sizes:
            print(f"--- {size} documents", flush=True)
            subprocess.run([sys.executable, str(ROOT / "bench/ingest.py"), str(corpus), "--limit", str(size),
                            "--runs", "1", "--workers", str(args.workers)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
