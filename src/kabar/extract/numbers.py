"""Numbers as written: digits in a language's format ("8.000", "1,4 juta", "12,5") and number words
("dua belas ribu", "seratus", "setengah juta"), both from the language's `numbers.toml`.
`format_number` writes a value the way the language does, and every formatted number parses back."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kabar import lang as langdata

DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class NumberData:
    group: str
    decimal: str
    words: dict[str, float]
    group_multipliers: dict[str, float]
    teen_words: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, tuple[float, float]]
    raw: dict[str, Any]

    @property
    def all_words(self) -> frozenset[str]:
        return frozenset((*self.words, *self.group_multipliers, *self.teen_words, *self.scales))


@cache
def number_data(language: str | None) -> NumberData:
    code = language if language in langdata.supported() else "id"
    data = langdata.load(code, "numbers")
    vague = {k.replace("_", " "): (float(v[0]), float(v[1])) for k, v in data["vague"].items()}
    return NumberData(
        group=data["format"]["group"], decimal=data["format"]["decimal"],
        words={k: float(v) for k, v in data["words"].items()},
        group_multipliers={k: float(v) for k, v in data["group_multipliers"].items()},
        teen_words={k: float(v) for k, v in data["teen_words"].items()},
        scales={k: float(v) for k, v in data["scales"].items()},
        vague=vague, raw=data,
    )


def parse_digits(token: str, data: NumberData) -> float | None:
    """Value of a digit token in the language's format; None when the grouping is impossible or the value
    is past the largest float (309 digits and more)."""
    value = _parse_digits(token, data)
    return value if value is None or math.isfinite(value) else None


def _parse_digits(token: str, data: NumberData) -> float | None:
    if not DIGITS_RE.fullmatch(token):
        return None
    group, decimal = data.group, data.decimal
    if group in token and decimal in token:
        if token.rfind(decimal) < token.rfind(group):
            return None
        whole, frac = token.rsplit(decimal, 1)
        return _grouped(whole, group) + float("0." + frac) if _grouped(whole, group) >= 0 else None
    if group in token:
        parts = token.split(group)
        if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
            return float("".join(parts))
        if len(parts) == 2 and len(parts[1]) <= 2:
            return float(parts[0] + "." + parts[1])  # the other convention's decimal point: "2.5 persen"
        return None
    if decimal in token:
        parts = token.split(decimal)
        if len(parts) == 2:
            return float(parts[0] + "." + parts[1])
        if all(len(p) == 3 for p in parts[1:]):
            return float("".join(parts))  # the other convention's grouping: "10,000,000"
        return None
    return float(token)


def _grouped(whole: str, group: str) -> float:
    parts = whole.split(group)
    if not all(len(p) == 3 for p in parts[1:]) or not all(p.isdigit() for p in parts):
        return -1.0  # "1,2.500,5": a decimal mark inside the grouped part is no number
    return float("".join(parts))


def parse_words(words: list[str], data: NumberData) -> float | None:
    """Value of a run of number words ("dua belas ribu" -> 12000); None when it is not a number."""
    total, group, last = 0.0, 0.0, 0.0
    seen = False
    for raw in words:
        word = raw.lower()
        if word in data.words:
            value = data.words[word]
            if value < 1 and group == 0 and total == 0:
                group = value  # "setengah juta"
            else:
                group += value
            last = value
        elif word in data.teen_words:
            group += data.teen_words[word]
            last = 0.0
        elif word in data.group_multipliers:
            group = group - last + (last or 1) * data.group_multipliers[word]
            last = 0.0
        elif word in data.scales:
            total += (group or 1) * data.scales[word]
            group, last = 0.0, 0.0
        else:
            return None
        seen = True
    return total + group if seen else None


def format_number(value: float, language: str | None = "id") -> str:
    """Write `value` as the language writes digits: 8000 -> "8.000", 12.5 -> "12,5" (Indonesian)."""
    data = number_data(language)
    negative = value < 0
    whole, frac = f"{abs(value):.6f}".rstrip("0").rstrip(".").partition(".")[::2]
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = data.group.join(groups) + (data.decimal + frac if frac else "")
    return ("-" if negative else "") + text
