"""Language of a document, decided on its body with py3langid; short or ambiguous text stays undecided."""

from __future__ import annotations

from functools import cache
from typing import Any

# Fewer words than this is a headline or a caption: py3langid calls such Indonesian lines Malay,
# Quechua or English (measured on the June 2025 multi-outlet set), so we do not decide.
MIN_WORDS = 12
# Below this normalised probability the body is ambiguous (mixed languages, lists, code).
MIN_PROBABILITY = 0.5
# Characters of the body the identifier reads: its cost grows with the text, its answer did not change
# for any of the 3,447 June 2025 articles between 1,000 characters and the whole body.
SAMPLE_CHARS = 1000


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(body: str) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, probability), or (None, probability) when the body is too short or ambiguous."""
    if len(body.split()) < MIN_WORDS:
        return None, None
    code, prob = _identifier().classify(body[:SAMPLE_CHARS])
    prob = float(prob)
    return (str(code), prob) if prob >= MIN_PROBABILITY else (None, prob)
