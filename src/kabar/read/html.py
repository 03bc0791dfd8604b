"""Main text and metadata of an HTML page (trafilatura, comments excluded), with a plain-text fallback
for pages trafilatura gives up on (broken markup that still holds readable text)."""

from __future__ import annotations

from dataclasses import dataclass

from kabar.errors import InputError
from kabar.read.decode import normalise_newlines

# htmldate's output with the time and offset when the page gives them.
DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": False}


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None
    author: str | None
    published: str | None
    sitename: str | None
    how: str  # "trafilatura" or "fallback"


def extract_page(html: str, url: str | None = None) -> PageText:
    """Main text of a page; raises InputError('no-text') when nothing readable is in it."""
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, with_metadata=True, date_extraction_params=DATE_PARAMS
        )
    except Exception:  # trafilatura raises many kinds on hostile markup; the fallback decides
        doc = None
    found = {k: getattr(doc, k, None) or None for k in ("text", "title", "author", "date", "sitename")}
    if found["text"] and str(found["text"]).strip():
        text = normalise_newlines(str(found["text"])).strip()
        return PageText(text, found["title"], found["author"], found["date"], found["sitename"], "trafilatura")
    text = _fallback_text(html)
    if not text:
        raise InputError("no-text", "no readable text in the HTML page")
    return PageText(text, None, None, None, None, "fallback")


def _fallback_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
