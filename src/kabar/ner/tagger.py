"""The shipped NER model: tag token lists, CoNLL files, and document sentences with offsets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kabar.errors import KabarError
from kabar.ner.conll import read_conll, spans, write_conll
from kabar.ner.features import TOKEN_RE, token_features
from kabar.ner.train import MODEL_FILE

_files = ExitStack()


@cache
def tagger() -> Any:
    """The loaded CRF (one per process)."""
    import pycrfsuite

    resource = resources.files("kabar.ner") / "model" / MODEL_FILE
    if not resource.is_file():
        raise KabarError("the NER model is not built: run `kabar train ner`")
    path = _files.enter_context(resources.as_file(resource))
    crf = pycrfsuite.Tagger()
    crf.open(str(path))
    return crf


def tag_words(words: list[str]) -> list[str]:
    return list(tagger().tag(token_features(words))) if words else []


def tag_conll(source: Path, target: Path) -> int:
    """Write `token<TAB>tag` for every token of `source`; returns the number of sentences."""
    if not source.exists():
        raise KabarError(f"no CoNLL file at {source}")
    sentences = []
    for sentence in read_conll(source, tagged=False):
        words = [w for w, _ in sentence]
        sentences.append(list(zip(words, tag_words(words), strict=True)))
    write_conll(target, sentences)
    return len(sentences)


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every token of text[start:end]."""
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]


def entity_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, type) of every entity the model finds in text[start:end] (one sentence)."""
    toks = tokens(text, start, end)
    words = [text[a:b] for a, b in toks]
    for first, last, kind in sorted(spans(tag_words(words))):
        yield toks[first][0], toks[last - 1][1], kind
