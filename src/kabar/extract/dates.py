"""Time expressions resolved against the publication date, from the language's `calendar.toml` and
`dates.toml`: absolute dates ("28 Oktober", "17/10/2024", "Februari 2022", "tahun 2022"), relative ones
("hari Kamis", "Senin lalu", "kemarin", "pekan lalu", "bulan lalu", "awal Oktober", "akhir bulan ini",
"Agustus tahun ini", "sehari sebelumnya"), each with its granularity and anchor.

A weekday that contradicts its date is flagged. Relative expressions inside a direct quote are left out
(their anchor is the time of speaking, which the text rarely gives). Without a publication date the
latest explicit full date of the text is the reference, and what depends on it is marked `inferred`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from kabar import lang as langdata
from kabar.extract.intervals import Intervals
from kabar.extract.numbers import number_data, parse_words
from kabar.extract.patterns import alternation
from kabar.records import Note, TimeExpr

STAGE = "dates"
# A month name without a year is placed in the year that puts it closest to the reference date; a date
# in the future counts this many times farther, since news reports the past far more than plans.
FUTURE_PENALTY = 2.0
# Characters around a bare weekday searched for a future cue ("akan"), quoted text left out.
FUTURE_WINDOW = 60


@dataclass(frozen=True, slots=True)
class Resolved:
    day: date | None
    granularity: str | None
    relative: bool
    warning: str | None = None


LONG_DIGITS_RE = re.compile(r"\d{5,}")


@dataclass(frozen=True, slots=True)
class DateGrammar:
    months: dict[str, int]
    weekdays: dict[str, int]
    data: dict[str, Any]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    def matches(self, text: str) -> list[re.Match[str]]:
        """Non-overlapping matches of every pattern: leftmost first, then longest, then pattern order."""
        text = _mask_digit_runs(text)
        found = [(m.start(), -(m.end() - m.start()), rank, m)
                 for rank, (_, pattern) in enumerate(self.patterns) for m in pattern.finditer(text)]
        found.sort(key=lambda f: f[:3])
        chosen: list[re.Match[str]] = []
        end = -1
        for start, _, _, m in found:
            if start >= end:
                chosen.append(m)
                end = m.end()
        return chosen


def _mask_digit_runs(text: str) -> str:
    """`text` with every run of five digits or more written as "_" (a word character, as digits are, that no
    pattern begins with): no time expression lies in such a run, and the patterns that begin with a digit
    would otherwise be tried at each of its positions (1,000,000 digits took 4.8 s). Offsets are kept."""
    if not LONG_DIGITS_RE.search(text):
        return text
    return LONG_DIGITS_RE.sub(lambda m: "_" * len(m.group()), text)


@cache
def grammar(language: str | None) -> DateGrammar:
    code = language if language in langdata.supported() else "id"
    cal = langdata.load(code, "calendar")
    data = langdata.load(code, "dates")
    months = {k: int(v) for k, v in cal["months"].items()}
    weekdays = {k: int(v) for k, v in cal["weekdays"].items()}
    full_months = [m for m in months if len(m) > 3]
    all_months = list(months)
    month = rf"(?P<month>{alternation([m.capitalize() for m in full_months] + [m.upper() for m in full_months])})"
    month_any = rf"(?P<mon>{alternation([m.capitalize() for m in all_months])})\.?"
    weekday = rf"(?P<weekday>{alternation([w.capitalize() for w in weekdays])})"
    lead_w = alternation(data["weekday_lead"]) or "hari"
    lead_m = alternation(data["month_lead"]) or "bulan"
    parts = alternation(data["parts"])
    units = alternation(list(data["units"]))
    # "hari lalu" needs a count
    long_units = alternation([u for u, (kind, _) in data["units"].items() if kind != "day"])
    direction = alternation(list(data["direction"]))
    moving = alternation([w for w, step in data["direction"].items() if step != 0])
    counts = alternation(list(data["counts"]))
    numwords = alternation(list(number_data(code).words))
    days = alternation(list(data["days"]))
    year_lead = alternation(data["year_lead"])
    wd_prefix = rf"(?:(?:(?i:{lead_w})\s+)?{weekday},?\s*)?"
    p = [
        # Jumat (17/10/2024), 17/10/2024, 17-10-2024
        rf"(?P<numeric>{wd_prefix}\(?(?P<nd>\d{{1,2}})[/-](?P<nm>\d{{1,2}})[/-](?P<ny>\d{{4}}|\d{{2}})\)?)",
        # Senin (20/10): a weekday with day/month, the year from the reference
        rf"(?P<wdm>(?:(?i:{lead_w})\s+)?{weekday},?\s*\((?P<wd_d>\d{{1,2}})/(?P<wd_m>\d{{1,2}})\))",
        # Selasa, 22 Oktober 2024 / 28 Oktober / 22 Okt 2024
        rf"(?P<dmy>{wd_prefix}(?P<d>\d{{1,2}})\s+{month_any}(?:,?\s+(?P<y>\d{{4}}))?(?!\w))",
        # awal bulan Oktober 2024 / Agustus tahun ini / bulan Juni
        rf"(?P<my>(?:(?P<mpart>(?i:{parts}))\s+)?(?:(?i:{lead_m})\s+)?{month}"
        rf"(?:\s+(?P<my_y>\d{{4}})|\s+(?P<my_rel>(?i:tahun\s+(?:{direction}))))?(?!\w))",
        # awal bulan ini / bulan lalu / tahun depan / pekan lalu / Minggu lalu
        rf"(?P<unitrel>(?:(?P<upart>(?i:{parts}))\s+)?(?P<unit>(?i:{long_units}))\s+(?P<udir>(?i:{direction}))(?!\w))",
        # dua hari lalu / sehari sebelumnya / 3 bulan kemudian
        rf"(?P<countrel>(?:(?P<cword>(?i:{counts}))|(?P<cnum>\d{{1,3}}|(?i:{numwords}))\s+(?P<cunit>(?i:{units})))"
        rf"\s+(?P<cdir>(?i:{moving}))(?!\w))",
        # kemarin / hari ini / besok
        rf"(?P<deictic>(?<!\w)(?i:{days})(?!\w))",
        # hari Kamis / Senin lalu / Rabu depan
        rf"(?P<wd>(?:(?P<wlead>(?i:{lead_w}))\s+)?{weekday}(?:\s+(?P<wdir>(?i:{direction})))?(?!\w))",
        # tahun 2022 / sejak 1990 / awal 2024
        rf"(?P<year>(?:(?P<ylead>(?i:{year_lead}))\s+)?(?<![\d.,/])(?P<yy>1[89]\d\d|20\d\d)(?![\d.,]\d|/\w))",
    ]
    names = ("numeric", "wdm", "dmy", "my", "unitrel", "countrel", "deictic", "wd", "year")
    weekday_words = [*data["weekday_lead"], *weekdays]
    starts = {  # the words a match of each pattern can begin with (see _fast_start)
        "numeric": [*weekday_words, "(", *"0123456789"], "wdm": weekday_words,
        "dmy": [*weekday_words, *"0123456789"], "my": [*data["parts"], *data["month_lead"], *full_months],
        "unitrel": [*data["parts"], *data["units"]], "countrel": [*data["counts"], *number_data(code).words,
                                                                 *"0123456789"],
        "deictic": list(data["days"]), "wd": weekday_words, "year": [*data["year_lead"], "1", "2"],
    }
    compiled = tuple((n, re.compile(_fast_start(starts[n]) + x)) for n, x in zip(names, p, strict=True))
    return DateGrammar(months, weekdays, data, compiled)


def _fast_start(words: list[str]) -> str:
    """A lookahead on the possible first characters: it lets the regex engine skip every other position
    quickly (patterns that open with optional groups otherwise try each of them everywhere; measured 3x)."""
    chars = {c for w in words if w for c in (w[0].lower(), w[0].upper())}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def find_dates(text: str, published: str | None, language: str | None,
               skip: tuple[tuple[int, int], ...] = (), quotes: tuple[tuple[int, int], ...] = ()
               ) -> tuple[tuple[TimeExpr, ...], tuple[Note, ...]]:
    """Every time expression of `text`, resolved against `published` (ISO) when there is one."""
    g = grammar(language)
    notes: list[Note] = []
    ref, inferred = _reference(text, published, g)
    if published is None:
        notes.append(Note(STAGE, "no publication date; " + (
            f"relative dates resolved against the latest explicit date {ref.isoformat()} (inferred)"
            if ref else "relative dates left unresolved")))
    kept = []
    blocked = Intervals(skip)
    for m in g.matches(text):
        start, end = _trim(text, m)
        if blocked.overlaps(start, end) or not _plausible(text, m, g):
            continue
        kept.append((start, end, m))
    days = _explicit_days(kept, text, ref, g)
    found: list[TimeExpr] = []
    for start, end, m in kept:
        base = _anaphora_base(m, start, days, g) or ref
        resolved = _resolve(m, text, base if _is_anaphoric(m, g) else ref, g)
        if resolved is None:
            continue
        if resolved.relative and any(a <= start and end <= b for a, b in quotes):
            notes.append(Note(STAGE, "relative date inside a quote: anchored to the time of speaking", start, end))
            continue
        anchor = "inferred" if resolved.relative and inferred else ("relative" if resolved.relative else "absolute")
        found.append(TimeExpr(start, end, text[start:end], _cut(resolved.day, resolved.granularity),
                              resolved.granularity, anchor, resolved.warning))  # type: ignore[arg-type]
    return tuple(found), tuple(notes)


def _plausible(text: str, m: re.Match[str], g: DateGrammar) -> bool:
    kind = m.lastgroup
    if kind == "year":
        return _is_year(text, m)
    if kind == "wd":
        return _is_weekday(text, m)
    # "beberapa tahun terakhir" is no particular time
    return not (kind in ("unitrel", "countrel") and _after_vague_word(text, m.start()))


def _after_vague_word(text: str, start: int) -> bool:
    m = re.search(r"(\w+)\s+$", text[max(0, start - 20) : start])
    return m is not None and m.group(1).lower() in _vague_words()


@cache
def _vague_words() -> frozenset[str]:
    words: set[str] = set()
    for code in langdata.supported():
        words.update(k.split("_")[0] for k in langdata.load(code, "numbers")["vague"])
    return frozenset(words)


def _is_anaphoric(m: re.Match[str], g: DateGrammar) -> bool:
    word = {"countrel": m.group("cdir") if m.lastgroup == "countrel" else None,
            "unitrel": m.group("udir") if m.lastgroup == "unitrel" else None}.get(m.lastgroup or "")
    return word is not None and word.lower() in g.data["anaphoric"]


def _explicit_days(kept: list[tuple[int, int, re.Match[str]]], text: str, ref: date | None,
                   g: DateGrammar) -> list[tuple[int, date]]:
    """(offset, day) of every non-anaphoric expression resolved to a day: what "sehari sebelumnya" hangs on."""
    out = []
    for start, _, m in kept:
        if _is_anaphoric(m, g):
            continue
        resolved = _resolve(m, text, ref, g)
        if resolved and resolved.day and resolved.granularity == "day":
            out.append((start, resolved.day))
    return out


def _anaphora_base(m: re.Match[str], start: int, days: list[tuple[int, date]], g: DateGrammar) -> date | None:
    """The day mentioned last before the expression; in a lead that dates its event later on ("… from the
    day before, … on Thursday"), the first day mentioned after it."""
    if not _is_anaphoric(m, g):
        return None
    before = [d for pos, d in days if pos < start]
    if before:
        return before[-1]
    after = [d for pos, d in days if pos > start]
    return after[0] if after else None


def _trim(text: str, m: re.Match[str]) -> tuple[int, int]:
    start, end = m.start(), m.end()
    if m.lastgroup == "year" and m.group("ylead") and m.group("ylead").lower() not in ("tahun", "awal", "akhir",
                                                                                     "pertengahan", "medio"):
        start = m.start("yy")
    while end > start and text[end - 1] in ",. ":
        end -= 1
    return start, end


def _is_year(text: str, m: re.Match[str]) -> bool:
    """A bare four-digit number is a year unless a counted noun follows it ("2000 orang") or it is part of a
    name ("Piala Dunia 2026", "SPIEF 2025": a capitalised word right before it)."""
    if m.group("ylead"):
        return True
    before = re.search(r"(\S+)[ \t]+$", text[max(0, m.start() - 30) : m.start()])
    if before and before.group(1)[:1].isupper() and before.group(1).isalnum():
        return False
    after = re.match(r"\s+([a-z]+)", text[m.end() : m.end() + 20])
    units = _units()
    return not (after and after.group(1) in units)


@cache
def _units() -> frozenset[str]:
    words: set[str] = set()
    for code in langdata.supported():
        data = langdata.load(code, "units")
        words.update(data["counted"] + data["measures"])
    return frozenset(words)


def _is_weekday(text: str, m: re.Match[str]) -> bool:
    """'Minggu lalu' without 'hari' is last week, not Sunday (the unit rule reads it)."""
    return bool(m.group("wlead") or m.group("weekday").lower() != "minggu" or not m.group("wdir"))


def _reference(text: str, published: str | None, g: DateGrammar) -> tuple[date | None, bool]:
    if published:
        try:
            return date.fromisoformat(published[:10]), False
        except ValueError:
            pass
    latest: date | None = None
    for m in g.matches(text):
        day = None
        if m.lastgroup == "numeric" and len(m.group("ny")) == 4:
            day = _safe(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
        elif m.lastgroup == "dmy" and m.group("y"):
            day = _safe(int(m.group("y")), g.months[m.group("mon").lower()], int(m.group("d")))
        if day and (latest is None or day > latest):
            latest = day
    return latest, True


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    kind = m.lastgroup
    handler = {"numeric": _numeric, "wdm": _weekday_day_month, "dmy": _dmy, "my": _month_year,
               "unitrel": _unit_relative, "countrel": _count_relative, "deictic": _deictic, "wd": _weekday,
               "year": _year}[kind or ""]
    try:
        return handler(m, text, ref, g)
    except (OverflowError, ValueError):  # "besok" published 9999-12-31: past the calendar's years 1-9999
        return Resolved(None, "day", True, "outside the calendar (years 1 to 9999): left unresolved")


def _numeric(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    year = int(m.group("ny"))
    year += 2000 if year < 100 else 0
    day = _safe(year, int(m.group("nm")), int(m.group("nd")))
    if day is None:
        return None
    return Resolved(day, "day", False, _weekday_warning(m, day, g))


def _dmy(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    month = g.months[m.group("mon").lower()]
    day_no = int(m.group("d"))
    if m.group("y"):
        day = _safe(int(m.group("y")), month, day_no)
        return Resolved(day, "day", False, _weekday_warning(m, day, g)) if day else None
    if ref is None:
        return Resolved(None, "day", True)
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe(y, month, day_no))]
    if not candidates:
        return None
    day = min(candidates, key=lambda d: _distance(d, ref))
    return Resolved(day, "day", False, _weekday_warning(m, day, g))


def _weekday_day_month(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    if ref is None:
        return Resolved(None, "day", True)
    month, day_no = int(m.group("wd_m")), int(m.group("wd_d"))
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe(y, month, day_no))]
    if not candidates:
        return None
    day = min(candidates, key=lambda d: _distance(d, ref))
    return Resolved(day, "day", False, _weekday_warning(m, day, g))


def _distance(day: date, ref: date) -> float:
    delta = (day - ref).days
    return delta * FUTURE_PENALTY if delta > 0 else -delta


def _weekday_warning(m: re.Match[str], day: date | None, g: DateGrammar) -> str | None:
    name = m.group("weekday")
    if not name or day is None:
        return None
    said = g.weekdays[name.lower()]
    if said == day.weekday():
        return None
    actual = next(w for w, n in g.weekdays.items() if n == day.weekday()).capitalize()
    return f"weekday {name} does not match {day.isoformat()}, which fell on {actual}"


def _month_year(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    month = g.months[m.group("month").lower()]
    if m.group("my_y"):
        return Resolved(date(int(m.group("my_y")), month, 1), "month", False)
    if ref is None:
        return Resolved(None, "month", True)
    if m.group("my_rel"):
        step = _direction(m.group("my_rel").split()[-1], g)
        return Resolved(date(ref.year + step, month, 1), "month", True)
    candidates = [date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
    first_of_ref = ref.replace(day=1)
    return Resolved(min(candidates, key=lambda d: _distance(d, first_of_ref)), "month", True)


def _direction(word: str, g: DateGrammar) -> int:
    return int(g.data["direction"].get(word.lower(), g.data["direction"].get(" ".join(word.lower().split()), 0)))


def _unit_relative(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    unit, size = g.data["units"][m.group("unit").lower()]
    step = _direction(m.group("udir"), g)
    base = ref
    if base is None:
        return Resolved(None, unit if unit != "week" else "week", True)
    return _shift(base, unit, int(size), step)


def _shift(base: date, unit: str, size: int, step: int) -> Resolved:
    if unit in ("day", "week"):
        day = base + timedelta(days=size * step)
        if unit == "week":
            return Resolved(day - timedelta(days=day.weekday()), "week", True)
        return Resolved(day, "day", True)
    months = base.year * 12 + base.month - 1 + size * step
    day = date(months // 12, months % 12 + 1, 1)
    return Resolved(day, "month" if unit == "month" else "year", True)


def _count_relative(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    direction_word = m.group("cdir").lower()
    step = _direction(direction_word, g)
    if step == 0:
        return None
    if m.group("cword"):
        key = m.group("cword").lower()
        count = int(g.data["counts"][key])
        unit_word = {"sehari": "hari", "seminggu": "pekan", "sepekan": "pekan", "sebulan": "bulan",
                     "setahun": "tahun"}.get(key, key.split()[-1])
        unit_word = unit_word if unit_word in g.data["units"] else next(iter(g.data["units"]))
    else:
        raw = m.group("cnum")
        count = int(raw) if raw.isdigit() else int(parse_words([raw], number_data(None)) or 0)
        unit_word = m.group("cunit").lower()
    unit, size = g.data["units"][unit_word]
    base = ref
    if base is None:
        return Resolved(None, unit, True)
    return _shift(base, unit, int(size) * count, step)


def _deictic(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    offset = int(g.data["days"][" ".join(m.group("deictic").lower().split())])
    return Resolved(ref + timedelta(days=offset) if ref else None, "day", True)


def _weekday(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    target = g.weekdays[m.group("weekday").lower()]
    if ref is None:
        return Resolved(None, "day", True)
    step = _direction(m.group("wdir"), g) if m.group("wdir") else (1 if _future_context(text, m, g) else -1)
    if step >= 0 and m.group("wdir") and _direction(m.group("wdir"), g) == 0:
        step = -1 if target <= ref.weekday() else 1  # "Senin ini": this week's
    if step > 0:
        ahead = (target - ref.weekday()) % 7 or 7
        return Resolved(ref + timedelta(days=ahead), "day", True)
    back = (ref.weekday() - target) % 7
    if m.group("wdir"):
        back = back or 7  # "Senin lalu" said on a Monday is a week ago
    return Resolved(ref - timedelta(days=back), "day", True)


def _future_context(text: str, m: re.Match[str], g: DateGrammar) -> bool:
    """A future cue in the clause around a bare weekday ("Pada hari Rabu, para legislator akan …")."""
    start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()), m.start() - FUTURE_WINDOW) + 1
    ends = [i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0]
    end = min([*ends, m.end() + FUTURE_WINDOW, len(text)])
    clause = re.sub(r"[“\"«][^”\"»]*[”\"»]", " ", text[start:end])
    words = set(re.findall(r"\w+", clause.lower()))
    return bool(words & set(g.data["future_cues"]))


def _year(m: re.Match[str], text: str, ref: date | None, g: DateGrammar) -> Resolved | None:
    return Resolved(date(int(m.group("yy")), 1, 1), "year", False)


def _cut(day: date | None, granularity: str | None) -> str | None:
    if day is None:
        return None
    iso = day.isoformat()
    return {"day": iso, "week": iso, "month": iso[:7], "year": iso[:4]}.get(granularity or "day", iso)

