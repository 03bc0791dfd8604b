"""Rendering pages: one Jinja2 environment (autoescaping everything), shared by the web app and the report."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from kabar.resolve.ledger import ClaimGroup
from kabar.serve.charts import timeline


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("kabar.serve", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))


@cache
def asset(name: str) -> str:
    return (resources.files("kabar.serve") / "static" / name).read_text(encoding="utf-8")


def render(template: str, *, inline: bool = False, **context: Any) -> str:
    extra = {"css": asset("kabar.css"), "js": asset("kabar.js")} if inline else {}
    return environment().get_template(template).render(inline=inline, root="#" if inline else "/", **extra,
                                                      **context)


def charts_for(groups: list[dict[str, Any]], ledger: list[ClaimGroup]) -> list[str]:
    by_key = {g.key: g for g in ledger}
    out = []
    for g in groups:
        group = by_key.get(g["key"])
        if group is not None and len(g["claims"]) != len(group.claims):  # a story's share of a group
            ids = {c["id"] for c in g["claims"]}
            group = ClaimGroup(group.subject, group.location, group.within, group.story,
                               [c for c in group.claims if c.id in ids])
        out.append(timeline(group) if group is not None else "")
    return out
