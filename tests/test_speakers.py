"""Who speaks: the holder's name cut out of an office phrase, a name in apposition to its office, glued
scrapes and a role that stands for the person the article names with it (issue 12, "Who")."""

from __future__ import annotations

import pytest

from kabar import analyze
from kabar.extract.names import name_chunks, role_holder

PUBLISHED = "2025-06-18"


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in analyze(text, published=PUBLISHED).quotes]


@pytest.mark.parametrize(("text", "name"), [
    ("“Sekolah siap,” kata Kepala Dinas Pendidikan Kota Surabaya Yusuf Masruh.", "Yusuf Masruh"),
    ("“Jalur aman,” ujar Menteri Perhubungan Dudy Purwagandhi di Jakarta.", "Dudy Purwagandhi"),
    ("“Kami siaga,” kata Kepala Pelaksana BPBD Jawa Tengah Bergas Penanggungan.", "Bergas Penanggungan"),
])
def test_office_words_between_a_title_and_the_name_are_no_part_of_it(text: str, name: str) -> None:
    assert speakers(text) == [name]


def test_one_word_is_left_as_the_name_only_when_the_text_writes_it_alone() -> None:
    alone = "“Bantuan tiba,” kata Kepala Dinas Sosial Rahmat. Rahmat menambahkan bahwa stok cukup."
    assert speakers(alone) == ["Rahmat"]
    never_alone = "“Bantuan tiba,” kata Kepala Bidang Distribusi."
    assert speakers(never_alone) == ["Kepala Bidang Distribusi"]  # an office, not a person called Distribusi


def test_a_phrase_of_office_words_only_is_a_role() -> None:
    text = "“Data diperbarui,” kata Kepala Pusat Data."
    (name,) = name_chunks(text, text.index("Kepala"), len(text), "id")
    assert (name.text, name.kind) == ("Kepala Pusat Data", "role")
    assert speakers(text) == ["Kepala Pusat Data"]


@pytest.mark.parametrize(("text", "name"), [
    ("“Jadwal normal,” kata Direktur Operasional PT Kereta Commuter Indonesia, Budi Hartono, di Stasiun Gambir.",
     "Budi Hartono"),
    ("“Air surut,” ujar petugas Balai Besar Wilayah Sungai Citarum, Andi Saputra, Senin.", "Andi Saputra"),
    ("“Stok aman,” ucap Kepala Bidang Distribusi dan Logistik Perum Bulog, Agus Salim, di gudang.", "Agus Salim"),
    ("“Harga turun,” ujar seorang pedagang pasar, Siti Aminah.", "Siti Aminah"),
])
def test_the_holder_named_after_the_office_is_the_speaker(text: str, name: str) -> None:
    assert speakers(text) == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("“Kami hadir,” kata Presiden Prabowo Subianto, Ketua Umum Gerindra.", "Prabowo Subianto"),
    ("“Kami hadir,” kata Menteri Perhubungan dan Gubernur Bali Wayan Koster.", "Menteri Perhubungan"),
    ("“Kami hadir,” kata sumber di Istana Negara.", "sumber"),
])
def test_apposition_stops_at_another_title_or_a_preposition(text: str, name: str) -> None:
    assert speakers(text) == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("“Kami siap,” kata PresidenJoko Widodo.", "Joko Widodo"),
    ("“Kami siap,” kata Wali Kota BandungMuhammad Farhan di Balai Kota.", "Muhammad Farhan"),
    ("“Kami siap,” kata Ketua DPR RIPuan Maharani.", "Puan Maharani"),
])
def test_a_name_glued_to_the_word_before_it_is_cut_out_of_the_token(text: str, name: str) -> None:
    (quote,) = analyze(text, published=PUBLISHED).quotes
    assert quote.speaker == name


@pytest.mark.parametrize("brand", ["AirAsia", "YouGov Indonesia", "CryptoQuant", "McKinsey"])
def test_camel_case_brands_are_not_cut(brand: str) -> None:
    text = f"Menurut {brand} angka itu naik."
    assert [n.text for n in name_chunks(text, 0, len(text), "id")] == [brand]


def test_a_function_word_glued_to_a_name_ends_it_when_the_text_writes_the_name_alone() -> None:
    text = "Presiden Joko Widododi Solo meninjau pasar. Joko Widodo tiba pagi."
    first = name_chunks(text, 0, text.index("meninjau"), "id")[0]
    assert first.text == "Joko Widodo" and text[first.start : first.end] == first.text
    names = "Menurut Supardi pasar ramai."  # "Supar" is never written: "di" is part of the name
    assert name_chunks(names, 0, len(names), "id")[0].text == "Supardi"


def test_a_glued_name_keeps_offsets_into_the_stored_text() -> None:
    text = "“Kami siap,” kata Gubernur Jawa BaratDedi Mulyadi."
    for name in name_chunks(text, 0, len(text), "id"):
        assert text[name.start : name.end] == name.text
    assert speakers(text) == ["Dedi Mulyadi"]


def test_a_role_speaker_becomes_the_one_person_the_article_names_with_it() -> None:
    text = ("Kapolda Jawa Tengah Irjen Ribut Hari Wibowo meninjau lokasi banjir.\n"
            "“Kami siagakan 300 personel,” kata Kapolda.")
    assert speakers(text) == ["Ribut Hari Wibowo"]
    two = ("Kapolda Jawa Tengah Irjen Ribut Hari Wibowo dan Kapolda DIY Irjen Anggoro Sukartono hadir.\n"
           "“Kami siagakan 300 personel,” kata Kapolda.")
    assert speakers(two) == ["Kapolda"]  # two holders: no guess


def test_a_role_with_its_holder_in_brackets_or_apposition() -> None:
    text = "Menteri Kesehatan (Menkes) Budi Gunadi Sadikin meninjau rumah sakit. Menteri Kesehatan menyebut stok cukup."
    assert role_holder(text, "Menteri Kesehatan", "id") == "Budi Gunadi Sadikin"
    assert role_holder(text, "Budi Gunadi Sadikin", "id") is None  # not a role
    assert role_holder(text, "Kapolres", "id") is None  # no holder named


def test_english_office_words() -> None:
    text = "said Chief Executive Officer Tim Cook on Monday"
    assert name_chunks(text, 0, len(text), "en")[0].text == "Tim Cook"


def test_a_subject_and_a_reporting_verb_after_the_quote() -> None:
    text = ("“Stok cukup,” kata Kepala Kanwil DJP Jawa Barat Budi Cahyanto.\n"
            "“Distribusi lancar,” ia menerangkan.\n"
            "“Harga stabil,” Ahmad Yani menambahkan.")
    assert speakers(text) == ["Budi Cahyanto", "Budi Cahyanto", "Ahmad Yani"]
    assert speakers("Pasar ramai sejak pagi.\n“Kami pulang,” mereka bergegas.") == [None]  # no reporting verb


@pytest.mark.parametrize(("text", "name"), [
    ("“Laba naik,” kata Direktur Keuangan PT Semen Gresik Tbk Andi Wijaya di Jakarta.", "Andi Wijaya"),
    ("“Minat naik,” ujar Managing Director Kantar Indonesia Budi Prasetyo dalam rilis.", "Budi Prasetyo"),
    ("“Vonis dibacakan,” kata Ketua Majelis Pengadilan Negeri Surabaya Erintuah Damanik di ruang sidang.",
     "Erintuah Damanik"),
])
def test_the_name_starts_after_the_last_sure_office_word(text: str, name: str) -> None:
    assert speakers(text) == [name]


def test_a_rank_after_the_comma_starts_the_holders_name() -> None:
    text = "“Kami kawal,” kata Kabid Humas Polda Jatim, Kombes Pol Jules Abraham Abast, di Surabaya."
    assert speakers(text) == ["Jules Abraham Abast"]


def test_a_role_glued_to_its_holders_rank_is_resolved() -> None:
    text = ("Panglima TNIJenderal Agus Subiyanto meninjau latihan.\n"
            "“Prajurit harus netral,” tegas Panglima TNI.")
    assert speakers(text) == ["Agus Subiyanto"]


def test_a_name_after_a_no_break_space() -> None:
    assert speakers("“Kami siap,” ujar\u00a0Purnomo di Jakarta.") == ["Purnomo"]


def test_more_cue_words() -> None:
    text = "“Kerja sama segera,” beber Dicky Septriadi.\n“Kami siap,” tandasnya."
    assert speakers(text) == ["Dicky Septriadi", "Dicky Septriadi"]


@pytest.mark.parametrize(("text", "name"), [
    ("“Kami senang,” ujar Presiden Federasi Tinju Dunia, Boris van der Vorst, dalam rilis.", "Boris van der Vorst"),
    ("“Lukanya parah,” kata Kabag Humas RS Bhayangkara Kediri AKP Sutrisno saat dihubungi.", "Sutrisno"),
    ("“Harga naik,” ujar Ketua APSyFI Redma Gita Wirawasta dalam keterangan.", "Redma Gita Wirawasta"),
])
def test_particles_a_rank_before_one_word_and_mixed_case_acronyms(text: str, name: str) -> None:
    assert speakers(text) == [name]


@pytest.mark.parametrize(("text", "name"), [
    ("“Model baru siap,” kata kepala produk Nvidia, Jensen Huang.", "Jensen Huang"),
    ("“Terima kasih,” tulis adik Raffi Ahmad, Nisya Ahmad.", "Nisya Ahmad"),
    ("“Saya sendiri yang pasang,” tutur pentolan Slank itu di Jakarta.", None),
    ("“Kemayoran” berasal dari kata “Mayoran”, dikutip dari buku“Asal-usul Nama Tempat”.", None),
])
def test_a_description_names_its_speaker_only_in_apposition(text: str, name: str | None) -> None:
    assert speakers(text)[:1] == [name]


def test_a_prosecutor_asking_is_a_description_not_the_last_witness() -> None:
    text = "“Uang sudah diserahkan,” jawab Sepyoni.\n“Kepada siapa?” tanya jaksa.\n“Kepada Uji,” sahut Sepyoni."
    assert speakers(text) == ["Sepyoni", "jaksa", "Sepyoni"]


def test_a_lower_case_honorific_and_a_degree_around_the_name() -> None:
    assert speakers("“Segera periksa,” ujar dr. Rina Wulandari, Sp.A di Bekasi.") == ["Rina Wulandari"]


def test_a_description_closed_by_itu_points_back_to_the_last_speaker() -> None:
    text = ("“Kami kelola,” kata Gubernur Aceh Muzakir Manaf.\n"
            "“Itu hak kita,” jelas Ketua Umum Partai Aceh itu.\n"
            "“Armada diperiksa,” kata maskapai milik grup tersebut.")
    assert speakers(text) == ["Muzakir Manaf", "Muzakir Manaf", "Muzakir Manaf"]
