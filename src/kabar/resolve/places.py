"""Places inside places, as the articles and the gazetteer say: a city stands inside its province and
country, so that a figure "di Kelurahan Rawa Buaya" and one "di Jakarta Barat" can meet at the level both
share.

Three sources, all read from the store:
- the text's own chains: two place names side by side, the first narrower ("Kelurahan Rawa Buaya, Kecamatan
  Cengkareng, Jakarta Barat"; "Bandara Frans Seda di Kabupaten Sikka"). A comma list of peers ("Jakarta,
  Bandung, dan Surabaya") is not a chain: a chain ends without "dan/atau" before a further place, and the
  administrative words of `places.toml` ("Kelurahan" < "Kecamatan" < "Kabupaten") must not run upwards;
- the gazetteer's countries of cities (the `within` of the entity table);
- nothing else: without evidence two places stay apart.
A pair seen both ways (A in B and B in A) is dropped as a list.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache

from kabar import lang as langdata
from kabar.store import Store
from kabar.store.rows import load_data

PLACE_TYPES = ("GPE", "LOC")
# Characters between two place names read for a chain ("X, Kecamatan Y", "X di Y", "X (Y)").
CHAIN_GAP = 6


@cache
def _levels() -> dict[str, int]:
    """Administrative word (any supported language) -> its level, narrowest first."""
    out: dict[str, int] = {}
    for code in langdata.supported():
        for level, words in enumerate(langdata.load(code, "places")["levels"]):
            for word in words:
                out[word.lower()] = level
    return out


@cache
def _joins() -> tuple[re.Pattern[str], frozenset[str]]:
    """The text allowed between a narrower place and the wider one, and the words that make a list."""
    inside: set[str] = set()
    listing: set[str] = set()
    for code in langdata.supported():
        data = langdata.load(code, "places")
        inside.update(data["inside"])
        listing.update(data["list_words"])
    words = "|".join(re.escape(w) for w in sorted(inside, key=len, reverse=True))
    return re.compile(rf"^(?:\s*,\s*(?:(?:{words})\s+)?|\s+(?:{words})\s+)$", re.IGNORECASE), frozenset(listing)


def level(name: str) -> int | None:
    """The administrative level a place name declares by its first word ("Kabupaten Sikka" -> regency)."""
    first = name.split(maxsplit=1)[0].lower() if name.strip() else ""
    return _levels().get(first)


def chains(text: str, places: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(narrower, wider) pairs one text states by putting place names side by side. `places` are (start,
    end, canonical) of the text's place mentions."""
    pattern, listing = _joins()
    ordered = sorted(places)
    out: list[tuple[str, str]] = []
    for i in range(len(ordered) - 1):
        (_, a_end, a), (b_start, b_end, b) = ordered[i], ordered[i + 1]
        gap = text[a_end:b_start]
        if a == b or len(gap) > CHAIN_GAP or not gap.strip() or not pattern.match(gap):
            continue  # glued, apart, or joined by anything but ", " / " di " ("Rai, Bali", "Seda di Sikka")
        if _listed(text, b_end, listing, (a, b), ordered[i + 2] if i + 2 < len(ordered) else None):
            continue
        la, lb = level(a), level(b)
        if la is not None and lb is not None and la >= lb:
            continue  # "Kabupaten X, Kecamatan Y" runs downwards: a list or an address read backwards
        out.append((a, b))
    return out


def _listed(text: str, end: int, listing: frozenset[str], pair: tuple[str, str],
            following: tuple[int, int, str] | None) -> bool:
    """The pair is part of a list: the next place follows "dan/atau/serta", or another comma without the
    administrative level going up ("Kelurahan X, Kecamatan Y, Jakarta Barat" goes on a chain)."""
    if following is None:
        return False
    gap = text[end : following[0]].strip().lower().strip(",").strip()
    if gap in listing:
        return True
    if gap or "," not in text[end : following[0]]:
        return False
    return not (_upwards(pair[0], pair[1]) or _upwards(pair[1], following[2]))


def _upwards(a: str, b: str) -> bool:
    la, lb = level(a), level(b)
    return la is not None and lb is not None and la < lb


class Places:
    """Containment between canonical places: `ancestors("Kelurahan Rawa Buaya")` -> the wider places, nearest
    first; `shared(a, b)` -> the narrowest place both lie in (either may be it)."""

    def __init__(self, pairs: Iterable[tuple[str, str]], within: Mapping[str, str] | None = None,
                 named: Mapping[str, set[str]] | None = None) -> None:
        self.named: Mapping[str, set[str]] = named or {}  # document id -> the places it names
        seen: dict[tuple[str, str], int] = defaultdict(int)
        for a, b in pairs:
            seen[(a, b)] += 1
        parents: dict[str, dict[str, int]] = defaultdict(dict)
        cities = set(within or {})
        for (a, b), n in seen.items():
            if (b, a) not in seen and not (a in cities and b in cities):  # two cities are peers
                parents[a][b] = n
        for city, country in (within or {}).items():
            if city != country and city not in parents.get(country, {}):
                parents[city].setdefault(country, 1)
        # each place's one parent: the one said most often (a kelurahan has one kecamatan)
        self.parent = {a: max(sorted(ps), key=lambda b: ps[b]) for a, ps in parents.items()}

    def ancestors(self, place: str) -> list[str]:
        out: list[str] = []
        current = self.parent.get(place)
        while current is not None and current != place and current not in out:
            out.append(current)
            current = self.parent.get(current)
        return out

    def shared(self, a: str, b: str) -> str | None:
        if a == b:
            return a
        up_a = [a, *self.ancestors(a)]
        up_b = {b, *self.ancestors(b)}
        return next((p for p in up_a if p in up_b), None)


def load_places(store: Store) -> Places:
    """The containment the stored articles and the gazetteer state."""
    within = {r["canonical"]: r["within"] for r in store.conn.execute(
        "SELECT canonical, within FROM entities WHERE within IS NOT NULL")}
    pairs: list[tuple[str, str]] = []
    texts = store.conn.execute("SELECT id, text FROM documents WHERE duplicate_of IS NULL")
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for row in store.conn.execute("SELECT doc_id, span_start, span_end, data FROM spans WHERE kind = 'entities'"):
        data = load_data(row["data"])
        if data.get("type") in PLACE_TYPES and data.get("canonical"):
            by_doc[row["doc_id"]].append((row["span_start"], row["span_end"], data["canonical"]))
    for row in texts:
        if row["id"] in by_doc:
            pairs.extend(chains(row["text"], by_doc[row["id"]]))
    return Places(pairs, within, {doc: {c for _, _, c in found} for doc, found in by_doc.items()})


__all__ = ["Places", "chains", "level", "load_places"]
