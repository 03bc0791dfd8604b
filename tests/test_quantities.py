"""Quantities on real sentences (the sample corpus and Detik 2025 articles) and hand-made edge cases."""

from __future__ import annotations

import pytest

from kabar import analyze


def quantities(text: str) -> list[tuple[str, float | None, str]]:
    return [(q.text, q.value, q.hedge) for q in analyze(text, published="2024-11-01").quantities if not q.derived]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sekitar 8.000 prajurit Korea Utara kini berada di Rusia.", [("Sekitar 8.000", 8000, "about")]),
    ("Ukraina menempatkan angka tersebut lebih tinggi, hingga 12.000.", [("hingga 12.000", 12000, "up_to")]),
    ("Yonhap menyatakan bahwa jumlahnya bisa mencapai 10.000 tentara.", [("bisa mencapai 10.000", 10000, "up_to")]),
    ("Pemerintah memperluas penerima bantuan hingga 35 juta keluarga.", [("hingga 35 juta", 35e6, "up_to")]),
    ("tingkat pekerjaan tidak resmi lebih dari 70 persen di Peru.", [("lebih dari 70", 70, "more_than")]),
    ("Setidaknya 12 orang tewas dalam serangan itu.", [("Setidaknya 12", 12, "at_least")]),
    ("Sedikitnya 1.500 warga mengungsi.", [("Sedikitnya 1.500", 1500, "at_least")]),
    ("Korban tewas kurang dari 20 orang.", [("kurang dari 20", 20, "less_than")]),
    ("Hampir 3.000 rumah terendam banjir.", [("Hampir 3.000", 3000, "about")]),
    ("Inflasi terjaga di sekitar 2 persen.", [("sekitar 2", 2, "about")]),
    ("Harga beras naik 12,5 persen bulan ini.", [("12,5", 12.5, "exact")]),
    ("Media Korea Utara mengklaim 1,4 juta pemuda bergabung.", [("1,4 juta", 1_400_000, "exact")]),
    ("Dewan Keamanan 15 anggota tidak merespons.", [("15", 15, "exact")]),
    ("Ada dua belas ribu pengungsi di sana.", [("dua belas ribu", 12_000, "exact")]),
    ("Sebanyak seratus orang hadir.", [("Sebanyak seratus", 100, "exact")]),
    ("Pasukan itu berjumlah 10.000 lebih.", [("10.000 lebih", 10000, "more_than")]),
    ("Uang Rp 13,8 juta hasil penjualan emas itu habis.", [("13,8 juta", 13_800_000, "exact")]),
    ("Kerugian lebih dari Rp3 miliar.", [("lebih dari Rp3 miliar", 3e9, "more_than")]),
])
def test_amounts_and_hedges(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert quantities(text) == expected


@pytest.mark.parametrize(("text", "low", "high"), [
    ("laporan itu mencakup antara 2.000 dan 12.000 warga Korea Utara", 2000, 12000),
    ("bisa menghadirkan 500 hingga 600 orang dalam satu kegiatan", 500, 600),
    ("Mereka melakukan itu selama 7-10 hari berturut-turut.", 7, 10),
    ("suku bunga di level 4,25-4,50% untuk pertemuan ketiga", 4.25, 4.5),
])
def test_ranges(text: str, low: float, high: float) -> None:
    (q,) = analyze(text, published="2024-11-01").quantities
    assert (q.hedge, q.low, q.high, q.value) == ("range", low, high, None)


@pytest.mark.parametrize(("text", "low"), [("Pyongyang mengirimkan ribuan senjata ke Rusia.", 1000),
                                           ("jutaan amunisi dan rudal balistik", 1_000_000),
                                           ("dana senilai ratusan miliar rupiah", 1e11)])
def test_vague_magnitudes(text: str, low: float) -> None:
    (q,) = analyze(text).quantities
    assert q.hedge == "vague" and q.value is None and q.low == low and q.high == low * 10


@pytest.mark.parametrize("text", [
    "Dia secara khusus menyebutkan Pasal 4 dari perjanjian itu.",
    "mengunjungi situs peluncuran rudal KN-23 dekat front Rusia–Ukraina",
    "Kegiatan berlangsung sejak pukul 07.15 WIB hingga 07.45 WIB.",
    "Hubungi 0812-3456-7890 untuk informasi.",
    "Pasukan tiba pada 28 Oktober 2024 di Kursk.",
    "Rusia menginvasi Ukraina pada Februari 2022.",
    "Mereka tidak pernah sedikit pun meragukan bahwa salah satu negara akan membantu.",
    "terjadi dalam beberapa hari mendatang",
    "Beberapa minggu terakhir, intelijen Korea Selatan mengatakan",
    "kapal yang mengangkut tentara dalam satu waktu ke Vladivostok",
    "Bocoran soal Galaxy Z Fold 7 kembali muncul.",
    "https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D",
    "Baca Juga: Media Korea Utara mengklaim 1,4 juta pemuda telah bergabung",
    "Insiden itu terjadi dua hari lalu di perbatasan.",
])
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_units() -> None:
    units = [q.unit for q in analyze("Sekitar 8.000 prajurit dan 15 anggota serta 12,5 persen.").quantities]
    assert units == ["prajurit", "anggota", "persen"]


def test_distributive_product_is_derived() -> None:
    text = "Dia mengatakan kemungkinan lima unit, masing-masing terdiri dari sekitar 3.000 tentara, akan dikerahkan."
    found = analyze(text).quantities
    stated = [(q.text, q.value) for q in found if not q.derived]
    assert stated == [("lima", 5), ("sekitar 3.000", 3000)]
    (product,) = [q for q in found if q.derived]
    assert product.value == 15_000 and product.multiplier == 5 and product.unit == "tentara"
    assert text[product.start : product.end] == product.text


def test_rates_are_not_products() -> None:
    found = analyze("menampung sebanyak 85.000 penumpang per hari tersebut telah mencapai 84,71 persen").quantities
    assert not any(q.derived for q in found)


@pytest.mark.parametrize("text", ["Fluminense menahan imbang Borussia Dortmund 0-0 di laga pertama.",
                                  "Ulsan harus menelan kekalahan tipis 0-1 dari Mamelodi Sundowns.",
                                  "Mereka menang 2-1 atas tuan rumah."])
def test_scores_are_not_quantities(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(("text", "unit"), [
    ("Inspeksi telah diselesaikan pada 26 dari 33 pesawat Boeing.", "pesawat"),
    ("Bebas malaria di 476 dari total 514 kabupaten.", "kabupaten"),
    ("Sekitar 4,7 juta dari 16,85 juta pemudik memilih cuti.", "pemudik"),
    ("Inspections were completed on 26 of 33 aircraft.", "aircraft"),
])
def test_a_part_counts_the_noun_of_its_whole(text: str, unit: str) -> None:
    lang = "en" if text.startswith("Inspections") else "id"
    first = analyze(text, published="2025-06-18", lang=lang).quantities[0]
    assert first.unit == unit
