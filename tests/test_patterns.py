"""Regex pieces from language data."""

from __future__ import annotations

import re

from kabar.extract.patterns import alternation


def test_alternation_escapes_dedupes_and_puts_the_longest_phrase_first() -> None:
    pattern = alternation(["korban", "korban jiwa", "Rp.", "korban", "a+b"])
    assert pattern == r"korban\ jiwa|korban|Rp\.|a\+b"
    assert re.match(pattern, "korban jiwa 3").group() == "korban jiwa"  # type: ignore[union-attr]
    assert re.fullmatch(pattern, "Rp.") and not re.fullmatch(pattern, "Rpx")
