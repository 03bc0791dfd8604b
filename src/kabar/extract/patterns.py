"""Regular-expression pieces built from language data (word lists in `lang/<code>/*.toml`)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """The words as one regex alternation, escaped, each once, longest first (where a phrase and a shorter
    one both fit, the phrase wins): "menelan korban jiwa|korban jiwa|korban"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
