"""CoNLL files: one token per line (token first, tag last), a blank line between sentences; LF or CRLF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

# Tags of the shared NER sets mapped to kabar's types; anything else is O.
TYPE_MAP = {"PER": "PER", "PERSON": "PER", "PPL": "PER", "ORG": "ORG", "ORGANIZATION": "ORG",
            "ORGANISATION": "ORG", "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC", "PLC": "LOC", "GPE": "LOC"}

Sentence = list[tuple[str, str]]


def read_conll(path: str | Path, tagged: bool = True) -> Iterator[Sentence]:
    """Sentences of (token, tag); with `tagged=False` every tag is "O" (input to be tagged)."""
    current: Sentence = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            parts = line.split("\t") if "\t" in line else line.split()
            if not parts or not parts[0].strip():
                if current:
                    yield current
                    current = []
                continue
            tag = normalise_tag(parts[-1]) if tagged and len(parts) > 1 else "O"
            current.append((parts[0], tag))
    if current:
        yield current


def normalise_tag(tag: str) -> str:
    """B-PERSON -> B-PER, I-PLC -> I-LOC, B-EVT -> O."""
    if tag in ("O", "") or "-" not in tag:
        return "O"
    prefix, _, label = tag.partition("-")
    kind = TYPE_MAP.get(label.upper())
    if kind is None or prefix not in ("B", "I"):
        return "O"
    return f"{prefix}-{kind}"


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of every entity in a BIO sequence (an I- without its B- starts a span)."""
    out: set[tuple[int, int, str]] = set()
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and kind == label:
            continue
        if kind is not None and start is not None:
            out.add((start, i, kind))
        start, kind = (i, label) if prefix in ("B", "I") else (None, None)
    return out


def write_conll(path: str | Path, sentences: list[list[tuple[str, str]]]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for sentence in sentences:
            for token, tag in sentence:
                handle.write(f"{token}\t{tag}\n")
            handle.write("\n")
