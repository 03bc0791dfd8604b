"""Stories in the terminal (and as rows for exports and the web): what each cluster of articles is."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kabar.resolve.ledger import build_ledger
from kabar.store import Store


def story_rows(store: Store, min_size: int = 1) -> list[dict[str, Any]]:
    """One row per story: its headline (earliest article's title), outlets, dates, sizes, claims, conflicts."""
    docs: dict[str, list[Any]] = defaultdict(list)
    for row in store.conn.execute("SELECT id, name, title, outlet, published, story, duplicate_of FROM documents "
                                  "WHERE story IS NOT NULL ORDER BY published, id"):
        docs[row["story"]].append(row)
    claims: dict[str, int] = defaultdict(int)
    conflicts: dict[str, int] = defaultdict(int)
    story_of = {row["id"]: row["story"] for rows in docs.values() for row in rows}
    for group in build_ledger(store):
        for claim in group.claims:
            claims[story_of.get(claim.doc_id, "")] += 1
        for relation in group.conflicts:
            conflicts[story_of.get(relation.a.split(":")[0], "")] += 1
    out = []
    for story, rows in docs.items():
        if len(rows) < min_size:
            continue
        dates = [r["published"][:10] for r in rows if r["published"]]
        out.append({"id": story, "headline": next((r["title"] for r in rows if r["title"]), rows[0]["name"]),
                    "articles": len(rows), "copies": sum(1 for r in rows if r["duplicate_of"]),
                    "outlets": sorted({r["outlet"] for r in rows if r["outlet"]}),
                    "first": min(dates) if dates else None, "last": max(dates) if dates else None,
                    "claims": claims[story], "conflicts": conflicts[story], "documents": [r["id"] for r in rows]})
    return sorted(out, key=lambda s: (-s["articles"], -s["claims"], s["first"] or "", s["id"]))


def print_stories(rows: list[dict[str, Any]], console: Console, limit: int) -> None:
    table = Table(title=f"{len(rows)} stories")
    for column in ("story", "headline", "articles", "outlets", "dates", "claims", "conflicts"):
        table.add_column(column, overflow="fold")
    for row in rows[:limit]:
        dates = row["first"] if row["first"] == row["last"] else f"{row['first']} – {row['last']}"
        size = str(row["articles"]) + (f" ({row['copies']} copies)" if row["copies"] else "")
        table.add_row(row["id"], escape(row["headline"] or ""), size, escape(", ".join(row["outlets"]) or "—"),
                      dates or "?", str(row["claims"]), str(row["conflicts"]))
    console.print(table)
