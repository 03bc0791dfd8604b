"""Invariants over generated input (hypothesis): offsets are sacred; ingest twice = ingest once."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kabar.clean.boilerplate import mark_boilerplate
from kabar.ingest import ingest
from kabar.pipeline import process
from kabar.read.raw import RawRecord
from kabar.records import check_offsets
from kabar.store import Store

BOILERPLATE_LINES = ["Baca juga: Berita lain", "Baca Juga", "  Simak juga Video: apa saja  ", "Advertisement",
                     "Tinggalkan komentar", "MEMBACA  Israel menyerang | Berita", "[Gambas:Video 20detik]"]
content_line = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"),
                       max_size=80)
line = st.one_of(content_line, st.sampled_from(BOILERPLATE_LINES))
newline = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


@st.composite
def article(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(line, newline), min_size=1, max_size=12))
    return "".join(a + b for a, b in parts)


@given(article())
@settings(max_examples=200, deadline=None)
def test_boilerplate_offsets_slice_back(text: str) -> None:
    for span in mark_boilerplate(text, "id"):
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()


@given(article())
@settings(max_examples=100, deadline=None)
def test_every_extracted_item_slices_back_to_the_stored_text(text: str) -> None:
    result = process(RawRecord("mem", "mem.txt", "txt", text=text))
    if isinstance(result, tuple):
        doc, extraction = result
        assert check_offsets(doc.text, extraction) == []


records = st.lists(
    st.fixed_dictionaries({"id": st.text(min_size=1, max_size=8), "text": article(),
                           "outlet": st.one_of(st.none(), st.sampled_from(["Kompas", "Detik"]))}),
    min_size=1, max_size=8)


@given(records)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_ingest_twice_equals_ingest_once(items: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
        once, twice = Path(tmp) / "once.db", Path(tmp) / "twice.db"
        ingest([str(path)], once, workers=1)
        ingest([str(path)], twice, workers=1)
        second = ingest([str(path)], twice, workers=1)
        assert second.stored == 0 and second.updated == 0
        with Store(once) as a, Store(twice) as b:
            assert a.dump() == b.dump()
