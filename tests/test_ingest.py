from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from builders import ATOM, RSS, html_page, mixed_folder, write_warc
from kabar.ingest import ingest
from kabar.read.raw import ReadOptions
from kabar.store import Store


def reasons(summary_examples: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {Path(r.source.split(":")[0]).name: r.reason for r in summary_examples}


def test_mixed_folder_keeps_good_inputs_and_records_bad_ones(tmp_path: Path, sample: Path, db: Path) -> None:
    folder = mixed_folder(tmp_path, sample)
    summary = ingest([str(folder)], db, workers=2)
    assert summary.stored >= 7
    got = reasons(summary.examples)
    assert got["empty.txt"] == "empty"
    assert got["binary.txt"] == "binary"
    assert got["huge.txt"] == "too-large"
    assert got["records.jsonl"] == "invalid-json"
    with Store(db) as store:
        names = {d.name for d in store.documents()}
        assert {"good-1", "good-2", "latin1.txt", "broken.html"} <= names
        latin = next(d for d in store.documents() if d.name == "latin1.txt")
        assert "crème brûlée" in latin.text and "José Müller" in latin.text
        assert {r.reason for r in store.rejects()} >= {"empty", "binary", "too-large", "invalid-json"}
        before = store.dump()
    again = ingest([str(folder)], db, workers=2)
    assert again.stored == 0 and again.updated == 0 and again.unchanged == summary.stored
    with Store(db) as store:
        assert store.dump() == before
        assert store.integrity() == "ok"


def test_size_limit_is_configurable(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Isi berita yang cukup panjang. " * 100, encoding="utf-8")
    summary = ingest([str(path)], db, workers=1, options=ReadOptions(max_bytes=1000))
    assert summary.rejected == {"too-large": 1}
    assert ingest([str(path)], db, workers=1).stored == 1


def test_sidecar_metadata_and_published(sample: Path, db: Path) -> None:
    ingest([str(sample)], db, workers=1)
    with Store(db) as store:
        docs = {d.name: d for d in store.documents()}
    doc = docs["001_f459e879273e22e6.txt"]
    assert doc.outlet == "The Epoch Times"
    assert doc.author == "Owen Evans"
    assert doc.title == "NATO Konfirmasi Pasukan Korea Utara Dikerahkan ke Kursk, Rusia"
    assert doc.published == "2024-10-29"
    assert all(d.language == "id" for d in docs.values())
    raw = (sample / "000_d0bfd4771b3ccdfd.txt").read_text(encoding="utf-8")
    assert docs["000_d0bfd4771b3ccdfd.txt"].text == raw


def test_a_single_file_finds_its_sidecar(sample: Path, db: Path) -> None:
    ingest([str(sample / "002_efd1b7d4718707fe.txt")], db, workers=1)
    with Store(db) as store:
        (doc,) = list(store.documents())
    assert doc.outlet == "Tribunnews.com" and doc.published == "2024-10-22"


def test_html_main_text_and_metadata(tmp_path: Path, db: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(html_page("Pasukan tiba", "Isi utama berita tentang pasukan yang tiba di perbatasan."),
                    encoding="utf-8")
    ingest([str(page)], db, workers=1)
    with Store(db) as store:
        (doc,) = list(store.documents())
        extraction = store.extraction(doc.id)
    assert "Isi utama berita" in doc.text
    assert "Komentar" not in doc.text and "Beranda" not in doc.text
    assert doc.title == "Pasukan tiba" and doc.outlet == "Contoh News"
    assert doc.published is not None and doc.published.startswith("2025-06-18")
    assert [b.text for b in extraction.boilerplate] == ["Baca juga: Berita lain yang tidak terkait"]


def test_feeds_become_documents(tmp_path: Path, db: Path) -> None:
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "news.atom").write_text(ATOM, encoding="utf-8")
    summary = ingest([str(tmp_path)], db, workers=1)
    assert summary.stored == 3
    with Store(db) as store:
        docs = {d.url: d for d in store.documents()}
    first = docs["http://example.test/a"]
    assert first.title == "Pasukan tiba di Kursk" and first.outlet == "Contoh News"
    assert first.published == "2025-06-18T07:30:00+07:00"
    assert "8.000 pasukan" in first.text
    assert docs["http://example.test/b"].published == "2025-06-19T10:00:00+07:00"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, db: Path, name: str) -> None:
    pages = {f"http://example.test/{i}": html_page(f"Judul {i}", f"Isi berita nomor {i} yang panjang sekali.")
             for i in range(3)}
    write_warc(tmp_path / name, pages)
    summary = ingest([str(tmp_path / name)], db, workers=1)
    assert summary.stored == 3
    with Store(db) as store:
        assert {d.url for d in store.documents()} == set(pages)


def test_csv_with_column_mapping(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "berita.csv"
    path.write_text('id,judul,isi_berita,tanggal\n1,Satu,"Isi berita satu, dengan koma.",10/21/2025 20:43\n'
                    '2,Dua,"Isi berita dua.",10/01/2025 08:00\n', encoding="utf-8")
    bad = ingest([str(path)], db, workers=1)
    assert bad.rejected == {"no-text-column": 1}
    columns = {"text": "isi_berita", "title": "judul", "published": "tanggal"}
    summary = ingest([str(path)], db, workers=1, options=ReadOptions(columns=columns))
    assert summary.stored == 2
    with Store(db) as store:
        docs = {d.name: d for d in store.documents()}
    assert docs["1"].title == "Satu" and docs["1"].published == "2025-10-21T20:43:00"
    assert docs["2"].published == "2025-10-01T08:00:00"  # month-first, learnt from the column


def test_missing_path_and_unsupported_type_are_rejects(tmp_path: Path, db: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    summary = ingest([str(tmp_path / "nope"), str(tmp_path / "scan.pdf")], db, workers=1)
    assert summary.rejected == {"not-found": 1, "unsupported-type": 1}


class _Site(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, str]]] = {
        "/article": ("text/html; charset=utf-8", html_page("Dari web", "Isi berita dari server lokal.")),
        "/feed": ("application/rss+xml", RSS),
    }

    def do_GET(self) -> None:
        if self.path not in self.pages:
            self.send_error(404)
            return
        kind, body = self.pages[self.path]
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urls_of_pages_and_feeds(site: str, db: Path) -> None:
    summary = ingest([f"{site}/article", f"{site}/feed", f"{site}/missing"], db, workers=1)
    assert summary.stored == 3
    assert summary.rejected == {"http-status": 1}
    with Store(db) as store:
        urls = {d.url for d in store.documents()}
    assert f"{site}/article" in urls and "http://example.test/a" in urls


def test_injected_fetcher_is_the_only_network(db: Path) -> None:
    from kabar.read.raw import FetchResult

    seen = []

    def fake(url: str) -> FetchResult:
        seen.append(url)
        return FetchResult(url, 200, "text/html", html_page("Palsu", "Isi dari pengambil palsu.").encode())

    summary = ingest(["https://news.example/a"], db, workers=1, options=ReadOptions(fetch=fake))
    assert summary.stored == 1 and seen == ["https://news.example/a"]


def test_json_array_file(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([{"id": "a", "text": "Satu dua tiga."}, {"id": "b", "html": "<p>Empat lima.</p>"},
                                {"id": "c"}, 7]), encoding="utf-8")
    summary = ingest([str(path)], db, workers=1)
    assert summary.stored == 2
    assert summary.rejected == {"no-text": 1, "not-an-object": 1}


def test_the_same_text_from_two_sources_is_one_document(tmp_path: Path, db: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Teks yang sama persis dari dua berkas berbeda.", encoding="utf-8")
    first = ingest([str(tmp_path)], db, workers=1)
    assert (first.stored, first.duplicate) == (1, 1)
    second = ingest([str(tmp_path)], db, workers=1)
    assert (second.stored, second.duplicate, second.unchanged) == (0, 0, 2)
    with Store(db) as store:
        sources = [r[0] for r in store.conn.execute("SELECT source FROM document_sources ORDER BY source")]
    assert [Path(s).name for s in sources] == ["a.txt", "b.txt"]


def test_readers_give_the_pipeline_valid_unicode_in_every_format(tmp_path: Path, db: Path) -> None:
    import gzip

    tmp_path = tmp_path / "inputs"
    tmp_path.mkdir()
    (tmp_path / "surrogate.jsonl").write_text(
        '{"id": "s", "text": "Berita \\ud83d tentang banjir di Jakarta pada hari Senin.", "title": "J\\udfff"}\n',
        encoding="utf-8")
    (tmp_path / "nul.csv").write_bytes(b'id,text\nn,"Berita\x00 tentang harga beras yang naik 12,5 persen."\n')
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress(
        json.dumps({"id": "g", "text": "Berita dari arsip terkompresi tentang 3.000 tentara."}).encode() + b"\n"))
    (tmp_path / "utf16.jsonl").write_bytes(
        (json.dumps({"id": "u1", "text": "Berita pertama dalam UTF-16 tentang banjir."}) + "\n"
         + json.dumps({"id": "u2", "text": "Berita kedua dalam UTF-16 tentang gempa."}) + "\n").encode("utf-16"))
    summary = ingest([str(tmp_path)], db, workers=1)
    assert summary.rejected == {}
    with Store(db) as store:
        docs = {d.name: d for d in store.documents()}
    assert set(docs) == {"s", "n", "g", "u1", "u2"}
    assert docs["s"].text == "Berita \ufffd tentang banjir di Jakarta pada hari Senin." and docs["s"].title == "J\ufffd"
    assert docs["n"].text == "Berita tentang harga beras yang naik 12,5 persen."
