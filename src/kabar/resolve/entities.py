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
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from kabar.extract.names import speech_data
from kabar.ner.gazetteer import capitals, cities, countries, curated
from kabar.records import Acronym, EntityMention
from kabar.resolve.names import initials, is_acronym, normal, similar
from kabar.store import Store
from kabar.store.rows import load_data

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


# node -> (surface, type, descriptor) -> mentions: everything resolution needs, aggregated over documents.
NodeStats = dict[str, Counter[tuple[str, str, str]]]


@dataclass
class Resolution:
    entity_of: dict[tuple[str, int], str] = field(default_factory=dict)  # (doc, ord) -> entity id
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    merges: list[tuple[str, str, str, str, float]] = field(default_factory=list)  # entity, a, b, reason, score
    entity_of_node: dict[str, str] = field(default_factory=dict)


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


def warm() -> None:
    """Load the gazetteers resolution reads (ingest does this in a thread while the workers run)."""
    cities()
    countries()
    curated()
    capitals()
    _city_countries()
    _metonyms()


def document_nodes(doc_id: str, mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    """(node, type) of every mention of ONE document, in order: the per-document half of resolution, run in
    the worker. A multi-word person is `per:<name>`; a one-word person is the full name it shortens in the
    same document (`per1:<word>@<name>`), or, with none there, `short:<word>` (resolved against the
    corpus), or `per1:<doc>:<word>` when two different people of the document carry that name; others are
    `org:<name>` or `place:<name>`. A one-word place or organisation that is the surname of a person of the
    document is that person ("Zelensky" tagged ORG beside "Volodymyr Zelensky")."""
    retyped = _retype_surnames(mentions)
    full = Counter(f"per:{normal(m.surface)}" for m in retyped
                   if m.type == "PER" and len(normal(m.surface).split()) > 1)
    out = []
    for m in retyped:
        key = normal(m.surface)
        if m.type != "PER":
            out.append((f"{'org' if m.type == 'ORG' else 'place'}:{key}", m.type))
        elif len(key.split()) > 1:
            out.append((f"per:{key}", m.type))
        else:
            out.append((_short_form_node(doc_id, key, full), m.type))
    return out


def _short_form_node(doc_id: str, word: str, full: Counter[str]) -> str:
    found = [node for node, _ in _candidates(word, set(full))]
    if not found:
        return f"short:{word}"
    if all(_variants(a, b) for a, b in itertools.combinations(found, 2)):
        best = sorted(found, key=lambda n: (-full[n], n))[0]  # spellings of one person: the usual one
        return f"per1:{word}@{_surface(best)}"
    return f"per1:{doc_id}:{word}"  # two people of that name in the document: leave it


def _variants(a: str, b: str) -> bool:
    """Two full names that are spellings of one name: same first name, the other words alike."""
    ta, tb = _surface(a).split(), _surface(b).split()
    return len(ta) == len(tb) and ta[0] == tb[0] and min(similar(x, y) for x, y in zip(ta[1:], tb[1:],
                                                                                        strict=True)) > 0


def aggregate(mentions: Sequence[Mention]) -> tuple[NodeStats, dict[tuple[str, int], str]]:
    """Node statistics of mentions of many documents, and each mention's node."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.doc_id, m.ord)):
        by_doc[m.doc_id].append(m)
    stats: NodeStats = defaultdict(Counter)
    node_of: dict[tuple[str, int], str] = {}
    for doc_id, items in by_doc.items():
        for m, (node, kind) in zip(items, document_nodes(doc_id, items), strict=True):
            stats[node][(m.surface, kind, m.descriptor)] += 1
            node_of[(m.doc_id, m.ord)] = node
    return stats, node_of


def anchor_of(surface: str, kind: str) -> tuple[str, str] | None:
    """The gazetteer entry a mention names, if any: (anchor node, reason)."""
    low = surface.lower().rstrip(".")
    if low in curated():
        return f"cur:{curated()[low].canonical}", "curated alias"
    if kind != "PER" and low in countries():
        return f"country:{countries()[low].country}", "country name"
    if kind != "PER" and low in cities():
        return f"city:{cities()[low].name}", "city name"
    return None


def resolve(mentions: list[Mention], corrections: list[tuple[str, str, str | None]],
            acronym_pairs: Sequence[tuple[str, str]] = ()) -> Resolution:
    """Resolve mentions of many documents (tests and small corpora; the store resolves its node table)."""
    stats, node_of = aggregate(mentions)
    result = resolve_nodes(stats, corrections, acronym_pairs)
    result.entity_of = {key: result.entity_of_node[node] for key, node in node_of.items()}
    return result


def resolve_nodes(stats: NodeStats, corrections: Sequence[tuple[str, str, str | None]],
                  acronym_pairs: Sequence[tuple[str, str]] = ()) -> Resolution:
    """Entities of the corpus from its node statistics: the cost grows with the distinct names, not with the
    documents."""
    uf = UnionFind()
    log: list[tuple[str, str, str, float]] = []
    split = {normal(a) for action, a, _ in corrections if action == "split"}

    def join(a: str, b: str, reason: str, score: float) -> None:
        if _surface(a) in split or _surface(b) in split:
            return
        if uf.union(a, b):
            log.append((a, b, reason, score))

    nodes = sorted(stats)
    for node in nodes:
        uf.find(node)
    for node in nodes:
        for surface, kind in sorted({(s, k) for s, k, _ in stats[node]}):
            anchor = anchor_of(surface, kind)
            if anchor:
                join(node, anchor[0], anchor[1], 1.0)
    _join_people(stats, join)
    _join_short_forms(stats, join, uf.find)
    _join_acronyms(stats, acronym_pairs, join)
    for action, a, b in corrections:
        if action == "merge" and b:
            uf.union(_node_for_surface(a, nodes), _node_for_surface(b, nodes))
            log.append((_node_for_surface(a, nodes), _node_for_surface(b, nodes), "user merge", 1.0))
    return _entities(stats, uf, log)


def _retype_surnames(mentions: Sequence[Mention]) -> list[Mention]:
    surnames: set[str] = set()
    for m in mentions:
        parts = normal(m.surface).split()
        if m.type == "PER" and len(parts) > 1:
            surnames.add(parts[-1])
    out = []
    for m in mentions:
        key = normal(m.surface)
        if m.type != "PER" and " " not in key and key in surnames and anchor_of(m.surface, m.type) is None:
            m = Mention(m.doc_id, m.ord, m.surface, "PER", m.descriptor)
        out.append(m)
    return out


def _surface(node: str) -> str:
    """The name a node stands for: "per1:wood@robert wood" -> "wood", "per:robert wood" -> "robert wood"."""
    return node.rsplit(":", 1)[-1].split("@", 1)[0]


def _node_for_surface(surface: str, nodes: list[str]) -> str:
    key = normal(surface)
    for node in nodes:
        if _surface(node) == key and not node.startswith(("per1:", "short:")):
            return node
    return next((n for n in nodes if _surface(n) == key), f"user:{key}")


def _join_people(stats: NodeStats, join: Any) -> None:
    """Full names with the same first name: spelling variants of the other words, or the same title and
    role. Compared within blocks (first name and the last word's start, end or sound; first name and
    descriptor), not every pair of a first name."""
    import jellyfish

    full: dict[str, set[str]] = {}
    blocks: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for node in stats:
        if not node.startswith("per:"):
            continue
        roles = {d for _, _, desc in stats[node] if len((d := normal(desc)).split()) > 1}
        full[node] = roles
        parts = _surface(node).split()
        first, last = parts[0], parts[-1]
        for key in (("p", last[:2]), ("s", last[-3:]), ("m", jellyfish.metaphone(last))):
            blocks[(first, str(len(parts)), *key)].add(node)
        for role in roles:
            blocks[(first, str(len(parts)), "d", role)].add(node)
    pairs = {(a, b) for block in blocks.values() for a, b in itertools.combinations(sorted(block), 2)}
    for a, b in sorted(pairs):
        ta, tb = _surface(a).split(), _surface(b).split()
        score = min(similar(x, y) for x, y in zip(ta[1:], tb[1:], strict=True))
        if score > 0:
            join(a, b, "spelling variant", round(score, 3))
        elif full[a] & full[b]:
            join(a, b, "same first name, title and role", 0.8)


def _join_short_forms(stats: NodeStats, join: Any, find: Any) -> None:
    """One-word person names to the full name they shorten: the one of the same document (decided per
    document), else the corpus's only or dominant full name with that surname (spelling variants of one
    full name already joined count as one candidate)."""
    corpus: Counter[str] = Counter({node: sum(c.values()) for node, c in stats.items() if node.startswith("per:")})
    blocks = _name_blocks(set(corpus))
    for node in sorted(stats):
        word = _surface(node)
        if node.startswith("per1:") and "@" in node:
            target = "per:" + node.split("@", 1)[1]
            score = max((s for _, s in _candidates(word, {target})), default=1.0)
            join(node, target, "short form in the same document", score)
        elif node.startswith("short:"):
            found = _by_cluster(_candidates(word, _block(word, blocks)), find, corpus)
            if found and (len(found) == 1 or found[0][2] >= DOMINANT * found[1][2]):
                join(node, found[0][0], "short form, the corpus's only (or dominant) full name", found[0][1])


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


def _join_acronyms(stats: NodeStats, defined: Sequence[tuple[str, str]], join: Any) -> None:
    names: dict[str, set[str]] = defaultdict(set)  # initials -> nodes of multi-word names
    acronyms: set[tuple[str, str]] = set()
    for node, counts in stats.items():
        for surface, kind, _ in counts:
            if kind == "PER":
                continue
            letters = initials(surface)
            if letters:
                names[letters].add(node)
            if is_acronym(surface):
                acronyms.add((node, surface.replace(".", "")))
    for node, letters in sorted(acronyms):
        found = sorted(names.get(letters, set()))
        if len(found) == 1:
            join(node, found[0], "acronym of a name in the corpus", 1.0)
    for long, short in defined:
        join(f"org:{normal(long)}", f"org:{normal(short)}", "acronym defined in the text", 1.0)


def _entities(stats: NodeStats, uf: UnionFind, log: list[tuple[str, str, str, float]]) -> Resolution:
    clusters: dict[str, list[str]] = defaultdict(list)
    for node in stats:
        clusters[uf.find(node)].append(node)
    anchors: dict[str, str] = {}
    for node in sorted(uf.parent):
        if node.startswith(("cur:", "country:", "city:")):
            anchors.setdefault(uf.find(node), node)
    result = Resolution()
    for root, members in sorted(clusters.items()):
        surfaces: Counter[str] = Counter()
        types: Counter[str] = Counter()
        descriptors: Counter[str] = Counter()
        for node in members:
            for (surface, kind, descriptor), n in stats[node].items():
                surfaces[surface] += n
                types[kind] += n
                if descriptor:
                    descriptors[descriptor] += n
        canonical, kind = _canonical(types, surfaces, anchors.get(root))
        entity_id = "E" + hashlib.sha1(f"{kind}:{canonical}".encode()).hexdigest()[:10]
        result.entities[entity_id] = {"canonical": canonical, "type": kind, "aliases": dict(surfaces),
                                      "descriptors": [d for d, _ in descriptors.most_common(5)],
                                      "mentions": sum(surfaces.values()), "root": root,
                                      "within": _within(anchors.get(root))}
        for node in members:
            result.entity_of_node[node] = entity_id
    root_entity = {e["root"]: eid for eid, e in result.entities.items()}
    for a, b, reason, score in log:
        entity = root_entity.get(uf.find(a))
        if entity:
            result.merges.append((entity, _surface(a), _surface(b), reason, score))
    return result


def _canonical(types: Counter[str], surfaces: Counter[str], anchor: str | None) -> tuple[str, str]:
    kind = types.most_common(1)[0][0]
    if anchor and anchor.startswith("cur:"):
        entry = curated()[anchor[4:].lower()]
        return entry.canonical, entry.type
    if anchor and anchor.startswith("country:"):
        iso = anchor.split(":", 1)[1]
        lowered = {s.lower() for s in surfaces}
        name = next((p.name for k, p in _country_names(iso) if k == p.name.lower() and k in lowered), None)
        return name or surfaces.most_common(1)[0][0], "GPE"
    best = sorted(surfaces, key=lambda s: (-len(s.split()), -surfaces[s], s))[0]
    return best, kind


@cache
def _country_names(iso: str) -> tuple[tuple[str, Any], ...]:
    return tuple((k, p) for k, p in countries().items() if p.country == iso)


def _within(anchor: str | None) -> str | None:
    """The country a city lies in, by its Indonesian name when babel has one (Kursk -> Rusia)."""
    if not anchor or not anchor.startswith("city:"):
        return None
    iso = _city_countries().get(anchor.split(":", 1)[1])
    return country_name(iso) if iso else None


@cache
def _city_countries() -> dict[str, str]:
    """City name -> ISO country code (the first city of that name in the gazetteer)."""
    out: dict[str, str] = {}
    for place in cities().values():
        if place.country:
            out.setdefault(place.name, place.country)
    return out


@cache
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
    titles = _title_words(language)
    kept: list[str] = []
    for word in reversed(words):
        clean = word.strip(",.;:()“”\"")
        if not clean or clean != word or not (clean[0].isupper() or clean in titles):
            break
        kept.insert(0, clean)
    return " ".join(kept) if any(w in titles for w in kept) else ""


@cache
def _title_words(language: str | None) -> frozenset[str]:
    return frozenset(w for t in speech_data(language).titles for w in t.split())


ACRONYM_RE = re.compile(r"((?:[A-Z][\w-]+\s+){1,7}[A-Z][\w-]+)\s+\(([A-Z]{2,8})\)")


def defined_acronyms(text: str) -> list[tuple[str, str]]:
    """"Badan Intelijen Nasional (NIS)" -> ("Badan Intelijen Nasional", "NIS")."""
    return [(m.group(1), m.group(2)) for m in ACRONYM_RE.finditer(text)]


def find_acronyms(text: str) -> tuple[Acronym, ...]:
    return tuple(Acronym(m.start(), m.end(), m.group(0), m.group(1), m.group(2)) for m in ACRONYM_RE.finditer(text))


def with_nodes(doc_id: str, text: str, language: str | None,
               mentions: Sequence[EntityMention]) -> tuple[EntityMention, ...]:
    """The document's mentions with their resolution node and, for people, their descriptor (in the worker)."""
    described = [Mention(doc_id, i, m.text, m.type, descriptor_before(text, m.start, language)
                         if m.type == "PER" else "") for i, m in enumerate(mentions)]
    nodes = document_nodes(doc_id, described)
    return tuple(replace(m, type=kind, node=node, descriptor=d.descriptor)  # type: ignore[arg-type]
                 for m, d, (node, kind) in zip(mentions, described, nodes, strict=True))


def load_mentions(store: Store) -> tuple[list[Mention], list[tuple[str, str]]]:
    texts = {row["id"]: (row["text"], row["language"]) for row in store.conn.execute(
        "SELECT id, text, language FROM documents")}
    mentions = []
    acronyms: list[tuple[str, str]] = []
    for row in store.conn.execute("SELECT doc_id, ord, span_start, text, data FROM spans WHERE kind = 'entities' "
                                  "ORDER BY doc_id, ord"):
        text, language = texts[row["doc_id"]]
        data = load_data(row["data"])
        mentions.append(Mention(row["doc_id"], row["ord"], row["text"], data["type"],
                                descriptor_before(text, row["span_start"], language)
                                if data["type"] == "PER" else ""))
    for text, _ in texts.values():
        acronyms += defined_acronyms(text)
    return mentions, sorted(set(acronyms))
