"""A remote-violence record that names nobody takes the one party its document names for that type and place."""

from __future__ import annotations

from dateline.events.perpetrators import fill_perpetrators
from dateline.model import Event, EventPlace, Participant, Span

SHELLING = "Shelling/artillery/missile attack"
ARMY = Participant(name="government forces", canonical="Military Forces of Syria", type=1)
REBELS = Participant(name="rebels", canonical="Rebels (Syria)", type=2)
HOMS = EventPlace(name="Homs", lat=34.7, lon=36.7, place="gn:1")


def _event(n: int, actors=(), place=HOMS, acled=SHELLING, summary="Shelling (Homs)") -> Event:
    return Event(id=f"e{n}", type="ASSAULT", trigger="shelling", sources=(Span("d", n * 10, n * 10 + 5, "x"),),
                 acled=acled, actors=tuple(actors), place=place, summary=summary)


def test_the_only_party_shelling_that_place_is_actor_1():
    out = fill_perpetrators([_event(1, [ARMY]), _event(2)])
    assert out[1].actors == (ARMY,)


def test_two_parties_shelling_the_place_leave_it_empty():
    out = fill_perpetrators([_event(1, [ARMY]), _event(2, [REBELS]), _event(3)])
    assert out[2].actors == ()


def test_another_place_or_type_gives_nothing():
    elsewhere = EventPlace(name="Hama", lat=35.1, lon=36.7, place="gn:2")
    out = fill_perpetrators([_event(1, [ARMY]), _event(2, place=elsewhere), _event(3, acled="Attack")])
    assert out[1].actors == () and out[2].actors == ()


def test_shelling_no_shelling_record_explains_takes_the_one_party_attacking_there():
    attack = _event(1, [ARMY], acled="Attack")
    out = fill_perpetrators([attack, _event(2)])
    assert out[1].actors == (ARMY,)


def test_a_clash_names_no_attacker_for_unattributed_shelling():
    clash = _event(1, [ARMY], acled="Armed clash")  # a clash's two sides come in either order
    assert fill_perpetrators([clash, _event(2)])[1].actors == ()
    rebel_attack = _event(3, [REBELS], acled="Attack")
    out = fill_perpetrators([_event(4, [ARMY], acled="Attack"), rebel_attack, _event(5)])
    assert out[2].actors == ()
