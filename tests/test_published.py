from __future__ import annotations

import pytest

from kabar.read.published import infer_order, parse_published


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-11-01", "2024-11-01"),
        ("2025-06-18T07:30:00+07:00", "2025-06-18T07:30:00+07:00"),
        ("2025-06-18 07:30 WIB", "2025-06-18T07:30:00+07:00"),
        ("Wed, 18 Jun 2025 07:30:00 +0700", "2025-06-18T07:30:00+07:00"),
        ("Wed, 18 Jun 2025 00:30:00 GMT", "2025-06-18T00:30:00+00:00"),
        ("Rabu, 18 Jun 2025 07:30 WIB", "2025-06-18T07:30:00+07:00"),
        ("Kompas.com- 18/06/2025, 21:35 WIB", "2025-06-18T21:35:00+07:00"),
        ("Diperbarui 18 Jun 2025, 14:05 WIB", "2025-06-18T14:05:00+07:00"),
        ("18 Juni 2025 | 20.04 WIB", "2025-06-18T20:04:00+07:00"),
        ("Selasa, 22 Okt 2024 19:00:00 WIB", "2024-10-22T19:00:00+07:00"),
        ("Kamis, 19 Jun 2025 15:00 WITA", "2025-06-19T15:00:00+08:00"),
        ("Jumat, 20 Juni 2025 09:15 WIT", "2025-06-20T09:15:00+09:00"),
        ("Senin, 2 Desember 2024", "2024-12-02"),
        ("June 18, 2025 7:30 PM EDT", "2025-06-18T19:30:00-04:00"),
        ("10/21/2025 20:43", "2025-10-21T20:43:00"),
    ],
)
def test_outlet_forms(raw: str, iso: str) -> None:
    found = parse_published(raw)
    assert found is not None
    assert found.iso == iso
    assert found.raw == raw


def test_updated_prefix_is_recorded() -> None:
    found = parse_published("Diperbarui 18 Jun 2025, 14:05 WIB")
    assert found is not None and found.how.startswith("updated")


@pytest.mark.parametrize("raw", ["", "   ", "garbage", "31/02/2025", "tanggal tidak diketahui", None])
def test_no_date_is_never_guessed(raw: str | None) -> None:
    assert parse_published(raw) is None


def test_ambiguous_numeric_date_says_so() -> None:
    found = parse_published("03/04/2025")
    assert found is not None and found.iso == "2025-04-03" and "ambiguous" in found.how
    assert parse_published("03/04/2025", order="mdy").iso == "2025-03-04"  # type: ignore[union-attr]


def test_order_is_inferred_from_a_column() -> None:
    assert infer_order(["10/01/2025 10:00", "10/21/2025 20:43"]) == "mdy"
    assert infer_order(["01/10/2025", "21/10/2025"]) == "dmy"
    assert infer_order(["01/02/2025"]) is None
