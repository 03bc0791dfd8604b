"""The interchange record: one JSON object per document, the fields of docs/interchange.md exactly.

This is what evaluation reads; change it only with a version note in the docs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from kabar.records import Document, Extraction
from kabar.store import Store

DOCUMENT_KEYS = ("id", "source", "name", "outlet", "url", "title", "author", "published", "language", "text",
                 "story", "duplicate_of")
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "boilerplate": ("start", "end", "text", "reason"),
    "entities": ("start", "end", "text", "type", "entity", "canonical"),
    "quantities": ("start", "end", "text", "value", "low", "high", "hedge", "unit", "subject", "location",
                   "claimant", "date"),
    "quotes": ("start", "end", "text", "speaker", "speaker_entity", "cue"),
    "dates": ("start", "end", "text", "value", "granularity", "anchor", "warning"),
}
RECORD_KEYS = DOCUMENT_KEYS + tuple(ITEM_KEYS)


# Fields of the store that the interchange record leaves out but item tables (CSV) keep.
EXTRA_ITEM_KEYS: dict[str, tuple[str, ...]] = {"quantities": ("multiplier", "derived")}


def interchange_record(doc: Document, extraction: Extraction, story: str | None = None,
                       duplicate_of: str | None = None, *, extra: bool = False) -> dict[str, Any]:
    """The record of one document. Derived quantities (products the text did not state) are left out
    unless `extra`, which also adds the store's extra item fields."""
    values = asdict(doc)
    values["story"] = story
    values["duplicate_of"] = duplicate_of
    record = {key: values[key] for key in DOCUMENT_KEYS}
    for kind, keys in ITEM_KEYS.items():
        wanted = keys + EXTRA_ITEM_KEYS.get(kind, ()) if extra else keys
        items = [asdict(item) for item in getattr(extraction, kind)]
        record[kind] = [{k: item.get(k) for k in wanted} for item in items if extra or not item.get("derived")]
    return record


def interchange_records(store: Store, *, extra: bool = False) -> Iterator[dict[str, Any]]:
    """Every stored document as an interchange record, in ingest order (streamed)."""
    for row in store.document_rows():
        doc = Document(**{k: row[k] for k in Document.__dataclass_fields__})
        yield interchange_record(doc, store.extraction(doc.id), row["story"], row["duplicate_of"], extra=extra)
