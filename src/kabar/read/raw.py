"""`RawRecord`: one input item before processing (text or HTML plus whatever metadata came with it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from kabar.read.published import DateOrder

META_FIELDS = ("id", "url", "outlet", "title", "author", "published")
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class RawRecord:
    """`source` says where it came from (path, `path:LINE`, URL); `name` is what the interchange record
    calls it (the file's base name, or a JSONL/CSV record's id)."""

    source: str
    name: str
    format: str
    text: str | None = None
    html: str | None = None
    meta: Mapping[str, str | None] = field(default_factory=dict)
    date_order: DateOrder | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    status: int
    content_type: str
    body: bytes


Fetcher = Callable[[str], FetchResult]
FeedFollow = Literal["no", "yes"]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read. `columns` maps kabar's field names to other column/key names."""

    max_bytes: int = DEFAULT_MAX_BYTES
    columns: Mapping[str, str] = field(default_factory=dict)
    fetch: Fetcher | None = None
    follow_links: bool = False


def clean_meta(record: Mapping[str, object], columns: Mapping[str, str]) -> dict[str, str | None]:
    """The metadata fields of a JSON object or CSV row, through the column mapping, as stripped strings."""
    out: dict[str, str | None] = {}
    for name in META_FIELDS:
        value = record.get(columns.get(name, name))
        text = None if value is None else str(value).strip()
        out[name] = text or None
    return out
