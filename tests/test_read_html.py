"""HTML pages that cannot be parsed whole keep their text and say so (`PageText.notes`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import html_page
from kabar.errors import InputError
from kabar.read.html import FLAT_DEPTH, extract_page, flatten, too_deep
from kabar.read.raw import RawRecord, ReadOptions
from kabar.read.sources import iter_inputs

BODY = ("<article><p>Sekitar 3.000 tentara tiba di perbatasan pada hari Senin, kata juru bicara militer kepada "
        "wartawan di Jakarta.</p><p>Paragraf kedua menjelaskan bahwa pasukan itu akan tinggal selama dua pekan "
        "untuk latihan bersama.</p></article>")


def deep_page(depth: int) -> str:
    return ("<!DOCTYPE html><html><head><title>Pasukan tiba</title></head><body>" + "<div>" * depth + BODY
            + "</div>" * depth + "<p>Ekor halaman sesudah bagian yang dalam, yang juga harus terbaca.</p>"
            "</body></html>")


def test_an_ordinary_page_has_no_notes() -> None:
    page = extract_page(html_page("Judul", "Isi utama berita tentang pasukan yang tiba di perbatasan."))
    assert page.how == "trafilatura" and page.notes == ()
    assert not too_deep(deep_page(100))


@pytest.mark.parametrize("depth", [300, 100_000])
def test_a_page_nested_deeper_than_the_parser_keeps_its_body_and_says_so(depth: int) -> None:
    html = deep_page(depth)
    assert too_deep(html)
    page = extract_page(html)
    assert "Sekitar 3.000 tentara tiba di perbatasan" in page.text
    assert "Paragraf kedua menjelaskan" in page.text
    assert "Ekor halaman sesudah bagian yang dalam" in page.text  # what follows the deep part is kept too
    assert "Senin, kata juru bicara" in page.text
    assert "wartawan di Jakarta.\nParagraf kedua" in page.text or "Jakarta. Paragraf" in page.text
    assert page.title == "Pasukan tiba"
    assert len(page.notes) == 1 and "nested over 256 levels" in page.notes[0]


def test_flatten_keeps_text_entities_and_the_shallow_tags() -> None:
    html = "<html><body>" + "<div>" * 5 + "<p class='x'>A &amp; B &#233;</p>" + "</div>" * 5 + "<br/></body></html>"
    flat = flatten(html, 3)
    assert flat.startswith("<html><body><div>")
    assert flat.count("<div>") == 1 and "<p class='x'>" not in flat
    assert "A &amp; B &#233;" in flat
    assert flatten(html, 100) == html
    assert FLAT_DEPTH < 256


def test_the_fallback_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("hostile markup")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    page = extract_page(html_page("Judul", "Isi utama berita tentang pasukan yang tiba di perbatasan."))
    assert page.how == "fallback" and "Isi utama berita" in page.text
    assert page.notes[0] == "trafilatura failed (RuntimeError)"
    assert "plain text of the whole page" in page.notes[1]
    with pytest.raises(InputError) as info:
        extract_page("<html><body><script>var a = 1;</script></body></html>")
    assert info.value.reason == "no-text"


def test_a_deep_html_file_is_read_whole_through_the_pipeline(tmp_path: Path) -> None:
    from kabar.pipeline import process

    path = tmp_path / "deep.html"
    path.write_text(deep_page(100_000), encoding="utf-8")
    (record,) = list(iter_inputs([str(path)], ReadOptions()))
    assert isinstance(record, RawRecord)
    result = process(record)
    assert not hasattr(result, "reason"), result
    doc, _ = result  # type: ignore[misc]
    assert "Paragraf kedua menjelaskan" in doc.text and doc.title == "Pasukan tiba"
