"""The web UI in a real browser (Debian's chromium driven by Playwright), its JSON twins, and the report."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builders import serve
from kabar.ingest import ingest
from kabar.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"]
HOSTILE = ("Warga mengatakan <script>document.title='pwned';window.kabarPwned=1</script> sekitar 200 orang "
           "hadir di Jakarta pada hari Senin, kata Budi Santoso kepada wartawan.\n"
           "<img src=x onerror=\"window.kabarPwned=2\"> Rapat itu dihadiri 50 pejabat.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sample = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kursk-2024"
    if not sample.exists():
        pytest.skip("the sample corpus is not there")
    folder = tmp_path_factory.mktemp("web") / "corpus"
    shutil.copytree(sample, folder)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder.parent / "k.db"
    ingest([str(folder)], db, workers=1)
    return db


@pytest.fixture(scope="module")
def site(corpus: Path) -> Iterator[str]:
    from kabar.serve.web import create_app

    yield from serve(create_app(corpus))


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_every_page_has_a_json_twin(site: str, corpus: Path) -> None:
    with Store(corpus) as store:
        doc = store.conn.execute("SELECT id, story FROM documents LIMIT 1").fetchone()
        entity = store.conn.execute("SELECT id FROM entities ORDER BY mentions DESC LIMIT 1").fetchone()[0]
    assert get_json(f"{site}/index.json")["count"] >= 1
    ledger = get_json(f"{site}/ledger.json")
    assert any(c["figure"] == "11,000" for g in ledger["groups"] for c in g["claims"])
    assert get_json(f"{site}/stories/{doc['story']}.json")["story"]["id"] == doc["story"]
    assert get_json(f"{site}/entities/{entity}.json")["entity"]["id"] == entity
    assert get_json(f"{site}/documents/{doc['id']}.json")["document"]["id"] == doc["id"]
    assert get_json(f"{site}/search.json?q=Kursk")["documents"]
    assert "/ledger.json" in get_json(f"{site}/openapi.json")["paths"]
    with pytest.raises(urllib.error.HTTPError) as info:
        get_json(f"{site}/documents/nope.json")
    assert info.value.code == 404 and json.loads(info.value.read())["error"]["status"] == 404


def test_search_input_is_a_parameter_not_sql(site: str) -> None:
    found = get_json(f"{site}/search.json?q=" + urllib.request.quote("pasukan\" OR 1=1; DROP TABLE documents; --"))
    assert found["q"].startswith("pasukan")
    assert get_json(f"{site}/index.json")["count"] >= 1


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


def test_ledger_shows_the_estimate_and_a_chart(site: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(f"{site}/ledger")
    page.wait_for_selector("body[data-ready=yes]")
    assert page.locator("text=11,000").count() >= 1
    assert page.locator("svg.timeline circle").count() >= 5
    page.locator("svg.timeline .point").first.hover()
    assert page.locator("#card").is_visible()


def test_a_claim_opens_its_document_with_the_sentence_highlighted(site: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(f"{site}/ledger?place=Kursk")
    link = page.locator("a.evidence").first
    sentence = link.inner_text()
    link.click()
    page.wait_for_selector(".article .highlight")
    assert "/documents/" in page.url
    marked = "".join(page.locator(".article .highlight").all_inner_texts())
    assert marked.strip() == sentence.strip()


def test_article_markup_is_text(site: str, browser: Any, corpus: Path) -> None:
    with Store(corpus) as store:
        doc_id = store.conn.execute("SELECT id FROM documents WHERE name = 'hostile.txt'").fetchone()[0]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{site}/documents/{doc_id}")
    page.wait_for_selector("body[data-ready=yes]")
    assert "<script>document.title='pwned'" in page.locator(".article").inner_text()
    assert page.evaluate("window.kabarPwned") is None
    assert page.title() != "pwned" and not dialogs


def test_report_opens_offline(corpus: Path, browser: Any, tmp_path: Path) -> None:
    from kabar.serve.report import write_report

    out = tmp_path / "report.html"
    with Store(corpus) as store:
        assert write_report(store, out) > 0
    context = browser.new_context(offline=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready=yes]")
    assert page.locator("text=11,000").count() >= 1 and page.locator("svg.timeline").count() >= 1
    assert all(url.startswith("file:") for url in requests)
