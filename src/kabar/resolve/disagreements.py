"""Disagreements in words: one claimant says an event happened, another that it did not.

Statements are quotes with a speaker and sentences whose reporting verb has a named subject. A statement's
event is an affixed word near its start (affixes mark Indonesian verbs and nominalised events:
"bertempur", "pertempuran" -> lemma "tempur"); a negated statement's event is the affixed word the
negation governs ("tidak percaya … terlibat dalam pertempuran"). Two statements by different claimants
disagree when exactly one is negated and their events share a lemma.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from kabar import lang as langdata
from kabar.extract.claims import _verb_subject, claim_data
from kabar.extract.names import first_of
from kabar.records import Quantity, Quote, Span, Statement
from kabar.resolve.names import normal
from kabar.store import Store
from kabar.store.rows import load_data

# Statements shorter than this many content words carry no event to compare.
MIN_CONTENT_WORDS = 3
# An affirmed statement's event is among its first this many content words ("telah bertempur melawan …").
AFFIRMED_REACH = 4
# A negation governs an event this many content words after it ("tidak percaya [pasukan …] terlibat dalam
# pertempuran"); bracketed editorial inserts are skipped.
NEGATION_REACH = 6


@dataclass(frozen=True, slots=True)
class Said:
    """A stored statement with its document."""

    doc_id: str
    doc_name: str
    story: str | None
    claimant: str
    text: str
    start: int
    negated: bool
    events: frozenset[str]


@dataclass(frozen=True, slots=True)
class Disagreement:
    event: str
    affirmed: Said
    negated: Said


@cache
def _words(language: str | None) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    code = language if language in langdata.supported() else "id"
    raw = langdata.load(code, "claims")
    return (frozenset(raw["negations"]), frozenset(raw["denials"]), frozenset(raw["statement_stop"]),
            frozenset(raw["light_events"]))


def statement(claimant: str, text: str, start: int, language: str | None, verb: str = "") -> Statement | None:
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
    if not events:
        return None
    return Statement(start, start + len(text), text, claimant, claimant, negated, tuple(sorted(events)))


def _lemma(word: str, language: str | None) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang=language if language in ("id", "en") else "id"))


def find_statements(text: str, sentences: tuple[Span, ...], quotes: tuple[Quote, ...],
                    language: str | None) -> tuple[Statement, ...]:
    """Statements of one document (a per-document stage): its quotes with a speaker, and sentences outside
    quotes whose reporting verb has a named subject ("X mengatakan bahwa …": what follows the verb)."""
    out = []
    for quote in quotes:
        speaker = quote.speaker_surface or quote.speaker
        if speaker:
            found = statement(speaker, quote.text, quote.start, language)
            if found:
                out.append(found)
    data = claim_data(language)
    quoted = [(q.start, q.end) for q in quotes]
    for sentence in sentences:
        if any(a <= sentence.start < b for a, b in quoted):
            continue
        low = sentence.text.lower()
        verb = first_of(data.verbs, low)
        if verb is None:
            continue
        probe = Quantity(sentence.start + verb.end(), sentence.start + verb.end(), "", None, "exact")
        subject = _verb_subject(text, sentence.start, sentence.start + verb.end(), probe, (), [], language, data)
        if subject:
            found = statement(subject[0], sentence.text[verb.end() :], sentence.start + verb.end(), language,
                              verb.group(0))
            if found:
                out.append(found)
    return tuple(out)


def load_statements(store: Store) -> list[Said]:
    out = []
    for row in store.conn.execute("SELECT s.doc_id, d.name, d.story, s.span_start, s.text, s.data FROM spans s "
                                  "JOIN documents d ON d.id = s.doc_id WHERE s.kind = 'statements' "
                                  "AND d.duplicate_of IS NULL ORDER BY d.seq, s.ord"):
        data = load_data(row["data"])
        claimant = data.get("claimant") or data.get("claimant_surface")
        if claimant:
            out.append(Said(row["doc_id"], row["name"], row["story"], claimant, row["text"], row["span_start"],
                            bool(data.get("negated")), frozenset(data.get("events", ()))))
    return out


def find_disagreements(statements: list[Said]) -> list[Disagreement]:
    """Every pair of opposite statements on one event within one story, once per event, pair of claimants
    and documents (a quote and the sentence framing it are one statement)."""
    found: dict[tuple[str, ...], Disagreement] = {}
    by_story: dict[str | None, list[Said]] = defaultdict(list)
    for said in statements:
        by_story[said.story].append(said)
    pairs = itertools.chain.from_iterable(
        itertools.product([s for s in group if s.negated], [s for s in group if not s.negated])
        for group in by_story.values())
    for neg, aff in pairs:
        shared = neg.events & aff.events
        if not shared or _one_source(neg.claimant, aff.claimant):
            continue  # one source under two names is no dispute
        item = Disagreement(", ".join(sorted(shared)), aff, neg)
        key = (item.event, normal(aff.claimant), aff.doc_id, normal(neg.claimant), neg.doc_id)
        if key not in found or len(item.affirmed.text) + len(item.negated.text) < sum(
                len(x.text) for x in (found[key].affirmed, found[key].negated)):
            found[key] = item
    return sorted(found.values(), key=lambda d: (d.event, d.negated.doc_name, d.negated.start,
                                                 d.affirmed.doc_name, d.affirmed.start))


def _one_source(a: str, b: str) -> bool:
    """The same claimant, or one named by part of the other's name ("Ray" and "Ray Wagiu Basrowi")."""
    words_a, words_b = set(normal(a).split()), set(normal(b).split())
    return words_a <= words_b or words_b <= words_a


def disagreements(store: Store) -> list[Disagreement]:
    return find_disagreements(load_statements(store))


__all__ = ["Disagreement", "Said", "disagreements", "find_disagreements", "find_statements", "statement"]
