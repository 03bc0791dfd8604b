"""WARC archives (warcio): every HTML response becomes a document with the record's target URL.

`.warc.gz` is read by warcio itself (gzip per record); `.warc.bz2` and `.warc.xz` are decompressed as a
stream. Each response over `max_bytes` is one reject; the archive is bounded by `max_file_bytes`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kabar.errors import InputError
from kabar.read.decode import decode_bytes
from kabar.read.raw import RawRecord, ReadOptions, charset, reject
from kabar.read.stream import Bounded
from kabar.records import Reject

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, options: ReadOptions) -> Iterator[RawRecord | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with Bounded(path, options.max_file_bytes, "--max-file-bytes", decompress=(".bz2", ".xz")) as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                item = _response(record, f"{path}#{number}", options)
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            yield reject(str(path), "malformed-warc", str(exc))


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
        return reject(f"{source} {url}", "http-status", f"HTTP {status}")
    body = record.content_stream().read(options.max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > options.max_bytes:
        return reject(f"{source} {url}", "too-large", f"response larger than {options.max_bytes} bytes (--max-bytes)")
    try:
        html, _ = decode_bytes(body, charset(headers.get_header("Content-Type") or ""))
    except InputError as exc:
        return reject(f"{source} {url}", exc.reason, exc.detail)
    meta = {"id": None, "url": url, "outlet": None, "title": None, "author": None, "published": None}
    return RawRecord(source, url or source, "warc", html=html, meta=meta)
