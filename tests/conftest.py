"""Shared fixtures. Data from ../shared is read by path and tests that need it skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from kabar import guard

# Tests see the bugs they meet: an unexpected exception in the per-document function is raised, not
# recorded as an `internal-error` reject (tests of the batch policy switch it back, see test_robustness.py).
guard.set_error_policy("raise")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "corpus" / "kursk-2024"
GOLD = SHARED / "gold" / "kursk-2024.json"
DETIK = SHARED / "data" / "news-id" / "detik-2025" / "data_berita.csv"
JUNE = SHARED / "data" / "news-id" / "june-2025-multi-outlet.jsonl"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared is read by path, never copied)")
    return path


@pytest.fixture
def sample() -> Path:
    return need(SAMPLE)


@pytest.fixture
def gold() -> Path:
    return need(GOLD)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "k.db"
