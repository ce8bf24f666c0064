from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dateline.web.app import create_app

TOKEN = "s3cret-token"
LOCAL = "http://127.0.0.1"  # the app answers only to the host names of this machine


@pytest.fixture(scope="module")
def client(synthetic_db: Path) -> Iterator[TestClient]:
    # a writable app holds the store until it stops: one process cannot also open it read-only meanwhile
    with TestClient(create_app(synthetic_db, token=TOKEN, max_body=4096), base_url=LOCAL) as client:
        yield client


def _items(client: TestClient, url: str) -> list[dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _ids(client: TestClient, url: str) -> list[str]:
    return [i["id"] for i in _items(client, url)]


def test_api_health_counts(client: TestClient) -> None:
    counts = client.get("/api/health").json()["counts"]
    assert counts["documents"] == 3 and counts["events"] == 5 and counts["stories"] == 1


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["ev-killed", "ev-battle", "ev-hostile", "ev-protest", "ev-strike"]),
    ("type=FIGHT", ["ev-killed", "ev-battle"]),
    ("from=2017-05-01&to=2017-06-30", ["ev-hostile", "ev-protest", "ev-strike"]),
    ("from=2017-06-15", ["ev-protest", "ev-strike"]),  # '2017-06' overlaps
    ("actor=coalition", ["ev-strike"]),
    ("actor=SOLDIERS", ["ev-killed"]),
    ("place=baghdad", ["ev-protest"]),
    ("bbox=38,35,40,37", ["ev-killed", "ev-battle", "ev-strike"]),
    ("story=s-syria", ["ev-killed", "ev-battle", "ev-strike"]),
    ("doc=d-b", ["ev-protest", "ev-strike"]),
])
def test_api_events_filters(client: TestClient, query: str, expected: list[str]) -> None:
    assert _ids(client, f"/api/events?{query}") == expected


def test_api_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events?limit=2&offset=0").json()
    second = client.get("/api/events?limit=2&offset=2").json()
    assert first["total"] == second["total"] == 5
    assert len(first["items"]) == 2 and not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert client.get("/api/events?limit=0").status_code == 422
    assert client.get("/api/events?limit=100000").status_code == 422


@pytest.mark.parametrize("query", ["bbox=1,2,3", "bbox=a,b,c,d", "bbox=0,50,10,40", "from=yesterday"])
def test_api_bad_filters_are_rejected(client: TestClient, query: str) -> None:
    assert client.get(f"/api/events?{query}").status_code in (400, 422)


@pytest.mark.parametrize("attack", ["' OR 1=1 --", "FIGHT' OR '1'='1", "x\"; DROP TABLE events; --", "%", "' UNION SELECT * FROM documents --"])
def test_api_sql_injection_returns_nothing(client: TestClient, attack: str) -> None:
    for param in ("type", "actor", "story", "doc", "place"):
        assert _items(client, f"/api/events?{param}={attack}") == []
    assert client.get("/api/health").json()["counts"]["events"] == 5


def test_api_documents_list_and_get(client: TestClient) -> None:
    docs = _items(client, "/api/documents")
    assert {d["id"] for d in docs} == {"d-a", "d-b", "d-x"} and "text" not in docs[0]
    assert _ids(client, "/api/documents?q=baghdad") == ["d-b"]
    assert _ids(client, "/api/documents?outlet=Wire") == ["d-b"]
    assert _ids(client, "/api/documents?from=2017-05-01&to=2017-05-31") == ["d-x"]
    doc = client.get("/api/documents/d-a").json()
    event = client.get("/api/events?doc=d-a").json()["items"][0]
    span = event["sources"][0]
    assert doc["text"][span["start"]:span["end"]] == span["text"]
    assert client.get("/api/documents/nope").status_code == 404


def test_api_places_entities_quotes_figures(client: TestClient) -> None:
    assert _ids(client, "/api/places?country=iq") == ["p-baghdad", "p-mosul"]
    assert _ids(client, "/api/places?q=raq") == ["p-raqqa"]
    entities = _items(client, "/api/entities?type=PERSON")
    assert {e["name"] for e in entities} == {"Rami Haddad", "Layla Hassan"} and entities[0]["mention_count"] == 1
    one = client.get(f"/api/entities/{entities[0]['id']}").json()
    assert one["mentions"][0]["doc"] in {"d-a", "d-b"}
    assert client.get("/api/entities/nope").status_code == 404
    assert _ids(client, "/api/quotes?speaker=haddad") == ["q-haddad"]
    assert _ids(client, "/api/quotes?q=streets") == ["q-layla"]
    assert _ids(client, "/api/figures?q=displaced") == ["f-fled"]


def test_api_stories_and_timeline(client: TestClient) -> None:
    assert _ids(client, "/api/stories") == ["s-syria"]
    story = client.get("/api/stories/s-syria").json()
    assert len(story["timeline"]) == 3 and {e["id"] for e in story["event_records"]} == {"ev-battle", "ev-killed", "ev-strike"}
    assert client.get("/api/stories/nope").status_code == 404
    timeline = _items(client, "/api/timeline?story=s-syria&from=2017-04-04")
    assert [t["event"] for t in timeline] == ["ev-battle", "ev-strike"]


def test_api_search(client: TestClient) -> None:
    result = client.get("/api/search?q=Coalition Tabqa").json()
    assert [i["id"] for i in result["items"]] == ["d-b"] and "Tabqa" in result["items"][0]["snippet"]["text"]
    assert result["index"]["fresh"] is True
    assert client.get("/api/search?q=nothing-like-this").json()["total"] == 0
    assert client.get("/api/search?q=").status_code == 422


def test_api_report_data_and_basemap(client: TestClient) -> None:
    data = client.get("/api/report-data").json()
    assert len(data["events"]) == 5 and all("text" not in d for d in data["documents"])
    assert client.get("/api/basemap").json()["type"] == "FeatureCollection"


def test_api_pages_have_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "static/report.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/report.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "Dateline"


def test_api_post_requires_token(client: TestClient) -> None:
    body = {"documents": [{"text": "Protesters gathered in Basra on Monday."}]}
    assert client.post("/api/documents", json=body).status_code == 401
    assert client.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403


def test_api_post_without_server_token_is_forbidden(synthetic_db: Path) -> None:
    readonly = TestClient(create_app(synthetic_db, token=None), base_url=LOCAL)
    response = readonly.post("/api/documents", json={"documents": [{"text": "x"}]}, headers={"X-Dateline-Token": "x"})
    assert response.status_code == 403


def test_api_post_body_limit(client: TestClient) -> None:
    big = {"documents": [{"text": "x" * 10_000}]}
    response = client.post("/api/documents", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_api_post_validates_body(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/documents", json={"documents": []}, headers=headers).status_code == 422
    assert client.post("/api/documents", json={"documents": [{"title": "no text"}]}, headers=headers).status_code == 422


def test_api_post_runs_the_pipeline_and_updates_the_store(tmp_path: Path) -> None:
    from tests.report.corpus import build_store

    db = build_store(tmp_path / "rw.duckdb")
    app = TestClient(create_app(db, token=TOKEN), base_url=LOCAL)
    assert app.get("/api/health").json()["counts"]["documents"] == 3
    article = {"title": "Protest in Basra", "published": "2017-07-02",
               "text": "Hundreds of protesters gathered in Basra on Sunday to demand electricity. Police said the protest was peaceful."}
    response = app.post("/api/documents", json={"documents": [article]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 202, response.text
    queued = response.json()
    assert queued["url"] == response.headers["location"] == f"/api/jobs/{queued['job']}"
    job = wait_for_job(app, queued["url"])
    assert job["state"] == "done" and job["ids"] == queued["ids"], job
    assert job["result"]["ok"] == 1 and job["result"]["errors"] == 0
    assert app.get("/api/health").json()["counts"]["documents"] == 4
    assert app.get(f"/api/documents/{queued['ids'][0]}").json()["title"] == "Protest in Basra"
    assert [i["id"] for i in app.get("/api/search?q=basra electricity").json()["items"]] == queued["ids"]
    assert app.get("/api/jobs/nope").status_code == 404


def wait_for_job(client: TestClient, url: str, timeout: float = 120.0) -> dict[str, Any]:
    """Poll a job's status URL until it is done or failed."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        job = client.get(url).json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)
