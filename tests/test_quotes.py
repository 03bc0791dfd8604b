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


# scraped text: paragraph breaks lost, straight marks left unbalanced ------------------------------------
def test_a_quote_after_a_paragraph_break_turned_into_a_comma() -> None:
    text = ('Kapolres Bogor AKBP Rio Wahyu mengatakan polisi masih menyelidiki kasus itu, Rabu (10/9).,"Kami '
            'akan menindak tegas pelakunya," kata Rio.')
    assert quotes(text) == [("Kami akan menindak tegas pelakunya,", "Rio")]


@pytest.mark.parametrize("joint", [".,", "."])
def test_a_lost_paragraph_break_reads_as_the_break(joint: str) -> None:
    """A quote without a cue after a glued paragraph gets what it gets after a real break: no speaker from
    the reporting verb of the paragraph before (the mark opens its own sentence)."""
    head = "Rio mengatakan polisi masih menyelidiki kasus itu, Rabu (10/9)"
    tail = '"Kami akan menindak tegas pelakunya. Tidak ada toleransi," kata dia.'
    if joint == ".":
        head, tail = head, tail.replace('"', "“", 1).replace('"', "”", 1)
    glued, broken = quotes(head + joint + tail), quotes(head + ".\n" + tail)
    assert glued == broken and len(glued) == 1


def test_an_unclosed_straight_quote_does_not_swallow_the_paragraph() -> None:
    text = ('"Kami siap, kata Budi. Dia bilang "ini penting," ujar Ani. Lalu "Besok kami datang," kata Eko, '
            'dan "semua ikut," katanya.')
    found, notes = find_quotes(text, split_sentences(text, "id"), "id")
    assert [(q.text, q.speaker) for q in found] == [("ini penting,", "Ani"), ("Besok kami datang,", "Eko"),
                                                   ("semua ikut,", "Eko")]
    assert [n.start for n in notes if "unpaired" in n.message] == [0]
    assert all(text[q.start : q.end] == q.text for q in found)


def test_a_glued_closing_mark_taken_for_an_opening_gives_way_to_the_next_opening() -> None:
    """A closing mark glued to the next sentence (its opening lost) reads as a glued opening; the next
    mark that can only open takes over, so the quote after it is paired and nothing is swallowed."""
    text = 'Budi menolak berkomentar."Kemudian Ani datang. Lalu "kami akan datang," kata Ani.'
    assert quotes(text) == [("kami akan datang,", "Ani")]


@pytest.mark.parametrize("joint", [".“", ".\n“", ".,“"])
def test_a_pronoun_cue_is_the_reporting_subject_of_the_sentence_before(joint: str) -> None:
    text = ("“Kampus kami terbuka,” kata Dwiza Riana. Koordinator Markom UNM, Wawan Kurniawan "
            f"menuturkan, kegiatan ini bukan sekadar forum{joint}Open House kami rancang untuk calon mahasiswa,” "
            "tuturnya.")
    assert [s for _, s in quotes(text)] == ["Dwiza Riana", "Wawan Kurniawan"]


def test_the_issue_example_with_kata_dia() -> None:
    text = ('Kapolres Bogor AKBP Rio Wahyu mengatakan polisi masih menyelidiki kasus itu, Rabu (10/9).,"Kami '
            'akan menindak tegas pelakunya," kata dia.')
    assert quotes(text) == [("Kami akan menindak tegas pelakunya,", "Rio Wahyu")]


def test_a_reporting_verb_inside_the_quote_before_is_not_the_pronouns_referent() -> None:
    text = "“Menteri Ani mengatakan itu kemarin,” kata Budi.\n“Kami menunggu,” ujarnya."
    assert [s for _, s in quotes(text)] == ["Budi", "Budi"]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Prof. Abdul Hakim mencatat, Kementerian Desa menekankan pentingnya kolaborasi.", "Abdul Hakim"),  # main clause
    ("Sementara itu, penumpang Alfons Tanu mengatakan sudah menerima informasi. Ia berharap erupsi segera "
     "berakhir.", "Alfons Tanu"),  # a pronoun looks one sentence back
    ("Untuk itu, BGN telah meminta kepala satuan melakukan survei.", "Dadan Hindayana"),  # no organisation
])
def test_who_the_pronoun_cue_after_a_narrative_sentence_is(sentence: str, speaker: str) -> None:
    text = f"“Kami siap,” kata Dadan Hindayana.\n{sentence}\n“Semua sudah berjalan,” ujarnya."
    assert [s for _, s in quotes(text)] == ["Dadan Hindayana", speaker]


def test_a_role_that_is_part_of_the_last_speakers_name_keeps_the_name() -> None:
    text = ('"Api cepat membesar," kata Kapolsek Kemuning AKP Jalili.\nKapolsek menjelaskan, rumah korban hangus.\n'
            '"Total kerugian Rp 150 juta," jelasnya.')
    first, second = (s for _, s in quotes(text))
    assert first is not None and "Jalili" in first and second == first


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Dimas Pratama, selaku pengelola Sendang Seruni, menjelaskan konsep baru ini.", "Dimas Pratama"),
    ("Kepala BPPSDM KP, I Nyoman Radiarta, menyatakan pentingnya kapasitas nelayan.", "I Nyoman Radiarta"),
    ("Aktor sekaligus musisi itu menyebut sosok kakak bisa menjadi pelindung.", "Dadan Hindayana"),
])
def test_appositions_and_capitalised_common_words_before_the_verb(sentence: str, speaker: str) -> None:
    text = f"“Kami siap,” kata Dadan Hindayana.\n{sentence}\n“Semua sudah berjalan,” ujarnya."
    assert [s for _, s in quotes(text)] == ["Dadan Hindayana", speaker]


def test_a_one_word_name_inside_the_sentence_needs_no_second_mention() -> None:
    text = ("“Kami siap,” kata Dadan Hindayana.\nSementara itu, calon penumpang, Alfons mengatakan sudah menerima "
            "informasi.\n“Keselamatan yang utama,” ungkapnya.")
    assert [s for _, s in quotes(text)] == ["Dadan Hindayana", "Alfons"]
