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
# A sentence of at least this many words, this share of them capitalised, is a title-case headline.
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_SHARE = 0.75
NAME_PARTICLES = frozenset({"bin", "binti", "van", "von", "de", "da", "del", "der", "den", "al", "el", "of", "the",
                            "for", "and", "dos", "la", "le"})
WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    type: str
    source: str  # "ner" or "gazetteer"


def find_entities(text: str, sentences: tuple[Span, ...], language: str | None,
                  skip: tuple[tuple[int, int], ...] = (), known: tuple[tuple[str, str], ...] = ()
                  ) -> tuple[EntityMention, ...]:
    """`known` holds names the document's metadata gives (its author, its outlet) with their types: where
    the text writes them (a byline) they are mentions whatever the model says."""
    from kabar.ner.tagger import entity_spans

    cased = any(c.isupper() for c in text)
    found: list[Found] = []
    for sentence in sentences:
        if any(a <= sentence.start and sentence.end <= b for a, b in skip):
            continue
        headline = _title_case(text, sentence.start, sentence.end)
        places = _gazetteer(text, sentence.start, sentence.end, language, headline)
        for s, e, k in entity_spans(text, sentence.start, sentence.end):
            for a, b in _pieces(text, s, e, cased):
                found += _split_on_gazetteer(text, Found(a, b, k, "ner"), places)
        found += places
    for name, kind in known:
        if len(name) > 2:
            found += [Found(m.start(), m.end(), kind, "metadata")
                      for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    mentions = []
    for f in _merge(found):
        start, end = _strip_title(text, f.start, f.end, language) if f.type == "PER" else (f.start, f.end)
        if start >= end:
            continue
        kind = _refine(text[start:end], f.type)
        mentions.append(EntityMention(start, end, text[start:end], kind))  # type: ignore[arg-type]
    return tuple(mentions)


def _title_case(text: str, start: int, end: int) -> bool:
    """A headline in title case ("Pasukan Korea Utara Dikerahkan ke Kursk"): capitals say nothing there."""
    words = re.findall(r"[^\W\d_]+", text[start:end])
    return len(words) >= TITLE_CASE_MIN_WORDS and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _pieces(text: str, start: int, end: int, cased: bool) -> list[tuple[int, int]]:
    """A model span cut at lower-case words inside it that are no name particle ("Dewan Keamanan bahwa AS")
    and at hyphens between two gazetteer names ("Rusia-Ukraina"), each piece trimmed."""
    cuts: list[tuple[int, int]] = []
    piece_start = start
    for m in WORD_RE.finditer(text, start, end):
        word = m.group(0)
        if cased and word.islower() and word not in NAME_PARTICLES and m.start() > start:
            cuts.append((piece_start, m.start()))
            piece_start = m.end()
    cuts.append((piece_start, end))
    out = []
    for a, b in cuts:
        a, b = _trim(text, a, b, cased)
        if a < b:
            for c, d in _glued_tail(text, a, b):
                out += _hyphen_parts(text, c, d)
    return out


GLUED_TAIL_RE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _glued_tail(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A name of several words whose last word the scrape glued to a known name after it ("Bandara I Gusti
    Ngurah RaiBali" -> "Bandara I Gusti Ngurah Rai" + "Bali"); a one-word brand ("AirAsia") stays whole."""
    last = text.rfind(" ", start, end) + 1
    if last <= start:
        return [(start, end)]
    for m in GLUED_TAIL_RE.finditer(text, last, end):
        tail = text[m.start() : end]
        if m.start() - last >= 2 and tail.lower() in _names():
            return [(start, m.start()), (m.start(), end)]
    return [(start, end)]


def _hyphen_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts = text[start:end].split("-")
    if len(parts) < 2 or not all(p.lower() in _names() for p in parts):
        return [(start, end)]
    out, pos = [], start
    for part in parts:
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


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


def _split_on_gazetteer(text: str, found: Found, places: list[Found]) -> list[Found]:
    """A model span made of gazetteer names only is those names: "Kursk Rusia" -> Kursk + Rusia."""
    inside = [p for p in places if found.start <= p.start and p.end <= found.end]
    if len(inside) == 1 and inside[0].type == "ORG":
        rest = (text[found.start : inside[0].start] + " " + text[inside[0].end : found.end]).split()
        if len(rest) == 1 and rest[0].isupper():
            return inside  # "KTT BRICS": a summit's acronym before a known organisation
    if len(inside) < 2 or any(b.start < a.end for a, b in itertools.pairwise(inside)):
        return [found]
    covered = sum(p.end - p.start for p in inside)
    gaps = (found.end - found.start) - covered
    return inside if gaps <= len(inside) else [found]


def _gazetteer(text: str, start: int, end: int, language: str | None = None, headline: bool = False) -> list[Found]:
    """Capitalised runs of words that are a country, city or curated organisation (longest first), and
    runs that open with an organisation's head word ("Dewan Keamanan Nasional Korea Selatan", "Armada
    Pasifik Rusia"). A name followed by more capitalised words that are no name of their own is the start
    of a longer name, not that name ("Dewan Keamanan" in "Dewan Keamanan Nasional …"). In a title-case
    headline capitals mean nothing, so there only the names themselves count."""
    words = [(m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]
    names = _names()
    heads = speech_data(language).org_heads
    out: list[Found] = []
    i = 0
    while i < len(words):
        if not text[words[i][0]].isupper():
            i += 1
            continue
        run = 1 if headline else _capitalised_run(text, words, i)
        if text[words[i][0] : words[i][1]] in heads and run > 1:
            a, b = words[i][0], words[i + run - 1][1]
            pieces = _glued_tail(text, a, b)  # "Bandara I Gusti Ngurah RaiBali": the airport, then Bali
            out.append(Found(*pieces[0], "ORG", "gazetteer"))
            if len(pieces) == 2:
                out.append(Found(*pieces[1], names.get(text[slice(*pieces[1])].lower(), "LOC"), "gazetteer"))
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
    """Non-overlapping mentions: names from the metadata first, then the longer span; at equal length the
    model's."""
    ordered = sorted(found, key=lambda f: (f.source != "metadata", -(f.end - f.start), f.source != "ner", f.start))
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
    """The model says LOC for countries too: a country (or a curated GPE) is a GPE; a "person" whose name
    is exactly a country or a city is that place ("Seoul", "Pyongyang")."""
    low = surface.lower()
    if kind == "PER" and low in cities():
        return "LOC"
    if kind in ("LOC", "GPE") and low in countries():
        return "GPE"
    if low in curated():
        return curated()[low].type
    return kind
