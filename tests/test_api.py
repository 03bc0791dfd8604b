from __future__ import annotations

from pathlib import Path

import kabar
from kabar.serve.interchange import RECORD_KEYS

PUBLIC = ["Boilerplate", "Corpus", "Document", "Entity", "EntityMention", "EvalError", "Extraction", "FetchError",
          "FetchResult", "IngestSummary", "InputError", "KabarError", "LanguageDataError", "Note", "Quantity",
          "Quote", "ReadOptions", "Reject", "Span", "Store", "StoreError", "TimeExpr", "__version__", "analyze",
          "ingest", "open"]


def test_public_api_is_pinned_and_sorted() -> None:
    assert kabar.__all__ == PUBLIC == sorted(PUBLIC)
    for name in PUBLIC:
        assert hasattr(kabar, name)


def test_exception_tree() -> None:
    for err in (kabar.InputError, kabar.LanguageDataError, kabar.StoreError, kabar.EvalError):
        assert issubclass(err, kabar.KabarError)
    assert issubclass(kabar.FetchError, kabar.InputError)


def test_analyze_one_text() -> None:
    text = "Isi berita.\nBaca juga: tautan lain\n"
    extraction = kabar.analyze(text, published="2024-11-01")
    assert [b.text for b in extraction.boilerplate] == ["Baca juga: tautan lain"]


def test_open_and_ingest(sample: Path, db: Path) -> None:
    summary = kabar.ingest([str(sample)], db, workers=1)
    assert summary.as_dict() == {"stored": 5, "updated": 0, "duplicate": 0, "unchanged": 0, "rejected": {}}
    with kabar.open(str(db)) as corpus:
        assert corpus.counts()["documents"] == 5
        kursk = corpus.ledger(place="Kursk")
        assert {c.claimant for g in kursk for c in g.claims} >= {"Antony Blinken", "Robert Wood", "Ukraina"}
        assert any(d.event == "tempur" for d in corpus.disagreements())
        assert corpus.stories() and corpus.entities() and corpus.claims()


def test_interchange_keys_are_the_designs() -> None:
    assert RECORD_KEYS == ("id", "source", "name", "outlet", "url", "title", "author", "published", "language",
                           "text", "story", "duplicate_of", "boilerplate", "entities", "quantities", "quotes",
                           "dates")
