"""The CLI through its real entry point: clean errors, documented exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from builders import mixed_folder
from kabar.cli import app
from kabar.store import Store

runner = CliRunner()


def kabar(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "kabar", *args], capture_output=True, text=True, timeout=300,
                          env=env)


def test_ingest_export_round_trip(sample: Path, db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(sample), "--db", str(db), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert "stored 5" in result.output
    out = tmp_path / "d.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "--what", "documents", "--format", "jsonl",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["name"] for r in records] == sorted(p.name for p in sample.glob("*.txt"))


def test_bad_inputs_are_reported_without_traceback(tmp_path: Path, sample: Path, db: Path) -> None:
    folder = mixed_folder(tmp_path, sample)
    done = kabar("ingest", str(folder), "--db", str(db), "--workers", "2")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    for reason in ("empty", "binary", "too-large", "invalid-json"):
        assert reason in done.stdout
    strict = kabar("ingest", str(folder), "--db", str(db), "--strict", "-q")
    assert strict.returncode == 3
    assert "stored 0" in strict.stdout and "unchanged 7" in strict.stdout


def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    missing = kabar("export", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1
    assert "no store at" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "junk.db").write_bytes(b"this is not a database at all" * 100)
    junk = kabar("status", "--db", str(tmp_path / "junk.db"))
    assert junk.returncode == 1 and "cannot open the store" in junk.stderr
    assert "Traceback" not in junk.stderr


def test_usage_errors_exit_2(db: Path) -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    result = runner.invoke(app, ["ingest", "x", "--db", str(db), "--columns", "nonsense"])
    assert result.exit_code == 1 and "FIELD=COLUMN" in result.output


def test_export_rejects_unknown_choices(sample: Path, db: Path) -> None:
    runner.invoke(app, ["ingest", str(sample), "--db", str(db), "--workers", "1", "-q"])
    result = runner.invoke(app, ["export", "--db", str(db), "--what", "nonsense"])
    assert result.exit_code == 1 and "choose one of" in result.output


def test_csv_exports(sample: Path, db: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["ingest", str(sample), "--db", str(db), "--workers", "1", "-q"])
    docs = tmp_path / "docs.csv"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--out", str(docs)]).exit_code == 0
    header, *_ = docs.read_text(encoding="utf-8").splitlines()
    assert header.startswith("id,source,name,outlet") and "n_boilerplate" in header
    spans = tmp_path / "bp.csv"
    runner.invoke(app, ["export", "--db", str(db), "--what", "boilerplate", "--format", "csv", "--out", str(spans)])
    assert len(spans.read_text(encoding="utf-8").splitlines()) == 1 + 6


def test_demo_without_corpus_is_a_clear_message(tmp_path: Path) -> None:
    done = kabar("demo", "--corpus", str(tmp_path / "absent"), "--db", str(tmp_path / "d.db"))
    assert done.returncode == 1 and "is not there" in done.stderr and "Traceback" not in done.stderr


def test_demo_prints_what_is_known(sample: Path, db: Path) -> None:
    done = kabar("demo", "--corpus", str(sample), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "5 documents" in done.stdout and "The Epoch Times" in done.stdout


def test_entities_list_merge_split_survive_reingest(sample: Path, db: Path) -> None:
    assert kabar("ingest", str(sample), "--db", str(db), "-q").returncode == 0
    listed = kabar("entities", "--db", str(db), "--merges", "--limit", "200")
    assert listed.returncode == 0 and "Mark Rutte" in listed.stdout
    assert "same first name, title and role" in listed.stdout
    assert kabar("entities", "--db", str(db), "split", "Mark Roth").returncode == 0
    missing = kabar("entities", "--db", str(db), "merge", "Nobody Here", "Mark Rutte")
    assert missing.returncode == 1 and "no entity is called" in missing.stderr
    (sample_copy := db.parent / "more").mkdir()
    (sample_copy / "extra.txt").write_text("Mark Rutte dan Mark Roth bertemu di Brussels pada hari Senin.",
                                           encoding="utf-8")
    assert kabar("ingest", str(sample_copy), "--db", str(db), "-q").returncode == 0
    with Store(db) as store:
        rows = store.conn.execute("SELECT a.surface, a.entity_id FROM entity_aliases a").fetchall()
    entity = {r[0]: r[1] for r in rows}
    assert entity["Mark Roth"] != entity["Mark Rutte"]


def test_ledger_and_claim_exports(sample: Path, db: Path, tmp_path: Path) -> None:
    assert kabar("ingest", str(sample), "--db", str(db), "-q").returncode == 0
    shown = kabar("ledger", "--db", str(db), "--place", "Kursk", "--evidence")
    assert shown.returncode == 0
    assert "conflict" in shown.stdout and "Antony Blinken" in shown.stdout and "11,000" in shown.stdout
    for what, fmt in (("claims", "csv"), ("conflicts", "jsonl"), ("claims", "parquet"), ("entities", "csv")):
        out = tmp_path / f"{what}.{fmt}"
        done = kabar("export", "--db", str(db), "--what", what, "--format", fmt, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 100
    nowhere = kabar("export", "--db", str(db), "--what", "claims", "--format", "parquet")
    assert nowhere.returncode == 1 and "--out" in nowhere.stderr
