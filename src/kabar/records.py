"""Typed, frozen records: one per concept of the design (see docs/interchange.md).

Every extracted item carries `start`/`end` character offsets into its document's stored text, and its
`text` equals `document.text[start:end]` (checked by `check_offsets`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Hedge = Literal["exact", "about", "up_to", "at_least", "more_than", "less_than", "range", "vague"]
Granularity = Literal["day", "month", "year"]
Anchor = Literal["absolute", "relative", "inferred"]
EntityType = Literal["PER", "ORG", "LOC", "GPE", "MISC"]


@dataclass(frozen=True, slots=True)
class Document:
    """One article as stored: `id` is the content hash of `text`."""

    id: str
    source: str
    name: str
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_raw: str | None = None
    published_how: str | None = None
    language: str | None = None
    language_score: float | None = None
    format: str = "txt"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A span that is not content (a related-article link, a promo); marked, never cut."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    text: str
    type: EntityType
    entity: str | None = None
    canonical: str | None = None
    node: str | None = None  # its key in corpus-wide resolution (resolve/entities.py `document_nodes`)
    descriptor: str | None = None  # titles and affiliation right before a person's name


@dataclass(frozen=True, slots=True)
class Acronym:
    """An acronym the text defines: "Badan Intelijen Nasional (NIS)"."""

    start: int
    end: int
    text: str
    long: str
    short: str


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    canonical: str
    type: EntityType
    aliases: Mapping[str, int] = field(default_factory=dict)
    descriptors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float | None
    hedge: Hedge
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    multiplier: float | None = None
    derived: bool = False
    subject: str | None = None
    location: str | None = None
    claimant: str | None = None
    date: str | None = None
    # How the claim was read (kept in the store, left out of the interchange record):
    claimant_surface: str | None = None  # the claimant as the text names it, before resolution
    location_surface: str | None = None
    owner_surface: str | None = None  # whose counted things ("Korea Utara" in "pasukan Korea Utara")
    attribution: str | None = None  # how the claimant was found, or why there is none
    date_source: str | None = None  # "statement" (a date in the sentence) or "published"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity | None
    anchor: Anchor
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str | None = None
    speaker_surface: str | None = None  # the speaker as the text names it, before resolution


@dataclass(frozen=True, slots=True)
class Statement:
    """What a claimant says happened or did not (a quote, or what follows "X mengatakan …"), with the
    events it names (lemmas of its affixed words) and whether it is negated."""

    start: int
    end: int
    text: str
    claimant: str | None = None
    claimant_surface: str | None = None
    negated: bool = False
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """Why something was not extracted (an unpaired quotation mark, an ambiguous date): never silent."""

    stage: str
    message: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the per-document pipeline found in one document."""

    doc_id: str
    pipeline: str
    boilerplate: tuple[Boilerplate, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[TimeExpr, ...] = ()
    statements: tuple[Statement, ...] = ()
    acronyms: tuple[Acronym, ...] = ()
    notes: tuple[Note, ...] = ()
    embedding: bytes = b""  # headline + lead, for stories (extract/fingerprints.py)
    minhash: bytes = b""  # word shingles, for near-duplicates
    embedder: str = ""


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that was refused, with the reason a user can act on."""

    source: str
    reason: str
    detail: str = ""


OffsetItem = Boilerplate | EntityMention | Quantity | TimeExpr | Quote | Statement | Span
SPAN_KINDS = ("boilerplate", "entities", "quantities", "quotes", "dates", "statements", "acronyms")


def items_of(extraction: Extraction) -> Iterable[tuple[str, OffsetItem]]:
    """Every offset-carrying item of an extraction with its kind."""
    for kind in SPAN_KINDS:
        for item in getattr(extraction, kind):
            yield kind, item


def check_offsets(text: str, extraction: Extraction) -> list[str]:
    """Describe every item whose offsets do not slice back to its text (empty list = all sacred)."""
    bad = []
    for kind, item in items_of(extraction):
        if not (0 <= item.start <= item.end <= len(text)) or text[item.start : item.end] != item.text:
            bad.append(f"{kind} [{item.start}:{item.end}] {item.text!r}")
    return bad
