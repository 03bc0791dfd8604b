"""`kabar eval`: figures of the interchange records against a gold file (the format of
`../shared/gold/kursk-2024.json`). The definitions follow the independent scorer
(`../shared/tools/score.py`); a test checks that both give the same figures.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kabar.errors import EvalError

Record = Mapping[str, Any]
LOWER_IS_BETTER = ("negative_quantities_extracted", "content_lost_to_boilerplate")
CUT = {"day": 10, "month": 7, "year": 4}


def load_gold(path: str | Path) -> dict[str, Any]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read the gold file {path}: {exc}") from exc
    missing = [k for k in ("documents", "entities", "quantities", "quotes", "dates", "boilerplate") if k not in gold]
    if missing:
        raise EvalError(f"{path} is not a kabar gold file: missing {', '.join(missing)}")
    return dict(gold)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return max(0, int(min(a["end"], b["end"])) - int(max(a["start"], b["start"])))


class Actors:
    """Names of the gold's entities: canonical, aliases and metonyms, compared casefolded."""

    def __init__(self, gold: Mapping[str, Any]) -> None:
        self.table = {_norm(e["canonical"]): {_norm(n) for n in [e["canonical"], *e["aliases"],
                                                                   *e.get("metonyms", [])]}
                      for e in gold["entities"]}
        self.known = set().union(*self.table.values()) if self.table else set()

    def same(self, predicted: str | None, gold: str | None, accept: Iterable[str | None] = ()) -> bool:
        accept = list(accept)
        if not predicted:
            return None in accept
        if not gold:
            return False
        p = _norm(predicted)
        for name in [gold, *accept]:
            if name is None:
                continue
            g = _norm(name)
            if (g in self.table and p in self.table[g]) or (g not in self.table and g == p):
                return True
        return _norm(gold) not in self.table and p not in self.known  # an unnamed source: any description


def evaluate(gold: Mapping[str, Any], records: Iterable[Record]) -> dict[str, float | int]:
    """Every figure of the records against the gold."""
    preds: dict[str, Record] = {}
    for rec in records:
        name = rec.get("name") or str(rec.get("source") or "").rsplit("/", 1)[-1]
        preds[name] = rec
    actors = Actors(gold)
    figures: dict[str, float | int] = {}
    docs = gold["documents"]
    figures["documents_found"] = sum(d in preds for d in docs) / len(docs) if docs else 1.0
    figures.update(_quantities(gold, preds, actors))
    figures.update(_quotes(gold, preds, actors))
    figures.update(_dates(gold, preds))
    figures.update(_boilerplate(gold, preds))
    figures.update(_entities(gold, preds))
    return figures


def _items(preds: Mapping[str, Record], doc: str, kind: str) -> list[Mapping[str, Any]]:
    return list(preds.get(doc, {}).get(kind) or [])


def _value_matches(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    def same(a: Any, b: Any) -> bool:
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(b)))

    if g.get("hedge") == "range":
        return same(p.get("low"), g.get("low")) and same(p.get("high"), g.get("high"))
    if g.get("hedge") == "vague":
        return True
    return same(p.get("value"), g.get("value")) or (g.get("high") is not None and same(p.get("high"), g["high"]))


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


def _quantities(gold: Mapping[str, Any], preds: Mapping[str, Record], actors: Actors) -> dict[str, float | int]:
    required = [q for q in gold["quantities"] if q.get("kind", "claim") == "claim" and not q.get("optional")]
    matched = hedge = claim_ok = claim_n = loc_ok = loc_n = 0
    for g in required:
        found = [p for p in _items(preds, g["doc"], "quantities") if _overlap(p, g) > 0 and _value_matches(p, g)]
        if not found:
            continue
        p = found[0]
        matched += 1
        hedge += p.get("hedge") == g["hedge"] or (g["hedge"] == "up_to" and p.get("hedge") in ("up_to", "at_most"))
        if g.get("claimant"):
            claim_n += 1
            claim_ok += actors.same(p.get("claimant"), g["claimant"], g.get("accept", []))
        if g.get("location"):
            loc_n += 1
            loc_ok += actors.same(p.get("location"), g["location"])
    in_gold = [(name, p) for name, rec in preds.items() if name in gold["documents"]
               for p in rec.get("quantities") or []]
    hits = sum(any(g["doc"] == name and _overlap(p, g) > 0 for g in gold["quantities"]) for name, p in in_gold)
    negatives = sum(1 for n in gold.get("negative_quantities", [])
                    for p in _items(preds, n["doc"], "quantities") if _overlap(p, n) > 0)
    return {"quantity_recall": _ratio(matched, len(required), 1.0), "hedge_accuracy": _ratio(hedge, matched, 0.0),
            "claimant_accuracy": _ratio(claim_ok, claim_n, 0.0), "location_accuracy": _ratio(loc_ok, loc_n, 0.0),
            "quantity_precision": _ratio(hits, len(in_gold), 0.0), "negative_quantities_extracted": negatives}


def _quotes(gold: Mapping[str, Any], preds: Mapping[str, Record], actors: Actors) -> dict[str, float | int]:
    required = gold["quotes"]
    every = required + gold.get("quotes_optional", [])
    matched = speakers = 0
    for g in required:
        found = [p for p in _items(preds, g["doc"], "quotes") if _overlap(p, g) >= 0.5 * (g["end"] - g["start"])]
        if found:
            matched += 1
            speakers += actors.same(max(found, key=lambda p: _overlap(p, g)).get("speaker"), g["speaker"])
    in_gold = [(name, p) for name, rec in preds.items() if name in gold["documents"] for p in rec.get("quotes") or []]
    hits = sum(any(g["doc"] == name and _overlap(p, g) > 0 for g in every) for name, p in in_gold)
    return {"quote_recall": _ratio(matched, len(required), 1.0), "speaker_accuracy": _ratio(speakers, matched, 0.0),
            "quote_precision": _ratio(hits, len(in_gold), 0.0)}


def _dates(gold: Mapping[str, Any], preds: Mapping[str, Record]) -> dict[str, float | int]:
    required = gold["dates"]
    every = required + gold.get("dates_optional", [])
    found_n = right = 0
    for g in required:
        found = [p for p in _items(preds, g["doc"], "dates") if _overlap(p, g) > 0]
        if found:
            found_n += 1
            best = max(found, key=lambda p: _overlap(p, g))
            value = str(best.get("value") or "")
            right += value[: CUT.get(best.get("granularity") or "", len(value))] == g["value"]
    in_gold = [(name, p) for name, rec in preds.items() if name in gold["documents"] for p in rec.get("dates") or []]
    hits = sum(any(g["doc"] == name and _overlap(p, g) > 0 for g in every) for name, p in in_gold)
    return {"date_recall": _ratio(found_n, len(required), 1.0), "date_accuracy": _ratio(right, len(required), 1.0),
            "date_precision": _ratio(hits, len(in_gold), 0.0)}


def _boilerplate(gold: Mapping[str, Any], preds: Mapping[str, Record]) -> dict[str, float | int]:
    spans = gold["boilerplate"]
    covered = sum(sum(_overlap(p, g) for p in _items(preds, g["doc"], "boilerplate")) >= 0.8 * (g["end"] - g["start"])
                  for g in spans)
    content = [q for q in gold["quantities"] if q.get("kind", "claim") == "claim" and not q.get("optional")]
    lost = sum(any(_overlap(p, item) > 0 for p in _items(preds, item["doc"], "boilerplate"))
               for item in content + gold["quotes"])
    return {"boilerplate_recall": _ratio(covered, len(spans), 1.0), "content_lost_to_boilerplate": lost}


def _entities(gold: Mapping[str, Any], preds: Mapping[str, Record]) -> dict[str, float | int]:
    alias_of: dict[str, str] = {}
    for e in gold["entities"]:
        for alias in e["aliases"]:
            alias_of.setdefault(alias, e["canonical"])
    found: set[str] = set()
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rec in preds.values():
        for m in rec.get("entities") or []:
            surface = (m.get("text") or "").strip()
            if surface in alias_of:
                found.add(alias_of[surface])
                votes[surface][str(m.get("entity"))] += 1
    chosen = {s: max(v, key=lambda k: v[k]) for s, v in votes.items()}
    surfaces = sorted(chosen)
    gold_pairs = pred_pairs = both = 0
    for i, a in enumerate(surfaces):
        for b in surfaces[i + 1 :]:
            same_gold, same_pred = alias_of[a] == alias_of[b], chosen[a] == chosen[b]
            gold_pairs += same_gold
            pred_pairs += same_pred
            both += same_gold and same_pred
    return {"entity_recall": _ratio(len(found), len(gold["entities"]), 1.0),
            "alias_merge_recall": _ratio(both, gold_pairs, 1.0), "alias_merge_precision": _ratio(both, pred_pairs, 1.0)}


def below_floors(figures: Mapping[str, float | int], floors: Mapping[str, float]) -> list[str]:
    """Descriptions of the figures that miss their floor (ceiling for counts of errors)."""
    short = []
    for name, floor in floors.items():
        if name not in figures:
            raise EvalError(f"unknown figure {name!r}; known: {', '.join(figures)}")
        value = figures[name]
        if (value > floor) if name in LOWER_IS_BETTER else (value < floor):
            short.append(f"{name} {value:.3f} (bar {floor})")
    return short


def parse_floors(specs: Iterable[str]) -> dict[str, float]:
    floors = {}
    for spec in specs:
        name, _, value = spec.partition("=")
        if not re.fullmatch(r"[a-z_]+", name) or not value:
            raise EvalError(f"--min takes NAME=VALUE, got {spec!r}")
        floors[name] = float(value)
    return floors
