"""Words the embedded gazetteer knows as places that news uses otherwise: blocs, titles, short country names."""

from __future__ import annotations

import pytest

from dateline.entities.stage import EntitiesStage
from dateline.geo.stage import GeoStage
from dateline.nlp.stage import SpacyStage
from tests.documents import document_builder


@pytest.fixture(scope="module")
def placed():
    build = document_builder([SpacyStage, EntitiesStage, GeoStage], "2019-03-02")

    def run(text: str) -> dict[str, tuple[str, str | None]]:
        document = build(text)
        records = {p.id: p for p in document.place_records}
        return {m.text: (records[m.place].name, records[m.place].country) for m in document.places
                if m.place in records}

    return run


def test_the_west_is_a_bloc_not_a_region(placed):
    found = placed("Leaders in the West condemned the crackdown in Minsk on Tuesday.")
    assert "West" not in found and found["Minsk"][1] == "BY"


def test_a_title_before_a_name_is_no_place(placed):
    found = placed("The bill was introduced by Rep. Steve Cohen of Memphis.")
    assert "Rep." not in found and found["Memphis"][1] == "US"


def test_a_short_country_name(placed):
    assert placed("Refugees returned to Bosnia after the war.")["Bosnia"] == ("Bosnia and Herzegovina", "BA")


def test_a_world_region_by_its_own_name_beats_a_village_of_that_name(placed):
    found = placed("Senators from Maryland and Virginia met in Baltimore and Annapolis to discuss policy in the Middle East.")
    assert found["Middle East"] == ("Middle East", None)
    assert placed("The hearing in Middle East, Maryland, drew a crowd.")["Middle East"][1] == "US"  # a cue says so


def test_readers_comments_place_nothing(placed):
    text = ("Thousands marched through Baghdad on Friday.\n"
            "Great report. March 8, 2011 at 6:40 pm | Reply We fought in Korea and Vietnam.\n"
            "Stay out of Damascus. March 8, 2011 at 7:02 pm | Reply")
    found = placed(text)
    assert "Baghdad" in found and "Korea" not in found and "Damascus" not in found


def test_a_short_alternate_name_alone_is_no_place(placed):
    """GeoNames lists airport codes and short forms as alternate names ("INC" for Yinchuan, "Dec" for Decatur);
    in prose those words are abbreviations. First-level divisions keep theirs ("Ill."), as do dotted initials."""
    found = placed("The data belongs to Acme Holdings, Inc.. Sgt. Mills said on Dec. 11 that the van left Springfield, Ill.")
    assert not {"Inc.", "Inc", "Sgt.", "Sgt", "Dec.", "Dec"} & set(found)
