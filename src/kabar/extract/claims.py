"""Claims: who states each quantity (claimant), about what (subject), where (location) and as of when.

The claimant comes from the sentence's attribution structure: the speaker of a quote around the number;
the subject of the last reporting verb before it in its clause ("Amerika Serikat memperkirakan ada …",
"X mengatakan bahwa …"; a person named in that subject phrase wins, "Dia" is the last named claimant);
"menurut X"; a reporting verb closing the sentence (", Amerika Serikat telah mengatakan."); else the
speaker of a quote in the same sentence ("Dari 8.000 di Kursk, “…,” kata Blinken"). No attribution: no
claimant, and the reason is kept. The place is the first place after "di/ke (wilayah …)" in the clause;
a number that refers back ("jumlah tersebut") takes the subject and place of the claim before it.
Names stay as written here; resolution turns them into canonical entities.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cache

from kabar import lang as langdata
from kabar.extract.names import Name, common_word, first_of, has_word, last_of, name_chunks, speech_data
from kabar.extract.patterns import alternation, unglue
from kabar.extract.sentences import sentence_at
from kabar.ner.features import is_verb
from kabar.records import EntityMention, Quantity, Quote, Span, TimeExpr

STAGE = "claims"
# Sentences back that a number referring to an earlier one ("jumlah tersebut") may reach.
ANAPHORA_SENTENCES = 2
# Characters of a sentence either side of a quantity that its claim rules read. On the 54,529 sentences of
# the June corpus the 99.9th percentile is 678 characters, so a reach of 1,000 leaves real sentences whole.
CONTEXT_REACH = 1000
# A "sentence" longer than this (the June corpus's longest is 2,211 characters) is a list, a table or a
# scrape without full stops: its numbers keep no claimant or place (the reason is kept).
LONG_SENTENCE = 3000
# Characters before a place searched for the cue of a cause clause it lies in.
CAUSE_REACH = 120
# Words before a candidate claimant searched for a verb that would make it an object ("memantau … X").
OBJECT_WINDOW = 3
# Words back from a person's name in which a title makes the phrase a role ("Duta Besar AS untuk PBB").
TITLE_REACH = 5
# An article's usual owner of a subject ("pasukan Korea Utara") needs this many mentions to be assumed.
MIN_OWNER_MENTIONS = 2
# Words after a count of people searched for what happened to them ("224 orang [Iran] tewas").
EVENT_REACH = 4
# Words right before a count of people read for what happened to them ("yang menewaskan 241 orang"): the
# longest phrase of `predicates_before` ("menelan korban jiwa") has three.
EVENT_BEFORE = 3
# Words back from a figure in a unit of measure searched for the noun naming what it measures ("total nilai
# bantuan logistik yang digelontorkan Kemensos mencapai Rp 5 miliar": the aid, six words back; "elevasi
# kawasan Muara Angke saat ini berada di kisaran 1,8 meter": nine).
MEASURE_REACH = 10


@dataclass(frozen=True, slots=True)
class ClaimData:
    subjects: dict[str, str]  # counted noun -> subject group
    anaphora: tuple[str, ...]
    place_preps: frozenset[str]
    place_nouns: frozenset[str]
    verbs: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    according_to: tuple[str, ...]
    locative_verbs: frozenset[str]
    stop: frozenset[str]
    ownerless: frozenset[str]
    people: frozenset[str]
    predicates: tuple[tuple[str, str], ...]  # word after counted people -> the event subject
    predicates_before: tuple[tuple[str, str], ...] = ()  # words right before them -> the event subject
    predicate_links: frozenset[str] = frozenset()  # words between such words and the number
    recipient_verbs: frozenset[str] = frozenset()
    recipient_with: tuple[str, ...] = ()
    home_places: tuple[str, ...] = ()
    source_documents: tuple[str, ...] = ()  # first words of a name that make it a document, not a source
    measured: frozenset[str] = frozenset()  # subject groups that are units of measure (money, km …)
    measures: dict[str, str] = field(default_factory=dict)  # noun before such a figure -> what it measures
    measure_containers: frozenset[str] = frozenset()  # words between them that are not the measure
    reference_preps: frozenset[str] = frozenset()  # "radius 7 km dari X": the place a distance is from
    from_measures: frozenset[str] = frozenset()  # the measures that are distances from such a place
    speech_cues: tuple[str, ...] = ()  # words that report a statement after it (", kata X", "diungkapkan")
    measure_after: tuple[tuple[str, str], ...] = ()  # words after a measured figure -> what it measures
    event_scopes: tuple[tuple[str, str], ...] = ()  # words after counted people -> the part they are
    cause_words: tuple[str, ...] = ()  # words opening a figure's cause ("akibat"): its places are the cause's
    facility_heads: frozenset[str] = frozenset()  # first words of a facility that reports its own figures
    period_bounds: frozenset[str] = frozenset()  # words before a year that bound a period ("sejak 2019")

    @property
    def predicate_groups(self) -> frozenset[str]:
        return frozenset(g for _, g in self.predicates)

    @property
    def measure_names(self) -> frozenset[str]:
        return frozenset(self.measures.values())



@cache
def claim_data(language: str | None) -> ClaimData:
    code = language if language in langdata.supported() else "id"
    raw = langdata.load(code, "claims")
    speech = speech_data(code)
    subjects = {noun: group for group, nouns in raw["subjects"].items() for noun in nouns}
    verbs = sorted({*speech.verbs, *raw["claim_verbs"]}, key=len, reverse=True)
    return ClaimData(subjects, tuple(raw["anaphora"]), frozenset(raw["place_preps"]),
                     frozenset(raw["place_nouns"]), tuple(verbs), tuple(raw["clause_breaks"]),
                     speech.according_to, frozenset(raw["locative_verbs"]),
                     frozenset(langdata.load(code, "units")["stop"]), frozenset(raw["ownerless_groups"]),
                     frozenset(raw["people_groups"]),
                     _by_length(raw["predicates"]), _by_length(raw["predicates_before"]),
                     frozenset(raw["predicate_links"]["words"]),
                     frozenset(raw["recipient_verbs"]), tuple(raw["recipient_with"]), tuple(raw["home_places"]),
                     tuple(raw["source_documents"]), frozenset(raw["measured_groups"]),
                     {noun: name for name, nouns in raw["measures"].items() for noun in nouns},
                     frozenset(raw["measure_containers"]), frozenset(raw["reference_preps"]),
                     frozenset(raw["reference_measures"]),
                     tuple(sorted({*speech.cues_after, *speech.verbs, *raw["said_at"]}, key=len, reverse=True)),
                     _by_length(raw["measure_after"]), _by_length(raw["event_scopes"]),
                     tuple(sorted(raw["cause_words"], key=len, reverse=True)), frozenset(raw["facility_heads"]),
                     frozenset(raw["period_bounds"]))


def _by_length(table: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    """(phrase, group) pairs of a table of groups, longest phrase first."""
    return tuple(sorted(((w, g) for g, ws in table.items() for w in ws), key=lambda wg: -len(wg[0])))


def attribute_claims(text: str, sentences: tuple[Span, ...], quantities: tuple[Quantity, ...],
                     quotes: tuple[Quote, ...], entities: tuple[EntityMention, ...], dates: tuple[TimeExpr, ...],
                     published: str | None, language: str | None) -> tuple[Quantity, ...]:
    data = claim_data(language)
    places = [e for e in entities if _is_place(e)]
    owners = document_owners(text, entities, data)
    out: list[Quantity] = []
    with_subject: list[Quantity] = []  # the claims of `out` that an anaphoric number may refer back to
    days = sorted((d for d in dates if d.granularity == "day" and d.value), key=lambda d: d.start)
    periods = sorted((d for d in dates if d.granularity in ("month", "year") and d.value
                      and not _bounds_a_period(text, d, data)), key=lambda d: d.start)
    for q in quantities:
        whole = sentence_at(sentences, q.start) or Span(q.start, q.end, q.text)
        if whole.end - whole.start > LONG_SENTENCE:
            out.append(_unattributed(q, whole, data, published))
            continue
        sentence = _context(text, whole, q)
        claimant, how = _claimant(text, q, sentence, quotes, out, language, data,
                                  _sentence_back(sentences, whole, 1))
        if claimant is not None and common_word(claimant, text, language):
            claimant, how = None, f"no source: “{claimant}” ({how}) is a common word, not a name"
        location = (_location(text, q, sentence, places, data) or _recipient(text, q, sentence, places, data)
                    or _reporting_facility(claimant, how, places, data))
        group = data.subjects.get((q.unit or "").lower(), "")
        owner = None if group in data.ownerless else _owner(text, q, entities) or owners.get(group)
        if location is None and _at_home(text, q, sentence, data):  # "… di negaranya": the subject's country,
            home = _acting_place(text, q, sentence, places, data)  # else the one the counted things are from
            location = home or (owner if owner and _is_place_name(owner) else None)
        measure = _measure(text, q, sentence, data)
        subject = _event(text, q, owner, data) or measure or _subject(q, owner, data)
        previous = _previous_claim(q, sentence, with_subject, sentences)
        if previous is not None and measure is None and _same_measured(text, q, sentence, previous, data):
            subject = previous.subject  # "… bantuan hampir Rp5 miliar. “Jadi sudah hampir 5 miliar”"
        if location is None and measure in data.from_measures:
            location = _reference_place(text, q, sentence, places, data)
        if previous is not None and owner is None and subject in data.predicate_groups:
            owner = previous.owner_surface  # "… 224 orang Palestina tewas dan 1.200 lainnya terluka"
            subject = f"{subject} ({owner})" if owner else subject
        elif previous is not None and (subject is None or _refers_back(text, sentence, q, data)):
            subject, owner = subject or previous.subject, owner or previous.owner_surface
            location = location or previous.location_surface
        location = location or _acting_place(text, q, sentence, places, data)
        if location is None:  # nothing in the sentence: the place the last sentences were about
            location = _place_in_previous(text, sentence, sentences, places, data)
        if location is None and group in data.people and owner and _is_place_name(owner):
            location = owner  # people counted without any place are where they are from

        date, source = _date(sentence, days, published, periods)
        out.append(replace(q, claimant=claimant, claimant_surface=claimant, attribution=how, location=location,
                           location_surface=location, subject=subject, owner_surface=owner, date=date,
                           date_source=source))
        if subject and not q.derived:
            with_subject.append(out[-1])
    return tuple(out)


def _is_place_name(name: str) -> bool:
    from kabar.ner.gazetteer import cities, countries, curated

    low = name.lower()
    entry = curated().get(low)
    return low in countries() or low in cities() or (entry is not None and entry.type in ("GPE", "LOC"))


def _is_place(mention: EntityMention) -> bool:
    from kabar.ner.gazetteer import cities, countries

    low = mention.text.lower()
    return mention.type in ("LOC", "GPE") or low in cities() or low in countries()


# claimant -----------------------------------------------------------------------------------------------
def _claimant(text: str, q: Quantity, sentence: Span, quotes: tuple[Quote, ...], done: list[Quantity],
              language: str | None, data: ClaimData, previous: int | None = None) -> tuple[str | None, str]:
    inside = [x for x in quotes if x.start <= q.start and q.end <= x.end]
    if inside:
        speaker = inside[0].speaker_surface or inside[0].speaker
        return (speaker, "speaker of the quote around it") if speaker else (None, "in a quote without a speaker")
    start = _clause_start(text, sentence.start, q.start, data)
    found = _verb_subject(text, start, q.start, q, quotes, done, language, data)
    if found:
        return found
    closing = _closing_attribution(text, q.end, sentence.end, language)
    if closing:
        return closing, "reporting verb closing the sentence"
    near = [x for x in quotes if sentence.start <= x.start < sentence.end and (x.speaker_surface or x.speaker)]
    if near:
        return near[0].speaker_surface or near[0].speaker, "speaker of a quote in the same sentence"
    return (_continued(text, q, sentence, quotes, done, language, previous)
            or (None, "no attribution in its sentence"))


def _continued(text: str, q: Quantity, sentence: Span, quotes: tuple[Quote, ...], done: list[Quantity],
               language: str | None, previous: int | None = None) -> tuple[str, str] | None:
    """A briefing that goes on: "Masih kata Budi, sebanyak 40 personel …" names the source before the
    number; "…, ujarnya." after it points to the last named claimant."""
    speech = speech_data(language)
    lead = _lead_cue(speech.cues_after).match(text, sentence.start, q.start)
    if lead:
        names = name_chunks(text, lead.end(), q.start, language)
        if names and text[names[0].end : q.start].lstrip().startswith(","):
            return names[0].text, f"“{lead.group(1)} X,” before it"
    cue = _pronoun_cue(tuple(speech.cues_pronoun)).search(text, q.end, sentence.end)
    if cue:
        last = _last_named(q.start, quotes, done)
        if last:
            return last, f"“{cue.group(1)}” after it: the last named claimant"
    return _paragraph_source(text, sentence, quotes, done, speech.verbs,
                             sentence.start if previous is None else previous)


def _paragraph_source(text: str, sentence: Span, quotes: tuple[Quote, ...], done: list[Quantity],
                      speech_verbs: tuple[str, ...], previous: int) -> tuple[str, str] | None:
    """A source that goes on: the speaker of a quote or the claimant of a figure of the sentence just before
    (from `previous`), in the same paragraph, stated by speech ("kata X", "X mengatakan", "menurut X"; a
    figure X only "mencatat" or "menunjukkan" is not X speaking), when this sentence quotes no one. Each
    sentence that goes on is itself a source for the next, so a briefing carries through; a figure the
    outlet states, or a sentence without one, ends it."""
    start = max(text.rfind("\n", 0, sentence.start) + 1, previous)
    if any(sentence.start <= x.start < sentence.end for x in quotes):
        return None
    sources: list[tuple[int, str]] = [(x.start, name) for x in quotes if start <= x.start < sentence.start
                                      and (name := x.speaker_surface or x.speaker)]
    for d in reversed(done):  # `done` is in text order: walk back to the start of the reach
        if d.start < start:
            break
        if d.start < sentence.start:
            spoken = d.claimant_surface is not None and _spoken(d.attribution or "", speech_verbs)
            sources.append((d.start, d.claimant_surface if spoken and d.claimant_surface else ""))
    if not sources:
        return None
    _, name = max(sources)
    return (name, "the paragraph goes on with the source named before it") if name else None


def _spoken(how: str, speech_verbs: tuple[str, ...]) -> bool:
    """The attribution is speech: a quote's speaker, "menurut X", a closing reporting verb, a sentence that
    goes on, or the subject of a verb of speech (not of "mencatat", "menunjukkan")."""
    if not how.startswith("subject of"):
        return not how.startswith(("no attribution", "not attributed", "in a quote without"))
    verb = how.split("“", 1)[-1].rstrip("”").lower()
    return verb in speech_verbs


@cache
def _lead_cue(cues: tuple[str, ...]) -> re.Pattern[str]:
    """A reporting cue opening the sentence, with at most one word before it ("Masih kata X,")."""
    return re.compile(rf"\W*(?:\w+\s+)?({alternation(cues)})\s+(?=[A-Z])")


@cache
def _pronoun_cue(cues: tuple[str, ...]) -> re.Pattern[str]:
    """", ujarnya", ", tambahnya": a cue that points back to the last speaker."""
    return re.compile(rf",\s*({alternation(cues)})(?![\w-])", re.IGNORECASE)


def _clause_start(text: str, sentence_start: int, position: int, data: ClaimData) -> int:
    found = last_of(data.clause_breaks, text[sentence_start:position].lower())
    return sentence_start + (found.end() if found else 0)


def _verb_subject(text: str, start: int, position: int, q: Quantity, quotes: tuple[Quote, ...],
                  done: list[Quantity], language: str | None, data: ClaimData) -> tuple[str, str] | None:
    head = text[start:position]
    low = head.lower()
    for phrase in data.according_to if _any_phrase_then_space(data.according_to).search(low) else ():
        m = _phrase_then_space(phrase).search(low)
        if m:
            names = name_chunks(text, start + m.end(), position, language)
            if names and _is_document(names[0].text, data):
                return None  # "berdasarkan Pasal 4": a document says it; who stands behind it is not given
            if names:
                return names[0].text, f"{phrase} X"
    verb = last_of(data.verbs, low)
    if verb is None:
        return None
    region_end = start + verb.start()
    subject = _subject_phrase(text, start, region_end, language)
    if subject is not None and not any(c.isdigit() for c in subject):
        return subject, f"subject of “{verb.group(0)}”"
    words = re.findall(r"[\w-]+", text[start:region_end].lower())
    if any(w in speech_data(language).pronouns for w in words[-3:]):
        last = _last_named(q.start, quotes, done)
        if last:
            return last, f"“{words[-1] if words else ''} {verb.group(0)}”: the last named claimant"
    return None


def _is_document(name: str, data: ClaimData) -> bool:
    low = name.lower()
    return any(low == w or low.startswith(w + " ") for w in data.source_documents)


def _subject_phrase(text: str, start: int, end: int, language: str | None) -> str | None:
    """Who the reporting verb's subject names: the last person named there, else the name nearest the verb
    that no preposition or verb governs, else a descriptor ("Para pejabat", "Pejabat itu")."""
    data = speech_data(language)
    free = [n for n in name_chunks(text, start, end, language) if not _governed(text, start, n, data)]
    people = [n for n in free if n.kind == "person"]
    if people:
        return people[-1].text
    if free:
        chosen = free[-1]
        if chosen.kind == "role":
            tail = re.match(r"\s+(itu|tersebut|ini)\b", text[chosen.end : chosen.end + 12])
            return chosen.text + (" " + tail.group(1) if tail else "")
        return chosen.text
    m = re.search(r"(?:^|\W)((?:para|sejumlah|seorang|beberapa)\s+[a-z]+(?:\s+[a-z]+)?)", text[start:end], re.I)
    if not m:
        return None
    words = m.group(1).split()
    stop = claim_data(language).stop
    kept = words[:2] + [w for w in words[2:3] if w.lower() not in stop and not is_verb(w)]
    return " ".join(kept) if not is_verb(kept[-1]) else None


def _governed(text: str, start: int, name: Name, data: object) -> bool:
    """A name right after a preposition, or a few words after a verb, is no subject ("terhadap pasukan
    Korea Utara", "memantau pergerakan militer Korea Utara"); a person's title phrase may hold a
    preposition ("Duta Besar AS untuk PBB Robert Wood")."""
    begin = name.start - len(name.descriptor) - 1 if name.descriptor else name.start
    before = re.findall(r"[\w-]+", text[start : max(start, begin)])
    words = before[-OBJECT_WINDOW:]
    speech = speech_data(None)
    title_words = {w for title in speech.titles for w in title.split()}
    if name.kind == "person" and any(w in title_words for w in before[-TITLE_REACH:]):
        return False
    if any(w.lower() in speech.prepositions for w in words[-2:]):
        return True
    return any(is_verb(w) for w in words)


def _last_named(position: int, quotes: tuple[Quote, ...], done: list[Quantity]) -> str | None:
    """The speaker of the last quote or the claimant of the last claim named before `position` (the later
    of the two; a tie goes to the name that sorts last, as before)."""
    named = [(x.start, x.speaker_surface or x.speaker) for x in quotes if x.start < position]
    claim = next(((d.start, d.claimant_surface) for d in reversed(done)
                  if d.attribution and "last named" not in d.attribution and d.claimant_surface), None)
    candidates = [n for n in named if n[1]] + ([claim] if claim else [])
    return max(candidates)[1] if candidates else None


@cache
def _any_phrase_then_space(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Whether any of `phrases` occurs (one pass; the phrases' order of precedence is kept by the caller)."""
    return re.compile(rf"(?<![\w-])(?:{alternation(phrases)})\s+")


@cache
def _phrase_then_space(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}\s+")


@cache
def _closing_patterns(verbs: tuple[str, ...], cues: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """", X (telah) mengatakan." closing a sentence, and ", kata X" after a cue."""
    alternatives = "|".join(re.escape(v) for v in verbs)
    return (re.compile(rf",\s*([^,]+?)\s+(?:telah\s+|juga\s+|sudah\s+)?(?:{alternatives})\s*[.!]?\s*$"),
            re.compile(rf",\s*(?:{'|'.join(re.escape(c) for c in cues)})\s+"))


def _closing_attribution(text: str, start: int, end: int, language: str | None) -> str | None:
    """", Amerika Serikat telah mengatakan." or ", kata X." closing the sentence."""
    tail = text[start:end]
    data = speech_data(language)
    closing, after_cue = _closing_patterns(data.verbs, data.cues_after)
    m = closing.search(tail)
    if m:
        names = name_chunks(text, start + m.start(1), start + m.end(1), language)
        if names:
            return names[-1].text
    m = after_cue.search(tail)
    if m:
        names = name_chunks(text, start + m.end(), end, language)
        if names and text[start + m.end() : names[0].start].strip() in ("", names[0].descriptor or ""):
            return names[0].text
    return None


# place, subject, time -----------------------------------------------------------------------------------
def _location(text: str, q: Quantity, sentence: Span, places: list[EntityMention], data: ClaimData) -> str | None:
    """The first place after "di/ke …" following the number in its clause (one after "berada di" first);
    else one before it but inside what is reported ("bahwa …"), not where it was said."""
    clause_end = _speech_start(text, q.end, _clause_end(text, q.end, sentence.end, data), data)
    clause_end = _cause_start(text, q.end, clause_end, data)  # "… akibat erupsi Gunung X di Flores Timur"
    after = [p for p in places if q.end <= p.start < clause_end and _after_place_prep(text, p.start, data)]
    if after:
        return _best_place(text, after, data).text
    start = _reported_start(text, _clause_start(text, sentence.start, q.start, data), q.start, data)
    before = [p for p in places if start <= p.start < q.start and _after_place_prep(text, p.start, data)]
    return before[-1].text if before else None


def _speech_start(text: str, position: int, end: int, data: ClaimData) -> int:
    """Where the words that report the figure begin after it (", kata Gus Ipul saat konferensi pers di Kantor
    Kemensos"): a place after them is where it was said, not where the figure holds."""
    found = first_of(data.speech_cues, text[position:end].lower())
    return position + found.start() if found else end


def _cause_start(text: str, position: int, end: int, data: ClaimData) -> int:
    """Where the figure's cause opens after it ("akibat", "karena"), also glued by the scrape to the next word
    ("akibaterupsi": a token the lexicon does not know that starts with a cue word); else `end`."""
    from kabar.ner.features import lexicon

    tail = text[position:end].lower()
    found = first_of(data.cause_words, tail)
    cut = found.start() if found else len(tail)
    known = lexicon()
    for m in re.finditer(r"[^\W\d_]{6,}", tail[:cut]):
        token = m.group(0)
        if token not in known and any(token.startswith(w) and len(token) - len(w) >= 3 for w in data.cause_words):
            return position + m.start()
    return position + cut


def _reporting_facility(claimant: str | None, how: str, places: list[EntityMention],
                        data: ClaimData) -> str | None:
    """A facility that reports its own figure is where it holds ("Bandara I Gusti Ngurah Rai mencatat 87
    penerbangan dibatalkan"); a country or a ministry that reports one is not (`facility_heads`). The place
    is the facility's mention when the claimant's words run on past it ("… Ngurah RaiBali", glued)."""
    if not claimant or not how.startswith("subject of"):
        return None
    first = claimant.split(maxsplit=1)[0].lower()
    two = " ".join(claimant.lower().split()[:2])
    if first not in data.facility_heads and two not in data.facility_heads:
        return None
    inside = [p.text for p in places if claimant.startswith(p.text) and len(p.text.split()) > 1]
    return max(inside, key=len) if inside else claimant


def _recipient(text: str, q: Quantity, sentence: Span, places: list[EntityMention],
               data: ClaimData) -> str | None:
    """The place a supply verb names as recipient right before the number: "memasok Rusia dengan jutaan
    amunisi" -> Rusia."""
    for place in reversed([p for p in places if sentence.start <= p.start and p.end <= q.start]):
        between = text[place.end : q.start].lower().strip(" \t“”\"'")
        if between not in data.recipient_with:
            continue
        before = re.findall(r"[\w-]+", text[max(sentence.start, place.start - 40) : place.start].lower())
        if before and before[-1] in data.recipient_verbs:
            return place.text
    return None


def _at_home(text: str, q: Quantity, sentence: Span, data: ClaimData) -> bool:
    """A place preposition and a word for the owner's own country after the number, in its clause."""
    tail = text[q.end : _clause_end(text, q.end, sentence.end, data)].lower()
    return _home_pattern(data.place_preps, data.home_places).search(tail) is not None


@cache
def _home_pattern(preps: tuple[str, ...], homes: tuple[str, ...]) -> re.Pattern[str]:
    """Any place preposition, then any word for the owner's own country: one pattern, one pass."""
    return re.compile(rf"(?<![\w-])(?:{alternation(preps)})\s+(?:{alternation(homes)})(?![\w-])")


def _best_place(text: str, places: list[EntityMention], data: ClaimData) -> EntityMention:
    for place in places:
        words = re.findall(r"[\w-]+", text[max(0, place.start - 40) : place.start].lower())
        if any(w in data.locative_verbs for w in words[-3:]):
            return place
    return places[0]


def _reported_start(text: str, start: int, end: int, data: ClaimData) -> int:
    """Where the reported content begins: after the last "bahwa" or reporting verb before `end`."""
    found = last_of((*data.verbs, "bahwa", "that"), text[start:end].lower())
    return start + (found.end() if found else 0)


def _clause_end(text: str, position: int, sentence_end: int, data: ClaimData) -> int:
    tail = text[position:sentence_end].lower()
    first = first_of(data.clause_breaks, tail)
    return position + first.start() if first else sentence_end


def _after_place_prep(text: str, start: int, data: ClaimData) -> bool:
    words = re.findall(r"[\w-]+", text[max(0, start - 40) : start].lower())
    for back in range(1, 4):
        if len(words) < back:
            return False
        word = words[-back]
        if word in data.place_preps:
            return True
        if word not in data.place_nouns:
            return False
    return False


def _acting_place(text: str, q: Quantity, sentence: Span, places: list[EntityMention],
                  data: ClaimData) -> str | None:
    """A country that does something to the counted things, right before its verb: "Korea Utara melatih
    10.000 tentara" puts them in North Korea."""
    for place in places:
        if place.type == "GPE" and sentence.start <= place.start < q.start:
            between = re.findall(r"[\w-]+", text[place.end : q.start])
            if 1 <= len(between) <= 2 and is_verb(between[0]) and between[0].lower() not in data.verbs:
                return place.text
    return None


def _owner(text: str, q: Quantity, entities: tuple[EntityMention, ...]) -> str | None:
    """Whose counted things: a name right after the unit ("prajurit Korea Utara", "warga Palestina")."""
    if not q.unit:
        return None
    unit_at = text.find(q.unit, q.end, q.end + 20)
    if unit_at < 0:
        return None
    after = unit_at + len(q.unit)
    for e in entities:
        if e.type in ("GPE", "ORG", "LOC") and 0 <= e.start - after <= 1:
            return e.text
    return None


def document_owners(text: str, entities: tuple[EntityMention, ...], data: ClaimData) -> dict[str, str]:
    """For each subject group, whose things the article counts when it names an owner at all: the name
    most often right after a noun of the group ("pasukan Korea Utara" six times -> troops are North
    Korea's, also where a sentence says only "10.000 tentara")."""
    counts: dict[str, dict[str, int]] = {}
    starts = {e.start: e for e in entities if e.type in ("GPE", "ORG", "LOC")}
    for m in re.finditer(r"[\w-]+", text):
        group = data.subjects.get(m.group(0).lower())
        if group is None:
            continue
        owner = starts.get(m.end() + 1)
        if owner is not None and text[m.end()] == " ":
            counts.setdefault(group, {}).setdefault(owner.text, 0)
            counts[group][owner.text] += 1
    return {g: max(sorted(c), key=lambda k: c[k]) for g, c in counts.items() if max(c.values()) >= MIN_OWNER_MENTIONS}


def _event(text: str, q: Quantity, owner: str | None, data: ClaimData) -> str | None:
    """"224 orang tewas" counts the killed: a predicate within a few words after counted people names the
    subject ("killed"), with the people's owner when there is one ("killed (Palestina)")."""
    group = data.subjects.get((q.unit or "").lower())
    if q.unit and group not in data.people:
        return None  # "1.200 lainnya terluka" has no unit but counts people too
    tail = text[q.end : q.end + 60].lower()
    words = re.findall(r"[\w-]+", tail)[:EVENT_REACH]
    joined = " ".join(words)
    for word, event in data.predicates:
        if has_word((word,), joined):
            return _scoped(f"{event} ({owner})" if owner else event, text, q, data)
    words = re.findall(r"[\w-]+", text[max(0, q.start - 60) : q.start].lower())
    while words and words[-1] in data.predicate_links:
        words.pop()
    before = " ".join(words[-EVENT_BEFORE:])
    for phrase, event in data.predicates_before:
        if before == phrase or before.endswith(" " + phrase):
            return _scoped(f"{event} ({owner})" if owner else event, text, q, data)
    return None


def _scoped(event: str, text: str, q: Quantity, data: ClaimData) -> str:
    """An event counted within a part of the whole ("menewaskan 241 orang di dalamnya": those on board, not
    everyone the crash killed) keeps that scope in its subject ("killed on board"), so it is never compared
    with the total."""
    tail = re.split(r"[,;.()]|\d", text[q.end : q.end + 60].lower())[0]  # not past another figure
    tail = " ".join(re.findall(r"[\w-]+", tail)[: EVENT_REACH + 2])
    for phrase, scope in data.event_scopes:
        if has_word((phrase,), tail):
            return f"{event} {scope}"
    return event


def _measure(text: str, q: Quantity, sentence: Span, data: ClaimData) -> str | None:
    """What a figure in a unit of measure measures: the nearest measure noun before it in its clause, within
    `MEASURE_REACH` words and no other figure between ("dalam radius 7 Km" -> radius; "ketinggian air
    mencapai 30 sentimeter" -> height). Words the scrape glued ("RTKetinggian: 40 cm") are read apart."""
    if data.subjects.get((q.unit or "").lower()) not in data.measured:
        return None
    tail = " ".join(re.findall(r"[\w-]+", text[q.end : q.end + 60].lower())[1:6])  # past the unit
    for phrase, after in data.measure_after:
        if has_word((phrase,), tail):
            return after
    head = _clause_head(text, max(sentence.start, q.start - 12 * MEASURE_REACH), q.start)
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", unglue(head).lower())[-MEASURE_REACH:]
    for i in range(len(words) - 1, -1, -1):
        pair = f"{words[i - 1]} {words[i]}" if i else ""
        found = data.measures.get(pair) or data.measures.get(words[i])
        if found:
            return found
    return None


def _clause_head(text: str, start: int, end: int) -> str:
    """The words right before a figure back to the last punctuation, bracket, quotation mark or other
    figure: where a noun saying what it measures can stand."""
    return re.split(r"[,;.()\[\]“”\"]|\d", text[start:end])[-1]


def _same_measured(text: str, q: Quantity, sentence: Span, previous: Quantity, data: ClaimData) -> bool:
    """A figure in a unit of measure whose clause names nothing it measures (no "nilai" or "total" followed by
    a noun) and repeats the unit of the claim just before, which has a measure: the same measure said again
    ("hampir Rp5 miliar … ya Rp4,8 tepatnya"); "total harta kekayaan mencapai Rp2,9 miliar" after a debt is
    not a debt."""
    group = data.subjects.get((q.unit or "").lower())
    if q.unit and group not in data.measured:
        return False
    before = data.subjects.get((previous.unit or "").lower())
    if previous.subject not in data.measure_names or (previous.unit and before not in data.measured):
        return False
    words = re.findall(r"[^\W\d_]+", _clause_head(text, max(sentence.start, q.start - 80), q.start).lower())
    if any(w in data.measure_containers for w in words[:-1]):
        return False  # "nilai pasarnya", "total harta kekayaan": the clause names what it measures
    return group is None or before is None or group == before


def _reference_place(text: str, q: Quantity, sentence: Span, places: list[EntityMention],
                     data: ClaimData) -> str | None:
    """The place a distance is measured from: the first place after "dari" (`reference_preps`, up to two
    place nouns between) following the figure in its clause."""
    clause_end = _clause_end(text, q.end, sentence.end, data)
    for place in places:
        if q.end <= place.start < clause_end:
            words = re.findall(r"[\w-]+", text[q.end : place.start].lower())
            if any(w in data.reference_preps for w in words[-4:]):
                return place.text
    return None


def _subject(q: Quantity, owner: str | None, data: ClaimData) -> str | None:
    if not q.unit:
        return None
    group = data.subjects.get(q.unit.lower(), q.unit.lower())
    return f"{group} ({owner})" if owner else group


def _refers_back(text: str, sentence: Span, q: Quantity, data: ClaimData) -> bool:
    head = text[sentence.start : q.start].lower()
    return has_word(data.anaphora, head)


def _previous_claim(q: Quantity, sentence: Span, with_subject: list[Quantity],
                    sentences: tuple[Span, ...]) -> Quantity | None:
    """The last claim with a subject in this sentence or the `ANAPHORA_SENTENCES` before it (`with_subject`
    holds the claims so far that have one, in text order: the search walks back from the end)."""
    earliest = _sentence_back(sentences, sentence, ANAPHORA_SENTENCES)
    for d in reversed(with_subject):
        if d.start < earliest:
            return None
        if d.start < q.start:
            return d
    return None


def _sentence_back(sentences: tuple[Span, ...], sentence: Span, n: int) -> int:
    """The start of the sentence `n` before the one holding `sentence` (its start when there are fewer)."""
    index = bisect.bisect_right(sentences, sentence.start, key=lambda s: s.start) - 1
    return sentences[max(0, index - n)].start if sentences else sentence.start


def _unattributed(q: Quantity, sentence: Span, data: ClaimData, published: str | None) -> Quantity:
    """A quantity in a "sentence" too long to be one: its subject from its unit, no claimant or place, and
    the reason in `attribution`."""
    return replace(q, subject=_subject(q, None, data), claimant=None, claimant_surface=None,
                   attribution=f"not attributed: a sentence of {sentence.end - sentence.start:,} characters "
                               f"(over {LONG_SENTENCE:,}) is a list or a scrape, not prose",
                   date=published[:10] if published else None, date_source="published" if published else None)


def _context(text: str, sentence: Span, q: Quantity) -> Span:
    """The sentence, cut to `CONTEXT_REACH` characters either side of the quantity: a "sentence" longer than
    that is a list or a scrape without full stops, and every clause rule scans the context once per
    quantity (uncut, a 100k-character run of numbers took minutes)."""
    start, end = max(sentence.start, q.start - CONTEXT_REACH), min(sentence.end, q.end + CONTEXT_REACH)
    if (start, end) == (sentence.start, sentence.end):
        return sentence
    return Span(start, end, text[start:end])


def _place_in_previous(text: str, sentence: Span, sentences: tuple[Span, ...], places: list[EntityMention],
                       data: ClaimData) -> str | None:
    earliest = _sentence_back(sentences, sentence, ANAPHORA_SENTENCES)
    found = [p for p in places if earliest <= p.start < sentence.start and _after_place_prep(text, p.start, data)
             and not _in_cause(text, p, data) and not _said_there(text, p, data)]
    if not found:
        return None
    located = [p for p in found if _after_locative(text, p, data)]
    return located[0].text if located else found[-1].text


def _in_cause(text: str, place: EntityMention, data: ClaimData) -> bool:
    """The place lies in a cause clause of its sentence ("… dibatalkan akibat erupsi Gunung X di Flores
    Timur"): where the cause is, not where the sentences after it put things."""
    return _cause_start(text, _reach_before(text, place.start), place.start, data) < place.start


def _said_there(text: str, place: EntityMention, data: ClaimData) -> bool:
    """The place follows the words that report a statement in its sentence (", kata X …, di Denpasar"):
    where it was said."""
    return first_of(data.speech_cues, text[_reach_before(text, place.start) : place.start].lower()) is not None


def _reach_before(text: str, position: int) -> int:
    """Where the sentence of `position` starts, at most `CAUSE_REACH` characters back."""
    return max(text.rfind(".", 0, position), text.rfind("\n", 0, position), position - CAUSE_REACH) + 1


def _after_locative(text: str, place: EntityMention, data: ClaimData) -> bool:
    words = re.findall(r"[\w-]+", text[max(0, place.start - 40) : place.start].lower())
    return any(w in data.locative_verbs for w in words[-3:])


def _date(sentence: Span, days: list[TimeExpr], published: str | None,
          periods: list[TimeExpr] | None = None) -> tuple[str | None, str | None]:
    """The first resolved day of the sentence (`days`: the resolved days of the text, by start), else its
    first month or year that does not bound a period (`periods`: "pada 2023" -> 2023, not "sejak 2019"),
    else the publication date."""
    for found in (days, periods or []):
        index = bisect.bisect_left(found, sentence.start, key=lambda d: d.start)
        if index < len(found) and found[index].start < sentence.end:
            return found[index].value, "statement"
    return (published[:10], "published") if published else (None, None)


def _bounds_a_period(text: str, date: TimeExpr, data: ClaimData) -> bool:
    """A month or year that starts, ends or targets a period ("sejak 2019", "hingga 2030", "target 2029") or
    names a law ("UU Nomor 5 Tahun 2023"): not the time a figure holds for."""
    words = re.findall(r"[\w-]+", text[max(0, date.start - 40) : date.start].lower())[-3:]
    return any(w in data.period_bounds for w in words)
