"""Server-rendered SVG timelines of a claim group: x = date, y = value, one colour per claimant; ranges,
"up to" and "about" drawn as whiskers; each point carries its evidence for the hover card. No JavaScript
library and nothing from the network: the same SVG serves the web UI and the offline report."""

from __future__ import annotations

import math
from datetime import date
from html import escape

from kabar.resolve.ledger import ClaimGroup

WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_Y = 640, 220, 70, 20, 28
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
           "#bcbd22")


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def timeline(group: ClaimGroup) -> str:
    """One SVG (as markup) for the group's claims; claims without a date or a number are left out."""
    points = []
    for claim in group.claims:
        day = _day(claim.date)
        low, high = claim.interval
        value = claim.value if claim.value is not None else (low if math.isfinite(low) else None)
        if day is None or value is None:
            continue
        top = high if math.isfinite(high) else value * 1.15
        points.append((claim, day, max(low, 0.0), top, value))
    if not points:
        return ""
    days = [p[1] for p in points]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    ceiling = max(p[3] for p in points) * 1.1 or 1.0
    claimants = sorted({p[0].claimant or "—" for p in points})
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(claimants)}

    def x(day: date) -> float:
        return PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) * ((day - first).days / span if span else 0.5)

    def y(value: float) -> float:
        return HEIGHT - PAD_Y - (HEIGHT - 2 * PAD_Y) * (value / ceiling)

    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(group.key)}" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{PAD_LEFT}" y1="{HEIGHT - PAD_Y}" x2="{WIDTH - PAD_RIGHT}" y2="{HEIGHT - PAD_Y}" '
             'class="axis"/>',
             f'<line x1="{PAD_LEFT}" y1="{PAD_Y}" x2="{PAD_LEFT}" y2="{HEIGHT - PAD_Y}" class="axis"/>']
    for tick in (0.0, ceiling / 2, ceiling / 1.1):
        parts.append(f'<text x="{PAD_LEFT - 6}" y="{y(tick) + 4:.1f}" class="tick" text-anchor="end">'
                     f'{tick:,.0f}</text>')
    parts.append(f'<text x="{PAD_LEFT}" y="{HEIGHT - 8}" class="tick">{first.isoformat()}</text>')
    if last != first:
        parts.append(f'<text x="{WIDTH - PAD_RIGHT}" y="{HEIGHT - 8}" class="tick" text-anchor="end">'
                     f'{last.isoformat()}</text>')
    for index, (claim, day, low, top, value) in enumerate(points):
        cx = x(day) + (index % 3 - 1) * 6  # claims of one day side by side
        c = colour[claim.claimant or "—"]
        card = escape(f"{claim.claimant or 'unattributed'}: {claim.text} — {claim.evidence} ({claim.outlet or '?'}, "
                      f"{claim.date})")
        parts.append(f'<g class="point" data-claim="{escape(claim.id)}" data-card="{card}">')
        if top > low:
            parts.append(f'<line x1="{cx:.1f}" y1="{y(low):.1f}" x2="{cx:.1f}" y2="{y(top):.1f}" stroke="{c}" '
                         'stroke-width="3" opacity="0.45"/>')
        parts.append(f'<circle cx="{cx:.1f}" cy="{y(value):.1f}" r="5" fill="{c}"><title>{card}</title></circle></g>')
    for i, claimant in enumerate(claimants):
        parts.append(f'<circle cx="{PAD_LEFT + 10 + 150 * (i % 4)}" cy="{10 + 12 * (i // 4)}" r="4" '
                     f'fill="{colour[claimant]}"/><text x="{PAD_LEFT + 18 + 150 * (i % 4)}" y="{14 + 12 * (i // 4)}" '
                     f'class="legend">{escape(claimant)}</text>')
    parts.append("</svg>")
    return "".join(parts)
