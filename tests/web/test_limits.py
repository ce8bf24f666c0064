"""A body without Content-Length (chunked) over the limit gets 413, not 400 (issue 19, item 10)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from dateline.web.app import create_app
from tests.report.corpus import build_store

TOKEN = "t0ken"
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


def _chunks(body: bytes, size: int = 1024):
    for start in range(0, len(body), size):
        yield body[start:start + size]


@pytest.fixture
def client(tmp_path) -> Iterator[TestClient]:
    app = create_app(build_store(tmp_path / "s.duckdb"), token=TOKEN, max_body=4096)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


def test_a_chunked_body_over_the_limit_gets_413(client):
    body = json.dumps({"documents": [{"text": "x" * 64_000}]}).encode()
    response = client.post("/api/documents", content=_chunks(body), headers=HEADERS)
    assert response.status_code == 413, response.text
    assert "4096" in response.json()["detail"]
    small = client.post("/api/documents", content=_chunks(b'{"documents": []}', size=4), headers=HEADERS)
    assert small.status_code == 422  # under the limit: read whole, parsed, and found to hold no article
