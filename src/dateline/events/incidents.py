"""One incident, one row: the mentions of the same incident within one document become one event.

A lede, a story highlight, a quote and a later paragraph often tell the same incident. ACLED's unit is one
type of interaction between the same actors at one place on one day, so two mentions of a document are the
same incident when their ACLED event types are compatible (the same sub-event type, or protest and riot; a
mention that states neither place nor day, or one told in the same sentence, may join another type of its
family), the place the mention states agrees with every place the incident's sentences state (the same place,
within ``PLACE_KM``, or a country that contains it), its stated date overlaps every stated date of the
incident (a weekend holds its Saturday and its Sunday, but a Saturday and a Sunday are two incidents) and their
first actors do not contradict each other. The incident keeps the first mention's trigger and id, the most specific type, the
first place, date, actors and toll any mention states, and every sentence as a source. Only mentions of equal
standing merge: facts (asserted or claimed) with facts, background with background.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from dateline.events.actors import CROWD_TYPES, other_side, party_key, told_actors
from dateline.events.confidence import FACT_MODALITIES, reportable
from dateline.events.triggers import MIN_EVENT_WEIGHT
from dateline.geo.gazetteer import haversine_km
from dateline.model import Event, Participant
from dateline.time.calendar import day_span

PLACE_KM = 25.0
# a stated date that ends this many days before every date the incident's mentions were given by context (the
# publication day, an earlier sentence's day) tells another incident; a day or two apart is one told late
IMPLIED_GAP_DAYS = 2
EVENT_TYPE_OF = {
    "Armed clash": "Battles", "Government regains territory": "Battles", "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions", "Shelling/artillery/missile attack": "Explosions",
    "Remote explosive/landmine/IED": "Explosions", "Suicide bomb": "Explosions", "Grenade": "Explosions",
    "Chemical weapon": "Explosions", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians", "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Demonstrations", "Protest with intervention": "Demonstrations",
    "Excessive force against protesters": "Demonstrations", "Violent demonstration": "Demonstrations",
    "Mob violence": "Demonstrations",
}


def merge_incidents(mentions: Sequence[Event], specificity: dict[str, float], threshold: float,
                    preamble_end: int = 0, countries: dict[str, tuple[str, bool]] | None = None,
                    stated: dict[str, tuple[bool, bool]] | None = None,
                    objects: dict[str, tuple[str, int]] | None = None) -> list[Event]:
    """Cluster a document's event mentions (in text order) into incidents (:func:`incident_groups`) and combine
    each into one record; ``specificity``: event id → type score. An incident is as sure as its surest mention,
    and reportable when that reaches ``threshold``."""
    stated = stated or {}
    countries = countries or {}
    groups = incident_groups(mentions, preamble_end, countries, stated, objects,
                             tolls=casualty_reports(mentions, specificity, stated))
    return combine_incidents(groups, specificity, threshold, preamble_end, countries, stated)


def combine_incidents(groups: Sequence[Sequence[Event]], specificity: dict[str, float], threshold: float,
                      preamble_end: int, countries: dict[str, tuple[str, bool]],
                      stated: dict[str, tuple[bool, bool]]) -> list[Event]:
    """One record per group of :func:`incident_groups` (see :func:`merge_incidents`)."""
    return [_combine(list(group), specificity, threshold, stated, countries, preamble_end) for group in groups]


def incident_groups(mentions: Sequence[Event], preamble_end: int = 0,
                    countries: dict[str, tuple[str, bool]] | None = None,
                    stated: dict[str, tuple[bool, bool]] | None = None,
                    objects: dict[str, tuple[str, int]] | None = None,
                    definite: set[str] | frozenset[str] = frozenset(),
                    tolls: set[str] | frozenset[str] = frozenset(),
                    sequenced: dict[str, bool] | None = None, chronicle: bool = False,
                    shifted: set[str] | frozenset[str] = frozenset()) -> list[list[Event]]:
    """A document's event mentions (in text order) grouped by the incident they tell, groups in text order.

    ``stated``: event id → (its sentence names its place, its sentence names its date). Only what a sentence
    states can tell two mentions apart: a place or date borrowed from context (an earlier sentence, the
    document's focus, the publication date) is weak evidence and blocks a merge only with a stated date that ends
    more than ``IMPLIED_GAP_DAYS`` before it ("last week, airstrikes killed 13 rebels" beside today's strike).
    Mentions in the preamble (``text[:preamble_end]``: captions and summary lines before the lede's dateline) join a
    body incident of the same kind whatever their place, and whatever their date unless they state one the
    incident's contradicts; they stand alone only when the body tells nothing of the kind.
    ``countries``: place id → (ISO2, whether the place is a whole country); a country contains every place in
    it. ``objects``: event id → (the lemma of the thing it was done to, its sentence): "shot down a helicopter"
    and, two sentences on, "the helicopter was hit by a rocket" are one incident although one reads as a battle
    and the other as shelling. ``definite``: ids of mentions told by a definite noun ("the blast shattered every
    window"), which continue the last compatible incident however far back it was told. ``tolls``: ids of casualty
    reports (:func:`casualty_reports`), which join a deadly incident of any kind their place and day agree with.
    ``chronicle``: the document is a chronology (:func:`is_chronicle`), whose every sentence tells an incident of its
    own: mentions join only the incidents of their own sentence. ``shifted``: ids of mentions whose sentence opens by
    moving the scene ("Elsewhere, ...", "Nearby, ..."), which join only the incidents of their own sentence."""
    countries = countries or {}
    stated = stated or {}
    objects = objects or {}
    sequenced = sequenced or {}
    body = [m for m in mentions if m.sources[0].start >= preamble_end]
    preamble = [m for m in mentions if m.sources[0].start < preamble_end]
    incidents: list[list[Event]] = []
    for mention in body:
        home = _nearest([g for g in incidents if not _in_sequence(g, mention, sequenced, tolls)
                         and (not (chronicle or mention.id in shifted) or _one_sentence(g, mention))
                         and (_same(g, mention, countries, stated, tolls=tolls)
                              or _same_object(g, mention, objects, countries, stated))], mention, stated, objects,
                        mention.id in definite)
        if home is None:
            incidents.append([mention])
        else:
            home.append(mention)
    for mention in preamble:
        home = next((g for g in incidents if _same(g, mention, countries, stated, loose=True)), None)
        if home is None:
            incidents.append([mention])
        else:
            home.append(mention)
    incidents.sort(key=lambda group: min(m.sources[0].start for m in group))
    return incidents


CHRONICLE_SHARE = 0.6  # most tellings in the present tense: "protesters spill into the streets", "police use ..."
CHRONICLE_MIN = 4  # sentences, so that a short piece with a caption or two is no chronology


def is_chronicle(tenses: Sequence[str | None]) -> bool:
    """A chronology ("a day-by-day summary of events") tells one incident after another in the historical present,
    mostly with the dates lost to the page: no two of its sentences are the same incident by place and kind alone.
    News narrates in the past tense; captions in the present are a few lines, not most of the tellings.
    ``tenses``: for each sentence that tells an incident as fact, the tense of its first trigger's clause
    (:func:`dateline.events.record_confidence.clause_tense`)."""
    known = [t for t in tenses if t is not None]
    return len(known) >= CHRONICLE_MIN and known.count("present") >= CHRONICLE_SHARE * len(known)


def _in_sequence(group: list[Event], mention: Event, sequenced: dict[str, bool],
                 tolls: set[str] | frozenset[str]) -> bool:
    """One sentence tells one event after another ("the shelling came after rebels killed several snipers"):
    what the "after/before/since/until" clause tells is an incident of its own, not the main clause's.
    ``sequenced``: id → whether the mention is told in such a clause, for mentions that type an event on their own;
    a bare death word or a casualty count ("two died after police opened fire") counts the dead of either clause."""
    if mention.id in tolls or mention.id not in sequenced:
        return False
    return any(e.id in sequenced and e.id not in tolls and sequenced[e.id] != sequenced[mention.id]
               for e in group if _one_sentence([e], mention))


def told_elsewhere(mentions: Sequence[Event], groups: Sequence[Sequence[Event]]) -> list[int]:
    """For each mention, how many other sentences of the document tell its incident (a lede, a caption, a later
    paragraph): an incident the article returns to is more often one that happened than a passing mention."""
    starts = {}
    for group in groups:
        sentences = {s.start for e in group for s in e.sources}
        for e in group:
            starts[e.id] = len(sentences - {s.start for s in e.sources})
    return [starts.get(m.id, 0) for m in mentions]


ARMED = frozenset({"Battles", "Explosions"})  # fighting and shelling told in one sentence: one engagement
SEXUAL_VIOLENCE = "Sexual violence"
REMOTE_FIRE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})  # told apart by the weapon
PROXIMITY = 3  # sentences: a mention that states neither place nor day continues an incident told this recently


def _nearest(groups: list[list[Event]], mention: Event, stated: dict[str, tuple[bool, bool]],
             objects: dict[str, tuple[str, int]], definite: bool = False) -> list[Event] | None:
    """The compatible incident told last before ``mention``. A mention that states neither its place nor its day
    only continues an incident told within PROXIMITY sentences (further away, "fighting" may be another), unless
    a definite noun tells it ("the blast"): that points back at the incident the reader knows."""
    if not groups:
        return None
    sentence = objects.get(mention.id, ("", -1))[1]
    def last(group: list[Event]) -> int:
        return max(objects.get(e.id, ("", -1))[1] for e in group)
    best = max(groups, key=last)
    if not any(stated.get(mention.id, (True, True))) and not definite and sentence >= 0 \
            and sentence - last(best) > PROXIMITY:
        return None
    return best


def _one_sentence(group: list[Event], mention: Event) -> bool:
    sentences = {(s.doc, s.start) for e in group for s in e.sources}
    return any((s.doc, s.start) in sentences for s in mention.sources)


def acled_family(acled: str | None) -> str:
    """The ACLED event type of a sub-event type; a strategic development is its own family (only the same
    sub-event type merges)."""
    return EVENT_TYPE_OF.get(acled or "", acled or "")


def family(event: Event) -> str:
    return acled_family(event.acled) or event.type


def casualty_reports(mentions: Sequence[Event], specificity: dict[str, float],
                     stated: dict[str, tuple[bool, bool]]) -> set[str]:
    """Ids of mentions that only count the dead of a deadly incident ("nine people were killed and 30 wounded in
    Friday's attacks in Misrata"): a toll told by a death word or a generic "attack" (a trigger no stronger than
    ``MIN_EVENT_WEIGHT``, too weak to type an event on its own) with nobody told as its doer, in a sentence that
    names the place and the day it counts. ACLED codes such a count as the toll of the incident of that place and
    day, whatever kind of violence that was."""
    return {e.id for e in mentions if _counts_dead(e, specificity, stated)}


def _counts_dead(event: Event, specificity: dict[str, float], stated: dict[str, tuple[bool, bool]]) -> bool:
    return event.acled in LETHAL and event.fatalities is not None and not told_actors(event.actors) \
        and specificity.get(event.id, 1.0) <= MIN_EVENT_WEIGHT and all(stated.get(event.id, (False, False)))


def _armed_violence(event: Event) -> bool:
    """A deadly incident of armed violence (a battle, an explosion, an attack): a crowd's riot keeps its own dead."""
    return event.acled in LETHAL and family(event) != "Demonstrations"


def _same(group: list[Event], mention: Event, countries: dict[str, tuple[str, bool]],
          stated: dict[str, tuple[bool, bool]], *, loose: bool = False,
          tolls: set[str] | frozenset[str] = frozenset()) -> bool:
    first = group[0]
    if first.background != mention.background:
        return False
    counted = (mention.id in tolls and any(_armed_violence(e) for e in group)) or \
        (_armed_violence(mention) and all(e.id in tolls for e in group))  # a casualty count and its incident
    if family(first) != family(mention) and not counted and not (_one_sentence(group, mention) and
                                                                 {family(first), family(mention)} <= ARMED):
        return False
    if family(mention) != "Demonstrations" and not counted and \
            not any(_one_interaction(e.acled, mention.acled) for e in group) \
            and not _one_sentence(group, mention) and any(stated.get(mention.id, (True, True))):
        return False  # an air strike and shelling, a clash and a town taken: other interactions, other records
    if (mention.acled == SEXUAL_VIOLENCE) != any(e.acled == SEXUAL_VIOLENCE for e in group) \
            and not _one_sentence(group, mention):
        return False  # a rape told apart from a beating or an abduction of the same woman: its own record
    if mention.acled in REMOTE_FIRE and any(e.acled in REMOTE_FIRE for e in group) \
            and not any(e.acled == mention.acled for e in group) and not _one_sentence(group, mention):
        return False  # "the cloud from an air strike" names its weapon: never the shelling told before, stated or not
    if (first.modality in FACT_MODALITIES) != (mention.modality in FACT_MODALITIES):
        return False
    if _other_toll(group, mention) and not counted:
        return False  # "six rebels died in fighting" and "four rebels killed around Misrata": two incidents
    date_said = stated.get(mention.id, (True, True))[1]
    dates = [span for e in group if stated.get(e.id, (True, True))[1] and (span := day_span(e.date)) is not None]
    span = day_span(mention.date)
    if any(_dated_apart(e, mention, stated) for e in group):
        return False  # a caption dated "February 2" is not the Friday march the article tells
    implied = [told for e in group if (told := day_span(e.date)) is not None]
    if date_said and span and not dates and implied and all(span[1] + IMPLIED_GAP_DAYS < a[0] for a in implied):
        return False  # "last week, airstrikes killed 13 rebels" is not the strike the article tells of today
    if loose:
        return _actors_agree(group, mention)
    if any(_placed_apart(e, mention, countries, stated) for e in group):
        return False
    return _actors_agree(group, mention)


SUICIDE_BOMB = "Suicide bomb"
BOMBINGS = frozenset({SUICIDE_BOMB, "Remote explosive/landmine/IED"})  # "a car bomb exploded" ... "the bomber"


def _other_toll(group: list[Event], mention: Event) -> bool:
    """Both tell their own toll, and the tolls differ: one reporter counts one incident's dead once."""
    return mention.fatalities is not None and not _one_sentence(group, mention) and \
        any(e.fatalities is not None and e.fatalities != mention.fatalities for e in group)


def _one_interaction(a: str | None, b: str | None) -> bool:
    """Two sub-event types one incident may be told as: the same, or a bombing told once by its device ("a car bomb
    exploded at the checkpoint") and once by its bomber ("the suicide bomber blew up a minibus")."""
    return a == b or (a in BOMBINGS and b in BOMBINGS)


OBJECT_SENTENCES = 3  # how far apart two tellings of what happened to one thing may be


def _same_object(group: list[Event], mention: Event, objects: dict[str, tuple[str, int]],
                 countries: dict[str, tuple[str, bool]], stated: dict[str, tuple[bool, bool]]) -> bool:
    """Violence done to the same thing (a helicopter, a convoy, a checkpoint) a few sentences apart; never two
    things whose sentences name places apart ("seized the town of A", "seized the town of B")."""
    mine = objects.get(mention.id)
    if not mine or not mine[0] or family(mention) not in ARMED | {"Violence against civilians"}:
        return False
    for other in group:
        theirs = objects.get(other.id)
        if theirs and theirs[0] == mine[0] and 0 <= mine[1] - theirs[1] <= OBJECT_SENTENCES \
                and family(other) in ARMED | {"Violence against civilians"} and other.background == mention.background \
                and (other.modality in FACT_MODALITIES) == (mention.modality in FACT_MODALITIES) \
                and not _placed_apart(other, mention, countries, stated) and not _dated_apart(other, mention, stated):
            return True
    return False


def _dated_apart(a: Event, b: Event, stated: dict[str, tuple[bool, bool]]) -> bool:
    """Both sentences name their day, and the days differ ("seized the town on Friday", "a day earlier, troops
    shelled the town"): two incidents, whatever they were done to."""
    first, second = day_span(a.date), day_span(b.date)
    return bool(first and second and stated.get(a.id, (True, True))[1] and stated.get(b.id, (True, True))[1]
                and not (first[0] <= second[1] and second[0] <= first[1]))


def _placed_apart(a: Event, b: Event, countries: dict[str, tuple[str, bool]],
                  stated: dict[str, tuple[bool, bool]]) -> bool:
    """Both sentences name their place, and the places are not the same or near."""
    return bool(a.place and b.place and stated.get(a.id, (True, True))[0] and stated.get(b.id, (True, True))[0]
                and not _near(a.place, b.place, countries))


def _actors_agree(group: list[Event], mention: Event) -> bool:
    actors = {party_key(told[0]) for e in group if (told := told_actors(e.actors))}
    mine = told_actors(mention.actors)
    if family(mention) == "Demonstrations" and any(a.type in CROWD_TYPES for a in mention.actors):
        mine = [a for a in mine if a.type in CROWD_TYPES]  # the group that called a march is no other crowd
    return not (mine and actors and party_key(mine[0]) not in actors and _contradicts(actors, mention))



def _contradicts(actors: set[str], mention: Event) -> bool:
    """Different first actors contradict unless one of them is the other's target (a two-sided clash)."""
    targets = {party_key(t) for t in mention.targets}
    return not (actors & targets)


def _near(a: object, b: object, countries: dict[str, tuple[str, bool]]) -> bool:
    pa, pb = getattr(a, "place", None), getattr(b, "place", None)
    if pa and pb and pa == pb:
        return True
    if not pa and not pb and str(getattr(a, "name", "")).lower() == str(getattr(b, "name", "")).lower() != "":
        return True  # the same name the gazetteer could not place
    ca, cb = countries.get(pa or ""), countries.get(pb or "")
    if ca and cb and ca[0] == cb[0] and (ca[1] or cb[1]):
        return True  # "in Yemen" and "in Sanaa": the country contains the city
    la, lb = (getattr(a, "lat", None), getattr(a, "lon", None)), (getattr(b, "lat", None), getattr(b, "lon", None))
    if None in la or None in lb:
        return False
    return haversine_km(*la, *lb) <= PLACE_KM  # type: ignore[arg-type]


def _combine(group: list[Event], specificity: dict[str, float], threshold: float,
             stated: dict[str, tuple[bool, bool]], countries: dict[str, tuple[str, bool]], preamble_end: int = 0) -> Event:
    if len(group) == 1:
        return group[0]
    first = group[0]
    body = [e for e in group if e.sources[0].start >= preamble_end]
    # a caption or summary line joined the incident loosely (whatever its place): the body's tellings type it
    typed = max(body or group, key=lambda e: (specificity.get(e.id, 0.0), -group.index(e)))
    typed = _most_severe_protest(body, typed)
    told = [e for e in group if e.place and stated.get(e.id, (True, True))[0]]
    # "clashes in Yemen" then "in Aden": the town a sentence states, not the country that contains it
    placed = next((e for e in told if not _whole_country(e, countries)), told[0] if told else None)
    placed = placed or next((e for e in group if e.place), None)
    dated = sorted((e for e in group if e.date),
                   key=lambda e: (not stated.get(e.id, (True, True))[1], _width(e.date), group.index(e)))
    sources = tuple(dict.fromkeys(s for e in group for s in e.sources))
    return dataclasses.replace(
        first,
        type=typed.type, mode=typed.mode, acled=typed.acled,
        actors=(actors := _closest_kind(group, typed, lambda e: e.actors)),
        targets=_closest_kind(group, typed, lambda e: other_side(actors, e.targets)),
        place=placed.place if placed else None,
        admin1=placed.admin1 if placed else None,
        country=placed.country if placed else first.country,
        date=dated[0].date if dated else None,
        date_precision=dated[0].date_precision if dated else None,
        # The toll of a sentence typed as another kind of event ("300 were killed" beside a kidnapping, "two
        # fighters died" beside a town retaken) is that event's, not this record's.
        # a toll told with the record's place ("four rebels killed ... around Misrata") before one told without
        fatalities=next((e.fatalities for e in sorted(group, key=lambda e: not stated.get(e.id, (True, True))[0])
                         if e.fatalities is not None and typed.acled != PEACEFUL
                         and (_toll_of(e, typed) or (_armed_violence(typed) and _counts_dead(e, specificity, stated)))
                         and _own_toll(e, group, specificity, stated)), None),
        confidence=max(e.confidence for e in group),
        reportable=reportable(first.modality, first.background, max(e.confidence for e in group), threshold),
        sources=sources,
    )


def _own_toll(mention: Event, group: list[Event], specificity: dict[str, float],
              stated: dict[str, tuple[bool, bool]]) -> bool:
    """A toll told by a bare death word that states neither place nor day ("he said 180 of their leaders had been
    killed") joined the incident only by being near it: it is no toll of the incident another sentence tells. Told
    with the incident's noun ("two medics died in the airstrike") it is."""
    if len(group) == 1 or any(stated.get(mention.id, (True, True))):
        return True
    return specificity.get(mention.id, 1.0) >= MIN_EVENT_WEIGHT


# ACLED codes a demonstration by what happened at it: a march that turned violent is a violent demonstration, one
# the police broke up a protest with intervention, one they fired on excessive force. Peaceful is the default.
PEACEFUL = "Peaceful protest"
PROTEST_SEVERITY = {PEACEFUL: 0, "Protest with intervention": 1, "Violent demonstration": 2, "Mob violence": 2,
                    "Excessive force against protesters": 3}


def _most_severe_protest(body: list[Event], typed: Event) -> Event:
    """A demonstration incident told as a protest in one sentence and as clashes or a crackdown in another is
    coded by the most severe telling (EVENT_CODING.md: "the march turned violent" is a violent demonstration).
    ``body``: the incident's mentions after the preamble (summary lines tell other days' clashes in passing)."""
    if typed.acled not in PROTEST_SEVERITY:
        return typed
    return max((e for e in (*body, typed) if e.acled in PROTEST_SEVERITY),
               key=lambda e: (PROTEST_SEVERITY[e.acled or ""], e is typed))


def _whole_country(event: Event, countries: dict[str, tuple[str, bool]]) -> bool:
    return bool(event.place and countries.get(event.place.place or "", ("", False))[1])


def _closest_kind(group: Sequence[Event], typed: Event, pick: Callable[[Event], tuple[Participant, ...]]) -> tuple[Participant, ...]:
    """The first non-empty ``pick`` of a mention of the record's own type, else of its own kind of event, else of
    any mention: a sentence that tells a shelling and a clash gives the shelling record the shelling's parties."""
    for same in (lambda e: e.acled == typed.acled, lambda e: family(e) == family(typed), lambda e: True):
        found = next((got for e in group if same(e) and (got := pick(e))), None)
        if found:
            return found
    return ()


LETHAL = frozenset({"Armed clash", "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                    "Suicide bomb", "Grenade", "Chemical weapon", "Attack", "Excessive force against protesters",
                    "Violent demonstration", "Mob violence"})


def _toll_of(mention: Event, record: Event) -> bool:
    """A mention's toll is the record's when both are killings of one family (an attack told as a clash), or
    the same sub-event type; a kidnapping or a town retaken does not take the toll of a killing beside it."""
    if mention.acled == record.acled:
        return True
    return mention.acled in LETHAL and record.acled in LETHAL and family(mention) == family(record)


def _width(value: str | None) -> int:
    span = day_span(value)
    return span[1] - span[0] if span else 10**6
