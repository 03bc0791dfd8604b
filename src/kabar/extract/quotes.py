"""Direct quotes and their speakers.

Quotation marks of every style are paired within a paragraph (a quote that runs on into a paragraph
opening with a new mark continues there); unpaired marks make no quote and leave a note. The speaker
comes from the attribution around the quote, in this order: a cue after it ("…,” kata X", "…,”
tambahnya"), a reporting verb before it in the same sentence ("X mengatakan bahwa “…”", "menurut X"),
else the speaker of the quote just before it when the two are adjacent. Pronouns ("Dia", "katanya")
resolve to the last named speaker. No cue, no speaker: never a guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kabar.extract.intervals import Intervals
from kabar.extract.names import (
    Name,
    SpeechData,
    common_word,
    first_of,
    holder_after,
    last_of,
    name_chunks,
    phrase_start,
    role_holder,
    speech_data,
    word_starts,
)
from kabar.extract.sentences import sentence_at
from kabar.records import Note, Quote, Span

# opening mark -> closing marks it accepts (’ opens too in Indonesian copy: "Istilah ’kejutan’ dipakai")
PAIRS = {"“": "”“", "„": "“”", "«": "»", "»": "«", "‘": "’", "’": "’", "\"": "\"", "「": "」"}
OPENERS = set(PAIRS)
MARK_RE = re.compile("[“”„«»‘’\"「」]")
# Single quotation marks set off terms and titles more often than speech: a quote only with a cue.
SINGLE = "‘’'"
# Characters after the closing mark that may separate it from a cue word.
CUE_GAP_RE = re.compile(r"^[\s,.;:!?—–-]*")
# A straight mark after a clause's end, glued to the capital or digit that starts the quote.
GLUED_OPENING_RE = re.compile(r"[.,;!?]\"[A-Z0-9À-Ý]")
# Most line breaks between two quotes for the second to inherit the first one's speaker.
ADJACENT_GAP = 3
# Characters before a speaker's name read for the title the text gives it.
TITLE_BEFORE = 60
STAGE = "quotes"


@dataclass(frozen=True, slots=True)
class Mark:
    pos: int
    char: str


def find_quotes(text: str, sentences: tuple[Span, ...], language: str | None,
                skip: tuple[tuple[int, int], ...] = ()) -> tuple[tuple[Quote, ...], tuple[Note, ...]]:
    """Every quote of `text` with its speaker and cue; notes say what could not be paired or attributed."""
    pairs, notes = pair_marks(text, skip)
    data = speech_data(language)
    quotes: list[Quote] = []
    last_speaker: str | None = None
    previous: tuple[int, str | None] | None = None  # end of the last quote, its speaker
    for open_pos, close_pos in pairs:
        start, end = open_pos + 1, close_pos
        if text[open_pos] in SINGLE and _cue_after(text, close_pos + 1, language, data, None)[1] is None:
            notes.append(Note(STAGE, "single quotation marks without a speech cue: a term, not a quote",
                              open_pos, close_pos + 1))
            continue
        speaker, cue, named = attribute(text, open_pos, close_pos, sentences, language, data, last_speaker)
        if not named and cue is not None and _pronoun_cue(text, close_pos + 1, cue, data):
            subject = _subject_of_sentence_before(text, open_pos, sentences, language, data)
            if subject is not None and not (last_speaker and _titled(text, subject, last_speaker)):
                speaker, named = subject, True  # a part of the last speaker's name ("Kapolsek") is that speaker
        if speaker is not None and named:
            speaker = role_holder(text, speaker, language) or speaker  # "kata Kapolda": the Kapolda named
        if speaker is None and previous is not None and _continues(text, previous[0], open_pos, sentences):
            speaker, cue, named = previous[1], "continuation", False
        if named and speaker:
            last_speaker = speaker
        if speaker is not None and common_word(speaker, text, language):
            speaker = None  # "Pria", "Aktor": a common word where the name should be
        quotes.append(Quote(start, end, text[start:end], speaker, None, cue, speaker))
        previous = (close_pos + 1, speaker)
    return tuple(quotes), tuple(notes)


def _continues(text: str, prev_end: int, open_pos: int, sentences: tuple[Span, ...]) -> bool:
    """A quote without a cue continues the previous speaker's words when it opens its sentence and the
    previous quote ended in the same or the previous paragraph."""
    sentence = sentence_at(sentences, open_pos)
    if sentence is None or sentence.start != open_pos:
        return False
    return text[prev_end:open_pos].count("\n") <= ADJACENT_GAP


def _pronoun_cue(text: str, pos: int, cue: str, data: SpeechData) -> bool:
    """Whether the cue after a closing mark points to someone already named: "…,” ujarnya", "…,” kata dia"."""
    if cue.lower() in data.cues_pronoun:
        return True
    gap = CUE_GAP_RE.match(text[pos : pos + 10])
    begin = pos + (gap.end() if gap else 0)
    if not text.startswith(cue, begin):
        return False
    word = re.match(r"\s+([\w]+)", text[begin + len(cue) : begin + len(cue) + 20])
    return word is not None and word.group(1).lower() in data.pronouns


def _titled(text: str, short: str, name: str) -> bool:
    """`short` is part of the last speaker's name or of the title the text gives it ("Kapolsek" of "Kapolsek
    Kemuning AKP Jalili", whose name is cut to Jalili)."""
    if _part_of(short, name):
        return True
    at = text.find(name)
    while at >= 0:
        if short in text[max(0, at - TITLE_BEFORE) : at]:
            return True
        at = text.find(name, at + 1)
    return False


def _part_of(short: str, name: str) -> bool:
    words = name.split()
    size = len(short.split())
    return any(" ".join(words[i : i + size]) == short for i in range(len(words) - size + 1))


def _subject_of_sentence_before(text: str, open_pos: int, sentences: tuple[Span, ...], language: str | None,
                                data: SpeechData) -> str | None:
    """The person who speaks in the narrative sentence right before a quote that opens its own sentence:
    "X menuturkan, kegiatan ini … .\n“…,” tuturnya" — the pronoun is X, whoever was quoted last. The
    subject of the sentence's first reporting verb (the main clause: in "X mencatat, kementerian
    menekankan …" X speaks); a pronoun there ("Ia berharap …") looks one sentence further back. Only the
    words after the sentence's last quotation mark count, only a person's name (an organisation or a bare
    role leaves the last speaker), and only with at most one line break between."""
    sentence = sentence_at(sentences, open_pos)
    if sentence is None or sentence.start != open_pos:
        return None
    index = bisect.bisect_left(sentences, sentence.start, key=lambda span: span.start)
    for before in reversed(sentences[max(0, index - 2) : index]):  # the sentence before, then the one before it
        if text[before.end : open_pos].count("\n") > 1:
            return None
        marks = list(MARK_RE.finditer(text, before.start, before.end))
        speaker, is_pronoun = _main_speaker(text, marks[-1].end() if marks else before.start, before.end,
                                            language, data)
        if not is_pronoun:
            return speaker
        open_pos = before.start
    return None


def _main_speaker(text: str, start: int, end: int, language: str | None,
                  data: SpeechData) -> tuple[str | None, bool]:
    """(the person named as the subject of the first reporting verb of text[start:end] that has one,
    whether that subject is a pronoun)."""
    head = _mask_inserts(text[start:end])
    begin = 0
    for verb in word_starts(data.verbs, head):
        words = re.findall(r"[\w-]+", head[begin : verb.start()])
        if any(w.lower() in data.pronouns for w in words[-2:]):
            return None, True
        names = [n for n in name_chunks(text, start + begin, start + verb.start(), language)
                 if not _after_preposition(head, n.start - start, data)]
        if names:
            name = _before_apposition(text, names, start + verb.start())
            opens = not text[start : name.start].strip()
            return (name.text if name.kind == "person" and (not opens or _named_elsewhere(text, name)) else None,
                    False)
        begin = verb.end()
    return None, False


def _before_apposition(text: str, names: list[Name], verb_pos: int) -> Name:
    """The name before a lower-case apposition that runs up to the verb: "Dimas, selaku pengelola Sendang
    Seruni, menjelaskan" is Dimas; "Kepala BPPSDM KP, I Nyoman Radiarta, menyatakan" stays the last name."""
    head = text[names[0].start : verb_pos].rstrip()
    if not head.endswith(","):
        return names[-1]
    cut = head.rfind(",", 0, len(head) - 1)
    if cut < 0 or not head[cut + 1 :].lstrip()[:1].islower():
        return names[-1]
    earlier = [n for n in names if n.end <= names[0].start + cut]
    return earlier[-1] if earlier else names[-1]


def _named_elsewhere(text: str, name: Name) -> bool:
    """A one-word name that opens its sentence ("Aktor sekaligus musisi itu menyebut", "Mengenai hal ini")
    may be a capitalised common word: it counts only when the text names it again ("Partahian mengatakan"
    after "ujar Partahian")."""
    if " " in name.text:
        return True
    return len(re.findall(rf"\b{re.escape(name.text)}\b", text)) > 1


# pairing ----------------------------------------------------------------------------------------------
def pair_marks(text: str, skip: tuple[tuple[int, int], ...] = ()) -> tuple[list[tuple[int, int]], list[Note]]:
    pairs: list[tuple[int, int]] = []
    notes: list[Note] = []
    paragraphs = _paragraphs(text)
    blocked = Intervals(skip)
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = [m for m in _marks(text, p_start, p_end) if not blocked.contains(m.pos)]
        found, unpaired = _pair_in_paragraph(text, marks)
        pairs.extend(found)
        for mark in unpaired:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt and mark is unpaired[-1] and _opens_paragraph(text, nxt[0]) and mark.char in OPENERS:
                # a quote running on into a paragraph that opens with a new mark ends with its paragraph
                pairs.append((mark.pos, _last_char(text, p_end)))
            else:
                notes.append(Note(STAGE, f"unpaired quotation mark {mark.char!r}: no quote made", mark.pos,
                                  mark.pos + 1))
    pairs.sort()
    return pairs, notes


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _last_char(text: str, end: int) -> int:
    """Position just after the paragraph's last non-space character (a virtual closing mark)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _opens_paragraph(text: str, start: int) -> bool:
    first = _first_char(text, start)
    return first < len(text) and text[first] in OPENERS


def _marks(text: str, start: int, end: int) -> list[Mark]:
    marks = []
    for m in MARK_RE.finditer(text, start, end):
        pos, char = m.start(), m.group()
        if char in "‘’" and _is_apostrophe(text, pos):
            continue
        marks.append(Mark(pos, char))
    return marks


def _is_apostrophe(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _can_open(text: str, mark: Mark) -> bool:
    if mark.char in "”»」":
        return False
    after = text[mark.pos + 1] if mark.pos + 1 < len(text) else " "
    if mark.char in "\"’":
        before = text[mark.pos - 1] if mark.pos > 0 else " "
        return (not after.isspace() and (before.isspace() or before in "([{—–-:/")) or mark.pos == 0 or (
            mark.char == "\"" and _glued_opening(text, mark.pos))
    return not after.isspace()


def _glued_opening(text: str, pos: int) -> bool:
    """A straight mark glued to the end of a sentence or clause that starts a quote: the scraper turned the
    paragraph break before it into a comma or dropped it ("(10/9).,\"Kami …", "menulis,\"Setelah …").
    Only when no quote is open, since a mark after a sentence's end closes a quote first."""
    return GLUED_OPENING_RE.match(text, pos - 1) is not None


def _can_close(text: str, mark: Mark) -> bool:
    before = text[mark.pos - 1] if mark.pos > 0 else " "
    return not before.isspace()


def _pair_in_paragraph(text: str, marks: list[Mark]) -> tuple[list[tuple[int, int]], list[Mark]]:
    pairs: list[tuple[int, int]] = []
    unpaired: list[Mark] = []
    opening: Mark | None = None
    for mark in marks:
        if opening is None:
            if _can_open(text, mark):
                opening = mark
            elif mark.char not in "’":
                unpaired.append(mark)
            continue
        if mark.char in PAIRS[opening.char] and _can_close(text, mark):
            if mark.pos > opening.pos + 1:
                pairs.append((opening.pos, mark.pos))
            opening = None
        elif mark.char == opening.char and _can_open(text, mark):
            # a second opening of the same style: the first was left unclosed (straight marks too, so an
            # unbalanced one does not swallow the paragraph and shift every later pair by one)
            unpaired.append(opening)
            opening = mark
    if opening is not None:
        unpaired.append(opening)
    return pairs, unpaired


# attribution ------------------------------------------------------------------------------------------
def attribute(text: str, open_pos: int, close_pos: int, sentences: tuple[Span, ...], language: str | None,
              data: SpeechData, last_speaker: str | None) -> tuple[str | None, str | None, bool]:
    """(speaker, cue, named): named is False when the speaker came from a pronoun or a neighbour."""
    after = _cue_after(text, close_pos + 1, language, data, last_speaker)
    if after[0] is not None:
        return after
    before = _cue_before(text, open_pos, sentences, language, data, last_speaker)
    return after if before[0] is None and after[1] is not None else before  # keep a pronoun cue found


def _cue_after(text: str, pos: int, language: str | None, data: SpeechData,
               last_speaker: str | None) -> tuple[str | None, str | None, bool]:
    gap = CUE_GAP_RE.match(text[pos : pos + 10])
    begin = pos + (gap.end() if gap else 0)
    if "\n" in text[pos:begin]:
        return None, None, False
    window = text[begin : begin + 160]
    word = re.match(r"[\w-]+", window)
    if not word:
        return None, None, False
    cue = word.group(0)
    if cue.lower() in data.cues_pronoun:
        return last_speaker, cue, False
    glued = _glued_cue(cue, data)  # "kataEng Hian": a scraper dropped the space before a linked name
    if glued is not None:
        name = _unglue(speaker_after(text, begin + len(glued), language, data), data)
        return (name, glued, True) if name else (None, glued, False)
    if cue.lower() not in {c.lower() for c in data.cues_after}:
        return _subject_then_verb(text, begin, language, data, last_speaker)
    if _points_back(window[word.end() :], data):
        return last_speaker, cue, False
    name = speaker_after(text, begin + word.end(), language, data)
    if name is None:
        return None, cue, False
    if name.lower() in data.pronouns:
        return last_speaker, cue, False
    return name, cue, True


# Most words of a description that points back ("kata maskapai milik Tata Group tersebut": five).
DEFINITE_WORDS = 6


def _points_back(after_cue: str, data: SpeechData) -> bool:
    """Whether the words after the cue are a description closed by "itu"/"tersebut" (the one just named:
    "…,” jelas Ketua Umum Partai Aceh itu")."""
    words = re.match(r"[^,.;:!?\n(]*", after_cue)
    found = re.findall(r"[\w-]+", words.group(0) if words else "")[: DEFINITE_WORDS + 1]
    return any(w.lower() in data.definite for w in found[1:]) and found[0].lower() not in data.pronouns


def _subject_then_verb(text: str, begin: int, language: str | None, data: SpeechData,
                       last_speaker: str | None) -> tuple[str | None, str | None, bool]:
    """A subject and a reporting verb after the quote: "…,” ia menerangkan." (the last named speaker),
    "…,” Gus Ipul menjelaskan." (the name)."""
    line_end = text.find("\n", begin)
    window = text[begin : min(begin + 120, line_end if line_end >= 0 else len(text))]
    pronoun = re.match(r"([\w-]+)\s+", window)
    if pronoun and pronoun.group(1).lower() in data.pronouns:
        verb = first_of(data.verbs, window[pronoun.end() :])
        if verb is not None and verb.start() == 0:
            return last_speaker, verb.group(0), False
        return None, None, False
    names = name_chunks(text, begin, begin + len(window), language)
    if not names or phrase_start(names[0]) != begin:
        return None, None, False
    verb = first_of(data.verbs, text[names[0].end : begin + len(window)])
    if verb is None or text[names[0].end : names[0].end + verb.start()].strip():
        return None, None, False
    return names[0].text, verb.group(0), True


def _glued_cue(token: str, data: SpeechData) -> str | None:
    """The cue word at the start of a token glued to a capitalised name ("kataEng" -> "kata")."""
    for cue in data.cues_after:
        if token.startswith(cue) and len(token) > len(cue) and token[len(cue)].isupper():
            return cue
    return None


def _unglue(name: str | None, data: SpeechData) -> str | None:
    """Cut a function word glued to the end of a name ("Eng Hiandalam" -> "Eng Hian")."""
    if not name:
        return name
    for tail in data.glued_tails:
        if name.endswith(tail) and len(name) - len(tail) >= 3 and name[-len(tail) - 1].isalpha():
            return name[: -len(tail)]
    return name


def speaker_after(text: str, pos: int, language: str | None, data: SpeechData) -> str | None:
    """The name or descriptor right after a cue word ("kata [Menteri X] Y", "kata seorang pejabat")."""
    rest = text[pos : pos + 160]
    lead = len(rest) - len(rest.lstrip(" "))
    start = pos + lead
    line_end = text.find("\n", start)
    limit = min(start + 160, line_end if line_end >= 0 else len(text))
    names = name_chunks(text, start, limit, language)
    lead_in = text[start : names[0].start].strip() if names else ""
    if names and (not lead_in or lead_in.isupper() or lead_in.rstrip(".").lower() in HONORIFICS
                  or _only_title_before(text, start, names[0])):
        return (_holder_or_first(text, names, data) or names[0]).text  # "RIPrabowo": an acronym glued on
    descriptor = _descriptor(text[start:limit], data)
    named = _named_after_description(text, start, names, data, descriptor is not None)
    if named or descriptor:
        return named.text if named else descriptor
    pronoun = re.match(r"[\w]+", text[start:limit])
    if pronoun and pronoun.group(0).lower() in data.pronouns:
        return pronoun.group(0)
    return None


# Lower-case honorifics written before a name ("ujar dr. Kisli Setiawan, Sp.OT").
HONORIFICS = frozenset({"dr", "drg", "drh", "ir", "prof", "hj"})
# Most lower-case words of a description before the person it describes ("kata salah satu calon penumpang
# pesawat Moat Yevi": five).
DESCRIPTION_WORDS = 6


def _named_after_description(text: str, start: int, names: list[Name], data: SpeechData,
                             known_head: bool) -> Name | None:
    """The person a lower-case description names right after it ("kata seorang warga, Budi", "kata
    petugas Pos Pengamatan Gunung Api, Emanuel Rofinus Bere"); None when a function word ends the
    description first ("kata sumber di Istana"). A person in apposition after the description's own name
    is the speaker ("tulis kakak Alyssa Daguise, Alexandra"); without a known head (`descriptor_heads`)
    only such a person is ("kata kepala operasi OpenAI, Brad Lightcap"; not "tutur pentolan Dewa 19 itu")."""
    if not names:
        return None
    between = text[start : phrase_start(names[0])]
    words = re.findall(r"[^\s,]+", between)
    stops = data.prepositions | data.pronouns | {w.lower() for w in data.glued_tails} | {"yang", "bahwa"}
    if not words or len(words) > DESCRIPTION_WORDS or any(not w.islower() or w in stops for w in words):
        return None
    apposition = len(names) > 1 and names[1].kind == "person" and not names[1].descriptor and \
        text[names[0].end : phrase_start(names[1])].strip() == "," and \
        not re.match(r"\.\w", text[names[1].end : names[1].end + 2])  # a degree ("…, Sp.OT") is no person
    if apposition and (not known_head or (names[0].kind == "person" and not names[0].descriptor)):
        return names[1]
    if not known_head:
        return None
    heads = {w for head in data.descriptor_heads for w in head.split()}
    if "," not in between and words[-1] in heads and names[0].kind == "person" and not names[0].descriptor:
        return None  # "juru bicara Trump Organization": whom the description speaks for, not a name
    return _holder_or_first(text, names, data)


def _holder_or_first(text: str, names: list[Name], data: SpeechData) -> Name | None:
    """The first chunk, or the person it names in apposition when it is an office ("VP Corporate Secretary
    Pelita Air, Agdya Yogandari"); None when an office names no one after it."""
    first = names[0]
    if first.kind == "person" and not first.descriptor:
        return first
    holder = holder_after(text, names, 0, data)
    return holder or (first if first.kind == "person" else None)


def _only_title_before(text: str, start: int, name: Name) -> bool:
    return name.descriptor is not None and text[start : name.start].strip() == name.descriptor


def _descriptor(window: str, data: SpeechData) -> str | None:
    low = window.lower()
    for head in data.descriptor_heads:
        if re.match(rf"{re.escape(head)}(?![\w-])", low):
            words = window.split()
            size = len(head.split())
            taken = words[: size + 1] if size == 1 and head in ("seorang", "para", "sejumlah", "beberapa",
                                                                "salah seorang") else words[:size]
            for word in words[len(taken) : len(taken) + 2]:
                clean = word.rstrip(",.;:")
                if clean.lower() in data.prepositions or clean.lower() in ("yang", "dan", "dalam"):
                    break
                taken.append(clean)
                if clean != word:
                    break
            return " ".join(w.rstrip(",.;:") for w in taken)
    return None


def _cue_before(text: str, open_pos: int, sentences: tuple[Span, ...], language: str | None, data: SpeechData,
                last_speaker: str | None) -> tuple[str | None, str | None, bool]:
    sentence = sentence_at(sentences, open_pos)
    if sentence is None or sentence.start >= open_pos:
        return None, None, False
    head = text[sentence.start : open_pos]
    found = subject_before_verb(text, sentence.start, open_pos, language, data)
    if found is not None:
        verb, subject, is_pronoun = found
        if is_pronoun:
            return last_speaker, verb, False
        return subject, verb, True
    low = head.lower()
    for phrase in data.according_to:
        idx = low.rfind(phrase + " ")
        if idx >= 0:
            name = speaker_after(text, sentence.start + idx + len(phrase) + 1, language, data)
            if name:
                return name, phrase, name.lower() not in data.pronouns
    return None, None, False


def subject_before_verb(text: str, start: int, end: int, language: str | None,
                        data: SpeechData) -> tuple[str, str | None, bool] | None:
    """The last reporting verb in text[start:end] and its subject: (verb, subject, subject_is_pronoun)."""
    head = _mask_inserts(text[start:end])
    verb_match = last_of(data.verbs, head)
    if verb_match is None:
        return None
    before = head[: verb_match.start()]
    if any(w.lower() in data.pronouns for w in re.findall(r"[\w-]+", before)[-2:]):
        earlier = subject_before_verb(text, start, start + verb_match.start(), language, data)
        if earlier is not None and not earlier[2]:
            return verb_match.group(0), earlier[1], False  # "X mengatakan bahwa ia …": ia is X
        return verb_match.group(0), None, True
    names = [n for n in name_chunks(text, start, start + verb_match.start(), language)
             if before[n.start - start : n.end - start].strip() and not _after_preposition(before, n.start - start,
                                                                                            data)]
    if names:
        return verb_match.group(0), _with_descriptor(text, start, names[-1], data), False
    descriptor = _descriptor_before(before, data)
    if descriptor:
        return verb_match.group(0), descriptor, False
    return None


def _with_descriptor(text: str, start: int, name: Name, data: SpeechData) -> str:
    """A place or organisation right after a descriptor speaks through it: "Seorang perwakilan Korea
    Utara mengatakan" is a representative, not North Korea; a person's name stands alone."""
    if name.kind == "person":
        return name.text
    before = text[max(start, name.start - 40) : name.start]
    low = before.lower()
    for head in data.descriptor_heads:
        m = re.search(rf"(?:(?:seorang|para|sejumlah|salah seorang)\s+)?{re.escape(head)}\s+$", low)
        if m and head not in ("seorang", "para", "sejumlah", "beberapa", "salah seorang"):
            return (before[m.start() :] + name.text).strip()
    return name.text


def _mask_inserts(head: str) -> str:
    """Blank out relative clauses and short comma-delimited asides, keeping offsets:
    "Zelensky, yang sebelumnya …, mengatakan" -> "Zelensky                 mengatakan"."""
    masked = re.sub(r",\s*yang\b[^,]*,", lambda m: " " * len(m.group(0)), head)
    return re.sub(r",\s*[a-z]+(?:\s+[a-z]+){0,2}\s*,", lambda m: " " * len(m.group(0)), masked)


def _after_preposition(before: str, offset: int, data: SpeechData) -> bool:
    words = re.findall(r"[\w-]+", before[:offset])[-2:]
    return any(w.lower() in data.prepositions for w in words)


def _descriptor_before(before: str, data: SpeechData) -> str | None:
    low = before.lower()
    for head in data.descriptor_heads:
        idx = low.rfind(head + " ")
        if idx >= 0 and (idx == 0 or not low[idx - 1].isalpha()):
            return _descriptor(before[idx:], data)
    return None


__all__ = ["find_quotes", "pair_marks"]
