"""An event's one-line summary is written from its own final fields."""

from __future__ import annotations

import dataclasses

from dateline.events.describe import subject_of, summary, summary_line
from dateline.model import Event, EventPlace, Participant, Span

MILITIA = Participant(name="the militia", canonical="Militia (Chad)", type=3)
FARMERS = Participant(name="herders", canonical="Civilians (Chad)", type=7)
ABECHE = EventPlace(name="Abeche", lat=13.8, lon=20.8, place="gn:1")


def _raid(**fields) -> Event:
    base = Event(id="e1", type="ASSAULT", trigger="raided", sources=(Span("d", 0, 10, "x"),), acled="Attack",
                 actors=(MILITIA,), targets=(FARMERS,), place=ABECHE, date="2019-03-02", fatalities=4)
    return dataclasses.replace(base, **fields)


def test_the_summary_states_the_records_actor_target_place_date_and_toll():
    assert summary(_raid()) == "Militia (Chad) raided Civilians (Chad) (Abeche, 2019-03-02, 4 killed)"


def test_a_field_changed_after_extraction_changes_the_summary():
    moved = _raid(place=EventPlace(name="Adre", lat=13.5, lon=22.2, place="gn:2"), date="2019-03-01", fatalities=None)
    assert summary(moved) == "Militia (Chad) raided Civilians (Chad) (Adre, 2019-03-01)"


def test_without_an_actor_the_subject_words_lead_and_tags_mark_modality_and_history():
    line = summary(_raid(actors=(), targets=(), modality="claimed", background=True), "The night raid")
    assert line == "[background] [claimed] The night raid raided (Abeche, 2019-03-02, 4 killed)"
    assert subject_of(line, "raided") == "The night raid"


def test_no_subject_before_a_leading_trigger():
    assert subject_of(summary_line("", "shelling", "", "Homs", None, None, "asserted", background=False),
                      "shelling") == ""
