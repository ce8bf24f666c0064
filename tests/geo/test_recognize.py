"""Recognition of places the small NER model tags as organisations or persons (metonymic uses)."""

from __future__ import annotations

from dateline.geo import recognize
from dateline.model import Document

from .conftest import doc_with, geoname, index_of

_doc = doc_with


def test_a_capital_or_country_tagged_org_is_a_place(gazetteer):
    text = "Baghdad rejected the offer on Sunday, and France asked for more time."
    found = {s.text for s in recognize(_doc(text, ("Baghdad", "ORG"), ("France", "ORG")), gazetteer)}
    assert {"Baghdad", "France"} <= found


def test_a_demonym_tagged_org_is_a_flagged_demonym(gazetteer):
    text = "Iraqi ministers met late into the night."
    (span,) = recognize(_doc(text, ("Iraqi", "ORG")), gazetteer)
    assert span.text == "Iraqi" and span.demonym


def test_a_small_town_or_a_longer_organisation_name_tagged_org_is_not(gazetteer):
    text = "Oakdale Hardware sponsored the fair; Oakdale also thanked Paris Orchestra players."
    doc = _doc(text, ("Oakdale Hardware", "ORG"), ("Oakdale", "ORG"), ("Paris Orchestra", "ORG"))
    assert [s.text for s in recognize(doc, gazetteer)] == []


def test_a_person_tagged_place_needs_no_title_anywhere(gazetteer):
    sued = "France sued the agency over the new rule."
    assert [s.text for s in recognize(_doc(sued, ("France", "PERSON")), gazetteer)] == ["France"]
    titled = "Mr Paris told reporters he would step down."
    assert recognize(_doc(titled, ("Paris", "PERSON")), gazetteer) == []


def test_a_dateline_in_capitals_is_a_place(gazetteer):
    text = "Council backs new budget\nMOSUL — The provincial council voted on Monday. BAGHDAD, Iraq (Wire) - Talks resumed."
    second = text.index("BAGHDAD")
    doc = Document(id="d1", source="test", text=text, paragraphs=((0, 24), (25, len(text))),
                   sentences=((0, 24), (25, second - 1), (second, len(text))))
    found = [s.text for s in recognize(doc, gazetteer)]
    assert found[:2] == ["MOSUL", "BAGHDAD"]


def test_capitals_that_are_no_dateline_or_no_place_are_not(gazetteer):
    text = "MOSUL, the club, lost again. Later THE MOSUL TEAM won."
    later = text.index("Later")
    doc = Document(id="d1", source="test", text=text, paragraphs=((0, len(text)),), sentences=((0, later - 1), (later, len(text))))
    assert recognize(doc, gazetteer) == []


def test_a_country_inside_an_organisation_name_is_an_associative_mention(gazetteer):
    text = "Economists at the Bank of France cut their forecast; the Paris Orchestra played on."
    spans = recognize(_doc(text, ("the Bank of France", "ORG"), ("the Paris Orchestra", "ORG")), gazetteer)
    assert [(s.text, s.demonym) for s in spans] == [("France", True)]  # a town in a name is too often a namesake


def test_a_demonym_inside_an_organisation_name_is_left_to_the_actors(gazetteer):
    text = "Units of the Iraqi Counter Terrorism Service advanced at dawn."
    assert recognize(_doc(text, ("the Iraqi Counter Terrorism Service", "ORG")), gazetteer) == []


def test_a_speaker_label_in_a_transcript_is_no_place(gazetteer):
    text = "PARIS: We go live to Baghdad now. PARIS: Reporters in PARIS said talks resumed."
    doc = _doc(text, ("PARIS", "GPE"), ("Baghdad", "GPE"))
    later = text.index("in PARIS") + 3
    doc = Document(id="d1", source="test", text=text, paragraphs=((0, len(text)),),
                   mentions=(*doc.mentions, type(doc.mentions[0])(later, later + 5, "PARIS", "GPE")))
    assert [(s.text, s.start) for s in recognize(doc, gazetteer)] == [("Baghdad", text.index("Baghdad")), ("PARIS", later)]


def test_a_dateline_in_capitals_before_a_colon_stays_a_place(gazetteer):
    text = "BAGHDAD: Talks resumed on Monday."
    assert [s.text for s in recognize(_doc(text, ("BAGHDAD", "GPE")), gazetteer)] == ["BAGHDAD"]


def test_a_speaker_who_speaks_once_in_a_transcript_is_no_place(gazetteer):
    text = ("HOST: Good evening. SMITH: It was calm today. HOST: And the capital? JONES: Quiet. HOST: Thank you. "
            "PARIS: Crowds were out in Baghdad.")
    doc = _doc(text, ("PARIS", "GPE"), ("Baghdad", "GPE"))
    assert [s.text for s in recognize(doc, gazetteer)] == ["Baghdad"]


def test_a_pronoun_contraction_is_no_place(tmp_path):
    from dateline.geo import Gazetteer

    rows = [geoname(9101, "Quartier Quatre", 48.86, 2.35, "P", "PPLX", "XF", "11", 28_000, "IVe,Ive"),
            geoname(9102, "Darvel", 35.90, 39.00, "P", "PPLA", "XA", "03", 300_000)]
    text = "Since Monday I've seen the crowds in Darvel, and I'm sure there will be more."
    with Gazetteer(index_of(tmp_path, rows, "XX.txt")) as gazetteer:
        assert [s.text for s in recognize(_doc(text, ("Darvel", "GPE")), gazetteer)] == ["Darvel"]


def test_a_place_after_near_is_no_speaker_of_the_verb_that_follows(gazetteer):
    text = "Fighters near Qasr Nadim said they held the bridge. Troops later entered the town of Qasr Nadim again."
    found = [s.start for s in recognize(_doc(text, ("Qasr Nadim", "PERSON")), gazetteer) if s.text == "Qasr Nadim"]
    assert text.rindex("Qasr Nadim") in found  # "Qasr Nadim said" is the fighters' saying, not a person's
    spoken = "Qasr Nadim said he held the bridge. Troops later entered the town of Qasr Nadim again."
    assert not [s for s in recognize(_doc(spoken, ("Qasr Nadim", "PERSON")), gazetteer) if s.text == "Qasr Nadim"]


def test_an_org_tagged_spelling_of_a_big_city_s_own_name_is_a_place(tmp_path):
    from dateline.geo import Gazetteer

    rows = [geoname(9201, "Marsatah", 32.1, 15.0, "P", "PPL", "XA", "03", 350_000, "Marsata,Hilltown")]
    text = "Rockets hit Marsata on Monday, and Hilltown said more would come."
    doc = _doc(text, ("Marsata", "ORG"), ("Hilltown", "ORG"))
    with Gazetteer(index_of(tmp_path, rows, "XX.txt")) as gazetteer:
        assert [s.text for s in recognize(doc, gazetteer)] == ["Marsata"]  # an alternate name only is no place


def test_a_weapon_named_after_a_place_is_no_place(gazetteer):
    text = "The rebels fired a Paris missile at the column; the Mosul rocket attack came later."
    found = [s.text for s in recognize(_doc(text, ("Paris", "GPE"), ("Mosul", "GPE")), gazetteer)]
    assert found == ["Mosul"]  # "Mosul rocket attack": the weapon noun modifies another, the place stays


def test_a_word_the_document_uses_as_a_persons_surname_is_that_person(tmp_path):
    from dateline.geo import Gazetteer

    rows = [geoname(9301, "Hollister", 36.85, -121.4, "P", "PPL", "US", "CA", 40_000, "")]
    named = "Senator Ann Hollister praised the deal. Later Hollister called the vote historic."
    spoken = "Crowds gathered downtown. Later Hollister declared an emergency after the floods."
    with Gazetteer(index_of(tmp_path, rows, "XX.txt")) as gazetteer:
        assert recognize(_doc(named, ("Ann Hollister", "PERSON")), gazetteer) == []
        assert [s.text for s in recognize(_doc(spoken), gazetteer)] == ["Hollister"]  # no such person: the town


def test_a_first_name_of_a_person_the_document_names_is_that_person(tmp_path):
    from dateline.geo import Gazetteer

    rows = [geoname(9302, "Marnie", 54.9, 83.1, "P", "PPL", "RU", "53", 95_000, ""),
            geoname(9303, "Tessaly", 31.9, 35.9, "A", "PCLI", "XT", "00", 9_000_000, "")]
    host = "MARNIE OKAFOR, HOST: Welcome back. REPORTER: Yes, Marnie, the crowds are growing in the square."
    town = "Floods cut the road north, and Marnie was without power on Monday."
    country = "Tessaly Brown anchored the show. Later the talks in the capital of Tessaly broke down."
    with Gazetteer(index_of(tmp_path, rows, "XX.txt")) as gazetteer:
        doc = _doc(host, ("MARNIE OKAFOR", "PERSON"), ("Marnie", "GPE"))
        assert [s.text for s in recognize(doc, gazetteer)] == []  # the host, not the town
        assert [s.text for s in recognize(_doc(town, ("Marnie", "GPE")), gazetteer)] == ["Marnie"]  # nobody so named
        doc = _doc(country, ("Tessaly Brown", "PERSON"), ("Tessaly", "GPE"))
        assert "Tessaly" in [s.text for s in recognize(doc, gazetteer)]  # a country stays one
