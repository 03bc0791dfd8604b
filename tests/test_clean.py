from __future__ import annotations

import json
from pathlib import Path

import pytest

from kabar.clean.boilerplate import mark_boilerplate
from kabar.clean.language import detect_language

ARTICLE = (
    "Presiden mengatakan sekitar 8.000 pasukan telah tiba di perbatasan pada hari Kamis.\n"
    "Baca juga: Media Korea Utara mengklaim 1,4 juta pemuda telah bergabung dengan tentara\n"
    "Menurut pejabat itu, jumlah tersebut bisa mencapai 12.000 orang pada akhir bulan ini.\n"
    "  Baca Juga  \n"
    "Advertisement\n"
    "SCROLL TO CONTINUE WITH CONTENT\n"
    "[Gambas:Video 20detik]\n"
    "Ikuti Whatsapp Channel Republika\n"
    "Dengarkan berita dan berita pilihan kami di ponsel Anda.\n"
    "Tinggalkan komentar\n"
    "Simak juga Video: Gubernur bertemu warga\n"
    "Ia juga membaca laporan itu dengan teliti sebelum rapat dimulai.\n"
)


def test_boilerplate_lines_are_marked_and_content_is_not() -> None:
    found = mark_boilerplate(ARTICLE, "id")
    marked = {b.text for b in found}
    assert "Baca juga: Media Korea Utara mengklaim 1,4 juta pemuda telah bergabung dengan tentara" in marked
    assert "Baca Juga" in marked
    assert {"Advertisement", "SCROLL TO CONTINUE WITH CONTENT", "[Gambas:Video 20detik]",
            "Tinggalkan komentar", "Ikuti Whatsapp Channel Republika"} <= marked
    assert not any("Presiden" in t or "Menurut" in t or "membaca laporan" in t for t in marked)
    assert len(found) == 9
    for b in found:
        assert ARTICLE[b.start : b.end] == b.text


def test_boilerplate_reasons() -> None:
    reasons = {b.text: b.reason for b in mark_boilerplate(ARTICLE, "id")}
    assert reasons["Baca Juga"] == "related-link"
    assert reasons["Tinggalkan komentar"] == "comment-prompt"
    assert reasons["Dengarkan berita dan berita pilihan kami di ponsel Anda."] == "promo"


def test_unknown_language_uses_every_language() -> None:
    found = mark_boilerplate("Some text here.\nRead also: another story\nBaca juga: berita lain\n", None)
    assert [b.text for b in found] == ["Read also: another story", "Baca juga: berita lain"]


def test_the_sample_boilerplate_is_covered(gold: Path, sample: Path) -> None:
    data = json.loads(gold.read_text(encoding="utf-8"))
    for g in data["boilerplate"]:
        text = (sample / g["doc"]).read_text(encoding="utf-8")
        spans = mark_boilerplate(text, "id")
        assert any(b.start <= g["start"] and b.end >= g["end"] for b in spans), g["text"]
    for q in data["quantities"] + data["quotes"]:
        text = (sample / q["doc"]).read_text(encoding="utf-8")
        assert not any(b.start < q["end"] and q["start"] < b.end for b in mark_boilerplate(text, "id"))


def test_language_of_the_sample_is_indonesian(sample: Path) -> None:
    for path in sorted(sample.glob("*.txt")):
        assert detect_language(path.read_text(encoding="utf-8"))[0] == "id"


@pytest.mark.parametrize("short", ["Halo, pembaca nawalaCek Fakta Tempo!", "SCROLL TO CONTINUE WITH CONTENT",
                                   "Kawan Pal.", ""])
def test_short_text_is_never_decided(short: str) -> None:
    assert detect_language(short)[0] is None


def test_english_body() -> None:
    text = ("The United States estimates that about ten thousand North Korean soldiers are now in Russia, "
            "and officials said they expect them to join the fighting within days.")
    assert detect_language(text)[0] == "en"
