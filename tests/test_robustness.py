"""One bad document never stops an ingest, poisons the store or holds a worker: each input that once raised
or hung, as a regression test, and the error policy that turns an unexpected exception into a reject."""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kabar import guard, pipeline
from kabar.errors import StoreError
from kabar.extract.numbers import number_data, parse_digits
from kabar.extract.quantities import find_quantities
from kabar.ingest import ingest
from kabar.pipeline import analyze, process
from kabar.read.published import parse_published
from kabar.read.raw import RawRecord
from kabar.records import Reject, check_offsets
from kabar.store import Store
from kabar.store.rows import load_data

PUBLISHED = "2025-06-18"


@pytest.fixture
def record_errors() -> Iterator[None]:
    """The batch policy (the suite runs with "raise", see conftest.py)."""
    previous = guard.set_error_policy("record")
    yield
    guard.set_error_policy(previous)


def raw(text: str, **meta: str) -> RawRecord:
    return RawRecord("test.jsonl:1", "t", "jsonl", text=text, meta=meta)


def extracted(result: Any) -> Any:
    assert not isinstance(result, Reject), result
    doc, extraction = result
    assert check_offsets(doc.text, extraction) == []
    return doc, extraction


# the crashers, each at its source ------------------------------------------------------------------------
def test_right_single_quotation_mark_opening_a_term() -> None:
    extraction = analyze("Istilah ’kejutan’ dipakai. Ia berkata, ’Kami siap,’ kata Budi.", PUBLISHED)
    assert [(q.text, q.speaker) for q in extraction.quotes] == [("Kami siap,", "Budi")]
    assert any("term" in n.message for n in extraction.notes)


def test_lone_surrogates_become_replacement_characters() -> None:
    doc, extraction = extracted(process(raw("Berita \ud83d tentang 10 orang tewas.", title="Judul \udc00")))
    assert doc.text == "Berita \ufffd tentang 10 orang tewas."
    assert doc.title == "Judul \ufffd"
    assert [q.value for q in extraction.quantities] == [10.0]


@pytest.mark.parametrize("stamp", ["2025-06-18T24:00:00", "2025-06-18T10:61:00", "2025-06-18T10:00:99",
                                   "2025-06-18T10:00:00+25:00", "Rabu, 18 Juni 2025 24:10 WIB"])
def test_impossible_times_keep_the_date(stamp: str) -> None:
    published = parse_published(stamp)
    assert published is not None and published.iso.startswith("2025-06-18")
    doc, _ = extracted(process(raw("Sebanyak 10 orang tewas di Jakarta.", published=stamp)))
    assert doc.published is not None and doc.published.startswith("2025-06-18")


@pytest.mark.parametrize(("text", "published"), [("Besok ia datang.", "9999-12-31"),
                                                 ("Tahun depan ia datang.", "9999-06-01"),
                                                 ("Kemarin ia datang.", "0001-01-01"),
                                                 ("Tahun lalu ia datang.", "0001-06-01")])
def test_relative_dates_past_the_calendar_stay_unresolved(text: str, published: str) -> None:
    extraction = analyze(text, published)
    unresolved = [d for d in extraction.dates if d.value is None]
    assert unresolved and all("calendar" in (d.warning or "") for d in unresolved)


def test_misgrouped_numbers_are_no_numbers() -> None:
    nd = number_data("id")
    assert parse_digits("1,2.500,5", nd) is None
    assert parse_digits("1.234,5", nd) == 1234.5
    assert parse_digits("8.000", nd) == 8000.0
    extracted(process(raw("Dana 1,2.500,5 juta rupiah dan 3 orang.")))


def test_a_malformed_url_leaves_the_outlet_unknown() -> None:
    doc, _ = extracted(process(raw("Sebanyak 10 orang tewas di Jakarta.", url="http://[::1")))
    assert doc.outlet is None and doc.url == "http://[::1"


def test_huge_numbers_are_not_quantities_and_never_infinite() -> None:
    text = "Sebanyak " + "9" * 400 + " orang dan " + "1" * 310 + " triliun rupiah, juga 12 orang."
    quantities = find_quantities(text, "id")
    assert all(math.isfinite(v) for q in quantities for v in (q.value, q.low, q.high) if v is not None)
    assert [q.value for q in quantities] == [12.0]
    assert parse_digits("9" * 400, number_data("id")) is None


def test_json_is_written_without_nan_or_infinity(tmp_path: Path) -> None:
    """A value that is not finite fails loudly where it is written, and old stores that hold one still read."""
    assert load_data('{"value": Infinity, "low": NaN, "high": -Infinity}') == {"value": None, "low": None,
                                                                               "high": None}
    with pytest.raises(ValueError):
        json.dumps({"v": math.inf}, allow_nan=False)


# the error policy ----------------------------------------------------------------------------------------
def test_the_suite_raises_unexpected_exceptions() -> None:
    assert guard.error_policy() == "raise"


def boom(doc: Any, found: dict[str, Any]) -> dict[str, Any]:
    if "MELEDAK" in doc.text:
        raise KeyError("’")
    return {}


@pytest.fixture
def buggy_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage with a bug met only by documents that contain the word MELEDAK."""
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, pipeline.Stage("boom", "1", boom)])


def test_an_exception_becomes_an_internal_error_reject(buggy_stage: None, record_errors: None) -> None:
    result = process(raw("Berita MELEDAK di sini."))
    assert isinstance(result, Reject)
    assert result.reason == "internal-error" and result.source == "test.jsonl:1"
    assert result.detail.startswith("KeyError: '’' ") and "tests/test_robustness.py" not in result.detail
    assert "(stage boom@1)" in result.detail and "at kabar/pipeline.py:" in result.detail


def test_raise_policy_shows_the_bug(buggy_stage: None) -> None:
    with pytest.raises(KeyError):
        process(raw("Berita MELEDAK di sini."))
    with pytest.raises(KeyError):
        process(raw("Berita MELEDAK di sini."), on_error="raise")


def test_policy_names_are_checked() -> None:
    with pytest.raises(ValueError, match="record, raise"):
        guard.set_error_policy("ignore")  # type: ignore[arg-type]


def test_describe_names_kabar_code() -> None:
    try:
        parse_digits_or_raise()
    except ValueError as exc:
        detail = guard.describe(exc)
    assert detail.startswith("ValueError: could not convert") and " at " in detail


def parse_digits_or_raise() -> None:
    float("1,2500")


def jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": t, "published": PUBLISHED}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return path


def articles(n: int) -> list[str]:
    return [f"Sebanyak {i + 2} orang tewas dalam banjir di kota nomor {i}, kata Kapolda Budi Santoso."
            for i in range(n)]


def test_one_bad_document_never_stops_an_ingest(tmp_path: Path, db: Path, buggy_stage: None,
                                                 record_errors: None) -> None:
    texts = articles(51)
    texts[25] = "Berita MELEDAK di sini, 3 orang."
    summary = ingest([str(jsonl(tmp_path / "in.jsonl", texts))], db, workers=1)
    assert summary.stored == 50 and summary.rejected == {"internal-error": 1}
    assert summary.errors[0].source.endswith("in.jsonl:26")
    with Store(db) as store:
        assert [r.reason for r in store.rejects()] == ["internal-error"]
        assert store.counts()["documents"] == 50
        assert store.conn.execute("SELECT COUNT(*) FROM story_state").fetchone()[0] > 0  # corpus steps ran


def slow(doc: Any, found: dict[str, Any]) -> dict[str, Any]:
    if "LAMBAT" in doc.text:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # a scan that never ends
            pass
    return {}


def test_a_document_past_its_time_limit_is_a_timeout_reject(tmp_path: Path, db: Path, record_errors: None,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, pipeline.Stage("slow", "1", slow)])
    texts = articles(3)
    texts[1] = "Berita LAMBAT di sini, 3 orang."
    started = time.monotonic()
    summary = ingest([str(jsonl(tmp_path / "in.jsonl", texts))], db, workers=1, time_limit=0.5)
    assert time.monotonic() - started < 20
    assert summary.stored == 2 and summary.rejected == {"timeout": 1}
    assert "0.5 s" in summary.errors[0].detail


def test_time_limit_off_the_main_thread_is_no_limit() -> None:
    import threading

    seen: list[bool] = []

    def run() -> None:
        with guard.time_limit(0.01):
            time.sleep(0.05)
        seen.append(True)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [True]


# the store ----------------------------------------------------------------------------------------------
def test_a_document_that_cannot_be_stored_is_a_reject_and_the_batch_goes_on(
        tmp_path: Path, db: Path, record_errors: None, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Store.save

    def save(self: Store, doc: Any, extraction: Any) -> str:
        outcome = original(self, doc, extraction)  # rows written, then the bug: they must be undone
        if "RUSAK" in doc.text:
            raise ValueError("Out of range float values are not JSON compliant")
        return outcome

    monkeypatch.setattr(Store, "save", save)
    texts = articles(4)
    texts[2] = "Berita RUSAK di sini, 3 orang."
    summary = ingest([str(jsonl(tmp_path / "in.jsonl", texts))], db, workers=1)
    assert summary.stored == 3 and summary.rejected == {"internal-error": 1}
    assert summary.errors[0].detail.startswith("while storing: ValueError")
    with Store(db) as store:
        assert store.counts()["documents"] == 3
        assert all("RUSAK" not in d.text for d in store.documents())
        spans = store.conn.execute("SELECT COUNT(*) FROM spans WHERE doc_id NOT IN (SELECT id FROM documents)")
        assert spans.fetchone()[0] == 0


def test_a_failed_write_reports_the_real_error(db: Path) -> None:
    with Store(db) as store:
        with pytest.raises(StoreError, match="database or disk is full"), store.transaction() as conn:
            conn.execute("ROLLBACK")  # as SQLite does by itself when the disk is full
            raise sqlite3.OperationalError("database or disk is full")
        assert not store.conn.in_transaction
        with store.transaction() as conn:  # the store is usable afterwards
            conn.execute("SELECT 1")


def test_the_cli_prints_one_line_per_failure(tmp_path: Path, db: Path, buggy_stage: None,
                                             record_errors: None) -> None:
    from typer.testing import CliRunner

    from kabar.cli import app

    texts = articles(5)
    texts[1] = texts[3] = "Berita MELEDAK di sini, 3 orang."
    texts[3] += " Lagi."
    source = jsonl(tmp_path / "in.jsonl", texts)
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(db), "--workers", "1", "-q"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "stored 3" in result.output and "kabar failed on 2 document(s)" in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  internal-error")]
    assert len(lines) == 2 and "in.jsonl:2" in lines[0] and "in.jsonl:4" in lines[1]
    assert "Traceback" not in result.output


def test_the_store_failing_stops_the_ingest_with_its_message(tmp_path: Path, db: Path, record_errors: None,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a reject: a full disk fails every document after it, so the ingest stops and says why; what was
    committed is kept and the same command finishes the job later."""
    original = Store.save

    def save(self: Store, doc: Any, extraction: Any) -> str:
        if "PENUH" in doc.text:
            raise sqlite3.OperationalError("database or disk is full")
        return original(self, doc, extraction)

    monkeypatch.setattr(Store, "save", save)
    texts = articles(3)
    texts[1] = "Berita PENUH di sini, 3 orang."
    with pytest.raises(StoreError, match="database or disk is full"):
        ingest([str(jsonl(tmp_path / "in.jsonl", texts))], db, workers=1)
    with Store(db) as store:
        assert store.counts()["documents"] == 0 and store.rejects() == []


def test_a_page_read_only_in_part_says_so_in_its_extraction_notes() -> None:
    body = "<p>Sekitar 3.000 tentara tiba di perbatasan pada hari Senin, kata juru bicara militer.</p>"
    html = "<html><head><title>Pasukan</title></head><body>" + "<div>" * 100_000 + body + "</div>" * 100_000
    doc, extraction = extracted(process(RawRecord("deep.html", "deep.html", "html", html=html + "</body></html>")))
    assert "Sekitar 3.000 tentara" in doc.text
    read = [n for n in extraction.notes if n.stage == "read"]
    assert len(read) == 1 and "nested" in read[0].message


def test_the_file_bound_is_an_ingest_option(tmp_path: Path, db: Path) -> None:
    from typer.testing import CliRunner

    from kabar.cli import app

    source = jsonl(tmp_path / "in.jsonl", articles(40))
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(db), "--workers", "1", "-q",
                                      "--max-file-bytes", "2000"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "too-large" in result.output and "--max-file-bytes" in result.output


def test_june_articles_with_hostile_records_mixed_in(tmp_path: Path, db: Path) -> None:
    """The check of bench/crashers.py on 150 real articles, two workers: every good article is stored,
    every hostile record is stored or rejected with an input's reason, and the corpus steps run."""
    import sys

    from conftest import JUNE, ROOT, need

    sys.path.insert(0, str(ROOT / "bench"))
    import crashers  # type: ignore[import-not-found]

    lines = need(JUNE).read_text(encoding="utf-8").splitlines()[:150]
    (tmp_path / "june.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = crashers.build(tmp_path / "june.jsonl", tmp_path / "mixed.jsonl", seed=3, copies=1)
    summary = ingest([str(tmp_path / "mixed.jsonl")], db, workers=2)
    assert summary.errors == []
    with Store(db) as store:
        rejects = {r.source: r.reason for r in store.rejects()}
        stored = {row[0] for row in store.conn.execute("SELECT source FROM document_sources")}
        assert store.conn.execute("SELECT COUNT(*) FROM story_state").fetchone()[0] > 0
    good = {f"{tmp_path / 'mixed.jsonl'}:{n}" for n in range(1, len(lines) + len(bad) + 1)} - set(bad)
    assert good <= stored | {s for s, reason in rejects.items() if reason == "no-text"}
    assert all(source in stored or source in rejects for source in bad)
    assert {rejects[s] for s in bad if s in rejects} <= {"invalid-json", "no-text"}
