"""Ordinary crime is police news, not a political event record."""

from __future__ import annotations

from dateline.events.crime import ordinary_crime


def test_the_criminal_justice_register_without_politics_is_ordinary_crime():
    assert ordinary_crime("Officers arrested a 40-year-old man on suspicion of burglary on Tuesday.")
    assert ordinary_crime("Two suspects were detained after a van was stolen from a car park.")
    # the legal register of ordinary police news: what someone "allegedly" did, what a lawsuit says
    assert ordinary_crime("Police arrested a pensioner for allegedly hiding his wife's savings in a barn.")
    assert ordinary_crime("The lawsuit says guards handcuffed him and held him for two hours.")
    assert not ordinary_crime("Police arrested a student for allegedly organising the rally.")
    # the arrest told again in the next sentence, without the charge
    assert ordinary_crime("He was detained after a raid on the farm on Monday.",
                          before="Police arrested a pensioner for allegedly hiding his wife's savings in a barn.")


def test_political_arrests_are_not():
    assert not ordinary_crime("Police arrested twelve activists on charges of insulting the president.")
    assert not ordinary_crime("Soldiers detained three suspected militants near the border.")
    assert not ordinary_crime("He was charged with sedition.", before="Opposition supporters marched on parliament.")
    assert not ordinary_crime("Police arrested 40 people in the capital on Friday.")  # no crime cue: left to the detector


def test_a_burglary_arrest_is_no_event_but_a_protest_arrest_is(events_of):
    assert not [e for e in events_of("Police arrested a man on suspicion of burglary in Leeds on Tuesday.")
                if e.acled == "Arrests"]
    assert events_of("Police arrested 30 protesters on charges of rioting in Leeds on Tuesday.")


def test_an_arrest_naming_an_armed_group_is_political_whatever_the_charge(events_of):
    text = "Police arrested an alleged Islamic State financier on charges of money laundering in Leeds on Tuesday."
    assert [e for e in events_of(text) if e.acled == "Arrests"]
