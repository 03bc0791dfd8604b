"""Discovery: paths, folders (recursive), globs and URLs to a lazy stream of raw records and rejects.

Nothing here holds a whole corpus in memory: folders are walked, JSONL/CSV/WARC files streamed.
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
from kabar.read.raw import META_FIELDS, RawRecord, ReadOptions
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
                yield Reject(target, "not-found", "the pattern matched no file")
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
        yield Reject(str(path), "not-found", "no such file or folder")


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
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
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
    name = path.name.lower()
    suffix = path.suffix.lower()
    if name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        yield from warc.read_warc(path, options)
    elif suffix in (".jsonl", ".ndjson"):
        yield from tabular.read_jsonl(path, options)
    elif suffix == ".json":
        yield from tabular.read_json(path, options)
    elif suffix in (".csv", ".tsv"):
        yield from tabular.read_csv(path, options)
    elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES:
        yield from read_document_file(path, options, sidecar.get(path.name, {}))
    else:
        yield Reject(str(path), "unsupported-type", f"kabar does not read {suffix or 'extension-less'} files")


def read_document_file(path: Path, options: ReadOptions, meta: dict[str, str | None]) -> Iterator[Item]:
    """A .txt, .html or feed file: one document (or one per feed item)."""
    size = path.stat().st_size
    if size > options.max_bytes:
        yield Reject(str(path), "too-large",
                     f"{size / 1e6:.1f} MB is over the limit of {options.max_bytes / 1e6:.1f} MB (--max-bytes)")
        return
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and feeds.looks_like_feed(data)):
        yield from feeds.read_feed(data, str(path), options)
        return
    try:
        text, _ = decode_bytes(data)
    except InputError as exc:
        yield Reject(str(path), exc.reason, exc.detail)
        return
    is_html = suffix in HTML_SUFFIXES or (suffix == "" and looks_like_html(text))
    if is_html:
        yield RawRecord(str(path), path.name, "html", html=text, meta=meta)
    else:
        yield RawRecord(str(path), path.name, "txt", text=text, meta=meta)


def read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    fetch = options.fetch or (lambda u: fetch_url(u, options.max_bytes))
    try:
        page = fetch(url)
    except FetchError as exc:
        yield Reject(url, exc.reason, exc.detail)
        return
    kind = page.content_type.lower()
    if "rss" in kind or "atom" in kind or (("xml" in kind or not kind) and feeds.looks_like_feed(page.body)):
        yield from feeds.read_feed(page.body, url, replace(options, fetch=fetch))
        return
    try:
        text, _ = decode_bytes(page.body)
    except InputError as exc:
        yield Reject(url, exc.reason, exc.detail)
        return
    meta = {"id": None, "url": page.url, "outlet": None, "title": None, "author": None, "published": None}
    name = page.url.rstrip("/").rsplit("/", 1)[-1] or page.url
    if "html" in kind or looks_like_html(text):
        yield RawRecord(url, name, "html", html=text, meta=meta)
    else:
        yield RawRecord(url, name, "txt", text=text, meta=meta)



def looks_like_html(text: str) -> bool:
    return text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
