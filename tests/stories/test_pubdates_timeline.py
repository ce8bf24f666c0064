"""Story-level publication dates, and what the event timeline keeps and in which order."""

from __future__ import annotations

import dataclasses

from dateline.settings import Settings
from dateline.stories import update_stories
from dateline.stories.merge import EventRow, merge_events
from dateline.stories.pubdates import story_date_estimates
from dateline.stories.timeline import event_timeline

from .conftest import make_doc

DAM_A = ("Floods swept through Valmora on Saturday after the Riverton dam overflowed. "
         "Rescue teams from the Red Cross evacuated hundreds of families from Valmora.")
DAM_B = ("Rescue crews in Valmora searched flooded streets on Sunday as the Riverton dam kept releasing water. "
         "The Red Cross said hundreds of families had left their homes in Valmora.")
DAM_UNDATED = ("The Red Cross opened shelters in Valmora for families displaced by the floods. "
               "The Riverton dam was built in 1998 and last repaired in 2011, Lorenzo Vidal said.")


def test_undated_document_borrows_its_storys_dates(store, write):
    write(dataclasses.replace(make_doc("d-a", DAM_A, published="2024-03-02", outlet="Gazette"), published_from="text"),
          dataclasses.replace(make_doc("d-b", DAM_B, published="2024-03-03", outlet="Herald"), published_from="metadata"),
          make_doc("d-u", DAM_UNDATED, published=None, outlet="Courier"))
    update_stories(store, Settings())
    estimates = {e.doc: e for e in story_date_estimates(store)}
    assert set(estimates) == {"d-u"}  # documents with a stated date are never touched
    estimate = estimates["d-u"]
    assert estimate.value == "2024-03" and estimate.precision == "month"  # 1998 and 2011 are history
    assert estimate.context == ("2024-03-02", "2024-03-03")


def test_document_alone_in_its_story_gets_no_story_estimate(store, write):
    write(make_doc("d-u", DAM_UNDATED, published=None, outlet="Courier"))
    update_stories(store, Settings())
    assert story_date_estimates(store) == []


def _event(event_id: str, date: str, precision: str, *, modality: str = "asserted", published: str = "2024-03-05",
           doc: str = "d-a") -> EventRow:
    return EventRow(id=event_id, doc=doc, story="s", type="ASSAULT", trigger=event_id, date=date,
                    date_precision=precision, modality=modality, published=published, summary=event_id,
                    sources=[{"doc": doc, "start": 0, "end": 5, "text": "x"}], reportable=modality == "asserted",
                    confidence=0.9)


def test_timeline_leaves_out_background_and_what_did_not_happen():
    rows, _ = merge_events([
        _event("news", "2024-03-04", "day"),
        _event("planned", "2024-03-04", "day", modality="planned", doc="d-b"),
        _event("history", "2019-06-01", "day", doc="d-c"),
        _event("week", "2024-W09", "week", doc="d-d"),  # 26 Feb - 3 Mar 2024
        _event("month", "2024-03", "month", doc="d-e"),
    ])
    timeline = event_timeline("s", rows, {})
    assert [t["text"] for t in timeline] == ["Week (2024-W09)", "News (2024-03-04)"]  # week sorts by its Monday
    assert [t["day"] for t in timeline] == ["2024-02-26", "2024-03-04"]


def test_month_dated_mentions_are_not_merged():
    rows, _ = merge_events([_event("a", "2024-03", "month"), _event("b", "2024-03-04", "day", doc="d-b")])
    assert len(rows) == 2


def test_ranges_are_not_merged_with_their_start_day():
    rows, _ = merge_events([_event("a", "2024-03-04/2024-03-20", "range"), _event("b", "2024-03-04", "day", doc="d-b")])
    assert len(rows) == 2


def test_merging_across_sources_keeps_a_documents_incidents_apart_and_facts_from_doubts():
    same_doc = merge_events([_event("a", "2024-03-04", "day"), _event("b", "2024-03-04", "day")])[0]
    assert len(same_doc) == 2  # the events stage already told them apart
    doubt = _event("c", "2024-03-04", "day", doc="d-b")
    doubt.reportable = False
    mixed = merge_events([_event("a", "2024-03-04", "day"), doubt])[0]
    assert len(mixed) == 2


def test_a_merged_record_takes_its_fields_from_its_surest_report():
    sure = _event("sure", "2024-03-04", "day")
    sure.actors, sure.confidence = [{"name": "troops", "canonical": "Military Forces of Syria", "type": 1}], 0.95
    vague = _event("vague", "2024-03-04", "day", doc="d-b")
    vague.actors, vague.confidence = [{"name": "Syrian troops", "canonical": None, "type": 0}], 0.5
    vague.fatalities, sure.fatalities = 3, 5
    rows, _ = merge_events([sure, vague], min_evidence=0)
    assert len(rows) == 1
    assert [a["canonical"] for a in rows[0]["actors"]] == ["Military Forces of Syria"] and rows[0]["summary"] == "Military Forces of Syria sure (2024-03-04, 3 killed)"
    assert rows[0]["fatalities"] == 3 and len(rows[0]["fatalities_by_source"]) == 2  # ACLED: the lowest report


def test_two_crowds_one_clause_names_are_both_sides_of_the_record():
    riot = _event("riot", "2024-03-04", "day")
    riot.actors = [{"name": "pro-government demonstrators", "canonical": "Rioters (Syria)", "type": 5}]
    riot.targets = [{"name": "opposition protesters", "canonical": "Rioters (Syria)", "type": 5}]
    rows, _ = merge_events([riot], min_evidence=0)
    assert [t["name"] for t in rows[0]["targets"]] == ["opposition protesters"]
    army = _event("army", "2024-03-04", "day", doc="d-b")
    army.actors = [{"name": "troops", "canonical": "Military Forces of Syria", "type": 1}]
    army.targets = [{"name": "the army", "canonical": "Military Forces of Syria", "type": 1}]
    rows, _ = merge_events([army], min_evidence=0)
    assert rows[0]["targets"] == []  # any other party never acts on itself
