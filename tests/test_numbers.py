from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kabar.extract.numbers import format_number, number_data, parse_digits, parse_words

ID = number_data("id")


@pytest.mark.parametrize(("token", "value"), [("8.000", 8000), ("1,4", 1.4), ("12,5", 12.5), ("1.500", 1500),
                                              ("1.234.567,89", 1234567.89), ("2022", 2022), ("2.5", 2.5),
                                              ("10,000,000", 10_000_000), ("0,58", 0.58)])
def test_indonesian_digits(token: str, value: float) -> None:
    assert parse_digits(token, ID) == pytest.approx(value)


@pytest.mark.parametrize("token", ["1.2345", "12.34.5", "1,2,3"])
def test_impossible_grouping_is_not_a_number(token: str) -> None:
    assert parse_digits(token, ID) is None


@pytest.mark.parametrize(("words", "value"), [
    ("lima", 5), ("sebelas", 11), ("dua belas", 12), ("dua puluh tiga", 23), ("seratus", 100), ("seribu", 1000),
    ("dua belas ribu", 12_000), ("setengah juta", 500_000), ("tiga ratus lima puluh ribu", 350_000),
    ("satu juta dua ratus ribu", 1_200_000), ("seratus ribu", 100_000), ("sembilan ratus sembilan puluh sembilan", 999),
])
def test_number_words(words: str, value: float) -> None:
    assert parse_words(words.split(), ID) == value


def test_not_number_words() -> None:
    assert parse_words(["lima", "pasukan"], ID) is None


@given(st.one_of(st.integers(min_value=0, max_value=10**13),
                 st.decimals(min_value=0, max_value=10**9, places=2).map(float)))
def test_formatted_numbers_parse_back(value: float) -> None:
    assert parse_digits(format_number(value, "id"), ID) == pytest.approx(value)


def test_english_format() -> None:
    en = number_data("en")
    assert format_number(12500.5, "en") == "12,500.5"
    assert parse_digits("12,500.5", en) == 12500.5
