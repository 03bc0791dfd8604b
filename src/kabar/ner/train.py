"""`kabar train ner`: train the CRF from the shared human-annotated sets, measure it, write the model.

The model folder gets `id.crfsuite` (the CRF), `lexicon.json.gz` (the proper-noun lexicon) and
`id.model.json` (the command, the data files with their SHA-256, the parameters and the figures).
Training is deterministic: the same data and parameters give the same model.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kabar.errors import KabarError
from kabar.ner.conll import Sentence, read_conll, spans
from kabar.ner.features import LEXICON_FILE, lexicon, token_features
from kabar.ner.lexicon import build_lexicon, nlp_id_corpus, write_lexicon

MODEL_FILE = "id.crfsuite"
META_FILE = "id.model.json"
TYPES = ("PER", "ORG", "LOC")
# Where each shared set keeps its sentences (all splits are used for the final model).
SETS = {
    "nerui": ["nerui/nergithub.txt"],
    "nergrit": ["nergrit/train_preprocess.txt", "nergrit/valid_preprocess.txt", "nergrit/test_preprocess.txt"],
    "nerp": ["nerp/train.txt", "nerp/valid.txt", "nerp/test.txt"],
}


@dataclass
class TrainSettings:
    # Measured (docs/entities.md): adding NERP and no lower-cased copies beats the cased sets with copies
    # on every test (NER UI 5-fold 0.862 vs 0.852, NERGrit 0.728 vs 0.709, NERP PER+LOC 0.801 vs 0.704).
    sets: tuple[str, ...] = ("nerui", "nergrit", "nerp")
    lowercase_copies: bool = False  # add a lower-cased copy of every cased sentence
    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 120
    seed: int = 13


@dataclass
class Report:
    settings: dict[str, Any]
    data: dict[str, str] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    command: str = ""
    seconds: float = 0.0


def load_set(data_dir: Path, name: str, files: list[str] | None = None) -> list[Sentence]:
    out: list[Sentence] = []
    for rel in files or SETS[name]:
        path = data_dir / rel
        if not path.exists():
            raise KabarError(f"training data {path} is not there (../shared/data/ner-id is read by path)")
        out.extend(read_conll(path))
    return out


def with_lowercase(sentences: list[Sentence]) -> list[Sentence]:
    return sentences + [[(w.lower(), t) for w, t in s] for s in sentences if any(c.isupper() for w, _ in s for c in w)]


def fit(sentences: list[Sentence], model_path: Path, settings: TrainSettings) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        words = [w for w, _ in sentence]
        trainer.append(token_features(words), [t for _, t in sentence])
    trainer.set_params({"c1": settings.c1, "c2": settings.c2, "max_iterations": settings.max_iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model_path))


def tag_with(model_path: Path, sentences: Iterable[list[str]]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    try:
        return [list(tagger.tag(token_features(words))) if words else [] for words in sentences]
    finally:
        tagger.close()


def score(gold: list[Sentence], predicted: list[list[str]], types: tuple[str, ...] = TYPES) -> dict[str, Any]:
    """Span-level micro precision/recall/F1 overall and per type (the definition of score_ner.py)."""
    counts = {t: [0, 0, 0] for t in types}  # tp, predicted, gold
    for sentence, tags in zip(gold, predicted, strict=True):
        g = {s for s in spans([t for _, t in sentence]) if s[2] in types}
        p = {s for s in spans(tags) if s[2] in types}
        for t in types:
            gt, pt = {s for s in g if s[2] == t}, {s for s in p if s[2] == t}
            counts[t][0] += len(gt & pt)
            counts[t][1] += len(pt)
            counts[t][2] += len(gt)
    out: dict[str, Any] = {t: _prf(*counts[t]) for t in types}
    out["micro"] = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return out


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def cross_validate(data_dir: Path, settings: TrainSettings, work: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """NER UI's five folds (each fold's train split plus the other chosen sets), then one model on all of
    NER UI plus the others scored on the test splits of NERGrit and NERP (PER and LOC only for NERP,
    which has no ORG). The test splits of NERGrit and NERP never train a model that is scored."""
    others = [s for n in settings.sets if n != "nerui" for s in load_set(data_dir, n, SETS[n][:2])]
    figures: dict[str, Any] = {}
    folds = []
    for k in range(1, 6):
        train = load_set(data_dir, "nerui", [f"nerui/train.0{k}.tsv"]) + others
        test = load_set(data_dir, "nerui", [f"nerui/test.0{k}.tsv"])
        folds.append(_run(train, test, settings, work / f"fold{k}.crfsuite"))
        log(f"NER UI fold {k}: micro F1 {folds[-1]['micro']['f1']:.3f}")
    figures["nerui_5fold"] = _mean(folds)
    model = work / "held-out.crfsuite"
    _run(load_set(data_dir, "nerui") + others, [], settings, model)
    for name, types in (("nergrit", TYPES), ("nerp", ("PER", "LOC"))):
        if not (data_dir / SETS[name][2]).exists():
            continue
        test = load_set(data_dir, name, SETS[name][2:])
        predicted = tag_with(model, ([w for w, _ in s] for s in test))
        figures[f"{name}_test"] = score(test, predicted, types)
        log(f"{name} test ({', '.join(types)}): micro F1 {figures[f'{name}_test']['micro']['f1']:.3f}")
    return figures


def _run(train: list[Sentence], test: list[Sentence], settings: TrainSettings, path: Path) -> dict[str, Any]:
    data = with_lowercase(train) if settings.lowercase_copies else train
    random.Random(settings.seed).shuffle(data)
    fit(data, path, settings)
    return score(test, tag_with(path, ([w for w, _ in s] for s in test)))


def _mean(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in runs[0]:
        out[key] = {m: round(sum(r[key][m] for r in runs) / len(runs), 4) for m in runs[0][key]}
    return out


def digest(paths: Iterable[Path]) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def train_ner(data_dir: Path, out_dir: Path, settings: TrainSettings, *, evaluate: bool, command: str,
              log: Callable[[str], None] = print) -> Report:
    """Build the lexicon, optionally cross-validate, train the final model on every set, write it all."""
    start = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = nlp_id_corpus()
    write_lexicon(build_lexicon(corpus), out_dir / LEXICON_FILE)
    lexicon.cache_clear()
    report = Report(settings=asdict(settings), command=command)
    files = [data_dir / rel for name in settings.sets for rel in SETS[name]]
    report.data = {**digest(files), f"nlp-id:{corpus.name}": hashlib.sha256(corpus.read_bytes()).hexdigest()}
    if evaluate:
        work = out_dir / ".cv"
        work.mkdir(exist_ok=True)
        report.figures = cross_validate(data_dir, settings, work, log)
        for path in work.iterdir():
            path.unlink()
        work.rmdir()
    sentences = [s for name in settings.sets for s in load_set(data_dir, name)]
    data = with_lowercase(sentences) if settings.lowercase_copies else sentences
    random.Random(settings.seed).shuffle(data)
    fit(data, out_dir / MODEL_FILE, settings)
    report.seconds = round(time.perf_counter() - start, 1)
    previous = _previous_figures(out_dir / META_FILE)
    if not evaluate and previous:
        report.figures = previous
    (out_dir / META_FILE).write_text(json.dumps(asdict(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                                     encoding="utf-8")
    return report


def _previous_figures(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")).get("figures", {}))
    except (OSError, json.JSONDecodeError):
        return {}
