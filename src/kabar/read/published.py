"""Publication dates in the forms outlets write them, to ISO 8601 with the raw string kept.

ISO, RFC 822 and the Indonesian/English forms of news pages, e.g. `Rabu, 18 Jun 2025 07:30 WIB`,
`Kompas.com- 18/06/2025, 21:35 WIB`, `Diperbarui 18 Jun 2025, 14:05 WIB`, `18 Juni 2025 | 20.04 WIB`.
Month names, zone abbreviations and prefixes come from the languages' `calendar.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Literal

from kabar import lang as langdata

DateOrder = Literal["dmy", "mdy"]


@dataclass(frozen=True, slots=True)
class Published:
    iso: str
    raw: str
    how: str  # "published", "updated", plus ", ambiguous day/month" when a numeric date could be either


ISO_RE = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\b"
)
NUMERIC_RE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
TIME_RE = re.compile(r"(?<!\d)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?!\d)\s*(am|pm|a\.m\.|p\.m\.)?", re.I)
OFFSET_RE = re.compile(r"^(?:utc|gmt)?\s*([+-])(\d{1,2}):?(\d{2})?", re.I)


@cache
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, str], re.Pattern[str], re.Pattern[str]]:
    months = langdata.merged("calendar", "months")
    zones = langdata.merged("calendar", "zones")
    prefixes = langdata.merged("calendar", "published_prefixes")
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    day_month = re.compile(rf"(?<!\w)(\d{{1,2}})\s*(?:-\s*)?({names})\.?,?\s*(?:-\s*)?(\d{{4}})(?!\d)", re.I)
    month_day = re.compile(rf"(?<!\w)({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I)
    return months, zones, prefixes, day_month, month_day


def parse_published(raw: str | None, order: DateOrder | None = None) -> Published | None:
    """Parse a publication date string; None when no date can be read from it (never a guess)."""
    if raw is None or not str(raw).strip():
        return None
    text = " ".join(str(raw).split())
    how = _how(text)
    found = _parse_iso(text) or _parse_rfc822(text)
    if found is None:
        day, rest, ambiguous = _find_date(text, order)
        if day is None:
            return None
        if ambiguous:
            how += ", ambiguous day/month read as " + (order or "dmy")
        found = _with_time(day, rest)
    return Published(found, str(raw), how)


def _how(text: str) -> str:
    prefixes = _tables()[2]
    low = text.casefold()
    for word, how in sorted(prefixes.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", low):
            return how
    return "published"


def _parse_iso(text: str) -> str | None:
    m = ISO_RE.search(text)
    if not m:
        return None
    y, mo, d, hh, mm, ss, zone = m.groups()
    try:
        day = date(int(y), int(mo), int(d))
    except ValueError:
        return None
    if hh is None:
        rest = text[m.end() :]
        return _with_time(day, rest) if TIME_RE.match(rest.strip()) else day.isoformat()
    hour, minute, second = int(hh), int(mm), int(ss or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day.isoformat()  # a time no clock shows: keep the date, drop the time
    stamp = datetime(day.year, day.month, day.day, hour, minute, second)
    tz = _offset(zone) if zone else _zone(text[m.end() :])
    return (stamp.replace(tzinfo=tz) if tz else stamp).isoformat()


def _parse_rfc822(text: str) -> str | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(:\d{2})?\s+\S+$", text):
        return None
    try:
        stamp = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if stamp.tzinfo is None and not text.rstrip().upper().endswith(("GMT", "UT", "Z", "-0000")):
        return None  # an unknown zone word (e.g. WIB): let the general reader resolve it
    return stamp.isoformat()


def _find_date(text: str, order: DateOrder | None) -> tuple[date | None, str, bool]:
    months, _, _, day_month, month_day = _tables()
    candidates: list[tuple[int, date | None, str, bool]] = []
    if m := day_month.search(text):
        candidates.append((m.start(), _safe_date(m[3], months[m[2].casefold()], m[1]), text[m.end() :], False))
    if m := month_day.search(text):
        candidates.append((m.start(), _safe_date(m[3], months[m[1].casefold()], m[2]), text[m.end() :], False))
    if m := NUMERIC_RE.search(text):
        a, b = int(m[1]), int(m[2])
        first = order or ("mdy" if b > 12 >= a else "dmy")
        ambiguous = order is None and a <= 12 and b <= 12 and a != b
        d, mo = (a, b) if first == "dmy" else (b, a)
        candidates.append((m.start(), _safe_date(m[3], mo, d), text[m.end() :], ambiguous))
    for _, day, rest, ambiguous in sorted(candidates, key=lambda c: c[0]):
        if day is not None:
            return day, rest, ambiguous
    return None, "", False


def _safe_date(year: str | int, month: int, day: str | int) -> date | None:
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def _with_time(day: date, rest: str) -> str:
    """ISO of `day` with the first time of day found in `rest` (and its zone), else the date alone."""
    m = TIME_RE.search(rest[:40])
    if not m:
        return day.isoformat()
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    if m[4]:
        meridian = m[4].casefold().replace(".", "")
        hour = hour % 12 + (12 if meridian == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return day.isoformat()
    stamp = datetime(day.year, day.month, day.day, hour, minute, second)
    zone = _zone(rest[m.end() :])
    return (stamp.replace(tzinfo=zone) if zone else stamp).isoformat()


def _zone(rest: str) -> timezone | None:
    zones = _tables()[1]
    word = re.match(r"\s*([A-Za-z]+)?\s*([+-]\d{1,2}(?::?\d{2})?)?", rest)
    if not word:
        return None
    name, offset = word.group(1), word.group(2)
    if offset and (name is None or name.casefold() in ("utc", "gmt")):
        return _offset(offset)
    if name and name.casefold() in zones:
        return timezone(timedelta(hours=zones[name.casefold()]))
    return None


def _offset(zone: str) -> timezone | None:
    """The zone of a UTC offset; None for an offset no zone has (over 23:59, as +25:00)."""
    if zone.upper() == "Z":
        return UTC
    m = OFFSET_RE.match(zone)
    if not m:
        return UTC
    hours, minutes = int(m[2]), int(m[3] or 0)
    if hours > 23 or minutes > 59:
        return None
    sign = -1 if m[1] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def infer_order(samples: list[str]) -> DateOrder | None:
    """Day/month order of numeric dates in one column: 'mdy' when some second field exceeds 12, 'dmy'
    when some first field does, None when no sample decides."""
    for sample in samples:
        m = NUMERIC_RE.search(sample or "")
        if m:
            a, b = int(m[1]), int(m[2])
            if b > 12 >= a:
                return "mdy"
            if a > 12 >= b:
                return "dmy"
    return None
