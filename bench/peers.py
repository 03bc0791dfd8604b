"""kabar against what a user would otherwise use, side by side in one run.

usage: .venv/bin/python bench/peers.py [--pages N]

1. HTML: kabar's path (trafilatura, then kabar's boilerplate marking) against trafilatura alone. The
   sample articles and the June articles are rendered as news pages (navigation, a sidebar, a footer, and
   each "Baca juga" line as a link paragraph, the way Indonesian outlets print them). On the sample, the
   gold says which lines are boilerplate and which numbers and quotes are content; on the June pages we
   count the related-article lines left in the text. Time per page for both.
2. NER: kabar's entities (the CRF and the gazetteers) against the gazetteers alone. On the sample, the
   entity figures of ../shared/tools/score.py for both; on the CoNLL sets, span F1 of gazetteer-only
   tagging, next to the CRF's figures from its model card.
(Dates against dateparser are in bench/extractors.py.)
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

from kabar.clean.boilerplate import mark_boilerplate
from kabar.clean.language import detect_language
from kabar.ingest import ingest
from kabar.ner.features import gazetteer_tags
from kabar.ner.train import SETS, TYPES, load_set, score
from kabar.pipeline import _content
from kabar.read.html import extract_page
from kabar.serve.interchange import interchange_records
from kabar.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "corpus/kursk-2024"
GOLD = SHARED / "gold/kursk-2024.json"
JUNE = SHARED / "data/news-id/june-2025-multi-outlet.jsonl"
NER_DATA = SHARED / "data/ner-id"
MODEL_CARD = ROOT / "src/kabar/ner/model/id.model.json"
RELATED = re.compile(r"^\s*(?:baca juga|baca selengkapnya|simak juga|lihat juga|artikel terkait)\b", re.I | re.M)
SCORED = ("entity_recall", "alias_merge_recall", "alias_merge_precision", "claimant_accuracy", "speaker_accuracy")


def page(title: str, text: str) -> str:
    """A news page around an article: each line a paragraph, related-article lines as links."""
    paragraphs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        m = RELATED.match(line)
        if m:
            rest = line[m.end() :].lstrip(": ")
            paragraphs.append(f"<p><strong>{html.escape(m.group(0).strip())}:</strong> "
                              f"<a href=\"/berita/terkait\">{html.escape(rest)}</a></p>")
        else:
            paragraphs.append(f"<p>{html.escape(line)}</p>")
    return ("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>" + html.escape(title) +
            "</title></head><body><header><nav><a href=\"/\">Beranda</a> <a href=\"/news\">Berita</a> "
            "<a href=\"/bola\">Bola</a> <a href=\"/tekno\">Tekno</a></nav></header><main><article><h1>" +
            html.escape(title) + "</h1>" + "".join(paragraphs) + "</article></main><aside><h3>Terpopuler</h3><ul>"
            "<li><a href=\"/a\">Harga emas hari ini naik lagi</a></li><li><a href=\"/b\">Jadwal kereta mudik "
            "2025</a></li></ul></aside><footer>© 2025 Media Contoh. Hak cipta dilindungi undang-undang."
            "</footer></body></html>")


def kabar_text(markup: str) -> str:
    text = extract_page(markup).text
    return _content(text, mark_boilerplate(text, detect_language(text)[0] or "id"))


def trafilatura_text(markup: str) -> str:
    import trafilatura

    return trafilatura.extract(markup, include_comments=False) or ""


def squash(text: str) -> str:
    return " ".join(text.split())


def sample_pages() -> Iterator[tuple[str, str]]:
    for path in sorted(SAMPLE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield path.name, page(text.splitlines()[0][:120], text)


def html_on_sample(readers: dict[str, Callable[[str], str]]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pages = dict(sample_pages())
    print(f"HTML, the {len(pages)} sample articles as pages (gold boilerplate and content):")
    for name, read in readers.items():
        texts = {doc: squash(read(markup)) for doc, markup in pages.items()}
        left = [b for b in gold["boilerplate"] if squash(b["text"]) in texts.get(b["doc"], "")]
        content = [(q["doc"], q["surface"]) for q in gold["quantities"]]
        content += [(q["doc"], q["text"]) for q in gold["quotes"]]
        kept = [c for c in content if squash(c[1]) in texts.get(c[0], "")]
        print(f"  {name:<22} boilerplate lines left {len(left)}/{len(gold['boilerplate'])}; "
              f"gold numbers and quotes kept {len(kept)}/{len(content)}")


def html_on_june(readers: dict[str, Callable[[str], str]], limit: int) -> None:
    pages, related = [], 0
    with JUNE.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("text"):
                pages.append(page(record.get("title") or "", record["text"]))
                related += len(RELATED.findall(record["text"]))
            if len(pages) >= limit:
                break
    print(f"HTML, {len(pages)} June articles as pages ({related} related-article links in them):")
    for name, read in readers.items():
        start = time.perf_counter()
        texts = [read(p) for p in pages]
        ms = (time.perf_counter() - start) / len(pages) * 1000
        left = sum(len(RELATED.findall(t)) for t in texts)
        print(f"  {name:<22} {ms:5.1f} ms/page; related-article lines left in the text: {left}")


def sample_scores(no_ner: bool, tmp: Path) -> dict[str, str]:
    db, out = tmp / f"sample-{no_ner}.db", tmp / f"sample-{no_ner}.jsonl"
    patch = mock.patch("kabar.ner.tagger.entity_spans", lambda *a, **k: iter(())) if no_ner else mock.patch.dict({})
    with patch:
        ingest([str(SAMPLE)], db, workers=1)
    with Store(db) as store, out.open("w", encoding="utf-8") as handle:
        for record in interchange_records(store):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    run = subprocess.run([sys.executable, str(SHARED / "tools/score.py"), str(GOLD), str(out)],
                         capture_output=True, text=True, check=False)
    return dict(line.split(": ", 1) for line in run.stdout.splitlines() if ": " in line)


def ner_on_sample() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        full, gazetteers = sample_scores(False, Path(tmp)), sample_scores(True, Path(tmp))
    print("NER on the sample (score.py):            kabar (CRF + gazetteers)   gazetteers only")
    for key in SCORED:
        print(f"  {key:<38} {full.get(key, '?'):>10} {gazetteers.get(key, '?'):>18}")


GAZETTEER_TYPES = {"country": "LOC", "city": "LOC", "org": "ORG"}


def gazetteer_only(words: list[str]) -> list[str]:
    out = []
    for tag in gazetteer_tags(words):
        if not tag:
            out.append("O")
        else:
            prefix, kind = tag.split("-", 1)
            out.append(f"{prefix}-{GAZETTEER_TYPES.get(kind, 'LOC')}")
    return out


def ner_on_conll() -> None:
    card: dict[str, Any] = json.loads(MODEL_CARD.read_text(encoding="utf-8"))["figures"]
    tests = {"nerui": (None, "nerui_5fold", TYPES), "nergrit": (["nergrit/test_preprocess.txt"], "nergrit_test", TYPES),
             "nerp": (["nerp/test.txt"], "nerp_test", ("PER", "LOC"))}
    print("NER on the CoNLL sets, span micro F1:    CRF (model card)   gazetteers only")
    for name, (files, key, types) in tests.items():
        if not all((NER_DATA / f).exists() for f in files or SETS[name]):
            print(f"  {name}: not there")
            continue
        gold = load_set(NER_DATA, name, files)
        predicted = [gazetteer_only([w for w, _ in sentence]) for sentence in gold]
        figures = score(gold, predicted, types)
        print(f"  {key:<38} {card[key]['micro']['f1']:>10.3f} {figures['micro']['f1']:>16.3f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000, help="June articles rendered as pages")
    args = parser.parse_args(argv)
    if not SAMPLE.exists() or not GOLD.exists():
        print("bench: the sample corpus or its gold is not there", file=sys.stderr)
        return 1
    readers: dict[str, Callable[[str], str]] = {"trafilatura alone": trafilatura_text, "kabar": kabar_text}
    html_on_sample(readers)
    if JUNE.exists():
        html_on_june(readers, args.pages)
    ner_on_sample()
    ner_on_conll()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
