"""One schema test over every language's data files (adding a language = adding a folder)."""

from __future__ import annotations

import re

import pytest

from kabar import lang
from kabar.errors import LanguageDataError


@pytest.mark.parametrize("code", lang.supported())
@pytest.mark.parametrize("name", sorted(lang.SCHEMA))
def test_every_language_file_passes_the_schema(code: str, name: str) -> None:
    data = lang.load(code, name)
    for key in lang.SCHEMA[name]:
        assert key in data


@pytest.mark.parametrize("code", lang.supported())
def test_boilerplate_patterns_compile_and_have_reasons(code: str) -> None:
    for rule in lang.load(code, "boilerplate")["line"]:
        re.compile(rule["pattern"])
        assert rule["reason"] in {"related-link", "promo", "comment-prompt", "share", "media-embed", "layout"}


@pytest.mark.parametrize("code", lang.supported())
def test_calendar_values_are_in_range(code: str) -> None:
    data = lang.load(code, "calendar")
    assert set(data["months"].values()) == set(range(1, 13))
    assert set(data["weekdays"].values()) == set(range(7))
    assert all(-12 <= h <= 14 for h in data["zones"].values())


def test_indonesian_and_english_are_supported() -> None:
    assert {"id", "en"} <= set(lang.supported())


def test_unsupported_language_lists_the_supported_ones() -> None:
    with pytest.raises(LanguageDataError, match="supported: en, id"):
        lang.load("xx", "calendar")


def test_malformed_data_is_refused() -> None:
    with pytest.raises(LanguageDataError, match="missing key 'line'"):
        lang.validate("boilerplate", {}, where="test")
