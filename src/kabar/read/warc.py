"""WARC archives (warcio): every HTML response becomes a document with the record's target URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kabar.read.raw import RawRecord, ReadOptions
from kabar.records import Reject

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, options: ReadOptions) -> Iterator[RawRecord | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                item = _response(record, f"{path}#{number}", options)
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            yield Reject(str(path), "malformed-warc", str(exc))


def _response(record: object, source: str, options: ReadOptions) -> RawRecord | Reject | None:
    if getattr(record, "rec_type", None) != "response":
        return None
    headers = record.http_headers  # type: ignore[attr-defined]
    if headers is None:
        return None
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    status = headers.get_statuscode()
    if not str(status).startswith("2"):
        return Reject(f"{source} {url}", "http-status", f"HTTP {status}")
    body = record.content_stream().read(options.max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > options.max_bytes:
        return Reject(f"{source} {url}", "too-large", f"response larger than {options.max_bytes} bytes")
    charset = _charset(headers.get_header("Content-Type") or "")
    meta = {"id": None, "url": url, "outlet": None, "title": None, "author": None, "published": None}
    return RawRecord(source, url or source, "warc", html=body.decode(charset, "replace"), meta=meta)


def _charset(content_type: str) -> str:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            try:
                "".encode(value.strip('"'))
            except LookupError:
                break
            return value.strip('"')
    return "utf-8"
