"""Token features for the CRF: the word and its affixes, its shape, the proper-noun lexicon, gazetteer
membership and titles, and the same for the neighbours. Lower-cased text gets the same features except
the shape, so one model serves cased news and lower-cased sets."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
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
    """crfsuite feature strings for every token of one sentence."""
    lex = lexicon()
    title_words = titles()
    gaz = gazetteer_tags(words)
    lowered = [w.lower() for w in words]
    cased = any(c.isupper() for w in words for c in w)
    base = []
    for i, word in enumerate(words):
        low = lowered[i]
        feats = [f"w={low}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"p3={low[:3]}", f"lex={lex.get(low, '?')[0]}",
                 f"gaz={gaz[i]}", f"title={low in title_words}", f"len={min(len(word), 8)}",
                 f"hyph={'-' in word}", f"digit={any(c.isdigit() for c in word)}"]
        if cased:
            feats += [f"shape={shape(word)}", f"first={i == 0}"]
        base.append(feats)
    context = [[f for f in feats if f.split("=", 1)[0] in CONTEXT_KEYS] for feats in base]
    out = []
    n = len(words)
    for i in range(n):
        feats = ["bias", *base[i]]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                feats += [f"{offset}:{f}" for f in context[j]]
            else:
                feats.append(f"{offset}:{'BOS' if j < 0 else 'EOS'}")
        if i:
            feats.append(f"-1|0:w={lowered[i - 1]}|{lowered[i]}")
        out.append(feats)
    return out


# Features of a token that its neighbours see.
CONTEXT_KEYS = frozenset({"w", "lex", "gaz", "title", "shape"})
TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)
