"""Token features for the CRF: the word and its affixes, its shape, the proper-noun lexicon, gazetteer
membership and titles, and the same for the neighbours. Lower-cased text gets the same features except
the shape, so one model serves cased news and lower-cased sets."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache, lru_cache
from importlib import resources

from kabar.ner.gazetteer import cities, countries, organisations

# Longest gazetteer name tried, in tokens.
MAX_GAZETTEER_TOKENS = 4
LEXICON_FILE = "lexicon.json.gz"


@cache
def lexicon() -> dict[str, str]:
    """Lower-cased word -> proper-noun bucket (P ≥ 0.8 NNP, p ≥ 0.5, n ≥ 0.2, c below) and frequency class
    (digits of the count - 1: "c3" is a common word seen 1,000-9,999 times), then the most frequent POS tag
    ("V" verb, "N" noun, "P" proper noun, "J" adjective, "X" other), from the model folder."""
    path = resources.files("kabar.ner") / "model" / LEXICON_FILE
    try:
        return dict(json.loads(gzip.decompress(path.read_bytes())))
    except FileNotFoundError:
        return {}


def is_verb(word: str) -> bool:
    """Mostly a verb in the POS corpus; for unseen words, the active or passive prefix of Indonesian verbs."""
    entry = lexicon().get(word.lower())
    if entry is not None:
        return entry.endswith("V")
    low = word.lower()
    return word.islower() and len(low) > 5 and low.startswith(("me", "ber", "di", "ter"))


@cache
def titles() -> frozenset[str]:
    from kabar import lang as langdata

    words: set[str] = set()
    for code in langdata.supported():
        for title in langdata.load(code, "speech")["titles"]:
            words.update(w.lower() for w in title.split())
    return frozenset(words)


@cache
def gazetteer_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for name in cities():
        names[name] = "city"
    for name in countries():
        names[name] = "country"
    for name in organisations():
        names[name] = "org"
    return names


def shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if word.isupper() and len(word) > 1:
        return "upper"
    if word[:1].isupper():
        return "title"
    if word.islower():
        return "lower"
    if not any(c.isalnum() for c in word):
        return "punct"
    return "mixed"


def gazetteer_tags(words: list[str]) -> list[str]:
    """B-/I- gazetteer kind of each token (longest match first), or ''."""
    names = gazetteer_names()
    lowered = [w.lower() for w in words]
    tags = [""] * len(words)
    i = 0
    while i < len(words):
        for n in range(min(MAX_GAZETTEER_TOKENS, len(words) - i), 0, -1):
            kind = names.get(" ".join(lowered[i : i + n]))
            if kind and any(c.isalpha() for c in lowered[i]):
                tags[i] = "B-" + kind
                for j in range(i + 1, i + n):
                    tags[j] = "I-" + kind
                i += n - 1
                break
        i += 1
    return tags


def token_features(words: list[str]) -> list[list[str]]:
    """crfsuite feature strings for every token of one sentence. A word's own features and what its
    neighbours see of it are computed once per distinct word (cached), the gazetteer per sentence."""
    gaz = gazetteer_tags(words)
    cased = any(c.isupper() for w in words for c in w)
    own = [_own_features(word, cased) for word in words]
    out = []
    n = len(words)
    for i in range(n):
        head, tail = own[i]
        feats = ["bias", *head, f"gaz={gaz[i]}", *tail]
        if cased:
            feats.append(f"first={i == 0}")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                seen = _seen_features(words[j], cased, offset)
                feats += [*seen[:2], f"{offset}:gaz={gaz[j]}", *seen[2:]]
            else:
                feats.append(f"{offset}:{'BOS' if j < 0 else 'EOS'}")
        if i:
            feats.append(f"-1|0:w={own[i - 1][0][0][2:]}|{head[0][2:]}")
        out.append(feats)
    return out


@lru_cache(maxsize=200_000)
def _own_features(word: str, cased: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A word's features before and after its gazetteer tag (which depends on its neighbours)."""
    low = word.lower()
    head = (f"w={low}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"p3={low[:3]}", f"lex={lexicon().get(low, '?')[0]}")
    tail = (f"title={low in titles()}", f"len={min(len(word), 8)}", f"hyph={'-' in word}",
            f"digit={any(c.isdigit() for c in word)}")
    return head, tail + ((f"shape={shape(word)}",) if cased else ())


@lru_cache(maxsize=200_000)
def _seen_features(word: str, cased: bool, offset: int) -> tuple[str, ...]:
    """What a neighbour `offset` tokens away sees of `word` (CONTEXT_KEYS), the gazetteer tag left out."""
    head, tail = _own_features(word, cased)
    return tuple(f"{offset}:{f}" for f in (*head, *tail) if f.split("=", 1)[0] in CONTEXT_KEYS)


# Features of a token that its neighbours see.
CONTEXT_KEYS = frozenset({"w", "lex", "gaz", "title", "shape"})
TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)
