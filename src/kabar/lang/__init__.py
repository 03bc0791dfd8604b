"""Per-language data files: `kabar/lang/<code>/<name>.toml`, loaded lazily and checked against one schema.

Code holds algorithms only; every word list lives in these files. Adding a language = adding a folder
with the same files (the schema test runs over every folder).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from kabar.errors import LanguageDataError

# file name -> top-level key -> expected type (a table of rules is a list of dicts)
SCHEMA: dict[str, dict[str, type]] = {
    "boilerplate": {"line": list},
    "calendar": {"months": dict, "weekdays": dict, "zones": dict, "published_prefixes": dict},
    "numbers": {"format": dict, "words": dict, "group_multipliers": dict, "teen_words": dict, "scales": dict,
                "vague": dict, "vague_needs_unit": dict, "hedges_before": dict, "hedges_after": dict,
                "ranges": dict, "distributive": dict, "labels": dict, "not_quantities": dict,
                "currency_before": dict, "ages": dict},
    "units": {"counted": list, "measures": list, "time": list, "stop": list, "relative_after": list,
              "partitive": list},
    "dates": {"month_lead": list, "weekday_lead": list, "year_lead": list, "parts": list, "days": dict,
              "units": dict, "direction": dict, "counts": dict, "anaphoric": list, "future_cues": list},
    "speech": {"cues_after": list, "cues_pronoun": list, "verbs": list, "according_to": list, "pronouns": list,
               "not_names": list, "titles": list, "org_heads": list, "descriptor_heads": list,
               "prepositions": list, "glued_tails": list, "ranks": list, "role_words": list,
               "role_words_learned": list, "definite": list},
    "sentences": {"abbreviations": list},
    "entities": {"entity": list},
    "claims": {"subjects": dict, "anaphora": list, "place_preps": list, "place_nouns": list, "claim_verbs": list,
               "clause_breaks": list, "citations": list, "locative_verbs": list, "negations": list, "denials": list,
               "statement_stop": list, "light_events": list, "ownerless_groups": list,
               "people_groups": list, "predicates": dict, "predicates_before": dict, "predicate_links": dict,
               "recipient_verbs": list, "recipient_with": list, "home_places": list, "source_documents": list,
               "measured_groups": list, "measure_containers": list, "measures": dict, "reference_preps": list,
               "reference_measures": list,
               "compared_measures": dict, "measure_after": dict, "said_at": list,
               "event_scopes": dict, "cause_words": list,
               "facility_heads": list, "period_bounds": list},
    "places": {"levels": list, "inside": list, "list_words": list},
}


def supported() -> list[str]:
    """Codes of the languages that have a data folder, sorted."""
    root = resources.files(__name__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


@cache
def load(lang: str, name: str) -> dict[str, Any]:
    """The parsed data file `name` of language `lang`; raises LanguageDataError with the supported list."""
    if lang not in supported():
        raise LanguageDataError(f"unsupported language {lang!r}; supported: {', '.join(supported())}")
    if name not in SCHEMA:
        raise LanguageDataError(f"unknown language data file {name!r}; known: {', '.join(sorted(SCHEMA))}")
    path = resources.files(__name__) / lang / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LanguageDataError(f"language {lang!r} has no {name}.toml") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LanguageDataError(f"{lang}/{name}.toml is not valid TOML: {exc}") from exc
    validate(name, data, where=f"{lang}/{name}.toml")
    return data


def validate(name: str, data: dict[str, Any], where: str) -> None:
    """Raise LanguageDataError when `data` lacks a key of the schema or has it with the wrong type."""
    for key, kind in SCHEMA[name].items():
        if key not in data:
            raise LanguageDataError(f"{where}: missing key {key!r}")
        if not isinstance(data[key], kind):
            raise LanguageDataError(f"{where}: {key!r} must be a {kind.__name__}")


def merged(name: str, key: str) -> dict[str, Any]:
    """One table merged over every supported language (for text whose language is not known)."""
    out: dict[str, Any] = {}
    for lang in supported():
        out.update(load(lang, name)[key])
    return out
