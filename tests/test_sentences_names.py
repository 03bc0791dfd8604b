"""Sentence boundaries and name chunks on Indonesian news phrasings."""

from __future__ import annotations

import pytest

from kabar.extract.names import last_of, name_chunks
from kabar.extract.sentences import split_sentences


def sentences(text: str) -> list[str]:
    found = split_sentences(text, "id")
    for s in found:
        assert text[s.start : s.end] == s.text
    return [s.text for s in found]


def test_abbreviations_initials_and_numbers_do_not_end_sentences() -> None:
    text = ("Dr. Budi dan Prof. Siti bertemu di Jl. Sudirman No. 5. Harga naik menjadi Rp 1.500 per kg. "
            "Presiden B. J. Habibie pernah datang.\nBaris baru selalu kalimat baru")
    assert sentences(text) == ["Dr. Budi dan Prof. Siti bertemu di Jl. Sudirman No. 5.",
                               "Harga naik menjadi Rp 1.500 per kg.", "Presiden B. J. Habibie pernah datang.",
                               "Baris baru selalu kalimat baru"]


def test_quotes_and_question_marks() -> None:
    text = "“Apakah Rusia masih bersikeras?” kata Wood. “Ya.” Dia lalu pergi!"
    assert sentences(text) == ["“Apakah Rusia masih bersikeras?” kata Wood.", "“Ya.”", "Dia lalu pergi!"]


@pytest.mark.parametrize(("text", "name", "descriptor", "kind"), [
    ("Menteri Luar Negeri Antony Blinken", "Antony Blinken", "Menteri Luar Negeri", "person"),
    ("Sekretaris Jenderal NATO Mark Rutte", "Mark Rutte", "Sekretaris Jenderal NATO", "person"),
    ("Presiden Ukraina Volodymyr Zelensky", "Volodymyr Zelensky", "Presiden Ukraina", "person"),
    ("Pemimpin Tertinggi Iran Ayatollah Ali Khamenei", "Ali Khamenei", None, "person"),
    ("Dewan Keamanan Nasional Korea Selatan", "Dewan Keamanan Nasional Korea Selatan", None, "organisation"),
    ("Amerika Serikat", "Amerika Serikat", None, "place"),
    ("Kapolres", "Kapolres", None, "role"),
])
def test_names_with_titles_and_affiliations(text: str, name: str, descriptor: str | None, kind: str) -> None:
    (found,) = name_chunks(text, 0, len(text), "id")
    assert (found.text, found.kind) == (name, kind)
    if descriptor:
        assert found.descriptor == descriptor


def test_sentence_initial_words_and_months_are_no_names() -> None:
    text = "Pada 17 Oktober, Zelenskyy mengatakan kepada Rutte di Brussels"
    assert [n.text for n in name_chunks(text, 0, len(text), "id")] == ["Zelenskyy", "Rutte", "Brussels"]


def test_last_of_finds_the_last_whole_word() -> None:
    text = "dia mengatakan bahwa kata-kata itu, kata Budi"
    m = last_of(("kata", "mengatakan"), text)
    assert m is not None and m.start() == text.rindex("kata Budi")  # "kata-kata" is no whole word
