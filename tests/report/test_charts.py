"""Chart counts: per day, by type, actor and region, from hand-written events."""

from __future__ import annotations

from dateline.report.charts import OTHER, actor_names, chart_data, event_day, region

PLACES = [{"id": "p-homs", "name": "Homs", "country": "SY", "admin1": "11"},
          {"id": "p-erbil", "name": "Erbil", "country": "IQ", "admin1": None}]


def _event(date: str | None, kind: str, actors: list[str], *, killed: int | None = None, place: str | None = None,
           reportable: bool = True) -> dict:
    return {"date": date, "type": kind, "actors": [{"name": a} for a in actors], "fatalities": killed,
            "place": {"name": place, "place": place} if place else None, "reportable": reportable}


def test_event_day_takes_the_first_day_of_the_period() -> None:
    assert event_day("2019-03-07") == "2019-03-07"
    assert event_day("2019-03") == "2019-03-01"
    assert event_day("2019") == "2019-01-01"
    assert event_day("2019-W10") == "2019-03-04"  # ISO week 10 of 2019 starts on Monday 4 March
    assert event_day("2019-03-07/2019-03-09") == "2019-03-07"
    assert event_day("2019-02-30") is None and event_day("PRESENT_REF") is None and event_day(None) is None


def test_actor_names_prefer_the_dictionary_name_once() -> None:
    event = {"actors": [{"name": "SDF fighters", "canonical": "Syrian Democratic Forces"},
                        {"name": "Syrian Democratic Forces"}, {"name": ""}, None]}
    assert actor_names(event) == ["Syrian Democratic Forces"]


def test_region_uses_admin1_then_country_then_place_name() -> None:
    by_id = {p["id"]: p for p in PLACES}
    assert region({"place": {"place": "p-homs"}}, by_id) == "SY 11"
    assert region({"place": {"place": "p-erbil"}}, by_id) == "IQ"
    assert region({"place": {"name": "Nowhere"}}, by_id) == "Nowhere"
    assert region({"admin1": "06", "country": "IQ"}, by_id) == "IQ 06"
    assert region({}, by_id) == "unknown"


def test_chart_data_counts_per_day_type_and_fatalities() -> None:
    events = [
        _event("2020-01-02", "FIGHT", ["Army"], killed=3, place="p-homs"),
        _event("2020-01-02", "PROTEST", ["Students"], place="p-erbil"),
        _event("2020-01-05", "FIGHT", ["Army", "Militia"], killed=2, place="p-homs"),
        _event("2020-01-05", "FIGHT", ["Army"], killed=9, reportable=False),  # not reported: not counted
        _event(None, "FIGHT", ["Army"], killed=1),  # no date: not on a time chart
    ]
    data = chart_data(events, PLACES)
    assert data["days"] == ["2020-01-02", "2020-01-05"]
    assert data["total"] == {"events": [2, 1], "fatalities": [3, 2]}
    by_type = dict(zip(data["by_type"]["keys"], data["by_type"]["events"], strict=True))
    assert by_type == {"FIGHT": [1, 1], "PROTEST": [1, 0]}
    assert data["by_type"]["fatalities"][data["by_type"]["keys"].index("FIGHT")] == [3, 2]
    by_actor = dict(zip(data["by_actor"]["keys"], data["by_actor"]["events"], strict=True))
    assert by_actor == {"Army": [1, 1], "Students": [1, 0], "Militia": [0, 1]}  # one event, two actors
    by_region = dict(zip(data["by_region"]["keys"], data["by_region"]["events"], strict=True))
    assert by_region == {"SY 11": [1, 1], "IQ": [1, 0]}


def test_chart_data_sums_the_long_tail_as_other() -> None:
    events = [_event("2021-05-01", "FIGHT", [f"Group {i}"]) for i in range(5)] + [_event("2021-05-02", "FIGHT", ["Group 0"])]
    data = chart_data(events, [], top=2)
    keys = data["by_actor"]["keys"]
    assert keys[0] == "Group 0" and len(keys) == 3 and keys[-1] == OTHER
    assert data["by_actor"]["events"][0] == [1, 1]
    assert keys[1] == "Group 1"  # ties ranked by name
    assert data["by_actor"]["events"][-1] == [3, 0]  # groups 2-4


def test_chart_data_of_nothing() -> None:
    data = chart_data([], [])
    assert data["days"] == [] and data["total"] == {"events": [], "fatalities": []}
    assert data["by_type"] == {"keys": [], "events": [], "fatalities": []}
