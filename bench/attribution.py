"""kabar's rule-based attribution measured against two annotated sets (issue 12).

usage: PYTHONPATH=src .venv/bin/python bench/attribution.py [--set kota|polnear|both] [--kota-join paragraph|space]
           [--kota-window N] [--errors FILE] [--silver-sample N] [--seed S] [--json]

Sets (never copied into the project, read from ../shared/data):
- KoTA dev (`quotes-id/kota/dev-40.txt`): Indonesian, one token and one BILOU tag a line, a blank line
  between sentences, no document boundaries; **silver**. Its STATEMENT spans are reported speech *outside*
  quotation marks ("Zakky menegaskan bahwa …", "Menurut Zakky, …"): direct quotes are tagged O, so KoTA
  measures recall of indirect statements only and cannot measure precision.
- PolNeAR dev (`attribution-en/polnear/dev`): English, brat standoff with character offsets; each
  attribution is a Content, a Cue and (mostly) a Source span; gold.

Decisions:
- KoTA sentences are detokenised (punctuation and quotation marks attached, offsets kept) and grouped in
  order into pseudo-documents of `--kota-window` sentences, one paragraph each (`--kota-join paragraph`) or
  one paragraph for the window (`space`); the set's sentences follow their articles, so a window gives the
  pronoun rules the preceding sentences they need; a window may start inside an article.
- Each document goes through `kabar.pipeline.process` (the public per-document function). kabar's
  attributions are its quotes (speaker) and its statements (claimant).
- A gold attribution is *found* when a kabar item overlaps its content (any character); the best item is
  the overlapping one with a speaker and the largest overlap. Its speaker is right when the normalised
  names are equal (strict) or one's words contain the other's (lenient: "Zakky" for "Zakky Habibi").
- Gold sources are classed: named, pronoun ("Ia", "he", "Menurutnya"), description ("sources", "the
  official", "Imam Besar Masjid Istiqlal itu"), role (KoTA: only a ROLE/AFFILIATION span), none. Speaker
  accuracy is reported per class; a pronoun is scored against an approximate antecedent (the last gold
  PERSON of the KoTA window, the last named gold source of the PolNeAR article), marked approximate.
- Every miss and wrong speaker gets an automatic error class (`error_class`); `--errors` writes them with
  their context for reading.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KOTA_DEV = SHARED / "data" / "quotes-id" / "kota" / "dev-40.txt"
POLNEAR_DEV = SHARED / "data" / "attribution-en" / "polnear" / "dev"

# Share of a gold content that kabar's overlapping items must cover for the content to count as found: a
# two-word scare quote inside a long paraphrase is not finding the paraphrase; half allows for the
# different boundaries of the two sets ("bahwa" in or out, a quote's closing comma).
MIN_COVERAGE = 0.5
# Sentences per KoTA pseudo-document: long enough for "Ia"/"katanya" to find a speaker named a few
# sentences earlier, short enough that a window rarely spans many articles (KoTA articles run 15-40).
KOTA_WINDOW = 20

PRONOUNS = frozenset({
    "who", "which", "that",  # relative pronouns: PolNeAR marks them as the source of a relative clause
    "ia", "dia", "beliau", "mereka", "dirinya", "pihaknya", "kami", "saya", "aku", "kita", "nya",
    "he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "its", "their", "us", "me",
    "himself", "herself", "themselves"})
# Words that make a source a description rather than a name ("the source", "pejabat itu").
DETERMINERS = frozenset({"the", "a", "an", "another", "some", "many", "most", "other", "others", "both",
                         "several", "this", "that", "these", "those", "its", "his", "her", "their", "our",
                         "itu", "tersebut", "ini", "seorang", "para", "sejumlah", "beberapa"})
# Honorifics dropped before names are compared ("Ibu Siti" = "Siti", "Mr. Trump" = "Trump").
HONORIFICS = frozenset({"pak", "bu", "ibu", "bapak", "sdr", "saudara", "mr", "mrs", "ms", "dr", "prof", "sen",
                        "rep", "gov", "h", "hj", "kh"})
# Academic degrees written after a name ("Dominikus Nitsae, S. Pd", "Dr. Suaedi, MSi").
DEGREES = frozenset({"pd", "spd", "mpd", "si", "msi", "ssi", "se", "mm", "mkm", "sh", "mh", "st", "mt", "skom", "mkom",
                     "s", "m", "ag", "sag", "mag", "phd", "ma", "msc", "sos", "ssos", "ak", "kes", "mkes", "ip", "sp"})
# Tokens attached to the token before them / after them when KoTA is detokenised.
NO_SPACE_BEFORE = frozenset({",", ".", ")", "]", "}", ";", ":", "?", "!", "%", "'s", "n't"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "#", "@"})


# records ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]  # one or more character spans (PolNeAR contents may be split)
    source: str | None
    source_span: tuple[int, int] | None
    source_kind: str  # named | pronoun | description | role | none
    cue: str | None
    antecedent: str | None = None  # for a pronoun: the approximate name it stands for


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    extra: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # roles, affiliations


@dataclass(frozen=True, slots=True)
class Said:
    """One attribution kabar made: a quote or a statement with its speaker."""

    start: int
    end: int
    speaker: str | None
    kind: str  # quote | statement


@dataclass(frozen=True, slots=True)
class Outcome:
    dataset: str
    doc: str
    content: str
    source: str | None
    source_kind: str
    cue: str | None
    found: bool
    touched: bool  # some overlap, maybe less than MIN_COVERAGE (a scare quote inside a paraphrase)
    kabar_kind: str | None
    speaker: str | None
    strict: bool
    lenient: bool
    error: str | None
    context: str
    quoted: bool = False  # the content opens or closes with a quotation mark (a direct quote)


# KoTA -------------------------------------------------------------------------------------------------
def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag) from a token<TAB>tag file with blank lines between sentences."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rpartition("\t")
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text of one sentence and each token's offsets: punctuation and quotation marks attached the way
    copy writes them, so that kabar's quote pairing sees `"Kami …," kata X`, not `" Kami … , " kata X`."""
    out, offsets, glue_next, open_quote = "", [], True, False
    for i, token in enumerate(tokens):
        closing = token in ('"', "''") and _closes(tokens, i, open_quote)
        attach = glue_next or token in NO_SPACE_BEFORE or closing
        if out and not attach:
            out += " "
        offsets.append((len(out), len(out) + len(token)))
        out += token
        glue_next = token in NO_SPACE_AFTER or (token in ('"', "''") and not closing)
        if token in ('"', "''"):
            open_quote = not closing
    return out, offsets


def _closes(tokens: list[str], i: int, open_quote: bool) -> bool:
    """A straight quote closes when one is open in the sentence, or when it follows punctuation and is
    followed by a lowercase word (a quote that began in the previous sentence: `… , " kata X`)."""
    if open_quote:
        return True
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return bool(before) and before[-1] in ",.!?" and (not after or after[:1].islower())


def bilou_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, label) of every BILOU span."""
    spans, start = [], None
    for i, tag in enumerate(tags):
        mark, _, label = tag.partition("-")
        if mark == "U":
            spans.append((i, i + 1, label))
        elif mark == "B":
            start = i
        elif mark == "L" and start is not None:
            spans.append((start, i + 1, label))
            start = None
    return spans


def kota_documents(sentences: list[list[tuple[str, str]]], window: int = KOTA_WINDOW,
                   join: str = "paragraph") -> list[GoldDocument]:
    docs = []
    for first in range(0, len(sentences), window):
        docs.append(_kota_document(sentences[first : first + window], f"kota-dev:{first}", join))
    return docs


def _kota_document(sentences: list[list[tuple[str, str]]], name: str, join: str) -> GoldDocument:
    separator = "\n\n" if join == "paragraph" else " "
    text, last_person = "", None
    attributions: list[GoldAttribution] = []
    extra: dict[str, list[tuple[int, int, str]]] = {"ROLE": [], "AFFILIATION": []}
    for sentence in sentences:
        if text:
            text += separator
        base = len(text)
        body, offsets = detokenise([t for t, _ in sentence])
        text += body
        spans = [(base + offsets[a][0], base + offsets[b - 1][1], label)
                 for a, b, label in bilou_spans([g for _, g in sentence])]
        for start, end, label in spans:
            if label in extra:
                extra[label].append((start, end, text[start:end]))
        attributions.extend(_kota_attributions(text, spans, last_person))
        persons = [text[s:e] for s, e, label in spans if label == "PERSON"]
        last_person = persons[-1] if persons else last_person
    return GoldDocument(name, text, tuple(attributions), extra)


def _kota_attributions(text: str, spans: list[tuple[int, int, str]],
                       last_person: str | None) -> Iterator[GoldAttribution]:
    """Each STATEMENT with the cue nearest to it and the source nearest to that cue (same sentence)."""
    cues = [s for s in spans if s[2] in ("CUE", "CUECOREF")]
    for start, end, label in spans:
        if label != "STATEMENT":
            continue
        cue = min(cues, key=lambda c: _distance(c, (start, end)), default=None)
        anchor = (cue[0], cue[1]) if cue else (start, end)
        source = _nearest(spans, anchor, ("PERSON", "PERSONCOREF"))
        if source is None and cue is not None and cue[2] == "CUECOREF":
            source = cue  # "Menurutnya", "katanya": the pronoun is inside the cue
        kind = _source_kind(text[source[0] : source[1]], source[2]) if source else "none"
        if source is None:
            source = _nearest(spans, anchor, ("ROLE", "AFFILIATION"))
            kind = "role" if source else "none"
        yield GoldAttribution(((start, end),), text[source[0] : source[1]] if source else None,
                              (source[0], source[1]) if source else None, kind,
                              text[cue[0] : cue[1]] if cue else None,
                              last_person if kind in ("pronoun", "description") else None)


def _nearest(spans: list[tuple[int, int, str]], anchor: tuple[int, int],
             labels: tuple[str, ...]) -> tuple[int, int, str] | None:
    return min((s for s in spans if s[2] in labels), key=lambda s: _distance(s, anchor), default=None)


def _distance(a: tuple[int, int] | tuple[int, int, str], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _source_kind(source: str, label: str) -> str:
    """The head of a source (before an apposition or relative clause: "Kenneth Baer, a former official
    who …" is named) decides: all pronouns, or a determiner or no capital (description), else named."""
    head = re.split(r",|\(| who | which | yang ", source)[0]
    words = re.findall(r"[^\W_]+", head.lower())
    if label == "CUECOREF" or (words and all(w in PRONOUNS for w in words)) or (
            len(words) == 1 and words[0].endswith("nya")):
        return "pronoun"
    capitalised = [w for w in head.split() if w[:1].isupper() and w.lower() not in DETERMINERS | PRONOUNS]
    if not capitalised or (words and words[0] in DETERMINERS) or any(w in DETERMINERS for w in words[1:]):
        return "description"
    return "named"


# PolNeAR ----------------------------------------------------------------------------------------------
def polnear_documents(folder: Path) -> list[GoldDocument]:
    texts = {p.stem: p for p in (folder / "text").glob("*.txt")}
    docs = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text = texts[stem].read_text(encoding="utf-8")
        docs.append(GoldDocument(stem, text, tuple(_brat_attributions(ann.read_text(encoding="utf-8"), text))))
    return docs


def _brat_attributions(ann: str, text: str) -> Iterator[GoldAttribution]:
    spans: dict[str, tuple[tuple[int, int], ...]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:  # a blank or truncated line (a few in PolNeAR train)
            continue
        if parts[0].startswith("T"):
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = tuple((int(a), int(b)) for a, b in (s.split() for s in offsets.split(";")))
        elif parts[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    last_named = None
    for event in sorted(events, key=lambda e: spans[e["Content"]][0] if "Content" in e else (0, 0)):
        if "Content" not in event or next(iter(event)) == "Discard":
            continue
        source = spans[event["Source"]][0] if "Source" in event else None
        source_text = text[source[0] : source[1]] if source else None
        kind = _source_kind(source_text, "Source") if source_text else "none"
        cue = spans[event["Cue"]][0] if "Cue" in event else None
        yield GoldAttribution(spans[event["Content"]], source_text, source, kind,
                              text[cue[0] : cue[1]] if cue else None, last_named if kind == "pronoun" else None)
        if kind == "named":
            last_named = source_text


# kabar ------------------------------------------------------------------------------------------------
def kabar_attributions(doc: GoldDocument) -> tuple[list[Said], str | None]:
    """kabar's quotes and statements of one document, and the language it detected."""
    from kabar.pipeline import process
    from kabar.read.raw import RawRecord

    result = process(RawRecord(doc.name, doc.name, "txt", text=doc.text))
    if not isinstance(result, tuple):
        return [], None
    document, extraction = result
    if document.text != doc.text:
        raise ValueError(f"{doc.name}: kabar changed the text (offsets would not match)")
    said = [Said(q.start, q.end, q.speaker or q.speaker_surface, "quote") for q in extraction.quotes]
    said += [Said(s.start, s.end, s.claimant or s.claimant_surface, "statement") for s in extraction.statements]
    return said, document.language


# scoring ----------------------------------------------------------------------------------------------
def normal_words(name: str | None) -> list[str]:
    words = re.findall(r"[^\W_]+", (name or "").lower())
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return words


def same_speaker(gold: str | None, said: str | None) -> tuple[bool, bool]:
    """(strict, lenient): equal normalised names; or the words of one inside the other's."""
    g, s = normal_words(gold), normal_words(said)
    if not g or not s:
        return False, False
    strict = g == s
    return strict, strict or set(g) <= set(s) or set(s) <= set(g)


def best_match(gold: GoldAttribution, said: list[Said]) -> tuple[Said | None, float]:
    """The overlapping kabar item with a speaker and the largest overlap, and the share of the gold
    content that all overlapping items cover."""
    def overlap(item: Said) -> int:
        return sum(max(0, min(b, item.end) - max(a, item.start)) for a, b in gold.content)

    hits = [s for s in said if overlap(s) > 0]
    covered = {i for a, b in gold.content for s in hits for i in range(max(a, s.start), min(b, s.end))}
    size = sum(b - a for a, b in gold.content)
    best = max(hits, key=lambda s: (s.speaker is not None, overlap(s)), default=None)
    return best, len(covered) / size if size else 0.0


def score_document(dataset: str, doc: GoldDocument, said: list[Said], cues: Cues) -> list[Outcome]:
    out = []
    for gold in doc.attributions:
        match, coverage = best_match(gold, said)
        touched = match is not None
        if coverage < MIN_COVERAGE:
            match = None
        target = gold.antecedent if gold.source_kind == "pronoun" else gold.source
        strict, lenient = same_speaker(target, match.speaker) if match else (False, False)
        error = None if lenient else error_class(gold, match, doc, cues)
        a, b = gold.content[0][0], gold.content[-1][1]
        context = doc.text[max(0, a - 160) : min(len(doc.text), b + 160)].replace("\n", " ⏎ ")
        out.append(Outcome(dataset, doc.name, doc.text[a:b][:300], gold.source, gold.source_kind, gold.cue,
                           match is not None, touched, match.kind if match else None, match.speaker if match else None,
                           strict, lenient, error, context, _quoted(doc.text[a:b])))
    return out


def _quoted(content: str) -> bool:
    marks = "“”\"«»„"
    body = content.strip(" ,.")
    return bool(body) and (body[0] in marks or body[-1] in marks or body.startswith("''") or body.endswith("''"))


def error_class(gold: GoldAttribution, match: Said | None, doc: GoldDocument, cues: Cues) -> str:
    """A first guess at why kabar is wrong, from what the gold says; read the errors to check it."""
    if match is None:
        return _miss_class(gold, doc, cues)
    if match.speaker is None:
        after = doc.text[match.end : match.end + 80]
        if re.match(r"[\s,.”\"']*(?:[A-Z][\w.'’-]*\s+){1,5}(?:said|says|told|added|wrote|explained)\b", after):
            return "found: no speaker, English order '“…,” Name said' (name before the cue)"
        return "found: no speaker"
    said, source = set(normal_words(match.speaker)), set(normal_words(gold.source))
    if said and said <= DEGREES:
        return "found: an academic degree after the name taken as the name ('Zulfa Hidayat, S.Pd.')"
    if said and said <= PRONOUNS:
        return "found: kabar's speaker is a pronoun"
    if len(said) == 1 and re.search(rf"(?<![\w-]){re.escape(match.speaker.lower())}(?![\w-])", doc.text):
        return "found: kabar's speaker is a common word (capitalised)"
    if gold.source_kind == "pronoun":
        return "found: pronoun resolved to another name"
    if said & source:
        return "found: wrong name boundary"
    roles = [t for s, e, t in doc.extra.get("ROLE", []) + doc.extra.get("AFFILIATION", [])]
    if any(said & set(normal_words(r)) for r in roles):
        return "found: role or affiliation instead of the person"
    if gold.source_kind == "none":
        return "found: gold names no source, kabar does (not counted in speaker accuracy)"
    if gold.source_kind in ("description", "role"):
        return f"found: {gold.source_kind} source, kabar names another"
    return "found: another speaker"


def _miss_class(gold: GoldAttribution, doc: GoldDocument, cues: Cues) -> str:
    a, b = gold.content[0][0], gold.content[-1][1]
    if doc.text[a : a + 2] == "''" or doc.text[b - 2 : b] == "''":
        return "miss: quotation marks written as two apostrophes ('' … '')"
    cue = " ".join(normal_words(gold.cue))
    if cue and not _known_cue(cue, cues.all):
        stems = {_stem(c) for c in cues.all}
        if any(_stem(w) in stems for w in cue.split()):
            return "miss: cue is another form of a known cue"
        return "miss: cue not in kabar's lists"
    if cue and not _known_cue(cue, cues.verbs):
        return "miss: known cue but no rule for it outside quotes ('menurut X, …', ', kata X,', 'according to')"
    if gold.source_kind != "named":
        return f"miss: known verb, {gold.source_kind} source"
    from kabar.resolve.disagreements import statement

    if statement(gold.source or "", doc.text[a:b], a, cues.language) is None:
        return "miss: known verb, named source, dropped by the statement filter (no event word)"
    return "miss: known verb, named source, subject not found"


def _known_cue(cue: str, cues: frozenset[str]) -> bool:
    return cue in cues or any(w in cues for w in cue.split()) or any(cue.startswith(c) for c in cues if " " in c)


def _stem(word: str) -> str:
    """A crude stem for matching inflections of cue words (say/says/saying; katanya/kata)."""
    for suffix in ("nya", "ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class Cues:
    language: str
    verbs: frozenset[str]  # reporting verbs (what kabar's statements start from)
    all: frozenset[str]  # and the cues after quotes, "menurut"/"according to"


@cache
def cue_words(language: str) -> Cues:
    from kabar.extract.claims import claim_data
    from kabar.extract.names import speech_data

    speech = speech_data(language)
    verbs = frozenset(w.lower() for w in claim_data(language).verbs)
    others = {*speech.cues_after, *speech.cues_pronoun, *speech.according_to}
    return Cues(language, verbs, verbs | {w.lower() for w in others})


def summarise(outcomes: list[Outcome]) -> dict[str, object]:
    found = [o for o in outcomes if o.found]
    by_kind: dict[str, dict[str, float | None]] = {}
    for kind in ("named", "pronoun", "description", "role", "none"):
        gold = [o for o in outcomes if o.source_kind == kind]
        hit = [o for o in gold if o.found]
        if gold:
            by_kind[kind] = {"gold": len(gold), "found": len(hit), "recall": _ratio(len(hit), len(gold)),
                             "speaker_strict": _ratio(sum(o.strict for o in hit), len(hit)),
                             "speaker_lenient": _ratio(sum(o.lenient for o in hit), len(hit))}
    scored = [o for o in found if o.source_kind in ("named", "pronoun")]
    return {"gold": len(outcomes), "found": len(found), "content_recall": _ratio(len(found), len(outcomes)),
            "found_by": dict(Counter(o.kabar_kind for o in found)),
            "speaker_lenient_named+pronoun": _ratio(sum(o.lenient for o in scored), len(scored)),
            "recall_direct_quotes": _recall([o for o in outcomes if o.quoted]),
            "recall_indirect": _recall([o for o in outcomes if not o.quoted]),
            "by_source_kind": by_kind,
            "errors": dict(Counter(o.error for o in outcomes if o.error).most_common())}


def _recall(outcomes: list[Outcome]) -> str:
    found = sum(o.found for o in outcomes)
    return f"{_ratio(found, len(outcomes))} ({found} of {len(outcomes)})"


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def run(dataset: str, docs: list[GoldDocument]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for doc in docs:
        said, language = kabar_attributions(doc)
        outcomes += score_document(dataset, doc, said, cue_words(language or ("en" if dataset == "polnear" else "id")))
    return outcomes


# silver spot-check --------------------------------------------------------------------------------------
def silver_sample(sentences: list[list[tuple[str, str]]], size: int, seed: int, cues: Cues) -> list[str]:
    """A seeded sample of KoTA sentences that carry attribution labels or look like reported speech (a
    quotation mark or a cue word), printed with their labels for judging by reading."""
    def relevant(sentence: list[tuple[str, str]]) -> bool:
        words = {t.lower() for t, _ in sentence}
        return any("STATEMENT" in g or "CUE" in g for _, g in sentence) or '"' in words or bool(words & cues.all)

    pool = [i for i, s in enumerate(sentences) if relevant(s)]
    chosen = sorted(random.Random(seed).sample(pool, min(size, len(pool))))
    return [f"[{i}] " + " ".join(t if g == "O" else f"[{t}]{g}" for t, g in sentences[i]) for i in chosen]


def write_errors(path: Path, outcomes: Iterable[Outcome]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for o in outcomes:
            if o.error:
                out.write(json.dumps(asdict(o), ensure_ascii=False) + "\n")


def print_report(name: str, summary: dict[str, object]) -> None:
    print(f"== {name}")
    for key, value in summary.items():
        if isinstance(value, dict) and key in ("by_source_kind", "errors"):
            print(f"{key}:")
            for k, v in value.items():
                print(f"  {k}: {v}")
        else:
            print(f"{key}: {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("kota", "polnear", "both"), default="both")
    parser.add_argument("--kota-window", type=int, default=KOTA_WINDOW)
    parser.add_argument("--kota-join", choices=("paragraph", "space"), default="paragraph")
    parser.add_argument("--errors", type=Path, help="write every error with its context (JSONL)")
    parser.add_argument("--silver-sample", type=int, default=0, help="print N seeded KoTA sentences to judge")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    needed = {"kota": [KOTA_DEV], "polnear": [POLNEAR_DEV], "both": [KOTA_DEV, POLNEAR_DEV]}[args.set]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"skipped: data not found: {', '.join(missing)}", file=sys.stderr)
        return 0
    outcomes: list[Outcome] = []
    report = {}
    if args.set in ("kota", "both"):
        sentences = read_conll(KOTA_DEV)
        if args.silver_sample:
            print("\n".join(silver_sample(sentences, args.silver_sample, args.seed, cue_words("id"))))
            return 0
        kota = run("kota", kota_documents(sentences, args.kota_window, args.kota_join))
        report["kota"] = summarise(kota)
        outcomes += kota
    if args.set in ("polnear", "both"):
        polnear = run("polnear", polnear_documents(POLNEAR_DEV))
        report["polnear"] = summarise(polnear)
        outcomes += polnear
    if args.errors:
        write_errors(args.errors, outcomes)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for name, summary in report.items():
            print_report(name, summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
