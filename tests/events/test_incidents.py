"""One incident, one row: which mentions of a document merge, and what the merged record keeps."""

from __future__ import annotations

import dataclasses

from dateline.events.incidents import incident_groups, merge_incidents, told_elsewhere
from dateline.model import Event, EventPlace, Participant, Span

TEXT = "x" * 400
CAIRO = EventPlace("Cairo", 30.06, 31.25, "p-cairo")
GIZA = EventPlace("Giza", 30.01, 31.21, "p-giza")  # about 7 km from Cairo
SUEZ = EventPlace("Suez", 29.97, 32.53, "p-suez")


def mention(eid: str, start: int, *, acled: str = "Violent demonstration", place: EventPlace | None = CAIRO,
            date: str | None = "2011-01-28", actor: str | None = None, fatalities: int | None = None,
            modality: str = "asserted", confidence: float = 0.9) -> Event:
    return Event(id=eid, type="PROTEST", trigger="clash", sources=(Span("d", start, start + 10, TEXT[start:start + 10]),),
                 acled=acled, place=place, date=date, date_precision="day" if date else None,
                 actors=(Participant(actor, canonical=actor, type=5),) if actor else (), fatalities=fatalities,
                 modality=modality, confidence=confidence, reportable=confidence >= 0.4 and modality == "asserted")


def merge(mentions, stated=None, preamble_end=0):
    stated = stated or {m.id: (True, True) for m in mentions}
    return merge_incidents(mentions, {m.id: 0.8 for m in mentions}, 0.4, preamble_end, {}, stated)


def test_the_same_incident_told_twice_is_one_row_with_both_sources():
    rows = merge([mention("a", 0, fatalities=3), mention("b", 100)])
    assert len(rows) == 1
    assert [s.start for s in rows[0].sources] == [0, 100]
    assert rows[0].fatalities == 3


def test_different_stated_places_or_days_are_different_incidents():
    assert len(merge([mention("a", 0), mention("b", 100, place=SUEZ)])) == 2
    assert len(merge([mention("a", 0), mention("b", 100, date="2011-01-25")])) == 2
    assert len(merge([mention("a", 0), mention("b", 100, place=GIZA)])) == 1  # within 25 km


def test_a_borrowed_place_or_date_never_tells_incidents_apart():
    rows = merge([mention("a", 0), mention("b", 100, place=SUEZ, date="2011-01-20")],
                 stated={"a": (True, True), "b": (False, False)})
    assert len(rows) == 1
    assert rows[0].place == CAIRO and rows[0].date == "2011-01-28"  # what a sentence stated wins


def test_a_day_stated_a_week_before_the_incidents_context_day_is_another_incident():
    today = [mention("a", 0, date="2011-04-07"), mention("b", 100, date="2011-04-07")]
    last_week = mention("c", 200, date="2011-W13", place=None)  # "last week, airstrikes killed 13 fighters"
    stated = {"a": (False, False), "b": (False, False), "c": (False, True)}
    assert len(merge([*today, last_week], stated=stated)) == 2
    yesterday = mention("c", 200, date="2011-04-06", place=None)  # "on Wednesday": the same incident told late
    assert len(merge([*today, yesterday], stated=stated)) == 1


def test_different_kinds_and_facts_from_plans_never_merge():
    assert len(merge([mention("a", 0), mention("b", 100, acled="Air/drone strike")])) == 2
    assert len(merge([mention("a", 0), mention("b", 100, modality="planned")])) == 2


def test_a_bombing_told_by_its_device_and_by_its_bomber_is_one_incident():
    rows = merge([mention("a", 0, acled="Suicide bomb", fatalities=9),
                  mention("b", 100, acled="Remote explosive/landmine/IED")])
    assert len(rows) == 1 and rows[0].acled == "Suicide bomb" and rows[0].fatalities == 9
    assert len(merge([mention("a", 0, acled="Remote explosive/landmine/IED"),
                      mention("b", 100, acled="Air/drone strike")])) == 2  # a strike is another interaction


def test_contradicting_actors_are_different_incidents():
    rows = merge([mention("a", 0, actor="Rioters (Egypt)"), mention("b", 100, actor="Police Forces of Egypt")])
    assert len(rows) == 2


def test_summary_lines_join_the_body_incident_whatever_place_they_state():
    rows = merge([mention("h", 0, place=SUEZ, date="2011-01-20"), mention("a", 100)],
                 stated={"h": (True, False), "a": (True, True)}, preamble_end=50)
    assert len(rows) == 1 and rows[0].date == "2011-01-28"


def test_a_caption_stating_another_day_is_another_incident():
    rows = merge([mention("h", 0, date="2011-01-20"), mention("a", 100)],
                 stated={"h": (True, True), "a": (True, True)}, preamble_end=50)
    assert sorted(r.date for r in rows) == ["2011-01-20", "2011-01-28"]


def test_an_incident_is_as_sure_as_its_surest_mention():
    rows = merge([mention("a", 0, confidence=0.3), mention("b", 100, confidence=0.8)])
    assert rows[0].confidence == 0.8 and rows[0].reportable


def test_a_killing_told_beside_a_kidnapping_does_not_give_the_kidnapping_its_toll():
    rows = merge([mention("a", 0, acled="Abduction/forced disappearance"), mention("b", 100, acled="Attack", fatalities=300)],
                 stated={"a": (True, True), "b": (False, False)})  # "300 were killed": no place or day of its own
    assert len(rows) == 1 and rows[0].acled == "Abduction/forced disappearance"
    assert rows[0].fatalities is None


def test_other_sub_event_types_of_one_family_told_with_their_own_place_and_day_are_other_incidents():
    strike = mention("a", 0, acled="Air/drone strike", place=EventPlace("Oltania", 30.0, 31.0, "p-ol"))
    mortars = mention("b", 100, acled="Shelling/artillery/missile attack")  # "in Cairo ... two mortars landed"
    countries = {"p-ol": ("OL", True), "p-cairo": ("OL", False)}
    stated = {"a": (True, True), "b": (True, True)}
    assert len(merge_incidents([strike, mortars], {"a": 0.8, "b": 0.8}, 0.4, 0, countries, stated)) == 2
    assert len(merge([mention("c", 0), mention("d", 100, acled="Mob violence")])) == 1  # one crowd, told two ways


def test_a_toll_told_as_another_killing_of_the_same_family_is_kept():
    rows = merge([mention("a", 0), mention("b", 100, acled="Mob violence", fatalities=4)])
    assert len(rows) == 1 and rows[0].fatalities == 4


def test_the_toll_told_with_the_records_place_comes_first():
    count = mention("b", 100, acled="Attack", fatalities=4)  # "four were killed in Cairo on Friday"
    rows = merge_incidents([mention("a", 0, acled="Armed clash", fatalities=6), count], {"a": 0.9, "b": 0.4}, 0.4, 0,
                           {}, {"a": (False, True), "b": (True, True)})
    assert len(rows) == 1 and rows[0].fatalities == 4


def test_a_crowd_added_by_convention_never_keeps_two_tellings_apart():
    import dataclasses

    told = mention("a", 0, actor="Police Forces of Egypt")
    crowd = dataclasses.replace(mention("b", 100), actors=(Participant("", canonical="Rioters (Egypt)", type=5),))
    assert len(merge([told, crowd])) == 1
    named = mention("c", 100, actor="Rioters (Egypt)")
    assert len(merge([told, named])) == 2


def test_the_record_takes_the_parties_of_a_mention_of_its_own_type():
    import dataclasses

    clash = mention("a", 0, acled="Armed clash", actor="Militia (Oltania)")
    shelling = dataclasses.replace(mention("b", 0, acled="Shelling/artillery/missile attack", actor="Army (Oltania)"),
                                   sources=clash.sources, targets=clash.actors)  # one sentence tells both sides
    specificity = {"a": 0.6, "b": 0.9}  # the shelling is the more specific type: the record is a shelling
    (row,) = merge_incidents([clash, shelling], specificity, 0.4, 0, {}, {"a": (True, True), "b": (True, True)})
    assert row.acled == "Shelling/artillery/missile attack"
    assert [a.canonical for a in row.actors] == ["Army (Oltania)"]
    assert [t.canonical for t in row.targets] == ["Militia (Oltania)"]


def test_a_group_agrees_with_every_stated_day_and_place_it_holds():
    # a weekend telling, then Sunday: one incident; Saturday then disagrees with Sunday and stands alone
    rows = merge([mention("w", 0, date="2011-04-09/2011-04-10"), mention("s", 100, date="2011-04-10"),
                  mention("t", 200, date="2011-04-09")])
    assert [len(r.sources) for r in rows] == [2, 1]
    mentions = [mention("c", 0, place=EventPlace("Egypt", 26.0, 30.0, "p-eg")), mention("a", 100),
                mention("s", 200, place=SUEZ)]
    countries = {"p-eg": ("EG", True), "p-cairo": ("EG", False), "p-suez": ("EG", False)}
    rows = merge_incidents(mentions, {m.id: 0.8 for m in mentions}, 0.4, 0, countries,
                           {m.id: (True, True) for m in mentions})
    assert [len(r.sources) for r in rows] == [2, 1]  # Suez is in Egypt, but not within reach of Cairo


def test_a_record_told_in_a_country_and_then_in_one_of_its_towns_is_placed_in_the_town():
    country = EventPlace("Egypt", 26.8, 30.8, "p-eg")
    mentions = [mention("a", 0, place=country), mention("b", 100, place=SUEZ)]
    countries = {"p-eg": ("EG", True), "p-suez": ("EG", False)}
    (row,) = merge_incidents(mentions, {"a": 0.8, "b": 0.8}, 0.4, 0, countries, {"a": (True, True), "b": (True, True)})
    assert row.place == SUEZ


def test_a_protest_told_as_turning_violent_is_coded_by_its_most_severe_telling():
    rows = merge([mention("a", 0, acled="Peaceful protest"), mention("b", 100, acled="Violent demonstration"),
                  mention("c", 200, acled="Peaceful protest")])
    assert [r.acled for r in rows] == ["Violent demonstration"]
    rows = merge([mention("a", 0, acled="Peaceful protest"), mention("b", 100, acled="Peaceful protest")])
    assert [r.acled for r in rows] == ["Peaceful protest"]


def test_a_summary_line_lends_no_severity_to_the_body_protest():
    rows = merge([mention("a", 0, acled="Violent demonstration"), mention("b", 100, acled="Peaceful protest")],
                 preamble_end=50)  # "After two days of violent clashes, ..." in the summary lines
    assert [r.acled for r in rows] == ["Peaceful protest"]


def test_told_elsewhere_counts_the_other_sentences_that_tell_the_incident():
    lede, again, other_town, same_sentence = (mention("a", 0), mention("b", 100), mention("c", 200, place=SUEZ),
                                              mention("d", 100))
    mentions = [lede, again, same_sentence, other_town]
    stated = {m.id: (True, True) for m in mentions}
    groups = incident_groups(mentions, 0, {}, stated)
    assert [sorted(e.id for e in g) for g in groups] == [["a", "b", "d"], ["c"]]
    # the lede is told again in one other sentence; the second telling's two mentions share their sentence
    assert told_elsewhere(mentions, groups) == [1, 1, 1, 0]


def test_a_summary_line_joins_the_body_incident_but_does_not_type_it():
    summary_line = mention("h", 0, acled="Violent demonstration", place=SUEZ)
    body = mention("a", 100, acled="Peaceful protest")
    (row,) = merge_incidents([summary_line, body], {"h": 0.95, "a": 0.8}, 0.4, 50, {},
                             {"h": (True, False), "a": (True, True)})
    assert sorted(s.start for s in row.sources) == [0, 100]
    assert row.acled == "Peaceful protest"  # the article's own telling, not the summary line's


def test_a_bare_death_words_toll_that_states_nothing_is_not_the_incidents():
    clash = mention("a", 0, acled="Armed clash")
    campaign = mention("b", 100, acled="Armed clash", fatalities=180, place=None, date=None)
    stated = {"a": (True, True), "b": (False, False)}
    (row,) = merge_incidents([clash, campaign], {"a": 0.8, "b": 0.4}, 0.4, 0, {}, stated)
    assert row.fatalities is None  # "he said 180 of their leaders had been killed": near the clash, not its toll
    (row,) = merge_incidents([clash, campaign], {"a": 0.8, "b": 0.9}, 0.4, 0, {}, stated)
    assert row.fatalities == 180  # told with the incident's noun ("died in the airstrike"): its toll


def test_the_group_that_called_a_protest_is_not_another_crowd():
    crowd = Participant("protesters", canonical="Protesters (Egypt)", type=6)
    organiser = Participant("the Front", canonical="Islamic Action Front", type=None)
    march = dataclasses.replace(mention("a", 0, acled="Peaceful protest"), actors=(crowd,))
    called = dataclasses.replace(mention("b", 100, acled="Peaceful protest"),
                                 actors=(dataclasses.replace(crowd, name=""), organiser))
    stated = {"a": (True, True), "b": (False, False)}
    assert len(incident_groups([march, called], 0, {}, stated)) == 1


def test_an_air_strike_never_joins_the_shelling_told_before_it():
    shelling = mention("a", 0, acled="Shelling/artillery/missile attack")
    air = mention("b", 100, acled="Air/drone strike", place=None, date=None)  # "the cloud of an air strike rose"
    blast = mention("c", 200, acled="Remote explosive/landmine/IED", place=None, date=None)  # "the blast shook ..."
    stated = {"a": (True, True), "b": (False, False), "c": (False, False)}
    rows = merge([shelling, air, blast], stated=stated)
    assert sorted(r.acled for r in rows) == ["Air/drone strike", "Shelling/artillery/missile attack"]


def test_the_same_kind_of_thing_taken_in_two_named_places_is_two_incidents():
    taken = "Non-state actor overtakes territory"
    first = mention("a", 0, acled=taken, place=CAIRO)  # "rebels seized the town of A"
    second = mention("b", 100, acled=taken, place=SUEZ)  # "rebels seized the town of B"
    objects = {"a": ("town", 0), "b": ("town", 1)}
    stated = {"a": (True, True), "b": (True, True)}
    assert len(incident_groups([first, second], 0, {}, stated, objects)) == 2
    unnamed = dataclasses.replace(second, place=None)  # "the town was looted by the fighters": the same town
    assert len(incident_groups([first, unnamed], 0, {}, {"a": (True, True), "b": (False, True)}, objects)) == 1


def test_the_same_thing_acted_on_on_two_named_days_is_two_incidents():
    # "rebels seized the town on Friday" and "a day earlier, troops shelled the town": the same town, two days
    seized = mention("a", 0, acled="Non-state actor overtakes territory", place=CAIRO, date="2017-06-16")
    shelled = mention("b", 100, acled="Shelling/artillery/missile attack", place=CAIRO, date="2017-06-15")
    objects = {"a": ("town", 0), "b": ("town", 1)}
    assert len(incident_groups([seized, shelled], 0, {}, {"a": (True, True), "b": (False, True)}, objects)) == 2
    # with the second day borrowed from context the town is still the one thing: one incident
    assert len(incident_groups([seized, shelled], 0, {}, {"a": (True, True), "b": (False, False)}, objects)) == 1


def test_a_definite_noun_continues_an_incident_told_far_back():
    lede = mention("a", 0, acled="Remote explosive/landmine/IED")
    later = mention("b", 300, acled="Remote explosive/landmine/IED")
    stated = {"a": (True, True), "b": (False, False)}
    objects = {"a": ("", 0), "b": ("", 9)}  # nine sentences apart
    assert len(incident_groups([lede, later], 0, {}, stated, objects)) == 2  # "a blast" far on: maybe another
    assert len(incident_groups([lede, later], 0, {}, stated, objects, {"b"})) == 1  # "the blast": the one told


def test_a_sentence_that_moves_the_scene_tells_an_incident_of_its_own():
    march = mention("a", 0, acled="Peaceful protest")  # "Crowds marched through the square on Friday."
    gas = mention("b", 100, acled="Protest with intervention")  # "Nearby, police fired tear gas at protesters."
    stated = {"a": (True, True), "b": (False, False)}
    objects = {"a": ("", 0), "b": ("", 1)}
    assert len(incident_groups([march, gas], 0, {}, stated, objects)) == 1
    assert len(incident_groups([march, gas], 0, {}, stated, objects, shifted={"b"})) == 2


def test_a_casualty_count_with_the_incidents_place_and_day_is_its_toll_whatever_kind_it_reads_as():
    shelling = mention("a", 0, acled="Shelling/artillery/missile attack", actor="Army of Oltania")
    count = mention("b", 100, acled="Attack", fatalities=9)  # "nine were killed in Friday's attacks in Cairo"
    stated = {"a": (True, True), "b": (True, True)}
    (row,) = merge_incidents([shelling, count], {"a": 0.9, "b": 0.5}, 0.4, 0, {}, stated)
    assert row.acled == "Shelling/artillery/missile attack" and row.fatalities == 9 and len(row.sources) == 2
    rows = merge_incidents([count, shelling], {"a": 0.9, "b": 0.5}, 0.4, 0, {}, stated)
    assert len(rows) == 1 and rows[0].acled == "Shelling/artillery/missile attack" and rows[0].fatalities == 9


def test_a_count_that_names_a_doer_or_lacks_its_own_place_and_day_or_sits_beside_a_riot_stays_apart():
    shelling = mention("a", 0, acled="Shelling/artillery/missile attack")
    done = mention("b", 100, acled="Attack", fatalities=9, actor="Gunmen")
    assert len(merge_incidents([shelling, done], {"a": 0.9, "b": 0.5}, 0.4, 0, {}, None)) == 2
    vague = mention("c", 100, acled="Attack", fatalities=9)
    assert len(merge_incidents([shelling, vague], {"a": 0.9, "c": 0.5}, 0.4, 0, {},
                               {"a": (True, True), "c": (False, True)})) == 2
    riot = mention("d", 0, acled="Violent demonstration")
    assert len(merge_incidents([riot, vague], {"d": 0.9, "c": 0.5}, 0.4, 0, {}, None)) == 2
    typed = mention("e", 100, acled="Attack", fatalities=9)  # a strong trigger ("massacred nine") is its own event
    assert len(merge_incidents([shelling, typed], {"a": 0.9, "e": 0.9}, 0.4, 0, {}, None)) == 2


def test_a_rape_told_apart_from_a_beating_or_an_abduction_is_its_own_record():
    rape = mention("a", 0, acled="Sexual violence")
    taken = mention("b", 100, acled="Abduction/forced disappearance")
    beaten = mention("c", 200, acled="Attack")
    unstated = {"a": (True, True), "b": (False, False), "c": (False, False)}
    rows = merge_incidents([rape, taken, beaten], {"a": 0.9, "b": 0.9, "c": 0.6}, 0.4, 0, {}, unstated)
    assert [r.acled for r in rows] == ["Sexual violence", "Abduction/forced disappearance"]


def test_two_tellings_each_with_their_own_different_toll_are_two_incidents():
    fighting = mention("a", 0, acled="Armed clash", place=None, fatalities=6)  # "six fighters died in fighting Monday"
    elsewhere = mention("b", 100, acled="Armed clash", date=None, fatalities=4)  # "four killed around Cairo"
    unstated = {"a": (False, True), "b": (True, False)}
    assert len(merge([fighting, elsewhere], stated=unstated)) == 2
    again = mention("c", 100, acled="Armed clash", date=None, fatalities=6)  # the same six told again
    assert len(merge([fighting, again], stated={"a": (False, True), "c": (True, False)})) == 1
    untold = mention("d", 100, acled="Armed clash", date=None)  # no toll of its own
    assert len(merge([fighting, untold], stated={"a": (False, True), "d": (True, False)})) == 1


def test_what_an_after_clause_tells_is_its_own_incident_unless_it_only_counts_the_dead():
    # "the shelling came after rebels killed several snipers": the same sentence, two events one after the other
    shelling = dataclasses.replace(mention("a", 0, acled="Shelling/artillery/missile attack"), sources=(Span("d", 0, 90, ""),))
    killing = dataclasses.replace(mention("b", 40, acled="Armed clash", actor="Rebels"), sources=(Span("d", 0, 90, ""),))
    stated = {"a": (True, True), "b": (True, True)}
    assert len(incident_groups([shelling, killing], 0, {}, stated, sequenced={"a": False, "b": True})) == 2
    assert len(incident_groups([shelling, killing], 0, {}, stated, sequenced={"a": False, "b": False})) == 1
    # "two died after troops opened fire": a bare death word is in no sequence and counts the dead of either clause
    assert len(incident_groups([shelling, killing], 0, {}, stated, sequenced={"b": True})) == 1
