"""Actors a coder would write: canonical ACLED-style names, inter codes, leaders, weapons, fragments, victims."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dateline.events.actors import actor_lexicon, surname


def _event(events, acled):
    match = [e for e in events if e.acled == acled]
    assert match, [(e.acled, e.trigger) for e in events]
    return match[0]


def canonical(participants):
    return [p.canonical for p in participants]


def test_generic_nouns_take_the_country_of_their_demonym(placed_events_of):
    events = placed_events_of("Libyan rebels clashed with government troops outside Ajdabiya on Friday.")
    clash = _event(events, "Armed clash")
    sides = canonical(clash.actors) + canonical(clash.targets)
    assert "Rebels (Libya)" in sides and "Military Forces of Libya" in sides
    assert {p.type for p in (*clash.actors, *clash.targets)} == {1, 2}


def test_the_authorities_are_the_state_police_of_their_demonym(placed_events_of):
    events = placed_events_of("Crowds marched in Cairo on Monday. Moroccan authorities detained nine bloggers on Tuesday.")
    assert canonical(_event(events, "Arrests").actors) == ["Police Forces of Morocco"]


def test_a_named_leader_stands_for_his_state_forces(placed_events_of):
    text = ("Syrian President Bashar al-Assad spoke on television on Monday.\n"
            "Assad's forces shelled the town of Maarat al-Numan on Tuesday, killing six people.")
    shelling = _event(placed_events_of(text), "Shelling/artillery/missile attack")
    assert canonical(shelling.actors) == ["Military Forces of Syria"]
    assert shelling.actors[0].type == 1
    machine = "Syrian President Bashar al-Assad spoke on Monday. Assad's military machine shelled the town of Maarat al-Numan on Tuesday."
    assert canonical(_event(placed_events_of(machine), "Shelling/artillery/missile attack").actors) == \
        ["Military Forces of Syria"]  # a generic head: the leader's forces


def test_a_weapon_is_never_an_actor_its_operator_is(placed_events_of):
    strike = _event(placed_events_of("NATO warplanes struck an ammunition depot near Sirte on Sunday."), "Air/drone strike")
    assert canonical(strike.actors) == ["NATO"]
    assert strike.actors[0].type == 8
    unowned = _event(placed_events_of("Warplanes struck an ammunition depot near Sirte on Sunday."), "Air/drone strike")
    assert unowned.actors == ()


def test_positions_named_after_an_armed_party_are_that_partys(placed_events_of):
    strike = _event(placed_events_of("Army jets struck militant positions near Garissa on Sunday."), "Air/drone strike")
    assert canonical(strike.targets) == ["Unidentified Armed Group (Kenya)"]
    named = "Al-Shabaab militants hold two villages near Garissa. Army jets struck militant positions there on Sunday."
    strike = _event(placed_events_of(named), "Air/drone strike")
    assert canonical(strike.targets) == ["Al Shabaab"]  # the one group the document calls militants


def test_foreign_state_forces_are_external(placed_events_of):
    strike = _event(placed_events_of("French jets bombed a column of tanks near Benghazi on Saturday."), "Air/drone strike")
    assert canonical(strike.actors) == ["Military Forces of France"]
    assert strike.actors[0].type == 8  # state forces outside their own country


def test_a_country_named_by_its_abbreviation_owns_its_forces(placed_events_of):
    setting = "Syrian troops shelled Idlib on Friday. "
    jets = _event(placed_events_of(setting + "Later U.S. fighter jets struck a depot near Raqqa."), "Air/drone strike")
    assert canonical(jets.actors) == ["Military Forces of the United States"]
    backed = placed_events_of(setting + "Later U.S.-backed fighters attacked a checkpoint near Raqqa.")
    assert "Military Forces of the United States" not in [a.canonical for e in backed for a in e.actors]


def test_fragments_and_unnamed_generic_nouns_are_no_actors(events_of):
    for text in ("The proposal was attacked by the southern bank of critics on Monday.",
                 "Units attacked the checkpoint on Monday."):
        for event in events_of(text):
            assert all(p.canonical for p in event.actors), event.actors


def test_victims_are_never_actor_one(placed_events_of):
    attack = _event(placed_events_of("Five civilians were killed when gunmen attacked a bus near Kirkuk on Monday."),
                    "Attack")
    assert "Civilians (Iraq)" not in canonical(attack.actors)
    assert "Unidentified Armed Group (Iraq)" in canonical(attack.actors)


def test_protesters_are_actor_one_and_the_police_actor_two(placed_events_of):
    events = placed_events_of("Police fired tear gas at protesters in Alexandria on Tuesday.")
    protest = _event(events, "Protest with intervention")
    assert canonical(protest.actors) == ["Protesters (Egypt)"]
    assert canonical(protest.targets) == ["Police Forces of Egypt"]


def test_they_is_the_last_named_party(placed_events_of):
    events = placed_events_of("Rebel fighters entered Zawiya on Saturday. They shelled the airport on Sunday.")
    shelling = _event(events, "Shelling/artillery/missile attack")
    assert canonical(shelling.actors) == ["Rebels (Libya)"]


def test_people_arrested_by_nobody_named_were_arrested_by_the_police(placed_events_of):
    arrests = _event(placed_events_of("Twelve activists were arrested in Amman on Thursday."), "Arrests")
    assert canonical(arrests.actors) == ["Police Forces of Jordan"]


def test_users_extend_the_dictionary(tmp_path: Path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("kind\twords\tcanonical\tinter\tnotes\ngroup\tNorthern Shield|the Shield\tNorthern Shield Brigade\t3\t\n",
                     encoding="utf-8")
    lexicon = actor_lexicon("en", (str(extra),))
    assert any(c == "Northern Shield Brigade" and i == 3 for _p, c, i in lexicon.groups)
    assert "NATO" in {c for _p, c, _i in lexicon.groups}  # the packaged rows are still there


def test_surname_key():
    assert surname("Col. Moammar Gadhafi") == "gadhafi"
    assert surname("") == ""


def test_they_means_the_armed_party_of_an_earlier_sentence_of_any_kind(placed_events_of):
    text = "Government troops moved on the town of Homs on Monday. They started shelling the market around midnight."
    shelling = [e for e in placed_events_of(text) if e.acled == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].actors and shelling[0].actors[0].type == 1


def test_the_group_means_the_party_named_before(placed_events_of):
    text = "Rebels advanced toward Idlib on Sunday. The group then attacked a checkpoint near the town."
    attacks = [e for e in placed_events_of(text) if e.trigger == "attacked"]
    assert attacks and attacks[0].actors and attacks[0].actors[0].name == "Rebels"


def test_a_battle_with_one_side_named_takes_the_party_acting_earlier_in_the_document(placed_events_of):
    text = "Government troops held the centre of Homs on Saturday. Four rebels were killed in fighting around Homs on Sunday."
    clash = [e for e in placed_events_of(text) if e.acled == "Armed clash"]
    assert clash and {p.name for p in clash[0].actors + clash[0].targets} == {"Government troops", "Four rebels"}


def test_the_other_side_of_a_battle_is_the_state_where_it_happened_not_a_foreign_one(placed_events_of):
    text = ("Syrian army units held the centre of Homs on Saturday. French jets patrolled the coast on Sunday. "
            "Four rebels were killed in fighting around Homs on Sunday.")
    clash = [e for e in placed_events_of(text) if e.acled == "Armed clash"]
    assert clash and "Syrian army units" in {p.name for p in clash[0].actors + clash[0].targets}


def test_two_named_armed_groups_can_be_each_others_other_side():
    from dateline.events.actors import ActorContext, actor_lexicon
    from dateline.model import Participant

    sdf = Participant(name="SDF", canonical="SDF: Syrian Democratic Forces", type=2)
    isis = Participant(name="Islamic State", canonical="Islamic State", type=2)
    army = Participant(name="government troops", canonical="Military Forces of Syria", type=1)
    ctx = ActorContext(lexicon=actor_lexicon("en"), country_names={})
    ctx.subjects = [(0, isis)]
    assert ctx.opponent(sdf, 2) == isis  # unnamed rebels and the state were the only sides before
    ctx.subjects = [(0, isis), (1, army)]
    assert ctx.opponent(sdf, 2) == army  # the nearest opposing party ...
    ctx.remember_adversaries([isis], [sdf])
    assert ctx.opponent(sdf, 2) == isis  # ... unless the document already set the two against each other


def test_a_battle_takes_its_other_side_from_a_party_named_in_any_role(placed_events_of):
    text = "Control of Homs was divided between rebels and the army for weeks. Four soldiers were killed in fighting around Homs on Sunday."
    clash = [e for e in placed_events_of(text) if e.acled == "Armed clash"]
    assert clash and "rebels" in {p.name for p in clash[0].actors + clash[0].targets}


def test_a_party_named_as_an_owner_can_be_a_battles_other_side(placed_events_of):
    text = ("Reporters toured the rebels' trenches outside Homs last week. "
            "Four soldiers were killed in fighting around Homs on Sunday.")
    clash = [e for e in placed_events_of(text) if e.acled == "Armed clash"]
    assert clash and "rebels" in {p.name for p in clash[0].actors + clash[0].targets}


def test_a_party_named_only_as_what_another_is_tied_to_is_no_side(placed_events_of):
    text = ("State radio said the town had been cleared of bandits connected to al-Qaeda. "
            "Four soldiers were killed in fighting around Sirte on Sunday.")
    clash = [e for e in placed_events_of(text) if e.acled == "Armed clash"]
    assert clash and "al-Qaeda" not in {p.canonical for p in clash[0].actors + clash[0].targets}


def test_a_leader_tagged_as_an_organisation_stands_for_his_forces():
    from dateline.events.actors import ActorContext, _named, actor_lexicon
    from dateline.model import Document, Mention

    ctx = ActorContext(lexicon=actor_lexicon(), country_names={"LY": "Libya"}, leaders={"qaddafa": "LY"})
    document = Document(id="d", source="t", text="Pro-Qaddafa units fired.")
    for surface in ("Pro-Qaddafa", "Qaddafa"):
        found = _named(document, Mention(0, len(surface), surface, "ORG"), ctx, surface, "LY")
        assert found is not None and (found.canonical, found.type) == ("Military Forces of Libya", 1)
    anti = _named(document, Mention(0, 11, "Anti-Qaddafa", "ORG"), ctx, "Anti-Qaddafa", "LY")
    assert anti is None or anti.canonical != "Military Forces of Libya"



def test_a_headline_the_tagger_took_for_an_organisation_is_no_actor():
    from dateline.events.actors import ActorContext, _named, actor_lexicon
    from dateline.model import Document, Mention

    ctx = ActorContext(lexicon=actor_lexicon(), country_names={"LY": "Libya"})
    for surface, kept in (("Harbour Shelling", False), ("Dunmore Clashes", False), ("Harbour Relief Committee", True),
                          ("Rally for Unity and Reform", True)):
        document = Document(id="d", source="t", text=f"{surface} said on Monday.")
        found = _named(document, Mention(0, len(surface), surface, "ORG"), ctx, surface, "LY")
        assert (found is not None) == kept, surface

def test_a_demonstration_that_names_nobody_had_a_crowd():
    from dateline.events.actors import ActorContext, actor_lexicon, crowd_against_force, with_crowd
    from dateline.model import Participant

    ctx = ActorContext(lexicon=actor_lexicon(), country_names={"EG": "Egypt"})
    (alone,) = with_crowd(ctx, (), "peaceful_protest", "EG")
    assert (alone.name, alone.canonical, alone.type) == ("", "Protesters (Egypt)", 6)
    (rioters,) = with_crowd(ctx, (), "violent_demonstration", "EG")
    assert rioters.canonical == "Rioters (Egypt)"
    police = Participant("riot police", canonical="Police Forces of Egypt", type=1)
    actors, targets = crowd_against_force(ctx, (police,), (), "protest_intervention", "EG")
    assert [a.canonical for a in actors] == ["Protesters (Egypt)"] and targets == (police,)


def test_staff_lawyers_and_bloggers_seized_are_civilians(events_of):
    events = events_of("Police detained three lawyers and a blogger outside the court on Monday.")
    arrests = [e for e in events if e.acled == "Arrests"]
    assert arrests and [t.type for t in arrests[0].targets][:1] == [7]


def test_a_crowd_is_named_after_the_country_where_it_gathers():
    from dateline.events.actors import ActorContext, actor_lexicon, crowd
    from dateline.model import Participant

    ctx = ActorContext(lexicon=actor_lexicon(), country_names={"EG": "Egypt", "JP": "Japan"})
    expatriates = Participant("Egyptian marchers", canonical="Civilians (Egypt)", type=7)
    assert crowd(ctx, expatriates, "peaceful_protest", "JP").canonical == "Protesters (Japan)"
    assert crowd(ctx, expatriates, "peaceful_protest").canonical == "Protesters (Egypt)"  # no place: their own


def test_a_party_never_acts_on_itself():
    from dateline.events.actors import other_side
    from dateline.model import Participant

    army = Participant("the regime's troops", canonical="Military Forces of Oltania", type=1)
    same = Participant("Oltania's army", canonical="Military Forces of Oltania", type=1)
    rebels = Participant("the rebels", canonical="Rebels (Oltania)", type=2)
    assert other_side((army,), (same, rebels)) == (rebels,)
    assert other_side((), (same,)) == (same,)


def test_a_person_whose_forces_the_text_tags_as_an_organisation_leads_the_country():
    from dateline.events.actors import _leaders
    from dateline.model import Document, Mention

    text = "Omar Balad spoke on radio. Balad's forces shelled the port. Hamas's forces were not involved."
    mentions = (Mention(0, 10, "Omar Balad", "PERSON"), Mention(27, 32, "Balad", "ORG"), Mention(60, 65, "Hamas", "ORG"))
    document = Document(id="d", source="t", text=text, mentions=mentions)
    leaders = _leaders(document, {}, {"OL": "Oltania"}, "OL")
    assert leaders.get("balad") == "OL"
    assert "hamas" not in leaders  # never named as a person: an organisation


def test_a_battle_naming_neither_side_takes_the_documents_two_sides():
    from dateline.events.actors import ActorContext, actor_lexicon
    from dateline.model import Participant

    army = Participant(name="army", canonical="Military Forces of Chad", type=1)
    rebels = Participant(name="rebels", canonical="Rebels (Chad)", type=2)
    sdf = Participant(name="FACT", canonical="FACT: Front for Change", type=2)
    ctx = ActorContext(lexicon=actor_lexicon("en"), country_names={})
    assert ctx.main_sides(3) is None  # nobody named: nothing to fill
    ctx.subjects = [(0, army), (1, army), (2, rebels)]
    assert set(ctx.main_sides(3)) == {army, rebels}  # the party named most and its nearest opponent
    ctx.remember_adversaries([army], [sdf])
    ctx.remember_adversaries([army], [sdf])
    ctx.remember_adversaries([rebels], [army])
    assert set(ctx.main_sides(3)) == {army, sdf}  # the pair the document set against each other most


def test_a_records_crowds_are_named_after_the_country_it_took_place_in():
    from dateline.events.actors import ActorContext, actor_lexicon, crowds_where_they_gathered
    from dateline.model import Event, Participant

    ctx = ActorContext(lexicon=actor_lexicon("en"), country_names={"EG": "Egypt", "US": "United States"})
    crowd = Participant(name="People", canonical="Protesters (United States)", type=6)
    police = Participant(name="police", canonical="Police Forces of Egypt", type=1)
    protest = Event(id="e", type="PROTEST", trigger="rallied", sources=(), acled="Peaceful protest", actors=(crowd,),
                    targets=(police,), country="EG")
    (fixed,) = crowds_where_they_gathered([protest], ctx)
    assert [a.canonical for a in fixed.actors] == ["Protesters (Egypt)"]
    assert fixed.targets == (police,)  # only crowds are renamed
    riot = Event(id="r", type="PROTEST", trigger="rioted", sources=(), acled="Violent demonstration", actors=(crowd,),
                 country="EG")
    assert [a.canonical for a in crowds_where_they_gathered([riot], ctx)[0].actors] == ["Rioters (Egypt)"]
    wrecking = dataclasses.replace(riot, trigger="looted", acled="Looting/property destruction")
    assert [a.canonical for a in crowds_where_they_gathered([wrecking], ctx)[0].actors] == ["Rioters (Egypt)"]




def test_a_crowd_the_rioters_fell_upon_is_protesters_and_one_that_fought_back_rioters():
    from dateline.events.actors import ActorContext, actor_lexicon, crowds_where_they_gathered
    from dateline.model import Event, Participant

    ctx = ActorContext(lexicon=actor_lexicon("en"), country_names={"EG": "Egypt"})
    loyalists = Participant(name="loyalists", canonical="Protesters (Egypt)", type=6)
    marchers = Participant(name="marchers", canonical="Protesters (Egypt)", type=6)
    onslaught = Event(id="e", type="PROTEST", trigger="attacked", sources=(), acled="Violent demonstration",
                      actors=(loyalists,), targets=(marchers,), country="EG")
    (fixed,) = crowds_where_they_gathered([onslaught], ctx)
    assert ([a.canonical for a in fixed.actors], [t.canonical for t in fixed.targets]) == \
        (["Rioters (Egypt)"], ["Protesters (Egypt)"])
    brawl = dataclasses.replace(onslaught, trigger="clashed")
    (fixed,) = crowds_where_they_gathered([brawl], ctx)
    assert [t.canonical for t in fixed.targets] == ["Rioters (Egypt)"]

def test_a_records_civilians_are_those_of_the_country_it_took_place_in():
    from dateline.events.actors import ActorContext, actor_lexicon, crowds_where_they_gathered
    from dateline.model import Event, Participant

    ctx = ActorContext(lexicon=actor_lexicon("en"), country_names={"LY": "Libya", "US": "United States"})
    reporters = Participant(name="four American reporters", canonical="Civilians (United States)", type=7)
    aid_group = Participant(name="the relief group", canonical="Hope Relief", type=7)  # a named group keeps its name
    army = Participant(name="soldiers", canonical="Military Forces of Libya", type=1)
    held = Event(id="e", type="COERCE", trigger="detained", sources=(), acled="Arrests", actors=(army,),
                 targets=(reporters, aid_group), country="LY")
    (fixed,) = crowds_where_they_gathered([held], ctx)
    assert [t.canonical for t in fixed.targets] == ["Civilians (Libya)", "Hope Relief"]
    assert fixed.actors == (army,)

def test_militants_are_the_one_named_group_the_document_calls_so():
    from dateline.events.actors import _called, actor_lexicon

    lexicon = actor_lexicon("en")
    one = _called("Islamic State snipers held the bridge. Later the militants withdrew.", lexicon)
    assert one["militant"] == ("Islamic State", 2) and one["gunman"] == ("Islamic State", 2)
    two = _called("Islamic State snipers held the bridge; Nusra Front gunmen held the road.", lexicon)
    assert two["sniper"] == ("Islamic State", 2) and two["gunmen"] == ("Hayat Tahrir al-Sham", 2)
    assert "militant" not in two  # attached to neither: left unnamed
    assert _called("NATO jets and coalition forces struck. Militants fled.", lexicon) == {}  # not an armed group's word



def test_a_bare_word_means_the_one_group_it_usually_means_that_the_document_is_about():
    from dateline.events.actors import _called, actor_lexicon

    lexicon = actor_lexicon("en")
    about = _called("Daesh dug tunnels under the old town. ISIS has held it since spring. Militants went door to door "
                    "and the Kurdish-led SDF advanced.", lexicon)
    assert about["militant"] == ("Islamic State", 2) and about["jihadist"] == ("Islamic State", 2)
    assert "rebel" not in about  # only the words the dictionary's `means` rows list
    passing = _called("The colonel blamed al-Qaeda for the unrest. Militants fired on the port.", lexicon)
    assert "militant" not in passing  # a group named once, in passing, is not what the document is about
    both = _called("Islamic State and the Nusra Front shelled the town; Nusra Front and Islamic State fighters fell "
                   "back. Militants fled.", lexicon)
    assert "militant" not in both  # two such groups: the word stays unnamed

def test_a_description_in_a_document_about_one_group_is_that_group(placed_events_of):
    text = ("Islamic State gunmen stormed a checkpoint near Sirte on Monday, officials said. "
            "On Tuesday the militants attacked a police station in Sirte, killing two officers.")
    events = placed_events_of(text, "2016-05-04")
    tuesday = [e for e in events if e.date == "2016-05-03"]
    assert tuesday and tuesday[0].actors[0].canonical == "Islamic State", [(e.date, e.actors) for e in events]


def test_a_ground_battles_other_side_is_not_the_air_force_that_struck_the_party():
    from dateline.events.actors import ActorContext, actor_lexicon
    from dateline.model import Participant

    army = Participant(name="government troops", canonical="Military Forces of Oltania", type=1)
    rebels = Participant(name="rebels", canonical="Rebels (Oltania)", type=2)
    nato = Participant(name="NATO", canonical="NATO", type=8)
    ctx = ActorContext(lexicon=actor_lexicon("en"), country_names={})
    ctx.remember_adversaries([nato], [army])  # "NATO jets hit government tanks"
    assert ctx.opponent(army, 3) == nato  # nobody else named: the only other side there is
    assert set(ctx.main_sides(3)) == {army, nato}
    ctx.subjects = [(1, rebels)]  # "the rebels held the ridge"
    assert ctx.opponent(army, 3) == rebels
    assert set(ctx.main_sides(3)) == {army, rebels}


def test_a_demonym_before_a_cue_word_names_the_state(placed_events_of):
    """"Syrian government forces" shelling an Iraqi city are Syria's, not the forces of where it happened."""
    events = placed_events_of("Syrian government forces shelled Mosul on Tuesday. Syrian government warplanes "
                              "bombed Tal Afar on Wednesday.")
    assert [a.canonical for e in events for a in e.actors] == ["Military Forces of Syria"] * 2
    assert [a.type for e in events for a in e.actors] == [8, 8]  # state forces outside their own country



def test_a_supporter_named_after_the_force_is_not_its_owner(placed_events_of):
    """"The Syrian army, backed by Russian jets" is Syria's army; Russia backs it."""
    events = placed_events_of("The Syrian army, backed by Russian jets, attacked rebels near Idlib on Monday.")
    assert [a.canonical for e in events for a in e.actors] == ["Military Forces of Syria"]


@pytest.mark.parametrize("text", [
    "Government troops, together with tribal fighters, attacked the town of Sabha on Monday.",
    "The army, along with a number of local militias, launched an offensive on Sabha on Monday.",
])
def test_a_companion_of_the_actor_is_never_its_opponent(placed_events_of, text):
    events = placed_events_of(text)
    assert events and not [t.name for e in events for t in e.targets if "militia" in t.name or "fighters" in t.name]


def test_parties_that_act_together_are_never_each_others_opponent(placed_events_of):
    """The militias enter with the army in one sentence; the offensive later has the army alone as actor."""
    events = placed_events_of("The army and allied militias entered the district of Qarna in Sabha on Monday. "
                              "Tribal militias will cut the road to Ubari. "
                              "The army started an offensive to retake Sabha on Tuesday.")
    offensive = next(e for e in events if "retake" in e.trigger or "offensive" in e.trigger)
    assert not [t.name for t in offensive.targets if "militia" in t.name.lower()]


def test_a_short_acronym_names_its_group_only_in_capitals():
    lexicon = actor_lexicon()
    islamic_state = next(p for p, canonical, _ in lexicon.groups if canonical == "Islamic State")
    assert islamic_state.search("an IS sniper") and islamic_state.search("isis fighters")
    assert not islamic_state.search("the sniper is a local man")



def test_a_group_is_meant_by_the_last_word_of_its_name_in_the_same_document(placed_events_of):
    """After "the US-led coalition", "coalition aircraft" and "the coalition" are that coalition."""
    events = placed_events_of("The US-led coalition said it carried out 24 strikes near Raqqa on Saturday. Coalition "
                              "aircraft pounded positions near Tabqa on Sunday. The coalition bombed a bridge in Raqqa "
                              "on Monday.")
    by_trigger = {e.trigger: [a.canonical for a in e.actors] for e in events}
    assert by_trigger["pounded"] == ["US-led Coalition"] and by_trigger["bombed"] == ["US-led Coalition"]
    spelled = placed_events_of("A spokesman for the United States-led coalition spoke on Saturday. Coalition aircraft "
                               "pounded positions near Tabqa on Sunday.")
    assert [[a.canonical for a in e.actors] for e in spelled if e.trigger == "pounded"] == [["US-led Coalition"]]


def test_an_organisation_owning_a_weapon_goes_by_its_dictionary_name(placed_events_of):
    """The entity table calls it "North Atlantic Treaty Organization"; the actor dictionary writes NATO."""
    events = placed_events_of("NATO-allied aircraft destroyed two army tanks near Sirte on Friday.")
    assert canonical(_event(events, "Air/drone strike").actors) == ["NATO"]


def test_unnamed_rebels_fighting_a_states_forces_are_that_states_opposition(placed_events_of):
    events = placed_events_of("Rebels holding the border post at Dehiba in Tunisia repelled an attack by Libyan "
                              "troops on Monday.")
    sides = {p.canonical for e in events for p in (*e.actors, *e.targets)}
    assert "Rebels (Libya)" in sides and "Rebels (Tunisia)" not in sides


def test_boats_a_demonym_names_are_that_states_hardware(placed_events_of):
    events = placed_events_of("Navy jets struck two Iranian boats in the Gulf on Tuesday, the ministry said.")
    assert any(t.canonical == "Military Forces of Iran" for e in events for t in e.targets)


def test_a_member_named_by_the_armed_body_it_belongs_to(placed_events_of):
    events = placed_events_of("The commander of the rebel army was killed in Idlib on Thursday.")
    assert any([p.canonical for p in e.targets] == ["Rebels (Syria)"] for e in events)
    events = placed_events_of("Gunmen killed a rebel commander in Idlib on Thursday.")
    assert any([p.canonical for p in e.targets] == ["Rebels (Syria)"] for e in events)


def test_a_person_whose_tanks_the_text_speaks_of_leads_the_state(placed_events_of):
    text = ("Fighting went on across northern Syria on Monday, residents said.\n"
            "Assad's tanks shelled the town of Maarat al-Numan on Tuesday, killing six people.")
    shelling = _event(placed_events_of(text), "Shelling/artillery/missile attack")
    assert canonical(shelling.actors) == ["Military Forces of Syria"]


def test_a_group_name_matches_its_acronym_written_with_stops(placed_events_of):
    text = ("A spokesman for the U.S.-led coalition said the campaign would go on. "
            "Coalition jets struck militant positions in Mosul on Monday.")
    strike = [e for e in placed_events_of(text) if e.acled == "Air/drone strike"]
    assert strike and [p.canonical for p in strike[0].actors] == ["US-led Coalition"]


def test_a_force_the_document_defines_by_apposition_is_that_group(placed_events_of):
    text = ("Members of the Karsh Guard, the internal security force of the northern council, detained a trader "
            "in Kadugli on Monday.\nNorthern security forces later arrested two more men in Kadugli.")
    actors = {a.canonical for e in placed_events_of(text) if e.acled == "Arrests" for a in e.actors}
    assert actors == {"Karsh Guard"}


def test_a_battle_naming_neither_side_is_led_by_the_side_the_document_tells_attacking():
    from dateline.events.actors import ActorContext, actor_lexicon
    from dateline.model import Participant

    jets = Participant(name="coalition", canonical="Global Alliance", type=8)
    ansar = Participant(name="Ansar", canonical="Ansar Brigades", type=2)  # held the city
    front = Participant(name="Front", canonical="Zaydan Front", type=2)  # attacked it
    ctx = ActorContext(lexicon=actor_lexicon("en"), country_names={})
    ctx.remember_adversaries([jets], [ansar])
    ctx.subjects = [(1, front)]
    assert ctx.main_sides(3) == (ansar, front)  # nothing says who attacks: the order the pair was found in
    ctx.remember_adversaries([front], [])  # "the Front attacked from the east" (no target named)
    ctx.remember_adversaries([front], [])
    assert ctx.main_sides(3) == (front, ansar)


def test_a_quoted_we_is_the_group_its_speaker_speaks_for(placed_events_of):
    text = ("Zaydan Front fighters and Islamic State militants fought in the village of Kharab on Monday.\n"
            "\"We stormed the western gate at dawn,\" a spokesman for the Islamic State said on Tuesday.")
    stormed = [e for e in placed_events_of(text) if "storm" in e.trigger]
    assert stormed and canonical(stormed[0].actors) == ["Islamic State"]
    resident = ("Islamic State militants shelled the village of Kharab on Monday.\n"
                "\"They attacked us all night,\" said one farmer who fled.")
    attacked = [e for e in placed_events_of(resident) if "attack" in e.trigger]
    assert all("Islamic State" not in canonical(e.targets) for e in attacked)  # the farmer speaks for no group


def test_a_we_outside_quotation_marks_is_the_writers_not_a_partys(make_placed_document):
    from dateline.events.actors import _speakers_group, actor_lexicon, document_context

    doc = make_placed_document("We reached Kharab on Monday, a day after Islamic State fighters left it.\n"
                               "\"We left at night,\" an Islamic State commander said.")
    ctx = document_context(doc, actor_lexicon("en"), {})
    pronouns = [t for t in doc.tokens if doc.text[t.start:t.end] == "We"]
    assert _speakers_group(doc, pronouns[0], ctx) is None  # the reporter
    assert _speakers_group(doc, pronouns[1], ctx).canonical == "Islamic State"  # the quoted commander's group


def test_the_country_that_made_a_weapon_does_not_operate_it(placed_events_of):
    strike = _event(placed_events_of("A Russian-made Iraqi Army helicopter fired a missile at rebel positions near "
                                     "Tikrit on Tuesday."), "Air/drone strike")
    assert canonical(strike.actors) == ["Military Forces of Iraq"]
    shelling = _event(placed_events_of("A U.S.-built tank shelled the village of Kharab on Monday."),
                      "Shelling/artillery/missile attack")
    assert "Military Forces of the United States" not in canonical(shelling.actors)


def test_a_we_in_a_quotation_opened_a_sentence_earlier_speaks_for_the_attributed_group(make_placed_document):
    from dateline.events.actors import _speakers_group, actor_lexicon, document_context

    doc = make_placed_document("\"We held the ridge for six hours. Then we fought Islamic State until dawn,\" the SDF "
                               "commander said.")
    ctx = document_context(doc, actor_lexicon("en"), {})
    we = [t for t in doc.tokens if doc.text[t.start:t.end] == "we"][0]
    assert len(doc.sentences) == 2 and we.sent == 1
    assert _speakers_group(doc, we, ctx).canonical == "SDF: Syrian Democratic Forces"


@pytest.mark.parametrize(("sentence", "armed"), [
    ("Omar Saleh, a police officer, was shot dead by gunmen in Dunmore on Friday.", True),
    ("Gunmen shot dead police captain Omar Saleh in Dunmore on Friday.", True),
    ("Gunmen shot dead Omar Saleh, a teacher, in Dunmore on Friday.", False),
])
def test_a_named_person_is_of_the_armed_side_the_text_says_he_serves(events_of, sentence, armed):
    shot = next(e for e in events_of(sentence) if e.targets)
    assert (shot.targets[0].type in (1, 2, 3, 4, 8)) is armed, shot.targets


def test_men_armed_with_weapons_are_an_armed_group_not_civilians(events_of):
    events = events_of("Men armed with clubs attacked striking dockers in Dunmore on Friday night.")
    attack = next(e for e in events if e.actors or e.targets)
    sides = [*attack.actors, *attack.targets]
    armed = next(p for p in sides if p.name.lower().startswith("men"))
    assert armed.type == 3, sides


def test_an_age_written_with_hyphens_stays_whole_in_the_name(events_of):
    event = next(e for e in events_of("Police detained a 19-year-old student outside the university on Friday.")
                 if "detained" in e.trigger)
    assert [t.name for t in event.targets] == ["19-year-old student"]  # never "year-old student"
    clash = next(e for e in events_of("The so-called rebels attacked an army post on Friday.")
                 if "attacked" in e.trigger)
    assert [a.name for a in clash.actors] == ["so-called rebels"]  # never "called rebels"
