"""The report's data: chart counts read straight from the store agree with those made from whole records."""

from __future__ import annotations

from pathlib import Path

from dateline.report.charts import chart_data
from dateline.report.data import report_data, store_charts
from dateline.store.duckdb_store import Store


def test_store_charts_match_the_records(synthetic_db: Path) -> None:
    with Store(synthetic_db, read_only=True) as store:
        data = report_data(store, with_text=False)
        counts = store_charts(store)
    assert counts == chart_data(data["events"], data["places"])
    assert sum(counts["total"]["events"]) == 5 and sum(counts["total"]["fatalities"]) == 6


def test_store_charts_of_an_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        assert store_charts(store)["days"] == []
