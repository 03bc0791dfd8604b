"""The dev-gold figures, measured by the shared scorers (independent of kabar's code).

usage: .venv/bin/python bench/devgold.py [--workers N] [--json]
Ingests ../shared/corpus/june-2025-dev (20 hand-annotated articles) and scores the interchange export with
../shared/tools/score.py and the claims and relations with score_ledger.py; ingests the 336 articles of
../shared/gold/stories-june-2025-dev.json (from the June corpus, matched by url) and scores the stories with
score_stories.py. tests/test_eval_dev.py holds these figures as floors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kabar.ingest import ingest
from kabar.serve.export import write_export
from kabar.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "june-2025-dev"
DEV_GOLD = SHARED / "gold" / "june-2025-dev.json"
STORY_GOLD = SHARED / "gold" / "stories-june-2025-dev.json"
JUNE = SHARED / "data" / "news-id" / "june-2025-multi-outlet.jsonl"
TOOLS = SHARED / "tools"
NEEDED = (DEV_CORPUS, DEV_GOLD, STORY_GOLD, JUNE, TOOLS)


def scorer(name: str, *args: Path) -> dict[str, float]:
    """The "name: value" (or "name<TAB>value") lines a shared scorer prints, as numbers."""
    done = subprocess.run([sys.executable, str(TOOLS / name), *map(str, args)], capture_output=True, text=True,
                          timeout=300, check=False)
    figures = {}
    for line in done.stdout.splitlines():
        key, sep, value = line.partition("\t") if "\t" in line else line.partition(": ")
        try:
            figures[key.strip()] = float(value.split()[0]) if sep else None
        except (ValueError, IndexError):
            continue
    return {k: v for k, v in figures.items() if v is not None}


def extraction_figures(tmp: Path, workers: int) -> dict[str, float]:
    db = tmp / "dev.db"
    ingest([str(DEV_CORPUS)], db, workers=workers)
    with Store(db) as store:
        for what in ("documents", "claims", "relations"):
            write_export(store, what, "jsonl", tmp / f"{what}.jsonl", sys.stdout)
    figures = scorer("score.py", DEV_GOLD, tmp / "documents.jsonl")
    figures.update(scorer("score_ledger.py", DEV_GOLD, tmp / "claims.jsonl", tmp / "relations.jsonl"))
    return figures


def story_figures(tmp: Path, workers: int) -> dict[str, float]:
    urls = {d["id"] for d in json.loads(STORY_GOLD.read_text(encoding="utf-8"))["documents"]}
    lines = [line for line in JUNE.read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line).get("url") in urls]
    (tmp / "stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp / "stories.db"
    ingest([str(tmp / "stories.jsonl")], db, workers=workers)
    with Store(db) as store:
        write_export(store, "documents", "jsonl", tmp / "story-export.jsonl", sys.stdout)
    return {f"stories_{k}": v for k, v in scorer("score_stories.py", STORY_GOLD, tmp / "story-export.jsonl").items()}


def dev_figures(workers: int = 2) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        return {**extraction_figures(Path(tmp), workers), **story_figures(Path(tmp), workers)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    missing = [str(p) for p in NEEDED if not p.exists()]
    if missing:
        print(f"not there (../shared is read by path): {', '.join(missing)}", file=sys.stderr)
        return 2
    figures = dev_figures(args.workers)
    if args.json:
        print(json.dumps(figures, indent=1, sort_keys=True))
    else:
        for key, value in figures.items():
            print(f"{key}: {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
