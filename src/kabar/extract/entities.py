"""Entity mentions of one document: the NER model's spans per sentence, joined by gazetteer matches
(countries, cities, curated organisations) it missed; titles are split off person names and kept as the
mention's descriptor. Canonical entities come later, from corpus-wide resolution (`resolve/`)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from kabar.extract.names import speech_data
from kabar.ner.gazetteer import cities, countries, curated
from kabar.records import EntityMention, Span

STAGE = "entities"
# Longest name looked up in the gazetteers, in words.
MAX_GAZETTEER_WORDS = 5
WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    type: str
    source: str  # "ner" or "gazetteer"


def find_entities(text: str, sentences: tuple[Span, ...], language: str | None,
                  skip: tuple[tuple[int, int], ...] = ()) -> tuple[EntityMention, ...]:
    from kabar.ner.tagger import entity_spans

    cased = any(c.isupper() for c in text)
    found: list[Found] = []
    for sentence in sentences:
        if any(a <= sentence.start and sentence.end <= b for a, b in skip):
            continue
        places = _gazetteer(text, sentence.start, sentence.end, language)
        for s, e, k in entity_spans(text, sentence.start, sentence.end):
            s, e = _trim(text, s, e, cased)
            if s < e:
                found += _split_on_gazetteer(Found(s, e, k, "ner"), places)
        found += places
    mentions = []
    for f in _merge(found):
        start, end = _strip_title(text, f.start, f.end, language) if f.type == "PER" else (f.start, f.end)
        if start >= end:
            continue
        kind = _refine(text[start:end], f.type)
        mentions.append(EntityMention(start, end, text[start:end], kind))  # type: ignore[arg-type]
    return tuple(mentions)


def _trim(text: str, start: int, end: int, cased: bool) -> tuple[int, int]:
    """Drop punctuation at the edges and, in cased text, lower-case words at the edges
    ("kantor berita Reuters" -> "Reuters"); a mention without a capital letter is no name there."""
    words = [(m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]
    if cased:
        while words and not text[words[0][0]].isupper():
            words.pop(0)
        while words and not text[words[-1][0]].isupper() and not text[words[-1][0]].isdigit():
            words.pop()
    if not words:
        return start, start
    first, last = words[0][0], words[-1][1]
    while last > first and not text[last - 1].isalnum():
        last -= 1
    return first, last


def _split_on_gazetteer(found: Found, places: list[Found]) -> list[Found]:
    """A model span made of gazetteer names only is those names: "Kursk Rusia" -> Kursk + Rusia."""
    inside = [p for p in places if found.start <= p.start and p.end <= found.end]
    if len(inside) < 2 or any(b.start < a.end for a, b in itertools.pairwise(inside)):
        return [found]
    covered = sum(p.end - p.start for p in inside)
    gaps = (found.end - found.start) - covered
    return inside if gaps <= len(inside) else [found]


def _gazetteer(text: str, start: int, end: int, language: str | None = None) -> list[Found]:
    """Capitalised runs of words that are a country, city or curated organisation (longest first), and
    runs that open with an organisation's head word ("Dewan Keamanan Nasional Korea Selatan", "Armada
    Pasifik Rusia"). A name followed by more capitalised words that are no name of their own is the start
    of a longer name, not that name ("Dewan Keamanan" in "Dewan Keamanan Nasional …")."""
    words = [(m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]
    names = _names()
    heads = speech_data(language).org_heads
    out: list[Found] = []
    i = 0
    while i < len(words):
        run = _capitalised_run(text, words, i)
        if text[words[i][0] : words[i][1]] in heads and run > 1:
            a, b = words[i][0], words[i + run - 1][1]
            out.append(Found(a, b, "ORG", "gazetteer"))
            i += run
            continue
        for n in range(min(MAX_GAZETTEER_WORDS, len(words) - i), 0, -1):
            a, b = words[i][0], words[i + n - 1][1]
            surface = text[a:b]
            kind = names.get(surface.lower()) if surface[:1].isupper() else None
            if kind and (n >= run or _name_starts(text, words, i + n, names)):
                out.append(Found(a, b, kind, "gazetteer"))
                i += n - 1
                break
        i += 1
    return out


@cache
def _names() -> dict[str, str]:
    return {**{k: "LOC" for k in cities()}, **{k: "GPE" for k in countries()},
            **{k: v.type for k, v in curated().items()}}


def _capitalised_run(text: str, words: list[tuple[int, int]], i: int) -> int:
    """How many words from i on are capitalised and separated by single spaces only."""
    n = 0
    while i + n < len(words) and text[words[i + n][0]].isupper():
        if n and text[words[i + n - 1][1] : words[i + n][0]] != " ":
            break
        n += 1
    return n


def _name_starts(text: str, words: list[tuple[int, int]], i: int, names: dict[str, str]) -> bool:
    for n in range(min(MAX_GAZETTEER_WORDS, len(words) - i), 0, -1):
        if text[words[i][0] : words[i + n - 1][1]].lower() in names:
            return True
    return False


def _merge(found: list[Found]) -> list[Found]:
    """Non-overlapping mentions: the longer span wins; at equal length the model's."""
    ordered = sorted(found, key=lambda f: (-(f.end - f.start), f.source != "ner", f.start))
    chosen: list[Found] = []
    for f in ordered:
        if not any(c.start < f.end and f.start < c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _strip_title(text: str, start: int, end: int, language: str | None) -> tuple[int, int]:
    titles = speech_data(language).titles
    changed = True
    while changed:
        changed = False
        for title in titles:
            if text.startswith(title + " ", start) and start + len(title) + 1 < end:
                start += len(title) + 1
                changed = True
                break
    return start, end


def _refine(surface: str, kind: str) -> str:
    """The model says LOC for countries too: a country (or a curated GPE) is a GPE."""
    low = surface.lower()
    if kind in ("LOC", "GPE") and low in countries():
        return "GPE"
    if low in curated():
        return curated()[low].type
    return kind
