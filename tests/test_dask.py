"""The Dask engine gives the same store as the local one (a LocalCluster of two worker processes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kabar.ingest import ingest
from kabar.store import Store


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning", "ignore::UserWarning")
def test_dask_engine_equals_local_engine(sample: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local.db", tmp_path / "dask.db"
    ingest([str(sample)], local, workers=2)
    summary = ingest([str(sample)], dask, workers=2, engine="dask")
    assert summary.stored == 5
    with Store(local) as a, Store(dask) as b:
        assert a.dump() == b.dump()
