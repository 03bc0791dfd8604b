"""Conversion between records and rows of the store."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from kabar.records import (
    Acronym,
    Boilerplate,
    Document,
    EntityMention,
    Extraction,
    Note,
    Quantity,
    Quote,
    Statement,
    TimeExpr,
    items_of,
)

ITEM_CLASSES: dict[str, type[Any]] = {
    "boilerplate": Boilerplate,
    "entities": EntityMention,
    "quantities": Quantity,
    "quotes": Quote,
    "dates": TimeExpr,
    "statements": Statement,
    "acronyms": Acronym,
}
# Metadata a later ingest of the same text may fill in when the first one lacked it.
META_COLUMNS = ("outlet", "url", "title", "author", "published", "published_raw", "published_how")
DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))


_DATA_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _data_fields(cls: type[Any]) -> tuple[str, ...]:
    """An item's fields stored as JSON (its offsets and text are columns)."""
    if cls not in _DATA_FIELDS:
        _DATA_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.name not in ("start", "end", "text"))
    return _DATA_FIELDS[cls]


def span_rows(doc_id: str, extraction: Extraction) -> list[tuple[Any, ...]]:
    rows = []
    counters: dict[str, int] = {}
    for kind, item in items_of(extraction):
        data = {k: getattr(item, k) for k in _data_fields(type(item))}
        ordinal = counters.get(kind, 0)
        counters[kind] = ordinal + 1
        rows.append((doc_id, kind, ordinal, item.start, item.end, item.text,
                     json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)))
    return rows


def load_data(text: str) -> dict[str, Any]:
    """The JSON of a span row. NaN and Infinity (written by releases before numbers were checked for
    being finite) read as null, so an old store still opens."""
    data: dict[str, Any] = json.loads(text, parse_constant=lambda _: None)
    return data


def item_from_row(row: sqlite3.Row) -> Any:
    cls = ITEM_CLASSES[row["kind"]]
    data = load_data(row["data"])
    if "events" in data:
        data["events"] = tuple(data["events"])
    return cls(start=row["span_start"], end=row["span_end"], text=row["text"], **data)


def extraction_from_rows(doc_id: str, pipeline: str, spans: Sequence[sqlite3.Row],
                         notes: Sequence[sqlite3.Row]) -> Extraction:
    groups: dict[str, list[Any]] = {kind: [] for kind in ITEM_CLASSES}
    for row in spans:
        groups[row["kind"]].append(item_from_row(row))
    return Extraction(
        doc_id=doc_id, pipeline=pipeline, boilerplate=tuple(groups["boilerplate"]),
        entities=tuple(groups["entities"]), quantities=tuple(groups["quantities"]), quotes=tuple(groups["quotes"]),
        dates=tuple(groups["dates"]), statements=tuple(groups["statements"]), acronyms=tuple(groups["acronyms"]),
        notes=tuple(Note(n["stage"], n["message"], n["span_start"], n["span_end"]) for n in notes),
    )


def document_from_row(row: sqlite3.Row) -> Document:
    return Document(**{name: row[name] for name in DOCUMENT_FIELDS})
