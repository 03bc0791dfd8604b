"""The per-document pipeline: a pure function from a raw record to a `Document` and its `Extraction`.

Stages are small registered callables with a versioned name (`@stage("boilerplate", "1")`); the runner
applies them in order and the pipeline's version is the list of stage versions, stored with each
document so a later release knows what to re-extract. No global state, no I/O: the same function runs
in-process, in a process pool or on a cluster.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from kabar.clean.boilerplate import mark_boilerplate
from kabar.clean.language import detect_language
from kabar.errors import InputError
from kabar.extract.claims import attribute_claims
from kabar.extract.dates import find_dates
from kabar.extract.entities import find_entities
from kabar.extract.fingerprints import embed, embedder_name, minhash
from kabar.extract.quantities import find_quantities
from kabar.extract.quotes import find_quotes
from kabar.extract.sentences import split_sentences
from kabar.guard import DocumentTimeout, ErrorPolicy, describe, error_policy, time_limit
from kabar.read.decode import normalise_newlines
from kabar.read.html import extract_page
from kabar.read.published import parse_published
from kabar.read.raw import DEFAULT_MAX_BYTES, RawRecord
from kabar.records import Document, Extraction, Note, Reject
from kabar.resolve.disagreements import find_statements
from kabar.resolve.entities import find_acronyms, with_nodes

StageFn = Callable[[Document, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: str
    fn: StageFn


STAGES: list[Stage] = []


def stage(name: str, version: str) -> Callable[[StageFn], StageFn]:
    """Register a stage: it gets the document and the fields found so far and returns new fields."""

    def register(fn: StageFn) -> StageFn:
        STAGES.append(Stage(name, version, fn))
        return fn

    return register


def pipeline_version() -> str:
    return "+".join(f"{s.name}@{s.version}" for s in STAGES)


@stage("boilerplate", "1")
def _boilerplate(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    return {"boilerplate": mark_boilerplate(doc.text, doc.language)}


@stage("sentences", "1")
def _sentences(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    return {"_sentences": split_sentences(doc.text, doc.language)}


def _not_content(found: dict[str, Any]) -> tuple[tuple[int, int], ...]:
    return tuple((b.start, b.end) for b in found["boilerplate"])


@stage("entities", "2")
def _entities(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    known = tuple((name, kind) for name, kind in ((doc.author, "PER"), (doc.outlet, "ORG")) if name)
    mentions = find_entities(doc.text, found["_sentences"], doc.language, _not_content(found), known)
    return {"entities": with_nodes(doc.id, doc.text, doc.language, mentions),
            "acronyms": find_acronyms(doc.text)}


@stage("quotes", "1")
def _quotes(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    quotes, notes = find_quotes(doc.text, found["_sentences"], doc.language, _not_content(found))
    return {"quotes": quotes, "notes": found.get("notes", ()) + notes}


@stage("dates", "1")
def _dates(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    quoted = tuple((q.start, q.end) for q in found["quotes"])
    dates, notes = find_dates(doc.text, doc.published, doc.language, _not_content(found), quoted)
    return {"dates": dates, "notes": found.get("notes", ()) + notes}


@stage("quantities", "1")
def _quantities(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    skip = _not_content(found) + tuple((d.start, d.end) for d in found["dates"])
    return {"quantities": find_quantities(doc.text, doc.language, skip, found["_sentences"])}


@stage("claims", "1")
def _claims(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    claims = attribute_claims(doc.text, found["_sentences"], found["quantities"], found["quotes"],
                              found["entities"], found["dates"], doc.published, doc.language)
    return {"quantities": claims}


@stage("statements", "1")
def _statements(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    return {"statements": find_statements(doc.text, found["_sentences"], found["quotes"], doc.language)}


@stage("fingerprints", "1")
def _fingerprints(doc: Document, found: dict[str, Any]) -> dict[str, Any]:
    body = _content(doc.text, found["boilerplate"])
    return {"embedding": embed(doc.title, body), "minhash": minhash(body), "embedder": embedder_name()}


def _content(text: str, boilerplate: tuple[Any, ...]) -> str:
    """The text with boilerplate lines left out (for fingerprints only; offsets are not used)."""
    pieces, pos = [], 0
    for span in boilerplate:
        pieces.append(text[pos : span.start])
        pos = span.end
    pieces.append(text[pos:])
    return "".join(pieces)


def extract(doc: Document, notes: tuple[Note, ...] = ()) -> Extraction:
    """Run every stage over one document; keys starting with "_" are working data, not output. `notes`
    are what reading the document noted (they come first in the extraction's notes)."""
    found: dict[str, Any] = {"notes": notes}
    for st in STAGES:
        try:
            found.update(st.fn(doc, found))
        except Exception as exc:
            exc.add_note(f"stage {st.name}@{st.version}")  # where a reject's `internal-error` arose
            raise
    fields = {k: v for k, v in found.items() if not k.startswith("_")}
    return Extraction(doc_id=doc.id, pipeline=pipeline_version(), **fields)


def content_id(text: str) -> str:
    """Document id: the first 20 hex digits (80 bits) of the SHA-256 of the stored text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def build_document(raw: RawRecord, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Text, metadata, publication date and language of one raw record; raises InputError."""
    return read_document(raw, max_bytes)[0]


def read_document(raw: RawRecord, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document, tuple[Note, ...]]:
    """The document of one raw record and what could not be read as usual (a page parsed only in part);
    raises InputError."""
    meta = dict(raw.meta)  # valid Unicode already: RawRecord repairs what every reader passes on
    notes: tuple[Note, ...] = ()
    if raw.text is not None:
        text = normalise_newlines(raw.text)
        how = "record" if raw.format != "txt" else "file"
    else:
        page = extract_page(raw.html or "", meta.get("url"))
        text = page.text
        notes = tuple(Note("read", message) for message in page.notes)
        for key, value in (("title", page.title), ("author", page.author), ("outlet", page.sitename)):
            meta[key] = meta.get(key) or value
        if not meta.get("published") and page.published:
            meta["published"] = page.published
            how = "html-metadata"
        else:
            how = "record"
    if not text.strip():
        raise InputError("empty", "no text after reading")
    if len(text.encode("utf-8")) > max_bytes:
        raise InputError("too-large", f"text over the limit of {max_bytes / 1e6:.1f} MB (--max-bytes)")
    published = parse_published(meta.get("published"), raw.date_order)
    language, score = detect_language(text)
    url = meta.get("url")
    outlet = meta.get("outlet") or _hostname(url)
    return Document(
        id=content_id(text), source=raw.source, name=raw.name, text=text, outlet=outlet, url=url,
        title=meta.get("title"), author=meta.get("author"),
        published=published.iso if published else None,
        published_raw=meta.get("published"),
        published_how=(f"{how}: {published.how}" if published else
                       ("unreadable date" if meta.get("published") else "unknown")),
        language=language, language_score=score, format=raw.format,
    ), notes


def _hostname(url: str | None) -> str | None:
    """The host of a url, None for none or a malformed one ("http://[::1")."""
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def process(raw: RawRecord, max_bytes: int = DEFAULT_MAX_BYTES, *, on_error: ErrorPolicy | None = None,
            seconds: float | None = None) -> tuple[Document, Extraction] | Reject:
    """The per-document function: never raises for bad input, returns a Reject with the reason.

    An unexpected exception (a bug met by this input) becomes the reject `internal-error` naming it and
    where it arose, unless `on_error` (default: `guard.error_policy()`) is "raise"; a document that runs
    longer than `seconds` becomes the reject `timeout`."""
    policy = on_error or error_policy()
    try:
        with time_limit(seconds):
            try:
                doc, notes = read_document(raw, max_bytes)
                return doc, extract(doc, notes)
            except InputError as exc:
                return Reject(raw.source, exc.reason, exc.detail)
            except Exception as exc:
                if policy == "raise":
                    raise
                return Reject(raw.source, "internal-error", describe(exc))
    except DocumentTimeout as exc:
        return Reject(raw.source, "timeout", f"{exc} (--time-limit)")


def analyze(text: str, published: str | None = None, lang: str | None = None) -> Extraction:
    """Extract everything from one text (the Python API's entry point for a single article)."""
    doc = build_document(RawRecord("<text>", "<text>", "txt", text=text, meta={"published": published}))
    if lang is not None:
        doc = replace(doc, language=lang)
    return extract(doc)


WARM_TEXT = ("Presiden Indonesia Joko Widodo mengatakan sekitar 10.000 tentara tiba di Jakarta pada hari Senin, "
             "3 Juni 2024. \"Kami siap membantu,\" kata Menteri Pertahanan Prabowo Subianto kepada wartawan.")


def warm() -> None:
    """Load every model and table the stages use (NER, embedding, gazetteers, language data) by running
    the pipeline once: the forkserver does this before it forks workers, which then share the loaded pages
    instead of each loading its own. The largest loads start side by side in threads (their file reading
    and decompression release the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    from kabar.clean.language import detect_language
    from kabar.extract.fingerprints import embed
    from kabar.ner.gazetteer import cities

    loads = (lambda: embed("warm", WARM_TEXT), lambda: detect_language(WARM_TEXT), cities)
    with ThreadPoolExecutor(max_workers=len(loads)) as pool:
        for done in [pool.submit(load) for load in loads]:
            done.result()
    extract(build_document(RawRecord("<warm>", "<warm>", "txt", text=WARM_TEXT,
                                     meta={"published": "2024-06-03"})))
