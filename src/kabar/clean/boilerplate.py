"""Boilerplate marking: lines matching a language's `boilerplate.toml` rules become spans with a reason.

The text is never cut: a span covers the stripped line, so offsets of everything stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kabar import lang as langdata
from kabar.records import Boilerplate

Rule = tuple[re.Pattern[str], str, int]

# By default a line longer than this is prose, not a link or a promo, even when it starts like one (related-link
# titles in the June 2025 six-outlet set are all shorter; "Kunjungi juga Museum …" travel tips are longer).
MAX_BOILERPLATE_LINE = 200


@cache
def rules_for(language: str | None) -> tuple[Rule, ...]:
    """Compiled rules of one language, or of every language when it is not known or not supported."""
    langs = [language] if language in langdata.supported() else langdata.supported()
    rules: list[Rule] = []
    for code in langs:
        for rule in langdata.load(code, "boilerplate")["line"]:
            flags = 0 if rule.get("case") else re.IGNORECASE
            limit = int(rule.get("max_length", MAX_BOILERPLATE_LINE))
            rules.append((re.compile(rule["pattern"], flags), rule["reason"], limit))
    return tuple(rules)


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line without its surrounding whitespace; blank lines skipped."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = pos + (len(body) - len(body.lstrip()))
            yield start, start + len(stripped)
        pos += len(raw)


def mark_boilerplate(text: str, language: str | None) -> tuple[Boilerplate, ...]:
    """Every boilerplate line of `text` as a span with the reason of the first rule that matched."""
    rules = rules_for(language)
    found = []
    for start, end in lines(text):
        line = text[start:end]
        for pattern, reason, limit in rules:
            if len(line) <= limit and pattern.match(line):
                found.append(Boilerplate(start, end, line, reason))
                break
    return tuple(found)
