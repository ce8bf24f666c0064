"""Modality: asserted, claimed, denied, hypothetical, planned (own sentences)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "trigger", "modality"),
    [
        ("Rebels shot down an army drone over the valley.", "shot down", "asserted"),
        ("The group has repeatedly claimed to shoot down army drones.", "shoot down", "claimed"),
        ("The militia denied shelling the market.", "shelling", "denied"),
        ("Troops could enter the town later on Friday.", "enter", "hypothetical"),
        ("The offensive is expected to last several weeks.", "offensive", "hypothetical"),
        ("Allied militias are to cut the supply route next week.", "cut", "planned"),
        ("The army will launch an air strike on the camp.", "air strike", "planned"),
        ("Government troops managed to enter the old town.", "enter", "asserted"),
        ("Roads in Dunmore were closed on Monday ahead of a planned protest by nurses.", "protest", "planned"),
        ("Officials warned of a possible attack on the port.", "attack", "hypothetical"),
        ("Guards fired on the crowd, fearing the potential damage from the march.", "fired", "asserted"),
        ("Students poured onto the streets of Dunmore on Monday to protest the new tax.", "protest", "asserted"),
        ("Protesters battle police in Dunmore to demand an end to the curfew.", "battle", "asserted"),
        ("The army launched an operation to retake the town.", "retake", "planned"),
        ("Hundreds of nurses braved the snow in Dunmore on Monday to protest the pay freeze.", "protest", "asserted"),
        ("Teachers will walk out of classes on Monday to protest the pay freeze.", "protest", "planned"),
        ("Gunmen tried to storm the police station on Sunday.", "storm", "asserted"),
        ("Rebels vowed revenge and shelled the port on Friday.", "shelled", "asserted"),
        ("Rebels will regroup and shell the port.", "shell", "planned"),
        ("Gunfire could be heard downtown, and shells were fired at the depot on Monday.", "fired", "asserted"),
        ("Officials denied that troops shelled the depot and that snipers killed two boys.", "killed", "denied"),
        ("Families fled on Monday, demanding safe routes out of the town and an end to air strikes.", "air strikes",
         "planned"),
        ("Rebels were able to take over the airport on Saturday.", "take over", "asserted"),
        ("It was revenge, not just shelling the port on Friday, a commander said.", "shelling", "asserted"),
        ("Their aim was not merely taking over the port, a rebel said on Friday.", "taking over", "asserted"),
        ("The militia did not shell the port on Friday.", "shell", "denied"),
        ("Troops may be able to enter the town on Saturday.", "enter", "hypothetical"),
        ("Gunmen will try to storm the police station.", "storm", "planned"),
        ("Rebels were trying to take over the town of Dunmore.", "take over", "planned"),
        ("The army has fought to regain the towns it lost in May.", "regain", "planned"),
        ("The governor will lift the curfew following protests in Dunmore last week.", "protests", "asserted"),
        ("Troops stayed inside the base in case the rebels attacked.", "attacked", "hypothetical"),
        ("We lay flat in the sand, ready to run in case they shelled the road again.", "shelled", "hypothetical"),
        ("In case you missed it, rebels shelled the port of Dunmore on Monday.", "shelled", "asserted"),
        ("The militia says it is now poised to seize the hill town of Dunmore.", "seize", "planned"),
        ("Two airmen flew to a neighbouring island after being asked to bomb the crowds in Dunmore.", "bomb",
         "planned"),
        ("The colonel ordered his troops to storm the radio station.", "storm", "planned"),
        ("After rebels shelled the port on Monday, the army vowed to retaliate.", "shelled", "asserted"),
        ("The mayor ordered schools shut after protesters stormed the town hall on Monday.", "stormed", "asserted"),
        # an event inside a noun's complement is presupposed: the noun's governor says nothing of it
        ("A rights group urged an inquiry into the detention of nine reporters in Dunmore on Sunday.", "detention",
         "asserted"),
        ("The mayor was not in the square at the time of the bombing in Dunmore on Friday.", "bombing", "asserted"),
        # ... unless the noun is one of intent or fear, or a count, a telling or a stage of the event
        ("Residents fled Dunmore on Monday over the threat of air strikes.", "air strikes", "planned"),
        ("Rebels fear a wave of air strikes on the hill villages.", "air strikes", "hypothetical"),
        ("The militia denied reports of a massacre in Dunmore.", "massacre", "denied"),
        ("The mayor of Dunmore called for a pause in air strikes on Monday.", "air strikes", "planned"),
        # a verb that names its object ("calling the raid a crime") asks for nothing
        ("The mayor called the bombing of the market in Dunmore on Monday a crime.", "bombing", "asserted"),
        # "set" with an object is an act, not the plan word of "set to begin"
        ("The depot in Dunmore was closed after an attack set it on fire on Monday.", "fire", "asserted"),
        # ... and so is a passive "set on fire": only "set to" and "set for" schedule
        ("The party's offices in Dunmore have been set on fire in an attack.", "fire", "asserted"),
        ("The party's offices in Dunmore were set ablaze on Monday.", "set", "asserted"),
        ("The governor's offices in Dunmore are set to be demolished next week.", "demolished", "planned"),
        # a perception with "could" is told as fact
        ("Heavy shelling could be heard across Dunmore on Monday night.", "shelling", "asserted"),
    ],
)
def test_modality(events_of, text, trigger, modality):
    events = events_of(text)
    match = [e for e in events if trigger in e.trigger]
    assert match, [(e.trigger, e.modality) for e in events]
    assert match[0].modality == modality


def test_a_statement_about_a_kind_of_event_is_no_record(events_of):
    assert not events_of("Attacks on aid workers are unacceptable, the agency said.")
    assert not events_of("Bombings of markets are a war crime.")


def test_an_incident_told_with_be_and_a_place_or_day_is_still_one(placed_events_of):
    assert placed_events_of("Clashes are fierce in Kirkuk today, residents said.")


def test_a_habit_is_no_record_unless_its_day_is_named(placed_events_of):
    habit = placed_events_of("Since the siege began in March, the militia has repeatedly sent truck bombs against "
                             "the army's lines around Kadugli.")
    assert not [e for e in habit if e.acled in ("Suicide bomb", "Remote explosive/landmine/IED")]
    day = placed_events_of("The militia repeatedly shelled the army's lines around Kadugli on Monday.")
    assert [e for e in day if e.acled == "Shelling/artillery/missile attack"]
    earlier = placed_events_of("In previous battles, a commander says, the militia's artillery units have taken over "
                               "homes in Kadugli and simply shelled from a distance.")
    assert not [e for e in earlier if e.acled == "Shelling/artillery/missile attack"], [e.acled for e in earlier]


def test_a_campaigns_running_count_of_strikes_is_no_record(placed_events_of):
    total = placed_events_of("Alliance warplanes, which have flown hundreds of air strikes in support of the rebels "
                             "since the offensive on Oltania began in May, hit a depot near Kadugli on Monday.")
    assert [e.trigger for e in total if e.acled == "Air/drone strike"] == ["hit"]  # the day's strike, not the total
    counted = placed_events_of("Alliance warplanes carried out 14 air strikes near Kadugli since Monday.")
    assert not [e for e in counted if e.acled == "Air/drone strike"]
    day = placed_events_of("Alliance warplanes carried out 14 air strikes near Kadugli on Monday.")
    assert [e for e in day if e.acled == "Air/drone strike"]  # one day's strikes at one place: ACLED codes them


def test_a_device_only_laid_is_no_explosion(placed_events_of):
    laid = placed_events_of("The navy stopped two fishing boats whose crews were laying mines near Kadugli port on Monday.")
    assert not [e for e in laid if e.acled == "Remote explosive/landmine/IED"]
    went_off = placed_events_of("Militants planted a bomb under a bus near Kadugli on Monday; it exploded at noon.")
    assert [e for e in went_off if e.acled == "Remote explosive/landmine/IED"]
    sown = placed_events_of("Aid workers fear for herders crossing pastures the militia had sown with mines near Kadugli.")
    assert not [e for e in sown if e.acled in ("Remote explosive/landmine/IED", "Suicide bomb")]


def test_strikes_counted_in_hundreds_without_a_day_are_a_tally(placed_events_of):
    tally = placed_events_of("The push on Kadugli has been backed by hundreds of alliance air strikes since spring.")
    assert not [e for e in tally if e.acled == "Air/drone strike"]
    tally = placed_events_of("The army's advance on Kadugli was backed by dozens of alliance air strikes.")
    assert not [e for e in tally if e.acled == "Air/drone strike"]
    day = placed_events_of("Dozens of alliance air strikes hit Kadugli on Monday.")
    assert [e for e in day if e.acled == "Air/drone strike"]


def test_a_refusal_is_no_incident_told_as_fact(events_of):
    events = events_of("Soldiers refused to fire on the protesters in Dunmore on Monday.")
    assert events and all(e.modality == "denied" for e in events if "fire" in e.trigger), \
        [(e.trigger, e.modality) for e in events]


def test_an_act_counted_several_times_over_a_period_is_a_running_total(placed_events_of):
    counted = placed_events_of("Over the past two years, ferries in and out of Kadugli have been bombed at least three "
                               "times.")
    assert not [e for e in counted if e.acled in ("Air/drone strike", "Remote explosive/landmine/IED")], counted
    day = placed_events_of("The militia shelled the army's lines around Kadugli three times on Monday.")
    assert [e for e in day if e.acled == "Shelling/artillery/missile attack"]
    shots = placed_events_of("A teacher was shot six times outside his home in Kadugli on Monday.")
    assert shots  # the shots of one act


def test_what_recent_weeks_saw_is_no_one_incident(placed_events_of):
    weeks = placed_events_of("In recent weeks, tens of thousands have marched through Kadugli to demand jobs.")
    assert not [e for e in weeks if e.acled == "Peaceful protest"], [e.acled for e in weeks]
    day = placed_events_of("Tens of thousands marched through Kadugli on Monday to demand jobs, after weeks of "
                           "smaller rallies.")
    assert [e for e in day if e.acled == "Peaceful protest"]
    now_and_then = placed_events_of("The marches in Kadugli have turned violent at times, with police crackdowns "
                                    "leading to dozens of deaths.")
    assert not [e for e in now_and_then if e.acled == "Violent demonstration"], [e.acled for e in now_and_then]


def test_an_incident_asked_about_is_no_fact(placed_events_of):
    asked = placed_events_of("Will the marchers in Kadugli continue to protest on Monday?")
    assert asked and all(e.modality == "hypothetical" and not e.reportable for e in asked), asked
    told = placed_events_of("The marchers in Kadugli continued to protest on Monday.")
    assert [e.modality for e in told if e.acled == "Peaceful protest"] == ["asserted"]
    # a summary block glued to a headline question is no question about the incident it tells
    glued = placed_events_of("NEW: Officials in the capital say talks will resume next week A witness says troops "
                             "fired on marchers in Kadugli on Monday, wounding twelve people The army denies any "
                             "role in the shooting Can the truce hold?")
    told = [e.modality for e in glued if e.trigger in ("fired", "shooting")]
    assert told and set(told) == {"asserted"}, [(e.trigger, e.modality) for e in glued]


def test_an_activity_a_gerund_subject_names_is_no_incident_unless_dated(placed_events_of):
    policy = placed_events_of("Using car bombs against rival clans was the militia's tactic across Kadugli province.")
    assert not [e for e in policy if e.acled == "Remote explosive/landmine/IED"], [e.acled for e in policy]
    dated = placed_events_of("Bombing the two bridges at Kadugli on Monday cut the town off, a commander said.")
    assert [e for e in dated if e.trigger == "Bombing"], [(e.trigger, e.acled) for e in dated]
    headline = placed_events_of("Snipers, shelling are in the east of Kadugli, a commander says.")
    assert [e for e in headline if e.acled == "Shelling/artillery/missile attack"], [e.acled for e in headline]



def test_one_persons_act_in_protest_is_no_demonstration(placed_events_of):
    # "in protest" tells why one person acted; a crowd that acts in protest still protests
    alone = placed_events_of("The deputy minister resigned in protest at the shootings in Dunmore on Tuesday.")
    assert not [e for e in alone if e.acled == "Peaceful protest"], alone
    crowd = placed_events_of("Shopkeepers in Dunmore closed their shops in protest on Tuesday.")
    assert [e for e in crowd if e.acled == "Peaceful protest"], crowd


def test_a_similar_event_the_sentence_compares_with_is_no_incident(placed_events_of):
    # a "similar" event inside a preposition or a subordinate clause is colour; one the sentence reports is news
    text = ("Hundreds of people marched in Homs on Friday. The rally came after similar protests in Egypt forced "
            "its president to resign. Activists reported similar protests in Hama.")
    events = placed_events_of(text, "2011-03-26")
    protests = [e for e in events if e.acled == "Peaceful protest"]
    assert protests and not [e for e in events if e.country == "EG"], [(e.acled, e.place, e.country) for e in events]
    assert [e for e in protests if e.admin1 == "Hama"], [(e.acled, e.place) for e in protests]
