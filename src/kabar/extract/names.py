"""Name chunks: runs of capitalised words that can name a speaker or a claimant, with titles and leading
affiliations (a country, an acronym) split off. A stand-in for the NER of the entities issue: it finds
the surface name; resolution to canonical entities comes later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kabar import lang as langdata

TOKEN_RE = re.compile(r"[A-Z\u00c0-\u00dd][\w'’.\-]*|[a-z]+(?=\s)|\S")
CAP_WORD = r"(?:[A-Z\u00c0-\u00dd](?:\.(?=\s+[A-Z])|[\w'’\-]*))"  # a word, or an initial ("A. Smith")
NAME_PARTICLES = ("bin", "binti", "van", "von", "de", "da", "del", "al", "el", "der", "den", "dos")
CHUNK_RE = re.compile(rf"{CAP_WORD}(?:\s+(?:(?:{'|'.join(NAME_PARTICLES)})\s+)?{CAP_WORD})*")


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    descriptor: str | None  # the title or affiliation split off ("Menteri Luar Negeri")
    kind: str  # "person", "organisation", "place", "descriptor"


@dataclass(frozen=True, slots=True)
class SpeechData:
    cues_after: tuple[str, ...]
    cues_pronoun: frozenset[str]
    verbs: tuple[str, ...]
    according_to: tuple[str, ...]
    pronouns: frozenset[str]
    not_names: frozenset[str]
    titles: tuple[str, ...]
    org_heads: frozenset[str]
    descriptor_heads: tuple[str, ...]
    prepositions: frozenset[str]
    calendar_words: frozenset[str]
    glued_tails: tuple[str, ...]
    ranks: tuple[str, ...] = ()


def _langs(language: str | None) -> list[str]:
    return [language] if language in langdata.supported() else langdata.supported()


def by_length(words: list[str]) -> tuple[str, ...]:
    """Distinct words, longest first (so that "Menteri Luar Negeri" is tried before "Menteri")."""
    return tuple(sorted(set(words), key=len, reverse=True))


@cache
def speech_data(language: str | None) -> SpeechData:
    merged: dict[str, list[str]] = {}
    calendar: set[str] = set()
    for code in _langs(language):
        for key, values in langdata.load(code, "speech").items():
            merged.setdefault(key, []).extend(values)
        cal = langdata.load(code, "calendar")
        calendar.update(w.capitalize() for w in (*cal["months"], *cal["weekdays"]))
    return SpeechData(
        cues_after=by_length(merged["cues_after"]),
        cues_pronoun=frozenset(w.lower() for w in merged["cues_pronoun"]),
        verbs=by_length(merged["verbs"]),
        according_to=by_length(merged["according_to"]),
        pronouns=frozenset(w.lower() for w in merged["pronouns"]),
        not_names=frozenset(merged["not_names"]),
        titles=by_length(merged["titles"] + merged["ranks"]),  # a rank before a name is a title too
        org_heads=frozenset(merged["org_heads"]),
        descriptor_heads=by_length(merged["descriptor_heads"]),
        prepositions=frozenset(w.lower() for w in merged["prepositions"]),
        calendar_words=frozenset(calendar),
        glued_tails=by_length(merged["glued_tails"]),
        ranks=by_length(merged["ranks"]),
    )


@cache
def country_names(language: str | None) -> frozenset[str]:
    """Country names in the language (babel's territory names), e.g. Rusia, Korea Utara, Amerika Serikat."""
    from babel import Locale

    names: set[str] = set()
    for code in _langs(language):
        try:
            names.update(Locale.parse(code).territories.values())
        except (ValueError, LookupError):
            continue
    return frozenset(names)


def name_chunks(text: str, start: int, end: int, language: str | None) -> list[Name]:
    """Every name chunk inside text[start:end], cleaned of function words, titles and affiliations."""
    data = speech_data(language)
    out = []
    for m in CHUNK_RE.finditer(text, start, end):
        name = clean_chunk(text, m.start(), m.end(), language, data)
        if name is not None:
            out.append(name)
    return out


def clean_chunk(text: str, start: int, end: int, language: str | None, data: SpeechData) -> Name | None:
    words = [(w.start() + start, w.end() + start) for w in re.finditer(r"\S+", text[start:end])]
    while words and (_word(text, words[0]) in data.not_names or _word(text, words[0]) in data.calendar_words):
        words.pop(0)
    cut = next((i for i, w in enumerate(words) if _word(text, w) in data.calendar_words), len(words))
    words = words[:cut]
    if words and text[words[-1][1] - 1] == "." and words[-1][1] - words[-1][0] > 3:
        words[-1] = (words[-1][0], words[-1][1] - 1)  # the sentence's full stop, not part of the name
    while words and _word(text, words[-1]).endswith("."):
        words.pop()  # an initial or abbreviation at the end is not the name
    if not words:
        return None
    return _classify(text, words, language, data)


def _word(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]].rstrip(",;:")


def _classify(text: str, words: list[tuple[int, int]], language: str | None, data: SpeechData) -> Name | None:
    first = _word(text, words[0])
    whole = text[words[0][0] : words[-1][1]]
    if first in data.org_heads:
        return Name(words[0][0], words[-1][1], whole, None, "organisation")
    title_end = _title_length(text, words, data)
    rest = words[title_end:]
    if text[rest[0][0] : rest[-1][1]] in country_names(language) if rest else False:
        return Name(rest[0][0], rest[-1][1], text[rest[0][0] : rest[-1][1]],
                    text[words[0][0] : rest[0][0]].strip() or None, "place")
    rest = _strip_affiliation(text, rest, language)
    if title_end:  # "Bupati [Bogor] Rudy Susmanto"
        rest = _strip_title_rest(text, rest)
    rest = rest[_after_inner_title(text, rest, data):]  # "(Kapolda) Jawa Timur Irjen [Budi Santoso]"
    again = _title_length(text, rest, data) if len(rest) > 1 else 0  # "… Iran Ayatollah Ali Khamenei"
    if again < len(rest):
        rest = rest[again:]
    if not rest:
        if title_end:  # a title standing for its holder: "Menurut Kapolres, …"
            return Name(words[0][0], words[-1][1], whole, None, "role")
        kind = "place" if whole in country_names(language) else "organisation"
        return Name(words[0][0], words[-1][1], whole, None, kind)
    descriptor = text[words[0][0] : rest[0][0]].strip() or None
    core = text[rest[0][0] : rest[-1][1]]
    kind = "place" if core in country_names(language) else "person"
    if kind == "person" and all(_word(text, w).isupper() for w in rest):
        kind = "organisation"
    return Name(rest[0][0], rest[-1][1], core, descriptor, kind)


def _title_length(text: str, words: list[tuple[int, int]], data: SpeechData) -> int:
    """How many leading words form a title (longest match, repeated: "Wakil Menteri Luar Negeri")."""
    titles, longest = _title_set(data.titles)
    taken = 0
    while taken < len(words):
        for n in range(min(longest, len(words) - taken), 0, -1):  # the longest title first
            if " ".join(_word(text, w) for w in words[taken : taken + n]) in titles:
                taken += n
                break
        else:
            break
    return taken


@cache
def _title_set(titles: tuple[str, ...]) -> tuple[frozenset[str], int]:
    return frozenset(titles), max((len(t.split()) for t in titles), default=0)


def _after_inner_title(text: str, words: list[tuple[int, int]], data: SpeechData) -> int:
    """Where the holder's name starts after a rank inside the phrase ("Jawa Timur Irjen Budi Santoso" -> 3),
    when two words of a name follow it; 0 when none does."""
    titles, longest = _title_set(data.ranks)
    for i in range(len(words) - 3, 0, -1):
        n = next((n for n in range(min(longest, len(words) - i), 0, -1)  # the longest first: "Kombes Pol"
                  if " ".join(_word(text, w) for w in words[i : i + n]) in titles), 0)
        if n and len(words) - i - n >= 2:
            return i + n
    return 0


def _strip_title_rest(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """After a title, drop the city its office is in, and an acronym, while two words of a name remain
    ("Bupati [Bogor] Rudy Susmanto", "Kapolres [Cilegon AKBP] Kemas Indra Natanegara"). Common words are
    left: stripping them cut organisations apart ("Blue Bird", "Jasa Marga") and given names ("Harapan")
    as often as it found the person (measured on the June corpus)."""
    from kabar.ner.gazetteer import cities

    places = cities()
    while len(words) > 2:
        word = _word(text, words[0])
        if not ((word.isupper() and len(word) >= 2) or word.lower() in places):
            break
        words = words[1:]
    return words


def _strip_affiliation(text: str, words: list[tuple[int, int]], language: str | None) -> list[tuple[int, int]]:
    """Drop a leading country or acronym when a name follows it ("NATO Mark Rutte", "Ukraina Rustem Umerov")."""
    countries = country_names(language)
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in (3, 2, 1):
            if n < len(words) and " ".join(_word(text, w) for w in words[:n]) in countries:
                words = words[n:]
                changed = True
                break
        else:
            if _word(text, words[0]).isupper() and len(_word(text, words[0])) >= 2 and len(words) > 1:
                words = words[1:]
                changed = True
    return words


@cache
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """Every start of a whole-word occurrence of any of `words`, overlapping ones included; at one start the
    first of `words` (in their order) that fits is taken."""
    return re.compile(r"(?=(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-]))")


@cache
def _one_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def word_starts(words: tuple[str, ...] | list[str], text: str) -> list[re.Match[str]]:
    """Whole-word occurrences in `text` of any of `words`, by start (one per start: the first word that fits)."""
    if not words:
        return []
    return [_one_word(m.group(1)).match(text, m.start()) for m in _any_word(tuple(words)).finditer(text)]  # type: ignore[misc]


def has_word(words: tuple[str, ...] | list[str], text: str) -> bool:
    return bool(words) and _any_word(tuple(words)).search(text) is not None


def first_of(words: tuple[str, ...] | list[str], text: str) -> re.Match[str] | None:
    """The first whole-word occurrence in `text` of any of `words`."""
    if not words:
        return None
    m = _any_word(tuple(words)).search(text)
    return _one_word(m.group(1)).match(text, m.start()) if m else None


def last_of(words: tuple[str, ...] | list[str], text: str) -> re.Match[str] | None:
    """The last whole-word occurrence in `text` of any of `words` (reporting verbs, clause breaks)."""
    found = word_starts(words, text)
    return found[-1] if found else None
