"""Name chunks: runs of capitalised words that can name a speaker or a claimant, with titles and leading
affiliations (a country, an acronym) split off. A stand-in for the NER of the entities issue: it finds
the surface name; resolution to canonical entities comes later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kabar import lang as langdata
from kabar.extract.patterns import GLUE_RE

TOKEN_RE = re.compile(r"[A-Z\u00c0-\u00dd][\w'’.\-]*|[a-z]+(?=\s)|\S")
CAP_WORD = r"(?:[A-Z\u00c0-\u00dd](?:\.(?=\s+[A-Z])|[\w'’\-]*))"  # a word, or an initial ("A. Smith")
NAME_PARTICLES = ("bin", "binti", "van", "von", "de", "da", "del", "al", "el", "der", "den", "dos")
CHUNK_RE = re.compile(rf"{CAP_WORD}(?:\s+(?:(?:{'|'.join(NAME_PARTICLES)})\s+){{0,2}}{CAP_WORD})*")  # "van der"


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    descriptor: str | None  # the title or affiliation split off ("Menteri Luar Negeri")
    kind: str  # "person", "organisation", "place", "descriptor"


@dataclass(frozen=True, slots=True)
class SpeechData:
    cues_after: tuple[str, ...]
    cues_pronoun: frozenset[str]
    verbs: tuple[str, ...]
    according_to: tuple[str, ...]
    pronouns: frozenset[str]
    not_names: frozenset[str]
    titles: tuple[str, ...]
    org_heads: frozenset[str]
    descriptor_heads: tuple[str, ...]
    prepositions: frozenset[str]
    calendar_words: frozenset[str]
    glued_tails: tuple[str, ...]
    ranks: tuple[str, ...] = ()
    definite: frozenset[str] = frozenset()
    role_words: frozenset[str] = frozenset()
    office_marks: frozenset[str] = frozenset()  # the hand-written role_words


def _langs(language: str | None) -> list[str]:
    return [language] if language in langdata.supported() else langdata.supported()


def by_length(words: list[str]) -> tuple[str, ...]:
    """Distinct words, longest first (so that "Menteri Luar Negeri" is tried before "Menteri")."""
    return tuple(sorted(set(words), key=len, reverse=True))


@cache
def speech_data(language: str | None) -> SpeechData:
    merged: dict[str, list[str]] = {}
    calendar: set[str] = set()
    for code in _langs(language):
        for key, values in langdata.load(code, "speech").items():
            merged.setdefault(key, []).extend(values)
        cal = langdata.load(code, "calendar")
        calendar.update(w.capitalize() for w in (*cal["months"], *cal["weekdays"]))
    return SpeechData(
        cues_after=by_length(merged["cues_after"]),
        cues_pronoun=frozenset(w.lower() for w in merged["cues_pronoun"]),
        verbs=by_length(merged["verbs"]),
        according_to=by_length(merged["according_to"]),
        pronouns=frozenset(w.lower() for w in merged["pronouns"]),
        not_names=frozenset(merged["not_names"]),
        titles=by_length(merged["titles"] + merged["ranks"]),  # a rank before a name is a title too
        org_heads=frozenset(merged["org_heads"]),
        descriptor_heads=by_length(merged["descriptor_heads"]),
        prepositions=frozenset(w.lower() for w in merged["prepositions"]),
        calendar_words=frozenset(calendar),
        glued_tails=by_length(merged["glued_tails"]),
        ranks=by_length(merged["ranks"]),
        role_words=frozenset(merged["role_words"] + merged["role_words_learned"]),
        office_marks=frozenset(merged["role_words"]),
        definite=frozenset(merged["definite"]),
    )


@cache
def country_names(language: str | None) -> frozenset[str]:
    """Country names in the language (babel's territory names), e.g. Rusia, Korea Utara, Amerika Serikat."""
    from babel import Locale

    names: set[str] = set()
    for code in _langs(language):
        try:
            names.update(Locale.parse(code).territories.values())
        except (ValueError, LookupError):
            continue
    return frozenset(names)


def name_chunks(text: str, start: int, end: int, language: str | None) -> list[Name]:
    """Every name chunk inside text[start:end], cleaned of function words, titles and affiliations."""
    data = speech_data(language)
    out = []
    for m in CHUNK_RE.finditer(text, start, end):
        name = clean_chunk(text, m.start(), m.end(), language, data)
        if name is not None:
            out.append(name)
    return out


def clean_chunk(text: str, start: int, end: int, language: str | None, data: SpeechData) -> Name | None:
    words = [(w.start() + start, w.end() + start) for w in re.finditer(r"\S+", text[start:end])]
    words, glued_at = _split_glued(text, words, data)
    glue = words[glued_at][0] if glued_at else -1
    words = _cut_glued_tail(text, words)
    while words and (_word(text, words[0]) in data.not_names or _word(text, words[0]) in data.calendar_words):
        words.pop(0)
    cut = next((i for i, w in enumerate(words) if _word(text, w) in data.calendar_words), len(words))
    words = words[:cut]
    if words and text[words[-1][1] - 1] == "." and words[-1][1] - words[-1][0] > 3:
        words[-1] = (words[-1][0], words[-1][1] - 1)  # the sentence's full stop, not part of the name
    while words and _word(text, words[-1]).endswith("."):
        words.pop()  # an initial or abbreviation at the end is not the name
    if not words:
        return None
    glued_at = next((i for i, w in enumerate(words) if w[0] == glue), 0)
    if glued_at:  # "Wali Kota BandungMuhammad Farhan": what comes before the glue describes the name
        name = _classify(text, words[glued_at:], language, data)
        if name is not None and name.kind == "person":
            descriptor = text[words[0][0] : name.start].strip()
            return Name(name.start, name.end, name.text, descriptor, name.kind)
    return _classify(text, words, language, data)


# Shortest piece before a glue point that is taken for a glued word: shorter ones are brand names written in
# camel case ("YouGov", "VinFast", "InJourney"); "AirAsia" or "CryptoQuant", with no second word after the
# glue point, are never split.
GLUED_WORD = 4


def _split_glued(text: str, words: list[tuple[int, int]], data: SpeechData) -> tuple[list[tuple[int, int]], int]:
    """The chunk's words split at glue points, and the index of the word after the last glue point that a
    name of two words or more follows, where the name starts (0: none); a title glued to a name is split
    and stays a title ("PresidenPrabowo")."""
    out: list[tuple[int, int]] = []
    start_at = 0
    for index, (w_start, w_end) in enumerate(words):
        piece_start = w_start
        for m in GLUE_RE.finditer(text, w_start + 1, w_end):
            left = text[piece_start : m.start()]
            title = left in _title_set(data.titles)[0]
            follows = 1 + len(words) - index - 1  # the glued-on word and the words after it
            if not (title or (follows >= 2 and (len(left) >= GLUED_WORD or left.isupper()))):
                continue
            out.append((piece_start, m.start()))
            piece_start = m.start()
            if not title:
                start_at = len(out)
        out.append((piece_start, w_end))
    return out, start_at


def _cut_glued_tail(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A function word glued to the end of a name ends the name ("Prabowo Subiantodi Jakarta" -> "Prabowo
    Subianto") when the document writes the name without it elsewhere ("Budi", "Supardi" are names)."""
    for index, (w_start, w_end) in enumerate(words):
        word = text[w_start:w_end].rstrip(",;:.")
        for tail in _glued_function_words():
            stem = word[: -len(tail)]
            if (word.endswith(tail) and len(stem) >= 3 and stem[-1].islower() and stem[0].isupper()
                    and stem in _standalone(text)):
                return [*words[:index], (w_start, w_start + len(stem))]
    return words


@cache
def _glued_function_words() -> tuple[str, ...]:
    words: set[str] = {"dan", "yang"}
    for code in langdata.supported():
        speech = langdata.load(code, "speech")
        words.update(w for w in (*speech["prepositions"], *speech["glued_tails"]) if w.islower())
    return by_length(list(words))


@lru_cache(maxsize=4)
def _standalone(text: str) -> dict[str, bool]:
    """Every word of the text, and whether it occurs somewhere not after a capitalised word (so that it can
    stand for a person on its own: "Isnawa mengatakan", not only "Jasa Marga")."""
    seen: dict[str, bool] = {}
    previous_capital, previous_end = False, -1
    for m in WORD_RE.finditer(text):
        word = m.group(0)
        alone = not previous_capital or text[previous_end : m.start()] != " "
        seen[word] = seen.get(word, False) or alone
        previous_capital, previous_end = word[0].isupper(), m.end()
    return seen


WORD_RE = re.compile(r"[\w'’\-]+")


def _word(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]].rstrip(",;:")


def _classify(text: str, words: list[tuple[int, int]], language: str | None, data: SpeechData) -> Name | None:
    first = _word(text, words[0])
    whole = text[words[0][0] : words[-1][1]]
    if first in data.org_heads:
        return Name(words[0][0], words[-1][1], whole, None, "organisation")
    title_end = _title_length(text, words, data)
    rest = words[title_end:]
    if text[rest[0][0] : rest[-1][1]] in country_names(language) if rest else False:
        return Name(rest[0][0], rest[-1][1], text[rest[0][0] : rest[-1][1]],
                    text[words[0][0] : rest[0][0]].strip() or None, "place")
    stripped = _strip_affiliation(text, rest, language)
    lead = bool(title_end) or len(stripped) < len(rest) or (bool(rest) and _word(text, rest[0]) in data.role_words)
    rest = stripped
    if title_end:  # "Bupati [Bogor] Rudy Susmanto"
        rest = _strip_title_rest(text, rest)
    if lead:  # "Kepala [Pelaksana BPBD Jakarta] Isnawa Adji", "[Divisi Komunikasi]"
        rest = _strip_offices(text, rest, data, bool(title_end))
    rest = rest[_after_inner_title(text, rest, data):]  # "(Kapolda) Jawa Timur Irjen [Budi Santoso]"
    again = _title_length(text, rest, data) if len(rest) > 1 else 0  # "… Iran Ayatollah Ali Khamenei"
    if again < len(rest):
        rest = rest[again:]
    if lead and rest:
        rest = _holder_words(text, rest, language, data)
    if not rest:
        return Name(words[0][0], words[-1][1], whole, None, _office_kind(text, words, title_end, language, data))
    descriptor = text[words[0][0] : rest[0][0]].strip() or None
    core = text[rest[0][0] : rest[-1][1]]
    kind = "place" if core in country_names(language) else "person"
    if kind == "person" and all(_word(text, w).isupper() for w in rest):
        kind = "organisation"
    return Name(rest[0][0], rest[-1][1], core, descriptor, kind)


def _after_last_office(text: str, name: Name, data: SpeechData) -> Name:
    """The words of a chunk after its last office word, when two or more; a chunk whose office words leave
    no such name is an office ("Pekerjaan Umum dan [Penataan Ruang]")."""
    spans = [(m.start() + name.start, m.end() + name.start) for m in re.finditer(r"\S+", name.text)]
    last = max((i for i, w in enumerate(spans) if _office_word(text, w, data)), default=-1)
    if last < 0:
        return name
    if len(spans) - last - 1 < 2:
        return Name(name.start, name.end, name.text, name.descriptor, "organisation")
    start = spans[last + 1][0]
    descriptor = text[phrase_start(name) : start].strip()
    return Name(start, name.end, text[start : name.end], descriptor, "person")


def _new_title(text: str, name: Name, data: SpeechData) -> bool:
    """Whether a title other than a rank heads the name's descriptor: another office, so another person
    ("… dan Gubernur NTT Melki Laka Lena"); a rank is how the holder's name starts ("Kapuspen TNI, Mayjen
    TNI Kristomei Sianturi")."""
    spans = _spans(text, name)
    ranks, longest = _title_set(data.ranks)
    if any(" ".join(_word(text, w) for w in spans[:n]) in ranks for n in range(1, longest + 1)):
        return False
    return _title_length(text, spans, data) > 0


def phrase_start(name: Name) -> int:
    """Where the name's chunk starts: before its descriptor, if it has one."""
    return name.start - len(name.descriptor) - 1 if name.descriptor else name.start


def _spans(text: str, name: Name) -> list[tuple[int, int]]:
    """The words of a name's descriptor (the title phrase before it)."""
    begin = phrase_start(name)
    return [(m.start() + begin, m.end() + begin) for m in re.finditer(r"\S+", text[begin : name.start])]


def _office_kind(text: str, words: list[tuple[int, int]], title_end: int, language: str | None,
                 data: SpeechData) -> str:
    """What a chunk with no person's name in it names: a title or office word first makes it a role that
    stands for its holder ("Menurut Kapolres, …", "Wakil Direktur Lalu Lintas Polda Metro Jaya")."""
    from kabar.ner.gazetteer import cities

    first = _word(text, words[0])
    whole = text[words[0][0] : words[-1][1]]
    if whole in country_names(language) or first.lower() in cities():
        return "place"
    if title_end or first in data.office_marks:  # learned words start organisations too ("Balai Teknik …")
        return "role"
    return "organisation"


def _title_length(text: str, words: list[tuple[int, int]], data: SpeechData) -> int:
    """How many leading words form a title (longest match, repeated: "Wakil Menteri Luar Negeri")."""
    titles, longest = _title_set(data.titles)
    taken = 0
    while taken < len(words):
        for n in range(min(longest, len(words) - taken), 0, -1):  # the longest title first
            if " ".join(_word(text, w) for w in words[taken : taken + n]) in titles:
                taken += n
                break
        else:
            break
    return taken


@cache
def _title_set(titles: tuple[str, ...]) -> tuple[frozenset[str], int]:
    return frozenset(titles), max((len(t.split()) for t in titles), default=0)


def _after_inner_title(text: str, words: list[tuple[int, int]], data: SpeechData) -> int:
    """Where the holder's name starts after a rank inside the phrase ("Jawa Timur Irjen Budi Santoso" -> 3),
    when a name follows it ("RS Polri Kramat Jati AKBP Firdaus": one word is a name after a rank); 0 when
    none does."""
    titles, longest = _title_set(data.ranks)
    for i in range(len(words) - 2, 0, -1):
        n = next((n for n in range(min(longest, len(words) - i), 0, -1)  # the longest first: "Kombes Pol"
                  if " ".join(_word(text, w) for w in words[i : i + n]) in titles), 0)
        if n and len(words) - i - n >= 1:
            return i + n
    return 0


def _strip_title_rest(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """After a title, drop the city its office is in, and an acronym, while two words of a name remain
    ("Bupati [Bogor] Rudy Susmanto", "Kapolres [Cilegon AKBP] Kemas Indra Natanegara"). Common words are
    left: stripping them cut organisations apart ("Blue Bird", "Jasa Marga") and given names ("Harapan")
    as often as it found the person (measured on the June corpus)."""
    from kabar.ner.gazetteer import cities

    places = cities()
    while len(words) > 2:
        word = _word(text, words[0])
        if not ((word.isupper() and len(word) >= 2) or word.lower() in places):
            break
        words = words[1:]
    return words


def _strip_offices(text: str, words: list[tuple[int, int]], data: SpeechData,
                   titled: bool) -> list[tuple[int, int]]:
    """Drop the office words that lead the phrase ("[Sosial] Saifullah Yusuf", "[Pelaksana BPBD Jakarta]
    Isnawa Adji"); a phrase of office words only is no person's name ([] is returned). One word is left as
    the name only after a title and when it can be one (`_one_word_name`); otherwise the whole phrase is the
    office, so that an organisation is not cut to its last word ("Air India", "Jasa Marga")."""
    if words and all(_office_word(text, w, data) for w in words):
        return []
    taken = 0
    while taken < len(words) - 1 and _office_word(text, words[taken], data):
        taken += 1
    if taken and len(words) - taken == 1 and (not titled or not _one_word_name(text, _word(text, words[-1]))):
        return []  # "Kepala [Bidang Distribusi]", "Air India": an office or a firm, not a person called India
    return words[taken:]


def _holder_words(text: str, words: list[tuple[int, int]], language: str | None,
                  data: SpeechData) -> list[tuple[int, int]]:
    """The holder's name inside what is left of an office phrase: the words after its last sure office word
    (an acronym, a country, a hand-written office word or a city named in offices), when two or more
    ("Direktur Pengembangan Usaha PT Timah Tbk [Suhendra Ratuprawiranegara]", "Executive Director Ipsos
    Indonesia [Andi Sukma]"); none when an organisation's name or an office word is left
    ("Wakil Direktur Lalu Lintas Polda Metro Jaya", "Chief Medical Officer")."""
    marks = [i for i, w in enumerate(words[:-1]) if _sure_office_word(text, w, language, data)]
    if marks and len(words) - marks[-1] - 1 >= 2:
        words = words[marks[-1] + 1 :]
    if any(_word(text, w) in data.org_heads for w in words) or _office_word(text, words[-1], data):
        return []
    return words


def _sure_office_word(text: str, span: tuple[int, int], language: str | None, data: SpeechData) -> bool:
    """An office word that never starts a person's name (learned words such as "Anak" or "Alam" can)."""
    from kabar.ner.gazetteer import cities

    word = _word(text, span)
    return ((word.isupper() and len(word) >= 2) or word in data.office_marks or word in country_names(language)
            or (word in data.role_words and word.lower() in cities()))


def _one_word_name(text: str, word: str) -> bool:
    """Whether one word left after an office can be its holder's name: the text writes it alone elsewhere
    ("Isnawa mengatakan"), or it is no common word (nlp-id's POS corpus: "Kawiyan", not "Distribusi")."""
    from kabar.ner.features import lexicon
    from kabar.ner.gazetteer import cities

    if word.lower() in cities():
        return False  # "Kapolres Padang [Pariaman]": the office's place
    if _standalone(text).get(word, False):
        return True
    entry = lexicon().get(word.lower())
    return entry is None or entry[0] in "Pp"


def _office_word(text: str, span: tuple[int, int], data: SpeechData) -> bool:
    """A word of an office or affiliation: in `role_words` or an acronym. (Not any city of the gazetteer:
    many are given names too, "Hasan Nasbi"; the cities that offices name are in `role_words`.)"""
    word = _word(text, span)
    return word in data.role_words or (word.isupper() and len(word) >= 2)


def _strip_affiliation(text: str, words: list[tuple[int, int]], language: str | None) -> list[tuple[int, int]]:
    """Drop a leading country or acronym when a name follows it ("NATO Mark Rutte", "Ukraina Rustem Umerov")."""
    countries = country_names(language)
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in (3, 2, 1):
            if n < len(words) and " ".join(_word(text, w) for w in words[:n]) in countries:
                words = words[n:]
                changed = True
                break
        else:
            if _word(text, words[0]).isupper() and len(_word(text, words[0])) >= 2 and len(words) > 1:
                words = words[1:]
                changed = True
    return words


# What may stand between the parts of an office and its holder's name: commas, "dan", a bracketed short form
# ("Kepala Pusat Data dan Informasi (Kapusdatin) BPBD Jakarta Mohamad Yohan"), a lower-case honorific
# ("…, dr. Mohammad Imran").
APPOSITION_GAP_RE = re.compile(r"(?:\s|,|/|&|\([^()\n]{0,40}\)"
                               r"|(?<![\w-])(?:dan|serta|and|of|dr|drg|drh)(?![\w-])\.?)*")


def holder_after(text: str, names: list[Name], index: int, data: SpeechData) -> Name | None:
    """The person an office phrase names after it: `names[index]` is an office, place or organisation (or a
    person's chunk headed by a title), and the holder follows it in apposition ("VP Corporate Secretary
    Pelita Air, Agdya Yogandari", "Kepala Divisi Komunikasi dan Legal Bandara …, Gede Eka Sandi Asmadi").
    A person after a comma is preferred to one joined by "dan"; None when the phrase ends first, or when a
    title starts another person's phrase ("Menteri Sosial dan Gubernur NTT …", "Presiden X, Ketua Umum Y")."""
    first = names[index]
    pos = first.end
    candidates: list[tuple[bool, Name]] = []
    for name in names[index + 1 :]:
        region = text[pos : phrase_start(name)]
        if region.count("(") > region.count(")"):
            continue  # inside brackets: the office's short form
        if "\n" in region or APPOSITION_GAP_RE.fullmatch(region) is None:
            break
        if name.descriptor and _new_title(text, name, data):
            break
        if name.kind == "person" and "," not in region:
            name = _after_last_office(text, name, data)  # "… dan [Investasi Kementerian Pariwisata] Rizki …"
        if name.kind == "person":
            candidates.append(("," in region, name))
            if first.kind == "person" or "," in region:
                break
        pos = name.end
    if first.kind == "person":
        candidates = [c for c in candidates[:1] if c[0]]
    commas = [n for comma, n in candidates if comma]
    ordered = commas or [n for _, n in candidates]
    return ordered[0] if ordered else None


def role_holder(text: str, role: str, language: str | None) -> str | None:
    """The person the document names with a role that stands for its holder ("kata Kapolda" -> the one
    "Kapolda Jawa Timur Irjen Budi Santoso" of the same text; "Menteri Sosial" -> "Menteri Sosial (Mensos)
    Saifullah Yusuf"), when it names exactly one; None otherwise (two holders of the role, or none)."""
    chunks = name_chunks(role, 0, len(role), language)
    if len(chunks) != 1 or chunks[0].kind != "role" or chunks[0].text != role:
        return None
    holders = {person for office, person in _offices(text, language) if _names_role(office, role)}
    distinct = {h for h in holders if not any(h != other and h in other for other in holders)}
    return distinct.pop() if len(distinct) == 1 else None


def _names_role(office: str, role: str) -> bool:
    """Whether an office phrase starts with the role, glued or not ("Panglima TNIJenderal" names "Panglima
    TNI"; "Kapoldasu" is no "Kapolda")."""
    if not office.casefold().startswith(role.casefold()):
        return False
    return len(office) == len(role) or not office[len(role)].islower()


@lru_cache(maxsize=4)
def _offices(text: str, language: str | None) -> tuple[tuple[str, str], ...]:
    """(office, holder) for every person the text names with a title or an office phrase, per line."""
    data = speech_data(language)
    found: list[tuple[str, str]] = []
    pos = 0
    for line in text.split("\n"):
        names = name_chunks(text, pos, pos + len(line), language)
        for index, name in enumerate(names):
            if name.kind == "person" and name.descriptor:
                found.append((name.descriptor, name.text))
            elif name.kind in ("role", "organisation"):
                holder = holder_after(text, names, index, data)
                if holder is not None:
                    found.append((name.text, holder.text))
        pos += len(line) + 1
    return tuple(found)


@cache
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """Every start of a whole-word occurrence of any of `words`, overlapping ones included; at one start the
    first of `words` (in their order) that fits is taken."""
    return re.compile(r"(?=(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-]))")


@cache
def _one_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def word_starts(words: tuple[str, ...] | list[str], text: str) -> list[re.Match[str]]:
    """Whole-word occurrences in `text` of any of `words`, by start (one per start: the first word that fits)."""
    if not words:
        return []
    return [_one_word(m.group(1)).match(text, m.start()) for m in _any_word(tuple(words)).finditer(text)]  # type: ignore[misc]


def has_word(words: tuple[str, ...] | list[str], text: str) -> bool:
    return bool(words) and _any_word(tuple(words)).search(text) is not None


def first_of(words: tuple[str, ...] | list[str], text: str) -> re.Match[str] | None:
    """The first whole-word occurrence in `text` of any of `words`."""
    if not words:
        return None
    m = _any_word(tuple(words)).search(text)
    return _one_word(m.group(1)).match(text, m.start()) if m else None


def last_of(words: tuple[str, ...] | list[str], text: str) -> re.Match[str] | None:
    """The last whole-word occurrence in `text` of any of `words` (reporting verbs, clause breaks)."""
    found = word_starts(words, text)
    return found[-1] if found else None


def common_word(surface: str, text: str = "", language: str | None = None) -> bool:
    """A capitalised one-word "name" the lexicon knows as a common word, rarely a proper noun ("Data",
    "Pria", "Membuka", "Konflik", "Warga"): a sentence's first word or a stray capital, not who speaks. Not
    an acronym ("API"), a known entity ("Antara"), a title or a description ("Hakim", "Pejabat": a role),
    nor a word the text also writes inside a longer name ("Anggun" of "Anggun C. Sasmi", "Musk" of "Elon
    Musk")."""
    from kabar.ner.features import lexicon
    from kabar.ner.gazetteer import curated

    words = surface.split()
    if len(words) != 1 or not words[0][:1].isupper():
        return False  # a lower-case description ("sumber", "jaksa") is how the text names an unnamed source
    word = words[0].strip(".,")
    low = word.lower()
    if len(word) < 2:
        return True
    bucket = lexicon().get(low)
    if bucket is None or not bucket.startswith("c") or (word.isupper() and len(word) > 1) or low in curated():
        return False
    data = speech_data(language)
    if low in data.titles or low in data.descriptor_heads or low in data.org_heads:
        return False
    escaped = re.escape(word)
    return re.search(rf"(?<![\w-]){escaped}\s+[A-Z]|[A-Z][\w.-]*\s+{escaped}(?![\w-])", text) is None
