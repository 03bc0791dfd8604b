"""Rendering pages: one Jinja2 environment (autoescaping everything), shared by the web app and the report."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from kabar.resolve.ledger import ClaimGroup
from kabar.serve.charts import timeline

WEB_SCHEMES = ("http", "https")


def web_link(url: object) -> str | None:
    """The url when it is an http(s) address with a host, else None. Article metadata is untrusted: a
    `javascript:` or `data:` url must never reach an href (it is shown as text instead)."""
    if not isinstance(url, str) or any(ch < " " or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("kabar.serve", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["web_link"] = web_link
    return env


@cache
def asset(name: str) -> str:
    return (resources.files("kabar.serve") / "static" / name).read_text(encoding="utf-8")


def render(template: str, *, inline: bool = False, **context: Any) -> str:
    extra = {"css": asset("kabar.css"), "js": asset("kabar.js")} if inline else {}
    return environment().get_template(template).render(inline=inline, root="#" if inline else "/", **extra,
                                                      **context)


def charts_for(groups: list[dict[str, Any]], ledger: list[ClaimGroup] | Mapping[str, ClaimGroup]) -> list[str]:
    """The timeline of each group of a page; `ledger` is every group, or every group by key."""
    by_key = ledger if isinstance(ledger, Mapping) else {g.key: g for g in ledger}
    out = []
    for g in groups:
        group = by_key.get(g["key"])
        if group is not None and len(g["claims"]) != len(group.claims):  # a story's share of a group
            ids = {c["id"] for c in g["claims"]}
            group = ClaimGroup(group.subject, group.location, group.within, group.story,
                               [c for c in group.claims if c.id in ids])
        out.append(timeline(group) if group is not None else "")
    return out


def group_block(group: dict[str, Any], chart: str, link_docs: bool = True) -> Markup:
    """One claim group of a ledger page (its heading, chart, claims and relations), as the ledger template
    renders it, for pages that keep the blocks they made."""
    block: Markup = environment().get_template("macros.html").module.group_block(  # type: ignore[attr-defined]
        group, chart, link_docs)
    return block
