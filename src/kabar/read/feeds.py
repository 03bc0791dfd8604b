"""RSS and Atom feeds (feedparser): each item becomes a document; with `follow_links` the item's page
is fetched and its main text used, the feed's metadata filling what the page lacks.

A feed is parsed whole (its file is bounded by `max_file_bytes`, at most raw.MAX_PARSED_BYTES); `max_bytes`
holds per item, so one oversized item is one reject and the others are read. A feed in UTF-16/32 is
given to feedparser as UTF-8 (it reads the XML declaration's encoding, which a BOM contradicts)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kabar.errors import FetchError, InputError
from kabar.read.decode import SNIFF_BYTES, decode_bytes, sniff_encoding
from kabar.read.raw import RawRecord, ReadOptions, charset, megabytes, reject
from kabar.records import Reject

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
XML_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")


def looks_like_feed(head: bytes) -> bool:
    low = _as_utf8(head[:SNIFF_BYTES])[:2048].lower()
    return any(marker in low for marker in FEED_MARKERS)


def read_feed(data: bytes, source: str, options: ReadOptions) -> Iterator[RawRecord | Reject]:
    import feedparser

    try:
        parsed = feedparser.parse(_as_utf8(data))
    except Exception as exc:  # feedparser's loose parser can fail on hostile input (deep nesting)
        yield reject(source, "malformed-feed", f"{type(exc).__name__}: {exc}")
        return
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no items")
        yield reject(source, "malformed-feed" if parsed.get("bozo") else "empty-feed", reason)
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield _item(entry, f"{source}#{number}", outlet, options)


def _as_utf8(data: bytes) -> bytes:
    """UTF-16/32 feed bytes (with a BOM or recognised by their NULs) as UTF-8, the declaration saying so;
    any other bytes as they are (feedparser reads the declared or detected encoding itself)."""
    encoding = sniff_encoding(data[:SNIFF_BYTES])
    if not encoding or not encoding.startswith(("utf-16", "utf-32")):
        return data
    text = data.decode(encoding, "replace").lstrip("\ufeff").encode("utf-8")
    return XML_ENCODING.sub(rb"\1\2utf-8\2", text, count=1)


def _item(entry: Any, source: str, outlet: str | None, options: ReadOptions) -> RawRecord | Reject:
    link = entry.get("link") or None
    meta = {
        "id": entry.get("id") or link,
        "url": link,
        "outlet": outlet,
        "title": entry.get("title") or None,
        "author": entry.get("author") or None,
        "published": entry.get("published") or entry.get("updated") or None,
    }
    name = str(meta["id"] or source.rsplit("/", 1)[-1])
    if options.follow_links and link and options.fetch is not None:
        try:
            page = options.fetch(link)
        except FetchError as exc:
            return reject(f"{source} {link}", exc.reason, exc.detail)
        if len(page.body) > options.max_bytes:
            return reject(f"{source} {link}", "too-large", f"the page is {megabytes(len(page.body))}, over the "
                                                           f"limit of {megabytes(options.max_bytes)} (--max-bytes)")
        try:
            html, _ = decode_bytes(page.body, charset(page.content_type))
        except InputError as exc:
            return reject(f"{source} {link}", exc.reason, exc.detail)
        return RawRecord(source, name, "feed", html=html, meta=meta)
    content = entry.get("content") or []
    html = content[0].get("value") if content else entry.get("summary")
    if not html or not str(html).strip():
        return reject(source, "no-text", "the feed item has no content or summary")
    size = len(str(html).encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        return reject(source, "too-large", f"the item is {megabytes(size)}, over the limit of "
                                           f"{megabytes(options.max_bytes)} (--max-bytes)")
    return RawRecord(source, name, "feed", html=f"<html><body><article>{html}</article></body></html>", meta=meta)
