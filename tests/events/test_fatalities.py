"""Fatality counts: digits, words, vague ACLED counts, ranges, passive and nominal forms."""

from __future__ import annotations

import pytest

from dateline.events.fatalities import sentence_fatalities
from dateline.events.stage import sentence_token_ranges
from dateline.events.triggers import children_of


def _deaths(doc):
    children = children_of(doc.tokens)
    lo, hi = sentence_token_ranges(doc)[0]
    return sentence_fatalities(doc, lo, hi, children)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants ambushed the convoy, killing two drivers.", 2),
        ("The shell killed one of the farmer's daughters and two of his nephews.", 3),
        ("Shepherds found the bodies of four men who had been shot.", 4),
        ("Seven soldiers were killed in the blast.", 7),
        ("The bombing killed 1,250 people, officials said.", 1250),
        ("Dozens of villagers were killed in the raid.", 12),
        ("Hundreds of prisoners have been executed by the group.", 100),
        ("Between 10 and 15 people died in the fighting.", 10),
        ("Twenty-five passengers died when the bus was attacked.", 25),
        ("A policeman was killed at the checkpoint.", 1),
        ("The attack left 14 people dead.", 14),
        ("Two shells hit the market at dusk, causing one death and many injuries.", 1),
        ("Gunmen wounded three guards at the gate.", None),
        ("No one was killed in the explosion.", 0),
        ("A 16-year-old girl was killed near the school.", 1),  # an age is no count
        ("Gunmen killed four guards during a two-day siege.", 4),
        ("Three of the guards and four pilgrims died when the device went off.", 7),  # groups add up
        ("Raiders killed two herders and a boy at the well.", 3),
        ("Shells hit the depot, leaving one dead and nine injured.", 1),  # the nine are the wounded
        ("As many as 30 villagers were killed in the raid.", 30),  # "many" beside a number is no count
        ("Several guards were killed in the raid.", 10),
    ],
)
def test_sentence_fatalities(make_document, text, expected):
    assert _deaths(make_document(text)) == expected


@pytest.mark.parametrize(
    ("text", "cumulative"),
    [
        ("More than 300 people have been killed since the uprising began in March.", True),
        ("The death toll has risen to 42, the ministry said.", True),
        ("At least 60 people died in the past week across the province.", True),
        ("The toll nationwide is now up to at least 85, hospital sources say.", True),
        ("Forty people were killed across the country on Friday.", True),  # a day's national figure, no place
        ("Twenty-five people have died in the unrest in the province, state radio said.", True),
        ("Some 400 soldiers were killed in the war, the ministry said.", True),
        ("Two reporters died on Monday in the war-torn port city.", False),  # an adjective, no period counted
        ("Gunmen killed six people at a wedding on Saturday.", False),
    ],
)
def test_running_totals_are_never_an_incidents_toll(make_document, text, cumulative):
    from dateline.events.fatalities import cumulative_count

    doc = make_document(text)
    lo, hi = sentence_token_ranges(doc)[0]
    assert cumulative_count(doc, lo, hi) is cumulative


def test_deaths_that_did_not_happen_are_not_counted(make_document):
    assert _deaths(make_document("Officials warned that thousands could be killed if the army attacks.")) is None
    assert _deaths(make_document("The rockets caused no casualties, a spokesman said.")) == 0


def test_each_death_clause_of_a_list_keeps_its_own_toll(placed_events_of):
    events = placed_events_of("Two soldiers were killed in Idlib on Monday and nine were killed in Hama, the army said.")
    tolls = {e.place.name: e.fatalities for e in events if e.place}
    assert len(tolls) == 2 and tolls["Idlib"] == 2 and sorted(tolls.values()) == [2, 9]


def test_deaths_in_a_clause_that_dates_the_event_by_another_act_are_not_its_toll(placed_events_of):
    events = placed_events_of("The shelling of Kadugli began on Monday after militiamen killed four soldiers.")
    assert [e.fatalities for e in events if e.acled == "Shelling/artillery/missile attack"] == [None]
    blast = placed_events_of("Police closed the market in Kadugli on Monday after a car bomb killed six people.")
    assert [e.fatalities for e in blast if e.acled == "Remote explosive/landmine/IED"] == [6]


def test_a_running_total_of_deaths_by_cause_tells_no_incident(placed_events_of):
    total = placed_events_of("At least 90 villagers have been killed in air strikes and shelling around Kadugli "
                             "since the army's campaign began in May, a monitoring group said.")
    assert list(total) == []
    today = placed_events_of("Six villagers were killed in an air strike on Kadugli on Monday, bringing the number "
                             "killed since May to 90.")
    assert [e.acled for e in today] == ["Air/drone strike"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A guard was fatally stabbed at the gate on Monday.", 1),
        ("Gunmen fatally shot two farmers near the well.", 2),
        ("Gunmen shot two farmers near the well.", None),  # shot, not said to have died
        ("A guard was mortally wounded at the gate.", None),  # dying is not yet dead
    ],
)
def test_harm_done_fatally_counts_the_dead(make_document, text, expected):
    assert _deaths(make_document(text)) == expected
