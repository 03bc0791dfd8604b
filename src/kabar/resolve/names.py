"""Comparing names: normal forms, spelling similarity (Jaro-Winkler plus metaphone), initials."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler

# Two surnames are one spelling of the same name above this Jaro-Winkler similarity ...
SAME_SPELLING = 0.92
# ... or above this one when they also sound alike (metaphone): Zelensky / Zielinski (0.83), Rutte / Ruti.
SOUND_ALIKE = 0.80
LOWER_PARTICLES = frozenset({"dan", "untuk", "dari", "the", "of", "and", "for", "bin", "binti", "van", "von", "de"})


@lru_cache(maxsize=500_000)
def normal(surface: str) -> str:
    """Casefolded, accents and punctuation dropped, spaces collapsed: "Zelenskyy," -> "zelenskyy"."""
    text = unicodedata.normalize("NFKD", surface)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s-]", " ", text.casefold())
    return " ".join(text.replace("-", " - ").split()).replace(" - ", "-")


@lru_cache(maxsize=1_000_000)
def similar(a: str, b: str) -> float:
    """0..1: how likely two name tokens are spellings of one name (0 when they are clearly different)."""
    if a == b:
        return 1.0
    jw = float(JaroWinkler.similarity(a, b))
    if jw >= SAME_SPELLING:
        return jw
    if jw >= SOUND_ALIKE and jellyfish.metaphone(a) == jellyfish.metaphone(b):
        return jw
    return 0.0


def initials(surface: str) -> str:
    """Initials of a multi-word name: "Perserikatan Bangsa-Bangsa" -> "PBB", "Amerika Serikat" -> "AS"."""
    parts = [p for p in re.split(r"[\s-]+", surface) if p and p.lower() not in LOWER_PARTICLES]
    return "".join(p[0].upper() for p in parts if p[0].isalpha()) if len(parts) > 1 else ""


def is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()
