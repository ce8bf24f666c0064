"""The review API: the queue, corrections with the write token, history, and search seeing them at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.web.app import create_app

TOKEN = "review-token"
LOCAL = "http://127.0.0.1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    from tests.report.corpus import build_store

    db = build_store(tmp_path / "dateline.duckdb")
    with TestClient(create_app(db, token=TOKEN), base_url=LOCAL) as client:
        yield client


def test_queue_is_least_sure_first(client: TestClient) -> None:
    client.post("/api/events/ev-strike/review", json={"action": "edit", "field": "fatalities", "value": 1}, headers=AUTH)
    queue = client.get("/api/review/queue").json()
    assert "ev-strike" not in [i["id"] for i in queue["items"]] and queue["total"] == 4
    confidences = [i["confidence"] for i in queue["items"]]
    assert confidences == sorted(confidences)


def test_corrections_need_the_token(client: TestClient) -> None:
    body = {"action": "reject"}
    assert client.post("/api/events/ev-strike/review", json=body).status_code == 401
    assert client.post("/api/events/ev-strike/review", json=body, headers={"Authorization": "Bearer no"}).status_code == 403
    assert client.get("/api/events/ev-strike").json()["review"] is None


def test_reject_is_stored_applied_and_searchable(client: TestClient) -> None:
    assert client.get("/api/search?q=Tabqa&kind=events&reportable=true").json()["events"]["total"] == 1
    response = client.post("/api/events/ev-strike/review", json={"action": "reject", "who": "dana", "note": "a raid"},
                           headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["events"][0]["reportable"] is False
    event = client.get("/api/events/ev-strike").json()
    assert event["review"] == "rejected" and event["reportable"] is False
    history = client.get("/api/reviews?event=ev-strike").json()["items"]
    assert [(h["who"], h["action"], h["note"]) for h in history] == [("dana", "reject", "a raid")]
    found = client.get("/api/search?q=Tabqa&kind=events&reportable=true").json()
    assert found["events"]["total"] == 0 and found["index"]["fresh"] is True


def test_edit_merge_and_refusals(client: TestClient) -> None:
    edited = client.post("/api/events/ev-battle/review", json={"action": "edit", "field": "place", "value": "Raqqa"},
                         headers=AUTH).json()["events"][0]
    assert edited["place"]["place"] == "p-raqqa" and edited["review"] == "edited"
    merged = client.post("/api/events/ev-battle/review", json={"action": "merge", "other": "ev-killed"}, headers=AUTH)
    assert merged.status_code == 200
    assert {s["doc"] for s in client.get("/api/events/ev-battle").json()["sources"]} == {"d-a"}
    assert len(client.get("/api/events/ev-battle").json()["sources"]) == 2
    assert client.get("/api/events/ev-killed").json()["review"] == "merged"
    for body in ({"action": "split", "split": ["d-a"]}, {"action": "edit", "field": "fatalities", "value": "lots"},
                 {"action": "merge", "other": "ev-nope"}, {"action": "publish"}):
        assert client.post("/api/events/ev-battle/review", json=body, headers=AUTH).status_code == 400, body
    assert client.post("/api/events/ev-nope/review", json={"action": "accept"}, headers=AUTH).status_code == 400
    assert client.get("/api/events/ev-nope").status_code == 404
