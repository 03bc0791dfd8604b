"""RSS and Atom feeds (feedparser): each item becomes a document; with `follow_links` the item's page
is fetched and its main text used, the feed's metadata filling what the page lacks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kabar.errors import FetchError
from kabar.read.raw import RawRecord, ReadOptions
from kabar.records import Reject

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


def looks_like_feed(head: bytes) -> bool:
    low = head[:2048].lower()
    return any(marker in low for marker in FEED_MARKERS)


def read_feed(data: bytes, source: str, options: ReadOptions) -> Iterator[RawRecord | Reject]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no items")
        yield Reject(source, "malformed-feed" if parsed.get("bozo") else "empty-feed", reason)
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        yield _item(entry, f"{source}#{number}", outlet, options)


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
            return Reject(f"{source} {link}", exc.reason, exc.detail)
        return RawRecord(source, name, "feed", html=page.body.decode("utf-8", "replace"), meta=meta)
    content = entry.get("content") or []
    html = content[0].get("value") if content else entry.get("summary")
    if not html or not str(html).strip():
        return Reject(source, "no-text", "the feed item has no content or summary")
    return RawRecord(source, name, "feed", html=f"<html><body><article>{html}</article></body></html>", meta=meta)
