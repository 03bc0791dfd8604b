"""The ledger in the terminal: one table per claim group, conflicts marked, evidence on request."""

from __future__ import annotations

import math

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kabar.resolve.disagreements import Disagreement
from kabar.resolve.ledger import Claim, ClaimGroup, scope_links

HEDGE_SIGNS = {"about": "≈", "up_to": "≤", "at_least": "≥", "more_than": ">", "less_than": "<", "exact": ""}


def number(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "?"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def figure(claim: Claim) -> str:
    """"≈10,000", "≤12,000", "2,000–12,000", "1,000–10,000 (ribuan)", "≈15,000 = 5 × ≈3,000"."""
    if claim.hedge == "range":
        text = f"{number(claim.low)}–{number(claim.high)}"
    elif claim.hedge == "vague":
        text = f"{number(claim.low)}–{number(claim.high)} ({claim.text})"
    else:
        text = HEDGE_SIGNS.get(claim.hedge, "") + number(claim.value)
    if claim.derived and claim.multiplier and claim.value:
        each = claim.value / claim.multiplier
        text += f" = {number(claim.multiplier)} × {HEDGE_SIGNS.get(claim.hedge, '')}{number(each)} (derived)"
    return text


def print_ledger(groups: list[ClaimGroup], console: Console, *, evidence: bool = False, limit: int = 30) -> None:
    if not groups:
        console.print("no claims yet: ingest articles first (kabar ingest PATH)")
        return
    wider = dict(scope_links(groups))
    for group in groups[:limit]:
        conflicted = {r.a for r in group.conflicts} | {r.b for r in group.conflicts}
        title = f"[bold]{escape(group.subject)}[/] in [bold]{escape(group.location or 'no place given')}[/]"
        if group.story:
            title += f"  [dim](story {group.story})[/]"
        if group.key in wider:
            title += f"  (narrower scope of “{escape(wider[group.key])}”)"
        table = Table(title=title, title_justify="left", show_lines=evidence)
        for column in ("date", "claimant", "figure", "unit", "outlet", "document"):
            table.add_column(column, overflow="fold")
        if evidence:
            table.add_column("evidence", overflow="fold", ratio=3)
        for claim in group.claims:
            mark = "[red]⚠ [/]" if claim.id in conflicted else ""
            row = [claim.date or "?", escape(claim.claimant or "— (unattributed)"), mark + escape(figure(claim)),
                   escape(claim.unit or ""), escape(_outlet(claim)),
                   escape(claim.doc_name) + (" [dim](copy)[/]" if claim.copy_of else "")]
            if evidence:
                row.append(escape(claim.evidence))
            table.add_row(*row)
        console.print(table)
        for relation in group.conflicts:
            a = next(c for c in group.claims if c.id == relation.a)
            b = next(c for c in group.claims if c.id == relation.b)
            console.print(f"  [red]conflict[/]: {escape(a.claimant or '?')} {escape(figure(a))} vs "
                          f"{escape(b.claimant or '?')} {escape(figure(b))} — {relation.reason}")
    if len(groups) > limit:
        console.print(f"… {len(groups) - limit} more groups (kabar ledger --limit N, or filters)")


def _outlet(claim: Claim) -> str:
    outlet = claim.outlet or "—"
    return f"{outlet} via {', '.join(claim.via)}" if claim.via else outlet


def print_disagreements(items: list[Disagreement], console: Console, limit: int = 20) -> None:
    if not items:
        return
    table = Table(title="[bold]candidate disagreements in words[/] (one says it happened, another that it did not; "
                  "unverified: read them, most pair statements that do not contradict)",
                  title_justify="left", show_lines=True)
    for column in ("event", "says so", "says not", "documents"):
        table.add_column(column, overflow="fold")
    for item in items[:limit]:
        table.add_row(escape(item.event), f"{escape(item.affirmed.claimant)}: “{escape(item.affirmed.text.strip())}”",
                      f"{escape(item.negated.claimant)}: “{escape(item.negated.text.strip())}”",
                      escape(f"{item.affirmed.doc_name} / {item.negated.doc_name}"))
    console.print(table)
