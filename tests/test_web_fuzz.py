"""A schema fuzz of the web API (schemathesis): every operation of /openapi.json, with parameters that fit the
schema and parameters that do not, against a real server over the sample corpus. No answer may be a 5xx;
answers must have a status, content type and body the schema declares, and bad parameters must be refused."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from conftest import SAMPLE, need
from kabar.ingest import ingest

schemathesis = pytest.importorskip("schemathesis")

# Examples per operation (14 operations, valid and invalid parameters): about 15 s in all on the sample corpus.
EXAMPLES = 40


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from builders import serve
    from kabar.serve.web import create_app

    folder = tmp_path_factory.mktemp("fuzz") / "corpus"
    shutil.copytree(need(SAMPLE), folder)
    db = folder.parent / "k.db"
    ingest([str(folder)], db, workers=1)
    yield from serve(create_app(db))


def web_schema() -> Any:
    """The OpenAPI description of the app, as the server sends it (making the app opens no store). Loaded when
    the tests are collected: schemathesis's loader from a fixture does not run under pytest 9."""
    from kabar.serve.web import create_app

    return schemathesis.openapi.from_dict(create_app("unused.db").openapi())


schema = web_schema()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_answer_is_a_server_error_or_off_the_schema(case: Any, fuzz_site: str) -> None:
    response = case.call(base_url=fuzz_site)
    assert response.status_code < 500, (case.path, case.query, response.text[:300])
    case.validate_response(response)
