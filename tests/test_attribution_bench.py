"""The scoring logic of bench/attribution.py (KoTA/PolNeAR against kabar's attribution), on made-up input."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import attribution as bench  # noqa: E402


def test_detokenise_attaches_punctuation_and_quotes_keeping_offsets() -> None:
    tokens = ['"', "Kami", "siap", ",", '"', "kata", "Zakky", "(", "45", ")", "."]
    text, offsets = bench.detokenise(tokens)
    assert text == '"Kami siap," kata Zakky (45).'
    assert [text[a:b] for a, b in offsets] == tokens


def test_a_quote_opened_in_the_previous_sentence_closes() -> None:
    text, _ = bench.detokenise(["Dan", "itu", "penting", ",", '"', "kata", "Rusprita", "."])
    assert text == 'Dan itu penting," kata Rusprita.'


def test_bilou_spans() -> None:
    tags = ["U-PERSONCOREF", "U-CUE", "B-STATEMENT", "I-STATEMENT", "L-STATEMENT", "O"]
    assert bench.bilou_spans(tags) == [(0, 1, "PERSONCOREF"), (1, 2, "CUE"), (2, 5, "STATEMENT")]


def test_kota_attribution_takes_the_source_nearest_to_the_cue() -> None:
    sentence = [("Ancora", "U-AFFILIATION"), (",", "O"), ("Zakky", "B-PERSON"), ("Habibi", "L-PERSON"), (",", "O"),
                ("menegaskan", "U-CUE"), ("guru", "B-STATEMENT"), ("penting.", "L-STATEMENT")]
    pronoun = [("Ia", "U-PERSONCOREF"), ("menjelaskan", "U-CUE"), ("guru", "B-STATEMENT"), ("siap.", "L-STATEMENT")]
    doc = bench.kota_documents([sentence, pronoun], window=20)[0]
    first, second = doc.attributions
    assert (first.source, first.source_kind, first.cue) == ("Zakky Habibi", "named", "menegaskan")
    assert doc.text[first.content[0][0] : first.content[0][1]] == "guru penting."
    assert (second.source, second.source_kind, second.antecedent) == ("Ia", "pronoun", "Zakky Habibi")


def test_source_kinds() -> None:
    assert bench._source_kind("Kenneth Baer, a former Obama administration official", "Source") == "named"
    assert bench._source_kind("the source", "Source") == "description"
    assert bench._source_kind("Imam Besar Masjid Istiqlal itu", "PERSONCOREF") == "description"
    assert bench._source_kind("He", "Source") == "pronoun"
    assert bench._source_kind("Menurutnya", "CUECOREF") == "pronoun"


def test_speaker_match_strict_and_lenient() -> None:
    assert bench.same_speaker("Zakky Habibi", "zakky habibi") == (True, True)
    assert bench.same_speaker("Zakky", "Zakky Habibi") == (False, True)
    assert bench.same_speaker("Ibu Siti", "Siti") == (True, True)
    assert bench.same_speaker("Zakky", "Ancora Foundation") == (False, False)
    assert bench.same_speaker("Zakky", None) == (False, False)


def test_a_scare_quote_inside_a_paraphrase_is_not_finding_it() -> None:
    gold = bench.GoldAttribution(((0, 100),), "X", (200, 201), "named", "said")
    best, coverage = bench.best_match(gold, [bench.Said(40, 50, None, "quote")])
    assert best is not None and coverage == 0.1 < bench.MIN_COVERAGE
    best, coverage = bench.best_match(gold, [bench.Said(10, 90, None, "quote"), bench.Said(0, 100, "X", "statement")])
    assert best is not None and best.speaker == "X" and coverage == 1.0


def test_brat_events_with_split_content() -> None:
    text = "“A,” he said. “B.”"
    ann = ("T1\tSource 5 7\the\nT2\tCue 8 12\tsaid\nT3\tContent 1 3;15 17\tA, B.\n"
           "T4\tAttribution 8 12\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
    (gold,) = bench._brat_attributions(ann, text)
    assert gold.content == ((1, 3), (15, 17)) and gold.source == "he" and gold.source_kind == "pronoun"
