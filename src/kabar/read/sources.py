"""Discovery: paths, folders (recursive), globs and URLs to a lazy stream of raw records and rejects.

Nothing here holds a whole corpus in memory: folders are walked, JSONL/CSV/WARC files streamed (also
when compressed: `.gz`, `.bz2`, `.xz`, the inner extension deciding the format).
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kabar.errors import FetchError, InputError
from kabar.read import feeds, tabular, warc
from kabar.read.decode import decode_bytes
from kabar.read.fetch import fetch_url
from kabar.read.raw import MAX_PARSED_BYTES, META_FIELDS, RawRecord, ReadOptions, charset, megabytes, reject
from kabar.read.stream import Bounded, inner_path
from kabar.records import Reject

Item = RawRecord | Reject
SIDECAR = "meta.jsonl"
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def iter_inputs(targets: Iterable[str], options: ReadOptions) -> Iterator[Item]:
    """Every raw record (or reject) of the given paths, folders, globs and URLs, in a stable order."""
    for target in targets:
        if target.startswith(("http://", "https://")):
            yield from read_url(target, options)
        elif any(ch in target for ch in "*?[") and not Path(target).exists():
            matches = sorted(glob.glob(target, recursive=True))
            if not matches:
                yield reject(target, "not-found", "the pattern matched no file")
            for match in matches:
                yield from read_path(Path(match), options)
        else:
            yield from read_path(Path(target), options)


def read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    if path.is_dir():
        yield from read_folder(path, options)
    elif path.is_file():
        yield from read_file(path, options, load_sidecar(path.parent))
    else:
        yield reject(str(path), "not-found", "no such file or folder")


def read_folder(folder: Path, options: ReadOptions) -> Iterator[Item]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(root)
        sidecar = load_sidecar(here)
        for name in sorted(files):
            if name.startswith(".") or name == SIDECAR:
                continue
            yield from read_file(here / name, options, sidecar)


def load_sidecar(folder: Path) -> dict[str, dict[str, str | None]]:
    """`meta.jsonl` of a folder: file name -> metadata (broken lines are skipped, never fatal)."""
    path = folder / SIDECAR
    if not path.is_file():
        return {}
    table: dict[str, dict[str, str | None]] = {}
    try:
        text, _ = decode_bytes(path.read_bytes())
    except (InputError, OSError):
        return {}
    for line in text.split("\n"):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and obj.get("file"):
            table[str(obj["file"])] = {k: _text(obj.get(k)) for k in META_FIELDS}
    return table


def _text(value: object) -> str | None:
    return None if value is None or not str(value).strip() else str(value).strip()


def read_file(path: Path, options: ReadOptions, sidecar: dict[str, dict[str, str | None]]) -> Iterator[Item]:
    """The records of one file; a file that cannot be read (or stops being readable part way, as a damaged
    or oversized compressed stream) ends with a reject, after the records read before."""
    try:
        yield from _read_file(path, options, sidecar)
    except InputError as exc:
        yield reject(str(path), exc.reason, exc.detail)


def _read_file(path: Path, options: ReadOptions, sidecar: dict[str, dict[str, str | None]]) -> Iterator[Item]:
    inner = inner_path(path)  # the format is the inner name's: x.jsonl.gz is JSONL
    name = inner.name.lower()
    suffix = inner.suffix.lower()
    if name.endswith((".warc", ".arc")) or path.name.lower().endswith((".warc.gz", ".arc.gz")):
        yield from warc.read_warc(path, options)
    elif suffix in (".jsonl", ".ndjson"):
        yield from tabular.read_jsonl(path, options)
    elif suffix == ".json":
        yield from tabular.read_json(path, options)
    elif suffix in (".csv", ".tsv"):
        yield from tabular.read_csv(path, options)
    elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES:
        yield from read_document_file(path, options, sidecar.get(path.name, sidecar.get(inner.name, {})))
    else:
        yield reject(str(path), "unsupported-type", f"kabar does not read {suffix or 'extension-less'} files")


def read_document_file(path: Path, options: ReadOptions, meta: dict[str, str | None]) -> Iterator[Item]:
    """A .txt, .html or feed file (compressed or not): one document (or one per feed item)."""
    inner = inner_path(path)
    suffix = inner.suffix.lower()
    feed_limit = min(options.max_file_bytes, MAX_PARSED_BYTES)
    with Bounded(path, options.max_bytes, "--max-bytes") as raw:
        is_feed = suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and feeds.looks_like_feed(raw.head()))
        if is_feed:  # a feed's items are documents: the file has the bound of a file parsed whole
            raw.limit, raw.limit_name = feed_limit, "--max-file-bytes"
        size = path.stat().st_size
        if raw.kind is None and size > raw.limit:
            yield reject(str(path), "too-large",
                         f"{megabytes(size)} is over the limit of {megabytes(raw.limit)} ({raw.limit_name})")
            return
        data = raw.read_all()
    if is_feed:
        yield from feeds.read_feed(data, str(path), options)
        return
    try:
        text, _ = decode_bytes(data)
    except InputError as exc:
        yield reject(str(path), exc.reason, exc.detail)
        return
    is_html = suffix in HTML_SUFFIXES or (suffix == "" and looks_like_html(text))
    if is_html:
        yield RawRecord(str(path), path.name, "html", html=text, meta=meta)
    else:
        yield RawRecord(str(path), path.name, "txt", text=text, meta=meta)


def read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    # a feed's items are the documents, so the body may be as large as a file parsed whole
    fetch = options.fetch or (lambda u: fetch_url(u, max(options.max_bytes,
                                                          min(options.max_file_bytes, MAX_PARSED_BYTES))))
    try:
        page = fetch(url)
    except FetchError as exc:
        yield reject(url, exc.reason, exc.detail)
        return
    kind = page.content_type.lower()
    if "rss" in kind or "atom" in kind or (("xml" in kind or not kind) and feeds.looks_like_feed(page.body)):
        yield from feeds.read_feed(page.body, url, replace(options, fetch=fetch))
        return
    if len(page.body) > options.max_bytes:
        yield reject(url, "too-large", f"{megabytes(len(page.body))} is over the limit of "
                                       f"{megabytes(options.max_bytes)} (--max-bytes)")
        return
    try:
        text, _ = decode_bytes(page.body, charset(page.content_type))
    except InputError as exc:
        yield reject(url, exc.reason, exc.detail)
        return
    meta = {"id": None, "url": page.url, "outlet": None, "title": None, "author": None, "published": None}
    name = page.url.rstrip("/").rsplit("/", 1)[-1] or page.url
    if "html" in kind or looks_like_html(text):
        yield RawRecord(url, name, "html", html=text, meta=meta)
    else:
        yield RawRecord(url, name, "txt", text=text, meta=meta)


def looks_like_html(text: str) -> bool:
    return text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
