"""kabar: turn many news articles into a claim ledger.

The public API is what `__all__` lists (pinned by a test); everything else may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

from kabar.corpus import Corpus
from kabar.errors import EvalError, FetchError, InputError, KabarError, LanguageDataError, StoreError
from kabar.ingest import IngestSummary, ingest
from kabar.pipeline import analyze
from kabar.read.raw import FetchResult, ReadOptions
from kabar.records import (
    Boilerplate,
    Document,
    Entity,
    EntityMention,
    Extraction,
    Note,
    Quantity,
    Quote,
    Reject,
    Span,
    TimeExpr,
)
from kabar.store import Store

__all__ = [
    "Boilerplate",
    "Corpus",
    "Document",
    "Entity",
    "EntityMention",
    "EvalError",
    "Extraction",
    "FetchError",
    "FetchResult",
    "IngestSummary",
    "InputError",
    "KabarError",
    "LanguageDataError",
    "Note",
    "Quantity",
    "Quote",
    "ReadOptions",
    "Reject",
    "Span",
    "Store",
    "StoreError",
    "TimeExpr",
    "__version__",
    "analyze",
    "ingest",
    "open",
]


def open(db: str = "kabar.db") -> Corpus:
    """Open (or create) a corpus: `with kabar.open("kabar.db") as corpus: corpus.ledger(place="Kursk")`."""
    return Corpus(db)
