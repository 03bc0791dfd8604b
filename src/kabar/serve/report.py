"""`kabar report --out report.html`: one self-contained file (styles, script and SVG charts inline) with the
stories, the ledger with its charts and conflicts, and the disagreements; it opens with no server and no
network. Links to documents are left out (they would need the server); evidence sentences are inline."""

from __future__ import annotations

from pathlib import Path

from kabar.serve import views
from kabar.serve.pages import charts_for, render
from kabar.store import Store


def write_report(store: Store, out: Path, limit: int = 200) -> int:
    """Write the report; returns the number of claim groups in it."""
    cache = views.Cache()
    view = views.ledger_view(store, cache, {"limit": str(limit)})
    view["groups"] = [g for g in view["groups"] if g["claims_total"] > 1] or view["groups"]
    view["disagreements"] = [views._words(d) for d in cache.disagreements(store)]
    html = render("ledger.html", inline=True, view=view, charts=charts_for(view["groups"], cache.ledger(store)),
                  q=None)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return int(view["count"])
