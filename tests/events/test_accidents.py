"""An explosion with nothing hostile about it is an accident, not a remote-violence record."""

from __future__ import annotations

from dateline.events.accidents import accidental_explosion, aircraft_crash


def test_an_explosion_with_no_hostile_cue_is_an_accident():
    assert accidental_explosion("A blast tore through a bakery on the high street after a gas leak.")


def test_a_bomb_or_an_armed_party_makes_it_an_attack():
    assert not accidental_explosion("A bomb tore through a bakery on the high street.")
    assert not accidental_explosion("A blast tore through the market.", "Militants had threatened the town.")
    assert not accidental_explosion("A blast tore through the market.", has_actor=True)


def test_accidents_give_no_event_records(events_of):
    events = events_of("The explosion happened in a rural area on Monday, officials said.")
    assert not [e for e in events if e.acled == "Remote explosive/landmine/IED"]
    attack = events_of("A roadside bomb exploded near an army convoy outside the town on Monday.")
    assert [e for e in attack if e.acled == "Remote explosive/landmine/IED"]


def test_the_cold_war_is_no_hostile_cue():
    # a test blast of the Cold War years told as engineering history is no attack; a war today is a cue
    assert accidental_explosion("The blast at the test site sealed the well, as Cold War engineers had planned.")
    assert not accidental_explosion("The blast at the depot came as the war reached the valley.")


def test_an_aircraft_that_crashed_is_no_air_strike(events_of):
    assert aircraft_crash("A transport helicopter clipped a mast and crashed in the hills, killing its crew.")
    assert not aircraft_crash("The fighter crashed after it was shot down over the valley.")
    assert not aircraft_crash("A jet that bombed the depot crashed on its way back.")
    crash = events_of("An army helicopter hit a power line and crashed outside Tobruk on Tuesday, killing three crew.")
    assert not [e for e in crash if e.acled == "Air/drone strike"], crash
    raid = events_of("Army helicopters hit rebel positions outside Tobruk on Tuesday, killing three fighters.")
    assert [e for e in raid if e.acled == "Air/drone strike"], raid
