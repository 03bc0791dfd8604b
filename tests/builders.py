"""Small builders of real-shaped inputs for tests (feeds, WARC archives, a mixed bad folder)."""

from __future__ import annotations

import gc
import io
import json
import shutil
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>{title} - Contoh News</title>
<meta property="og:site_name" content="Contoh News">
<meta property="article:published_time" content="2025-06-18T07:30:00+07:00"></head>
<body><nav>Beranda | Nasional | Dunia</nav><article><h1>{title}</h1>
<p>{body}</p>
<p>Menurut pejabat itu, sekitar 3.000 tentara dikirim ke wilayah tersebut pada pekan lalu.</p>
<p>Baca juga: Berita lain yang tidak terkait</p>
<p>Pemerintah mengatakan akan terus memantau perkembangan situasi di lapangan setiap hari.</p>
</article><div class="comments"><p>Komentar: mantap sekali beritanya</p></div>
<footer>Hak cipta dilindungi</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Contoh News</title><link>http://example.test/</link>
<item><title>Pasukan tiba di Kursk</title><link>http://example.test/a</link><guid>http://example.test/a</guid>
<pubDate>Rabu, 18 Jun 2025 07:30 WIB</pubDate><author>Budi</author>
<description><![CDATA[<p>Sekitar 8.000 pasukan Korea Utara kini berada di Rusia dekat perbatasan Ukraina,
kata Menteri Luar Negeri dalam konferensi pers pada hari Kamis di Washington.</p>]]></description></item>
<item><title>Seoul memperkirakan 11.000</title><link>http://example.test/b</link><guid>http://example.test/b</guid>
<pubDate>Thu, 19 Jun 2025 10:00:00 +0700</pubDate>
<description><![CDATA[<p>Seoul dan sekutunya memperkirakan jumlah tersebut telah meningkat menjadi 11.000,
sementara Ukraina menempatkan angka tersebut lebih tinggi, hingga 12.000 orang.</p>]]></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2025-06-18T00:00:00Z</updated>
<entry><title>Satu</title><id>urn:1</id><link href="http://example.test/atom/1"/><updated>2025-06-18T01:00:00Z</updated>
<content type="html">&lt;p&gt;Isi berita pertama yang cukup panjang untuk dibaca oleh kabar.&lt;/p&gt;</content>
</entry>
</feed>"""


def html_page(title: str, body: str) -> str:
    return ARTICLE_HTML.format(title=title, body=body)


def write_warc(path: Path, pages: dict[str, str]) -> None:
    from warcio.warcwriter import WARCWriter

    # warcio's writer leaves its spooled digest buffers to the garbage collector: collect them here
    with warnings.catch_warnings(), path.open("wb") as handle:
        warnings.simplefilter("ignore", ResourceWarning)
        _write_records(WARCWriter(handle, gzip=path.suffix == ".gz"), pages)
        gc.collect()


def _write_records(writer: Any, pages: dict[str, str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    for url, html in pages.items():
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        writer.write_record(record)
    request = writer.create_warc_record("http://example.test/req", "request",
                                        payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
    writer.write_record(request)


def mixed_folder(root: Path, sample: Path) -> Path:
    """Three sample articles and every kind of bad input the foundation issue names."""
    folder = root / "mixed"
    folder.mkdir()
    for path in sorted(sample.glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    latin = ("Presiden Prancis mengatakan kafe di Paris akan menyajikan crème brûlée untuk para menteri, "
             "kata José Müller kepada wartawan di Jakarta pada hari Senin.")
    (folder / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (folder / "broken.html").write_text("<html><body><p>Teks rusak tanpa penutup <b>tebal <div>lagi <p>dan "
                                        "kalimat yang panjang sekali untuk tetap diekstrak dari halaman rusak",
                                        encoding="utf-8")
    lines = [json.dumps({"id": "good-1", "text": "Berita pertama tentang banjir di Jakarta pada hari Senin.",
                         "outlet": "Contoh", "published": "Rabu, 18 Jun 2025 07:30 WIB"}),
             '{"id": "broken", "text": "unterminated',
             json.dumps({"id": "good-2", "text": "Berita kedua tentang harga beras yang naik 12,5 persen."})]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (folder / "huge.txt").open("w", encoding="utf-8") as handle:
        line = "Kalimat panjang yang diulang untuk membuat berkas teks yang sangat besar sekali.\n"
        handle.write(line * (20_000_000 // len(line) + 1))
    return folder


def serve(app: Any) -> Iterator[str]:
    """Run an ASGI app with uvicorn on a free loopback port in a thread; yields its base url."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
