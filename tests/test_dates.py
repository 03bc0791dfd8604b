"""Dates resolved against the publication date, on real phrasings."""

from __future__ import annotations

import pytest

from kabar.extract.dates import find_dates


def dates(text: str, published: str | None = "2024-11-01") -> list[tuple[str, str | None, str | None, str]]:
    return [(d.text, d.value, d.granularity, d.anchor) for d in find_dates(text, published, "id")[0]]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("pada 28 Oktober.", "2024-10-29", ("28 Oktober", "2024-10-28", "day", "absolute")),
    ("pada Februari 2022.", "2024-10-29", ("Februari 2022", "2022-02", "month", "absolute")),
    ("sejak tahun 2022.", "2024-10-18", ("tahun 2022", "2022", "year", "absolute")),
    ("Pada hari Selasa (22/10/2024), pemerintah", "2024-10-22", ("hari Selasa (22/10/2024)", "2024-10-22", "day",
                                                                 "absolute")),
    ("konferensi pers pada hari Kamis dengan", "2024-11-01", ("hari Kamis", "2024-10-31", "day", "relative")),
    ("pada hari Senin bahwa", "2024-11-05", ("hari Senin", "2024-11-04", "day", "relative")),
    ("Senin lalu, ia datang.", "2024-11-04", ("Senin lalu", "2024-10-28", "day", "relative")),
    ("Kemarin, polisi menangkap", "2024-11-05", ("Kemarin", "2024-11-04", "day", "relative")),
    ("Bulan lalu, Seoul memanggil", "2024-11-05", ("Bulan lalu", "2024-10", "month", "relative")),
    ("pada awal Oktober, pasukan", "2024-10-29", ("awal Oktober", "2024-10", "month", "relative")),
    ("pada akhir bulan ini.", "2024-10-29", ("akhir bulan ini", "2024-10", "month", "relative")),
    ("Pada Agustus tahun ini, pasukan", "2024-11-01", ("Agustus tahun ini", "2024-08", "month", "relative")),
    ("kunjungan ke Pyongyang pada bulan Juni.", "2024-11-05", ("bulan Juni", "2024-06", "month", "relative")),
    ("Penyitaan dilakukan pekan lalu.", "2024-11-06", ("pekan lalu", "2024-10-28", "week", "relative")),
    ("terjadi tiga hari lalu", "2024-11-06", ("tiga hari lalu", "2024-11-03", "day", "relative")),
    ("ratusan siswa dirawat pada Senin (20/10).", "2025-10-22", ("Senin (20/10)", "2025-10-20", "day", "absolute")),
    ("akan dibuka pada 5 Januari.", "2024-12-20", ("5 Januari", "2025-01-05", "day", "absolute")),
])
def test_resolution(text: str, published: str, expected: tuple[str, str, str, str]) -> None:
    assert dates(text, published) == [expected]


def test_weekday_that_contradicts_its_date_is_flagged() -> None:
    (d,) = find_dates("kata Zelenskiy, Jumat (17/10/2024) usai pertemuan", "2024-10-18", "id")[0]
    assert d.value == "2024-10-17"
    assert d.warning is not None and "Kamis" in d.warning


def test_the_day_before_refers_to_the_date_just_mentioned() -> None:
    text = "Pada 30 Oktober, menteri datang. Sehari sebelumnya, ia berangkat."
    assert dates(text)[-1][:2] == ("Sehari sebelumnya", "2024-10-29")


def test_a_future_weekday() -> None:
    assert dates("Pada hari Rabu, para legislator Rusia akan memberikan suara.", "2024-11-05")[0][1] == "2024-11-06"


def test_minggu_lalu_is_last_week_and_hari_minggu_is_sunday() -> None:
    assert dates("Minggu lalu, ia berkata", "2024-10-29")[0][2] == "week"
    assert dates("pada hari Minggu lalu", "2024-10-29")[0][1:3] == ("2024-10-27", "day")


def test_relative_dates_inside_quotes_are_left_out() -> None:
    text = "“Hari ini, saya dapat mengonfirmasi,” kata Rutte pada 28 Oktober."
    found, notes = find_dates(text, "2024-10-29", "id", quotes=((1, 36),))
    assert [d.text for d in found] == ["28 Oktober"]
    assert any("inside a quote" in n.message for n in notes)


@pytest.mark.parametrize("text", ["terlibat dalam beberapa tahun terakhir", "nomor LP/B/2442/IV/2025/SPKT",
                                  "menghadirkan 2000 orang", "pukul 10.30 WIB", "jadwal Piala Dunia Antarklub 2025",
                                  "Prabowo hadir di SPIEF 2025 di St. Petersburg"])
def test_not_dates(text: str) -> None:
    assert dates(text) == []


def test_without_publication_date_the_reference_is_inferred() -> None:
    text = "Pada Selasa (22/10/2024), Seoul memprotes. Kemarin, ia kembali."
    found, notes = find_dates(text, None, "id")
    assert [(d.text, d.value, d.anchor) for d in found] == [("Selasa (22/10/2024)", "2024-10-22", "absolute"),
                                                            ("Kemarin", "2024-10-21", "inferred")]
    assert any("no publication date" in n.message for n in notes)


def test_without_any_date_nothing_is_invented() -> None:
    found, notes = find_dates("Kemarin ia datang.", None, "id")
    assert [(d.value, d.anchor) for d in found] == [(None, "inferred")]
    assert any("left unresolved" in n.message for n in notes)
