"""Places inside places: the chains articles write, the ledger's placing of placeless claims, measures."""

from __future__ import annotations

import dataclasses

from kabar.resolve.ledger import Claim, compare, placed, rounded
from kabar.resolve.places import Places, chains, level


def spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((start, start + len(name), name))
    return out


def test_an_address_written_upwards_is_a_chain() -> None:
    text = "Lokasi banjir berada di Kelurahan Rawa Buaya, Kecamatan Cengkareng, Jakarta Barat, dengan air 30 cm."
    found = chains(text, spans(text, "Kelurahan Rawa Buaya", "Kecamatan Cengkareng", "Jakarta Barat"))
    assert found == [("Kelurahan Rawa Buaya", "Kecamatan Cengkareng"), ("Kecamatan Cengkareng", "Jakarta Barat")]


def test_a_place_in_another_by_preposition() -> None:
    text = "Bandara Frans Seda di Kabupaten Sikka ditutup. Airport Frans Seda in Sikka Regency was shut."
    assert chains(text, spans(text, "Bandara Frans Seda", "Kabupaten Sikka")) == [("Bandara Frans Seda",
                                                                                     "Kabupaten Sikka")]
    assert chains(text, spans(text, "Airport Frans Seda", "Sikka Regency")) == [("Airport Frans Seda",
                                                                                   "Sikka Regency")]


def test_lists_and_downward_addresses_are_not_chains() -> None:
    text = "Hujan turun di Jakarta, Bandung, dan Surabaya. Petugas dari Kabupaten Sikka, Kecamatan Alok datang."
    assert chains(text, spans(text, "Jakarta", "Bandung", "Surabaya")) == []
    assert chains(text, spans(text, "Kabupaten Sikka", "Kecamatan Alok")) == []
    glued = "Bandara I Gusti Ngurah RaiBali ditutup; Jakarta Barat Rawa Buaya."
    assert chains(glued, spans(glued, "Bandara I Gusti Ngurah Rai", "Bali")) == []  # glued: no evidence
    assert chains(glued, spans(glued, "Jakarta Barat", "Rawa Buaya")) == []  # a space alone says nothing


def test_levels_come_from_the_first_word() -> None:
    assert level("Kelurahan Rawa Buaya") is not None and level("Kabupaten Sikka") is not None
    assert level("Kelurahan Rawa Buaya") < level("Kecamatan Cengkareng") < level("Kabupaten Sikka")  # type: ignore[operator]
    assert level("Jakarta Barat") is None


def test_containment_is_transitive_and_a_pair_seen_both_ways_is_dropped() -> None:
    places = Places([("Rawa Buaya", "Cengkareng"), ("Cengkareng", "Jakarta Barat"), ("A", "B"), ("B", "A")],
                    {"Jakarta Barat": "Indonesia"})
    assert places.ancestors("Rawa Buaya") == ["Cengkareng", "Jakarta Barat", "Indonesia"]
    assert places.shared("Rawa Buaya", "Jakarta Barat") == "Jakarta Barat"
    assert places.ancestors("A") == [] and places.ancestors("B") == []
    assert places.shared("Rawa Buaya", "Surabaya") is None


def test_two_cities_of_the_gazetteer_are_peers_whatever_the_comma_says() -> None:
    places = Places([("Cengkareng", "Labuan Bajo"), ("Kupang", "Labuan Bajo")],
                    {"Kupang": "Indonesia", "Labuan Bajo": "Indonesia"})
    assert places.ancestors("Kupang") == ["Indonesia"]
    assert places.ancestors("Cengkareng") == ["Labuan Bajo", "Indonesia"]


def claim(doc: str, value: float, place: str | None, subject: str = "radius", claimant: str | None = "X",
          day: str = "2025-06-18", unit: str = "km") -> Claim:
    return Claim(f"{doc}:{value}", doc, doc, "outlet", 0, 1, "x", value, None, None, "exact", unit, subject, place,
                 claimant, day, "published", None, False, None, "x", 0, place_basis="text" if place else None)


def test_a_placeless_claim_takes_its_storys_one_place_when_its_article_names_it() -> None:
    places = Places([("Gunung Lewotobi", "Flores Timur")], named={"a": {"Gunung Lewotobi"},
                                                                  "b": {"Flores Timur", "Sikka"}, "c": {"Sikka"}})
    story = {"a": "S", "b": "S", "c": "S"}
    out = {c.doc_id: c for c in placed([claim("a", 7, "Gunung Lewotobi"), claim("b", 8, None),
                                        claim("c", 9, None)], places, story)}
    assert (out["b"].location, out["b"].place_basis) == ("Gunung Lewotobi", "story")  # names the place around
    assert out["c"].location is None  # its article never names the place
    assert out["a"].place_basis == "text"


def test_a_story_with_two_places_for_a_subject_gives_none() -> None:
    places = Places([], named={"a": {"P"}, "b": {"Q"}, "c": {"P", "Q"}})
    story = {"a": "S", "b": "S", "c": "S"}
    out = {c.doc_id: c for c in placed([claim("a", 7, "P"), claim("b", 8, "Q"), claim("c", 9, None)], places,
                                       story)}
    assert out["c"].location is None


def test_a_measure_holds_for_a_day_and_needs_a_place() -> None:
    first, next_day = claim("a", 750, "Raung", "height", "A"), claim("b", 2000, "Raung", "height", "B",
                                                                      day="2025-06-19")
    assert compare(first, next_day).kind == "over-time"  # type: ignore[union-attr]
    assert compare(first, dataclasses.replace(next_day, date="2025-06-18")).kind == "conflict"  # type: ignore[union-attr]
    assert compare(dataclasses.replace(first, location=None), dataclasses.replace(next_day, location=None)) is None


def test_a_rounded_figure_is_a_rounding_not_a_conflict() -> None:
    five, four_eight = claim("a", 5e9, "P", "aid", "A", unit="rupiah"), claim("b", 4.8e9, "P", "aid", "B",
                                                                               unit="rupiah")
    assert rounded(five, four_eight) and compare(five, four_eight).kind == "rounding"  # type: ignore[union-attr]
    assert not rounded(claim("a", 1000, "P"), claim("b", 1200, "P"))  # 17 % apart: not a rounding
    assert not rounded(claim("a", 270, "P"), claim("b", 241, "P"))
    assert compare(claim("a", 17, "P", "flights", "A"), claim("b", 87, "P", "flights", "B")).kind == "conflict"  # type: ignore[union-attr]


def test_claims_of_different_years_are_over_time_and_a_year_holds_its_days() -> None:
    from kabar.resolve.ledger import _days_apart

    assert _days_apart("2023", "2025-06-18") == 535  # 31 Dec 2023 to 18 Jun 2025
    assert _days_apart("2025", "2025-06-18") == 0
    assert _days_apart("2024-12", "2025-01-02") == 2
    assert _days_apart("2025-06-16", "2025-06-18") == 2
    assert _days_apart(None, "2025-06-18") is None and _days_apart("juni", "2025-06-18") is None
    old, new = claim("a", 100, "P", "killed", "A", day="2023"), claim("b", 200, "P", "killed", "B")
    assert compare(old, new).kind == "over-time"  # type: ignore[union-attr]
