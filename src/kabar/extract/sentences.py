"""Sentence boundaries: a period, question or exclamation mark (with closing quotes or brackets) followed
by space and an upper-case letter, digit or opening quote, or glued to a quote that opens with one (a
paragraph break lost in the scrape), unless the word before is an abbreviation or an initial; a line break
always ends a sentence."""

from __future__ import annotations

import bisect
import re
from functools import cache

from kabar import lang as langdata
from kabar.records import Span

END_RE = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s+[\"“‘«(\[]?[A-Z0-9À-Ý])"
                    # a paragraph break the scraper turned into a comma or dropped before a quote: "(10/9).,\"Kami",
                    # "galian.“Kita" (a straight mark glued to a period alone may close a quote: not a boundary)
                    r"|[.!?…]+(?:,(?=[\"“][A-Z0-9À-Ý])|(?=“[A-Z0-9À-Ý]))")
WORD_BEFORE_RE = re.compile(r"([\w.]+)\.$")


@cache
def abbreviations(language: str | None) -> frozenset[str]:
    langs = [language] if language in langdata.supported() else langdata.supported()
    words: set[str] = set()
    for code in langs:
        words.update(w.lower().rstrip(".") for w in langdata.load(code, "sentences")["abbreviations"])
    return frozenset(words)


def split_sentences(text: str, language: str | None = "id") -> tuple[Span, ...]:
    """Sentences of `text` as spans (stripped of surrounding whitespace); offsets into `text`."""
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        spans.extend(_line_sentences(text, pos, pos + len(line), language))
        pos += len(line) + 1
    return tuple(spans)


def _line_sentences(text: str, start: int, end: int, language: str | None) -> list[Span]:
    out: list[Span] = []
    begin = start
    abbrev = abbreviations(language)
    for m in END_RE.finditer(text, start, end):
        if _is_abbreviation(text[begin : m.start() + 1], abbrev):
            continue
        out.extend(_span(text, begin, m.end()))
        begin = m.end()
    out.extend(_span(text, begin, end))
    return out


def _is_abbreviation(head: str, abbrev: frozenset[str]) -> bool:
    if not head.endswith("."):
        return False
    m = WORD_BEFORE_RE.search(head)
    if not m:
        return False
    word = m.group(1)
    return word.lower().rstrip(".") in abbrev or (len(word) == 1 and word.isupper())


def _span(text: str, start: int, end: int) -> list[Span]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    lead = len(chunk) - len(chunk.lstrip())
    return [Span(start + lead, start + lead + len(stripped), stripped)]


def sentence_at(sentences: tuple[Span, ...], offset: int) -> Span | None:
    """The sentence containing `offset` (or the one starting right after it); `sentences` in text order."""
    index = bisect.bisect_right(sentences, offset, key=lambda s: s.start) - 1
    if index >= 0 and offset < sentences[index].end:
        return sentences[index]
    return sentences[index + 1] if index + 1 < len(sentences) else None
