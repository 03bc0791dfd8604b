"""Rich views for the terminal: ingest summaries and what the store knows."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kabar.ingest import IngestSummary
from kabar.store import Store

MAX_REJECTS_SHOWN = 20


def print_summary(summary: IngestSummary, console: Console) -> None:
    console.print(
        f"[bold]stored[/] {summary.stored}  [bold]updated[/] {summary.updated}  "
        f"[bold]duplicate[/] {summary.duplicate}  [bold]unchanged[/] {summary.unchanged}  "
        f"[bold]rejected[/] {summary.total_rejected}"
    )
    if summary.seconds:
        console.print("time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.seconds.items()))
    if not summary.total_rejected:
        return
    table = Table(title="rejected inputs", show_lines=False)
    for column in ("source", "reason", "detail"):
        table.add_column(column, overflow="fold")
    for item in summary.examples[:MAX_REJECTS_SHOWN]:
        table.add_row(item.source, item.reason, item.detail)
    console.print(table)
    hidden = summary.total_rejected - min(len(summary.examples), MAX_REJECTS_SHOWN)
    if hidden > 0:
        console.print(f"… and {hidden} more: `kabar rejects` lists them all")
    print_failures(summary, console)


def print_failures(summary: IngestSummary, console: Console) -> None:
    """One line per document kabar itself failed on (an exception, a timeout): a bug to report."""
    if not summary.errors:
        return
    console.print(f"[bold red]kabar failed on {len(summary.errors)} document(s)[/] (the rest was stored; "
                  "please report these with the input):")
    for item in summary.errors:
        console.print(f"  {escape(item.reason)}  {escape(item.source)}  {escape(item.detail)}", soft_wrap=True)


def print_status(store: Store, console: Console, limit: int = 30) -> None:
    counts = store.counts()
    table = Table(title=f"{counts['documents']} documents in {store.path}")
    table.add_column("name", no_wrap=True)
    for column in ("outlet", "published", "lang", "chars", "boilerplate"):
        table.add_column(column, overflow="fold")
    rows = store.conn.execute(
        "SELECT d.name, d.outlet, d.published, d.language, LENGTH(d.text) AS chars, "
        "(SELECT COUNT(*) FROM spans s WHERE s.doc_id = d.id AND s.kind = 'boilerplate') AS bp "
        "FROM documents d ORDER BY d.seq LIMIT ?", (limit,))
    for row in rows:
        table.add_row(row["name"], row["outlet"] or "–", row["published"] or "–", row["language"] or "?",
                      str(row["chars"]), str(row["bp"]))
    console.print(table)
    if counts["documents"] > limit:
        console.print(f"… {counts['documents'] - limit} more documents")
    spans = ", ".join(f"{k} {v}" for k, v in counts["spans"].items()) or "none"
    console.print(f"extracted items: {spans}; rejects: {counts['rejects']}")
    console.print("languages: " + ", ".join(f"{k} {v}" for k, v in counts["languages"].items()))


def print_figures(figures: Mapping[str, float | int], console: Console) -> None:
    table = Table(title="against the gold")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in figures.items():
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)


def print_entities(store: Store, console: Console, limit: int, merges: bool) -> None:
    rows = store.conn.execute("SELECT * FROM entities ORDER BY mentions DESC, canonical LIMIT ?", (limit,)).fetchall()
    table = Table(title=f"entities in {store.path}")
    for column in ("id", "canonical", "type", "in", "mentions", "aliases"):
        table.add_column(column, overflow="fold")
    for row in rows:
        aliases = store.conn.execute("SELECT surface, count FROM entity_aliases WHERE entity_id = ? "
                                     "ORDER BY count DESC, surface", (row["id"],)).fetchall()
        table.add_row(row["id"], row["canonical"], row["type"], row["within"] or "", str(row["mentions"]),
                      ", ".join(f"{a['surface']} ({a['count']})" for a in aliases))
    console.print(table)
    if not merges:
        return
    joins = Table(title="why names were joined")
    for column in ("entity", "a", "b", "reason", "score"):
        joins.add_column(column, overflow="fold")
    for row in store.conn.execute("SELECT m.*, e.canonical FROM entity_merges m JOIN entities e ON e.id = m.entity_id "
                                  "ORDER BY e.canonical, m.reason"):
        joins.add_row(row["canonical"], row["a"], row["b"], row["reason"], f"{row['score']:.2f}")
    console.print(joins)
