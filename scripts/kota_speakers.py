"""Speaker accuracy of kabar's attribution on KoTA (../shared/data/quotes-id/kota, silver BILOU tags).

usage: PYTHONPATH=src .venv/bin/python scripts/kota_speakers.py [KOTA_FILE] [--show N]
KoTA tags the reported statements ("X mengatakan [bahwa …]") with the person and the cue verb; its quotes
with a cue after them ("…,” kata X") are left untagged. So the scored cases are a PERSON span followed
directly by a CUE verb, the PERSON often after a ROLE and AFFILIATION ("Kepala Dinas Pendidikan Kota
Surabaya [Yusuf Masruh] mengatakan"). The gold speaker is the PERSON span; kabar's is the subject that
`subject_before_verb` (the rule that attributes quotes and claims to "X mengatakan") finds before the verb,
on the detokenised text, one pseudo-document per GROUP sentences so that a name written alone elsewhere
counts as it would in an article. Prints cases, exact speaker accuracy, and the same for the cases with an
office before the name.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from kabar.extract.names import speech_data
from kabar.extract.quotes import subject_before_verb

ROOT = Path(__file__).resolve().parents[1]
KOTA_DEV = ROOT.parent / "shared/data/quotes-id/kota/dev-40.txt"
GROUP = 30  # sentences per pseudo-document (KoTA keeps articles in order but does not mark where one ends)
ATTACH_LEFT = set(",.;:!?)]%")
ATTACH_RIGHT = set("([")


@dataclass
class Token:
    text: str
    kind: str  # tag without its B/I/L/U prefix
    first: bool  # B- or U-: a span starts here
    start: int = 0


def read_sentences(path: Path) -> list[list[Token]]:
    sentences: list[list[Token]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        token, _, tag = line.partition("\t")
        if not token.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        prefix, _, kind = tag.partition("-")
        sentences[-1].append(Token(token, kind or tag, prefix in ("B", "U")))
    return [s for s in sentences if s]


def detokenise(sentences: list[list[Token]]) -> str:
    """The text of a group of sentences, one per line, with each token's start set."""
    parts: list[str] = []
    pos = 0
    for sentence in sentences:
        quote_open = False
        glue_next = True
        for token in sentence:
            text = token.text
            is_quote = text in ('"', "“", "”")
            closing = is_quote and quote_open
            attach = glue_next or text in ATTACH_LEFT or closing
            if not attach:
                parts.append(" ")
                pos += 1
            token.start = pos
            parts.append(text)
            pos += len(text)
            glue_next = text in ATTACH_RIGHT or (is_quote and not quote_open)
            if is_quote:
                quote_open = not quote_open
        parts.append("\n")
        pos += 1
    return "".join(parts)


def gold_cases(sentences: list[list[Token]]) -> list[tuple[int, int, str, bool]]:
    """(sentence start, end of the cue verb, the PERSON's text, whether an office precedes it)."""
    cases = []
    for sentence in sentences:
        for i, token in enumerate(sentence[1:], start=1):
            if token.kind != "CUE" or sentence[i - 1].kind != "PERSON":
                continue
            j = i - 1
            while j > 0 and sentence[j - 1].kind == "PERSON" and not sentence[j].first:
                j -= 1
            if not sentence[j].first:
                continue
            name = " ".join(t.text for t in sentence[j:i]).replace(" ,", ",").strip(" ,.")
            office = j > 0 and sentence[j - 1].kind in ("ROLE", "AFFILIATION")
            cases.append((sentence[0].start, token.start + len(token.text), name, office))
    return cases


def score(path: Path, show: int) -> dict[str, float]:
    sentences = read_sentences(path)
    data = speech_data("id")
    counts = {"cases": 0, "right": 0, "office_cases": 0, "office_right": 0}
    wrong: list[tuple[str, str | None]] = []
    for at in range(0, len(sentences), GROUP):
        group = sentences[at : at + GROUP]
        text = detokenise(group)
        for start, end, person, office in gold_cases(group):
            found = subject_before_verb(text, start, end, "id", data)
            speaker = found[1] if found else None
            counts["cases"] += 1
            counts["office_cases"] += office
            if speaker == person:
                counts["right"] += 1
                counts["office_right"] += office
            else:
                wrong.append((person, speaker))
    for person, speaker in wrong[:show]:
        print(f"  gold {person!r:40} kabar {speaker!r}")
    return {"cases": counts["cases"],
            "speaker_accuracy": round(counts["right"] / max(1, counts["cases"]), 3),
            "office_cases": counts["office_cases"],
            "office_speaker_accuracy": round(counts["office_right"] / max(1, counts["office_cases"]), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=KOTA_DEV)
    parser.add_argument("--show", type=int, default=0, help="print this many wrong speakers")
    args = parser.parse_args()
    for key, value in score(args.path, args.show).items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
