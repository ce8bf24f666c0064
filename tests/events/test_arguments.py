"""Actors and targets: active, passive, coordinated, "by" agents, nominal triggers, canonical names."""

from __future__ import annotations


def _only(events, trigger):
    match = [e for e in events if trigger in e.trigger]
    assert match, [(e.trigger, e.type) for e in events]
    return match[0]


def names(participants):
    return [p.name for p in participants]


def test_active_voice_subject_acts_on_object(events_of):
    event = _only(events_of("Rebel fighters shot down an army helicopter near Tal Afar."), "shot down")
    assert names(event.actors) == ["Rebel fighters"]
    assert names(event.targets) == ["army helicopter"]


def test_passive_voice_by_agent_acts_on_subject(events_of):
    event = _only(events_of("The police station was attacked by gunmen on Tuesday."), "attacked")
    assert names(event.actors) == ["gunmen"]
    assert names(event.targets) == ["police station"]


def test_coordinated_subjects(events_of):
    event = _only(events_of("The army and allied militias entered the eastern district."), "entered")
    assert names(event.actors) == ["army", "allied militias"]


def test_participle_borrows_subject_and_participants_are_entities_not_ids(events_of):
    events = events_of("The Islamic State stormed the village, killing four farmers.")
    event = _only(events, "stormed")
    assert names(event.actors) == ["Islamic State"]
    assert event.actors[0].entity is None
    assert event.fatalities == 4
    assert len([e for e in events if "killing" in e.trigger]) == 0  # folded into the main event


def test_nominal_trigger_takes_light_verb_subject_and_for_target(events_of):
    event = _only(events_of("Government forces started the battle for Tal Afar on Sunday."), "battle")
    assert names(event.actors) == ["Government forces"]
    assert event.type == "FIGHT"


def test_he_resolves_to_the_last_named_person(events_of):
    text = "Colonel Amir Saleh commands the brigade north of the city. On Monday he attacked the rebel checkpoint."
    event = _only(events_of(text), "attacked")
    assert names(event.actors) == ["Amir Saleh"]


def test_unresolvable_pronouns_are_not_participants(events_of):
    event = _only(events_of("After a long night they shelled the market."), "shelled")
    assert event.actors == ()
    assert names(event.targets) == ["market"]


def test_object_inside_the_trigger_is_not_a_target(events_of):
    event = _only(events_of("The army launched the offensive against the rebels."), "offensive")
    assert "offensive" not in names(event.targets)


def test_other_events_and_dates_are_not_participants(events_of):
    events = events_of("The offensive began on 6 June after weeks of shelling.")
    for event in events:
        assert "6 June" not in names(event.targets) and "offensive" not in names(event.actors)


def test_summary_keeps_an_event_noun_subject(events_of):
    events = events_of("The offensive began on 6 June after weeks of shelling.")
    began = [e for e in events if "began" in e.trigger]
    assert began and all(e.summary.lower().startswith("offensive began") for e in began)
