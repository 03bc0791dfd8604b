"""Stories and near-duplicates: fingerprints, clustering, order independence."""

from __future__ import annotations

import random
from datetime import date

import numpy as np

from kabar.extract.fingerprints import embed, minhash, similarity
from kabar.resolve.stories import Item, cluster, duplicates

A = ("Eks pejabat MA Zarof Ricar divonis 16 tahun penjara oleh majelis hakim Pengadilan Tipikor Jakarta karena "
     "terbukti menerima gratifikasi dan permufakatan jahat suap kasasi Ronald Tannur.")
B = ("Majelis hakim Pengadilan Tipikor Jakarta menjatuhkan vonis 16 tahun penjara kepada mantan pejabat Mahkamah "
     "Agung Zarof Ricar dalam perkara gratifikasi pengurusan perkara.")
C = ("Gunung Lewotobi Laki-laki kembali erupsi, tiga bandara di Flores ditutup dan ribuan penumpang batal "
     "terbang hari ini.")


def item(doc: str, text: str, day: str, entities: frozenset[str] = frozenset()) -> Item:
    vector = np.frombuffer(embed(None, text), dtype=np.float32)
    return Item(doc, date.fromisoformat(day), vector, minhash(text), entities)


def test_minhash_estimates_overlap() -> None:
    assert similarity(minhash(A), minhash(A)) == 1.0
    assert similarity(minhash(A), minhash("Baca juga: tautan. " + A)) >= 0.8
    assert similarity(minhash(A), minhash(C)) < 0.2


def test_same_event_one_story_other_event_another() -> None:
    stories = cluster([item("a", A, "2025-06-18"), item("b", B, "2025-06-18"), item("c", C, "2025-06-18")])
    assert stories["a"] == stories["b"] != stories["c"]


def test_far_apart_in_time_are_different_stories() -> None:
    stories = cluster([item("a", A, "2025-06-18"), item("b", B, "2025-09-18")])
    assert stories["a"] != stories["b"]


def test_order_does_not_matter() -> None:
    items = [item("a", A, "2025-06-18"), item("b", B, "2025-06-19"), item("c", C, "2025-06-18"),
             item("d", "Salinan: " + A, "2025-06-18")]
    first = cluster(sorted(items, key=lambda i: (i.day, i.doc_id)))
    shuffled = items[:]
    random.Random(4).shuffle(shuffled)
    assert cluster(sorted(shuffled, key=lambda i: (i.day, i.doc_id))) == first
    assert duplicates(sorted(items, key=lambda i: (i.day, i.doc_id))) == {"d": "a"}


def test_a_story_continues_from_its_state_and_is_named_after_its_earliest_article() -> None:
    from kabar.resolve.stories import Clusterer, story_id

    later = item("later", A, "2025-06-19")
    first = Clusterer([], {}, 1.0)
    story = first.add(later)
    assert story.id == story_id("later")
    again = Clusterer([story], {}, 1.0)  # a later ingest, from the stored state
    joined = again.add(item("earlier", B, "2025-06-18"))
    assert joined is story and story.size == 2
    assert story.id == story_id("earlier")  # an earlier article arrived: the story is named after it
    other = again.add(item("volcano", C, "2025-06-18"))
    assert other is not story and again.merges() == {}


def test_closed_stories_are_not_compared() -> None:
    from kabar.resolve.stories import Clusterer

    clusterer = Clusterer([], {}, 1.0)
    clusterer.add(item("a", A, "2025-06-01"))
    assert len(clusterer.active) == 1
    clusterer.add(item("c", C, "2025-07-01"))  # a month later the first story is closed
    assert [clusterer.stories[i].id for i in clusterer.active] == [clusterer.stories[1].id]
