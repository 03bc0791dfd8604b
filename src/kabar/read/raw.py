"""`RawRecord`: one input item before processing (text or HTML plus whatever metadata came with it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from kabar.read.decode import is_valid_unicode, valid_unicode
from kabar.read.published import DateOrder
from kabar.records import Reject

META_FIELDS = ("id", "url", "outlet", "title", "author", "published")
# One document: a text or HTML file, a JSONL/JSON/CSV record's text or html, a feed item, a WARC response.
DEFAULT_MAX_BYTES = 5_000_000
# One file of a streamed format (JSONL, CSV/TSV, WARC) after decompression: a bound on what a file (or a
# decompression bomb) makes kabar read, not on memory, which streaming keeps to one record.
DEFAULT_MAX_FILE_BYTES = 2_000_000_000
# JSON files and feeds are parsed whole in memory: their bound is the smaller of this and max_file_bytes.
MAX_PARSED_BYTES = 250_000_000


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

    def __post_init__(self) -> None:
        """Every string a reader passes on is valid Unicode without NULs (`valid_unicode`); checked on all
        of them at once, which costs a join when there is nothing to change."""
        values = [v for v in (self.source, self.name, self.text, self.html, *self.meta.values()) if v]
        if is_valid_unicode("".join(values)):
            return
        for name in ("source", "name", "text", "html"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, valid_unicode(value))
        meta = {key: None if value is None else valid_unicode(value) or None for key, value in self.meta.items()}
        object.__setattr__(self, "meta", meta)


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
    """How inputs are read. `max_bytes` bounds one document (a file, or one record of a JSONL/JSON/CSV
    file, feed or WARC), `max_file_bytes` one file after decompression; `columns` maps kabar's field
    names to other column/key names."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    columns: Mapping[str, str] = field(default_factory=dict)
    fetch: Fetcher | None = None
    follow_links: bool = False


def reject(source: str, reason: str, detail: str = "") -> Reject:
    """A Reject whose strings are valid Unicode (a path may hold undecodable bytes as surrogates)."""
    return Reject(valid_unicode(source), reason, valid_unicode(detail))


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def charset(content_type: str) -> str | None:
    """The charset an HTTP Content-Type names, when Python knows it."""
    import codecs

    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            try:
                return codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                return None
    return None
