"""Claimants, places and subjects of quantities on real phrasings."""

from __future__ import annotations

import pytest

from kabar import analyze


def claims(text: str, published: str = "2024-11-01") -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.claimant_surface, q.location_surface)
            for q in analyze(text, published=published).quantities if not q.derived]


@pytest.mark.parametrize(("text", "claimant", "place"), [
    ("Amerika Serikat memperkirakan ada sekitar 10.000 pasukan Korea Utara di Rusia.", "Amerika Serikat", "Rusia"),
    ("Sekitar 8.000 prajurit Korea Utara kini berada di Rusia dekat perbatasan Ukraina, Amerika Serikat telah "
     "mengatakan.", "Amerika Serikat", "Rusia"),
    ("Ukraina mengatakan sekitar 11.000 pasukan Korea Utara berada di wilayah perbatasan Kursk, di mana pasukan "
     "Ukraina memiliki pijakan.", "Ukraina", "Kursk"),
    ("Duta Besar AS untuk PBB Robert Wood juga mengatakan kepada Dewan Keamanan bahwa ada 8.000 pasukan Korea "
     "Utara di wilayah Kursk Rusia.", "Robert Wood", "Kursk"),
    ("NIS kemudian memantau pergerakan militer Korea Utara dengan ketat dan, pada 18 Oktober, menyatakan bahwa "
     "pihaknya mengamati kapal-kapal yang mengangkut 1.500 tentara Korea Utara ke Vladivostok.", "NIS",
     "Vladivostok"),
    ("Meski jumlahnya belum jelas, kantor berita Korea Selatan, Yonhap News, menyatakan bahwa jumlahnya bisa "
     "mencapai 10.000 tentara.", "Yonhap News", None),
    ("Menurut Badan Nasional Penanggulangan Bencana, sedikitnya 120 orang tewas di Cianjur.",
     "Badan Nasional Penanggulangan Bencana", "Cianjur"),
    ('"Dari peristiwa ini ada 58 orang korban," kata Kapolres kepada wartawan.', "Kapolres", None),
    ("Para pejabat juga mengatakan bahwa Pyongyang telah mengirimkan ribuan senjata ke Rusia.", "Para pejabat",
     "Rusia"),
])
def test_claimant_and_place(text: str, claimant: str, place: str | None) -> None:
    (found,) = claims(text)
    assert found[1:] == (claimant, place)


def test_a_quote_in_the_sentence_gives_the_claimant() -> None:
    text = ("Dari 8.000 di Kursk, “kami belum melihat pasukan ini dikerahkan,” kata Menteri Luar Negeri Antony "
            "Blinken dalam konferensi pers pada hari Kamis.")
    (q,) = analyze(text, published="2024-11-01").quantities
    assert (q.claimant_surface, q.location_surface, q.date, q.date_source) == ("Antony Blinken", "Kursk",
                                                                              "2024-10-31", "statement")


def test_a_pronoun_is_the_last_named_speaker() -> None:
    text = ("“Mereka mengenakan seragam Rusia,” kata Umerov. Dia mengatakan kemungkinan lima unit, masing-masing "
            "terdiri dari sekitar 3.000 tentara, akan dikerahkan di medan perang.")
    assert {c for _, c, _ in claims(text)} == {"Umerov"}


def test_numbers_referring_back_take_the_subject_and_place_before() -> None:
    text = ("Amerika Serikat memperkirakan ada sekitar 10.000 pasukan Korea Utara di Rusia. Seoul dan sekutunya "
            "memperkirakan jumlah tersebut telah meningkat menjadi 11.000, sementara Ukraina menempatkan angka "
            "tersebut lebih tinggi, hingga 12.000.")
    found = analyze(text, published="2024-11-01").quantities
    assert [(q.claimant_surface, q.location_surface, q.subject) for q in found] == [
        ("Amerika Serikat", "Rusia", "troops (Korea Utara)"), ("Seoul", "Rusia", "troops (Korea Utara)"),
        ("Ukraina", "Rusia", "troops (Korea Utara)")]


def test_no_attribution_is_no_claimant_with_a_reason() -> None:
    (q,) = analyze("Banjir merendam 300 rumah di Bekasi.", published="2024-11-01").quantities
    assert q.claimant is None and q.attribution == "no attribution in its sentence"
    assert q.date == "2024-11-01" and q.date_source == "published"


def test_people_without_a_place_are_where_they_are_from() -> None:
    (q,) = analyze("Israel telah membunuh hampir 100 warga Palestina sejak gencatan senjata berlaku.",
                   published="2025-10-22").quantities
    # "membunuh" before the count says what happened to them: the measure is the killed
    assert (q.subject, q.location_surface, q.hedge) == ("killed (Palestina)", "Palestina", "about")


def test_what_happened_to_counted_people_is_the_subject() -> None:
    text = ("Kementerian Kesehatan Iran mengatakan sedikitnya 224 orang tewas dan lebih dari 1.200 lainnya "
            "terluka di Iran.")
    found = analyze(text, published="2025-06-16").quantities
    assert [(q.subject, q.location_surface, q.hedge) for q in found] == [("killed", "Iran", "at_least"),
                                                                        ("injured", "Iran", "more_than")]


@pytest.mark.parametrize(("text", "place"), [
    ("Menurut pejabat itu, Amerika Serikat memasok Israel dengan 1.800 bom sejak Oktober.", "Israel"),
    ("Menteri itu mengatakan Iran telah mempersenjatai Yaman dengan “ratusan rudal” tahun ini.", "Yaman"),
    ("Menurut Menteri Dalam Negeri, Turki menampung 3 juta pengungsi Suriah di negaranya.", "Turki"),
    ("Menurut pejabat itu, mereka melatih 5.000 tentara Iran di negaranya sebelum dikirim.", "Iran"),
    ("Menurut pejabat itu, mereka melatih 5.000 tentara Iran di pangkalan rahasia.", None),
])
def test_recipients_and_the_owners_own_country(text: str, place: str | None) -> None:
    (found,) = claims(text)
    assert found[2] == place


@pytest.mark.parametrize(("text", "lang", "subject"), [
    ("Penyelidikan kecelakaan Air India yang menewaskan 241 orang terus berjalan.", "id", "killed"),
    ("Kecelakaan itu mengakibatkan tewasnya sedikitnya 270 orang, termasuk awak.", "id", "killed"),
    ("Jumlah korban tewas mencapai 30 orang setelah banjir bandang.", "id", "killed"),
    ("Ledakan di pasar itu melukai 12 orang pedagang.", "id", "injured"),
    ("Sebanyak 12 orang hadir dalam rapat itu.", "id", "people"),
    ("The crash killed 241 people on board.", "en", "killed on board"),  # a part of the toll
    ("Pesawat itu jatuh dan menewaskan 241 orang di dalamnya.", "id", "killed on board"),
    ("Kecelakaan itu menewaskan sedikitnya 270 orang, termasuk para penumpang dan awak.", "id", "killed"),
    ("The death toll rose to 270 people on Friday.", "en", "killed"),
])
def test_what_happened_to_counted_people_written_before_the_number(text: str, lang: str, subject: str) -> None:
    (q,) = [q for q in analyze(text, published="2025-06-18", lang=lang).quantities if q.unit in ("orang", "people")]
    assert q.subject == subject


@pytest.mark.parametrize(("text", "subject"), [
    ("Warga dilarang beraktivitas dalam radius 7 km dari puncak.", "radius"),
    ("Warga dilarang beraktivitas dalam radius 8 kilometer dari puncak.", "radius"),
    ("Ketinggian air mencapai 40 sentimeter di kelurahan itu.", "height"),
    ("Kelurahan Rawa BuayaJumlah: 1 RTKetinggian: 40 cmPenyebab: hujan.", "height"),
    ("Jalan itu rusak sepanjang 3 kilometer.", "length"),
    ("Warga menemukan ular sebesar 3 meter.", "meters"),  # no measure noun: the bare unit
    ("Sebanyak 87 penerbangan dibatalkan.", "flights"),
])
def test_one_measure_whatever_the_spelling_or_the_scrape(text: str, subject: str) -> None:
    assert [q.subject for q in analyze(text, published="2025-06-18").quantities if q.unit][-1] == subject


def test_idioms_and_currencies_written_other_ways() -> None:
    assert analyze("Ponsel itu tidak mungkin dirancang dari nol, kata ahli.", published="2025-06-18").quantities == ()
    (q,) = analyze("Ponsel itu dibanderol 499 dollar AS.", published="2025-06-18").quantities
    assert q.subject == "price"  # the price in a currency, not dollars owned by the United States


@pytest.mark.parametrize("text", [
    "Berdasarkan Pasal 287 ayat 1, pelanggar didenda maksimal Rp500 ribu.",
    "Berdasarkan Surat Edaran Menteri PANRB No 2/2025, sebanyak 20 persen pegawai bekerja dari rumah.",
])
def test_a_document_is_no_claimant(text: str) -> None:
    assert [q.claimant for q in analyze(text, published="2025-06-18").quantities] == [None]


def test_the_organisation_behind_data_is_the_claimant() -> None:
    (q,) = analyze("Berdasarkan data BPS, 9 persen warga masih miskin.", published="2025-06-18").quantities
    assert q.claimant == "BPS"


def test_a_briefing_goes_on_after_its_source_is_named() -> None:
    text = ("Kapolres Bogor AKBP Budi Santoso mengatakan 12 orang tewas dalam kecelakaan itu. "
            "Sebanyak 30 orang lainnya luka-luka, ujarnya. Selain itu, 5 kendaraan rusak berat, tambahnya.\n"
            "Masih kata Budi, sebanyak 40 personel diterjunkan ke lokasi.")
    got = [(q.text, q.claimant) for q in analyze(text, published="2025-06-18").quantities]
    assert got == [("12", "Budi Santoso"), ("Sebanyak 30", "Budi Santoso"), ("5", "Budi Santoso"),
                   ("sebanyak 40", "Budi")]


def test_a_pronoun_cue_with_no_one_named_before_gives_no_claimant() -> None:
    (q,) = analyze("Sebanyak 30 orang luka-luka, ujarnya.", published="2025-06-18").quantities
    assert q.claimant is None


@pytest.mark.parametrize(("text", "lang", "subject"), [
    ("Total nilai bantuan logistik yang digelontorkan Kemensos mencapai Rp 5 miliar.", "id", "aid"),
    ("Kerugian akibat banjir ditaksir mencapai Rp 12 miliar.", "id", "losses"),
    ("Harga emas Antam hari ini Rp 1,9 juta per gram.", "id", "price"),
    ("The ministry said aid worth $5 million had been sent.", "en", "aid"),
    ("Residents were told to stay out of a radius of 7 km from the crater.", "en", "radius"),
])
def test_a_figure_in_a_unit_of_measure_is_typed_by_the_noun_before_it(text: str, lang: str, subject: str) -> None:
    (q,) = [q for q in analyze(text, published="2025-06-18", lang=lang).quantities if q.subject]
    assert q.subject == subject


def test_a_measure_noun_before_another_figure_does_not_reach_past_it() -> None:
    text = "Bantuan tahap pertama 200 paket, sedangkan jalan sepanjang 3 kilometer ditutup."
    lengths = [q for q in analyze(text, published="2025-06-18").quantities if q.unit == "kilometer"]
    assert [q.subject for q in lengths] == ["length"]


def test_a_height_above_sea_level_is_an_elevation_not_the_column() -> None:
    text = ("Tinggi kolom letusan teramati sekitar 750 meter di atas puncak atau 4.082 meter di atas permukaan "
            "laut.")
    subjects = [q.subject for q in analyze(text, published="2025-06-18").quantities if q.unit == "meter"]
    assert subjects == ["height", "elevation"]


def test_a_repeated_amount_keeps_the_measure_said_just_before() -> None:
    text = ("Mensos mengungkapkan total bantuan hampir Rp5 miliar telah disalurkan. “Jadi sudah hampir 5 miliar. "
            "Ya kita sudah ya hampir Rp5 miliar,” kata Gus Ipul.")
    assert {q.subject for q in analyze(text, published="2025-06-18").quantities} == {"aid"}
    other = "Utang sebesar Rp127 juta. Sedangkan total harta kekayaan mencapai Rp2,9 miliar."
    assert [q.subject for q in analyze(other, published="2025-06-18").quantities] == ["debt", "money"]


def test_a_distance_is_placed_where_it_is_measured_from() -> None:
    text = "Warga dilarang beraktivitas dalam radius 7 km dari pusat erupsi Gunung Lewotobi Laki-laki."
    (q,) = [q for q in analyze(text, published="2025-06-18").quantities if q.subject == "radius"]
    assert q.location and "Lewotobi" in q.location


def test_the_place_where_a_figure_was_said_is_not_where_it_holds() -> None:
    text = "“Bantuan sudah hampir Rp5 miliar,” kata Gus Ipul saat konferensi pers di Kantor Kemensos, Jakarta."
    (q,) = [q for q in analyze(text, published="2025-06-18").quantities if q.subject == "aid"]
    assert q.location is None
    passive = "Bantuan senilai Rp5 miliar telah disalurkan, hal itu diungkapkan Menteri di Jakarta."
    (q,) = [q for q in analyze(passive, published="2025-06-18").quantities if q.subject == "aid"]
    assert q.location is None


def test_an_amount_without_a_scale_after_a_scaled_one_carries_its_scale() -> None:
    (five, four) = analyze("Kita sudah hampir Rp5 miliar, ya Rp4,8 tepatnya.", published="2025-06-18").quantities
    assert (five.value, four.value) == (5e9, 4.8e9)
    apart = analyze("Nilainya Rp5 miliar. Harga per lembar Rp4,8.", published="2025-06-18").quantities
    assert [q.value for q in apart] == [5e9, 4.8]  # another sentence: no carry
    people = analyze("Sebanyak 5 juta orang, atau 4,8 persen.", published="2025-06-18").quantities
    assert [q.value for q in people] == [5e6, 4.8]  # no currency: no carry


def test_an_elevation_is_not_the_height_of_what_stands_on_it() -> None:
    text = "Tanggul itu setinggi 2,5 meter, sedangkan elevasi kawasan itu 1,8 meter."
    assert [q.subject for q in analyze(text, published="2025-06-18").quantities] == ["height", "elevation"]


def test_a_place_of_the_cause_is_not_where_the_figure_holds() -> None:
    text = "Sebanyak 87 penerbangan terpaksa dibatalkan akibat erupsi Gunung Lewotobi di Flores Timur."
    (q,) = analyze(text, published="2025-06-18").quantities
    assert q.location is None
    glued = "Sebanyak 87 penerbangan terpaksa dibatalkan akibaterupsi Gunung Lewotobi di Flores Timur."
    (q,) = analyze(glued, published="2025-06-18").quantities
    assert q.location is None
    english = "Some 87 flights were cancelled due to the eruption in Flores."
    (q,) = analyze(english, published="2025-06-18", lang="en").quantities
    assert q.location is None


def test_a_facility_reporting_its_own_figure_is_where_it_holds() -> None:
    text = "Bandara I Gusti Ngurah Rai mencatat sebanyak 87 penerbangan dibatalkan."
    (q,) = analyze(text, published="2025-06-18").quantities
    assert q.location == q.claimant == "Bandara I Gusti Ngurah Rai"
    country = "Amerika Serikat memperkirakan ada 10.000 tentara Korea Utara."
    (q,) = analyze(country, published="2025-06-18").quantities
    assert q.location is None  # a country that reports a figure is not where the figure is


def test_a_spoken_source_goes_on_into_the_next_sentence_of_its_paragraph() -> None:
    text = "“Kami terus mencari korban,” kata Budi Santoso. Sebanyak 40 orang sudah dievakuasi ke posko."
    (q,) = analyze(text, published="2025-06-18").quantities
    assert q.claimant == "Budi Santoso" and q.attribution.startswith("the paragraph goes on")
    apart = "“Kami terus mencari korban,” kata Budi Santoso.\nSebanyak 40 orang sudah dievakuasi ke posko."
    assert analyze(apart, published="2025-06-18").quantities[0].claimant is None  # a new paragraph


def test_the_source_does_not_go_on_past_narration_or_from_what_a_record_shows() -> None:
    narration = ("“Tanahnya sudah labil,” ucap Eko Prasetyo. Longsor terjadi saat hujan deras. Dari lima orang "
                 "itu, tiga selamat.")
    assert [q.claimant for q in analyze(narration, published="2025-06-18").quantities] == [None, None]
    shown = "Data Polri menunjukkan 26 tersangka ditangkap. Posisi kedua ditempati Jawa Barat dengan 21 orang."
    assert analyze(shown, published="2025-06-18").quantities[-1].claimant is None


def test_the_sentences_before_lend_no_place_of_a_cause_or_of_where_it_was_said() -> None:
    cause = ("Penerbangan terganggu akibat erupsi Gunung Lewotobi di Flores Timur. Sebanyak 87 penerbangan "
             "dibatalkan.")
    assert analyze(cause, published="2025-06-18").quantities[-1].location is None
    said = ("“Kami siap,” kata Yuliot di Kantor Kementerian ESDM, Jakarta. Kapasitasnya 500 megawatt untuk "
            "pembangkit itu.")
    assert analyze(said, published="2025-06-18").quantities[-1].location is None


def test_a_common_word_where_the_name_should_be_is_no_source() -> None:
    text = "Data menunjukkan 26 tersangka ditangkap pekan ini."
    (q,) = analyze(text, published="2025-06-18").quantities
    assert q.claimant is None and "common word" in (q.attribution or "")
    quoted = "“Sudah 40 orang kami evakuasi,” ujar Pria itu kepada wartawan."
    assert analyze(quoted, published="2025-06-18").quotes[0].speaker is None
    described = "“Sudah 40 orang kami evakuasi,” kata sumber di kepolisian."
    assert analyze(described, published="2025-06-18").quotes[0].speaker == "sumber"  # an unnamed source


def test_a_figure_holds_for_the_year_its_sentence_gives_unless_the_year_bounds_a_period() -> None:
    def when(text: str) -> tuple[str | None, str | None]:
        (q,) = analyze(text, published="2025-06-18").quantities
        return q.date, q.date_source

    assert when("Pada 2023, jumlah wisatawan mencapai 5.000 orang.") == ("2023", "statement")
    assert when("Sejak 2019, sebanyak 300 orang telah dilatih.") == ("2025-06-18", "published")
    assert when("Sesuai UU Nomor 5 Tahun 2023, dendanya Rp 5 juta.") == ("2025-06-18", "published")
    assert when("Sebanyak 40 orang tewas pada Senin (16/6/2025) di tahun 2025.") == ("2025-06-16", "statement")


def test_a_name_glued_to_a_known_place_by_the_scrape_is_two_mentions() -> None:
    text = "KOMPAS.com -Bandara I Gusti Ngurah RaiBali mencatat sebanyak 87 penerbangan dibatalkan."
    ex = analyze(text, published="2025-06-18")
    assert [e.text for e in ex.entities] == ["Bandara I Gusti Ngurah Rai", "Bali"]
    assert ex.quantities[0].location == "Bandara I Gusti Ngurah Rai"  # the facility that reports it
    brand = analyze("Maskapai AirAsia membatalkan penerbangan.", published="2025-06-18")
    assert [e.text for e in brand.entities] == ["AirAsia"]  # one word: a brand, not a glue
