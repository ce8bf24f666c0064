from __future__ import annotations

import dataclasses

from dateline.geo import GeoStage, event_place, recognize, resolve_places
from dateline.model import Document, Mention, Token
from dateline.settings import Settings

from .conftest import doc_with

_doc = doc_with


def test_recognize_matcher_catches_mislabelled_village(gazetteer):
    text = "Troops advanced on the town of Bashiqa after dawn. Iraqi officers said it fell."
    doc = _doc(text, ("Bashiqa", "ORG"), ("Iraqi", "NORP"))
    spans = {s.text: s for s in recognize(doc, gazetteer)}
    assert "Bashiqa" in spans
    assert spans["Iraqi"].demonym


def test_hyphenated_modifier_is_associative_not_a_location(gazetteer):
    text = "France-backed units and a Baghdad-based monitor reached Mosul. The Baghdad-Mosul road was shut."
    doc = _doc(text, ("France", "GPE"), ("Baghdad", "GPE"), ("Mosul", "GPE"))
    spans = recognize(doc, gazetteer)
    flagged = {(s.text, s.start): s.demonym for s in spans}
    assert flagged[("France", 0)] and flagged[("Baghdad", text.index("Baghdad-based"))]
    assert not flagged[("Mosul", text.index("Mosul."))]
    second = text.index("Baghdad-Mosul")
    assert not flagged.get(("Baghdad", second), False)  # "Baghdad-Mosul": two places, not a modifier


def test_abbreviation_before_a_hyphenated_modifier_is_associative(gazetteer):
    text = "USA.-backed fighters, he said, and U.S.-led forces moved."
    spans = recognize(_doc(text, ("USA", "GPE")), gazetteer)
    assert all(s.demonym for s in spans if s.text.startswith("USA"))


def test_place_inside_an_organisation_name_is_not_a_location(gazetteer):
    text = "The commander told Mosul Radio that the road to Mosul was open. Paris Herald reporters agreed."
    doc = _doc(text, ("Mosul", "GPE"))
    spans = [(s.text, s.start) for s in recognize(doc, gazetteer)]
    assert ("Mosul", text.index("Mosul Radio")) not in spans
    assert ("Mosul", text.index("Mosul was")) in spans
    assert not any(t == "Paris" for t, _ in spans)


def test_district_of_a_city_is_part_of_it_even_when_its_name_is_a_place_elsewhere(gazetteer):
    text = "Troops entered the Paris district of Mosul on Monday."
    doc = _doc(text, ("Paris", "GPE"), ("Mosul", "GPE"))
    mentions, records = resolve_places(doc, gazetteer)
    assert [m.qualifier for m in mentions] == ["district: Paris"]
    assert mentions[0].place == "gn:1001" and {r.id for r in records} == {"gn:1001"}


def test_recognize_guards_common_words(gazetteer):
    text = "Paris said the plan would work. Officials in paris agreed."
    assert [s.text for s in recognize(_doc(text), gazetteer)] == []


def test_resolve_places_offsets_and_provenance(gazetteer):
    text = "Gunmen attacked a village 25 kilometres north east of Mosul on Monday, and Iraqi troops moved into west Mosul."
    doc = _doc(text, ("Mosul", "GPE"), ("Iraqi", "NORP"))
    mentions, records = resolve_places(doc, gazetteer)
    by_id = {r.id: r for r in records}
    for m in mentions:
        assert text[m.start:m.end] == m.text
    labels = {m.text: m.qualifier for m in mentions}
    assert labels["25 kilometres north east of Mosul"] == "25 km NE of"
    assert labels["Iraqi"] == "demonym"
    assert labels["west Mosul"] == "west"
    offset = by_id[next(m.place for m in mentions if m.qualifier == "25 km NE of")]
    assert offset.radius_km == 5.0 and offset.lat > 36.34
    assert by_id["gn:1001"].geonames_id == 1001


def test_resolve_places_unresolved_is_none(gazetteer):
    text = "Families fled to Tal Zzyzx overnight."
    mentions, _ = resolve_places(_doc(text, ("Tal Zzyzx", "GPE")), gazetteer)
    assert mentions[0].place is None and mentions[0].confidence == 0.0


def test_geo_stage_uses_settings_gazetteer(gazetteer):
    stage = GeoStage(Settings(gazetteer=str(gazetteer.path)))
    stage.setup()
    text = "Aircraft struck Falluja on Tuesday."
    (out,) = stage([_doc(text, ("Falluja", "GPE"))])
    assert out.places[0].place == "gn:1005"
    assert out.place_records[0].name == "Al Fallūjah"
    skipped = dataclasses.replace(_doc(text), status="skipped")
    assert stage([skipped]) == [skipped]


def test_event_place_prefers_governed_place_then_preceding(gazetteer):
    text = "Troops gathered in Baghdad. A car bomb exploded in Mosul. Nobody claimed it."
    doc = _doc(text, ("Baghdad", "GPE"), ("Mosul", "GPE"))
    mentions, records = resolve_places(doc, gazetteer)
    doc = dataclasses.replace(doc, places=mentions, place_records=records)
    second = (text.index("A car"), text.index("Nobody") - 1)
    assert event_place(doc, *second).text == "Mosul"
    third = (text.index("Nobody"), len(text))
    assert event_place(doc, *third).text == "Mosul"
    none = dataclasses.replace(doc, places=())
    assert event_place(none, 0, 10) is None


def test_event_place_uses_token_heads(gazetteer):
    text = "Men from Baghdad attacked Mosul."
    doc = _doc(text, ("Baghdad", "GPE"), ("Mosul", "GPE"))
    # Men(0) from(1) Baghdad(2) attacked(3) Mosul(4) .(5): Baghdad hangs off "Men", Mosul off the verb.
    spans = [(0, 3), (4, 8), (9, 16), (17, 25), (26, 31), (31, 32)]
    heads = [3, 0, 1, 3, 3, 3]
    pos = ["NOUN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT"]
    tokens = tuple(Token(s, e, "", p, "", "", h, 0) for (s, e), h, p in zip(spans, heads, pos, strict=True))
    mentions, records = resolve_places(doc, gazetteer)
    doc = dataclasses.replace(doc, tokens=tokens, places=mentions, place_records=records)
    assert event_place(doc, 0, len(text)).text == "Mosul"


def test_names_in_a_list_of_places_and_arabic_article_prefixes_are_places():
    """"in Cairo, Suez and Alexandria" (the tagger calls the middle one an organisation), "al-Brega" style prefixes."""
    from dateline.entities.stage import EntitiesStage
    from dateline.nlp.stage import SpacyStage

    settings = Settings()
    stages = [SpacyStage(settings), EntitiesStage(settings), GeoStage(settings)]
    for stage in stages:
        stage.setup()
    text = "Protesters marched in Cairo, Suez and Alexandria on Friday. Fighting was reported in el-Arish."
    docs = [Document(id="d-g", source="t", text=text, language="en", paragraphs=((0, len(text)),))]
    for stage in stages:
        docs = stage(docs)
    found = {p.text for p in docs[0].places if p.place}
    assert {"Cairo", "Suez", "Alexandria", "el-Arish"} <= found



def test_a_name_quoted_alone_as_a_cry_is_no_place(gazetteer):
    text = "The crowd chanted 'Paris!' outside the embassy. Later they marched to Paris."
    first, second = text.index("Paris"), text.rindex("Paris")
    doc = dataclasses.replace(_doc(text), mentions=(Mention(first, first + 5, "Paris", "GPE"),
                                                    Mention(second, second + 5, "Paris", "GPE")))
    assert [s.start for s in recognize(doc, gazetteer) if s.text == "Paris"] == [second]


def test_a_name_tagged_person_after_in_is_a_place_even_unknown_to_the_gazetteer(gazetteer):
    text = "In Wadi Tamar, a depot was hit on Monday. Fighters in Bir Sahel held out."
    doc = _doc(text, ("Wadi Tamar", "PERSON"), ("Bir Sahel", "PERSON"))
    assert {s.text for s in recognize(doc, gazetteer)} == {"Wadi Tamar", "Bir Sahel"}


def test_a_name_used_as_a_person_elsewhere_is_no_place(gazetteer):
    text = "Crowds gathered near Paris Hilton on Friday. Paris Hilton said nothing. Voters lost faith in Tamar Adli."
    doc = _doc(text, ("Paris Hilton", "PERSON"), ("Tamar Adli", "PERSON"))
    doc = dataclasses.replace(doc, mentions=doc.mentions + (Mention(text.rindex("Paris Hilton"), text.rindex("Paris Hilton") + 12, "Paris Hilton", "PERSON"),))
    assert not {s.text for s in recognize(doc, gazetteer)} & {"Paris Hilton", "Tamar Adli", "Paris"}
