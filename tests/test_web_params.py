"""The web app's edges: typed and bounded query parameters (422 in the error envelope), paging, HEAD, the
headers of every response, links from article metadata, the cache of rendered pages, `kabar serve --host`."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from builders import serve
from conftest import SAMPLE, need
from kabar.ingest import ingest
from kabar.serve.views import MAX_GROUPS, MAX_OFFSET, MAX_ROWS, PAGE_GROUPS, PAGE_ROWS, SEARCH_ROWS
from kabar.serve.web import CSP, Responses, create_app
from kabar.store import Store

URLS = {"javascript:alert(document.domain)": False, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==": False,
        " JavaScript:alert(1)": False, "https://example.test/berita/1": True, "http://example.test/b?x=1&y=2": True}
HTML_PAGES = ["/", "/ledger", "/entities", "/search"]
JSON_PAGES = ["/index.json", "/ledger.json", "/entities.json", "/search.json"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("params") / "corpus"
    shutil.copytree(need(SAMPLE), folder)
    db = folder.parent / "k.db"
    ingest([str(folder)], db, workers=1)
    with sqlite3.connect(db) as conn:  # metadata as hostile as a feed may send it
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
        for doc_id, url in zip(ids, URLS, strict=False):
            conn.execute("UPDATE documents SET url = ? WHERE id = ?", (url, doc_id))
    return db


@pytest.fixture(scope="module")
def site(store_path: Path) -> Iterator[str]:
    yield from serve(create_app(store_path))


@pytest.fixture(scope="module")
def http(site: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=60) as client:
        yield client


def ids(store_path: Path) -> dict[str, str]:
    with Store(store_path) as store:
        doc = store.conn.execute("SELECT id, story FROM documents ORDER BY id LIMIT 1").fetchone()
        entity = store.conn.execute("SELECT id FROM entities ORDER BY mentions DESC LIMIT 1").fetchone()[0]
    return {"doc": doc["id"], "story": doc["story"], "entity": entity}


def refused(response: httpx.Response, as_json: bool, word: str) -> None:
    """A 422 in the project's envelope (JSON) or its HTML error page, naming the parameter."""
    assert response.status_code == 422, (response.url, response.status_code, response.text[:200])
    if as_json:
        body = response.json()
        assert body["error"]["status"] == 422 and word in body["error"]["message"], body
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>422</h1>" in response.text and word in response.text


BAD = [  # (parameter, value, the word the message names)
    ("limit", "abc", "limit"), ("limit", "1.5", "limit"), ("limit", "0", "limit"), ("limit", "-3", "limit"),
    ("limit", "9" * 40, "limit"), ("limit", "9" * 5000, "limit"), ("offset", "-5", "offset"),
    ("offset", "x", "offset"), ("offset", str(MAX_OFFSET + 1), "offset"),
]


@pytest.mark.parametrize("page", HTML_PAGES + JSON_PAGES)
@pytest.mark.parametrize(("name", "value", "word"), BAD)
def test_bad_numbers_are_refused(http: httpx.Client, page: str, name: str, value: str, word: str) -> None:
    refused(http.get(page, params={name: value}), page.endswith(".json"), word)


@pytest.mark.parametrize("page", ["/ledger", "/ledger.json"])
def test_ledger_caps_and_dates(http: httpx.Client, page: str) -> None:
    as_json = page.endswith(".json")
    refused(http.get(page, params={"limit": MAX_GROUPS + 1}), as_json, "limit")
    refused(http.get(page, params={"min_claims": "many"}), as_json, "min_claims")
    refused(http.get(page, params={"min_claims": "0"}), as_json, "min_claims")
    for bad in ("2025-13-45", "2025-02-30", "2025-1", "25-06-01", "2025/06/01", "2025-06-01T00:00", "١٢٣٤", "x"):
        refused(http.get(page, params={"from": bad}), as_json, "from")
        refused(http.get(page, params={"to": bad}), as_json, "to")
    for good in ("2024", "2024-10", "2024-10-29", ""):
        assert http.get(page, params={"from": good, "to": good or "2030"}).status_code == 200, good
    assert http.get(page, params={"limit": MAX_GROUPS}).status_code == 200


def test_a_month_or_year_in_to_takes_all_of_it(http: httpx.Client) -> None:
    every = http.get("/ledger.json", params={"limit": MAX_GROUPS}).json()
    dated = sorted({c["date"] for g in every["groups"] for c in g["claims"] if c["date"]})
    month = dated[-1][:7]
    upto = http.get("/ledger.json", params={"to": month, "limit": MAX_GROUPS}).json()
    assert any((c["date"] or "").startswith(month) for g in upto["groups"] for c in g["claims"])
    assert upto["filters"] == {"to": month}


@pytest.mark.parametrize("page", HTML_PAGES + JSON_PAGES)
def test_over_the_row_cap_is_refused(http: httpx.Client, page: str) -> None:
    cap = MAX_GROUPS if page.startswith("/ledger") else MAX_ROWS
    refused(http.get(page, params={"limit": cap + 1}), page.endswith(".json"), "limit")
    assert http.get(page, params={"limit": cap, "q": "Kursk"}).status_code == 200


@pytest.mark.parametrize("page", ["/search", "/search.json", "/entities", "/entities.json", "/ledger", "/ledger.json"])
@pytest.mark.parametrize("text", ["\x00", "a\x00b", "Kursk\n", "\t", "\x1b[31m", "\x7f"])
def test_control_characters_in_text_are_refused(http: httpx.Client, page: str, text: str) -> None:
    name = "subject" if page.startswith("/ledger") else "q"
    refused(http.get(page, params={name: text}), page.endswith(".json"), name)


def test_text_parameters_are_bounded_and_never_query_syntax(http: httpx.Client) -> None:
    refused(http.get("/search.json", params={"q": "a" * 201}), True, "q")
    for q in ('"', "*", "AND", "NEAR(", "a OR b", "'; DROP TABLE documents; --", "%", "_"):
        assert http.get("/search.json", params={"q": q}).status_code == 200, q
        assert http.get("/entities.json", params={"q": q}).status_code == 200, q
    assert http.get("/entities.json", params={"q": "%"}).json()["count"] == 0  # a literal %, not a wildcard
    refused(http.get("/documents/x", params={"hl": "5"}), False, "hl")


def test_pages_are_paged(http: httpx.Client) -> None:
    for page, key, default in (("/index.json", "stories", PAGE_ROWS), ("/entities.json", "entities", PAGE_ROWS),
                               ("/ledger.json", "groups", PAGE_GROUPS)):
        whole = http.get(page, params={"limit": MAX_ROWS if key != "groups" else MAX_GROUPS}).json()
        assert http.get(page).json()["limit"] == default
        assert whole["count"] == len(whole[key]) >= 3, page  # the sample corpus fits in one page
        seen: list[Any] = []
        url: str | None = f"{page}?limit=2"
        previous = None
        while url:
            got = http.get(url).json()
            assert len(got[key]) <= 2 and got["count"] == whole["count"]
            assert got["pages"]["previous"] == previous
            seen += got[key]
            previous, url = url if got["offset"] else f"{page}?limit=2", got["pages"]["next"]
        assert seen == whole[key], page
        past = http.get(page, params={"offset": whole["count"] + 5}).json()
        assert past[key] == [] and past["pages"]["next"] is None


def test_html_pages_link_to_the_next_and_previous_page(http: httpx.Client) -> None:
    first = http.get("/", params={"limit": 1}).text
    assert 'rel="next" href="/?limit=1&amp;offset=1"' in first and 'rel="prev"' not in first
    second = http.get("/", params={"limit": 1, "offset": 1}).text
    assert 'rel="prev" href="/?limit=1"' in second and "Stories 2–2 of" in second
    ledger = http.get("/ledger", params={"limit": 2, "offset": 2, "place": "Kursk"}).text
    assert 'rel="prev" href="/ledger?place=Kursk&amp;limit=2"' in ledger
    entities = http.get("/entities", params={"limit": 5, "q": "a"}).text
    assert 'rel="next" href="/entities?q=a&amp;limit=5&amp;offset=5"' in entities
    search = http.get("/search.json", params={"q": "Kursk", "limit": 1}).json()
    assert search["limit"] == 1 and len(search["documents"]) == 1 and search["count"] > 1
    assert search["pages"]["next"] == "/search.json?q=Kursk&limit=1&offset=1"
    assert http.get("/search.json", params={"q": "Kursk"}).json()["limit"] == SEARCH_ROWS


def test_openapi_declares_every_parameter_with_its_bounds(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()["paths"]
    for path, names in {"/": {"offset", "limit"}, "/ledger": {"subject", "place", "claimant", "outlet", "from", "to",
                                                               "min_claims", "offset", "limit"},
                        "/entities": {"q", "offset", "limit"}, "/search": {"q", "offset", "limit"},
                        "/documents/{doc_id}": {"doc_id", "hl"}}.items():
        twin = "/index.json" if path == "/" else f"{path}.json"
        for p in (path, twin):
            params = {x["name"]: x for x in spec[p]["get"]["parameters"]}
            assert set(params) == names, p
            if "limit" in params:
                cap = MAX_GROUPS if p.startswith("/ledger") else MAX_ROWS
                assert params["limit"]["schema"]["maximum"] == cap and params["limit"]["schema"]["minimum"] == 1
                assert params["offset"]["schema"]["minimum"] == 0
            assert set(spec[p]["get"]["responses"]) >= {"200", "404", "422"}
    ledger = {x["name"]: x["schema"] for x in spec["/ledger.json"]["get"]["parameters"]}
    assert "pattern" in ledger["from"]["anyOf"][0] and "pattern" in ledger["subject"]["anyOf"][0]
    error = spec["/ledger.json"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert error["$ref"].endswith("/ErrorEnvelope")


def test_head_answers_wherever_get_does(http: httpx.Client, store_path: Path) -> None:
    known = ids(store_path)
    paths = ["/", "/index.json", "/ledger", "/ledger.json", f"/stories/{known['story']}", "/entities",
             f"/entities/{known['entity']}.json", f"/documents/{known['doc']}", "/search?q=Kursk", "/static/kabar.css",
             "/static/kabar.js", "/openapi.json", "/docs"]
    for path in paths:
        got, head = http.get(path), http.head(path)
        assert got.status_code == head.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], path
        assert int(head.headers["content-length"]) == len(got.content), path
    assert http.head("/documents/nope").status_code == 404
    assert http.head("/ledger?limit=x").status_code == 422


def test_every_response_says_nosniff(http: httpx.Client, store_path: Path) -> None:
    known = ids(store_path)
    responses = [http.get(p) for p in ("/", "/ledger.json", f"/documents/{known['doc']}", "/static/kabar.js",
                                       "/openapi.json", "/docs", "/nope", "/nope.json", "/ledger?limit=x")]
    responses += [http.post("/ledger"), http.delete("/index.json"), http.head("/")]
    assert {r.status_code for r in responses} >= {200, 404, 405, 422}
    for r in responses:
        assert r.headers.get("x-content-type-options") == "nosniff", r.url
    for r in responses[:3] + responses[6:9]:  # kabar's pages, its errors: the CSP stays
        assert r.headers["content-security-policy"] == CSP, r.url
    assert http.post("/ledger.json").json() == {"error": {"status": 405, "message": "Method Not Allowed"}}


def test_an_unexpected_failure_is_a_500_in_the_envelope(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kabar.serve import views

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(views, "document_view", broken)
    for site in serve(create_app(store_path)):
        for path, as_json in (("/documents/x.json", True), ("/documents/x", False)):
            got = httpx.get(f"{site}{path}", timeout=60)  # a connection each: uvicorn closes one after a failure
            assert got.status_code == 500 and got.headers["x-content-type-options"] == "nosniff"
            assert "secret" not in got.text
            if as_json:
                assert got.json() == {"error": {"status": 500, "message": "internal error"}}
            else:
                assert "<h1>500</h1>" in got.text and got.headers["content-security-policy"] == CSP


def test_only_http_links_from_article_metadata(http: httpx.Client, store_path: Path) -> None:
    with Store(store_path) as store:
        rows = store.conn.execute("SELECT id, url FROM documents WHERE url IS NOT NULL").fetchall()
    assert {r["url"] for r in rows} == set(URLS)
    for row in rows:
        page = http.get(f"/documents/{row['id']}").text
        hrefs = [part.split('"', 1)[0] for part in page.split('href="')[1:]]
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], row["url"]
        escaped = row["url"].replace("&", "&amp;")
        if URLS[row["url"]]:
            assert f'<a href="{escaped}" rel="noopener noreferrer nofollow">source</a>' in page
        else:
            assert f'source: <span class="url">{escaped}</span>' in page  # shown, not linked
        assert http.get(f"/documents/{row['id']}.json").json()["document"]["url"] == row["url"]


def test_pages_follow_a_change_of_the_store(tmp_path: Path, store_path: Path) -> None:
    db = tmp_path / "copy.db"
    with sqlite3.connect(store_path) as source, sqlite3.connect(db) as target:
        source.backup(target)
    app = create_app(db)
    for site in serve(app):
        with httpx.Client(base_url=site, timeout=60) as client:
            before = client.get("/index.json").json()["count"]
            assert client.get("/index.json").json()["count"] == before  # the kept page
            found = client.get("/search.json", params={"q": "Ternate"}).json()["count"]
            (tmp_path / "more").mkdir()
            (tmp_path / "more" / "baru.txt").write_text(
                "Gempa berkekuatan 6,1 mengguncang Ternate pada hari Selasa, kata Kepala BMKG Dwikorita Karnawati "
                "kepada wartawan. Sedikitnya 40 rumah rusak.", encoding="utf-8")
            ingest([str(tmp_path / "more")], db, workers=1)
            # the search reads the store: at once; the stories come from the snapshot, rebuilt in the background
            assert client.get("/search.json", params={"q": "Ternate"}).json()["count"] == found + 1
            deadline = time.monotonic() + 60
            while client.get("/index.json").json()["count"] == before and time.monotonic() < deadline:
                time.sleep(0.1)
            assert client.get("/index.json").json()["count"] == before + 1
            assert client.get("/index.json").json()["count"] == before + 1  # and kept


def test_a_ledger_page_of_kept_blocks_is_the_page_of_the_template(http: httpx.Client, store_path: Path) -> None:
    from kabar.serve.pages import charts_for, render
    from kabar.serve.views import Cache

    with Store(store_path) as store:
        groups = Cache().ledger(store)
    # each page after the first shares groups with those before it: their blocks are the kept ones
    for params in ({"limit": 4}, {"limit": 3, "offset": 2}, {"limit": 100}, {"place": "Kursk", "limit": 2}):
        view = http.get("/ledger.json", params=params).json()
        view["pages"] = {k: v and v.replace("/ledger.json", "/ledger") for k, v in view["pages"].items()}
        page = http.get("/ledger", params=params).text
        assert page == render("ledger.html", view=view, charts=charts_for(view["groups"], groups), q=None), params
        assert http.get("/ledger", params=params).text == page  # the kept page


def test_a_change_of_the_store_is_rebuilt_in_the_background_while_the_last_snapshot_serves(store_path: Path) -> None:
    from dataclasses import replace

    from kabar.serve.views import Cache

    for serving in (True, False):
        cache = Cache(serving=serving)
        with Store(store_path) as store:
            fresh = cache.snapshot(store)
            cache.current = old = replace(fresh, version=(-1,))  # as if the store had changed since
            started = time.monotonic()
            got = cache.snapshot(store)
            if serving:  # the last one at once, the new one built aside
                assert got is old and cache.changed(fresh.version) and time.monotonic() - started < 0.5
                assert cache.rebuilding is not None
                cache.rebuilding.join(60)
                assert cache.current is not None and cache.current.version == fresh.version
                assert cache.current.stories is not None and cache.current.words is not None  # built whole
            else:  # the caller rebuilds
                assert got.version == fresh.version and got is not old and got.stories is None
            assert not cache.changed(fresh.version) and cache.snapshot(store) is cache.current


def test_kept_pages_are_bounded_and_built_once() -> None:
    kept = Responses(budget=1000)
    version = (1,)
    for n in range(50):
        assert kept.state(version, n) is None
        kept.put(version, n, b"x" * 100, "text/plain")
    assert kept.size <= 1000 and len(kept.items) == 10 and kept.state(version, 49) == (b"x" * 100, "text/plain")
    assert kept.state(version, 200) is None
    kept.put(version, 200, b"y" * 200, "text/plain")  # over an eighth of the budget: not kept
    assert 200 not in kept.items

    builds: list[int] = []
    ready = threading.Barrier(8)

    def ask() -> None:
        ready.wait()
        got = kept.state(version, "page")
        if got is None:
            builds.append(1)
            time.sleep(0.2)
            kept.put(version, "page", b"built", "text/plain")
            return
        if isinstance(got, threading.Event):
            assert got.wait(5)
        assert kept.state(version, "page") == (b"built", "text/plain")

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert builds == [1]
    assert kept.state((2,), "page") is None and not kept.items  # a new store version starts empty


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                              ("127.0.0.2", False), ("0.0.0.0", True), ("192.168.1.20", True),
                                              ("::", True), ("example.test", True)])
def test_serve_warns_off_loopback(host: str, warned: bool, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from kabar.cli import app

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: calls.append(k))
    result = CliRunner().invoke(app, ["serve", "--db", str(store_path), "--host", host, "--port", "8799"])
    assert result.exit_code == 0, result.output
    assert calls and calls[0]["host"] == host
    assert ("not a loopback address" in result.output) == warned, result.output
