"""The ledger of the sample corpus, pinned; grouping ignores input order and re-ingest."""

from __future__ import annotations

import math
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kabar.ingest import ingest
from kabar.resolve.ledger import Claim, build_ledger, compare, interval
from kabar.serve.ledger_view import figure
from kabar.store import Store


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str]]]:
    sample = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kursk-2024"
    if not sample.exists():
        pytest.skip("the sample corpus is not there")
    db = tmp_path_factory.mktemp("ledger") / "k.db"
    ingest([str(sample)], db, workers=1)
    with Store(db) as store:
        groups = build_ledger(store)
    return {g.key: [(c.claimant or "", figure(c)) for c in g.claims] for g in groups} | {
        "_conflicts": [(g.key, r.kind) for g in groups for r in g.conflicts]}  # type: ignore[dict-item]


def test_russia(ledger: dict[str, list[tuple[str, str]]]) -> None:
    russia = set(ledger["troops (Korea Utara) @ Rusia"])
    assert {("Amerika Serikat", "≈10,000"), ("Korea Selatan", "11,000"), ("Ukraina", "≤12,000"),
            ("Yonhap", "≤10,000")} <= russia
    assert ("Pejabat itu", "2,000–12,000") in ledger["people (Korea Utara) @ Rusia"]


def test_kursk_conflict(ledger: dict[str, list[tuple[str, str]]]) -> None:
    kursk = set(ledger["troops (Korea Utara) @ Kursk"])
    assert kursk == {("Antony Blinken", "8,000"), ("Robert Wood", "8,000"), ("Ukraina", "≈11,000")}
    assert ("troops (Korea Utara) @ Kursk", "conflict") in ledger["_conflicts"]


def test_umerov_five_units_of_about_3000(ledger: dict[str, list[tuple[str, str]]]) -> None:
    (units,) = [v for k, v in ledger.items() if k.startswith("units @ —")]
    assert ("Rustem Umerov", "5") in units
    # with no place, troops compare within their story only: the key names it
    (troops,) = [v for k, v in ledger.items()
                 if k.startswith("troops (Korea Utara) @ — [") and ("Rustem Umerov", "≈3,000") in v]
    assert ("Rustem Umerov", "≈15,000 = 5 × ≈3,000 (derived)") in troops


def test_intervals_from_hedges() -> None:
    assert interval("about", 10000, None, None) == pytest.approx((9000, 11000))
    assert interval("up_to", 12000, None, 12000) == (0, 12000)
    assert interval("more_than", 5, 5, None) == (5, math.inf)
    assert interval("range", None, 2000, 12000) == (2000, 12000)


def claim(claimant: str | None, value: float, hedge: str = "exact", day: str = "2024-11-01", doc: str = "d",
          unit: str | None = "orang", place: str | None = "p", outlet: str | None = None) -> Claim:
    return Claim(f"{doc}:{claimant}:{value}", doc, doc, outlet, 0, 1, "x", value, None, None, hedge, unit, "s", place,
                 claimant, day, "published", None, False, None, "x", 0, place_basis="text" if place else None)


def test_relations() -> None:
    assert compare(claim("A", 8000), claim("B", 11000, "about")).kind == "conflict"  # type: ignore[union-attr]
    assert compare(claim("A", 10000, "about"), claim("B", 11000)).kind == "agreement"  # type: ignore[union-attr]
    assert compare(claim("A", 8000), claim("A", 11000, day="2024-11-20")).kind == "update"  # type: ignore[union-attr]
    assert compare(claim("A", 8000), claim("B", 11000, day="2024-12-30")).kind == "over-time"  # type: ignore[union-attr]


def test_figures_of_one_article_without_their_own_noun_or_place_are_not_compared() -> None:
    """"11.000 kendaraan ... Sudah 42.000": a part and its total, or two incidents of one article."""
    assert compare(claim("A", 11000), claim("B", 42000, unit=None)) is None
    assert compare(claim("A", 2, place=None), claim("B", 6, place=None)) is None
    assert compare(claim("A", 2, place=None), claim("B", 6, place=None, doc="e")).kind == "conflict"  # type: ignore[union-attr]
    # a place its story gives is no place of its sentence: two figures of one article stay apart
    from dataclasses import replace

    assert compare(claim("A", 11000), replace(claim("B", 42000), place_basis="story")) is None


def test_a_figure_with_no_source_is_the_outlets_own_and_is_compared() -> None:
    own = claim(None, 241, doc="detik", outlet="detik.com")
    other = claim(None, 270, "at_least", doc="liputan6", outlet="liputan6.com")
    assert compare(own, other).kind == "conflict"  # type: ignore[union-attr]
    later = claim(None, 250, day="2024-11-20", doc="detik2", outlet="detik.com")
    assert compare(own, later).kind == "update"  # type: ignore[union-attr]  # the same outlet, later
    from kabar.resolve.ledger import classify

    assert classify([claim(None, 241, doc="x"), claim(None, 270, doc="y")]) == []


def snapshot(db: Path) -> list[tuple[object, ...]]:
    with Store(db) as store:
        return sorted((g.key, c.claimant, c.value, c.low, c.high, c.hedge, c.doc_name, c.date)
                      for g in build_ledger(store) for c in g.claims)


@given(st.randoms(use_true_random=False))
@settings(max_examples=3, deadline=None)
def test_grouping_ignores_order_and_reingest(rnd: random.Random) -> None:
    sample = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kursk-2024"
    if not sample.exists():
        pytest.skip("the sample corpus is not there")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(sample.glob("*.txt"))
        rnd.shuffle(files)
        folder = Path(tmp) / "shuffled"
        folder.mkdir()
        shutil.copy(sample / "meta.jsonl", folder / "meta.jsonl")
        ordered = Path(tmp) / "a.db"
        shuffled = Path(tmp) / "b.db"
        ingest([str(sample)], ordered, workers=1)
        for path in files:  # one file at a time, in a random order, then everything again
            shutil.copy(path, folder / path.name)
            ingest([str(folder / path.name)], shuffled, workers=1)
        ingest([str(folder)], shuffled, workers=1)
        assert snapshot(ordered) == snapshot(shuffled)


def test_negated_statements_about_one_event_disagree() -> None:
    from kabar.resolve.disagreements import Said, find_disagreements, statement

    said = []
    for doc, claimant, text in (("d1", "Ukraina", "telah bertempur melawan pasukan Korea Utara untuk pertama kalinya."),
                                ("d2", "Korea Selatan", "tidak percaya [pasukan di kedua belah pihak] terlibat dalam "
                                 "pertempuran langsung"),
                                ("d3", "Rusia", "belum melihat laporan tentang harga gandum yang naik tajam")):
        s = statement(claimant, text, 0, "id")
        assert s is not None
        said.append(Said(doc, doc, "S1", claimant, text, 0, s.negated, frozenset(s.events)))
    found = find_disagreements(said)
    assert [(d.event, d.affirmed.claimant, d.negated.claimant) for d in found] == [
        ("tempur", "Ukraina", "Korea Selatan")]


def test_copies_are_counted_once(tmp_path: Path) -> None:
    text = ("Kementerian Kesehatan mengatakan sedikitnya 120 orang tewas di Gaza pada hari Senin. "
            "Pejabat itu menambahkan bahwa jumlah korban masih bisa bertambah karena banyak warga tertimbun.")
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text("Baca juga: berita lain\n" + text, encoding="utf-8")
    (folder / "c.txt").write_text(text.replace("120", "300").replace("Kementerian Kesehatan", "Hamas"),
                                  encoding="utf-8")
    db = tmp_path / "w.db"
    ingest([str(folder)], db, workers=1)
    with Store(db) as store:
        copies = {r[0]: r[1] for r in store.conn.execute(
            "SELECT d.name, o.name FROM documents d LEFT JOIN documents o ON o.id = d.duplicate_of")}
        groups = build_ledger(store)
    assert sorted((k, v) for k, v in copies.items() if v) in ([("a.txt", "b.txt")], [("b.txt", "a.txt")])
    assert copies["c.txt"] is None
    (group,) = [g for g in groups if len(g.claims) == 3]
    assert group.subject == "killed" and group.location == "Gaza"
    assert {c.claimant for c in group.claims} == {"Kementerian Kesehatan", "Hamas"}
    copy = next(c.id for c in group.claims if c.copy_of)
    (relation,) = group.relations  # the original against Hamas's figure; the copy is not a second source
    assert copy not in (relation.a, relation.b) and relation.kind == "agreement"  # "at least" 120 and 300 agree


def test_one_source_under_two_names_does_not_disagree_with_itself() -> None:
    from kabar.resolve.disagreements import Said, find_disagreements, statement

    said = []
    for doc, claimant, text in (("d1", "Ray Wagiu Basrowi", "makanan bergizi itu sudah diberikan kepada siswa."),
                                ("d1", "Ray", "tidak ada makanan bergizi yang diberikan kepada siswa kemarin.")):
        s = statement(claimant, text, 0, "id")
        assert s is not None
        said.append(Said(doc, doc, "S1", claimant, text, 0, s.negated, frozenset(s.events)))
    assert find_disagreements(said) == []


def test_candidate_disagreements_are_kept_out_of_the_conflicts(tmp_path: Path) -> None:
    from kabar.serve.export import rows_for

    sample = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kursk-2024"
    if not sample.exists():
        pytest.skip("the sample corpus is not there")
    db = tmp_path / "k.db"
    ingest([str(sample)], db, workers=1)
    with Store(db) as store:
        conflicts = list(rows_for(store, "conflicts", "jsonl")[1])
        words = list(rows_for(store, "disagreements", "jsonl")[1])
    assert conflicts and all(r["kind"] == "conflict" for r in conflicts)
    assert any(r["subject"] == "tempur" and r["kind"] == "negation" for r in words)
