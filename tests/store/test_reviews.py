"""Reviews: each action, replay after a re-run of the stories step, exports honouring a rejection."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dateline.model import Document, Event, EventPlace, Participant, Place, PlaceMention, Span
from dateline.store.duckdb_store import Store
from dateline.store.reviews import ReviewError, apply_reviews, record_review, review_history, review_queue
from dateline.stories import load
from dateline.stories.merge import merge_events
from dateline.stories.update import event_rows

# Two outlets report one ambush, a third report is of a market fire elsewhere (invented for these tests).
TEXTS = {
    "d-one": "Gunmen ambushed a police patrol near Qasr Anbar on Sunday, killing three officers. Residents fled.",
    "d-two": "Three policemen died when gunmen ambushed their patrol near Qasr Anbar on Sunday, officials said.",
    "d-three": "A fire destroyed dozens of stalls in the old market of Wadi Sirr on Monday. Nobody was hurt.",
}
PLACE = Place("p-qasr", "Qasr Anbar", 34.1, 42.3, "IQ", "P.PPL", None, "01", 0.9)
OTHER = Place("p-wadi", "Wadi Sirr", 33.0, 44.0, "IQ", "P.PPL", None, "07", 0.9)


def _sentence(doc: str) -> Span:
    text = TEXTS[doc]
    end = text.index(". ") + 1 if doc != "d-two" else len(text)
    return Span(doc, 0, end, text[:end])


def _document(doc: str, published: str, event: Event, place: Place) -> Document:
    text = TEXTS[doc]
    at = text.index(place.name)
    return Document(id=doc, source=f"{doc}.txt", title=None, outlet=f"outlet {doc}", published=published, language="en",
                    text=text, places=(PlaceMention(doc, at, at + len(place.name), place.name, place.id, 0.9),),
                    place_records=(place,), events=(event,))


def _ambush(doc: str, confidence: float, fatalities: int) -> Event:
    return Event(f"ev-{doc}-0", "ASSAULT", "ambushed", (_sentence(doc),), acled="Attack",
                 actors=(Participant("Gunmen"),), targets=(Participant("police patrol"),), date="2021-03-07",
                 date_precision="day", place=EventPlace("Qasr Anbar", 34.1, 42.3, "p-qasr"), fatalities=fatalities,
                 summary="Gunmen ambush police near Qasr Anbar", confidence=confidence, reportable=True)


def rerun(store: Store) -> None:
    """What a pipeline re-run does to the event records: merge the mentions again from scratch, then apply reviews."""
    merged, _ = merge_events(event_rows(load.load_events(store)))
    load.write_rows(store, "merged_events", merged, replace=True)
    apply_reviews(store)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    fire = Event("ev-d-three-0", "ASSAULT", "fire", (_sentence("d-three"),), acled="Arson",
                 actors=(Participant("unknown"),), date="2021-03-08", date_precision="day",
                 place=EventPlace("Wadi Sirr", 33.0, 44.0, "p-wadi"), summary="Market fire in Wadi Sirr",
                 confidence=0.55, reportable=True)
    docs = [_document("d-one", "2021-03-08", _ambush("d-one", 0.8, 3), PLACE),
            _document("d-two", "2021-03-08", _ambush("d-two", 0.7, 3), PLACE),
            _document("d-three", "2021-03-09", fire, OTHER)]
    store = Store(tmp_path / "dateline.duckdb")
    store.write_documents(docs, pipeline="test")
    store.con.execute("INSERT INTO story_documents VALUES ('d-one', 's1', NULL, 1, 0), ('d-two', 's1', NULL, 1, 0), "
                      "('d-three', 's2', NULL, 1, 0)")
    rerun(store)
    yield store
    store.close()


def _events(store: Store) -> dict[str, dict]:
    return {r["id"]: r for r in store.records("merged_events")}


def _ambush_id(store: Store) -> str:
    return next(i for i, r in _events(store).items() if "ev-d-one-0" in r["members"])


def _fire_id(store: Store) -> str:
    return next(i for i, r in _events(store).items() if r["members"] == ["ev-d-three-0"])


def test_fixture_merges_the_two_reports_of_the_ambush(store: Store) -> None:
    events = _events(store)
    assert len(events) == 2 and events[_ambush_id(store)]["members"] == ["ev-d-one-0", "ev-d-two-0"]


def test_reject_stops_reporting_and_marks_the_mentions(store: Store) -> None:
    entry = record_review(store, action="reject", event=_ambush_id(store), who="ana", note="duplicate of wire copy")
    assert entry["who"] == "ana" and entry["members"] == ["ev-d-one-0", "ev-d-two-0"] and entry["at"]
    row = _events(store)[_ambush_id(store)]
    assert row["reportable"] is False and row["review"] == "rejected"
    mentions = {r["id"]: r for r in store.records("events")}
    assert mentions["ev-d-one-0"]["review"] == "rejected" and mentions["ev-d-one-0"]["reportable"] is False


def test_accept_makes_reportable(store: Store) -> None:
    store.con.execute("UPDATE merged_events SET reportable = false")
    record_review(store, action="accept", event=_fire_id(store), who="ana")
    row = _events(store)[_fire_id(store)]
    assert row["reportable"] is True and row["review"] == "accepted"


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("type", "protest", {"type": "PROTEST"}),
    ("acled", "Arson", {"acled": "Arson"}),
    ("actors", ["Tribal militia"], {"actors": [{"name": "Tribal militia", "entity": None, "canonical": "Tribal militia",
                                                "type": None}]}),
    ("targets", [], {"targets": []}),
    ("date", "2021-03", {"date": "2021-03", "date_precision": "month"}),
    ("fatalities", "5", {"fatalities": 5}),
    ("modality", "planned", {"modality": "planned", "reportable": False}),
    ("place", "wadi sirr", {"place": {"name": "Wadi Sirr", "lat": 33.0, "lon": 44.0, "place": "p-wadi"},
                            "admin1": "07", "country": "IQ"}),
    ("place", "Nowhere Wells", {"place": {"name": "Nowhere Wells", "lat": None, "lon": None, "place": None}}),
])
def test_edit_each_field(store: Store, field: str, value: object, expected: dict) -> None:
    event = _ambush_id(store)
    old = _events(store)[event][field]
    entry = record_review(store, action="edit", event=event, who="ben", field=field, value=value)
    assert entry["field"] == field and entry["old"] == old
    row = _events(store)[event]
    assert {k: row[k] for k in expected} == expected and row["review"] == "edited"


@pytest.mark.parametrize(("field", "value"), [("fatalities", "many"), ("date", "last week"), ("modality", "rumoured"),
                                              ("colour", "red"), ("actors", [{"no": "name"}])])
def test_edit_refuses_bad_values(store: Store, field: str, value: object) -> None:
    with pytest.raises(ReviewError):
        record_review(store, action="edit", event=_ambush_id(store), who="ben", field=field, value=value)
    assert store.con.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_unknown_event_or_action(store: Store) -> None:
    with pytest.raises(ReviewError):
        record_review(store, action="reject", event="mev-nope", who="x")
    with pytest.raises(ReviewError):
        record_review(store, action="approve", event=_ambush_id(store), who="x")


def test_merge_two_events(store: Store) -> None:
    keep, gone = _ambush_id(store), _fire_id(store)
    record_review(store, action="merge", event=keep, other=gone, who="ana")
    events = _events(store)
    assert list(events) == [keep]
    row = events[keep]
    assert row["members"] == ["ev-d-one-0", "ev-d-three-0", "ev-d-two-0"] and row["review"] == "merged"
    assert {s["doc"] for s in row["sources"]} == {"d-one", "d-two", "d-three"} and row["independent_sources"] == 3


def test_split_one_event(store: Store) -> None:
    event = _ambush_id(store)
    record_review(store, action="split", event=event, split=["d-two"], who="ana")
    events = _events(store)
    assert len(events) == 3
    assert events[event]["members"] == ["ev-d-one-0"] and {s["doc"] for s in events[event]["sources"]} == {"d-one"}
    part = next(r for r in events.values() if r["members"] == ["ev-d-two-0"])
    assert part["review"] == "edited" and part["sources"][0]["doc"] == "d-two" and part["fatalities"] == 3
    with pytest.raises(ReviewError):  # every mention: nothing would be left
        record_review(store, action="split", event=event, split=["d-one"], who="ana")


@pytest.mark.parametrize("bulk", [False, True])
def test_reviews_survive_a_rerun(store: Store, bulk: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if bulk:  # replaying many reviews after a run maps the mentions once: the same result
        monkeypatch.setattr("dateline.store.reviews.BULK", 0)
    ambush, fire = _ambush_id(store), _fire_id(store)
    record_review(store, action="edit", event=ambush, field="fatalities", value=4, who="ana")
    record_review(store, action="reject", event=fire, who="ana")
    record_review(store, action="split", event=ambush, split=["ev-d-two-0"], who="ben")
    before = _events(store)
    for _ in range(2):  # the re-run rebuilds merged_events from the mentions; replaying twice changes nothing more
        rerun(store)
        assert _events(store) == before
    assert before[ambush]["fatalities"] == 4 and before[fire]["reportable"] is False
    assert [h["action"] for h in review_history(store.con)] == ["split", "reject", "edit"]
    assert [h["action"] for h in review_history(store.con, event=fire)] == ["reject"]


def test_reviews_survive_when_the_record_id_changes(store: Store) -> None:
    """Keyed by the mentions, not the record id: a re-run that gives the record another id still finds it."""
    record_review(store, action="edit", event=_ambush_id(store), field="fatalities", value=9, who="ana")
    store.con.execute("UPDATE merged_events SET id = 'mev-renamed', fatalities = 3 WHERE id = ?", [_ambush_id(store)])
    apply_reviews(store)
    assert _events(store)["mev-renamed"]["fatalities"] == 9


def test_queue_lists_unreviewed_reportable_least_sure_first(store: Store) -> None:
    queue = review_queue(store.con)
    assert [i["id"] for i in queue["items"]] == [_fire_id(store), _ambush_id(store)]
    record_review(store, action="accept", event=_fire_id(store), who="ana")
    assert [i["id"] for i in review_queue(store.con)["items"]] == [_ambush_id(store)]


def test_exports_honour_a_rejection(store: Store, tmp_path: Path) -> None:
    from dateline.export.acled import export_acled_csv
    from dateline.export.files import export_all

    record_review(store, action="reject", event=_fire_id(store), who="ana")
    export_acled_csv(store, tmp_path / "acled.csv")
    with open(tmp_path / "acled.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1 and "Wadi Sirr" not in json.dumps(rows)
    export_all(store, tmp_path / "files")
    lines = [json.loads(x) for x in (tmp_path / "files" / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["id"]: e["review"] for e in lines}[_fire_id(store)] == "rejected"
