"""JSON Lines, JSON and CSV files: each object/row is one document (`text` or `html`, plus metadata).

JSONL and CSV are streamed (also compressed) in the file's encoding (BOM, UTF-16/32, UTF-8, else a
detected code page). `max_bytes` holds per record: a record whose text or html is over it is one
reject and the others are read; a line or row too long to hold a record under it is skipped unread.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kabar.errors import InputError
from kabar.read.decode import RECOVER, decode_bytes, sniff_encoding
from kabar.read.published import infer_order
from kabar.read.raw import MAX_PARSED_BYTES, META_FIELDS, RawRecord, ReadOptions, megabytes, reject
from kabar.read.stream import BUFFER, CHUNK, Bounded, inner_path, open_text, read_lines, record_cap
from kabar.records import Reject

Item = RawRecord | Reject
# Rows read ahead to decide whether numeric dates in a column are day- or month-first.
ORDER_SAMPLE_ROWS = 500


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Item]:
    cap = record_cap(options.max_bytes)
    number = 0
    meta_keys = _meta_keys(options.columns)
    where, base = str(path), path.name
    with Bounded(path, options.max_file_bytes, "--max-file-bytes") as raw:
        try:
            for number, line in enumerate(_jsonl_lines(raw, cap), start=1):
                if line is None:
                    yield reject(f"{where}:{number}", "too-large", f"a line of over {megabytes(cap)} (--max-bytes "
                                                                   f"is {megabytes(options.max_bytes)} per record)")
                    continue
                if line.isspace() or not line:
                    continue
                try:
                    obj = _loads(line)
                except (json.JSONDecodeError, RecursionError) as exc:
                    yield reject(f"{where}:{number}", "invalid-json", _json_error(exc))
                    continue
                yield _record(obj, f"{where}:{number}", f"{base}:{number}", options, "jsonl", meta_keys)
        except InputError as exc:
            yield reject(str(path), exc.reason, exc.detail + _after(number, "line"))


def _jsonl_lines(raw: Bounded, cap: int) -> Iterator[str | None]:
    """The lines of a JSONL file as text; UTF-8 (the common case) is decoded line by line, a line with
    stray legacy bytes through decode.RECOVER; other encodings through a text stream."""
    encoding = sniff_encoding(raw.head())
    if encoding not in ("utf-8", "utf-8-sig"):
        yield from read_lines(open_text(raw, newline="\n"), cap)
        return
    stream = io.BufferedReader(raw, BUFFER)
    if raw.head().startswith(codecs.BOM_UTF8):
        stream.read(len(codecs.BOM_UTF8))
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(CHUNK)
            yield None
            continue
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            yield line.decode("utf-8", RECOVER)


def _json_error(exc: Exception) -> str:
    return "arrays or objects nested too deep to parse" if isinstance(exc, RecursionError) else str(exc)


_STRICT = json.JSONDecoder()
_LENIENT = json.JSONDecoder(strict=False)


def _loads(line: str) -> Any:
    """The one JSON value of a line: strict first (fast), then allowing raw control characters in strings
    (a tab pasted into a text is not a reason to lose it)."""
    start = 0 if not line[0].isspace() else len(line) - len(line.lstrip())
    try:
        obj, end = _STRICT.raw_decode(line, start)
    except json.JSONDecodeError as exc:
        if "control character" not in exc.msg:
            raise
        obj, end = _LENIENT.raw_decode(line, start)
    if end != len(line) and not line[end:].isspace():
        raise json.JSONDecodeError("Extra data", line, end)
    return obj


def read_json(path: Path, options: ReadOptions) -> Iterator[Item]:
    limit = min(options.max_file_bytes, MAX_PARSED_BYTES)
    with Bounded(path, limit, "--max-file-bytes; a JSON file is parsed whole") as raw:
        data = raw.read_all()
    try:
        text, _ = decode_bytes(data)
        parsed = json.loads(text, strict=False)
    except InputError as exc:
        yield reject(str(path), exc.reason, exc.detail)
        return
    except (json.JSONDecodeError, RecursionError) as exc:
        yield reject(str(path), "invalid-json", _json_error(exc))
        return
    del data, text
    if isinstance(parsed, dict) and isinstance(parsed.get("documents"), list):
        parsed = parsed["documents"]
    objects = parsed if isinstance(parsed, list) else [parsed]
    meta_keys = _meta_keys(options.columns)
    for number, obj in enumerate(objects, start=1):
        yield _record(obj, f"{path}#{number}", f"{path.name}#{number}", options, "json", meta_keys)


def read_csv(path: Path, options: ReadOptions) -> Iterator[Item]:
    cap = record_cap(options.max_bytes)
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, cap + 1)))
    delimiter = "\t" if inner_path(path).suffix.lower() == ".tsv" else ","
    number = 1
    with Bounded(path, options.max_file_bytes, "--max-file-bytes") as raw:
        try:
            guard = _RowGuard(cap, delimiter)
            reader = csv.reader(guard.lines(open_text(raw, newline="")), delimiter=delimiter)
            try:
                fieldnames = next(reader, [])
            except csv.Error as exc:
                yield reject(str(path), "malformed-csv", f"the header row: {exc}")
                return
            guard.reset()
            wanted = {options.columns.get(f, f) for f in ("text", "html")}
            if not wanted & set(fieldnames):
                columns = ", ".join(fieldnames) or "none"
                yield reject(str(path), "no-text-column",
                             f"no 'text' or 'html' column (columns: {columns}); map one with --columns text=NAME")
                return
            rows = _rows(reader, guard, fieldnames)
            meta_keys = _meta_keys(options.columns)
            head: list[tuple[Any, bool]] = []
            stopped: InputError | None = None
            try:  # rows read ahead are kept even when the file ends badly among them
                head.extend(itertools.islice(rows, ORDER_SAMPLE_ROWS))
            except InputError as exc:
                stopped = exc
            published = options.columns.get("published", "published")
            dates = [(row.get(published) or "") if isinstance(row, dict) else "" for row, _ in head]
            order = infer_order(dates)
            for number, (row, over) in enumerate(itertools.chain(head, () if stopped else rows), start=2):
                source = f"{path}:{number}"
                if over:
                    yield reject(source, "too-large", f"a row of over {megabytes(cap)} (--max-bytes is "
                                                      f"{megabytes(options.max_bytes)} per record)")
                elif isinstance(row, csv.Error):
                    yield reject(source, "malformed-csv", str(row))
                else:
                    yield _record(row, source, f"{path.name}:{number}", options, "csv", meta_keys, order)
            if stopped:
                raise stopped
        except InputError as exc:
            yield reject(str(path), exc.reason, exc.detail + _after(number - 1, "row"))


def _after(read: int, what: str) -> str:
    """The detail of a file that stopped after `read` lines or rows."""
    return f" (the first {read:,} {what}s were read)" if read else ""


@dataclass(slots=True)
class _RowGuard:
    """Bounds one CSV row: once the lines of the current row pass `cap` characters, the rest of the row is
    fed to the csv reader as its skeleton (quotes, delimiters and line ends kept, every run of other
    characters one "x"), which the reader parses into the same fields and rows, so the row can be refused
    and the next ones read as they are, without holding the long row in memory."""

    cap: int
    delimiter: str
    size: int = 0
    over: bool = False

    def reset(self) -> None:
        self.size, self.over = 0, False

    def lines(self, stream: IO[str]) -> Iterator[str]:
        other = re.compile(f'[^"\r\n{re.escape(self.delimiter)}]+')
        while True:
            line = stream.readline(CHUNK if self.over else self.cap - self.size + 1)
            if not line:
                return
            self.size += len(line)
            if self.size <= self.cap:
                yield line
                continue
            self.over = True
            pieces = [other.sub("x", line)]
            while not line.endswith(("\n", "\r")):
                line = stream.readline(CHUNK)
                if not line:
                    break
                pieces.append(other.sub("x", line))
            yield "".join(pieces)


def _rows(reader: Any, guard: _RowGuard, fieldnames: list[str]) -> Iterator[tuple[Any, bool]]:
    """(row as a dict or the csv.Error that stopped it, whether it was over the cap); blank rows skipped."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc, False
            guard.reset()
            continue
        over = guard.over
        guard.reset()
        if row:
            yield dict(zip(fieldnames, row, strict=False)), over


def _meta_keys(columns: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((name, columns.get(name, name)) for name in META_FIELDS)


def _record(obj: Any, source: str, fallback_name: str, options: ReadOptions, fmt: str,
            meta_keys: tuple[tuple[str, str], ...], order: Any = None) -> Item:
    """A record from a JSON object or CSV row. Its text is text already (a JSON string, a cell of a file
    that passed the binary check): NULs are dropped and surrogates repaired (RawRecord), nothing more."""
    if type(obj) is not dict and not isinstance(obj, Mapping):
        return reject(source, "not-an-object", f"expected a JSON object, got {type(obj).__name__}")
    columns = options.columns
    text, html = obj.get(columns.get("text", "text")), obj.get(columns.get("html", "html"))
    text = text if isinstance(text, str) and text and not text.isspace() else None
    html = html if isinstance(html, str) and html and not html.isspace() else None
    if text is None and html is None:
        return reject(source, "no-text", "the record has no non-empty 'text' or 'html'")
    limit = options.max_bytes
    for value in (text, html):
        if value is not None and 4 * len(value) > limit:
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > limit:
                return reject(source, "too-large", f"{megabytes(size)} is over the limit of {megabytes(limit)} "
                                                   "(--max-bytes)")
    meta: dict[str, str | None] = {}
    for field, key in meta_keys:
        value = obj.get(key)
        if value is not None:
            value = (value if type(value) is str else str(value)).strip() or None
        meta[field] = value
    return RawRecord(source, meta["id"] or fallback_name, fmt, text, html, meta, order)
