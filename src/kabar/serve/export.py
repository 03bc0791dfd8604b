"""Writers of exports: `--what` picks the table, `--format` the file type."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from kabar.errors import KabarError
from kabar.serve.interchange import DOCUMENT_KEYS, EXTRA_ITEM_KEYS, ITEM_KEYS, interchange_records
from kabar.store import Store

WHATS = ("documents", *ITEM_KEYS, "rejects")
FORMATS = ("jsonl", "csv")
# Flat document table: scalar fields plus the number of items of each kind.
DOCUMENT_TABLE = (*DOCUMENT_KEYS, "published_raw", *(f"n_{kind}" for kind in ITEM_KEYS))


def rows_for(store: Store, what: str, fmt: str) -> tuple[tuple[str, ...] | None, Iterator[dict[str, Any]]]:
    """(CSV columns or None for JSONL, rows) of one export."""
    if what not in WHATS:
        raise KabarError(f"unknown --what {what!r}; choose one of: {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise KabarError(f"unknown --format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if what == "rejects":
        return ("source", "reason", "detail"), ({"source": r.source, "reason": r.reason, "detail": r.detail}
                                                for r in store.rejects())
    if what == "documents":
        if fmt == "jsonl":
            return None, interchange_records(store)
        return DOCUMENT_TABLE, _document_table(store)
    return ("doc", "name", *ITEM_KEYS[what], *EXTRA_ITEM_KEYS.get(what, ())), _items(store, what)


def _document_table(store: Store) -> Iterator[dict[str, Any]]:
    raw = {row["id"]: row["published_raw"] for row in store.document_rows()}
    for record in interchange_records(store):
        row = {k: record[k] for k in DOCUMENT_KEYS}
        row["published_raw"] = raw.get(record["id"])
        row.update({f"n_{kind}": len(record[kind]) for kind in ITEM_KEYS})
        yield row


def _items(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    for record in interchange_records(store, extra=True):
        for item in record[kind]:
            yield {"doc": record["id"], "name": record["name"], **item}


def write_export(store: Store, what: str, fmt: str, out: Path | None, stream: TextIO) -> int:
    """Write the export to `out` (or `stream` when None); returns the number of rows."""
    columns, rows = rows_for(store, what, fmt)
    if out is None:
        return _write(stream, columns, rows, fmt)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        count = _write(handle, columns, rows, fmt)
    tmp.replace(out)
    return count


def _write(handle: TextIO, columns: tuple[str, ...] | None, rows: Iterable[dict[str, Any]], fmt: str) -> int:
    count = 0
    if fmt == "jsonl":
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(handle, fieldnames=list(columns or ()), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
