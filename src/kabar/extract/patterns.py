"""Regular-expression pieces built from language data (word lists in `lang/<code>/*.toml`), and the glue
points of scraped text."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """The words as one regex alternation, escaped, each once, longest first (where a phrase and a shorter
    one both fit, the phrase wins): "menelan korban jiwa|korban jiwa|korban"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# A scraper that drops the space before a linked word glues it to its neighbour: "PresidenPrabowo",
# "RIPrabowo Subianto", "RTKetinggian" (a lower-case or acronym letter, then a capitalised word).
GLUE_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2,}(?![A-Z]))")  # not "APSyFI"


def unglue(text: str) -> str:
    """Words a scrape glued at a case change read apart ("RTKetinggian" -> "RT Ketinggian", "BuayaJumlah" ->
    "Buaya Jumlah"), for reading only: the result is never stored, so offsets are untouched."""
    return GLUE_RE.sub(" ", text)
