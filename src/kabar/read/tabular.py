"""JSON Lines, JSON and CSV files: each object/row is one document (`text` or `html`, plus metadata)."""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kabar.read.published import infer_order
from kabar.read.raw import RawRecord, ReadOptions, clean_meta
from kabar.records import Reject

Item = RawRecord | Reject
# Rows read ahead to decide whether numeric dates in a column are day- or month-first.
ORDER_SAMPLE_ROWS = 500


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Item]:
    with path.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            source = f"{path}:{number}"
            try:
                obj = json.loads(line.rstrip(b"\r\n"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Reject(source, "invalid-json", str(exc))
                continue
            yield from _record(obj, source, f"{path.name}:{number}", options, "jsonl")


def read_json(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        data = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Reject(str(path), "invalid-json", str(exc))
        return
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        data = data["documents"]
    objects = data if isinstance(data, list) else [data]
    for number, obj in enumerate(objects, start=1):
        yield from _record(obj, f"{path}#{number}", f"{path.name}#{number}", options, "json")


def read_csv(path: Path, options: ReadOptions) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, max(options.max_bytes * 2, 1 << 20)))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
        reader = csv.DictReader(stream, delimiter=delimiter)
        wanted = {options.columns.get(f, f) for f in ("text", "html")}
        if not wanted & set(reader.fieldnames or ()):
            columns = ", ".join(reader.fieldnames or ()) or "none"
            yield Reject(str(path), "no-text-column",
                         f"no 'text' or 'html' column (columns: {columns}); map one with --columns text=NAME")
            return
        head = list(itertools.islice(reader, ORDER_SAMPLE_ROWS))
        dates = [row.get(options.columns.get("published", "published")) or "" for row in head]
        order = infer_order(dates)
        for number, row in enumerate(itertools.chain(head, reader), start=2):
            yield from _record(row, f"{path}:{number}", f"{path.name}:{number}", options, "csv", order)


def _record(obj: Any, source: str, fallback_name: str, options: ReadOptions, fmt: str,
            order: Any = None) -> Iterator[Item]:
    if not isinstance(obj, Mapping):
        yield Reject(source, "not-an-object", f"expected a JSON object, got {type(obj).__name__}")
        return
    columns = options.columns
    text, html = obj.get(columns.get("text", "text")), obj.get(columns.get("html", "html"))
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        yield Reject(source, "no-text", "the record has no non-empty 'text' or 'html'")
        return
    meta = clean_meta(obj, columns)
    name = meta["id"] or fallback_name
    yield RawRecord(source, name, fmt, text if isinstance(text, str) and text.strip() else None,
                    html if isinstance(html, str) else None, meta, order)
