"""A POST queues a job and answers at once; reads go on while the job writes (issue 19, item 10)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dateline.settings import Settings
from dateline.web.app import create_app
from tests.report.corpus import build_store

TOKEN = "t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"title": "Protest in Basra", "published": "2017-07-02",
           "text": "Hundreds of protesters gathered in Basra on Sunday to demand electricity. Police said it was peaceful."}
PLAN = ("ingest.extract", "clean.noise", "nlp.language")
HOLD = 2.0  # seconds the patched job keeps a write transaction open


@pytest.fixture
def writing(monkeypatch) -> Iterator[threading.Event]:
    """Make every job keep an uncommitted write open for HOLD seconds after its own writes; set while it does.

    Jobs run the cheap stages only (reading, cleaning, language): what is tested is the job, not the pipeline.
    """
    holding = threading.Event()
    try:
        import dateline.web.ingestor as ingestor
    except ImportError:  # an app without jobs: the test fails on its own
        yield holding
        return
    real = ingestor.finish_corpus
    monkeypatch.setattr(ingestor, "Settings", lambda **kw: Settings(**kw, stages=PLAN))

    def slow_finish(store: Any, *args: Any, **kwargs: Any) -> None:
        real(store, *args, **kwargs)
        store.con.execute("BEGIN TRANSACTION")
        store.con.execute("DELETE FROM events")  # what a reader must not see, nor wait for
        holding.set()
        time.sleep(HOLD)
        store.con.execute("ROLLBACK")
        holding.clear()

    monkeypatch.setattr(ingestor, "finish_corpus", slow_finish, raising=False)
    yield holding


def test_post_answers_202_and_reads_are_not_blocked_by_the_write(tmp_path, writing):
    db = build_store(tmp_path / "s.duckdb")
    with TestClient(create_app(db, token=TOKEN), base_url="http://127.0.0.1") as client:
        events = client.get("/api/health").json()["counts"]["events"]
        started = time.perf_counter()
        response = client.post("/api/documents", json={"documents": [ARTICLE]}, headers=AUTH)
        assert response.status_code == 202 and time.perf_counter() - started < 1.0, response.text
        url = response.json()["url"]
        assert client.get(url).json()["state"] in ("queued", "running")
        assert writing.wait(120), "the job never reached its write"
        slowest = 0.0
        while writing.is_set():
            started = time.perf_counter()
            counts = client.get("/api/health").json()["counts"]
            slowest = max(slowest, time.perf_counter() - started)
            assert counts["documents"] == 4 and counts["events"] >= events  # the last committed state
        # a read blocked by the writer waits for the whole HOLD; half of it leaves room for a loaded 2-core machine
        assert slowest < HOLD / 2, f"a read waited {slowest:.2f}s for the writer"
        deadline = time.monotonic() + 30
        while (job := client.get(url).json())["state"] not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert job["state"] == "done" and job["result"]["ok"] == 1, job
