"""The proper-noun lexicon: how often each word is tagged NNP in nlp-id's POS-tagged news corpus
(32,779 sentences; `pip install --no-deps nlp-id`). Built at training time, shipped beside the model."""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections import Counter
from pathlib import Path

from kabar.errors import KabarError

# Words seen fewer times than this carry no reliable ratio.
MIN_COUNT = 2


def nlp_id_corpus() -> Path:
    spec = importlib.util.find_spec("nlp_id")  # located, not imported: its own imports need nltk
    if spec is None or not spec.submodule_search_locations:
        raise KabarError("the proper-noun lexicon needs nlp-id: pip install --no-deps nlp-id")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset_postag.txt"
    if not path.exists():
        raise KabarError(f"nlp-id has no POS corpus at {path}")
    return path


def bucket(ratio: float) -> str:
    """Proper-noun share as one letter; the lexicon stores it, then the count's digits - 1, then the most
    frequent POS tag's letter ("c3V": a common verb seen 1,000-9,999 times)."""
    return "P" if ratio >= 0.8 else "p" if ratio >= 0.5 else "n" if ratio >= 0.2 else "c"


def build_lexicon(corpus: Path) -> dict[str, str]:
    total: Counter[str] = Counter()
    proper: Counter[str] = Counter()
    tags: dict[str, Counter[str]] = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        word = parts[0].lower()
        total[word] += 1
        proper[word] += parts[1] == "NNP"
        tags.setdefault(word, Counter())[parts[1]] += 1
    return {w: bucket(proper[w] / n) + str(min(len(str(n)) - 1, 4)) + _tag_letter(tags[w])
            for w, n in sorted(total.items()) if n >= MIN_COUNT}


def _tag_letter(counts: Counter[str]) -> str:
    """The word's most frequent POS tag as one letter: V verb, N noun, P proper noun, J adjective, X other."""
    tag = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return {"VB": "V", "NN": "N", "NNP": "P", "JJ": "J"}.get(tag, "X")


def write_lexicon(lexicon: dict[str, str], path: Path) -> None:
    data = json.dumps(lexicon, ensure_ascii=False, sort_keys=True, allow_nan=False)
    path.write_bytes(gzip.compress(data.encode(), mtime=0))
