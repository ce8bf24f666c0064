"""Participants from the parse: active, passive, coordinated, "by" agents, nominal triggers, what is no participant."""

from __future__ import annotations

from dateline.events.arguments import _between, _borrowed_subject, _verb_arguments
from dateline.events.triggers import children_of


def _only(events, trigger):
    match = [e for e in events if trigger in e.trigger]
    assert match, [(e.trigger, e.type) for e in events]
    return match[0]


def names(participants):
    return [p.name for p in participants]


def test_active_voice_subject_acts_on_object(events_of):
    event = _only(events_of("Rebel fighters shot down an army helicopter near Tal Afar."), "shot down")
    assert names(event.actors) == ["Rebel fighters"]
    assert [p.type for p in event.targets] == [1]  # the helicopter stands for the army that flies it


def test_a_civilian_who_sets_off_a_bomb_is_no_victim(events_of):
    event = _only(events_of("A taxi driver detonated his explosives at the gate of the barracks."), "detonated")
    assert names(event.actors) == [] and "taxi driver" not in " ".join(names(event.targets))
    died = _only(events_of("Three farmers died in the shelling of the village."), "died")
    assert names(died.targets) == ["Three farmers"]  # the dead of a shelling are its targets


def test_passive_voice_by_agent_acts_on_subject(events_of):
    event = _only(events_of("The police convoy was attacked by gunmen on Tuesday."), "attacked")
    assert names(event.actors) == ["gunmen"]
    assert [p.type for p in event.targets] == [1]


def test_coordinated_subjects(events_of):
    event = _only(events_of("The army and allied militias attacked the eastern district."), "attacked")
    assert names(event.actors) == ["army", "allied militias"]


def test_participle_borrows_subject_and_folds_into_the_main_event(events_of):
    events = events_of("The Islamic State stormed the village, killing four farmers.")
    event = _only(events, "stormed")
    assert [p.canonical for p in event.actors] == ["Islamic State"]
    assert event.actors[0].entity is None  # entity ids come from corpus linking, later
    assert event.fatalities == 4
    assert len([e for e in events if "killing" in e.trigger]) == 0


def test_nominal_trigger_takes_light_verb_subject(events_of):
    event = _only(events_of("Government forces started the battle for Tal Afar on Sunday."), "battle")
    assert names(event.actors) == ["Government forces"]
    assert event.type == "FIGHT"


def test_who_condemns_or_protests_an_attack_did_not_carry_it_out(events_of):
    event = _only(events_of("Norway condemned the bombing of the clinic in Aden on Friday."), "bombing")
    assert event.actors == ()
    event = _only(events_of("Shopkeepers in the old market blamed the shelling on the army."), "shelling")
    assert "Shopkeepers" not in names(event.actors)


def test_the_weapon_fired_is_no_target_what_it_was_fired_on_is(events_of):
    event = _only(events_of("Rebel gunners fired surface-to-air missiles on a Kenyan army helicopter."), "fired")
    assert [p.canonical for p in event.targets] == ["Military Forces of Kenya"]


def test_what_a_weapon_was_fired_toward_is_the_target(events_of):
    event = _only(events_of("Rebel gunners fired mortars toward a Kenyan army post."), "fired")
    assert [p.canonical for p in event.targets] == ["Military Forces of Kenya"]


def test_things_and_places_are_no_participants(events_of):
    event = _only(events_of("After a long night they shelled the market."), "shelled")
    assert event.actors == () and event.targets == ()


def test_object_inside_the_trigger_is_not_a_target(events_of):
    event = _only(events_of("The army launched the offensive against the rebels."), "offensive")
    assert "offensive" not in names(event.targets)


def test_other_events_and_dates_are_not_participants(events_of):
    for event in events_of("The offensive began on 6 June after weeks of shelling."):
        assert "6 June" not in names(event.targets) and "offensive" not in names(event.actors)


def test_summary_uses_the_coded_actor_names(placed_events_of):
    event = _only(placed_events_of("Rebel fighters shot down an army helicopter near Tal Afar on Monday."), "shot down")
    assert event.summary.startswith("Rebels (Iraq) shot down")


def test_a_counted_total_is_the_people_counted(events_of):
    event = _only(events_of("A total of nine people were detained by police on Monday."), "detained")
    assert [p.type for p in event.targets] == [7]


def test_an_unowned_weapon_hit_belongs_to_the_actors_opponent(placed_events_of):
    text = "NATO jets struck government troops in Misrata on Sunday. On Monday NATO airstrikes destroyed three tanks in Misrata."
    second = [e for e in placed_events_of(text) if e.sources[0].text.startswith("On Monday")]
    assert second and [p.type for p in second[0].targets] == [1]  # the tanks are the troops' the text set NATO against


def test_a_weapon_destroyed_in_a_participle_clause_belongs_to_the_actors_opponent(placed_events_of):
    text = ("NATO jets struck government troops in Misrata on Sunday. "
            "On Monday NATO warplanes bombed the port of Misrata, destroying three tanks.")
    second = [e for e in placed_events_of(text) if e.sources[0].text.startswith("On Monday")]
    assert second and [p.type for p in second[0].targets] == [1]


def test_a_clause_subject_is_no_actor_of_what_it_endured(events_of):
    held = _only(events_of("Rebel units held the ridge despite heavy shelling overnight."), "shelling")
    assert held.actors == ()
    amid = _only(events_of("Rebel units held the ridge amid air strikes overnight."), "air strikes")
    assert amid.actors == ()
    launched = _only(events_of("The army launched a fresh offensive on the ridge at dawn."), "offensive")
    assert names(launched.actors) == ["army"]  # a light verb's subject still acts


def test_it_in_a_reported_clause_is_the_speaker(events_of):
    event = _only(events_of("The army said on Sunday it had recaptured the town of Tel Nour from the rebels."), "recaptured")
    assert names(event.actors) == ["army"]


def test_the_two_sides_of_fighting_between(events_of):
    for text in ("Nine people died in fighting on Friday between the army and the tribal militia, a doctor said.",
                 "Heavy clashes on Monday between border guards and Islamist militants left four dead."):
        event = next(e for e in events_of(text) if e.actors)
        assert {names(event.actors)[0], names(event.targets)[0]} <= {"army", "tribal militia", "border guards",
                                                                    "Islamist militants"}, text
        assert names(event.actors)[0] != names(event.targets)[0]


def test_between_on_the_verb_of_a_fighting_subject_names_its_sides(make_document):
    for text, sides in (("Fighting continued in the valley on Wednesday between the army and the tribal militia.",
                         ("army", "militia")),
                        ("Clashes resumed on Sunday between border guards and Islamist militants.", ("guards", "militants"))):
        doc = make_document(text)
        children = children_of(doc.tokens)
        fight = next(i for i, t in enumerate(doc.tokens) if doc.text[t.start:t.end] in ("Fighting", "Clashes"))
        assert doc.tokens[doc.tokens[fight].head].pos == "VERB"  # the parse this rule is for: "between" on the verb
        pair = _between(doc.tokens, fight, children)
        assert pair is not None and tuple(doc.text[doc.tokens[i].start:doc.tokens[i].end] for i in pair) == sides, text


def test_a_headline_participle_without_were_is_passive(events_of):
    event = _only(events_of("Meanwhile, two Dutch photographers arrested, Dutch embassy says"), "arrested")
    assert all(p.type != 7 for p in event.actors)  # the photographers made no arrest
    assert [p.type for p in event.targets] == [7]
    assert "Dutch embassy" not in names(event.actors)  # the speaker of the headline did not do it


def test_people_who_made_an_arrest_are_no_victims_as_actor(placed_events_of):
    event = _only(placed_events_of("Two activists were detained by men in plain clothes in Basra on Friday."), "detained")
    assert all(p.type != 7 for p in event.actors)


def test_a_weapon_without_owner_is_the_reporting_forces_not_a_rebel_spokesmans(placed_events_of):
    own = placed_events_of("Government troops fought rebels near Brega. "
                           "NATO said aircraft had destroyed three tanks near Brega on Monday.")
    strike = [e for e in own if e.acled == "Air/drone strike"]
    assert strike and [p.canonical for p in strike[0].actors] == ["NATO"]
    told = placed_events_of("Government troops fought rebels near Brega. "
                            "A rebel spokesman said jets had bombed the market on Monday.")
    strike = [e for e in told if e.acled == "Air/drone strike"]
    assert strike and all(p.type != 2 for p in strike[0].actors)


def test_a_bomb_is_never_the_reporting_forces(placed_events_of):
    events = placed_events_of("A car bomb killed six people at the bus station in Mosul on Monday, the army said.")
    bombing = [e for e in events if e.acled in ("Remote explosive/landmine/IED", "Suicide bomb")]
    assert bombing and all(p.type != 1 for p in bombing[0].actors)


def test_a_nominal_triggers_side_word_names_its_actor(placed_events_of):
    text = "Rebels hold the port of Misrata. Heavy government shelling on Misrata began after midnight on Saturday."
    shelling = [e for e in placed_events_of(text) if "shelling" in e.trigger]
    assert shelling and [(p.name, p.type) for p in shelling[0].actors] == [("government", 1)]
    text = "Army units hold the town of Zliten. Rebel attacks on Zliten killed two soldiers on Saturday."
    attacks = [e for e in placed_events_of(text) if e.sources[0].text.startswith("Rebel attacks")]
    assert attacks and [(p.name, p.type) for p in attacks[0].actors] == [("Rebel", 2)]


def test_a_clause_told_by_a_speaker_does_not_borrow_the_speakers_subject(make_document):
    """"Army officers said the depot was also hit": the officers told of the hit; they did not hit it."""
    doc = make_document("Army officers said the depot was also hit on Monday.")
    hit = next(i for i, t in enumerate(doc.tokens) if doc.text[t.start:t.end] == "hit")
    assert doc.tokens[hit].dep == "ccomp"  # the parse this test is about
    assert _borrowed_subject(doc.tokens, hit, children_of(doc.tokens)) == []


def test_the_two_subjects_of_a_clash_are_its_two_sides(events_of):
    event = _only(events_of("Riot police and protesters clashed outside the ministry in Dunmore on Friday."), "clashed")
    assert len(event.actors) == 1 and len(event.targets) == 1
    assert event.actors[0].type in (5, 6)  # ACLED: the crowd first, the force that met it second
    assert event.targets[0].type == 1


def test_an_outlets_side_word_names_no_actor(placed_events_of):
    # "state" speaks for "television", which showed the strikes; it did not carry them out
    events = placed_events_of("Later, state television switched to what it said were new airstrikes, hitting an "
                              "army base in Sirte.")
    assert events and all(not e.actors for e in events), [(e.trigger, names(e.actors)) for e in events]


def test_allies_battling_a_third_party_are_one_side(placed_events_of):
    events = placed_events_of("In eastern Mosul, government forces and the Peshmerga are battling to dislodge jihadists.")
    event = _only(events, "battling")
    assert "Peshmerga" not in [p.canonical for p in event.targets], [(names(e.actors), names(e.targets)) for e in events]


def test_a_place_hit_that_a_side_holds_names_that_side(placed_events_of):
    event = _only(placed_events_of("Iraqi army artillery pounded the militant-held village of Badush, Iraq, on Friday."), "pounded")
    assert [p.canonical for p in event.targets] == ["Unidentified Armed Group (Iraq)"]
    event = _only(placed_events_of("Syrian government jets bombed the opposition-controlled town of Saraqib."), "bombed")
    assert [p.canonical for p in event.targets] == ["Rebels (Syria)"]


def test_sites_a_side_owns_name_it_and_civilian_buildings_name_civilians(placed_events_of):
    event = _only(placed_events_of("Coalition aircraft struck military targets outside Raqqa, Syria, overnight."), "struck")
    assert [p.canonical for p in event.targets] == ["Military Forces of Syria"]
    event = _only(placed_events_of("In Syria, the jets hit vehicles aligned with the Kurdish opposition near Manbij."), "hit")
    assert [p.canonical for p in event.targets] == ["Rebels (Syria)"]
    event = _only(placed_events_of("Government tanks shelled houses and a school in Homs, Syria, on Monday."), "shelled")
    assert [p.canonical for p in event.targets] == ["Civilians (Syria)"]
    assert event.actors and all(p.type != 7 for p in event.actors)


def test_a_strike_without_a_named_striker_on_a_clinic_hit_civilians(placed_events_of):
    events = placed_events_of("In Homs, Syria, two mortars landed on a children's clinic on Sunday, causing one death.")
    shelling = [e for e in events if e.acled == "Shelling/artillery/missile attack"]
    assert shelling and [p.canonical for p in shelling[0].targets] == ["Civilians (Syria)"]



def test_a_trigger_parsed_as_a_gerund_takes_its_by_phrase_as_actor(make_document):
    doc = make_document("The district is under continued shelling by the regime's forces, who want to close the road.")
    shelling = next(i for i, t in enumerate(doc.tokens) if doc.text[t.start:t.end] == "shelling")
    assert doc.tokens[shelling].tag == "VBG"  # the parse this test is about
    actors, _ = _verb_arguments(doc.tokens, shelling, children_of(doc.tokens))
    assert [doc.text[doc.tokens[i].start:doc.tokens[i].end] for i in actors] == ["forces"]


def test_an_event_noun_that_did_the_harm_brings_its_own_by_phrase(placed_events_of):
    (event,) = [e for e in placed_events_of("Rocket attacks launched by government troops hit the bus depot in Homs "
                                            "on Friday.") if e.acled and "Shelling" in e.acled]
    assert [a.canonical for a in event.actors] == ["Military Forces of Syria"]


def test_a_leaders_men_are_his_forces_not_civilians(placed_events_of):
    events = placed_events_of("Libyan leader Moammar Gadhafi spoke on state television. Gadhafi's men shelled Zintan "
                              "on Monday.")
    (event,) = [e for e in events if e.acled and "Shelling" in e.acled]
    assert [a.canonical for a in event.actors] == ["Military Forces of Libya"]


def test_whoever_came_under_fire_was_its_target(placed_events_of):
    events = placed_events_of("Rebel fighters advanced on Sunday and came under a barrage of rockets near Brega.")
    (event,) = [e for e in events if e.acled and "Shelling" in e.acled]
    assert [t.canonical for t in event.targets] == ["Rebels (Libya)"] and not event.actors


def test_whoever_was_put_under_arrest_is_its_target(events_of):
    event = _only(events_of("Karim Haddad, a novelist, was put under house arrest on Friday."), "arrest")
    assert names(event.targets) == ["Karim Haddad"]
    named = _only(events_of("The novelist Karim Haddad was put under house arrest on Friday."), "arrest")
    assert names(named.targets) == ["Karim Haddad"]  # a word the dictionary does not know, and the person it names


def test_who_reported_or_saw_the_shelling_is_no_party_to_it(placed_events_of):
    (event,) = [e for e in placed_events_of("Amnesty International witnessed the shelling of the old market in "
                                            "Misrata on Tuesday.") if e.acled and "Shelling" in e.acled]
    assert not [a for a in event.actors if a.name]


def test_a_rocket_systems_name_is_no_actor(placed_events_of):
    (event,) = [e for e in placed_events_of("A Grad rocket slammed into a bedroom wall in Misrata on Friday.")
                if e.acled and "Shelling" in e.acled]
    assert not [a for a in event.actors if a.name]


def test_a_plural_weapon_the_tagger_reads_as_a_verb_still_names_its_operator(placed_events_of):
    # the small tagger takes "airstrikes" for a verb here, yet parses it as the subject
    strike = _only(placed_events_of("NATO airstrikes destroyed military vehicles outside Brega on Sunday."), "destroyed")
    assert [a.canonical for a in strike.actors] == ["NATO"]


def test_the_side_a_target_word_names_is_the_target(placed_events_of):
    strike = _only(placed_events_of("Jets fired missiles on a rebel column near Kirkuk on Monday."), "fired")
    assert [t.type for t in strike.targets] == [2]  # the rebels the column stands for



def test_a_participle_trigger_takes_the_target_of_the_verb_it_hangs_from(placed_events_of):
    text = "British jets fired at four Iranian boats near Bandar Abbas on Tuesday, destroying one, officials said."
    targets = {t.canonical for e in placed_events_of(text) for t in e.targets}
    assert "Military Forces of Iran" in targets


def test_a_subordinate_clause_with_a_participle_tag_is_no_headline(placed_events_of):
    text = "Witnesses said two farmers were killed after government shells detonated Tuesday near a camp in Idlib."
    event = _only(placed_events_of(text), "detonated")
    assert event.acled == "Shelling/artillery/missile attack"  # the weapon says how it came, not the verb
    assert [p.canonical for p in event.actors] == ["Military Forces of Syria"]


def test_a_folded_trigger_names_the_operator_of_the_event(placed_events_of):
    event = _only(placed_events_of("Guests heard blasts from the NATO airstrike that shook the port of Misrata on Monday."),
                  "blasts")
    assert [p.canonical for p in event.actors] == ["NATO"]


def test_a_plural_pronoun_object_is_the_party_named_before_it_not_the_actor(placed_events_of):
    text = ("Troops loyal to the Syrian president attacked Idlib on Friday. A spokesman said Binnish had been taken by "
            "rebels but government troops were shelling them from a nearby hill on Sunday.")
    event = _only(placed_events_of(text), "shelling")
    assert [p.canonical for p in event.targets] == ["Rebels (Syria)"]


def test_bare_fighters_named_by_a_sides_own_spokesman_are_that_sides(events_of):
    rebels = _only(events_of("Omar Haddad, a spokesman for the rebels, said fighters attacked army positions near "
                             "Dunmore on Friday."), "attacked")
    assert [p.type for p in rebels.actors] == [2]
    army = _only(events_of("An army spokesman said units ambushed insurgents near Dunmore on Friday."), "ambushed")
    assert [p.type for p in army.actors] == [1]
    unnamed = _only(events_of("A witness said fighters attacked army positions near Dunmore on Friday."), "attacked")
    assert unnamed.actors == ()  # a bystander's "fighters" are nobody named


def test_a_pronoun_that_protests_never_stands_for_the_force_named_before_it(events_of):
    # "they" is the last armed party read, but soldiers who attack a march are not its marchers
    events = events_of("Soldiers shelled the square on Monday while they were protesting against the curfew.")
    protests = [e for e in events if e.acled == "Peaceful protest"]
    assert protests and all(a.type in (5, 6) for e in protests for a in e.actors), [(e.acled, e.actors) for e in events]


def test_those_who_died_in_an_attack_are_its_victims_not_its_actors(placed_events_of):
    events = placed_events_of("Two soldiers and a nurse died in the air strike on the clinic in Homs on Monday.")
    strike = [e for e in events if e.acled == "Air/drone strike"]
    assert strike and not any("soldier" in p.name.lower() for e in strike for p in e.actors)


def test_a_named_subject_of_a_participle_in_a_full_sentence_acts(events_of):
    # the small tagger reads this past tense as a participle; a headline would have no full stop
    event = _only(events_of("The National Defence Forces (NDF), a coalition of Arab militias, attacked from the east."),
                  "attacked")
    assert "National Defence Forces" in " ".join(names(event.actors))
    assert not event.targets


def _words(doc, indices):
    return [doc.text[doc.tokens[i].start:doc.tokens[i].end] for i in indices]


def test_a_by_phrase_after_coordinated_participles_is_each_ones_agent(make_document):
    doc = make_document("Two reporters were beaten, detained and robbed by plainclothes police in the square on Monday.")
    beaten = next(i for i, t in enumerate(doc.tokens) if doc.text[t.start:t.end] == "beaten")
    assert not any(doc.tokens[c].dep == "agent" for c in children_of(doc.tokens)[beaten])  # the parse this is about
    actors, targets = _verb_arguments(doc.tokens, beaten, children_of(doc.tokens))
    assert _words(doc, actors) == ["police"]
    assert _words(doc, targets) == ["reporters"]


def test_a_conjunct_with_an_agent_of_its_own_keeps_it(make_document):
    doc = make_document("The farmer was shot by a sniper and buried by his neighbours on Monday.")
    shot = next(i for i, t in enumerate(doc.tokens) if doc.text[t.start:t.end] == "shot")
    actors, _ = _verb_arguments(doc.tokens, shot, children_of(doc.tokens))
    assert _words(doc, actors) == ["sniper"]


def test_a_passive_conjunct_suffers_what_its_first_participle_names(make_document):
    doc = make_document("Three students were detained and tortured in the provincial jail last week.")
    tortured = next(i for i, t in enumerate(doc.tokens) if doc.text[t.start:t.end] == "tortured")
    assert doc.tokens[tortured].dep == "conj"  # the parse this test is about
    actors, targets = _verb_arguments(doc.tokens, tortured, children_of(doc.tokens))
    assert actors == [] and _words(doc, targets) == ["students"]


def test_a_passive_light_verbs_by_phrase_names_who_used_the_weapon(placed_events_of):
    events = placed_events_of("The marchers were met with tear gas by riot police outside the ministry in Cairo on Friday.")
    event = next(e for e in events if e.acled and e.acled.startswith("Protest"))
    assert [p.type for p in event.actors] == [6] and [p.type for p in event.targets] == [1]


def test_who_asks_about_an_act_did_not_do_it(events_of):
    # the act sits in the complement of another noun: the party that urged the inquiry detained no one
    event = _only(events_of("The rebels urged an inquiry into the detention of nine reporters in Dunmore on Sunday."),
                  "detention")
    assert not event.actors
    # ... but a count of the act is the act: who launched the wave made the raids
    event = _only(events_of("The army carried out a wave of raids on the hill villages on Sunday."), "raids")
    assert names(event.actors) == ["army"]


def test_who_names_an_act_did_not_do_it(events_of):
    event = _only(events_of("Two farmers were killed in Dunmore on Monday, the army commander said, calling the attack "
                            "an act of terror."), "attack")
    assert not event.actors
    assert event.modality == "asserted"


def test_a_pronoun_object_is_never_someone_its_own_subject_names(events_of):
    # "her" is the nurse, never the general the subject names
    event = _only(events_of("Maria Lopez, the nurse who says soldiers loyal to General Tomas Ortega beat her in "
                            "Dunmore on Monday, spoke to reporters on Tuesday."), "beat")
    assert "Tomas Ortega" not in " ".join(names(event.targets))


def test_a_pronoun_in_a_relative_clause_is_the_person_it_describes(placed_events_of):
    # "her" is the nurse the clause describes, not the general named inside it
    events = placed_events_of("A nurse who told General Tomas Ortega that soldiers beat her in Dunmore on Monday "
                              "spoke to reporters on Tuesday.")
    beaten = [e for e in events if "beat" in e.trigger]
    assert beaten, [(e.trigger, e.acled) for e in events]
    assert "Tomas Ortega" not in " ".join(p.name for p in beaten[0].targets)
    assert all(p.type == 7 for p in beaten[0].targets)  # civilians, when named at all


def test_who_something_came_under_attack_from_is_its_actor(events_of):
    for sentence, doer in (("The convoy came under attack by gunmen near Dunmore on Thursday.", "gunmen"),
                           ("The village came under attack from militiamen on Thursday morning.", "militiamen")):
        attack = next(e for e in events_of(sentence) if "attack" in e.trigger)
        assert [a.name for a in attack.actors] == [doer], (sentence, attack.actors, attack.targets)


def test_a_verb_the_parser_hangs_on_another_verb_shares_its_subject(events_of):
    # the small parser hangs "shot" on "answering" as an unlabelled dep: the soldiers still did the shooting
    events = events_of("Soldiers answering a call about a robbery on Sunday fatally shot a teenager holding a toy gun.")
    event = _only(events, "shot")
    assert names(event.actors) == ["Soldiers"]
    assert event.fatalities == 1  # "fatally shot": the teenager died
