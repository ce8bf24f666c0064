"""Who fired: a remote-violence record that names nobody takes the party the same document says does it there.

"At least five civilians were killed in mortar attacks in Misrata on Monday" names no shooter; two paragraphs
up the article says "government forces are shelling Misrata". A coder writes the government's forces as actor 1
(EVENT_CODING: a description is resolved to the party the document means). The rule is narrow on purpose:
only explosions and remote violence (shelling, air strikes, bombs), whose operator the text rarely repeats; only
from records of the same sub-event type at the same place (same gazetteer id, or same name when the gazetteer
could not place it); and only when every such record names the same party, so an ambiguous document stays empty.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from dateline.model import Event

REMOTE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                    "Grenade", "Suicide bomb"})


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
            named.setdefault(key, set()).add((event.actors[0].canonical or event.actors[0].name).lower())
            party.setdefault(key, event)
    out = []
    for event in events:
        where = _where(event)
        key = (event.acled or "", where or "")
        if not event.actors and event.acled in REMOTE and where and len(named.get(key, ())) == 1:
            source = party[key]
            if not any(source.actors[0] == t for t in event.targets):
                event = dataclasses.replace(event, actors=source.actors[:1])
        out.append(event)
    return out
