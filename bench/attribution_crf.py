"""A prototype learned attribution component, measured against kabar's rules (issue 12; not wired in).

usage: PYTHONPATH=src .venv/bin/python bench/attribution_crf.py [--set kota|polnear|both] [--iterations N]

A linear-chain CRF (python-crfsuite, already a kabar dependency for NER) tags every token STATEMENT, CUE,
SOURCE or O (BIO), trained on KoTA train (sentences) or PolNeAR train (paragraphs). Its output becomes
kabar-shaped attributions: each STATEMENT span with the SOURCE nearest to the CUE nearest to it (a pronoun
source is taken as the last named source predicted before it). They are scored by bench/attribution.py's
own scorer on the same dev sets, three ways: the rules alone, the CRF alone, and the rules with the CRF
filling in only where no rule item overlaps (the way it could be added to kabar).

Features are the word, its shape, affixes, whether it is in kabar's cue lists or a pronoun, and the same
for two words either side. KoTA is silver and its train and dev come from one annotation process: a CRF
learns its conventions (no direct quotes, "bahwa" inside), so its KoTA figure is optimistic; PolNeAR is
gold.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import attribution as bench

KOTA_TRAIN = bench.SHARED / "data" / "quotes-id" / "kota" / "train-60.txt"
POLNEAR_TRAIN = bench.SHARED / "data" / "attribution-en" / "polnear" / "train"
# Training passes of L-BFGS: a modest cap for a shared two-core machine (not tuned).
ITERATIONS = 100
TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
KOTA_LABELS = {"STATEMENT": "STATEMENT", "CUE": "CUE", "CUECOREF": "CUE", "PERSON": "SOURCE",
               "PERSONCOREF": "SOURCE"}

Sequence = tuple[list[tuple[int, int]], list[str]]  # token offsets into the document text, BIO labels


# sequences ----------------------------------------------------------------------------------------------
def kota_sequences(sentences: list[list[tuple[str, str]]]) -> list[tuple[str, list[Sequence]]]:
    """Each KoTA sentence's text and its token sequence, tags mapped to the three labels; tokens come from
    TOKEN_RE over the detokenised text, as for the dev documents and PolNeAR."""
    out = []
    for sentence in sentences:
        text, offsets = bench.detokenise([t for t, _ in sentence])
        marks: dict[int, str] = {}
        for a, b, label in bench.bilou_spans([g for _, g in sentence]):
            if label in KOTA_LABELS:
                for i in range(offsets[a][0], offsets[b - 1][1]):
                    marks[i] = KOTA_LABELS[label]
        out.append((text, labelled_paragraphs(text, marks)))
    return out


def kota_document_sequences(doc: bench.GoldDocument) -> list[Sequence]:
    """Token sequences of a KoTA pseudo-document's paragraphs (labels unused: the tagger predicts them)."""
    return labelled_paragraphs(doc.text, {})


def polnear_sequences(folder: Path) -> Iterator[tuple[bench.GoldDocument, list[Sequence]]]:
    """Each PolNeAR article with its paragraphs as token sequences labelled from the gold spans."""
    for doc in bench.polnear_documents(folder):
        marks: dict[int, str] = {}
        for gold in doc.attributions:
            spans = [("STATEMENT", s) for s in gold.content]
            spans += [("SOURCE", gold.source_span)] if gold.source_span else []
            spans += [("CUE", c) for c in _cue_spans(doc, gold)]
            for label, (a, b) in spans:
                for i in range(a, b):
                    marks.setdefault(i, label)
        yield doc, labelled_paragraphs(doc.text, marks)


def labelled_paragraphs(text: str, marks: dict[int, str]) -> list[Sequence]:
    """Every line's tokens with BIO labels from a character -> label map."""
    seqs = []
    for offsets in _paragraph_tokens(text):
        labels, previous = [], "O"
        for a, _ in offsets:
            label = marks.get(a, "O")
            labels.append("O" if label == "O" else ("I-" if previous == label else "B-") + label)
            previous = label
        seqs.append((offsets, labels))
    return seqs


def _cue_spans(doc: bench.GoldDocument, gold: bench.GoldAttribution) -> list[tuple[int, int]]:
    if not gold.cue:
        return []
    a = gold.content[0][0]
    at = min((m.start() for m in re.finditer(re.escape(gold.cue), doc.text)), key=lambda p: abs(p - a), default=-1)
    return [(at, at + len(gold.cue))] if at >= 0 else []


def _paragraph_tokens(text: str) -> Iterator[list[tuple[int, int]]]:
    pos = 0
    for line in text.split("\n"):
        tokens = [(pos + m.start(), pos + m.end()) for m in TOKEN_RE.finditer(line)]
        if tokens:
            yield tokens
        pos += len(line) + 1


# features -----------------------------------------------------------------------------------------------
def features(words: list[str], cues: bench.Cues) -> list[list[str]]:
    own = [_word_features(w, cues) for w in words]
    out = []
    for i in range(len(words)):
        f = list(own[i])
        for d in (-2, -1, 1, 2):
            j = i + d
            f += [f"{d}:{x}" for x in own[j][:4]] if 0 <= j < len(words) else [f"{d}:EDGE"]
        seen_cue = any("cue" in own[j] for j in range(max(0, i - 12), i))
        f.append(f"cue_before={seen_cue}")
        out.append(f)
    return out


def _word_features(word: str, cues: bench.Cues) -> list[str]:
    low = word.lower()
    first = word[:1]
    shape = "cap" if first.isupper() else "low" if first.islower() else "num" if first.isalnum() else "punct"
    f = [f"w={low}", f"shape={shape}", f"suf3={low[-3:]}", f"pre3={low[:3]}"]
    if low in cues.verbs:
        f.append("cue")
        f.append("verb")
    elif low in cues.all or bench._stem(low) in {bench._stem(c) for c in cues.all if " " not in c}:
        f.append("cue")
    if low in bench.PRONOUNS or low.endswith("nya"):
        f.append("pronoun")
    return f


def train(sequences: list[tuple[list[str], list[str]]], cues: bench.Cues, model: Path, iterations: int) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labels in sequences:
        trainer.append(features(words, cues), labels)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": iterations, "feature.possible_transitions": True})
    trainer.train(str(model))


# predictions as kabar-shaped attributions ------------------------------------------------------------------
def predict(tagger: object, doc: bench.GoldDocument, seqs: list[Sequence], cues: bench.Cues) -> list[bench.Said]:
    said, last_named = [], None
    for offsets, _ in seqs:
        words = [doc.text[a:b] for a, b in offsets]
        labels = tagger.tag(features(words, cues))  # type: ignore[attr-defined]
        spans = _spans(offsets, labels)
        for start, end, label in spans:
            if label != "STATEMENT":
                continue
            cue = min((s for s in spans if s[2] == "CUE"), key=lambda c: bench._distance(c, (start, end)), default=None)
            anchor = (cue[0], cue[1]) if cue else (start, end)
            source = min((s for s in spans if s[2] == "SOURCE"), key=lambda s: bench._distance(s, anchor), default=None)
            name = doc.text[source[0] : source[1]] if source else None
            if name and bench._source_kind(name, "SOURCE") == "pronoun":
                name = last_named
            said.append(bench.Said(start, end, name, "crf"))
        for start, end, label in spans:
            if label == "SOURCE" and bench._source_kind(doc.text[start:end], "SOURCE") == "named":
                last_named = doc.text[start:end]
    return said


def _spans(offsets: list[tuple[int, int]], labels: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for (a, b), label in zip(offsets, labels, strict=True):
        kind = label[2:]
        if label.startswith("I-") and spans and spans[-1][2] == kind:
            spans[-1] = (spans[-1][0], b, kind)
        elif label != "O":
            spans.append((a, b, kind))
    return spans


def fill_in(rules: list[bench.Said], crf: list[bench.Said]) -> list[bench.Said]:
    """The rules' items, and the CRF's where no rule item overlaps."""
    return rules + [c for c in crf if not any(r.start < c.end and c.start < r.end for r in rules)]


# running ------------------------------------------------------------------------------------------------
def evaluate(name: str, docs: list[tuple[bench.GoldDocument, list[Sequence]]], tagger: object,
             cues: bench.Cues) -> dict[str, dict[str, object]]:
    outcomes: dict[str, list[bench.Outcome]] = {"rules": [], "crf": [], "rules+crf": []}
    predicted = gold_statements = matched = 0
    for doc, seqs in docs:
        rules, _ = bench.kabar_attributions(doc)
        crf = predict(tagger, doc, seqs, cues)
        for way, said in (("rules", rules), ("crf", crf), ("rules+crf", fill_in(rules, crf))):
            outcomes[way] += bench.score_document(name, doc, said, cues)
        predicted += len(crf)
        matched += sum(any(min(b, c.end) > max(a, c.start) for g in doc.attributions for a, b in g.content)
                       for c in crf)
        gold_statements += len(doc.attributions)
    report = {way: _brief(bench.summarise(found), found) for way, found in outcomes.items()}
    report["crf"]["precision (statements overlapping a gold content)"] = bench._ratio(matched, predicted)
    return report


def _brief(summary: dict[str, object], outcomes: list[bench.Outcome]) -> dict[str, object]:
    kinds = summary["by_source_kind"]
    assert isinstance(kinds, dict)
    return {"content_recall": summary["content_recall"],
            "right (found, lenient speaker) of named+pronoun gold":
                f"{sum(o.lenient for o in outcomes if o.source_kind in ('named', 'pronoun'))} of "
                f"{sum(o.source_kind in ('named', 'pronoun') for o in outcomes)}",
            "speaker_lenient_named+pronoun": summary["speaker_lenient_named+pronoun"],
            "named": kinds.get("named"), "pronoun": kinds.get("pronoun")}


def run_kota(model_dir: Path, iterations: int) -> dict[str, dict[str, object]]:
    cues = bench.cue_words("id")
    model = model_dir / "kota.crfsuite"
    train([([text[a:b] for a, b in offs], labels) for text, seqs in kota_sequences(bench.read_conll(KOTA_TRAIN))
           for offs, labels in seqs], cues, model, iterations)
    docs = bench.kota_documents(bench.read_conll(bench.KOTA_DEV))
    return evaluate("kota", [(d, kota_document_sequences(d)) for d in docs], _tagger(model), cues)


def run_polnear(model_dir: Path, iterations: int) -> dict[str, dict[str, object]]:
    cues = bench.cue_words("en")
    model = model_dir / "polnear.crfsuite"
    sequences = [([doc.text[a:b] for a, b in offs], labels)
                 for doc, seqs in polnear_sequences(POLNEAR_TRAIN) for offs, labels in seqs]
    train(sequences, cues, model, iterations)
    return evaluate("polnear", list(polnear_sequences(bench.POLNEAR_DEV)), _tagger(model), cues)


def _tagger(model: Path) -> object:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return tagger


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("kota", "polnear", "both"), default="both")
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    args = parser.parse_args()
    needed = [KOTA_TRAIN, bench.KOTA_DEV, POLNEAR_TRAIN, bench.POLNEAR_DEV]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"skipped: data not found: {', '.join(missing)}", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn in (("kota", run_kota), ("polnear", run_polnear)):
            if args.set in (name, "both"):
                print(f"== {name}")
                for way, figures in fn(Path(tmp), args.iterations).items():
                    print(f"{way}: {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
