"""Readers of every format: encodings (BOM, UTF-16/32), compression, per-record and per-file limits, NULs
and lone surrogates. The inputs are built here; every bad part must be a reject with a reason while the
good records next to it are read."""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import io
import json
import lzma
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import ATOM, RSS, html_page, write_warc
from kabar.read.raw import RawRecord, ReadOptions
from kabar.read.sources import iter_inputs
from kabar.records import Reject

TEXTS = ["Berita pertama tentang banjir di Jakarta, kata José kepada wartawan “hari ini”.",
         "Berita kedua: harga beras naik 12,5 persen di Surabaya pada pekan lalu.",
         "Berita ketiga tentang 3.000 tentara yang tiba di perbatasan pada hari Senin."]
COMPRESS: dict[str, Callable[[bytes], bytes]] = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


def read(path: Path, **options: int) -> list[RawRecord | Reject]:
    return list(iter_inputs([str(path)], ReadOptions(**options)))  # type: ignore[arg-type]


def records(items: list[RawRecord | Reject]) -> list[RawRecord]:
    return [item for item in items if isinstance(item, RawRecord)]


def rejects(items: list[RawRecord | Reject]) -> list[tuple[str, str]]:
    return [(Path(item.source).name, item.reason) for item in items if isinstance(item, Reject)]


def jsonl(texts: list[str] = TEXTS) -> str:
    return "".join(json.dumps({"id": f"r{i}", "text": t, "title": f"Judul {i}"}) + "\n" for i, t in enumerate(texts))


def csv_text(texts: list[str] = TEXTS, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["id", "title", "text"])
    for i, text in enumerate(texts):
        writer.writerow([f"r{i}", f"Judul {i}", text])
    return out.getvalue()


# Each format: (file name, its content as text, the texts its records must hold).
FORMATS: dict[str, tuple[str, str, list[str]]] = {
    "txt": ("a.txt", TEXTS[0] + "\n" + TEXTS[1] + "\n", [TEXTS[0] + "\n" + TEXTS[1] + "\n"]),
    "html": ("a.html", html_page("Judul", TEXTS[0]), [TEXTS[0]]),
    "jsonl": ("a.jsonl", jsonl(), TEXTS),
    "json": ("a.json", json.dumps([{"id": "x", "text": TEXTS[0]}, {"id": "y", "text": TEXTS[1]}]), TEXTS[:2]),
    "csv": ("a.csv", csv_text(), TEXTS),
    "tsv": ("a.tsv", csv_text(delimiter="\t"), TEXTS),
    "rss": ("a.rss", RSS, ["8.000 pasukan Korea Utara", "meningkat menjadi 11.000"]),
    "atom": ("a.atom", ATOM, ["Isi berita pertama"]),
}


def found(record: RawRecord) -> str:
    return record.text if record.text is not None else record.html or ""


def check_format(items: list[RawRecord | Reject], expected: list[str]) -> None:
    assert rejects(items) == []
    got = records(items)
    assert len(got) == len(expected)
    for record, text in zip(got, expected, strict=True):
        assert text in found(record), (text, found(record)[:300])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-32", "utf-8-sig"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_text_format_reads_unicode_with_a_bom(tmp_path: Path, fmt: str, encoding: str) -> None:
    name, content, expected = FORMATS[fmt]
    if encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + content.encode("utf-16-be")
    else:
        data = content.encode(encoding)
    path = tmp_path / name
    path.write_bytes(data)
    items = read(path)
    check_format(items, expected)
    if fmt in ("jsonl", "csv", "tsv"):
        assert [r.meta["title"] for r in records(items)] == ["Judul 0", "Judul 1", "Judul 2"]  # no BOM in names


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv"])
def test_utf16_without_a_bom_is_recognised(tmp_path: Path, fmt: str) -> None:
    name, content, expected = FORMATS[fmt]
    path = tmp_path / name
    path.write_bytes(content.encode("utf-16-le"))
    check_format(read(path), expected)


@pytest.mark.parametrize("suffix", list(COMPRESS))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reads_compressed(tmp_path: Path, fmt: str, suffix: str) -> None:
    name, content, expected = FORMATS[fmt]
    path = tmp_path / (name + suffix)  # the inner extension decides the format: a.jsonl.gz is JSONL
    path.write_bytes(COMPRESS[suffix](content.encode("utf-8")))
    items = read(path)
    check_format(items, expected)
    if fmt == "jsonl":
        assert [r.source for r in records(items)] == [f"{path}:{n}" for n in (1, 2, 3)]


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz", ".warc.bz2", ".warc.xz"])
def test_warc_archives_read_compressed(tmp_path: Path, suffix: str) -> None:
    pages = {f"http://example.test/{i}": html_page(f"Judul {i}", TEXTS[i]) for i in range(3)}
    plain = tmp_path / "plain.warc"
    write_warc(plain, pages)
    path = tmp_path / f"crawl{suffix}"
    if suffix == ".warc.gz":
        write_warc(path, pages)
    else:
        path.write_bytes(COMPRESS.get(suffix.removeprefix(".warc"), lambda b: b)(plain.read_bytes()))
    items = read(path)
    assert rejects(items) == []
    assert [r.meta["url"] for r in records(items)] == list(pages)


def test_compressed_data_under_a_plain_name_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(gzip.compress(jsonl().encode()))
    check_format(read(path), TEXTS)


def test_damaged_compressed_data_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    many = [f"Berita nomor {i} tentang banjir di kota yang jauh." for i in range(2000)]
    data = gzip.compress(jsonl(many).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    got = records(items)
    assert 0 < len(got) < 2000 and got[0].text == many[0]
    assert rejects(items)[-1] == ("cut.jsonl.gz", "bad-compression")
    assert isinstance(items[-1], Reject) and f"the first {len(got):,} lines were read" in items[-1].detail
    cut_csv = tmp_path / "cut.csv.gz"
    data = gzip.compress(csv_text(many[:300]).encode())
    cut_csv.write_bytes(data[: len(data) * 3 // 4])  # damaged among the rows read ahead for the date order
    items = read(cut_csv)
    assert 100 < len(records(items)) < 300 and records(items)[0].text == many[0]
    assert rejects(items) == [("cut.csv.gz", "bad-compression")]
    (tmp_path / "junk.txt.gz").write_bytes(b"\x1f\x8b not really gzip")
    assert rejects(read(tmp_path / "junk.txt.gz")) == [("junk.txt.gz", "bad-compression")]


def _bomb(path: Path, megabytes: int, line: bytes) -> None:
    with gzip.open(path, "wb", compresslevel=6) as handle:
        chunk = line * (1_000_000 // len(line))
        for _ in range(megabytes):
            handle.write(chunk)


def test_a_decompression_bomb_is_refused_without_filling_memory(tmp_path: Path) -> None:
    text_bomb = tmp_path / "bomb.txt.gz"
    _bomb(text_bomb, 50, b"a" * 99 + b"\n")
    lines_bomb = tmp_path / "bomb.jsonl.gz"
    _bomb(lines_bomb, 50, (json.dumps({"text": "Isi berita yang diulang terus. " * 32}) + "\n").encode())
    assert text_bomb.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        assert rejects(read(text_bomb, max_bytes=1_000_000)) == [("bomb.txt.gz", "too-large")]
        items = read(lines_bomb, max_file_bytes=2_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rejects(items) == [("bomb.jsonl.gz", "too-large")]
    assert 1_500 < len(records(items)) < 2_100  # the lines within the first 2 MB
    assert isinstance(items[-1], Reject) and "when decompressed" in items[-1].detail
    assert peak < 30_000_000, peak  # the records read, not the 50 MB behind them


def test_max_bytes_holds_per_feed_item(tmp_path: Path) -> None:
    big = "<p>" + "Paragraf panjang tentang pasukan yang tiba. " * 400 + "</p>"
    items_xml = "".join(f"<item><title>T{i}</title><link>http://example.test/{i}</link><description><![CDATA["
                        f"{big if i == 1 else '<p>' + TEXTS[i] + '</p>'}]]></description></item>" for i in range(3))
    path = tmp_path / "news.rss"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>{items_xml}</channel></rss>',
                    encoding="utf-8")
    assert path.stat().st_size > 10_000  # the feed is over --max-bytes, each small item is not
    items = read(path, max_bytes=10_000)
    assert rejects(items) == [("news.rss#2", "too-large")]
    assert [r.meta["title"] for r in records(items)] == ["T0", "T2"]
    assert rejects(read(path, max_file_bytes=5_000)) == [("news.rss", "too-large")]


def test_max_bytes_holds_per_jsonl_record(tmp_path: Path) -> None:
    long_text = "Kalimat panjang tentang banjir. " * 1000  # 32 KB
    lines = [json.dumps({"id": "a", "text": TEXTS[0]}), json.dumps({"id": "big", "text": long_text}),
             json.dumps({"id": "huge", "text": long_text * 20}), json.dumps({"id": "b", "text": TEXTS[1]})]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path, max_bytes=10_000)
    assert rejects(items) == [("a.jsonl:2", "too-large"), ("a.jsonl:3", "too-large")]
    assert [r.name for r in records(items)] == ["a", "b"]
    assert [r.source.rsplit(":", 1)[1] for r in records(items)] == ["1", "4"]
    assert len(records(read(path))) == 4


def test_max_bytes_holds_per_csv_row_and_long_rows_do_not_shift_the_next(tmp_path: Path) -> None:
    long_text = 'Kalimat "panjang", dengan koma\r\ndan baris baru. ' * 2000  # 100 KB, quotes and newlines inside
    rows = [["a", TEXTS[0]], ["big", long_text], ["huge", long_text * 5], ["b", TEXTS[1]], ["c", TEXTS[2]]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text"])
    writer.writerows(rows)
    path = tmp_path / "a.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    items = read(path, max_bytes=20_000)  # the row cap is 6 x 20 KB + 1 MB: 'huge' (500 KB) passes it unread
    assert rejects(items) == [("a.csv:3", "too-large"), ("a.csv:4", "too-large")]
    assert [(r.name, r.text) for r in records(items)] == [("a", TEXTS[0]), ("b", TEXTS[1]), ("c", TEXTS[2])]
    assert all("over the limit" in item.detail for item in items if isinstance(item, Reject))
    import kabar.read.stream as stream

    small_cap = ReadOptions(max_bytes=1_000)
    original = stream.RECORD_SLACK
    try:
        stream.RECORD_SLACK = 0  # a row cap of 6 KB: both long rows are skipped as skeletons
        items = list(iter_inputs([str(path)], small_cap))
    finally:
        stream.RECORD_SLACK = original
    assert rejects(items) == [("a.csv:3", "too-large"), ("a.csv:4", "too-large")]
    assert [r.name for r in records(items)] == ["a", "b", "c"]
    assert all("a row of over" in item.detail for item in items if isinstance(item, Reject))


NUL_CASES: dict[str, tuple[str, bytes]] = {
    "txt": ("a.txt", b"Isi\x00 berita yang panjang tentang banjir di Jakarta pada hari Senin.\n"),
    "html": ("a.html", html_page("Judul", "Isi\x00 berita yang panjang tentang banjir di Jakarta.").encode()),
    "jsonl-escape": ("a.jsonl", b'{"text": "Isi\\u0000 berita yang panjang.", "title": "J\\u0000udul"}\n'),
    "jsonl-raw": ("b.jsonl", b'{"text": "Isi\x00 berita yang panjang tentang banjir.", "title": "Judul"}\n'),
    "json": ("a.json", b'[{"text": "Isi\\u0000 berita yang panjang tentang banjir."}]'),
    "csv": ("a.csv", b'id,title,text\n1,Judul,"Isi\x00 berita yang panjang tentang banjir."\n'),
    "rss": ("a.rss", RSS.replace("Sekitar 8.000", "Sekitar\x00 8.000").encode()),
}


@pytest.mark.parametrize("case", list(NUL_CASES))
def test_a_stray_nul_is_dropped_in_every_format(tmp_path: Path, case: str) -> None:
    name, data = NUL_CASES[case]
    (tmp_path / name).write_bytes(data)
    items = read(tmp_path / name)
    assert rejects(items) == []
    got = records(items)
    assert got
    for record in got:
        assert "\x00" not in found(record)
        assert all("\x00" not in (value or "") for value in record.meta.values())
    assert "Isi berita" in found(got[0]) or "Sekitar 8.000" in found(got[0])


def test_a_warc_response_with_a_nul_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "a.warc"
    write_warc(path, {"http://example.test/a": html_page("Judul", "Isi\x00 berita yang panjang.")})
    (record,) = records(read(path))
    assert "Isi berita yang panjang." in found(record)


@pytest.mark.parametrize("name", ["nul.txt", "nul.jsonl", "nul.csv", "nul.html"])
def test_a_file_of_nul_and_control_bytes_is_binary(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"text,\x00\x01\x02\x03" * 500)
    assert rejects(read(tmp_path / name)) == [(name, "binary")]


def test_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    from kabar.pipeline import content_id, process

    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a", "text": "Berita \\ud83d tentang banjir di Jakarta.", "title": "Judul \\udfff"}\n'
                    '{"id": "b", "text": "Berita \\ud83d\\ude00 dengan emoji yang utuh."}\n', encoding="utf-8")
    (tmp_path / "s.csv").write_bytes('id,text\nc,"Berita “kata José” – “\udced\udca0\udcbd” dari CESU-8."\n'.encode(
        "utf-8", "surrogateescape"))
    (tmp_path / "s.json").write_text('{"text": "Berita \\udc00 dari berkas JSON tentang banjir."}', encoding="utf-8")
    got = records(list(iter_inputs([str(tmp_path / n) for n in ("s.jsonl", "s.csv", "s.json")], ReadOptions())))
    assert [r.text for r in got] == ["Berita \ufffd tentang banjir di Jakarta.", "Berita 😀 dengan emoji yang utuh.",
                                     "Berita “kata José” – “\ufffd” dari CESU-8.",
                                     "Berita \ufffd dari berkas JSON tentang banjir."]
    assert got[0].meta["title"] == "Judul \ufffd"
    for record in got:
        for value in (record.source, record.name, record.text or "", *(v or "" for v in record.meta.values())):
            value.encode("utf-8")
        content_id(record.text or "")
        result = process(record)
        assert not isinstance(result, Reject), result


def test_a_file_name_with_undecodable_bytes_gives_valid_sources(tmp_path: Path) -> None:
    import os

    folder = os.fsencode(tmp_path)
    try:
        with open(folder + b"/berita-\xff.txt", "wb") as handle:
            handle.write(TEXTS[0].encode())
        with open(folder + b"/rusak-\xfe.pdf", "wb") as handle:
            handle.write(b"%PDF")
    except OSError:
        pytest.skip("the file system refuses undecodable names")
    items = read(tmp_path)
    for item in items:
        item.source.encode("utf-8")
    assert len(records(items)) == 1 and records(items)[0].text == TEXTS[0]
    assert [reason for _, reason in rejects(items)] == ["unsupported-type"]


def test_legacy_bytes_are_read_not_replaced(tmp_path: Path) -> None:
    latin = "Kafe di Paris menyajikan crème brûlée, kata José Müller kepada wartawan di Jakarta pada hari Senin."
    (tmp_path / "latin.csv").write_bytes(f'id,text\n1,"{latin}"\n'.encode("cp1252"))
    (tmp_path / "latin.jsonl").write_bytes((json.dumps({"text": latin}, ensure_ascii=False) + "\n").encode("cp1252"))
    # a UTF-8 dump with one record in cp1252, after the first 8 KB, and one with a stray byte in its head
    utf8 = jsonl(TEXTS * 40).encode()
    (tmp_path / "mixed.jsonl").write_bytes(utf8 + '{"text": "crème brûlée"}\n'.encode("cp1252"))
    (tmp_path / "stray.jsonl").write_bytes('{"text": "crème “brûlée” \x80 Müller"}\n'.encode().replace(
        b"\xc2\x80", b"\x80"))
    by_file: dict[str, list[str]] = {}
    for record in records(read(tmp_path)):
        by_file.setdefault(Path(record.source).name.split(":")[0], []).append(record.text or "")
    assert by_file["latin.csv"] == [latin]
    assert by_file["latin.jsonl"] == [latin]
    assert by_file["mixed.jsonl"][-1] == "crème brûlée" and len(by_file["mixed.jsonl"]) == 121
    assert by_file["stray.jsonl"] == ["crème “brûlée” € Müller"]


def test_raw_control_characters_in_json_strings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "tab.jsonl"
    path.write_bytes(b'{"text": "Kolom\tdengan tab yang ditempel dari lembar kerja."}\n')
    (record,) = records(read(path))
    assert record.text == "Kolom\tdengan tab yang ditempel dari lembar kerja."


def test_bad_lines_and_rows_never_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([json.dumps({"text": TEXTS[0]}), '{"text": "unterminated', "[1, 2]", "{} trailing",
                               json.dumps({"text": TEXTS[1]})]) + "\n", encoding="utf-8")
    items = read(path)
    assert rejects(items) == [("mixed.jsonl:2", "invalid-json"), ("mixed.jsonl:3", "not-an-object"),
                              ("mixed.jsonl:4", "invalid-json")]
    assert [r.text for r in records(items)] == TEXTS[:2]


def test_json_nested_too_deep_is_one_reject(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.jsonl").write_text(json.dumps({"text": TEXTS[0]}) + "\n" + deep + "\n"
                                         + json.dumps({"text": TEXTS[1]}) + "\n", encoding="utf-8")
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    items = read(tmp_path)
    assert rejects(items) == [("deep.json", "invalid-json"), ("deep.jsonl:2", "invalid-json")]
    assert [r.text for r in records(items)] == TEXTS[:2]
    assert all("nested too deep" in item.detail for item in items if isinstance(item, Reject))


def test_a_feed_in_utf16_without_a_bom_or_from_a_url(tmp_path: Path) -> None:
    from kabar.read.raw import FetchResult

    path = tmp_path / "feed"  # no extension: recognised as a feed by its content
    path.write_bytes(RSS.encode("utf-16-le"))
    assert [r.meta["title"] for r in records(read(path))] == ["Pasukan tiba di Kursk", "Seoul memperkirakan 11.000"]

    def fetch(url: str) -> FetchResult:
        return FetchResult(url, 200, "application/xml", ATOM.encode("utf-16"))

    items = list(iter_inputs(["https://news.example/feed"], ReadOptions(fetch=fetch)))
    assert [r.meta["title"] for r in records(items)] == ["Satu"]
