"""The NER tools: CoNLL in and out, tagging round-trips tokens, training is deterministic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import SHARED, need
from kabar.ner.conll import normalise_tag, read_conll, spans
from kabar.ner.train import TrainSettings, fit, score, tag_with


def test_tags_are_normalised() -> None:
    assert [normalise_tag(t) for t in ["B-PERSON", "I-ORGANISATION", "B-PLC", "I-PPL", "B-EVT", "O", "B-GPE"]] == [
        "B-PER", "I-ORG", "B-LOC", "I-PER", "O", "O", "B-LOC"]


def test_spans() -> None:
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == {(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"),
                                                                     (5, 6, "ORG")}


def test_crlf_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "x.conll"
    path.write_bytes(b"Joko\tB-PERSON\r\nWidodo\tI-PERSON\r\n\r\ndi O\r\nJakarta B-LOCATION\r\n")
    assert list(read_conll(path)) == [[("Joko", "B-PER"), ("Widodo", "I-PER")], [("di", "O"), ("Jakarta", "B-LOC")]]


def test_kabar_ner_round_trips_tokens(tmp_path: Path) -> None:
    source = tmp_path / "in.conll"
    source.write_text("Presiden\nJoko\nWidodo\nbertemu\nPutin\ndi\nMoskow\n.\n\nPBB\nbersidang\n", encoding="utf-8")
    target = tmp_path / "out.conll"
    done = subprocess.run([sys.executable, "-m", "kabar", "ner", "--conll", str(source), "--out", str(target)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    lines = target.read_text(encoding="utf-8").split("\n")
    tokens = [line.split("\t")[0] for line in lines if line]
    assert tokens == [line for line in source.read_text(encoding="utf-8").split("\n") if line]
    tags = dict(line.split("\t") for line in lines if line)
    assert tags["Joko"] == "B-PER" and tags["Widodo"] == "I-PER" and tags["bertemu"] == "O"


def test_training_on_a_slice_is_deterministic(tmp_path: Path) -> None:
    data = need(SHARED / "data" / "ner-id" / "nerui" / "train.01.tsv")
    sentences = list(read_conll(data))[:150]
    settings = TrainSettings(max_iterations=20)
    fit(sentences, tmp_path / "a.crfsuite", settings)
    fit(sentences, tmp_path / "b.crfsuite", settings)
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
    predicted = tag_with(tmp_path / "a.crfsuite", ([w for w, _ in s] for s in sentences[:30]))
    assert score(sentences[:30], predicted)["micro"]["f1"] > 0.5
