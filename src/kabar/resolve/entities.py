"""Corpus-wide entity resolution: every alias of one entity gets the same id.

Mentions become nodes; nodes are joined (union-find) by: the same normal form; a curated alias, a
country or a city of the gazetteers; a spelling variant of a person's name (same first name, surnames
alike); the same title and role with the same first name ("Sekretaris Jenderal NATO Mark Roth" = Mark
Rutte); a short form ("Wood" -> the Robert Wood of the same document, else the only one of the corpus);
an acronym (initials of a name in the corpus, or one defined in parentheses). A user's corrections
(`kabar entities merge/split`) are applied last and survive re-ingest. Every join is recorded with its
reason and score. The result is the same whatever order the documents came in.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kabar.extract.names import speech_data
from kabar.ner.gazetteer import capitals, cities, countries, curated
from kabar.resolve.names import initials, is_acronym, normal, similar
from kabar.store import Store

# A short form joins the corpus's most frequent full name with that surname when it is this many times
# more frequent than the next one (otherwise the short form stays on its own).
DOMINANT = 2.0
# Words of context kept before a person's name as its descriptor ("Sekretaris Jenderal NATO").
DESCRIPTOR_WORDS = 6


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    ord: int
    surface: str
    type: str
    descriptor: str


@dataclass
class Resolution:
    entity_of: dict[tuple[str, int], str] = field(default_factory=dict)  # (doc, ord) -> entity id
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    merges: list[tuple[str, str, str, str, float]] = field(default_factory=list)  # entity, a, b, reason, score


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        low, high = sorted((ra, rb))
        self.parent[high] = low
        return True


def node_of(m: Mention) -> str:
    key = normal(m.surface)
    if m.type == "PER":
        return f"per:{key}" if len(key.split()) > 1 else f"per1:{m.doc_id}:{key}"
    return f"{'org' if m.type == 'ORG' else 'place'}:{key}"


def anchor_of(m: Mention) -> tuple[str, str] | None:
    """The gazetteer entry a mention names, if any: (anchor node, reason)."""
    low = m.surface.lower().rstrip(".")
    if low in curated():
        return f"cur:{curated()[low].canonical}", "curated alias"
    if m.type != "PER" and low in countries():
        return f"country:{countries()[low].country}", "country name"
    if m.type != "PER" and low in cities():
        return f"city:{cities()[low].name}", "city name"
    return None


def resolve(mentions: list[Mention], corrections: list[tuple[str, str, str | None]],
            acronym_pairs: list[tuple[str, str]] = ()) -> Resolution:  # type: ignore[assignment]
    mentions = _retype_surnames(sorted(mentions, key=lambda m: (m.doc_id, m.ord)))
    uf = UnionFind()
    log: list[tuple[str, str, str, float]] = []
    split = {normal(a) for action, a, _ in corrections if action == "split"}

    def join(a: str, b: str, reason: str, score: float) -> None:
        if _surface(a) in split or _surface(b) in split:
            return
        if uf.union(a, b):
            log.append((a, b, reason, score))

    nodes = sorted({node_of(m) for m in mentions})
    for node in nodes:
        uf.find(node)
    for m in mentions:
        anchor = anchor_of(m)
        if anchor:
            join(node_of(m), anchor[0], anchor[1], 1.0)
    _join_people(mentions, join)
    _join_short_forms(mentions, join, uf.find)
    _join_acronyms(mentions, list(acronym_pairs), join)
    for action, a, b in corrections:
        if action == "merge" and b:
            uf.union(_node_for_surface(a, nodes), _node_for_surface(b, nodes))
            log.append((_node_for_surface(a, nodes), _node_for_surface(b, nodes), "user merge", 1.0))
    return _entities(mentions, uf, log)


def _retype_surnames(mentions: list[Mention]) -> list[Mention]:
    """A one-word mention typed as a place or organisation that is the surname of a person named in the
    same document is that person ("Zelensky" tagged ORG beside "Volodymyr Zelensky")."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        parts = normal(m.surface).split()
        if m.type == "PER" and len(parts) > 1:
            surnames[m.doc_id].add(parts[-1])
    out = []
    for m in mentions:
        key = normal(m.surface)
        if m.type != "PER" and " " not in key and key in surnames[m.doc_id] and anchor_of(m) is None:
            m = Mention(m.doc_id, m.ord, m.surface, "PER", m.descriptor)
        out.append(m)
    return out


def _surface(node: str) -> str:
    return node.rsplit(":", 1)[-1]


def _node_for_surface(surface: str, nodes: list[str]) -> str:
    key = normal(surface)
    for node in nodes:
        if _surface(node) == key and not node.startswith("per1:"):
            return node
    return next((n for n in nodes if _surface(n) == key), f"user:{key}")


def _join_people(mentions: list[Mention], join: Any) -> None:
    full: dict[str, set[str]] = defaultdict(set)  # node -> descriptors
    for m in mentions:
        if m.type == "PER" and len(normal(m.surface).split()) > 1:
            full[node_of(m)].add(normal(m.descriptor))
    names = sorted(full)
    by_first: dict[str, list[str]] = defaultdict(list)
    for node in names:
        by_first[_surface(node).split()[0]].append(node)
    for group in by_first.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                ta, tb = _surface(a).split(), _surface(b).split()
                if len(ta) != len(tb):
                    continue
                score = min(similar(x, y) for x, y in zip(ta[1:], tb[1:], strict=True))
                if score > 0:
                    join(a, b, "spelling variant", round(score, 3))
                elif {d for d in full[a] if len(d.split()) > 1} & {d for d in full[b] if len(d.split()) > 1}:
                    join(a, b, "same first name, title and role", 0.8)


def _join_short_forms(mentions: list[Mention], join: Any, find: Any) -> None:
    """One-word person mentions to the full name they shorten: same document first, then the corpus
    (spelling variants of one full name already joined count as one candidate)."""
    full_by_doc: dict[str, set[str]] = defaultdict(set)
    corpus: Counter[str] = Counter()
    for m in mentions:
        node = node_of(m)
        if node.startswith("per:"):
            full_by_doc[m.doc_id].add(node)
            corpus[node] += 1
    blocks = _name_blocks(set(corpus))
    for m in mentions:
        node = node_of(m)
        if not node.startswith("per1:"):
            continue
        word = _surface(node)
        local = _by_cluster(_candidates(word, full_by_doc[m.doc_id]), find, corpus)
        if len(local) == 1:
            join(node, local[0][0], "short form in the same document", local[0][1])
            continue
        if local:
            continue  # two people of that name in the document: leave it
        found = _by_cluster(_candidates(word, _block(word, blocks)), find, corpus)
        if found and (len(found) == 1 or found[0][2] >= DOMINANT * found[1][2]):
            join(node, found[0][0], "short form, the corpus's only (or dominant) full name", found[0][1])
        else:
            join(node, f"per:{word}", "same one-word name", 1.0)


def _by_cluster(candidates: list[tuple[str, float]], find: Any,
                corpus: Counter[str]) -> list[tuple[str, float, int]]:
    """One (node, best score, mentions) per cluster, most mentioned first."""
    best: dict[str, tuple[str, float, int]] = {}
    for node, score in candidates:
        root = find(node)
        node0, score0, count0 = best.get(root, (node, 0.0, 0))
        best[root] = (min(node0, node), max(score0, score), count0 + corpus[node])
    return sorted(best.values(), key=lambda c: (-c[2], c[0]))


def _name_blocks(nodes: set[str]) -> dict[str, set[str]]:
    """Full-name nodes by blocking key (first two letters, and metaphone, of their first and last names):
    a short form is compared with its block only, not with every name of the corpus."""
    import jellyfish

    blocks: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        parts = _surface(node).split()
        for token in {parts[0], parts[-1]}:
            blocks["p:" + token[:2]].add(node)
            blocks["m:" + jellyfish.metaphone(token)].add(node)
    return blocks


def _block(word: str, blocks: dict[str, set[str]]) -> set[str]:
    import jellyfish

    return blocks.get("p:" + word[:2], set()) | blocks.get("m:" + jellyfish.metaphone(word), set())


def _candidates(word: str, nodes: set[str]) -> list[tuple[str, float]]:
    out = []
    for node in sorted(nodes):
        parts = _surface(node).split()
        score = max(similar(word, parts[-1]), 1.0 if word == parts[0] and len(word) > 3 else 0.0)
        if score > 0:
            out.append((node, score))
    exact = [c for c in out if c[1] == 1.0]
    return exact or out


def _join_acronyms(mentions: list[Mention], defined: list[tuple[str, str]], join: Any) -> None:
    names: dict[str, set[str]] = defaultdict(set)  # initials -> nodes of multi-word names
    for m in mentions:
        if m.type != "PER":
            letters = initials(m.surface)
            if letters:
                names[letters].add(node_of(m))
    for m in mentions:
        if m.type != "PER" and is_acronym(m.surface):
            found = sorted(names.get(m.surface.replace(".", ""), set()))
            if len(found) == 1:
                join(node_of(m), found[0], "acronym of a name in the corpus", 1.0)
    for long, short in defined:
        join(f"org:{normal(long)}", f"org:{normal(short)}", "acronym defined in the text", 1.0)


def _entities(mentions: list[Mention], uf: UnionFind, log: list[tuple[str, str, str, float]]) -> Resolution:
    clusters: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        clusters[uf.find(node_of(m))].append(m)
    anchors: dict[str, str] = {}
    for node in uf.parent:
        if node.startswith(("cur:", "country:", "city:")):
            anchors.setdefault(uf.find(node), node)
    result = Resolution()
    for root, members in sorted(clusters.items()):
        canonical, kind = _canonical(members, anchors.get(root))
        entity_id = "E" + hashlib.sha1(f"{kind}:{canonical}".encode()).hexdigest()[:10]
        aliases = Counter(m.surface for m in members)
        descriptors = Counter(m.descriptor for m in members if m.descriptor)
        result.entities[entity_id] = {"canonical": canonical, "type": kind, "aliases": dict(aliases),
                                      "descriptors": [d for d, _ in descriptors.most_common(5)],
                                      "mentions": len(members), "root": root,
                                      "within": _within(anchors.get(root))}
        for m in members:
            result.entity_of[(m.doc_id, m.ord)] = entity_id
    root_entity = {e["root"]: eid for eid, e in result.entities.items()}
    for a, b, reason, score in log:
        entity = root_entity.get(uf.find(a))
        if entity:
            result.merges.append((entity, _surface(a), _surface(b), reason, score))
    return result


def _canonical(members: list[Mention], anchor: str | None) -> tuple[str, str]:
    types = Counter(m.type for m in members)
    kind = types.most_common(1)[0][0]
    if anchor and anchor.startswith("cur:"):
        entry = curated()[anchor[4:].lower()]
        return entry.canonical, entry.type
    if anchor and anchor.startswith("country:"):
        iso = anchor.split(":", 1)[1]
        name = next((p.name for k, p in countries().items() if p.country == iso and k == p.name.lower()
                     and any(m.surface.lower() == k for m in members)), None)
        return name or Counter(m.surface for m in members).most_common(1)[0][0], "GPE"
    surfaces = Counter(m.surface for m in members)
    best = sorted(surfaces, key=lambda s: (-len(s.split()), -surfaces[s], s))[0]
    return best, kind


def _within(anchor: str | None) -> str | None:
    """The country a city lies in, by its Indonesian name when babel has one (Kursk -> Rusia)."""
    if not anchor or not anchor.startswith("city:"):
        return None
    name = anchor.split(":", 1)[1]
    iso = next((p.country for p in cities().values() if p.name == name), None)
    return country_name(iso) if iso else None


def country_name(iso: str) -> str | None:
    from babel import Locale

    for code in ("id", "en"):
        name = Locale.parse(code).territories.get(iso)
        if name:
            return str(name)
    return None


def actor_entity(surface: str) -> str | None:
    """The country a capital stands for when it acts ("Seoul mengatakan" -> Korea Selatan), or a place the
    language data names as a metonym ("Tel Aviv" -> Israel), else None."""
    low = surface.lower()
    if low in _metonyms():
        return _metonyms()[low]
    city = cities().get(low)
    if city is None or city.name not in capitals():
        return None
    iso = capitals()[city.name]
    names = [p.name for p in countries().values() if p.country == iso]
    indonesian = [n for n in names if n.lower() in _indonesian_countries()]
    chosen = indonesian or names
    return chosen[0] if chosen else None


@cache
def _metonyms() -> dict[str, str]:
    from kabar import lang as langdata

    out: dict[str, str] = {}
    for code in langdata.supported():
        for item in langdata.load(code, "entities").get("metonym", []):
            out.setdefault(item["place"].lower(), item["actor"])
    return out


def _indonesian_countries() -> set[str]:
    from babel import Locale

    return {n.lower() for n in Locale.parse("id").territories.values()}


def descriptor_before(text: str, start: int, language: str | None) -> str:
    """Titles and affiliation right before a name: "Sekretaris Jenderal NATO" in "… Sekretaris Jenderal NATO
    Mark Roth"."""
    words = re.findall(r"\S+", text[max(0, start - 80) : start])[-DESCRIPTOR_WORDS:]
    titles = {w for t in speech_data(language).titles for w in t.split()}
    kept: list[str] = []
    for word in reversed(words):
        clean = word.strip(",.;:()“”\"")
        if not clean or clean != word or not (clean[0].isupper() or clean in titles):
            break
        kept.insert(0, clean)
    return " ".join(kept) if any(w in titles for w in kept) else ""


def defined_acronyms(text: str) -> list[tuple[str, str]]:
    """"Badan Intelijen Nasional (NIS)" -> ("Badan Intelijen Nasional", "NIS")."""
    out = []
    for m in re.finditer(r"((?:[A-Z][\w-]+\s+){1,7}[A-Z][\w-]+)\s+\(([A-Z]{2,8})\)", text):
        out.append((m.group(1), m.group(2)))
    return out


def load_mentions(store: Store) -> tuple[list[Mention], list[tuple[str, str]]]:
    texts = {row["id"]: (row["text"], row["language"]) for row in store.conn.execute(
        "SELECT id, text, language FROM documents")}
    mentions = []
    acronyms: list[tuple[str, str]] = []
    for row in store.conn.execute("SELECT doc_id, ord, span_start, text, data FROM spans WHERE kind = 'entities' "
                                  "ORDER BY doc_id, ord"):
        text, language = texts[row["doc_id"]]
        data = json.loads(row["data"])
        mentions.append(Mention(row["doc_id"], row["ord"], row["text"], data["type"],
                                descriptor_before(text, row["span_start"], language)
                                if data["type"] == "PER" else ""))
    for text, _ in texts.values():
        acronyms += defined_acronyms(text)
    return mentions, sorted(set(acronyms))
