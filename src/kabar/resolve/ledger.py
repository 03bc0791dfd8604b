"""The claim ledger: every quantity as an attributed claim, grouped by subject and place, ordered in time,
and the differences between claims classified (conflict, update, agreement, narrower scope).

Intervals come from hedges: "sekitar 10.000" is 10,000 ± ABOUT_TOLERANCE, "hingga 12.000" is [0, 12,000],
"lebih dari 5" is (5, ∞), ranges as given, vague magnitudes as their order of magnitude (settings.py).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from kabar import lang as langdata
from kabar import settings
from kabar.extract.sentences import sentence_at, split_sentences
from kabar.resolve.places import Places, load_places
from kabar.store import Store
from kabar.store.rows import load_data


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    doc_id: str
    doc_name: str
    outlet: str | None
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    hedge: str
    unit: str | None
    subject: str | None
    location: str | None
    claimant: str | None
    date: str | None
    date_source: str | None
    attribution: str | None
    derived: bool
    multiplier: float | None
    evidence: str
    evidence_start: int
    via: tuple[str, ...] = ()
    copy_of: str | None = None  # the document this claim's article copies (a syndicated wire story)
    place_basis: str | None = None  # "text"; "story" (the one place its story gives the subject); None: no place

    @property
    def interval(self) -> tuple[float, float]:
        return interval(self.hedge, self.value, self.low, self.high)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["via"] = list(self.via)
        return out


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str  # conflict, update, agreement, same-source, over-time
    a: str
    b: str
    reason: str


@dataclass
class ClaimGroup:
    subject: str
    location: str | None
    within: str | None  # the wider place this group's place lies in (Kursk -> Rusia)
    story: str | None = None  # set when the subject is generic ("persen"): such figures compare within a story
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @property
    def key(self) -> str:
        base = f"{self.subject} @ {self.location or '—'}"
        return f"{base} [{self.story}]" if self.story else base

    @property
    def conflicts(self) -> list[Relation]:
        return [r for r in self.relations if r.kind == "conflict"]


def interval(hedge: str, value: float | None, low: float | None, high: float | None) -> tuple[float, float]:
    """The numbers a claim allows, from its hedge."""
    if hedge in ("range", "vague"):
        return (low if low is not None else 0.0, high if high is not None else math.inf)
    if value is None:
        return (0.0, math.inf)
    if hedge == "about":
        return (value * (1 - settings.ABOUT_TOLERANCE), value * (1 + settings.ABOUT_TOLERANCE))
    if hedge in ("up_to", "less_than"):
        return (0.0, value)
    if hedge in ("at_least", "more_than"):
        return (value, math.inf)
    return (value * (1 - settings.EXACT_TOLERANCE), value * (1 + settings.EXACT_TOLERANCE))


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def load_claims(store: Store) -> list[Claim]:
    """Every stored quantity that has a subject, as a claim with its evidence sentence."""
    claims: list[Claim] = []
    docs = {r["id"]: r for r in store.conn.execute("SELECT id, name, outlet, text, language, duplicate_of "
                                                   "FROM documents")}
    rows = store.conn.execute("SELECT doc_id, ord, span_start, span_end, text, data FROM spans "
                              "WHERE kind = 'quantities' ORDER BY doc_id, ord").fetchall()
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc_id"]].append(row)
    for doc_id, items in sorted(by_doc.items()):
        doc = docs[doc_id]
        sentences = split_sentences(doc["text"], doc["language"])
        via = tuple(citations(doc["text"], doc["language"]))
        for row in items:
            data = load_data(row["data"])
            if not data.get("subject"):
                continue
            sentence = sentence_at(sentences, row["span_start"])
            if sentence is not None and not sentence.start <= row["span_start"] < sentence.end:
                sentence = None  # between sentences: the quantity is its own evidence
            claims.append(Claim(
                id=f"{doc_id}:{row['ord']}", doc_id=doc_id, doc_name=doc["name"], outlet=doc["outlet"],
                start=row["span_start"], end=row["span_end"], text=row["text"], value=data.get("value"),
                low=data.get("low"), high=data.get("high"), hedge=data.get("hedge", "exact"), unit=data.get("unit"),
                subject=data.get("subject"), location=data.get("location"), claimant=data.get("claimant"),
                date=data.get("date"), date_source=data.get("date_source"), attribution=data.get("attribution"),
                derived=bool(data.get("derived")), multiplier=data.get("multiplier"),
                evidence=sentence.text if sentence else row["text"],
                evidence_start=sentence.start if sentence else row["span_start"], via=via,
                copy_of=doc["duplicate_of"]))
    return claims


def citations(text: str, language: str | None) -> list[str]:
    """Agencies an article cites ("Dilaporkan oleh AFP", "melansir Reuters"), in order, each once."""
    from kabar.ner.gazetteer import curated

    code = language if language in langdata.supported() else "id"
    cues = "|".join(re.escape(c) for c in sorted(langdata.load(code, "claims")["citations"], key=len, reverse=True))
    found: list[str] = []
    for m in re.finditer(rf"(?i)(?<![\w-])(?:{cues})\s+([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,3}})", text):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            entry = curated().get(" ".join(words[:n]).lower())
            if entry and entry.type == "ORG" and entry.canonical not in found:
                found.append(entry.canonical)
                break
    return found


def build_ledger(store: Store) -> list[ClaimGroup]:
    """Claim groups (subject + place), ordered by subject, each with its claims in time order.

    A claim with no place takes the one place its story gives its subject when its own article names it
    (`placed`); a group's `within` is the nearest wider place the articles or the gazetteer give (Kursk ->
    Rusia, Kelurahan Rawa Buaya -> Jakarta Barat). A specific subject compares across stories by place."""
    claims = load_claims(store)
    places = load_places(store)
    story_of = {r[0]: r[1] for r in store.conn.execute("SELECT id, story FROM documents")}
    claims = placed(claims, places, story_of)
    groups: dict[tuple[str | None, str, str | None], ClaimGroup] = {}
    for claim in sorted(claims, key=_order):
        subject = claim.subject or ""
        # a specific subject compares across stories by place; with no place (or a bare subject) only
        # within its story: "killed" with no place in two articles are two accidents more often than one
        story = None if crosses_stories(subject, claim.location) else story_of.get(claim.doc_id)
        key = (story, subject, claim.location)
        if key not in groups:
            wider = places.ancestors(claim.location) if claim.location else []
            groups[key] = ClaimGroup(subject, claim.location, wider[0] if wider else None, story)
        groups[key].claims.append(claim)
    for group in groups.values():
        if specific(group.subject):  # bare figures ("persen") are listed, not compared
            group.relations = classify(group.claims)
    size: defaultdict[str, int] = defaultdict(int)
    for g in groups.values():
        size[_owner_of(g.subject)] += len(g.claims)
    # related groups side by side: the same owner's things (troops, people … of Korea Utara), largest first
    return sorted(groups.values(), key=lambda g: (-size[_owner_of(g.subject)], _owner_of(g.subject),
                                                  -len(g.claims), g.location or "", g.subject))


def placed(claims: list[Claim], places: Places, story_of: dict[str, str | None]) -> list[Claim]:
    """The claims, each placeless one with the one place its story gives its subject when its own article
    names that place, a place inside it or one around it (the text makes it clear); places the text gives
    stay as they are, so "di Kursk" and "di Rusia" remain two groups, the narrower linked as a scope."""
    buckets: dict[tuple[str | None, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        buckets[(story_of.get(claim.doc_id), claim.subject or "")].append(claim)
    out: list[Claim] = []
    for (story, _), members in buckets.items():
        present = {c.location for c in members if c.location}
        (only,) = present if len(present) == 1 else (None,)
        for claim in members:
            if claim.location is None and story is not None and only and _named_in(claim, only, places):
                out.append(replace(claim, location=only, place_basis="story"))
            else:
                out.append(claim if claim.location is None else replace(claim, place_basis="text"))
    return out


def _named_in(claim: Claim, place: str, places: Places) -> bool:
    """The claim's own article names `place`, a place inside it or a place around it."""
    named = places.named.get(claim.doc_id, set())
    around = set(places.ancestors(place))
    return any(p == place or p in around or place in places.ancestors(p) for p in named)


def specific(subject: str) -> bool:
    """A subject with an owner ("troops (Korea Utara)"), an event ("killed") or a measure of a place
    ("radius") means one thing wherever it is said; a bare one ("persen", "orang", "km") only within one
    article's story."""
    return " (" in subject or subject in settings.COMPARABLE_SUBJECTS or subject in measure_names()


def crosses_stories(subject: str, place: str | None = None) -> bool:
    """A specific subject with a place compares across stories: one eruption or one flood is often told in
    several stories of the clustering. A measure does so only below the level of a country (a radius or a
    depth "di Indonesia" is of anything), and holds for one day (`compare`)."""
    if place is None or not specific(subject):
        return False
    return subject not in measure_names() or not _is_country(place)


def _is_country(place: str) -> bool:
    from kabar.ner.gazetteer import countries

    return place.lower() in countries()


@cache
def measure_names() -> frozenset[str]:
    """The measures compared by place within a story ("radius", "aid"), in every supported language's data
    (`compared_measures`; a price or a profit needs whose it is, which is not read, and is only listed)."""
    return frozenset(name for code in langdata.supported()
                     for name in langdata.load(code, "claims")["compared_measures"]["names"])


def _owner_of(subject: str) -> str:
    return subject.split(" (", 1)[1].rstrip(")") if " (" in subject else ""


def _order(claim: Claim) -> tuple[str, str, int]:
    return (claim.date or "9999", claim.doc_id, claim.start)


def classify(claims: list[Claim]) -> list[Relation]:
    """How every two attributed claims of one group differ (derived products and copies of an article are
    not compared: a wire story republished by ten outlets counts once)."""
    out: list[Relation] = []
    stated = [c for c in claims if not c.derived and not c.copy_of and source(c)]
    for a, b in itertools.combinations(stated, 2):
        relation = compare(a, b)
        if relation is not None:
            out.append(relation)
    return out


def source(claim: Claim) -> str | None:
    """Who stands behind a figure: its claimant, else the outlet that prints it with no source (its own
    statement, compared as the outlet's)."""
    return claim.claimant or (f"{claim.outlet} (own)" if claim.outlet else None)


def compare(a: Claim, b: Claim) -> Relation | None:
    if a.doc_id == b.doc_id and source(a) == source(b) and a.value == b.value:
        return None  # the same figure said twice in one article
    if a.subject in measure_names() and not (a.location and b.location):
        return None  # a measure with no place ("tinggi 10.000 meter") may be of anything in its story
    if a.doc_id == b.doc_id and not (a.unit and b.unit and a.place_basis == b.place_basis == "text"):
        # one article's figures without a counted noun of their own (the subject taken from the figure
        # before: "11.000 kendaraan ... Sudah 42.000") or without a place their sentence gives are parts,
        # totals or other incidents of its topic far more often than two accounts of one figure: listed only
        return None
    days = _days_apart(a.date, b.date)
    agree = overlap(a.interval, b.interval)
    if not agree and rounded(a, b):
        return Relation("rounding", a.id, b.id, "one figure is the other rounded")
    if source(a) is not None and source(a) == source(b):
        if agree:
            return Relation("agreement", a.id, b.id, "the same claimant, compatible figures")
        if days is not None and days > 0:
            return Relation("update", a.id, b.id, f"the same claimant {days} days later")
        return Relation("same-source", a.id, b.id, "the same claimant gives different figures at the same time")
    if agree:
        return Relation("agreement", a.id, b.id, "different claimants, overlapping figures")
    # an eruption's column, a flood's depth: a measure holds for a day; a count (the killed) for a news cycle
    same_time = 0 if a.subject in measure_names() else settings.SAME_TIME_DAYS
    if days is None or days <= same_time:
        return Relation("conflict", a.id, b.id, "different claimants, figures that cannot both hold, same time")
    return Relation("over-time", a.id, b.id, f"different claimants {days} days apart")


def rounded(a: Claim, b: Claim) -> bool:
    """Two exact figures of which one is the other rounded to its own precision and at most
    `ROUNDING_TOLERANCE` away ("Rp 5 miliar" and "Rp 4,8 miliar"; not 1.000 and 1.200)."""
    if a.hedge != "exact" or b.hedge != "exact" or not a.value or not b.value:
        return False
    coarse, fine = sorted((a.value, b.value), key=_significant)
    if _significant(coarse) == _significant(fine) or abs(coarse - fine) > settings.ROUNDING_TOLERANCE * abs(fine):
        return False
    step = 10.0 ** (math.floor(math.log10(abs(coarse))) - _significant(coarse) + 1)
    return math.isclose(round(fine / step) * step, coarse)


def _significant(value: float) -> int:
    """Significant digits of a figure as written (5000000000 -> 1, 4800000000 -> 2, 4.75 -> 3)."""
    text = f"{abs(value):.10f}".rstrip("0").rstrip(".")
    digits = text.replace(".", "").lstrip("0")
    if "." not in text:
        digits = digits.rstrip("0")
    return max(1, len(digits))


def _days_apart(a: str | None, b: str | None) -> int | None:
    """Days between the periods two claims hold for (a day, a month "2024-12" or a year "2023"): 0 when they
    overlap ("2025" and "2025-06-18"), None when either is unknown."""
    first, second = _period(a), _period(b)
    if first is None or second is None:
        return None
    if first[0] <= second[1] and second[0] <= first[1]:
        return 0
    return min(abs((second[0] - first[1]).days), abs((first[0] - second[1]).days))


def _period(value: str | None) -> tuple[date, date] | None:
    """The first and last day of an ISO day, month or year."""
    if not value:
        return None
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10])
            return day, day
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            start = date(year, month, 1)
            end = date(year + month // 12, month % 12 + 1, 1)
            return start, date.fromordinal(end.toordinal() - 1)
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def scope_links(groups: list[ClaimGroup]) -> list[tuple[str, str]]:
    """(narrow group key, wide group key): the same subject in a place and in the country it lies in."""
    keys = {(g.story, g.subject, g.location): g.key for g in groups}
    return [(g.key, keys[(g.story, g.subject, g.within)]) for g in groups
            if g.within and (g.story, g.subject, g.within) in keys]


def filter_groups(groups: list[ClaimGroup], subject: str | None, place: str | None, claimant: str | None,
                  min_claims: int) -> list[ClaimGroup]:
    def keep(g: ClaimGroup) -> bool:
        return (len(g.claims) >= min_claims
                and (not subject or subject.lower() in g.subject.lower())
                and (not place or place.lower() in (g.location or "").lower())
                and (not claimant or any(claimant.lower() in (c.claimant or "").lower() for c in g.claims)))

    return [g for g in groups if keep(g)]
