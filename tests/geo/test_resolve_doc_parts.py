"""Parts of a town ("the Old City", "the eastern X neighbourhood of Y") and unresolved names with candidates."""

from __future__ import annotations

import pytest

from dateline.geo.recognize import ToponymSpan
from dateline.geo.resolve_doc import resolve_places
from dateline.model import Document

from .conftest import geoname, index_of

ROWS = [
    geoname(9001, "Darvel", 35.90, 39.00, "P", "PPLA", "XA", "03", 300_000),
    geoname(9002, "Kessab", 36.30, 38.20, "P", "PPL", "XA", "03", 40_000),
    geoname(9003, "Old City", 31.78, 35.23, "P", "PPL", "XB", "01", 40_000),   # a place of that name in another country
    geoname(9004, "Hebronia", 31.70, 35.10, "P", "PPL", "XB", "01", 150_000),
    geoname(9005, "Lorrick", -35.00, 140.00, "P", "PPL", "XC", "01", 0),
    geoname(9006, "Lorrick", 55.00, -110.00, "P", "PPL", "XD", "01", 0),
    geoname(9007, "Lorrick", -20.00, -50.00, "P", "PPL", "XE", "01", 0),
    geoname(9008, "Hay", -34.50, 144.80, "P", "PPL", "XC", "02", 3_000),   # a town named like the Arabic word
]


@pytest.fixture
def gaz(tmp_path):
    from dateline.geo import Gazetteer

    with Gazetteer(index_of(tmp_path, ROWS, "XX.txt")) as gazetteer:
        yield gazetteer


def _places(gaz, text, *names):
    spans, after = [], {}
    for name in names:
        start = text.index(name, after.get(name, 0))
        after[name] = start + len(name)
        spans.append(ToponymSpan(start, start + len(name), name, "gold"))
    mentions, records = resolve_places(Document(id="d1", source="test", text=text), gaz, spans=spans)
    return mentions, {r.id: r for r in records}


def test_the_old_city_of_a_story_is_its_towns(gaz):
    text = ("Government troops shelled Darvel for a third day. Families left Kessab at dawn. In Darvel, snipers "
            "held the Old City, and aid workers said the Old City had no water.")
    mentions, records = _places(gaz, text, "Darvel", "Kessab", "Darvel", "Old City", "Old City")
    old = [m for m in mentions if m.text == "Old City"]
    assert len(old) == 2
    assert all(records[m.place].geonames_id == 9001 and m.qualifier == "old city" for m in old)
    assert all(m.confidence < records[old[0].place].confidence + 1e-9 for m in old)


def test_old_city_of_a_named_town(gaz):
    text = "Shelling reached Kessab. Later the Old City of Darvel was hit, and Darvel lost power."
    mentions, records = _places(gaz, text, "Kessab", "Old City of Darvel", "Darvel")
    (part,) = [m for m in mentions if m.text == "Old City of Darvel"]
    assert records[part.place].geonames_id == 9001 and part.qualifier == "old city"


def test_an_old_city_near_the_storys_places_keeps_its_own_place(gaz):
    text = "Pilgrims walked from Hebronia to the Old City before dawn, and Hebronia's market opened late."
    mentions, records = _places(gaz, text, "Hebronia", "Old City", "Hebronia")
    (old,) = [m for m in mentions if m.text == "Old City"]
    assert records[old.place].geonames_id == 9003 and old.qualifier is None


def test_a_neighbourhood_with_a_direction_adjective_belongs_to_its_town(gaz):
    text = "Mortars fell on the eastern Zahra neighbourhood of Darvel overnight."
    mentions, records = _places(gaz, text, "Zahra", "Darvel")
    assert len(mentions) == 1
    (m,) = mentions
    assert records[m.place].geonames_id == 9001 and m.qualifier == "neighbourhood: Zahra"


def test_an_unresolved_name_lists_its_candidates(gaz):
    text = "Darvel and Kessab were calm; a convoy was stopped near Lorrick."
    mentions, _records = _places(gaz, text, "Darvel", "Kessab", "Lorrick")
    (stray,) = [m for m in mentions if m.text == "Lorrick"]
    assert stray.place is None
    assert stray.qualifier is not None and stray.qualifier.startswith("candidates: Lorrick (X")


def test_a_bare_hay_cut_off_from_its_name_is_a_district_of_the_town_before_it(gaz):
    text = "Troops pushed into Darvel. \"They are fighting in Hay [district] al-Zahra now,\" an officer said."
    mentions, records = _places(gaz, text, "Darvel", "Hay")
    (hay,) = [m for m in mentions if m.text == "Hay"]
    assert records[hay.place].geonames_id == 9001 and hay.qualifier == "neighbourhood: Hay"
