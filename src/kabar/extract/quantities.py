"""Quantities: numbers that count or measure something, with their hedge, unit and interval.

Digits in the language's format and number words are found, then everything that is not an amount is
dropped: dates and years (the dates stage's spans), times ("10.30 WIB"), labels ("Pasal 4", "KN-23"),
phone numbers, URLs and anything inside boilerplate. Hedge phrases before or after the number set
`hedge` and the interval (`low`/`high`); two numbers joined by a range word make one range; a quantity
spread over the units of another ("lima unit, masing-masing … 3.000 tentara") adds a derived product.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, replace
from functools import cache

from kabar import lang as langdata
from kabar.extract.intervals import Intervals
from kabar.extract.numbers import NumberData, number_data, parse_digits, parse_words
from kabar.extract.patterns import alternation
from kabar.records import Quantity, Span

STAGE = "quantities"
NUM = r"\d+(?:[.,]\d+)*"
# A number not glued to letters, slashes or other digits; "Rp3" (a currency written solid) is allowed.
DIGITS_RE = re.compile(rf"(?:(?<=Rp)|(?<=RP)|(?<![\w/\-.,])){NUM}(?![\w/]|[.,]\d|-\d)")
# Two numbers joined by a dash: "7-10 hari", "4,25-4,50%".
DASH_RANGE_RE = re.compile(rf"(?<![\w/\-.,])({NUM})[ \t]*[-–][ \t]*({NUM})(?![\w/]|[.,]\d|[-–]\d)")
TIME_RE = re.compile(r"\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:WIB|WITA|WIT|wib|wita|wit|GMT|UTC)\b")
PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s-]?|\(?0\d{1,3}\)?[\s-]?)\d{3,4}[\s-]?\d{3,5}(?:[\s-]?\d{2,4})?")
LIST_MARKER_RE = re.compile(r"[.)][\s\u00a0]")
# A whitespace-free run holding a URL or e-mail marker is a URL: found run by run (one pass over the text;
# a pattern such as \S*(?:://|www\.|@)\S* rescans each run from every start, quadratic in its length).
RUN_RE = re.compile(r"\S+")
URL_MARKERS = ("://", "www.", "@")
# Characters between a number and its hedge or range word.
GAP = r"[ \t\u00a0]+"
# Goals, sets and points of a score stay below this ("2-1", "0-0"); a dash range without a unit of numbers
# this small is read as a score.
MAX_SCORE = 20
# Characters allowed between two quantities joined by a distributive word in one sentence.
MAX_DISTRIBUTIVE_GAP = 80
# The oldest age read from "Nama (NN)" brackets; a larger number in brackets after a name is left as it is.
MAX_AGE = 120


@dataclass(frozen=True, slots=True)
class QuantityData:
    numbers: NumberData
    hedges_before: tuple[tuple[str, str], ...]
    hedges_after: tuple[tuple[str, str], ...]
    range_connectors: tuple[str, ...]
    between: tuple[str, ...]
    between_connectors: tuple[str, ...]
    range_from: tuple[str, ...]
    distributive: tuple[str, ...]
    labels: frozenset[str]
    not_quantities: tuple[str, ...]
    age_words: tuple[str, ...]
    vague_needs_unit: frozenset[str]
    counted: frozenset[str]
    measures: frozenset[str]
    time_units: frozenset[str]
    stop: frozenset[str]
    partitive: tuple[str, ...]
    relative_after: tuple[str, ...]
    currency: tuple[tuple[str, str], ...]
    word_re: re.Pattern[str]


@cache
def quantity_data(language: str | None) -> QuantityData:
    code = language if language in langdata.supported() else "id"
    nd = number_data(code)
    raw = nd.raw
    units = langdata.load(code, "units")
    vague_words = sorted(nd.vague, key=len, reverse=True)
    words = sorted(nd.all_words, key=len, reverse=True)
    word_alt = "|".join(re.escape(w) for w in vague_words + words)
    word_re = re.compile(rf"(?<![\w-])(?:{word_alt})(?:\s+(?:{word_alt}))*(?![\w-])", re.IGNORECASE)
    return QuantityData(
        numbers=nd,
        hedges_before=_longest_first(raw["hedges_before"]),
        hedges_after=_longest_first(raw["hedges_after"]),
        range_connectors=tuple(raw["ranges"]["connectors"]),
        between=tuple(raw["ranges"]["between"]),
        between_connectors=tuple(raw["ranges"]["between_connectors"]),
        range_from=tuple(raw["ranges"]["from"]),
        distributive=tuple(raw["distributive"]["words"]),
        labels=frozenset(w.lower().rstrip(".") for w in raw["labels"]["words"]),
        not_quantities=tuple(raw["not_quantities"]["phrases"]),
        age_words=tuple(raw["ages"]["words"]),
        vague_needs_unit=frozenset(raw["vague_needs_unit"]["words"]),
        counted=frozenset(units["counted"]),
        measures=frozenset(units["measures"]),
        time_units=frozenset(units["time"]),
        stop=frozenset(units["stop"]),
        partitive=tuple(units["partitive"]),
        relative_after=tuple(sorted(units["relative_after"], key=len, reverse=True)),
        currency=_longest_first(raw["currency_before"]),
        word_re=word_re,
    )


def _longest_first(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    words: bool = False
    scale: float | None = None  # the scale word after the digits ("5 miliar" -> 1e9)


def find_quantities(text: str, language: str | None, skip: tuple[tuple[int, int], ...] = (),
                    sentences: tuple[Span, ...] = ()) -> tuple[Quantity, ...]:
    """Every quantity of `text`; `skip` holds spans that are not content or already dates."""
    qd = quantity_data(language)
    blocked = Intervals([*skip, *_spans(TIME_RE, text), *_spans(PHONE_RE, text), *_url_spans(text)])
    numbers = [n for n in _numbers(text, qd) if not blocked.overlaps(n.start, n.end)]
    numbers = _scales_carried([n for n in numbers if _is_amount(text, n, qd)], text, qd)
    quantities = _ranges_and_hedges(text, numbers, qd)
    found = [q for q in quantities + _products(text, quantities, qd, sentences) if _finite(q)]
    return tuple(sorted(found, key=lambda q: (q.start, q.end)))


def _scales_carried(numbers: list[Number], text: str, qd: QuantityData) -> list[Number]:
    """An amount in a currency with a decimal part and no scale word, right after a scaled amount of the same
    clause, means the same scale ("hampir Rp5 miliar, ya Rp4,8 tepatnya" is 4.8 billion: no price is
    written Rp4,8)."""
    out: list[Number] = []
    for n in numbers:
        before = out[-1] if out else None
        if (before is not None and before.scale and n.scale is None and n.value is not None and not n.words
                and n.start - before.end <= SCALE_CARRY and not re.search(r"[.;:!?\n]", text[before.end : n.start])
                and _decimal_comma(text[n.start : n.end], qd) and _currency_before(text, n.start, qd)[1]):
            n = replace(n, value=n.value * before.scale, scale=before.scale)
        out.append(n)
    return out


def _decimal_comma(digits: str, qd: QuantityData) -> bool:
    return qd.numbers.decimal in digits


def _finite(q: Quantity) -> bool:
    """A number past the largest float (309 digits and more) is no amount: it would be stored as Infinity."""
    return all(v is None or math.isfinite(v) for v in (q.value, q.low, q.high))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _url_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in RUN_RE.finditer(text) if any(k in m.group() for k in URL_MARKERS)]


# finding numbers ----------------------------------------------------------------------------------------
def _numbers(text: str, qd: QuantityData) -> list[Number]:
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    digit_runs = [(m.start(), m.end()) for m in DIGITS_RE.finditer(text)]
    for m in DASH_RANGE_RE.finditer(text):
        if _score(text, m, qd):
            continue  # "imbang 0-0", "kalah 0-1": a score, not an amount
        digit_runs += [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
    for start, end in sorted(set(digit_runs)):
        number = _digit_number(text, start, end, qd.numbers)
        if number is not None:
            found.append(number)
            taken.append((number.start, number.end))
    digits = Intervals(taken)
    for m in qd.word_re.finditer(text):
        if digits.overlaps(m.start(), m.end()) or _scale_of_digits(text, m, qd.numbers):
            continue
        number = _word_number(text, m, qd)
        if number is not None:
            found.append(number)
    return sorted(found, key=lambda n: n.start)


def _score(text: str, m: re.Match[str], qd: QuantityData) -> bool:
    """Two small whole numbers joined by a dash with no unit after them read as a match score."""
    small = all(g.isdigit() and int(g) <= MAX_SCORE for g in (m.group(1), m.group(2)))
    return small and _unit_after(text, m.end(), qd) is None


def _digit_number(text: str, start: int, end: int, nd: NumberData) -> Number | None:
    value = parse_digits(text[start:end], nd)
    if value is None:
        return None
    scale = _scale_after(tuple(nd.scales)).match(text, end)
    if scale:
        factor = nd.scales[scale.group(1).lower()]
        end = scale.end()  # the pattern matched in `text` from `end`: its end is an offset of `text`
        return Number(start, end, value * factor, scale=factor)
    return Number(start, end, value)


def _scale_of_digits(text: str, m: re.Match[str], nd: NumberData) -> bool:
    """A scale word right after digits that are no number ("1,2.500,5 juta", 400 nines and "triliun")
    belongs to them: it is not a number of its own."""
    first = m.group(0).split()[0].lower()
    return first in nd.scales and text[max(0, m.start() - 4) : m.start()].rstrip(" \t\u00a0")[-1:].isdigit()


@cache
def _scale_after(scales: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"{GAP}({alternation(scales)})(?!\w)", re.IGNORECASE)


def _word_number(text: str, m: re.Match[str], qd: QuantityData) -> Number | None:
    phrase = " ".join(m.group(0).split()).lower()
    if m.group(0)[0].isupper() and not _sentence_initial(text, m.start()):
        return None  # "Lima" mid-sentence is the city
    if phrase in qd.numbers.vague:
        low, high = qd.numbers.vague[phrase]
        return Number(m.start(), m.end(), None, low, high, vague=True, words=True)
    head, _, rest = phrase.partition(" ")
    if head in qd.numbers.vague and rest and all(w in qd.numbers.scales for w in rest.split()):
        low, high = qd.numbers.vague[head]  # "ratusan miliar": hundreds of billions
        factor = 1.0
        for word in rest.split():
            factor *= qd.numbers.scales[word]
        return Number(m.start(), m.end(), None, low * factor, high * factor, vague=True, words=True)
    value = parse_words(phrase.split(), qd.numbers)
    return None if value is None else Number(m.start(), m.end(), value, words=True)


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\u00a0“\"‘(")
    return not before or before[-1] in ".!?\n:"


# what is not an amount ----------------------------------------------------------------------------------
def _is_amount(text: str, n: Number, qd: QuantityData) -> bool:
    if LIST_MARKER_RE.match(text, n.end) and text[max(0, n.start - 1) : n.start] in ("", "\n"):
        return False  # "1. Cek Fakta: …" numbers a list item
    before = text[max(0, n.start - 30) : n.start].lower()
    words_before = re.findall(r"[\w.]+", before)
    if words_before and (words_before[-1].rstrip(".") in qd.labels
                         or " ".join(words_before[-2:]).rstrip(".") in qd.labels):
        return False
    head = text[max(0, n.start - 30) : n.end].lower()
    if any(head.endswith(p) or (p in head and head.rstrip().endswith(p.split()[-1])) for p in qd.not_quantities):
        return False
    if _age_in_brackets(text, n, qd):
        return False  # "APW (25) tewas": the age of the person named before it
    unit = _unit_after(text, n.end, qd)
    if _currency_before(text, n.start, qd)[1] is not None:
        return True  # money: "Rp 13,8 juta"
    if _after_proper_noun(text, n.start) and unit not in qd.counted and unit not in qd.measures:
        return False  # "Galaxy Z Fold 7", "turnamen Super 750": a model or series number
    phrase = text[n.start : n.end].lower()
    if n.words and n.value == 1 and unit not in qd.counted:
        return False  # "satu" is mostly "a/one of"; a count only before a counted noun
    if n.vague and phrase in qd.vague_needs_unit and unit not in qd.counted:
        return False  # "beberapa hari" is a vague time, not a count
    if unit in qd.time_units and _relative_follows(text, n.end, qd):
        return False  # "dua hari lalu" is a date
    return not (n.words and unit is None and not n.vague and n.value is not None and n.value < 10
                and not _followed_by_comma_or_end(text, n.end))


def _age_in_brackets(text: str, n: Number, qd: QuantityData) -> bool:
    """A whole number up to MAX_AGE alone in brackets (or with an age word: "(40 tahun)") right after a
    capitalised word, a name or initials."""
    if n.words or n.value is None or n.value != int(n.value) or not 0 < n.value <= MAX_AGE:
        return False
    if text[n.start - 1 : n.start] != "(":
        return False
    inside = _age_close(qd.age_words).match(text, n.end)
    before = re.search(r"(\S+)[ \t\u00a0]*$", text[max(0, n.start - 41) : n.start - 1])
    return inside is not None and before is not None and before.group(1)[0].isupper()


@cache
def _age_close(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?:[ \t\u00a0]+(?:{alternation(words)}))?\)", re.IGNORECASE)


def _after_proper_noun(text: str, start: int) -> bool:
    m = re.search(r"(\S+)[ \t\u00a0]+$", text[max(0, start - 40) : start])
    if not m or not m.group(1)[0].isupper() or not m.group(1).isalpha():
        return False
    return not _sentence_initial(text, start - len(m.group(0)))


def _followed_by_comma_or_end(text: str, end: int) -> bool:
    return bool(re.match(r"\s*(?:[,.;:)]|$)", text[end : end + 3]))


def _relative_follows(text: str, end: int, qd: QuantityData) -> bool:
    rest = text[end : end + 40].lower()
    m = re.match(r"\s*[\w-]+\s+", rest)
    if not m:
        return False
    after = rest[m.end() :]
    return any(after.startswith(w) and (len(after) == len(w) or not after[len(w)].isalpha())
               for w in qd.relative_after)


# Characters between a scaled amount and a later one of the same clause that may carry its scale.
SCALE_CARRY = 40
GLUED_WORD_RE = re.compile(r"([a-z]{2,}|[A-Z]{2,5}(?=[A-Z][a-z]{3}))[A-Z][a-z]")


def _unglued(word: str) -> str:
    """The first word of two a scraper glued together ("cmPenyebab" -> "cm": a lower-case word of two or
    more letters, then a capitalised one; "RTKetinggian" -> "RT": an acronym, then a capitalised word of
    four letters or more); "iPhone", "eKTP" or "PDIPerjuangan"-like names of one word stay whole."""
    m = GLUED_WORD_RE.match(word)
    return m.group(1) if m else word


@cache
def _partitive(words: tuple[str, ...]) -> re.Pattern[str]:
    """A partitive word and the number of the whole after a number: "… dari (total) 33"."""
    if not words:
        return re.compile(r"(?!)")  # a language without partitives: never
    return re.compile(rf"{GAP}(?:{alternation(words)}){GAP}{NUM}(?![\w.,]\d)", re.IGNORECASE)


def _unit_after(text: str, end: int, qd: QuantityData) -> str | None:
    """The counted or measured thing right after a number: a lower-case word, a known unit whatever its case
    ("70 juta Euro", "250 Megawatt"), or a short acronym ("250 MW")."""
    m = re.match(r"(?:-an)?\s*(%|[A-Za-z][\w-]*)", text[end : end + 40])
    if not m:
        return None
    word = _unglued(m.group(1))
    low = word.lower()
    of = _partitive(qd.partitive).match(text, end)
    if of is not None:  # "26 dari 33 pesawat", "101 of 146 people": the part counts the whole's noun
        scale = _scale_after(tuple(qd.numbers.scales)).match(text, of.end())  # "4,7 juta dari 16,85 juta pemudik"
        return _unit_after(text, scale.end() if scale else of.end(), qd)
    if word[0].isupper():
        if low in qd.measures or low in qd.counted:
            return low
        return word if word.isupper() and len(word) <= 5 else None
    return None if word in qd.stop else word


# hedges and ranges --------------------------------------------------------------------------------------
def _ranges_and_hedges(text: str, numbers: list[Number], qd: QuantityData) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(numbers):
        n = numbers[i]
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        joined = _range(text, n, nxt, qd) if nxt else None
        if joined is not None and nxt is not None:
            start, end = joined
            out.append(Quantity(start, end, text[start:end], None, "range", low=n.value, high=nxt.value,
                                unit=_unit_after(text, nxt.end, qd)))
            i += 2
            continue
        out.append(_hedged(text, n, qd))
        i += 1
    return out


def _range(text: str, a: Number, b: Number, qd: QuantityData) -> tuple[int, int] | None:
    if a.vague or b.vague or a.value is None or b.value is None or b.value <= a.value:
        return None
    gap = text[a.end : b.start].strip().lower()
    before = text[max(0, a.start - 20) : a.start]
    lead = _lead(tuple(qd.between + qd.range_from)).search(before)
    if lead and lead.group(1).lower() in qd.between and gap in qd.between_connectors:
        return a.start - (len(before) - lead.start()), b.end
    if gap in qd.range_connectors:
        start = a.start - (len(before) - lead.start()) if lead and lead.group(1).lower() in qd.range_from else a.start
        return start, b.end
    return None


# Patterns built from the language data, compiled once per phrase (case-insensitive).
@cache
def _lead(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"({'|'.join(map(re.escape, words))}){GAP}$", re.IGNORECASE)


# One pattern per table says whether any of its phrases fits; only then are the phrases tried one by one,
# in the table's order of precedence (most numbers have no hedge and no currency).
@cache
def _any_currency(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w$])(?:{alternation(markers)})[ \t\u00a0]?$", re.IGNORECASE)


@cache
def _any_ends_with(table: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(p for p, _ in table)}){GAP}$", re.IGNORECASE)


@cache
def _any_starts_with(table: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    glued = alternation(p for p, _ in table if p.startswith("-"))
    spaced = alternation(p for p, _ in table if not p.startswith("-"))
    alternatives = [f"(?:{glued})" if glued else "", f"{GAP}(?:{spaced})" if spaced else ""]
    return re.compile(rf"(?:{'|'.join(a for a in alternatives if a)})(?![\w-])", re.IGNORECASE)


@cache
def _currency(marker: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w$]){re.escape(marker)}[ \t\u00a0]?$", re.IGNORECASE)


@cache
def _ends_with(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}{GAP}$", re.IGNORECASE)


@cache
def _starts_with(phrase: str, glued: bool) -> re.Pattern[str]:
    return re.compile(rf"{'' if glued else GAP}{re.escape(phrase)}(?![\w-])", re.IGNORECASE)


@cache
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)


def _currency_before(text: str, start: int, qd: QuantityData) -> tuple[int, str | None]:
    """Where a currency marker right before the number starts ("Rp 5", "US$2,2"), and its unit."""
    before = text[max(0, start - 8) : start]
    if not _any_currency(tuple(m for m, _ in qd.currency)).search(before):
        return start, None
    for marker, unit in qd.currency:
        m = _currency(marker).search(before)
        if m:
            return start - (len(before) - m.start()), unit
    return start, None


def _hedged(text: str, n: Number, qd: QuantityData) -> Quantity:
    end, hedge = n.end, "vague" if n.vague else "exact"
    start = n.start
    money_start, currency = _currency_before(text, n.start, qd)
    before = text[max(0, money_start - 40) : money_start]
    for phrase, kind in qd.hedges_before if _any_ends_with(qd.hedges_before).search(before) else ():
        m = _ends_with(phrase).search(before)
        if m and not n.vague:
            start, hedge = money_start - (len(before) - m.start()), kind
            break
    after = text[n.end : n.end + 12]
    for phrase, kind in qd.hedges_after if _any_starts_with(qd.hedges_after).match(after) else ():
        glued = phrase.startswith("-")
        m = _starts_with(phrase, glued).match(after)
        if m and hedge == "exact" and not n.vague:
            end, hedge = n.end + m.end(), kind
            break
    value, low, high = n.value, n.low, n.high
    if hedge in ("up_to", "less_than"):
        high = value
    elif hedge in ("at_least", "more_than"):
        low = value
    return Quantity(start, end, text[start:end], value, hedge, low=low, high=high,  # type: ignore[arg-type]
                    unit=currency or _unit_after(text, end, qd))


# products -----------------------------------------------------------------------------------------------
def _products(text: str, quantities: list[Quantity], qd: QuantityData,
              sentences: tuple[Span, ...]) -> list[Quantity]:
    """"lima unit, masing-masing terdiri dari sekitar 3.000 tentara" -> 15,000 tentara, marked derived."""
    out = []
    for first, second in itertools.pairwise(quantities):
        gap = text[first.end : second.start]
        if len(gap) > MAX_DISTRIBUTIVE_GAP or first.value is None or second.value is None:
            continue
        if any(s.start <= first.start < s.end and second.end > s.end for s in sentences):
            continue
        if not any(_whole_word(w).search(gap.lower()) for w in qd.distributive):
            continue
        if first.unit is None or first.unit in qd.measures or first.unit in qd.time_units:
            continue  # "lima unit, masing-masing …": the first must count containers
        out.append(replace(second, start=first.start, text=text[first.start : second.end],
                           value=first.value * second.value, multiplier=first.value, derived=True,
                           low=None, high=None))
    return out
