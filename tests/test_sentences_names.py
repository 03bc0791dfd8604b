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


def test_word_lists_find_whole_words_overlapping_and_in_list_order() -> None:
    from kabar.extract.names import first_of, has_word, last_of, word_starts

    text = "ia mengatakan bahwa pasukan tiba, kata pejabat itu"
    words = ("mengatakan bahwa", "mengatakan", "bahwa", "kata")
    found = [(m.start(), m.group(0)) for m in word_starts(words, text)]
    assert found == [(3, "mengatakan bahwa"), (14, "bahwa"), (34, "kata")]  # "bahwa" inside the longer one too
    assert first_of(words, text).group(0) == "mengatakan bahwa"  # type: ignore[union-attr]
    assert last_of(words, text).group(0) == "kata"  # type: ignore[union-attr]
    assert not has_word(("kat",), text) and not has_word((), text)
    assert last_of((), text) is None and first_of(("tidak ada",), text) is None
    assert not has_word(("pasukan",), "para-pasukan")  # a hyphen joins words


@pytest.mark.parametrize(("text", "name"), [
    ("“Kami siap,” kata Bupati Bogor Rudy Susmanto.", "Rudy Susmanto"),
    ("“Kami siap,” kata Kapolres Cilegon AKBP Kemas Indra Natanegara.", "Kemas Indra Natanegara"),
    ("“Kami siap,” kata Gubernur DKI Jakarta Pramono Anung.", "Pramono Anung"),
])
def test_the_city_of_an_office_is_not_part_of_the_holders_name(text: str, name: str) -> None:
    from kabar import analyze

    assert [q.speaker for q in analyze(text, published="2025-06-18").quotes] == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("“Kami siap,” kata Kasat Reskrim Polres Metro Depok AKBP Bambang Prakoso.", "Bambang Prakoso"),
    ("“Kami siap,” kata Kabag Ops Korlantas Polri Kombes Pol Aries Syahbudin.", "Aries Syahbudin"),
    ("“Kami siap,” kata Kompol Nurma Dewi.", "Nurma Dewi"),
])
def test_the_holders_name_starts_after_the_last_rank(text: str, name: str) -> None:
    from kabar import analyze

    assert [q.speaker for q in analyze(text, published="2025-06-18").quotes] == [name]


def test_a_title_with_no_name_after_a_rank_stays_a_role() -> None:
    from kabar import analyze

    (quote,) = analyze("“Kami siap,” kata Wakil Direktur Lalu Lintas Polda Metro Jaya.", published="2025-06-18").quotes
    assert quote.speaker == "Wakil Direktur Lalu Lintas Polda Metro Jaya"


def test_a_paragraph_break_lost_before_a_quote_still_ends_the_sentence() -> None:
    assert sentences('Itu terjadi Rabu (10/9).,"Kami akan datang," kata Rio.') == [
        "Itu terjadi Rabu (10/9).,", '"Kami akan datang," kata Rio.']
    assert sentences("bisa masuk ke area galian.“Kita sudah bicara,” katanya.") == [
        "bisa masuk ke area galian.", "“Kita sudah bicara,” katanya."]
    # a straight mark glued to a period alone may close a quote: no boundary is made there
    assert sentences('"Kami menolak tegas hal itu."Fokus kerja sama ini') == [
        '"Kami menolak tegas hal itu."Fokus kerja sama ini']
