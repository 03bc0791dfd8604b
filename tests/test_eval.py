"""`kabar eval` agrees with the independent scorer, and the sample corpus stays above its floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, need
from kabar.evaluate import below_floors, evaluate, load_gold
from kabar.ingest import ingest
from kabar.serve.interchange import interchange_records
from kabar.store import Store

SCORER = SHARED / "tools" / "score.py"
# Floors on the sample corpus: the targets of the extraction, entity and ledger issues. They only go up.
FLOORS = {
    "documents_found": 1.0, "quantity_recall": 0.95, "quantity_precision": 0.9, "hedge_accuracy": 0.9,
    "negative_quantities_extracted": 0, "quote_recall": 0.95, "quote_precision": 0.9, "speaker_accuracy": 0.9,
    "date_recall": 0.95, "date_accuracy": 0.95, "date_precision": 0.9, "boilerplate_recall": 1.0,
    "content_lost_to_boilerplate": 0, "claimant_accuracy": 0.9, "location_accuracy": 0.8, "entity_recall": 0.9,
    "alias_merge_recall": 0.9, "alias_merge_precision": 0.9,
}


def independent(gold: Path, records: list[dict[str, object]], tmp: Path) -> dict[str, float]:
    export = tmp / "export.jsonl"
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run([sys.executable, str(need(SCORER)), str(gold), str(export)], capture_output=True,
                          text=True, timeout=120, check=False)
    figures = {}
    for line in done.stdout.splitlines():
        name, sep, value = line.partition(": ")
        if sep:
            figures[name] = float(value)
    return figures


@pytest.fixture
def records(sample: Path, tmp_path: Path) -> list[dict[str, object]]:
    db = tmp_path / "k.db"
    ingest([str(sample)], db, workers=1)
    with Store(db) as store:
        return list(interchange_records(store))


def test_sample_corpus_is_above_its_floors(gold: Path, records: list[dict[str, object]]) -> None:
    figures = evaluate(load_gold(gold), records)
    assert below_floors(figures, FLOORS) == []


def test_agrees_with_the_independent_scorer(gold: Path, records: list[dict[str, object]], tmp_path: Path) -> None:
    ours = evaluate(load_gold(gold), records)
    theirs = independent(gold, records, tmp_path)
    assert set(ours) == set(theirs)
    for name, value in ours.items():
        assert value == pytest.approx(theirs[name], abs=1e-3), name


def test_agrees_on_a_damaged_export(gold: Path, records: list[dict[str, object]], tmp_path: Path) -> None:
    damaged = json.loads(json.dumps(records))
    for rec in damaged:
        rec["quantities"] = rec["quantities"][::2]
        rec["dates"] = [dict(d, value="1999-01-01") for d in rec["dates"][1::2]] + rec["dates"][::2]
        rec["quotes"] = [dict(q, speaker="Someone Else") for q in rec["quotes"][::3]] + rec["quotes"][1::3]
        rec["boilerplate"] = rec["boilerplate"][1:]
        rec["entities"] = [{"start": 0, "end": 7, "text": "Blinken", "type": "PER", "entity": "e1",
                            "canonical": "Blinken"}]
    ours = evaluate(load_gold(gold), damaged)
    theirs = independent(gold, damaged, tmp_path)
    assert ours["quantity_recall"] < 1 and ours["date_accuracy"] < 1
    for name, value in ours.items():
        assert value == pytest.approx(theirs[name], abs=1e-3), name
