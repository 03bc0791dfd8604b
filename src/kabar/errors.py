"""The exception tree of kabar. Every error kabar raises on purpose is a `KabarError`.

    KabarError
    ├── InputError          an input cannot be read as a document (the reason is recorded as a reject)
    │   └── FetchError      a URL could not be fetched
    ├── LanguageDataError   a per-language data file is missing, malformed or the language is unsupported
    ├── StoreError          the SQLite store cannot be opened, migrated or written
    └── EvalError           a gold file cannot be read or does not match the corpus

The CLI turns each of them into a one-line message and a documented exit code (docs/cli.md).
"""

from __future__ import annotations


class KabarError(Exception):
    """Base class of every error kabar raises on purpose."""


class InputError(KabarError):
    """An input cannot be read as a document; `reason` is a short machine-friendly key."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


class FetchError(InputError):
    """A URL could not be fetched (network error, HTTP status, unsupported content)."""


class LanguageDataError(KabarError):
    """A per-language data file is missing or malformed, or the language is not supported."""


class StoreError(KabarError):
    """The SQLite store cannot be opened, migrated or written."""


class EvalError(KabarError):
    """A gold file cannot be read or does not fit the corpus."""
