"""Who fired: a remote-violence record that names nobody takes the party the same document says does it there.

"At least five civilians were killed in mortar attacks in Misrata on Monday" names no shooter; two paragraphs
up the article says "government forces are shelling Misrata". A coder writes the government's forces as actor 1
(EVENT_CODING: a description is resolved to the party the document means). The rule is narrow on purpose:
only explosions and remote violence (shelling, air strikes, bombs), whose operator the text rarely repeats; only
from records of the same sub-event type at the same place (same gazetteer id, or same name when the gazetteer
could not place it); and only when every such record names the same party, so an ambiguous document stays empty.
Shelling that no record of its own type explains takes the one armed party the document has attacking at that
place (actor 1 of an attack, a town taken or shelling), on the same terms.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from dateline.model import Event

REMOTE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                    "Grenade", "Suicide bomb"})

SHELLING = "Shelling/artillery/missile attack"
# one-sided ground violence, whose actor 1 is the side that attacks at a place; not a clash (its two sides are
# written in either order), not an air strike (another force's aircraft)
GROUND_FIGHTING = frozenset({"Attack", "Government regains territory", "Non-state actor overtakes territory", SHELLING})
ARMED = frozenset({1, 2, 3, 4})  # ACLED inter codes of armed parties (state forces, rebels, militias)


def _doer(event: Event) -> str:
    """The key of the record's actor 1."""
    return (event.actors[0].canonical or event.actors[0].name).lower()


def _where(event: Event) -> str | None:
    if event.place is None:
        return None
    return event.place.place or f"name:{event.place.name.lower()}"


def fill_perpetrators(events: Sequence[Event]) -> list[Event]:
    """Records of remote violence with no actor 1 get the one party the document names for that type and place."""
    named: dict[tuple[str, str], set[str]] = {}
    party: dict[tuple[str, str], Event] = {}
    for event in events:
        where = _where(event)
        if event.acled in REMOTE and where and event.actors:
            key = (event.acled, where)
            named.setdefault(key, set()).add(_doer(event))
            party.setdefault(key, event)
    fighting: dict[str, set[str]] = {}
    fighter: dict[str, Event] = {}
    for event in events:
        where = _where(event)
        if event.acled in GROUND_FIGHTING and where and event.actors and event.actors[0].type in ARMED:
            fighting.setdefault(where, set()).add(_doer(event))
            fighter.setdefault(where, event)
    out = []
    for event in events:
        where = _where(event)
        key = (event.acled or "", where or "")
        source = None
        if not event.actors and event.acled in REMOTE and where and len(named.get(key, ())) == 1:
            source = party[key]
        elif not event.actors and event.acled == SHELLING and where and len(fighting.get(where, ())) == 1:
            source = fighter[where]  # "killed in mortar attacks in X": the one party the document has fighting at X
        if source is not None and not any(source.actors[0] == t for t in event.targets):
            event = dataclasses.replace(event, actors=source.actors[:1])
        out.append(event)
    return out
