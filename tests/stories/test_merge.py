"""Cross-source merging: which reports become one record, and what the record says."""

from __future__ import annotations

from dateline.stories.merge import EventRow, merge_events

TOWN = {"name": "Dunmore", "lat": 35.1, "lon": 38.2, "place": "p-dunmore"}


def _report(event_id: str, doc: str, acled: str, confidence: float) -> EventRow:
    return EventRow(id=event_id, doc=doc, story="s", type="ASSAULT", trigger="bomb", date="2024-03-04",
                    date_precision="day", place=TOWN, acled=acled, published="2024-03-05", summary=event_id,
                    sources=[{"doc": doc, "start": 0, "end": 5, "text": "x"}], reportable=True, confidence=confidence)


def test_a_bombing_one_outlet_calls_a_suicide_bombing_is_one():
    rows, _ = merge_events([_report("a", "d-a", "Remote explosive/landmine/IED", 0.95),
                            _report("b", "d-b", "Suicide bomb", 0.8)])
    assert len(rows) == 1 and rows[0]["acled"] == "Suicide bomb"


def test_a_strike_is_no_bombing():
    rows, _ = merge_events([_report("a", "d-a", "Air/drone strike", 0.95), _report("b", "d-b", "Air/drone strike", 0.8)])
    assert len(rows) == 1 and rows[0]["acled"] == "Air/drone strike"


def test_reports_of_two_days_are_two_records():
    # ACLED's unit is one day: a sit-in on Monday and the army's warning shots there on Tuesday are two events
    monday = _report("a", "d-a", "Peaceful protest", 0.8)
    tuesday = _report("b", "d-b", "Protest with intervention", 0.95)
    tuesday.date = "2024-03-05"
    rows, _ = merge_events([monday, tuesday])
    assert sorted(r["date"] for r in rows) == ["2024-03-04", "2024-03-05"]
    same_day = _report("c", "d-c", "Protest with intervention", 0.9)
    assert len(merge_events([monday, same_day])[0]) == 1


def test_a_report_dated_only_by_its_month_joins_the_one_strike_at_the_same_unplaced_village():
    village = {"name": "Qasr Nadim", "lat": None, "lon": None, "place": None}
    day = _report("a", "d-a", "Air/drone strike", 0.95)
    day.place = village
    month = _report("b", "d-b", "Air/drone strike", 0.8)
    month.place, month.date, month.date_precision = village, "2024-03", "month"
    assert len(merge_events([day, month])[0]) == 1
    elsewhere = _report("c", "d-c", "Air/drone strike", 0.8)
    elsewhere.place = {"name": "Tell Rasm", "lat": None, "lon": None, "place": None}
    elsewhere.date, elsewhere.date_precision = "2024-03", "month"
    assert len(merge_events([day, elsewhere])[0]) == 2


def test_a_peaceful_protest_one_outlet_saw_has_no_second_actor_another_outlet_named():
    calm = _report("a", "d-a", "Peaceful protest", 0.95)  # "thousands marched in Dunmore"
    policed = _report("b", "d-b", "Peaceful protest", 0.8)  # "police watched as thousands marched"
    policed.targets = [{"name": "police", "canonical": "Police Forces of Oltania", "type": 3}]
    (row,), _ = merge_events([calm, policed])
    assert row["acled"] == "Peaceful protest" and row["targets"] == []


def test_a_merged_record_takes_its_parties_from_a_report_of_its_own_kind():
    strike = _report("a", "d-a", "Air/drone strike", 0.95)  # "jets struck Dunmore"
    shelled = _report("b", "d-b", "Shelling/artillery/missile attack", 0.9)  # "rebel positions were shelled"
    shelled.targets = [{"name": "rebel positions", "canonical": "Rebels (Oltania)", "type": 2}]
    said = _report("c", "d-c", "Air/drone strike", 0.8)  # "government jets bombed a market in Dunmore"
    said.actors = [{"name": "government jets", "canonical": "Military Forces of Oltania", "type": 1}]
    said.targets = [{"name": "market", "canonical": "Civilians (Oltania)", "type": 7}]
    (row,), _ = merge_events([strike, shelled, said])
    assert row["acled"] == "Air/drone strike"
    assert [a["name"] for a in row["actors"]] == ["government jets"]
    assert [t["name"] for t in row["targets"]] == ["market"]


def test_a_merged_record_names_the_opponent_most_reports_name():
    reports = [_report(k, f"d-{k}", "Armed clash", c) for k, c in (("a", 0.8), ("b", 0.5), ("c", 0.45), ("d", 0.6))]
    for r in reports:
        r.actors = [{"name": "the Front", "canonical": "Oltanian Front", "type": 2}]
        r.targets = [{"name": "the militia", "canonical": "Blue Militia", "type": 3}]
    reports[0].targets = [{"name": "the army", "canonical": "Military Forces of Oltania", "type": 1}]
    (row,), _ = merge_events(reports)
    assert [t["canonical"] for t in row["targets"]] == ["Blue Militia"]
    assert row["confidence"] == 0.8  # the surest report still sets how sure the record is


def test_a_party_a_report_names_outweighs_one_inferred_by_convention():
    reports = [_report(k, f"d-{k}", "Shelling/artillery/missile attack", c) for k, c in (("a", 0.9), ("b", 0.6))]
    for r in reports:
        r.actors = [{"name": "the guards", "canonical": "Military Forces of Oltania", "type": 1}]
    reports[0].targets = [{"name": "", "canonical": "Civilians (Oltania)", "type": 7}]  # inferred, no phrase
    reports[1].targets = [{"name": "them", "canonical": "Rebels (Oltania)", "type": 2}]
    (row,), _ = merge_events(reports)
    assert [t["canonical"] for t in row["targets"]] == ["Rebels (Oltania)"]


def test_strikes_on_two_towns_forty_km_apart_are_two_records():
    here = _report("a", "d-a", "Air/drone strike", 0.9)
    there = _report("b", "d-b", "Air/drone strike", 0.8)
    there.place = {"name": "Farwell", "lat": 35.46, "lon": 38.2, "place": "p-farwell"}  # about 40 km north
    assert len(merge_events([here, there])[0]) == 2
    suburb = _report("c", "d-c", "Air/drone strike", 0.8)
    suburb.place = {"name": "Dunmore East", "lat": 35.15, "lon": 38.2, "place": "p-dunmore-east"}  # about 6 km
    assert len(merge_events([here, suburb])[0]) == 1


def test_a_merged_peaceful_protest_has_no_dead_but_keeps_each_source_figure():
    march = _report("a", "d-a", "Peaceful protest", 0.9)
    counted = _report("b", "d-b", "Peaceful protest", 0.8)
    counted.fatalities = 31
    rows, _ = merge_events([march, counted])
    assert len(rows) == 1 and rows[0]["fatalities"] is None
    assert [s["value"] for s in rows[0]["fatalities_by_source"]] == [31]
