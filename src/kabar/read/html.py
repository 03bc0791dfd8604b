"""Main text and metadata of an HTML page (trafilatura, comments excluded), with a plain-text fallback
for pages trafilatura gives up on (broken markup that still holds readable text).

A page that cannot be read whole keeps what can be read and says so in `PageText.notes`. The one case
measured to lose text silently is nesting: libxml2 (under lxml and so trafilatura) stops at 256 levels
and drops everything after that point, so a page nested deeper is first flattened (elements below
level `FLAT_DEPTH` lose their tags, never their text) by a streaming tokenizer that does not recurse.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from html.parser import HTMLParser

from kabar.errors import InputError
from kabar.read.decode import normalise_newlines

# htmldate's output with the time and offset when the page gives them.
DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": False}
PARSER_DEPTH = 256  # libxml2's limit without XML_PARSE_HUGE
FLAT_DEPTH = 200
# Block elements whose tags, when flattened away, leave a line break so their texts stay apart.
BLOCKS = frozenset({"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figcaption",
                    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
                    "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr", "basefont", "bgsound", "frame", "keygen"})


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None
    author: str | None
    published: str | None
    sitename: str | None
    how: str  # "trafilatura" or "fallback"
    notes: tuple[str, ...] = ()  # what could not be read as usual, in words (for the extraction notes)


def extract_page(html: str, url: str | None = None) -> PageText:
    """Main text of a page; raises InputError('no-text') when nothing readable is in it."""
    import trafilatura

    notes: list[str] = []
    if too_deep(html):
        try:
            html = flatten(html, FLAT_DEPTH)
        except Exception as exc:  # the tokenizer is lenient; should it fail, the parser reads what it can
            notes.append(f"html nested over {PARSER_DEPTH} levels deep and not flattened ({type(exc).__name__}): "
                         "text after the parser's limit may be missing")
        else:
            notes.append(f"html nested over {PARSER_DEPTH} levels deep (the parser's limit): elements below "
                         f"level {FLAT_DEPTH} were flattened into their parent so that all of the text is read")
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, with_metadata=True, date_extraction_params=DATE_PARAMS
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile markup; the fallback decides
        notes.append(f"trafilatura failed ({type(exc).__name__})")
        doc = None
    found = {k: getattr(doc, k, None) or None for k in ("text", "title", "author", "date", "sitename")}
    if found["text"] and str(found["text"]).strip():
        text = normalise_newlines(str(found["text"])).strip()
        return PageText(text, found["title"], found["author"], found["date"], found["sitename"], "trafilatura",
                        tuple(notes))
    text = _fallback_text(html)
    if not text:
        raise InputError("no-text", "no readable text in the HTML page" + (f" ({'; '.join(notes)})" if notes else ""))
    notes.append("no main text found: the text is the plain text of the whole page (boilerplate not removed)")
    return PageText(text, found["title"], found["author"], found["date"], found["sitename"], "fallback",
                    tuple(notes))


def too_deep(html: str) -> bool:
    """Whether libxml2 stops reading `html` at its depth limit (it says so in the parser's error log)."""
    import lxml.html

    if html.count("<") < PARSER_DEPTH:
        return False
    parser = lxml.html.HTMLParser()
    with contextlib.suppress(Exception):  # an unparsable page is the fallback's to judge
        lxml.html.document_fromstring(html, parser=parser)
    return any("Excessive depth" in entry.message for entry in parser.error_log)


def flatten(html: str, limit: int) -> str:
    """`html` with the tags of elements deeper than `limit` removed (their text, entities and inner tags
    above the limit kept), read by a tokenizer that keeps a stack, not a recursion."""
    flattener = _Flattener(limit)
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.out)


class _Flattener(HTMLParser):
    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=False)
        self.limit = limit
        self.out: list[str] = []
        self.stack: list[str] = []
        self.open: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.out.append(self.get_starttag_text() or "")
            return
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if len(self.stack) <= self.limit:
            self.out.append(self.get_starttag_text() or "")
        elif tag in BLOCKS:
            self.out.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) < self.limit:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if not self.open.get(tag):
            return  # an end tag with no open element: dropped, as parsers do
        while self.stack:
            depth = len(self.stack)
            top = self.stack.pop()
            self.open[top] -= 1
            if depth <= self.limit:
                self.out.append(f"</{top}>")
            elif top in BLOCKS:
                self.out.append("\n")
            if top == tag:
                return

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


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
