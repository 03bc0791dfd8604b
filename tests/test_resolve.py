"""Entity resolution: aliases, misspellings, short forms, acronyms, metonyms; order never matters."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kabar.resolve.entities import Mention, actor_entity, defined_acronyms, descriptor_before, resolve

DOCS = {
    "a": [("Volodymyr Zelenskyy", "PER", ""), ("Zelenskyy", "PER", ""),
          ("Mark Rutte", "PER", "Sekretaris Jenderal NATO"),
          ("Rutte", "PER", ""), ("Dewan Keamanan", "ORG", ""), ("Robert Wood", "PER", "Duta Besar AS"),
          ("Wood", "PER", ""), ("Amerika Serikat", "GPE", ""), ("AS", "GPE", ""), ("Kim Jong Un", "PER", "")],
    "b": [("Zielinski", "PER", ""), ("Volodymyr Zelensky", "PER", "Presiden Ukraina"), ("Ruti", "PER", ""),
          ("Mark Roth", "PER", "Sekretaris Jenderal NATO"), ("Perserikatan Bangsa-Bangsa", "ORG", ""),
          ("PBB", "ORG", ""), ("Dewan Keamanan Nasional Korea Selatan", "ORG", ""), ("Kim Jeong-sik", "PER", "")],
    "c": [("Zelenskiy", "PER", ""), ("Putin", "PER", ""), ("Vladimir Putin", "PER", "Presiden Rusia"),
          ("Badan Intelijen Nasional Korea Selatan", "ORG", ""), ("NIS", "ORG", ""), ("Moskow", "LOC", "")],
}


def mentions(order: list[str] | None = None) -> list[Mention]:
    out = [Mention(doc, i, surface, kind, desc) for doc, items in DOCS.items()
           for i, (surface, kind, desc) in enumerate(items)]
    if order is not None:
        out = [out[i] for i in order]
    return out


def groups(ms: list[Mention]) -> dict[str, str]:
    result = resolve(ms, [])
    return {m.surface: result.entity_of[(m.doc_id, m.ord)] for m in ms}


def test_aliases_join() -> None:
    g = groups(mentions())
    same = [("Volodymyr Zelenskyy", "Zelenskyy", "Zielinski", "Volodymyr Zelensky", "Zelenskiy"),
            ("Mark Rutte", "Rutte", "Ruti", "Mark Roth"), ("Robert Wood", "Wood"), ("Amerika Serikat", "AS"),
            ("Perserikatan Bangsa-Bangsa", "PBB"), ("Badan Intelijen Nasional Korea Selatan", "NIS"),
            ("Putin", "Vladimir Putin")]
    for names in same:
        assert len({g[n] for n in names}) == 1, names


def test_distinct_entities_stay_distinct() -> None:
    g = groups(mentions())
    assert g["Dewan Keamanan"] != g["Dewan Keamanan Nasional Korea Selatan"]
    assert g["Kim Jong Un"] != g["Kim Jeong-sik"]
    assert g["Robert Wood"] != g["Mark Rutte"]


def test_canonical_is_the_fullest_form_and_merges_have_reasons() -> None:
    result = resolve(mentions(), [])
    canon = {e["canonical"] for e in result.entities.values()}
    assert {"Vladimir Putin", "Robert Wood", "Amerika Serikat", "Perserikatan Bangsa-Bangsa"} <= canon
    reasons = {r for *_, r, _ in result.merges}
    assert {"short form in the same document", "same first name, title and role", "curated alias"} <= reasons
    assert all(0 < score <= 1 for *_, score in result.merges)


@given(st.permutations(list(range(sum(len(v) for v in DOCS.values())))))
@settings(max_examples=25, deadline=None)
def test_resolution_ignores_document_order(order: list[int]) -> None:
    assert groups(mentions(order)) == groups(mentions())
    ids = resolve(mentions(order), []).entities.keys()
    assert set(ids) == set(resolve(mentions(), []).entities.keys())


def test_user_corrections() -> None:
    split = groups_with([("split", "Mark Roth", None)])
    assert split["Mark Roth"] != split["Mark Rutte"]
    merged = groups_with([("merge", "Kim Jong Un", "Kim Jeong-sik")])
    assert merged["Kim Jong Un"] == merged["Kim Jeong-sik"]


def groups_with(corrections: list[tuple[str, str, str | None]]) -> dict[str, str]:
    ms = mentions()
    result = resolve(ms, corrections)
    return {m.surface: result.entity_of[(m.doc_id, m.ord)] for m in ms}


def test_capitals_act_for_their_country() -> None:
    assert actor_entity("Seoul") == "Korea Selatan"
    assert actor_entity("Moskow") == "Rusia"
    assert actor_entity("Kursk") is None
    assert actor_entity("Tel Aviv") == "Israel"  # a metonym from the language data, not a capital


def test_descriptors_and_defined_acronyms() -> None:
    text = "kata Sekretaris Jenderal NATO Mark Roth kepada wartawan"
    assert descriptor_before(text, text.index("Mark"), "id") == "Sekretaris Jenderal NATO"
    assert defined_acronyms("Badan Intelijen Nasional (NIS) mengatakan") == [("Badan Intelijen Nasional", "NIS")]


def test_shuffled_ingest_gives_the_same_entities(sample: Path, tmp_path: Path) -> None:
    from kabar.ingest import ingest
    from kabar.store import Store

    files = sorted(sample.glob("*.txt"))
    random.Random(3).shuffle(files)
    ingest([str(sample)], tmp_path / "a.db", workers=1)
    ingest([str(f) for f in files], tmp_path / "b.db", workers=1)
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        query = "SELECT e.id, e.canonical, a.surface FROM entities e JOIN entity_aliases a ON a.entity_id = e.id"
        assert sorted(map(tuple, a.conn.execute(query))) == sorted(map(tuple, b.conn.execute(query)))


def test_places_know_their_country() -> None:
    ms = [Mention("d", 0, "Kursk", "LOC", ""), Mention("d", 1, "Moskow", "LOC", "")]
    result = resolve(ms, [])
    within = {e["canonical"]: e["within"] for e in result.entities.values()}
    assert within["Kursk"] == "Rusia" and within["Moskow"] == "Rusia"


def test_a_descriptor_speaker_is_not_the_country_it_names(tmp_path: Path) -> None:
    from kabar.ingest import ingest
    from kabar.store import Store

    (tmp_path / "a.txt").write_text(
        "Seorang perwakilan Korea Utara untuk PBB di New York mengatakan pada 22 Oktober bahwa pernyataan itu "
        "adalah “desas-desus yang tidak berdasar.”\nKorea Utara belum menanggapi.", encoding="utf-8")
    ingest([str(tmp_path / "a.txt")], tmp_path / "k.db", workers=1)
    with Store(tmp_path / "k.db") as store:
        (quote,) = store.extraction(next(store.documents()).id).quotes
    assert quote.speaker == "Seorang perwakilan Korea Utara" and quote.speaker_entity is None


def test_a_short_name_keeps_its_own_spelling_unless_the_full_name_is_vouched_for(tmp_path: Path) -> None:
    """"Intan" quoted in one article is not the "Tina T Kemala Intan" another article names once; "Prabowo" in
    one is the "Prabowo Subianto" that several name."""
    from kabar.ingest import ingest
    from kabar.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Pelatih Tina T Kemala Intan memimpin latihan tim di Bekasi pada Senin pagi.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("Atlet itu belum menerima gaji. “Sudah dua bulan gaji kami belum dibayar,” kata "
                                  "Intan kepada wartawan di Bekasi.\n", encoding="utf-8")
    for name in ("c", "d", "e"):
        (folder / f"{name}.txt").write_text(f"Presiden Prabowo Subianto meresmikan gedung baru di kota {name}.\n",
                                            encoding="utf-8")
    (folder / "f.txt").write_text("“Kita akan bangun 100 sekolah baru,” kata Prabowo di Jakarta.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    ingest([str(folder)], db, workers=1)
    with Store(db) as store:
        speakers = {r[0]: r[1] for r in store.conn.execute(
            "SELECT d.name, json_extract(s.data, '$.speaker') FROM spans s JOIN documents d ON d.id = s.doc_id "
            "WHERE s.kind = 'quotes'")}
    assert speakers["b.txt"] == "Intan"
    assert speakers["f.txt"] == "Prabowo Subianto"
