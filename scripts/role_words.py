"""The `role_words_learned` of lang/id/speech.toml: capitalised words that KoTA (../shared/data/quotes-id/kota, silver
BILOU tags) marks inside roles and affiliations ("Kepala [Pelaksana BPBD Jakarta]", "Menteri [Sosial]") and
(almost) never inside a person's name.

usage: .venv/bin/python scripts/role_words.py [KOTA_TRAIN] > /tmp/role_words_learned.txt
Reads the train split only. Prints the words, sorted, as the TOML array that ends lang/id/speech.toml.
A word is kept when it is at least MIN_COUNT times inside a ROLE or AFFILIATION span, at most PERSON_SHARE
times as often inside a PERSON span (silver tags put a few offices inside names: "Bupati Lampung Barat
mengatakan" tagged as a person), not a function word (the `not_names` and `prepositions` of speech.toml),
not an acronym (every acronym before a name is stripped anyway) and not one of the names read by hand in
NOT_ROLES.
"""

from __future__ import annotations

import sys
import textwrap
from collections import Counter
from pathlib import Path

from kabar import lang as langdata

ROOT = Path(__file__).resolve().parents[1]
KOTA_TRAIN = ROOT.parent / "shared/data/quotes-id/kota/train-60.txt"
# At 3 the list took institutions named after people ("Universitas Hasanuddin", "Teguh"); at 4 the
# ones left are offices, fields, acronyms and places (read by hand).
MIN_COUNT = 4
PERSON_SHARE = 1 / 20
ROLE_TAGS = ("ROLE", "AFFILIATION")
# Left at MIN_COUNT: given names and names of one institution ("Universitas Hasanuddin", "Gadjah Mada"),
# which start a person's name as often as they end an affiliation.
NOT_ROLES = {"Abadi", "Anugerah", "Baito", "Darussalam", "Gadjah", "Hasanuddin", "Hungi", "Jaya", "Mada",
             "Mesidah", "Nasima", "Perkasa", "Soho", "Teguh"}


def tag_counts(path: Path) -> tuple[Counter[str], Counter[str]]:
    """(inside roles and affiliations, inside persons): counts of capitalised alphabetic tokens."""
    roles: Counter[str] = Counter()
    persons: Counter[str] = Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            token, _, tag = line.rstrip("\n").partition("\t")
            word = token.strip(".,;:()\"'")
            if not (word[:1].isupper() and word.isalpha()):
                continue
            kind = tag.partition("-")[2] or tag
            if kind in ROLE_TAGS:
                roles[word] += 1
            elif kind == "PERSON":
                persons[word] += 1
    return roles, persons


def function_words() -> set[str]:
    words: set[str] = set()
    for code in langdata.supported():
        data = langdata.load(code, "speech")
        words.update(w.capitalize() for w in (*data["not_names"], *data["prepositions"]))
    return words


def role_words(path: Path) -> list[str]:
    roles, persons = tag_counts(path)
    skip = function_words() | NOT_ROLES
    return sorted(w for w, n in roles.items()
                  if n >= MIN_COUNT and persons[w] <= n * PERSON_SHARE and w not in skip and not w.isupper())


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else KOTA_TRAIN
    words = role_words(path)
    lead = "role_words_learned = ["
    listed = textwrap.wrap(", ".join(f'"{w}"' for w in words), 110, initial_indent=lead,
                           subsequent_indent=" " * len(lead))
    print(f"# {len(words)} words: scripts/role_words.py {path.name} (KoTA train split, silver ROLE/AFFILIATION tags)")
    print("\n".join(listed) + "]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
