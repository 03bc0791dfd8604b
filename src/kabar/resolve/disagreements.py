"""Disagreements in words: one claimant says an event happened, another that it did not.

Statements are quotes with a speaker and sentences whose reporting verb has a named subject. A statement's
event is an affixed word near its start (affixes mark Indonesian verbs and nominalised events:
"bertempur", "pertempuran" -> lemma "tempur"); a negated statement's event is the affixed word the
negation governs ("tidak percaya … terlibat dalam pertempuran"). Two statements by different claimants
disagree when exactly one is negated and their events share a lemma.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import cache

from kabar import lang as langdata
from kabar.extract.claims import _verb_subject, claim_data
from kabar.extract.sentences import split_sentences
from kabar.records import Quantity, Span
from kabar.resolve.entities import actor_entity
from kabar.resolve.names import normal
from kabar.store import Store

# Statements shorter than this many content words carry no event to compare.
MIN_CONTENT_WORDS = 3
# An affirmed statement's event is among its first this many content words ("telah bertempur melawan …").
AFFIRMED_REACH = 4
# A negation governs an event this many content words after it ("tidak percaya [pasukan …] terlibat dalam
# pertempuran"); bracketed editorial inserts are skipped.
NEGATION_REACH = 6


@dataclass(frozen=True, slots=True)
class Statement:
    doc_id: str
    doc_name: str
    claimant: str
    text: str
    start: int
    negated: bool
    events: frozenset[str]


@dataclass(frozen=True, slots=True)
class Disagreement:
    event: str
    affirmed: Statement
    negated: Statement


@cache
def _words(language: str | None) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    code = language if language in langdata.supported() else "id"
    raw = langdata.load(code, "claims")
    return (frozenset(raw["negations"]), frozenset(raw["denials"]), frozenset(raw["statement_stop"]),
            frozenset(raw["light_events"]))


def statement(doc_id: str, doc_name: str, claimant: str, text: str, start: int, language: str | None,
              verb: str = "") -> Statement | None:
    negations, denials, stop, light = _words(language)
    plain = re.sub(r"\[[^\]]*\]", " ", text.lower())
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", plain)
    if len([w for w in words if w not in stop and len(w) > 3]) < MIN_CONTENT_WORDS:
        return None
    denied = verb.lower() in denials
    at = next((i for i, w in enumerate(words) if w in negations), None)
    if at is not None and not denied:
        window, negated = words[at + 1 :], True
        reach = NEGATION_REACH
    else:
        window, negated, reach = words, denied, AFFIRMED_REACH
    content = [w for w in window if w not in stop and w not in negations and len(w) > 3][:reach]
    events = frozenset(lemma for w in content if (lemma := _lemma(w, language)) != w and len(lemma) > 3
                       and lemma not in light)
    return Statement(doc_id, doc_name, claimant, text, start, negated, events) if events else None


def _lemma(word: str, language: str | None) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang=language if language in ("id", "en") else "id"))


def load_statements(store: Store) -> list[Statement]:
    canonical = {normal(r[0]): r[1] for r in store.conn.execute(
        "SELECT a.surface, e.canonical FROM entity_aliases a JOIN entities e ON e.id = a.entity_id")}
    out: list[Statement] = []
    for doc in store.conn.execute("SELECT id, name, text, language FROM documents ORDER BY seq"):
        quotes = store.conn.execute("SELECT span_start, span_end, text, data FROM spans WHERE doc_id = ? AND "
                                    "kind = 'quotes'", (doc["id"],)).fetchall()
        for q in quotes:
            speaker = json.loads(q["data"]).get("speaker")
            if speaker:
                found = statement(doc["id"], doc["name"], speaker, q["text"], q["span_start"], doc["language"])
                if found:
                    out.append(found)
        out += _reported(doc, [(q["span_start"], q["span_end"]) for q in quotes], canonical)
    return out


def _reported(doc: object, quoted: list[tuple[int, int]], canonical: dict[str, str]) -> list[Statement]:
    """Sentences "X mengatakan bahwa …" outside quotes: X's statement is what follows the verb."""
    text, language = doc["text"], doc["language"]  # type: ignore[index]
    data = claim_data(language)
    out = []
    for sentence in split_sentences(text, language):
        if any(a <= sentence.start < b for a, b in quoted):
            continue
        low = sentence.text.lower()
        verbs = [m for v in data.verbs for m in re.finditer(rf"(?<![\w-]){re.escape(v)}(?![\w-])", low)]
        if not verbs:
            continue
        verb = min(verbs, key=lambda m: m.start())
        probe = Quantity(sentence.start + verb.end(), sentence.start + verb.end(), "", None, "exact")
        found = _verb_subject(text, sentence.start, sentence.start + verb.end(), probe, (), [], language, data)
        if not found:
            continue
        claimant = actor_entity(found[0]) or canonical.get(normal(found[0]), found[0])
        content = sentence.text[verb.end() :]
        item = statement(doc["id"], doc["name"], claimant, content, sentence.start, language,  # type: ignore[index]
                         verb.group(0))
        if item:
            out.append(item)
    return out


def find_disagreements(statements: list[Statement]) -> list[Disagreement]:
    """Every pair of opposite statements on one event, once per event, pair of claimants and documents
    (a quote and the sentence framing it are one statement)."""
    found: dict[tuple[str, ...], Disagreement] = {}
    negated = [s for s in statements if s.negated]
    affirmed = [s for s in statements if not s.negated]
    for neg, aff in itertools.product(negated, affirmed):
        shared = neg.events & aff.events
        if not shared or normal(neg.claimant) == normal(aff.claimant):
            continue
        item = Disagreement(", ".join(sorted(shared)), aff, neg)
        key = (item.event, normal(aff.claimant), aff.doc_id, normal(neg.claimant), neg.doc_id)
        if key not in found or len(item.affirmed.text) + len(item.negated.text) < sum(
                len(x.text) for x in (found[key].affirmed, found[key].negated)):
            found[key] = item
    return sorted(found.values(), key=lambda d: (d.event, d.negated.doc_name, d.negated.start,
                                                 d.affirmed.doc_name, d.affirmed.start))


def disagreements(store: Store) -> list[Disagreement]:
    return find_disagreements(load_statements(store))


__all__ = ["Disagreement", "Span", "Statement", "disagreements", "find_disagreements", "statement"]
