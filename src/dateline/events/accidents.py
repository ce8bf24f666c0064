"""An explosion is not always an attack: a gas leak, a factory fire or a failed rocket booster is no ACLED event.

"Explosion", "blast" and "exploded" are the triggers of remote-violence records ("Remote explosive/landmine/IED")
and of industrial accidents alike. A record of that type whose sentence (and the sentences around it) has no cue of
hostility — a bomb or device, an attack, an armed party, fighting, casualties told as targeted — and names no
actor is an accident or unexplained, not a political event. The words are general English vocabulary of
violence, not names from any corpus.
"""

from __future__ import annotations

import re

KINDS = frozenset({"Remote explosive/landmine/IED"})  # the sub-event type accidents read as
_HOSTILE = re.compile(
    r"\b(?:bomb\w*|explosives?|devices?|ieds?|(?:land)?mines?|booby|detonat\w*|suicide|attack\w*|assault\w*|"
    r"militants?|insurgents?|rebels?|gunmen|terror\w*|jihadi\w*|extremis\w*|targe?t\w*|claimed|responsibility|"
    r"soldiers?|troops|army|military|checkpoints?|convoys?|patrols?|(?<!cold )war|fighting|fighters?|clash\w*|"
    r"shell\w*|strikes?|airstrikes?|rockets? (?:fire|attack)\w*|mortars?|grenades?|insurgency|security forces|"
    r"sabotage\w*|killed by|blew up|planted)\b",
    re.IGNORECASE,
)


def accidental_explosion(text: str, around: str = "", has_actor: bool = False) -> bool:
    """The sentence ``text`` tells an explosion with nothing hostile about it, in it or in ``around`` (the
    sentences before and after it)."""
    return not has_actor and not _HOSTILE.search(text) and not _HOSTILE.search(around)


AIR_KINDS = frozenset({"Air/drone strike"})  # the sub-event type an aircraft's crash reads as
_CRASH = re.compile(r"\b(?:crash(?:ed|es|ing)?|crash-land\w*)\b", re.IGNORECASE)
_BROUGHT_DOWN = re.compile(
    r"\b(?:shot down|shoot\w* down|downed|brought down|bring\w* down|shot at|fired? (?:at|on)|hit by|anti-?aircraft|"
    r"missiles?|rockets?|bomb\w*|strikes?|airstrikes?|raids?)\b", re.IGNORECASE)


def aircraft_crash(text: str) -> bool:
    """The sentence ``text`` tells an aircraft crashing ("a helicopter hit a power line and crashed"), with nothing
    said of it being brought down or of weapons it used: an accident, no air strike."""
    return bool(_CRASH.search(text)) and not _BROUGHT_DOWN.search(text)
