"""Writers of exports: `--what` picks the table, `--format` the file type."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from kabar.errors import KabarError
from kabar.resolve.disagreements import disagreements
from kabar.resolve.ledger import build_ledger
from kabar.serve.interchange import DOCUMENT_KEYS, EXTRA_ITEM_KEYS, ITEM_KEYS, interchange_records
from kabar.serve.ledger_view import figure
from kabar.store import Store

WHATS = ("documents", *ITEM_KEYS, "claims", "conflicts", "relations", "disagreements", "entities", "rejects")
FORMATS = ("jsonl", "csv", "parquet")
CLAIM_COLUMNS = ("id", "doc_id", "doc_name", "outlet", "subject", "location", "place_basis", "claimant", "value",
                 "low", "high", "hedge", "unit", "date", "date_source", "text", "start", "end", "derived", "multiplier",
                 "attribution", "via", "evidence")
RELATION_COLUMNS = ("subject", "location", "kind", "reason", *(f"{side}_{k}" for side in ("a", "b") for k in (
    "id", "claimant", "figure", "date", "outlet", "doc_name")))
ENTITY_COLUMNS = ("id", "canonical", "type", "within", "mentions", "aliases", "descriptors")
# Flat document table: scalar fields plus the number of items of each kind.
DOCUMENT_TABLE = (*DOCUMENT_KEYS, "published_raw", *(f"n_{kind}" for kind in ITEM_KEYS))


def rows_for(store: Store, what: str, fmt: str) -> tuple[tuple[str, ...] | None, Iterator[dict[str, Any]]]:
    """(CSV columns or None for JSONL, rows) of one export."""
    if what not in WHATS:
        raise KabarError(f"unknown --what {what!r}; choose one of: {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise KabarError(f"unknown --format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if what == "claims":
        return CLAIM_COLUMNS, _claims(store)
    if what in ("conflicts", "relations"):
        return RELATION_COLUMNS, _relations(store, only_conflicts=what == "conflicts")
    if what == "disagreements":
        return RELATION_COLUMNS, _disagreements(store)
    if what == "entities":
        return ENTITY_COLUMNS, _entities(store)
    if what == "rejects":
        return ("source", "reason", "detail"), ({"source": r.source, "reason": r.reason, "detail": r.detail}
                                                for r in store.rejects())
    if what == "documents":
        if fmt == "jsonl":
            return None, interchange_records(store)
        if fmt == "parquet":
            raise KabarError("the interchange record nests lists: export documents as jsonl, or csv for a flat table")
        return DOCUMENT_TABLE, _document_table(store)
    return ("doc", "name", *ITEM_KEYS[what], *EXTRA_ITEM_KEYS.get(what, ())), _items(store, what)


def _claims(store: Store) -> Iterator[dict[str, Any]]:
    for group in build_ledger(store):
        for claim in group.claims:
            row = claim.as_dict()
            row["via"] = ", ".join(claim.via)
            yield row


def _relations(store: Store, only_conflicts: bool) -> Iterator[dict[str, Any]]:
    for group in build_ledger(store):
        claims = {c.id: c for c in group.claims}
        for relation in group.relations:
            if only_conflicts and relation.kind != "conflict":
                continue
            row: dict[str, Any] = {"subject": group.subject, "location": group.location, "kind": relation.kind,
                                   "reason": relation.reason}
            for side, claim_id in (("a", relation.a), ("b", relation.b)):
                claim = claims[claim_id]
                row.update({f"{side}_id": claim.id, f"{side}_claimant": claim.claimant,
                            f"{side}_figure": figure(claim), f"{side}_date": claim.date,
                            f"{side}_outlet": claim.outlet, f"{side}_doc_name": claim.doc_name})
            yield row


def _disagreements(store: Store) -> Iterator[dict[str, Any]]:
    """Candidate disagreements in words (kind `negation`): unverified, kept out of `conflicts`."""
    for item in disagreements(store):
        yield {"subject": item.event, "location": None, "kind": "negation",
               "reason": "candidate: one claimant says it happened, another that it did not (unverified)",
               "a_id": f"{item.affirmed.doc_id}@{item.affirmed.start}", "a_claimant": item.affirmed.claimant,
               "a_figure": item.affirmed.text.strip(), "a_date": None, "a_outlet": None,
               "a_doc_name": item.affirmed.doc_name, "b_id": f"{item.negated.doc_id}@{item.negated.start}",
               "b_claimant": item.negated.claimant, "b_figure": item.negated.text.strip(), "b_date": None,
               "b_outlet": None, "b_doc_name": item.negated.doc_name}


def _entities(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.conn.execute("SELECT * FROM entities ORDER BY mentions DESC, canonical"):
        aliases = store.conn.execute("SELECT surface, count FROM entity_aliases WHERE entity_id = ? "
                                     "ORDER BY count DESC, surface", (row["id"],)).fetchall()
        yield {"id": row["id"], "canonical": row["canonical"], "type": row["type"], "within": row["within"],
               "mentions": row["mentions"], "aliases": "; ".join(f"{a[0]} ({a[1]})" for a in aliases),
               "descriptors": "; ".join(json.loads(row["descriptors"]))}


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
    if fmt == "parquet":
        if out is None:
            raise KabarError("--format parquet needs --out FILE")
        return _write_parquet(out, columns or (), rows)
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
            handle.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(handle, fieldnames=list(columns or ()), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _write_parquet(out: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise KabarError("Parquet export needs pyarrow (pip install pyarrow)") from exc
    data = {c: [] for c in columns}  # type: dict[str, list[Any]]
    count = 0
    for row in rows:
        for c in columns:
            value = row.get(c)
            nested = isinstance(value, (list, dict))
            data[c].append(json.dumps(value, ensure_ascii=False, allow_nan=False) if nested else value)
        count += 1
    tmp = out.with_name(out.name + ".part")
    pq.write_table(pa.table(data), tmp)
    tmp.replace(out)
    return count
