"""/api/charts: the chart counts over every event of the store."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from dateline.web.app import create_app


def test_api_charts_counts_every_reported_event(synthetic_db: Path) -> None:
    with TestClient(create_app(synthetic_db, token=None), base_url="http://127.0.0.1") as client:
        data = client.get("/api/charts").json()
    # the hand-written store: five reported, dated events; the protest is dated by month only
    assert data["days"] == ["2017-04-03", "2017-04-04", "2017-05-07", "2017-06-01", "2017-06-19"]
    assert data["total"] == {"events": [1, 1, 1, 1, 1], "fatalities": [4, 0, 2, 0, 0]}
    types = dict(zip(data["by_type"]["keys"], data["by_type"]["events"], strict=True))
    assert types["FIGHT"] == [1, 1, 0, 0, 0] and types["PROTEST"] == [0, 0, 0, 1, 0]
    regions = dict(zip(data["by_region"]["keys"], data["by_region"]["events"], strict=True))
    assert regions["SY 04"] == [1, 0, 0, 0, 0]  # Raqqa: admin1 04 in the place record
