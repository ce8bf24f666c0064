"""Where it happened: the trigger's own place, not the dateline, the speaker's place or a distance reference."""

from __future__ import annotations

import dataclasses


def _place(events, acled):
    match = [e for e in events if e.acled == acled]
    assert match, [(e.acled, e.trigger) for e in events]
    return match[0].place.name if match[0].place else None


def test_the_place_the_trigger_names(placed_events_of):
    text = "Government troops shelled Homs on Monday, an activist based in Beirut said."
    assert _place(placed_events_of(text), "Shelling/artillery/missile attack") == "Homs"


def test_a_country_that_acts_is_a_party_not_the_place(placed_events_of):
    text = "Turkey launched air strikes against militant positions in Mosul on Monday."
    assert _place(placed_events_of(text), "Air/drone strike") == "Mosul"


def test_a_dateline_is_never_the_place(placed_events_of):
    text = "Cairo, Egypt (CNN) -- Soldiers arrested twelve students on Sunday."
    assert _place(placed_events_of(text), "Arrests") is None


def test_an_origin_is_not_the_place(placed_events_of):
    events = placed_events_of("Gunmen who had driven from Kirkuk attacked a checkpoint on Monday.")
    assert events and all(not e.place or e.place.name != "Kirkuk" for e in events)


def test_one_event_per_listed_place_and_no_shared_toll(placed_events_of):
    events = placed_events_of("Protesters clashed with police in Cairo, Suez and Alexandria on Friday, leaving five dead.")
    riots = [e for e in events if e.acled == "Violent demonstration"]
    assert sorted(e.place.name for e in riots) == ["Alexandria", "Cairo", "Suez"]
    assert all(e.fatalities is None for e in riots)  # "five dead" across three places is no one town's toll


def test_a_listed_place_the_parser_misreads_still_has_its_own_event(placed_events_of):
    events = placed_events_of("Crowds of protesters battle police in Homs, Hama and Aleppo to demand an end to the curfew.")
    riots = [e for e in events if e.place and e.acled in ("Violent demonstration", "Protest with intervention")]
    assert len({e.place.name for e in riots}) == 3


def test_a_place_followed_by_its_country_is_one_place(placed_events_of):
    events = placed_events_of("Students fought riot police in Homs, Syria on Friday.")
    assert [e.place.name for e in events if e.place] == ["Homs"]


def test_a_sentence_without_a_place_borrows_the_previous_one(placed_events_of):
    text = "Rebels attacked an army base near Misrata on Friday.\nThe fighting lasted for six hours."
    events = placed_events_of(text)
    assert all(e.place and e.place.name.startswith("Mis") for e in events if e.acled == "Armed clash")


def test_a_topic_opened_by_as_for_is_where_the_sentence_is_set(placed_events_of):
    text = ("Warplanes bombed depots near Sirte on Monday.\n"
            "As for Homs, a nurse told reporters that the army kept up its shelling overnight.")
    assert _place(placed_events_of(text), "Shelling/artillery/missile attack") == "Homs"


def test_it_as_what_was_taken_is_the_town_named_before(placed_events_of):
    text = ("Shelling hit Homs on Sunday.\n"
            "Rebels say they have won back Qusayr, a market town south of Homs, a week after army units overran it.")
    events = [e for e in placed_events_of(text) if e.trigger.lower().startswith("overr")]
    assert events and events[0].place and events[0].place.name.startswith("Al Qu"), events


def test_where_a_speaker_is_based_is_not_where_it_happened(placed_events_of):
    text = ("Rival crowds fought with sticks and stones on Thursday.\n"
            "A researcher based in Amman said the breaking up of demonstrations by hired men was an old tactic.")
    assert all(e.place is None for e in placed_events_of(text))


def test_a_country_that_only_qualifies_a_speaker_is_not_lent(placed_events_of):
    text = "U.S. diplomats said the talks in the region would resume.\nArmy tanks shelled the rebel-held town on Monday."
    events = [e for e in placed_events_of(text) if e.acled == "Shelling/artillery/missile attack"]
    assert events and all(not e.place or e.place.name != "United States" for e in events)


def test_a_destination_is_not_lent(placed_events_of):
    text = "A chartered ferry carried four hundred foreigners to Malta.\nSoldiers fired on the crowd in the square."
    events = [e for e in placed_events_of(text) if e.acled != "Peaceful protest"]
    assert events and all(not e.place or e.place.name != "Malta" for e in events)


def test_a_town_that_locates_a_site_is_lent(placed_events_of):
    text = "A doctor at Misrata's central hospital counted thirty dead.\nSoldiers fired tear gas at the mourners."
    events = [e for e in placed_events_of(text) if "fired" in e.trigger]
    assert events and all(e.place and e.place.name.startswith("Mis") for e in events)


def test_records_name_the_first_level_division(placed_events_of):
    events = placed_events_of("Gunmen attacked a checkpoint in Kirkuk on Monday.")
    assert events and events[0].country == "IQ" and events[0].admin1 and not events[0].admin1.isdigit()


def test_a_village_the_gazetteer_cannot_place_is_kept_by_name(placed_events_of):
    events = placed_events_of("Government troops shelled the village of Kafr Umbala on Friday, residents said.")
    shelling = [e for e in events if e.acled == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].place is not None
    assert (shelling[0].place.name, shelling[0].place.place, shelling[0].place.lat) == ("Kafr Umbala", None, None)


def test_a_building_the_gazetteer_cannot_place_gives_way_to_the_town_it_is_in(placed_events_of):
    events = placed_events_of("Some 35 people were detained on Thursday at the Hisham Mubarak Law Center in Cairo.")
    arrests = [e for e in events if e.acled == "Arrests"]
    assert arrests and arrests[0].place is not None and arrests[0].place.name == "Cairo"


def test_a_sentence_naming_its_own_unplaced_village_does_not_borrow(placed_events_of):
    text = ("Rebels attacked an army base near Misrata on Friday. "
            "In the village of Kafr Umbala, a fuel depot was hit in the fighting on Saturday.")
    fighting = [e for e in placed_events_of(text) if e.trigger == "fighting"]
    assert fighting and fighting[0].place is not None and fighting[0].place.name == "Kafr Umbala"


def test_a_sentence_with_its_own_place_out_of_the_trigger_s_reach_does_not_borrow(placed_events_of):
    # the parser hangs "in Homs" on the attribution, out of reach of "clashes": still no borrowed Sirte
    text = ("Rebels seized the airport of Sirte on Monday. "
            "Fresh clashes left 25 dead later in the day, a doctor at the main hospital in Homs said.")
    clashes = [e for e in placed_events_of(text) if e.trigger == "clashes"]
    assert clashes and clashes[0].place is not None and clashes[0].place.name == "Homs"


def test_an_unplaced_town_followed_by_its_country_is_the_town(placed_events_of):
    events = placed_events_of("Government jets bombed the area of Kafr Umbala, Syria, on Monday, residents said.")
    strikes = [e for e in events if e.acled == "Air/drone strike"]
    assert strikes and strikes[0].place is not None and strikes[0].place.name == "Kafr Umbala"


def test_a_town_naming_the_site_hit_is_the_place(placed_events_of):
    text = "Rebels seized the town of Sirte on Saturday. Government jets bombed the Homs airport on Sunday."
    strikes = [e for e in placed_events_of(text) if e.acled == "Air/drone strike"]
    assert strikes and strikes[0].place is not None and strikes[0].place.name == "Homs"  # not Sirte, borrowed


def test_a_town_and_the_country_that_holds_it_lend_the_town(placed_events_of):
    text = ("Homs, the largest rebel stronghold in Syria, came under rebel control in 2012. "
            "The Syrian army, along with allied militias, started the offensive to retake the city on October 17.")
    offensive = [e for e in placed_events_of(text, "2016-10-31") if e.trigger == "retake"]
    assert offensive and offensive[0].place is not None and offensive[0].place.name == "Homs"


def test_what_separates_the_names_of_a_list():
    from dateline.events.where import LIST_GAP

    assert all(LIST_GAP.match(gap) for gap in (", ", " and ", ", and ", " or ", ",  or ", " and the port city of ",
                                               " and in ", " and notably in ", ", and also at "))
    assert not any(LIST_GAP.match(gap) for gap in (" near ", ", west of ", "; ", " and then in ", " and troops in "))


def test_a_list_that_repeats_its_preposition_is_still_one_list(placed_events_of):
    events = placed_events_of("Students marched on Sunday in Tobruk and in Derna.")
    assert {e.place.name for e in events if e.place} >= {"Tobruk", "Derna"}


def test_a_river_is_never_the_place(placed_events_of):
    events = placed_events_of("An air strike hit families waiting for boats on the Euphrates on Wednesday night.")
    assert events and all(e.place is None or "Euphrates" not in e.place.name for e in events)


def test_a_place_before_a_nominal_trigger_under_an_attribution_is_still_the_place(placed_events_of):
    text = "In Kirkuk, two mortars landed at a school on Saturday evening, killing one child, said a doctor at the city's hospital."
    assert _place(placed_events_of(text), "Shelling/artillery/missile attack") == "Kirkuk"


def test_a_fight_for_control_of_a_town_happens_there(placed_events_of):
    text = "Hopes of a truce in Iraq faded on Monday as a battle raged for control of the town of Tikrit."
    assert _place(placed_events_of(text), "Armed clash").startswith("Tikr")


def test_the_capital_is_the_country_s_capital(placed_events_of):
    text = "Unrest spread across Yemen on Saturday. Police fired tear gas at protesters in the capital."
    assert _place(placed_events_of(text), "Protest with intervention") == "Sanaa"


def test_a_place_fronted_before_the_attribution_is_where_it_happened(placed_events_of):
    assert _place(placed_events_of("In Kirkuk, two officials said the fighting went on until Wednesday."),
                  "Armed clash") == "Kirkuk"
    # where a speaker spoke is not where it happened; where local speakers are, with no other place, is
    text = "Rebels fought loyalist troops in Sirte on Monday. NATO aircraft struck targets overnight, the alliance said in Brussels."
    strikes = [e for e in placed_events_of(text) if e.trigger == "struck"]
    assert strikes and all(not e.place or e.place.name != "Brussels" for e in strikes)
    assert _place(placed_events_of("The fighting went on until Wednesday, two officials in Kirkuk said."),
                  "Armed clash") == "Kirkuk"
    text = ("Rebels fought loyalist troops in Homs on Monday. "
            "Government jets struck the airport overnight, an official told reporters in the village of Kafr Umbala.")
    strikes = [e for e in placed_events_of(text) if e.trigger == "struck"]
    assert strikes and all(not e.place or e.place.name != "Kafr Umbala" for e in strikes)  # where he spoke


def test_a_doubtfully_placed_name_is_never_the_documents_focus():
    from dateline.events.where import document_focus
    from dateline.model import Document, Place, PlaceMention

    text = "George filmed the square. George said it was loud. Cairo was calm."
    town = Place("p:1", "George", -33.96, 22.46, "ZA", "P.PPL", 1, "11", 0.36)
    city = Place("p:2", "Cairo", 30.06, 31.25, "EG", "P.PPLC", 2, "11", 0.95)
    mentions = (PlaceMention("d", 0, 6, "George", "p:1", 0.36), PlaceMention("d", 26, 32, "George", "p:1", 0.36),
                PlaceMention("d", 52, 57, "Cairo", "p:2", 0.95))
    doc = Document(id="d", source="t", text=text, places=mentions, place_records=(town, city))
    focus = document_focus(doc, list(mentions))
    assert focus is not None and focus.text == "Cairo"


def test_a_town_the_sentence_names_wins_over_the_country_that_holds_it(placed_events_of):
    events = placed_events_of("Police in Tunisia fired tear gas at students in Sfax on Sunday.")
    assert _place(events, "Protest with intervention") == "Sfax"


def test_a_named_place_wins_over_the_reference_of_its_direction(placed_events_of):
    # "X, west of Misrata": X (not in the gazetteer) is where it happened, Misrata only says where X lies
    events = placed_events_of("Rebels fought government troops on Monday in Zawiyat Umm Harb, west of Misrata.")
    assert _place(events, "Armed clash") == "Zawiyat Umm Harb"
    # a description may stand between the name and the direction
    events = placed_events_of("Rebels fought government troops on Monday in Zawiyat Umm Harb, a farming village 20 km west of Misrata.")
    assert _place(events, "Armed clash") == "Zawiyat Umm Harb"
    # ... but not a new clause
    from dateline.events.where import NAME_THEN_DIRECTION

    assert NAME_THEN_DIRECTION.match(", a farming village west of ")
    assert not NAME_THEN_DIRECTION.match(", and the fighting spread west of ")


def test_fire_aimed_toward_a_town_lands_there(placed_events_of):
    events = placed_events_of("Mortar rounds were fired toward Misrata on Sunday, residents said.")
    assert _place(events, "Shelling/artillery/missile attack") == "Misratah"


def test_a_sentence_about_another_year_lends_no_place(placed_events_of):
    events = placed_events_of("Police fired on protesters in Benghazi on Saturday. The two leaders shook hands at a summit "
                              "in Rome in 2009. Residents said the television building was attacked on Sunday by protesters.")
    assert _place(events, "Violent demonstration") == "Benghazi"
    # ... unless the sentence points back to the town it named ("the city")
    events = placed_events_of("Crowds marched in Tripoli on Friday. Militants overran Sirte in 2009. The army started an offensive to retake the city on Monday.")
    assert _place(events, "Government regains territory") == "Sirte"


def test_parts_of_a_town_are_the_town(placed_events_of):
    events = placed_events_of("Government artillery pounded parts of the city of Homs on Tuesday.")
    assert _place(events, "Shelling/artillery/missile attack") == "Homs"


def test_a_trigger_describing_a_town_happens_there(placed_events_of):
    # "the besieged city of X": the trigger qualifies the city, so the city is the place, not an earlier one
    events = placed_events_of("Envoys met in Rome on Monday. The besieged northern city of Homs has been especially exposed.")
    assert _place(events, "Armed clash") == "Homs"


def test_a_capitalised_common_word_is_no_unplaced_place():
    from dateline.events.where import _common_word

    text = "Rebels hold firm in Zawiyat Umm Harb. The rebels said fighting went on."
    assert _common_word(text, "Rebels")
    assert not _common_word(text, "Zawiyat Umm Harb")
    assert not _common_word("Clashes near Rebel-held Dunmore; rebel-held towns", "Dunmore")


def test_a_place_parsed_into_a_time_phrase_is_still_where_it_happened(placed_events_of):
    events = placed_events_of("Two rockets hit Aleppo Sunday evening in quick succession.")
    assert events and events[0].place is not None and abs(events[0].place.lat - 36.2) < 0.3


def test_a_division_that_only_says_where_the_named_town_lies_is_not_the_place(placed_events_of):
    (event,) = placed_events_of("Students rallied in the West Bank town of Jenin on Sunday.")
    assert event.place is not None and "West Bank" not in event.place.name
    assert event.actors[0].canonical == "Protesters (Palestine)"  # the country as ACLED writes it


def test_a_holy_month_is_a_time_not_a_place(make_placed_document):
    doc = make_placed_document("Troops were allowed to break their fast during Ramadan to fight on the front lines.")
    assert not any(p.text == "Ramadan" for p in doc.places)


def test_a_continent_or_world_region_is_never_the_place(placed_events_of):
    events = placed_events_of("Elsewhere in Europe, demonstrators rallied on Saturday in support of the strikers.")
    assert all(e.place is None for e in events if e.acled == "Peaceful protest")


def test_the_source_after_according_to_is_not_the_place(make_placed_document):
    from dateline.events.where import event_place, unplaced_mentions, usable_mentions
    from dateline.model import PlaceMention

    text = "Three rebels were killed on Tuesday, according to Omar Hassan, a spokesman."
    document = make_placed_document(text)
    start = text.index("Omar Hassan")
    # as if the recognizer had taken the speaker's name for an unknown village
    speaker = PlaceMention(document.id, start, start + len("Omar Hassan"), "Omar Hassan", None, 0.5)
    document = dataclasses.replace(document, places=(*document.places, speaker))
    head = next(i for i, t in enumerate(document.tokens) if text[t.start:t.end] == "killed")
    where = event_place(document, head, 0, len(text), usable_mentions(document), {}, (head,),
                        unplaced=unplaced_mentions(document))
    assert where is None


def test_the_country_across_a_border_is_not_the_place(placed_events_of):
    text = "On Sunday, gunmen attacked a border crossing into Syria, killing two guards."
    events = placed_events_of(text)
    assert events and all(not e.place or e.place.name != "Syria" for e in events)



def test_a_named_military_operation_is_no_place(make_placed_document):
    from dateline.events.where import unplaced_mentions
    from dateline.model import PlaceMention

    text = "The missiles were first fired in Operation Sand Falcon, the admiral said."
    document = make_placed_document(text)
    start = text.index("Operation Sand Falcon")
    named = PlaceMention(document.id, start, start + len("Operation Sand Falcon"), "Operation Sand Falcon", None, 0.5)
    bare = PlaceMention(document.id, start + 10, start + len("Operation Sand Falcon"), "Sand Falcon", None, 0.5)
    document = dataclasses.replace(document, places=(named, bare))
    assert unplaced_mentions(document) == []


def test_a_country_after_outside_is_not_the_place(placed_events_of):
    events = placed_events_of("Protests also took place outside Spain on Sunday, including marches in Tokyo.")
    assert events and all(not e.place or e.place.name != "Spain" for e in events)


def test_a_village_the_tagger_took_for_an_organisation_is_still_the_place(placed_events_of):
    text = "Nine fighters were killed in Sheikhiya, and two were killed in Idlib, a spokesman said."
    events = placed_events_of(text)
    assert sorted(e.place.name for e in events if e.place) == ["Idlib", "Sheikhiya"]


def test_an_unplaced_sea_is_no_event_place(placed_events_of):
    events = placed_events_of("Navy gunboats shelled a rebel camp in the Sidra Sea on Tuesday.")
    assert all(not e.place or "Sea" not in e.place.name for e in events)


def test_a_road_between_two_towns_is_one_place_not_two_records(placed_events_of):
    events = placed_events_of("Four soldiers died when a bomber blew up a truck at a checkpoint on the road between "
                              "Tabqa and Raqqa on Friday.")
    blasts = [e for e in events if e.acled == "Remote explosive/landmine/IED"]
    assert len(blasts) == 1
    listed = placed_events_of("Protesters rallied in Homs and Hama on Friday.")
    assert len([e for e in listed if e.type == "PROTEST"]) == 2  # a list of places is still one record each


def test_where_someone_fled_to_is_not_where_it_happened(placed_events_of):
    events = placed_events_of("Gunmen kidnapped an activist on Friday as he tried to flee to Tunisia.")
    seized = [e for e in events if e.acled == "Abduction/forced disappearance"]
    assert seized and all(e.place is None or e.place.name != "Tunisia" for e in seized)


def test_a_town_that_lived_the_event_as_its_subject_is_the_place(placed_events_of):
    # the place is the subject of "was the scene of" / "saw": no preposition ties it to the trigger
    events = placed_events_of("The town of Yabroud was the scene of heavy fighting on Sunday.")
    assert _place(events, "Armed clash") == "Yabrūd"
    events = placed_events_of("Government troops shelled Homs on Monday. The town of Yabroud saw fierce clashes on Tuesday.")
    assert [e.place.name for e in events if e.acled == "Armed clash"] == ["Yabrūd"]


def test_a_country_that_qualifies_the_actor_after_a_place_is_no_second_place(placed_events_of):
    # "Off the coast of X, U.S. jets ...": the comma does not make "U.S." the next item of a list of places
    events = placed_events_of("Off the coast of Latakia, U.S. warplanes bombed two boats on Monday.")
    assert events and all(e.place is None or e.place.name != "United States" for e in events)


def test_a_country_that_acts_in_another_clause_is_not_the_place(placed_events_of):
    text = "Army artillery pounded the northern town of Homs on Monday as Turkey and Jordan urged an end to the violence."
    places = {e.place.name for e in placed_events_of(text) if e.place and e.acled and "attack" in e.acled.lower()}
    assert places == {"Homs"}


def test_where_a_body_sits_is_lent_to_no_later_sentence(placed_events_of):
    text = ("A representative of the opposition council in Cairo spoke to reporters on Sunday. "
            "Rebels shelled the refinery on Saturday.")
    assert _place(placed_events_of(text), "Shelling/artillery/missile attack") != "Cairo"
    text = "Gunmen stormed the embassy in Tripoli on Sunday. They shelled the compound on Saturday."
    assert _place(placed_events_of(text), "Shelling/artillery/missile attack") == "Tripoli"  # a site lends


def test_a_place_of_what_inspired_or_accompanied_the_event_is_not_its_place(placed_events_of):
    # the name qualifies a noun after "by"/"with": where that other thing is, not where the rally was
    text = "Students marched in Amman on Sunday. Encouraged by events in Tunisia, they staged a rally on Monday."
    assert {e.place.name for e in placed_events_of(text) if e.place} == {"Amman"}
    # on the event's own noun, the agent's place is where it happened
    text = ("The SDF said it had advanced in the Al-Nour district on the city's eastern side and repelled an attack by "
            "militants in the western neighborhood of Al-Karama.")
    assert _place(placed_events_of(text), "Armed clash") in ("Al Karama", "Al-Karama")


def test_a_list_parted_by_semicolons_gives_each_item_its_place(placed_events_of):
    events = placed_events_of("Coalition aircraft struck two mortar positions near Mosul; a supply depot near Tikrit; "
                              "and three boats near Basra on Sunday, the command said.")
    strikes = {e.place.name for e in events if e.acled == "Air/drone strike" and e.place}
    assert len(strikes) == 3, strikes


def test_a_clause_after_a_semicolon_is_no_list_item(placed_events_of):
    events = placed_events_of("Police arrested two men in Mosul on Sunday; their families later gathered in Tikrit.")
    arrests = [e for e in events if e.acled == "Arrests"]
    assert [e.place.name for e in arrests if e.place] == ["Mosul"]


def test_a_town_the_same_side_surrounds_is_where_it_fights(placed_events_of):
    events = placed_events_of("Fighting raged near Mosul on Sunday. Army units were surrounding Tikrit and "
                              "fighting the insurgents on Monday.")
    fights = [e for e in events if e.trigger == "fighting" and e.place]
    assert fights and fights[0].place.name.startswith("Tikr"), [(e.trigger, e.place) for e in events]


def test_an_act_told_as_a_participle_or_clause_of_a_positioning_verb_is_at_its_place(placed_events_of):
    events = placed_events_of("Fighting raged near Mosul on Sunday. On Monday army units surrounded Tikrit, cutting "
                              "the last road the insurgents could use.")
    cut = [e for e in events if e.trigger.startswith("cut")]
    assert cut and cut[0].place is not None and cut[0].place.name.startswith("Tikr"), [(e.trigger, e.place) for e in events]


def test_a_states_police_act_at_home_not_at_a_place_borrowed_from_abroad(placed_events_of):
    events = placed_events_of("In Iraq, thousands marched in Mosul on Thursday. The next day Syrian riot police fired "
                              "tear gas at the growing crowds.")
    fired = [e for e in events if "fired" in e.trigger]
    assert fired, [(e.trigger, e.place) for e in events]
    assert fired[0].place is None and fired[0].country == "SY", (fired[0].place, fired[0].country)
    assert all("Iraq" not in (a.canonical or "") for a in (*fired[0].actors, *fired[0].targets))


def test_a_place_of_another_clause_is_not_where_the_trigger_happened(placed_events_of):
    text = ("The two nurses had left Homs by car on Monday morning; gunmen shot them dead while they were walking "
            "in the old market of Hama, a relative said.")
    events = placed_events_of(text)
    assert events and all(e.place and e.admin1 == "Hama" for e in events), [(e.acled, e.place) for e in events]



def test_the_noun_a_relative_clause_acts_on_is_where_it_happened(placed_events_of):
    # the relative word is the object of the act ("which they seized"): the town is what was taken
    text = "Rebels held the town of Brega, which they seized on Monday."
    assert _place(placed_events_of(text), "Non-state actor overtakes territory") == "Al Burayqah"
    # "where" stands for the place itself, not the reporters' home town
    text = "Journalists from Benghazi drove to the port of Brega, where government troops shelled a mosque on Monday."
    assert _place(placed_events_of(text), "Shelling/artillery/missile attack") == "Al Burayqah"
