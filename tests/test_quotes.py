"""Quotes and speakers on real phrasings of the sample corpus and Detik articles."""

from __future__ import annotations

import pytest

from kabar.extract.quotes import find_quotes
from kabar.extract.sentences import split_sentences


def quotes(text: str) -> list[tuple[str, str | None]]:
    found, _ = find_quotes(text, split_sentences(text, "id"), "id")
    for q in found:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.speaker) for q in found]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Dari 8.000 di Kursk, “kami belum melihat pasukan ini,” kata Menteri Luar Negeri Antony Blinken dalam "
     "konferensi pers.", "Antony Blinken"),
    ("“Hari ini, saya dapat mengonfirmasi,” kata Sekretaris Jenderal NATO Mark Rutte dalam pernyataan.", "Mark Rutte"),
    ('"Kami telah melihat laporan itu," kata Robert Wood, duta besar AS untuk PBB, kepada Dewan Keamanan.',
     "Robert Wood"),
    ('"Korea Utara telah menyediakan senjata," kata Dewan Keamanan Nasional Korea Selatan.',
     "Dewan Keamanan Nasional Korea Selatan"),
    ("“Kami sedang melihat kemungkinan itu,” kata seorang pejabat kepada wartawan.", "seorang pejabat"),
    ("Pemimpin Ukraina Volodymyr Zelensky, yang sebelumnya mengutuk respons Barat terhadap pasukan Korea Utara, "
     "mengatakan bahwa “pertempuran pertama membuka babak baru”.", "Volodymyr Zelensky"),
    ("Seoul, bagaimanapun, mengatakan bahwa mereka “tidak percaya pasukan itu terlibat”.", "Seoul"),
    ("Rutte mencatat bahwa Pyongyang telah memasok Rusia dengan “jutaan amunisi dan rudal balistik”", "Rutte"),
    ('"Kita mampu menjaga inflasi di sekitar 2 persen," ujar Prabowo dalam keterangannya.', "Prabowo"),
    ("Menurut Kapolres, “pelaku sudah ditangkap sejak pagi tadi di rumahnya”.", "Kapolres"),
])
def test_speakers(text: str, speaker: str) -> None:
    (found,) = quotes(text)
    assert found[1] == speaker


def test_pronouns_and_continuations_carry_the_last_speaker() -> None:
    text = ("“Gambar adalah hal yang serius,” kata Putin kepada seorang reporter. “Jika ada gambar, maka mereka "
            "mencerminkan sesuatu.”\n\n“Pengerahan ini berbahaya,” katanya.\n"
            "Dia menggambarkan ini sebagai “langkah pertama menuju perang.”")
    assert [s for _, s in quotes(text)] == ["Putin", "Putin", "Putin", "Putin"]


def test_pronoun_subject_refers_to_the_named_subject_of_its_sentence() -> None:
    text = ("Rustem Umerov mengkonfirmasi hal ini, mengatakan bahwa ia mengharapkan “jumlah signifikan” pasukan, "
            "meskipun ia menambahkan bahwa itu “hanya kontak kecil”.")
    assert [s for _, s in quotes(text)] == ["Rustem Umerov", "Rustem Umerov"]


def test_quote_over_several_sentences_and_styles() -> None:
    found = quotes("«Kami datang. Kami melihat.» ujar Budi.\n„Ini benar“, kata Ani.")
    assert found == [("Kami datang. Kami melihat.", "Budi"), ("Ini benar", "Ani")]


def test_run_on_quote_across_paragraphs() -> None:
    text = "“Paragraf pertama dari kutipan panjang.\n“Paragraf kedua,” kata Budi."
    assert [t for t, _ in quotes(text)] == ["Paragraf pertama dari kutipan panjang.", "Paragraf kedua,"]


def test_fragments_are_kept_without_inventing_a_speaker() -> None:
    assert quotes("Pemerintah “mengutuk keras” tindakan itu.") == [("mengutuk keras", None)]


def test_unpaired_marks_make_no_quote_and_say_why() -> None:
    text = "Ia berkata “tidak ada yang tahu dan pergi."
    found, notes = find_quotes(text, split_sentences(text), "id")
    assert found == () and any("unpaired" in n.message for n in notes)


def test_single_quotes_are_terms_unless_a_cue_follows() -> None:
    assert quotes("pasukan diharapkan dikerahkan ‘dalam beberapa hari mendatang’.") == []
    assert quotes("‘Kami siap,’ kata Budi.") == [("Kami siap,", "Budi")]


def test_apostrophes_are_not_quotes() -> None:
    assert quotes("Jum’at lalu ia bilang don’t worry.") == []


def test_a_cue_glued_to_a_linked_name() -> None:
    text = ('"Enam bulan ke depan kami mengirimkan atlet-atlet ke turnamen," kataEng Hiandalam keterangan '
            "tertulisnya, Kamis (19/6/2025).")
    assert quotes(text) == [("Enam bulan ke depan kami mengirimkan atlet-atlet ke turnamen,", "Eng Hian")]
